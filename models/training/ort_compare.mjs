// Parity and speed of two ONNX graphs with the same inputs in onnxruntime-node (CPU), e.g. a classifier and its
// int8 copy (models/training/quantize.py): seeded random inputs of the manifest's shapes in [0, 1.5], batch B,
// intra-op threads T; prints JSON {maxAbsDiff, meanAbsDiff, msMedian: [a, b], cpuMsMedian: [a, b], ...}.
// Node only; no network.
// Usage: node models/training/ort_compare.mjs A.onnx B.onnx SHAPES.json [--batch 5] [--threads 2] [--runs 5]
// SHAPES.json: a package manifest (its classifier's inputs; the localizer's when A's name says localizer) or a
// plain {"input name": [dims, -1 = batch]} object.
import { readFileSync } from 'node:fs';
import ort from 'onnxruntime-node';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** mulberry32: seeded uniform numbers so both graphs and reruns see the same inputs. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function feeds(inputs, batch, seed) {
  const next = rng(seed);
  const out = {};
  for (const [name, shape] of Object.entries(inputs)) {
    const dims = shape.map((d) => (d < 0 ? batch : d));
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = name === 'view_mask' ? 1 : 1.5 * next();
    out[name] = new ort.Tensor('float32', data, dims);
  }
  return out;
}

async function timed(path, inputs, threads, runs) {
  const session = await ort.InferenceSession.create(path, {
    executionProviders: ['cpu'],
    intraOpNumThreads: threads,
    graphOptimizationLevel: 'all',
    // As the app's sessions (main/engine/runtime/executionProvider.ts): no busy-waiting between runs, so the
    // process CPU time is work, not spinning.
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  });
  let out;
  const ms = [];
  const cpuMs = [];
  for (let r = 0; r <= runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    out = await session.run(inputs);
    const c = process.cpuUsage(c0);
    if (r > 0) {
      ms.push(performance.now() - t0); // run 0 warms up
      cpuMs.push((c.user + c.system) / 1000);
    }
  }
  await session.release();
  const mid = (x) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)];
  return { out: out[Object.keys(out)[0]].data, ms: mid(ms), cpuMs: mid(cpuMs) };
}

const [a, b, manifestPath] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const batch = arg('batch', 5);
const threads = arg('threads', 2);
const runs = arg('runs', 5);
const stage = manifest.classifier
  ? a.includes('localizer')
    ? manifest.localizer
    : manifest.classifier
  : { inputs: manifest };
let maxAbsDiff = 0;
let sumAbs = 0;
let n = 0;
const msA = [];
const msB = [];
const cpuA = [];
const cpuB = [];
for (const seed of [1, 2, 3]) {
  const inputs = feeds(stage.inputs, batch, seed);
  const ra = await timed(a, inputs, threads, runs);
  const rb = await timed(b, inputs, threads, runs);
  msA.push(ra.ms);
  msB.push(rb.ms);
  cpuA.push(ra.cpuMs);
  cpuB.push(rb.cpuMs);
  for (let i = 0; i < ra.out.length; i++) {
    const d = Math.abs(ra.out[i] - rb.out[i]);
    maxAbsDiff = Math.max(maxAbsDiff, d);
    sumAbs += d;
    n += 1;
  }
}
const med = (x) => [...x].sort((p, q) => p - q)[1];
console.log(
  JSON.stringify({
    a,
    b,
    batch,
    threads,
    runs,
    maxAbsDiff,
    meanAbsDiff: sumAbs / n,
    msMedian: [med(msA), med(msB)],
    // process CPU time per run (all threads): divided by the threads, about the wall time on idle cores
    cpuMsMedian: [med(cpuA), med(cpuB)],
  }),
);
