/**
 * Import benchmark (`npm run bench:import`): slices/s for uncompressed 512x512 MR slices and for each
 * compressed transfer syntax (transcoded with dcmtk/gdcm), and ms to import one standard phantom study.
 * Prints numbers; asserts nothing. Plain Node; never imports electron.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uidFromSeed, writeDicomPart10 } from '../main/engine/dicom/writeDicom';
import { importPaths, scanPaths } from '../main/engine/import/importPaths';
import { generateStudy } from '../main/engine/phantom/study';

const SIZE = 512;
const SLICES = 40;
const RUNS = 3;

/** A smooth body-like image plus noise (so compressors see realistic entropy), 12-bit values. */
function sliceValues(k: number, seed: number): Uint16Array {
  const out = new Uint16Array(SIZE * SIZE);
  let s = (seed * 7919 + k * 104729) >>> 0;
  for (let r = 0; r < SIZE; r++) {
    for (let c = 0; c < SIZE; c++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const dx = (c - SIZE / 2) / (SIZE * 0.35);
      const dy = (r - SIZE / 2) / (SIZE * 0.42);
      const body = dx * dx + dy * dy < 1 ? 900 + 500 * Math.sin(c / 23 + k / 5) * Math.cos(r / 31) : 40;
      out[r * SIZE + c] = Math.max(0, Math.min(4095, Math.round(body + ((s >>> 20) % 64) - 32)));
    }
  }
  return out;
}

function writeSeries(dir: string, description: string, normal: 'x' | 'z', seed: number): void {
  mkdirSync(dir, { recursive: true });
  const iop = normal === 'x' ? [0, 1, 0, 0, 0, -1] : [1, 0, 0, 0, 1, 0];
  for (let k = 0; k < SLICES; k++) {
    const ipp = normal === 'x' ? [-k * 4, -120, 120] : [-120, -120, k * 4];
    const bytes = writeDicomPart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.4',
      SOPInstanceUID: uidFromSeed(`bench/${seed}/${k}`),
      StudyInstanceUID: uidFromSeed('bench/study'),
      SeriesInstanceUID: uidFromSeed(`bench/series/${seed}`),
      FrameOfReferenceUID: uidFromSeed('bench/for'),
      Modality: 'MR',
      BodyPartExamined: 'LSPINE',
      SeriesDescription: description,
      SeriesNumber: seed,
      InstanceNumber: k + 1,
      RepetitionTime: normal === 'z' || description.includes('T2') ? 3500 : 550,
      EchoTime: normal === 'z' || description.includes('T2') ? 100 : 10,
      ImagePositionPatient: ipp,
      ImageOrientationPatient: iop,
      PixelSpacing: [0.5, 0.5],
      SliceThickness: 4,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      Rows: SIZE,
      Columns: SIZE,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      PixelData: [sliceValues(k, seed).buffer],
    });
    writeFileSync(path.join(dir, `${k + 1}.dcm`), bytes);
  }
}

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

function transcode(src: string, dst: string, tool: string, args: readonly string[]): void {
  mkdirSync(dst, { recursive: true });
  for (const f of readdirSync(src)) {
    const r = spawnSync(tool, [...args, path.join(src, f), path.join(dst, f)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${tool} failed: ${r.stderr}`);
  }
}

/** Median wall time (ms) of `RUNS` full imports of `dir`, after one warm-up, and the slices imported. */
async function timeImport(dir: string): Promise<{ ms: number; slices: number; problems: number }> {
  const first = await importPaths([dir]);
  const slices = first.studies
    .flatMap((s) => s.series.flatMap((se) => se.stacks))
    .reduce((n, v) => n + v.geometry.dims[2], 0);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await importPaths([dir]);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    ms: times[Math.floor(RUNS / 2)],
    slices,
    problems: first.problems.filter((p) => p.code !== 'MISSING_SERIES').length,
  };
}

const SYNTAXES: ReadonlyArray<[string, string, readonly string[]]> = [
  ['Implicit VR Little Endian', 'dcmconv', ['+ti']],
  ['Explicit VR Big Endian', 'dcmconv', ['+tb']],
  ['Deflated Explicit VR LE', 'dcmconv', ['+td']],
  ['RLE Lossless', 'dcmcrle', []],
  ['JPEG Lossless SV1 (process 14)', 'dcmcjpeg', ['+e1']],
  ['JPEG-LS Lossless', 'dcmcjpls', []],
  ['JPEG-LS Near-Lossless', 'dcmcjpls', ['+en']],
  ['JPEG 2000 Lossless', 'gdcmconv', ['--j2k']],
  ['JPEG 2000 Lossy', 'gdcmconv', ['--j2k', '--lossy', '-q', '80']],
];

async function benchPhantom(root: string): Promise<void> {
  const dir = path.join(root, 'phantom');
  generateStudy({ seed: 'bench', studyIndex: 0, missingRole: 'none' }, (rel, bytes) => {
    const p = path.join(dir, rel);
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, bytes);
  });
  const r = await timeImport(dir);
  const t0 = performance.now();
  await scanPaths([dir]);
  const scanMs = performance.now() - t0;
  console.log(
    `standard phantom study (default matrix): ${r.slices} slices imported in ${r.ms.toFixed(0)} ms ` +
      `(header-only scan ${scanMs.toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'sg-bench-import-'));
  try {
    const src = path.join(root, 'uncompressed');
    writeSeries(path.join(src, 'sag_t1'), 'Sagittal T1', 'x', 1);
    writeSeries(path.join(src, 'sag_t2'), 'Sagittal T2/STIR', 'x', 2);
    writeSeries(path.join(src, 'ax_t2'), 'Axial T2', 'z', 3);
    console.log(
      `Import benchmark: ${SIZE}x${SIZE} 12-bit MR slices, 3 series x ${SLICES}, median of ${RUNS} runs\n`,
    );
    const base = await timeImport(src);
    const line = (name: string, r: { ms: number; slices: number; problems: number }): void =>
      console.log(
        `${name.padEnd(34)} ${(r.slices / (r.ms / 1000)).toFixed(0).padStart(6)} slices/s  (${r.slices} slices in ${r.ms.toFixed(0)} ms${r.problems ? `, ${r.problems} problems` : ''})`,
      );
    line('Explicit VR Little Endian', base);
    for (const [name, tool, args] of SYNTAXES) {
      if (!hasTool(tool)) {
        console.log(`${name.padEnd(34)} skipped: ${tool} not installed`);
        continue;
      }
      const dir = path.join(root, name.replace(/[^a-z0-9]+/gi, '_'));
      transcode(path.join(src, 'sag_t1'), dir, tool, args);
      line(name, await timeImport(dir));
      rmSync(dir, { recursive: true, force: true });
    }
    console.log('');
    await benchPhantom(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
