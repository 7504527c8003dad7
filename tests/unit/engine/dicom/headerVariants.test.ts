/**
 * Real-world header variants (written with dcmjs) import with the right pixels and geometry: enhanced
 * multi-frame MR, MONOCHROME1, signed 16-bit, rescale, Bits Stored 12 with junk high bits, odd matrices,
 * missing Spacing Between Slices, oblique and multi-stack axials, instance numbers out of spatial order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../../main/engine/import/importPaths';
import type { ImportResult } from '../../../../main/engine/dicom/importTypes';
import { ijkToLps } from '../../../../main/engine/volume/ijkToLps';
import { lpsToIjk } from '../../../../main/engine/volume/lpsToIjk';
import type { Volume } from '../../../../main/engine/volume/types';
import { add, cross, distance, dot, rotateAbout, scale, type Vec3 } from '../../../../main/shared/vec3';
import {
  axialSpec,
  defaultValue,
  sagittalSpec,
  slicePosition,
  writeEnhancedSeries,
  writeSeries,
  type SeriesSpec,
} from './fixtures';

let root = '';
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sg-headers-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function importOne(name: string, write: (dir: string) => void): Promise<ImportResult> {
  const dir = path.join(root, name);
  write(dir);
  return importPaths([dir]);
}

function onlyStack(r: ImportResult): Volume {
  expect(r.studies).toHaveLength(1);
  expect(r.studies[0].series).toHaveLength(1);
  expect(r.studies[0].series[0].stacks).toHaveLength(1);
  return r.studies[0].series[0].stacks[0];
}

/** Every pixel of the volume equals `expected(stored value)` of the written slice with the same k. */
function expectPixels(v: Volume, spec: SeriesSpec, expected: (stored: number) => number): void {
  const [cols, rows, slices] = v.geometry.dims;
  const f = spec.value ?? defaultValue;
  let bad = 0;
  for (let k = 0; k < slices; k++)
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) if (v.pixels[(k * rows + r) * cols + c] !== expected(f(c, r, k))) bad++;
  expect(bad).toBe(0);
}

/** Geometry matches the written headers: every written slice position and pixel maps exactly. */
function expectGeometry(v: Volume, spec: SeriesSpec): void {
  const g = v.geometry;
  expect(g.dims).toEqual([spec.columns, spec.rows, spec.slices]);
  expect(g.spacingMm[0]).toBeCloseTo(spec.pixelSpacingMm[1], 9);
  expect(g.spacingMm[1]).toBeCloseTo(spec.pixelSpacingMm[0], 9);
  expect(g.spacingMm[2]).toBeCloseTo(spec.sliceSpacingMm, 6);
  for (let k = 0; k < spec.slices; k++) {
    const ipp = slicePosition(spec, k);
    expect(distance(g.slicePositionsLps[k], ipp)).toBeLessThan(1e-4);
    const corner: Vec3 = [spec.columns - 1, spec.rows - 1, k];
    const expectedLps = add(
      ipp,
      add(
        scale(spec.rowDirection, corner[0] * spec.pixelSpacingMm[1]),
        scale(spec.columnDirection, corner[1] * spec.pixelSpacingMm[0]),
      ),
    );
    expect(distance(ijkToLps(g, corner), expectedLps)).toBeLessThan(1e-4);
    const back = lpsToIjk(g, expectedLps);
    expect(distance(back, corner)).toBeLessThan(1e-4);
  }
}

