/**
 * Decoding: a series written uncompressed with dcmjs is transcoded with the real encoders (dcmtk, gdcm)
 * and must decode bit for bit to the same pixels (lossy syntaxes: within a stated tolerance).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../../main/engine/import/importPaths';
import type { Volume } from '../../../../main/engine/volume/types';
import { sagittalSpec, writeEnhancedSeries, writeSeries, type SeriesSpec } from './fixtures';
import { missingTools, runTool } from './tools';

let root = '';

async function importVolume(dir: string): Promise<Volume> {
  const r = await importPaths([dir]);
  const decodeProblems = r.problems.filter((p) => p.code !== 'MISSING_SERIES');
  expect(decodeProblems).toEqual([]);
  expect(r.studies).toHaveLength(1);
  return r.studies[0].series[0].stacks[0];
}

/** Transcode every file of `srcDir` into `outDir` with `tool args... in out`. */
function transcodeDir(srcDir: string, outDir: string, tool: string, args: readonly string[]): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(srcDir)) runTool(tool, [...args, path.join(srcDir, f), path.join(outDir, f)]);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}

const unsigned12 = sagittalSpec('codec', 'u16', 'Sagittal T1', { slices: 3, rows: 37, columns: 41 });
const signed16 = sagittalSpec('codec', 's16', 'Sagittal T1', {
  slices: 3,
  signed: true,
  value: (c, r, k) => ((c * 811 + r * 1999 + k * 7001) % 60000) - 30000,
});
const eightBit = sagittalSpec('codec', 'u8', 'Sagittal T1', {
  slices: 3,
  rows: 64,
  columns: 64,
  bitsAllocated: 8,
  value: (c, r, k) => Math.round(128 + 100 * Math.sin(c / 9 + k) * Math.cos(r / 11)),
});

const SOURCES: Record<string, SeriesSpec> = { unsigned12, signed16, eightBit };
const reference: Record<string, Volume> = {};

/** Lossless cases: tool, arguments, which source series. */
const LOSSLESS: ReadonlyArray<[string, string, readonly string[], keyof typeof SOURCES]> = [
  ['implicit VR little endian (dcmconv +ti)', 'dcmconv', ['+ti'], 'unsigned12'],
  ['explicit VR big endian (dcmconv +tb)', 'dcmconv', ['+tb'], 'signed16'],
  ['deflated (dcmconv +td)', 'dcmconv', ['+td'], 'unsigned12'],
  ['RLE lossless (dcmcrle)', 'dcmcrle', [], 'signed16'],
  ['RLE lossless 8-bit (dcmcrle)', 'dcmcrle', [], 'eightBit'],
  ['RLE lossless (gdcmconv --rle)', 'gdcmconv', ['--rle'], 'unsigned12'],
  ['JPEG lossless process 14 SV1 (dcmcjpeg +e1)', 'dcmcjpeg', ['+e1'], 'unsigned12'],
  ['JPEG lossless process 14 (dcmcjpeg +el)', 'dcmcjpeg', ['+el'], 'unsigned12'],
  ['JPEG lossless signed 16-bit (dcmcjpeg +e1)', 'dcmcjpeg', ['+e1'], 'signed16'],
  ['JPEG-LS lossless (dcmcjpls)', 'dcmcjpls', [], 'signed16'],
  ['JPEG-LS lossless (gdcmconv --jpegls)', 'gdcmconv', ['--jpegls'], 'unsigned12'],
  ['JPEG 2000 lossless (gdcmconv --j2k)', 'gdcmconv', ['--j2k'], 'unsigned12'],
  ['JPEG 2000 lossless signed (gdcmconv --j2k)', 'gdcmconv', ['--j2k'], 'signed16'],
];

const TOOLS = ['dcmconv', 'dcmcrle', 'dcmcjpeg', 'dcmcjpls', 'dcmdjpeg', 'gdcmconv'];
const missing = missingTools(TOOLS, 'codec round trips');

