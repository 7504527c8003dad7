/**
 * Volume geometry: sorting along the normal, ijk <-> LPS as exact inverses (uneven spacing, oblique,
 * in-plane shifted slices), and slice order from patient right to left.
 */
import { describe, expect, it } from 'vitest';
import { buildGeometry, sortAlongNormal } from '../../../../main/engine/volume/buildGeometry';
import { ijkToLps } from '../../../../main/engine/volume/ijkToLps';
import { lpsToIjk } from '../../../../main/engine/volume/lpsToIjk';
import { kDirectionInPatientX, sliceIndicesRightToLeft } from '../../../../main/engine/volume/sliceOrder';
import type { SliceGeometry } from '../../../../main/shared/sliceGeometry';
import { add, cross, distance, normalize, rotateAbout, scale, type Vec3 } from '../../../../main/shared/vec3';

function slice(positionLps: Vec3, u: Vec3, v: Vec3, ps: [number, number] = [0.8, 0.6]): SliceGeometry {
  return { positionLps, rowDirection: u, columnDirection: v, pixelSpacingMm: ps };
}

function mulberry(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('sortAlongNormal and buildGeometry', () => {
  it('sorts by dot(n, IPP), not by input order, and records uneven positions', () => {
    const u: Vec3 = [0, 1, 0];
    const v: Vec3 = [0, 0, -1];
    const xs = [4, -8, 0, 12, -4];
    const slices = xs.map((x) => slice([x, -50, 80], u, v));
    const order = sortAlongNormal(slices);
    // n = u x v = -x: ascending along n is descending x.
    expect(order.map((i) => xs[i])).toEqual([12, 4, 0, -4, -8]);
    const g = buildGeometry(
      order.map((i) => slices[i]),
      30,
      20,
    );
    expect(g.dims).toEqual([30, 20, 5]);
    expect(g.spacingMm).toEqual([0.6, 0.8, 5]);
    expect(g.direction[2]).toEqual([-1, 0, 0]);
    expect(g.originLps).toEqual([12, -50, 80]);
    expect(kDirectionInPatientX(g)).toBe('toward-right');
    expect(sliceIndicesRightToLeft(g)).toEqual([4, 3, 2, 1, 0]);
  });

  it('a single slice takes the given spacing', () => {
    const g = buildGeometry([slice([0, 0, 0], [1, 0, 0], [0, 1, 0])], 10, 10, 3.5);
    expect(g.spacingMm[2]).toBe(3.5);
  });
});

describe('ijkToLps and lpsToIjk', () => {
  it('are exact inverses on oblique stacks with gaps and in-plane shifts (1000 random points)', () => {
    const rnd = mulberry(7);
    const axis = normalize([0.3, 0.2, 0.9]);
    const u = rotateAbout([1, 0, 0], axis, 0.4);
    const v = rotateAbout([0, 1, 0], axis, 0.4);
    const n = cross(u, v);
    const steps = [0, 3, 6, 11, 14, 17.5];
    const slices = steps.map((d, k) => slice(add(add([10, -20, 30], scale(n, d)), scale(u, k * 0.25)), u, v));
    const g = buildGeometry(slices, 64, 48);
    for (let t = 0; t < 1000; t++) {
      const ijk: Vec3 = [rnd() * 70 - 3, rnd() * 50 - 1, rnd() * 7 - 0.5];
      const back = lpsToIjk(g, ijkToLps(g, ijk));
      expect(distance(back, ijk)).toBeLessThan(1e-9);
    }
    // Integer slice indices land exactly on the recorded positions, gaps included.
    steps.forEach((_, k) =>
      expect(distance(ijkToLps(g, [0, 0, k]), slices[k].positionLps)).toBeLessThan(1e-12),
    );
    // Pixel (c, r) of slice k follows PS3.3 C.7.6.2.1.1: P = IPP + c * PS[1] * u + r * PS[0] * v.
    const p = ijkToLps(g, [5, 7, 3]);
    const expected = add(slices[3].positionLps, add(scale(u, 5 * 0.6), scale(v, 7 * 0.8)));
    expect(distance(p, expected)).toBeLessThan(1e-12);
  });

  it('fractional k interpolates between neighbouring slices', () => {
    const slices = [0, 2, 10].map((z) => slice([0, 0, z], [1, 0, 0], [0, 1, 0]));
    const g = buildGeometry(slices, 4, 4);
    expect(ijkToLps(g, [0, 0, 1.5])[2]).toBeCloseTo(6, 12);
    expect(lpsToIjk(g, [0, 0, 6])[2]).toBeCloseTo(1.5, 12);
    expect(lpsToIjk(g, [0, 0, -5])[2]).toBeCloseTo(-1, 12);
  });
});
