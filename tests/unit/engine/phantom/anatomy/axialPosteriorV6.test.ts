/**
 * Phantom v6 axial look of the disc and posterior elements, measured on the primitives' own painting in each frame:
 * the disc is kidney-shaped (posterior margin concave where it does not bulge) with its nucleus posterior of the
 * centre and an uneven outer rim (not v5's concentric rings).
 */
import { describe, expect, it } from 'vitest';
import { discPrimitive } from '../../../../../main/engine/phantom/anatomy/disc';
import type { Primitive } from '../../../../../main/engine/phantom/anatomy/primitive';
import { planDisc } from '../../../../../main/engine/phantom/anatomy/levelPlan';
import { facetJoint, vertebraPosterior } from '../../../../../main/engine/phantom/anatomy/posteriorElements';
import { buildSpineLayout, type DiscLayout } from '../../../../../main/engine/phantom/anatomy/spineLayout';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { createRng } from '../../../../../main/engine/rng';
import { grades, paintAt } from '../render/phantomFixtures';

const SEEDS = ['ax-1', 'ax-2', 'ax-3'];
const NUCLEUS = new Set<number>([Tissue.Nucleus, Tissue.NucleusFade]);

describe('phantom v6 axial disc', () => {
  it('draws a normal disc kidney-shaped with a posterior nucleus and an uneven outer rim', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const layout = buildSpineLayout(createRng(seed), grades());
      for (const d of layout.discs.filter((x: DiscLayout) => x.kind === 'lumbar')) {
        const plan = planDisc(d);
        if (plan.bulge.centralMm > 2.4 || d.severity.degeneration > 0.38) continue;
        checked++;
        const disc = discPrimitive(plan);
        const f = d.frame;
        const a = plan.halfWidthMm;
        const back = (u: number): number => {
          let last = Number.NaN;
          for (let w = -60; w < 60; w += 0.1)
            if (paintAt(disc, f, u, w, 0, Tissue.Muscle) !== Tissue.Muscle) last = w;
          return last;
        };
        // Concave behind: the midline margin over 0.4 mm anterior of the margin at 0.4 of the half-width.
        expect(back(0.4 * a) - back(0)).toBeGreaterThan(0.4);
        expect(back(-0.4 * a) - back(0)).toBeGreaterThan(0.4);
        // Nucleus centroid along w (mid-height) posterior of the disc's own centre (front and back margins).
        let front = Number.NaN;
        for (let w = -60; w < 60; w += 0.1)
          if (paintAt(disc, f, 0, w, 0, Tissue.Muscle) !== Tissue.Muscle) {
            front = w;
            break;
          }
        let sw = 0;
        let n = 0;
        for (let u = -a; u <= a; u += 0.5)
          for (let w = -40; w < 40; w += 0.5)
            if (NUCLEUS.has(paintAt(disc, f, u, w, 0, Tissue.Muscle))) {
              sw += w;
              n++;
            }
        expect(n).toBeGreaterThan(20);
        const centre = (front + back(0.4 * a)) / 2;
        expect(sw / n - centre).toBeGreaterThan(1.5);
        // Outer black rim (Annulus) thickness along the anterior margin varies by over 0.8 mm round the disc.
        const rims: number[] = [];
        for (let k = -6; k <= 6; k++) {
          const u = (k / 8) * a;
          let first = Number.NaN;
          let rim = 0;
          for (let w = -60; w < 0; w += 0.05) {
            const l = paintAt(disc, f, u, w, 0, Tissue.Muscle);
            if (l === Tissue.Muscle) continue;
            if (Number.isNaN(first)) first = w;
            if (l !== Tissue.Annulus) break;
            rim += 0.05;
          }
          rims.push(rim);
        }
        expect(Math.max(...rims) - Math.min(...rims)).toBeGreaterThan(0.8);
      }
    }
    expect(checked).toBeGreaterThan(2);
  });
});

