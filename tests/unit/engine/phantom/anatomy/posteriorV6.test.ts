/**
 * Phantom v6 posterior elements, measured on the primitives' own painting in each vertebra's frame: lower thoracic
 * spinous processes are broad plates angled caudally (not v5's thin rods), lumbar ones broad quadrilaterals with a
 * squared-off posterior end (not v5's semicircular tip), the interspinous ligament dark with fatty streaks.
 */
import { describe, expect, it } from 'vitest';
import { discPrimitive } from '../../../../../main/engine/phantom/anatomy/disc';
import { foramenPrimitive } from '../../../../../main/engine/phantom/anatomy/foramen';
import { planDisc } from '../../../../../main/engine/phantom/anatomy/levelPlan';
import { facetJoint, vertebraPosterior } from '../../../../../main/engine/phantom/anatomy/posteriorElements';
import type { Primitive } from '../../../../../main/engine/phantom/anatomy/primitive';
import {
  buildSpineLayout,
  type DiscLayout,
  type VertebraLayout,
} from '../../../../../main/engine/phantom/anatomy/spineLayout';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { createRng } from '../../../../../main/engine/rng';
import { grades, paintAt as paintAtFrame } from '../render/phantomFixtures';

const STEP = 0.25;

/** Label the primitive paints at local (u, w, h) of v's frame over `prev`. */
function paintAt(
  p: Primitive,
  v: Pick<VertebraLayout, 'frame'>,
  u: number,
  w: number,
  h: number,
  prev: number,
): number {
  return paintAtFrame(p, v.frame, u, w, h, prev);
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

  it('fills the lumbar interspinous ligament with dark fibres, looser grey fibres and thin fatty streaks', () => {
    for (const seed of SEEDS) {
      for (const { v, prims } of vertebrae(seed)) {
        if (v.kind !== 'lumbar') continue;
        const isl = prims.find((p) => p.name === `interspinous ${v.name}`);
        if (!isl) throw new Error(`no interspinous ${v.name}`);
        let lig = 0;
        let fat = 0;
        let grey = 0;
        for (let w = v.wPostMm + v.canalApMm + 8; w < v.wPostMm + v.canalApMm + 25; w += 0.5)
          for (let h = -v.heightMm; h < v.heightMm / 2; h += 0.5) {
            const l = paintAt(isl, v, 0, w, h, Tissue.Muscle);
            if (l === Tissue.Ligament) lig++;
            else if (l === Tissue.Fat) fat++;
            else if (l === Tissue.Flavum) grey++;
          }
        // v5: ligament only (no fat, no grey fibres); now a few per cent fat and about a quarter grey.
        const all = fat + lig + grey;
        expect(fat / all).toBeGreaterThan(0.01);
        expect(fat / all).toBeLessThan(0.12);
        expect(grey / all).toBeGreaterThan(0.12);
        expect(lig / all).toBeGreaterThan(0.5);
      }
    }
  });
});

describe('phantom v6 articular pillar', () => {
  it('chains the SAP and IAP into a pillar with a thin joint space, the processes tapering to their tips', () => {
    for (const seed of SEEDS) {
      const layout = buildSpineLayout(createRng(seed), grades([['left_subarticular_stenosis', 'l4_l5', 2]]));
      for (const d of layout.discs.filter((x: DiscLayout) => x.kind === 'lumbar')) {
        const plan = planDisc(d);
        const fp = plan.facet.left;
        const p = facetJoint(plan, 'left');
        const frame = { frame: d.frame };
        const sh = fp.semiMm[2];
        const u = fp.uMm;
        // Bone extent along h through the pillar's centre line: v5's ellipsoid 2 sh; now the processes run on
        // toward their pedicle and pars (over 2.5 sh).
        let lo = Infinity;
        let hi = -Infinity;
        for (let h = -3 * sh; h <= 3 * sh; h += STEP)
          for (let w = -12; w <= 12; w += 0.5) {
            const l = paintAt(p, frame, u, fp.wMm + w, fp.hMm + h, Tissue.Muscle);
            if (l !== Tissue.Muscle) {
              lo = Math.min(lo, h);
              hi = Math.max(hi, h);
            }
          }
        expect((hi - lo) / sh).toBeGreaterThan(2.5);
        // Joint space at the centre: a thin run of fluid along w (v5: 2 fluidHalfMm / sin(angle), now 3/4 of it),
        // cortex either side 0.6 mm across the joint (v5 1.1 mm).
        const run = (label: number): number => {
          let n = 0;
          for (let w = -12; w <= 12; w += 0.05)
            if (paintAt(p, frame, u, fp.wMm + w, fp.hMm, Tissue.Muscle) === label) n++;
          return n * 0.05;
        };
        expect(run(Tissue.FacetFluid)).toBeGreaterThan(0.3);
        expect(run(Tissue.FacetFluid)).toBeLessThan(
          (1.6 * fp.fluidHalfMm) / Math.sin(fp.jointAngleRad) + 0.2,
        );
        // The joint's own cortex: contiguous cortex touching the fluid run.
        const line: number[] = [];
        for (let w = -12; w <= 12; w += 0.05)
          line.push(paintAt(p, frame, u, fp.wMm + w, fp.hMm, Tissue.Muscle));
        const f0 = line.indexOf(Tissue.FacetFluid);
        const f1 = line.lastIndexOf(Tissue.FacetFluid);
        let c0 = f0;
        while (c0 > 0 && line[c0 - 1] === Tissue.Cortex) c0--;
        let c1 = f1;
        while (c1 < line.length - 1 && line[c1 + 1] === Tissue.Cortex) c1++;
        const jointCortexMm = (f0 - c0 + c1 - f1) * 0.05;
        expect(jointCortexMm).toBeLessThan((2 * 0.7) / Math.sin(fp.jointAngleRad) + 0.3);
        // Rhomboid, not oval: the w-extent near the SAP's tip (0.85 sh up, anterior of the joint) is under half
        // the w-extent at the centre, but the pillar keeps most of its width half-way to the base.
        const width = (h: number): number => {
          let n = 0;
          for (let w = -12; w <= 12; w += 0.1)
            if (paintAt(p, frame, u, fp.wMm + w, fp.hMm + h, Tissue.Muscle) !== Tissue.Muscle) n++;
          return n * 0.1;
        };
        expect(width(-0.7 * sh) / width(0)).toBeGreaterThan(0.85);
        expect(width(1.3 * sh)).toBeGreaterThan(0);
      }
    }
  });
});

