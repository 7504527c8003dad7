// Parity check for the trainer: runs each exported ONNX model in onnxruntime-node (CPU) on inputs saved by
// Python as .npy and compares with torch's outputs (max abs diff <= tolerance). Node only; no network.
// Usage: node models/training/ort_parity.mjs SPEC.json  (SPEC: {tolerance, cases: [{model, inputs, outputs}]})
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

/** Reads a little-endian float32 C-order .npy file (format version 1, 2 or 3). */
function readNpy(path) {
  const buf = readFileSync(path);
  if (buf.toString('latin1', 1, 6) !== 'NUMPY') throw new Error(`${path} is not a .npy file`);
  const major = buf[6];
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLen;
  const header = buf.toString('latin1', major === 1 ? 10 : 12, start);
  if (!/'descr':\s*'<f4'/.test(header))
    throw new Error(`${path}: only little-endian float32 is supported (${header})`);
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: Fortran order is not supported`);
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)[1];
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = buf.readFloatLE(start + 4 * i);
  return { shape, data };
}

async function runCase(c, tolerance) {
  const session = await ort.InferenceSession.create(c.model, { executionProviders: ['cpu'] });
  const feeds = {};
  for (const [name, file] of Object.entries(c.inputs)) {
    const { shape, data } = readNpy(file);
    feeds[name] = new ort.Tensor('float32', data, shape);
  }
  const outputs = await session.run(feeds);
  const results = [];
  for (const [name, file] of Object.entries(c.outputs)) {
    const want = readNpy(file);
    const got = outputs[name];
    if (!got) throw new Error(`${c.model} has no output "${name}" (has ${Object.keys(outputs).join(', ')})`);
    const sameShape = got.dims.length === want.shape.length && got.dims.every((d, i) => d === want.shape[i]);
    let maxAbsDiff = sameShape ? 0 : Infinity;
    if (sameShape)
      for (let i = 0; i < want.data.length; i++)
        maxAbsDiff = Math.max(maxAbsDiff, Math.abs(got.data[i] - want.data[i]));
    results.push({ model: c.model, output: name, shape: got.dims, maxAbsDiff, ok: maxAbsDiff <= tolerance });
  }
  await session.release();
  return results;
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const tolerance = spec.tolerance ?? 1e-4;
try {
  const results = [];
  for (const c of spec.cases) results.push(...(await runCase(c, tolerance)));
  const ok = results.every((r) => r.ok);
  console.log(JSON.stringify({ ok, tolerance, results }));
  process.exit(ok ? 0 : 1);
} catch (e) {
  console.log(
    JSON.stringify({ ok: false, tolerance, error: e instanceof Error ? e.message : String(e), results: [] }),
  );
  process.exit(1);
}
