/**
 * 12-bit JPEG Extended (process 4) and High-Throughput JPEG 2000: series written uncompressed with dcmjs are
 * compressed by the real encoders (dcmtk's dcmcjpeg +ee; OpenJPH's ojph_compress, wrapped by pydicom) and
 * must decode as the reference decoders do (dcmdjpeg, ojph_expand): bit for bit where lossless.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeJpegFrame } from '../../../../../main/engine/dicom/codecs/jpegLossless';
import { readDicomHeader } from '../../../../../main/engine/dicom/readDicomFile';
import { importPaths } from '../../../../../main/engine/import/importPaths';
import type { Volume } from '../../../../../main/engine/volume/types';
import { sagittalSpec, writeEnhancedSeries, writeSeries, type SeriesSpec } from '../fixtures';
import { hasTool, missingTools, runTool } from '../tools';

const PYTHON = '/usr/bin/python3';
const WRAP = path.join(__dirname, 'htj2k_fixture.py');
let root = '';

async function importVolume(dir: string): Promise<Volume> {
  const r = await importPaths([dir]);
  expect(r.problems.filter((p) => p.code !== 'MISSING_SERIES')).toEqual([]);
  expect(r.studies).toHaveLength(1);
  return r.studies[0].series[0].stacks[0];
}

function diffs(a: Float32Array, b: Float32Array): { max: number; mean: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    max = Math.max(max, d);
    sum += d;
  }
  return { max, mean: sum / a.length };
}

/** Smooth 12-bit content (lossy codecs are judged on images, not on noise). */
const smooth = (c: number, r: number, k: number): number =>
  Math.round(2048 + 1500 * Math.sin(c / 7 + k) * Math.cos(r / 9));
const SOURCES: Record<string, SeriesSpec> = {
  u12: sagittalSpec('codec-x', 'u12', 'Sagittal T1', {
    slices: 3,
    rows: 37,
    columns: 41,
    bitsStored: 12,
    value: smooth,
  }),
  s12: sagittalSpec('codec-x', 's12', 'Sagittal T1', {
    slices: 3,
    rows: 33,
    columns: 30,
    bitsStored: 12,
    signed: true,
    value: (c, r, k) => smooth(c, r, k) - 2048,
  }),
};
const reference: Record<string, Volume> = {};

function each(srcDir: string, outDir: string, make: (src: string, out: string) => void): void {
  mkdirSync(outDir, { recursive: true });
  for (const f of readdirSync(srcDir)) make(path.join(srcDir, f), path.join(outDir, f));
}

const missing = missingTools(
  ['dcmcjpeg', 'dcmdjpeg', 'ojph_compress', 'ojph_expand'],
  'extra transfer syntaxes',
);
if (!hasTool(PYTHON)) missing.push(PYTHON);