describe('phantom v6 pedicles', () => {
  it('arches the pedicle lower edge over the foramen (the inferior vertebral notch)', () => {
    for (const seed of SEEDS) {
      for (const { v, prims } of vertebrae(seed)) {
        if (v.kind !== 'lumbar') continue;
        const ped = prims.find((p) => p.name === `pedicle ${v.name} left`);
        if (!ped) throw new Error(`no pedicle ${v.name}`);
        const lowest = (w: number): number => {
          for (let h = v.pedicle.hMm - 20; h < v.pedicle.hMm + 20; h += 0.1)
            if (paintAt(ped, v, v.pedicle.uMm, w, h, Tissue.Muscle) !== Tissue.Muscle) return h;
          return Number.NaN;
        };
        const wA = v.wPostMm - 4;
        const wB = v.wPostMm + Math.max(v.canalApMm * 0.58, 12.5) + 2;
        const ends = Math.min(lowest(wA + 0.06 * (wB - wA)), lowest(wB - 0.06 * (wB - wA)));
        // v5: a flat lower edge (the rise 0.1 sh at most); now the middle is 0.2 sh higher than near the ends.
        expect(lowest((wA + wB) / 2) - ends).toBeGreaterThan(0.2 * v.pedicle.halfHeightMm);
      }
    }
  });
});

describe('phantom v6 foramen funnel and disc corners', () => {
  it('widens the foramen lateral of the pedicle and rounds the disc posterolateral corners forward', () => {
    for (const seed of SEEDS) {
      const layout = buildSpineLayout(createRng(seed), grades());
      for (const d of layout.discs.filter((x: DiscLayout) => x.kind === 'lumbar')) {
        const plan = planDisc(d);
        const frame = { frame: d.frame };
        const fp = plan.foramen.left;
        const fo = foramenPrimitive(plan, 'left');
        // Foramen outline (w-extent) at the root's height: at the pedicle (the NFN slice, as v5) and 1 mm inside
        // its lateral exit (v5 the same: a straight slab; now over 1.15 times wider).
        const extent = (u: number): number => {
          let n = 0;
          for (let w = fp.bottom.w - 15; w < fp.top.w + 15; w += 0.1)
            if (paintAt(fo, frame, u, w, fp.top.h, Tissue.Muscle) !== Tissue.Muscle) n++;
          return n * 0.1;
        };
        expect(extent(fp.uOutMm - 1.5) / extent(fp.uMm)).toBeGreaterThan(1.15);
        expect(extent(fp.uMm)).toBeCloseTo(2 * fp.top.r, 0);
        // Disc posterior margin at mid-height: at 0.9 of its half-width over 3 mm anterior of the margin at
        // 0.45 (v5: the same line plus the bulge, a square corner).
        const disc = discPrimitive(plan);
        const back = (u: number): number => {
          let last = Number.NaN;
          for (let w = -60; w < 60; w += 0.1)
            if (paintAt(disc, frame, u, w, 0, Tissue.Muscle) !== Tissue.Muscle) last = w;
          return last;
        };
        const a = plan.halfWidthMm;
        expect(back(0.45 * a) - back(0.9 * a)).toBeGreaterThan(3);
      }
    }
  });
});