describe('header variants', () => {
  it('enhanced multi-frame MR: geometry from per-frame functional groups, frames sorted by position', async () => {
    const spec = sagittalSpec('hv', 'enh', 'Sagittal T1', { slices: 5, rows: 33, columns: 31 });
    const r = await importOne('enhanced', (dir) => writeEnhancedSeries(path.join(dir, 'mf.dcm'), spec));
    const v = onlyStack(r);
    expectGeometry(v, spec);
    expectPixels(v, spec, (s) => s);
    expect(v.frameIndices).toEqual([4, 3, 2, 1, 0]);
    expect(v.role).toBe('Sagittal T1');
    expect(v.repetitionTimeMs).toBe(550);
    expect(v.echoTimeMs).toBe(10);
  });

  it('MONOCHROME1 with Bits Stored 12 is inverted within the stored range (brighter = larger)', async () => {
    const spec = sagittalSpec('hv', 'mono1', 'Sagittal T1', {
      bitsStored: 12,
      extra: { PhotometricInterpretation: 'MONOCHROME1' },
    });
    const v = onlyStack(await importOne('mono1', (dir) => writeSeries(dir, spec)));
    expectPixels(v, spec, (s) => 4095 - s);
  });

  it('signed 16-bit pixels with rescale slope 2 and intercept -100', async () => {
    const spec = sagittalSpec('hv', 'signed', 'Sagittal T1', {
      signed: true,
      value: (c, r, k) => (c - 20) * 300 + (r - 24) * 17 + k,
      extra: { RescaleSlope: 2, RescaleIntercept: -100 },
    });
    const v = onlyStack(await importOne('signed', (dir) => writeSeries(dir, spec)));
    expectPixels(v, spec, (s) => 2 * s - 100);
    expect(Math.min(...v.pixels)).toBeLessThan(-10000);
  });

  it('Bits Stored 12 masks junk in the unused high bits', async () => {
    const spec = sagittalSpec('hv', 'bs12', 'Sagittal T1', {
      bitsStored: 12,
      value: (c, r, k) => 0xf000 | defaultValue(c, r, k),
    });
    const v = onlyStack(await importOne('bs12', (dir) => writeSeries(dir, spec)));
    expectPixels(v, spec, (s) => s & 0x0fff);
  });

  it('odd matrix, missing Spacing Between Slices, instance numbers out of spatial order', async () => {
    const spec = sagittalSpec('hv', 'odd', 'Sagittal T2/STIR', {
      rows: 37,
      columns: 53,
      slices: 7,
      sliceSpacingMm: 3.3,
      omitSpacingBetweenSlices: true,
      instanceOrder: [3, 0, 6, 1, 5, 2, 4],
      timing: { tr: 3500, te: 95 },
    });
    const v = onlyStack(await importOne('odd', (dir) => writeSeries(dir, spec)));
    expectGeometry(v, spec);
    expectPixels(v, spec, (s) => s);
    expect(v.instanceNumbers).toEqual([2, 4, 6, 1, 7, 5, 3]);
    expect(v.role).toBe('Sagittal T2/STIR');
  });

  it('oblique axial (tilted 17 degrees about patient x) keeps exact geometry and the Axial T2 role', async () => {
    const tilt = (17 * Math.PI) / 180;
    const u = rotateAbout([1, 0, 0], [1, 0, 0], tilt);
    const v0 = rotateAbout([0, 1, 0], [1, 0, 0], tilt);
    const spec = axialSpec('hv', 'obl', 'AX T2 FSE', {
      rowDirection: u,
      columnDirection: v0,
      slices: 8,
      sliceSpacingMm: 3.5,
    });
    const v = onlyStack(await importOne('oblique', (dir) => writeSeries(dir, spec)));
    expectGeometry(v, spec);
    expect(dot(v.geometry.direction[2], cross(u, v0))).toBeCloseTo(1, 9);
    expect(v.role).toBe('Axial T2');
  });

  it('one axial series holding three differently angled stacks is split into three sorted stacks, caudal to cranial', async () => {
    const angles = [-12, 0, 15];
    const specs = angles.map((deg, i) => {
      const a = (deg * Math.PI) / 180;
      return axialSpec('hv', 'multi', 'Axial T2', {
        rowDirection: rotateAbout([1, 0, 0], [1, 0, 0], a),
        columnDirection: rotateAbout([0, 1, 0], [1, 0, 0], a),
        firstPositionLps: [-80, -90, -40 + 40 * i],
        slices: 4,
        value: (c, r, k) => i * 1000 + k * 10 + ((c + r) % 7),
        instanceOrder: [2, 0, 3, 1],
      });
    });
    const r = await importOne('multistack', (dir) =>
      specs.forEach((spec, i) =>
        writeSeries(path.join(dir, `stack${2 - i}`), { ...spec, stackLabel: `stack${i}` }),
      ),
    );
    expect(r.studies[0].series).toHaveLength(1);
    const stacks = r.studies[0].series[0].stacks;
    expect(stacks).toHaveLength(3);
    stacks.forEach((v, i) => {
      expect(v.role).toBe('Axial T2');
      expectGeometry(v, specs[i]);
      expectPixels(v, specs[i], (s) => s);
    });
    expect(r.problems.filter((p) => p.code !== 'MISSING_SERIES')).toEqual([]);
  });
});