describe.skipIf(missing.length > 0)('12-bit JPEG Extended and HTJ2K', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sg-codecs-x-'));
    for (const [name, spec] of Object.entries(SOURCES)) {
      writeSeries(path.join(root, 'src', name), spec);
      reference[name] = await importVolume(path.join(root, 'src', name));
    }
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  for (const name of ['u12', 's12'] as const) {
    it(`12-bit JPEG Extended (dcmcjpeg +ee, ${name}) decodes as dcmdjpeg does, bit for bit`, async () => {
      const dir = path.join(root, `ext12-${name}`);
      const back = path.join(root, `ext12-${name}-dcmdjpeg`);
      each(path.join(root, 'src', name), dir, (s, o) => runTool('dcmcjpeg', ['+ee', '+sr', '+rm', s, o]));
      each(dir, back, (s, o) => runTool('dcmdjpeg', [s, o]));
      const first = path.join(dir, readdirSync(dir)[0]);
      expect(readDicomHeader(first).transferSyntaxUid).toBe('1.2.840.10008.1.2.4.51');
      const sof = readFileSync(first).indexOf(Buffer.from([0xff, 0xd8]));
      expect(probeJpegFrame(readFileSync(first).subarray(sof))?.precision).toBe(12);
      const v = await importVolume(dir);
      expect(diffs(v.pixels, (await importVolume(back)).pixels).max).toBe(0);
      const d = diffs(v.pixels, reference[name].pixels);
      expect(d.max).toBeGreaterThan(0);
      expect(d.mean).toBeLessThan(4);
    });
  }

  it('12-bit JPEG Extended per frame of an enhanced multi-frame series decodes as dcmdjpeg does', async () => {
    const src = path.join(root, 'enh-src', 'enhanced.dcm');
    writeEnhancedSeries(src, SOURCES.u12);
    const out = path.join(root, 'enh-ext12', 'enhanced.dcm');
    const back = path.join(root, 'enh-ext12-dcmdjpeg', 'enhanced.dcm');
    for (const f of [out, back]) mkdirSync(path.dirname(f), { recursive: true });
    runTool('dcmcjpeg', ['+ee', src, out]);
    runTool('dcmdjpeg', [out, back]);
    const v = await importVolume(path.dirname(out));
    expect(v.geometry.dims).toEqual([41, 37, 3]);
    expect(diffs(v.pixels, (await importVolume(path.dirname(back))).pixels).max).toBe(0);
  });

  const LOSSLESS = [
    ['1.2.840.10008.1.2.4.201', ['-reversible', 'true'], 'u12'],
    ['1.2.840.10008.1.2.4.202', ['-reversible', 'true', '-prog_order', 'RPCL'], 'u12'],
  ] as const;
  for (const [uid, args, name] of LOSSLESS) {
    it(`HTJ2K lossless ${uid} (ojph_compress ${args.join(' ')}, ${name}) decodes bit for bit`, async () => {
      const dir = path.join(root, `htj2k-${uid}-${name}`);
      each(path.join(root, 'src', name), dir, (s, o) => runTool(PYTHON, [WRAP, s, o, uid, '--', ...args]));
      expect(readDicomHeader(path.join(dir, readdirSync(dir)[0])).transferSyntaxUid).toBe(uid);
      const v = await importVolume(dir);
      expect(diffs(v.pixels, reference[name].pixels).max).toBe(0);
    });
  }

  it('signed HTJ2K is reported as unsupported, not mis-decoded', async () => {
    const uid = '1.2.840.10008.1.2.4.201';
    const dir = path.join(root, 'htj2k-signed');
    each(path.join(root, 'src', 's12'), dir, (s, o) =>
      runTool(PYTHON, [WRAP, s, o, uid, '--', '-reversible', 'true']),
    );
    const r = await importPaths([dir]);
    expect(new Set(r.problems.map((p) => p.code))).toContain('UNSUPPORTED_TRANSFER_SYNTAX');
    expect(r.studies[0].series[0].stacks[0].failedSliceIndices).toEqual([0, 1, 2]);
  });

  it('HTJ2K lossy 1.2.840.10008.1.2.4.203 (ojph_compress -qstep 0.002) matches ojph_expand within 1', async () => {
    const uid = '1.2.840.10008.1.2.4.203';
    const dir = path.join(root, 'htj2k-lossy');
    const back = path.join(root, 'htj2k-lossy-ojph_expand');
    mkdirSync(back, { recursive: true });
    each(path.join(root, 'src', 'u12'), dir, (s, o) =>
      runTool(PYTHON, [
        WRAP,
        s,
        o,
        uid,
        '--reference',
        path.join(back, path.basename(o)),
        '--',
        '-qstep',
        '0.002',
      ]),
    );
    const v = await importVolume(dir);
    expect(diffs(v.pixels, (await importVolume(back)).pixels).max).toBeLessThanOrEqual(1);
    const d = diffs(v.pixels, reference.u12.pixels);
    expect(d.max).toBeGreaterThan(0);
    expect(d.mean).toBeLessThan(4);
  });
});
