/**
 * Phantom v6 posterior elements, measured on the primitives' own painting in each vertebra's frame: lower thoracic
 * spinous processes are broad plates angled caudally (not v5's thin rods), lumbar ones broad quadrilaterals with a
 * squared-off posterior end (not v5's semicircular tip), the interspinous ligament dark with fatty streaks.
 */
import { describe, expect, it } from 'vitest';
import { vertebraPosterior } from '../../../../../main/engine/phantom/anatomy/posteriorElements';
import type { Primitive } from '../../../../../main/engine/phantom/anatomy/primitive';
import { buildSpineLayout, type VertebraLayout } from '../../../../../main/engine/phantom/anatomy/spineLayout';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { createRng } from '../../../../../main/engine/rng';
import { grades } from '../render/phantomFixtures';

const STEP = 0.25;

/** Label the primitive paints at local (u, w, h) of frame f over `prev`. */
function paintAt(p: Primitive, v: VertebraLayout, u: number, w: number, h: number, prev: number): number {
  const f = v.frame;
  const labels = Uint8Array.of(prev);
  p.paintRow({
    labels,
    base: 0,
    ix0: 0,
    ix1: 0,
    x0: f.ox + u,
    dx: 1,
    y: f.oy + w * f.wy + h * f.hy,
    z: f.oz + w * f.wz + h * f.hz,
  });
  return labels[0];
}

interface Profile {
  /** Per w column (STEP mm apart from wMin): bone extent along h (mm) and its centre. */
  heights: number[];
  centres: number[];
  wMin: number;
}

/** Midline (u = 0) sagittal profile of a spinous process in its vertebra's frame. */
function profile(p: Primitive, v: VertebraLayout): Profile {
  const heights: number[] = [];
  const centres: number[] = [];
  let wMin = Number.NaN;
  for (let w = v.wPostMm; w < v.wPostMm + 90; w += STEP) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let h = -60; h < 30; h += STEP) {
      const l = paintAt(p, v, 0, w, h, Tissue.Muscle);
      if (l === Tissue.Marrow || l === Tissue.Cortex) {
        lo = Math.min(lo, h);
        hi = Math.max(hi, h);
      }
    }
    if (hi < lo) {
      if (heights.length) break;
      continue;
    }
    if (!heights.length) wMin = w;
    heights.push(hi - lo + STEP);
    centres.push((hi + lo) / 2);
  }
  return { heights, centres, wMin };
}

const SEEDS = ['post-1', 'post-2', 'post-3'];

function vertebrae(seed: string): { v: VertebraLayout; prims: Primitive[] }[] {
  const layout = buildSpineLayout(createRng(seed), grades());
  const rng = createRng(`${seed}-post`);
  return layout.vertebrae.map((v) => ({ v, prims: vertebraPosterior(rng, v) }));
}

describe('phantom v6 spinous processes', () => {
  it('draws lower thoracic spinous processes as broad plates angled caudally, T10 steeper than T12', () => {
    for (const seed of SEEDS) {
      const angle: Record<string, number> = {};
      for (const { v, prims } of vertebrae(seed)) {
        if (v.kind !== 'thoracic') continue;
        const sp = prims.find((p) => p.name === `spinous ${v.name}`);
        if (!sp) throw new Error(`no spinous ${v.name}`);
        const pr = profile(sp, v);
        const n = pr.heights.length;
        const a = Math.floor(n * 0.25);
        const b = Math.floor(n * 0.75);
        const slope = (pr.centres[a] - pr.centres[b]) / ((b - a) * STEP);
        angle[v.name] = (Math.atan(slope) * 180) / Math.PI;
        // Thickness across the plate at mid-length (the vertical extent times the cosine of its angle).
        // v5: 7 mm (a rod of half-height 5 tapering by 30 %); now 10-14 mm.
        const across = pr.heights[Math.floor(n / 2)] * Math.cos(Math.atan(slope));
        expect(across).toBeGreaterThan(9.8);
        expect(angle[v.name]).toBeGreaterThan(20);
      }
      expect(angle.T10).toBeGreaterThan(35);
      expect(angle.T10 - angle.T12).toBeGreaterThan(8);
    }
  });

  it('draws lumbar spinous processes as broad quadrilaterals with a squared-off posterior end', () => {
    for (const seed of SEEDS) {
      for (const { v, prims } of vertebrae(seed)) {
        if (v.kind !== 'lumbar') continue;
        const sp = prims.find((p) => p.name === `spinous ${v.name}`);
        if (!sp) throw new Error(`no spinous ${v.name}`);
        const pr = profile(sp, v);
        const n = pr.heights.length;
        const mid = pr.heights[Math.floor(n * 0.5)];
        // v5's semicircular tip: 0.55-0.6 of the mid-length height at 96 % of the length; now over 0.8.
        expect(pr.heights[Math.floor(n * 0.96)] / mid).toBeGreaterThan(0.8);
        expect(mid).toBeGreaterThan(16);
        expect(mid).toBeLessThan(26);
        const slope = (pr.centres[Math.floor(n * 0.2)] - pr.centres[Math.floor(n * 0.8)]) / (0.6 * n * STEP);
        expect((Math.atan(slope) * 180) / Math.PI).toBeLessThan(20);
      }
    }
  });

  it('fills the lumbar interspinous ligament with dark fibres and thin fatty streaks', () => {
    for (const seed of SEEDS) {
      for (const { v, prims } of vertebrae(seed)) {
        if (v.kind !== 'lumbar') continue;
        const isl = prims.find((p) => p.name === `interspinous ${v.name}`);
        if (!isl) throw new Error(`no interspinous ${v.name}`);
        let lig = 0;
        let fat = 0;
        for (let w = v.wPostMm + v.canalApMm + 8; w < v.wPostMm + v.canalApMm + 25; w += 0.5)
          for (let h = -v.heightMm; h < v.heightMm / 2; h += 0.5) {
            const l = paintAt(isl, v, 0, w, h, Tissue.Muscle);
            if (l === Tissue.Ligament) lig++;
            else if (l === Tissue.Fat) fat++;
          }
        // v5: ligament only (no fat); now fat about a tenth.
        expect(fat / (fat + lig)).toBeGreaterThan(0.04);
        expect(fat / (fat + lig)).toBeLessThan(0.25);
      }
    }
  });
});