describe('phantom v6 axial spinous process', () => {
  it('tapers the lumbar spinous process from the laminar junction to a tip and narrows the interspinous ligament', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const layout = buildSpineLayout(createRng(seed), grades());
      const rng = createRng(`${seed}-post`);
      for (const v of layout.vertebrae) {
        const prims = vertebraPosterior(rng, v);
        if (v.kind !== 'lumbar') continue;
        const sp = prims.find((p) => p.name.startsWith('spinous'));
        const lig = prims.find((p) => p.name.startsWith('interspinous'));
        if (!sp || !lig) throw new Error('no spinous');
        const f = v.frame;
        const wBack = v.wPostMm + v.canalApMm + 2.5;
        const h = -v.heightMm * 0.12;
        // Bone width across u on the process's own axis (slope -0.25) at w behind the laminar junction.
        const width = (p: Primitive, w: number, accept: (l: number) => boolean): number => {
          let n = 0;
          for (let u = -8; u <= 8; u += 0.05)
            if (accept(paintAt(p, f, u, w, h - 0.25 * (w - wBack + 2), Tissue.Muscle))) n++;
          return n * 0.05;
        };
        const isBone = (l: number): boolean => l === Tissue.Marrow || l === Tissue.Cortex;
        let len = 0;
        for (let w = wBack; w < wBack + 45; w += 0.25) if (width(sp, w, isBone) > 0) len = w - wBack + 2;
        checked++;
        const base = width(sp, wBack + 1, isBone);
        const mid = width(sp, wBack - 2 + 0.7 * len, isBone);
        const tip = width(sp, wBack - 2 + len - 0.8, isBone);
        // v5: an even rod (mid/base ~0.9, tip ~ mid).
        expect(mid / base).toBeLessThan(0.65);
        expect(tip / mid).toBeLessThan(0.6);
        // Interspinous sheet: narrower near the tip than at the laminae (v5 the same 5.6 mm).
        const h2 = h - v.heightMm / 2 - 4;
        const ligWidth = (w: number): number => {
          let n = 0;
          for (let u = -8; u <= 8; u += 0.05)
            if (paintAt(lig, f, u, w, h2 - 0.25 * (w - wBack + 2), Tissue.Muscle) !== Tissue.Muscle) n++;
          return n * 0.05;
        };
        expect(ligWidth(wBack - 2 + len - 3) / ligWidth(wBack + 3)).toBeLessThan(0.8);
      }
    }
    expect(checked).toBeGreaterThan(8);
  });
});

describe('phantom v6 axial facet joint', () => {
  it('draws the SAP reaching anterolaterally and the IAP posteromedially, the medial (recess) edge kept', () => {
    for (const seed of SEEDS) {
      const layout = buildSpineLayout(createRng(seed), grades());
      for (const d of layout.discs.filter((x: DiscLayout) => x.kind === 'lumbar')) {
        const plan = planDisc(d);
        for (const side of ['left', 'right'] as const) {
          const fp = plan.facet[side];
          const s = side === 'left' ? 1 : -1;
          const fj = facetJoint(plan, side);
          const [su, sw] = fp.semiMm;
          const uc = s * fp.uMm;
          const isFacet = (u: number, w: number): boolean =>
            paintAt(fj, d.frame, u, w, fp.hMm, Tissue.Muscle) !== Tissue.Muscle;
          // Extent along a ray from the facet centre (0.05 mm steps).
          const reach = (du: number, dw: number): number => {
            let last = 0;
            for (let t = 0; t < 3; t += 0.01)
              if (isFacet(uc + s * du * t * su, fp.wMm + dw * t * sw)) last = t;
            return last;
          };
          // v5: one ellipse, reach 1 each way.
          expect(reach(1, -0.25)).toBeGreaterThan(1.3);
          expect(reach(-0.2, 1)).toBeGreaterThan(1.3);
          expect(reach(-1, 0)).toBeLessThan(1.05);
          expect(reach(0, -1)).toBeLessThan(1.05);
        }
      }
    }
  });
});