describe.skipIf(missing.length > 0)('decoding transcoded series', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sg-codecs-'));
    for (const [name, spec] of Object.entries(SOURCES)) {
      writeSeries(path.join(root, 'src', name), spec);
      reference[name] = await importVolume(path.join(root, 'src', name));
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads the uncompressed sources with the values that were written', () => {
    // Slice k = 0 of the volume is written slice 0 (n = -x, written slices step along n).
    expect(Array.from(reference.signed16.pixels.slice(0, 3))).toEqual([-30000, -30000 + 811, -30000 + 1622]);
    expect(Math.min(...reference.signed16.pixels)).toBeLessThan(0);
  });

  for (const [label, tool, args, source] of LOSSLESS) {
    it(`${label} decodes bit for bit`, async () => {
      const dir = path.join(root, label.replace(/[^a-z0-9]+/gi, '_'));
      transcodeDir(path.join(root, 'src', source), dir, tool, args);
      const v = await importVolume(dir);
      expect(maxAbsDiff(v.pixels, reference[source].pixels)).toBe(0);
    });
  }

  it('JPEG-LS near-lossless (dcmcjpls +en, NEAR 2) decodes within 2', async () => {
    const dir = path.join(root, 'jpls-near');
    transcodeDir(path.join(root, 'src', 'unsigned12'), dir, 'dcmcjpls', ['+en']);
    const v = await importVolume(dir);
    const d = maxAbsDiff(v.pixels, reference.unsigned12.pixels);
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThanOrEqual(2);
  });

  it('JPEG baseline 8-bit (dcmcjpeg +eb +sr, quality 90) matches dcmdjpeg within 1 and the source within 2 on average', async () => {
    const dir = path.join(root, 'jpeg-baseline');
    const back = path.join(root, 'jpeg-baseline-dcmdjpeg');
    // +sr: scale by the 8-bit range (identity) instead of the default min/max stretch, so values stay comparable.
    transcodeDir(path.join(root, 'src', 'eightBit'), dir, 'dcmcjpeg', ['+eb', '+sr']);
    transcodeDir(dir, back, 'dcmdjpeg', []);
    const v = await importVolume(dir);
    const ref = await importVolume(back);
    expect(maxAbsDiff(v.pixels, ref.pixels)).toBeLessThanOrEqual(1);
    expect(meanAbsDiff(v.pixels, reference.eightBit.pixels)).toBeLessThan(2);
  });

  it('JPEG 2000 lossy (gdcmconv --j2k --lossy -q 80) matches gdcm decoding within 1', async () => {
    const dir = path.join(root, 'j2k-lossy');
    const back = path.join(root, 'j2k-lossy-raw');
    transcodeDir(path.join(root, 'src', 'unsigned12'), dir, 'gdcmconv', ['--j2k', '--lossy', '-q', '80']);
    transcodeDir(dir, back, 'gdcmconv', ['--raw']);
    const v = await importVolume(dir);
    const ref = await importVolume(back);
    expect(maxAbsDiff(v.pixels, ref.pixels)).toBeLessThanOrEqual(1);
    expect(meanAbsDiff(v.pixels, reference.unsigned12.pixels)).toBeLessThan(40);
  });

  it('enhanced multi-frame series compressed per frame (JPEG-LS, RLE, JPEG lossless) decode bit for bit', async () => {
    const src = path.join(root, 'enh-src', 'enhanced.dcm');
    writeEnhancedSeries(src, unsigned12);
    for (const [tool, args] of [
      ['dcmcjpls', []],
      ['dcmcrle', []],
      ['dcmcjpeg', ['+e1']],
    ] as const) {
      const out = path.join(root, `enh-${tool}`, 'enhanced.dcm');
      mkdirSync(path.dirname(out), { recursive: true });
      runTool(tool, [...args, src, out]);
      const v = await importVolume(path.dirname(out));
      expect(v.geometry.dims).toEqual([41, 37, 3]);
      expect(maxAbsDiff(v.pixels, reference.unsigned12.pixels)).toBe(0);
    }
  });
});
