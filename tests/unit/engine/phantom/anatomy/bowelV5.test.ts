/**
 * Phantom v5 bowel: the loops are painted into each 2 mm band of the trunk map at the band's own z (v4 and the
 * first v5 painted them into the 10 mm cross-sections and the bands copied them, so a loop's cross-section was
 * held ~10 mm in z and swapped at section boundaries: patches and steps on sagittal slices). The label grid
 * asks only for the rows it reads; the bowel in front of them is painted when a slice reads it.
 */
import { describe, expect, it } from 'vitest';
import type { BowelSegment } from '../../../../../main/engine/phantom/anatomy/bowelPlan';
import { CAVITY_MARK } from '../../../../../main/engine/phantom/anatomy/bowel';
import { lpsToBody, modelOf } from '../../../../../main/engine/phantom/anatomy/model';
import { cavityFill } from '../../../../../main/engine/phantom/anatomy/mesentery';
import { mesenteryBand } from '../../../../../main/engine/phantom/anatomy/bowelStrips';
import { backgroundLabel, ensureBackground } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { planStudyLayout } from '../../../../../main/engine/phantom/layout';
import { rasterize } from '../../../../../main/engine/phantom/render/labelGrid';
import { renderSlice } from '../../../../../main/engine/phantom/render/renderSlice';
import { createRng } from '../../../../../main/engine/rng';
import { build } from '../render/phantomFixtures';

const SEEDS = ['v5-smooth-1', 'v5-smooth-4', 'v5-smooth-10'];
const BOWEL = new Set<number>([Tissue.BowelGas, Tissue.BowelFluid, Tissue.Faeces, Tissue.Viscera]);

/** Distance of (x, y', z) from a tube's axis, over the tube's radius there (lobes and folds left out). */
function relativeDistance(t: BowelSegment, x: number, y: number, z: number): number {
  const d = [t.b[0] - t.a[0], t.b[1] - t.a[1], t.b[2] - t.a[2]];
  const q = [x - t.a[0], y - t.a[1], z - t.a[2]];
  const l2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
  const u = Math.max(0, Math.min(1, (q[0] * d[0] + q[1] * d[1] + q[2] * d[2]) / l2));
  const rho = Math.hypot(q[0] - u * d[0], q[1] - u * d[1], q[2] - u * d[2]);
  return rho / (t.r0 + (t.r1 - t.r0) * u);
}

describe('phantom bowel (v5: painted at each band’s own z)', () => {
  it('shows no bowel where no tube reaches at that z, even where one does a few mm away (no held sections)', () => {
    let samples = 0;
    let bowel = 0;
    for (const seed of SEEDS) {
      const a = build(seed);
      const m = modelOf(a);
      const bg = m.background;
      const tubes = bg.lazy.plan.bowel;
      const [, , zTop] = lpsToBody(m, a.levels.l1_l2.discCenterLps);
      const [, , zBottom] = lpsToBody(m, a.levels.l5_s1.discCenterLps);
      // Cells in front of the spine, every 2 mm of z (one per band): those outside every tube at their z (by
      // more than the lobes and the edge jitter can add) but well inside one 4-5 mm above or below.
      for (let z = zBottom + 1; z <= zTop; z += 2) {
        const k = Math.round(z - bg.curveZ0);
        const close = tubes.filter((t) => z > t.zLo - 6 && z < t.zHi + 6);
        for (let x = -60; x <= 60; x += 3)
          for (let y = -150; y < -30; y += 2) {
            let here = Infinity;
            let near = Infinity;
            for (const t of close) {
              here = Math.min(here, relativeDistance(t, x, y, z));
              if (here < 1.4) break;
              for (const dz of [-5, -4, 4, 5]) near = Math.min(near, relativeDistance(t, x, y, z + dz));
            }
            if (here < 1.4 || near > 0.8) continue;
            // v6: the cavity between the tubes holds packed loops (cavityFill): a cell no tube reaches shows
            // that fill, or what the sections put there (retroperitoneum, wall), never a tube's bowel.
            const label = backgroundLabel(bg, x, y + bg.curveY[k], z);
            const fill = cavityFill(
              mesenteryBand(
                bg.lazy.plan,
                bg.bandZ0 + (Math.floor((z - bg.bandZ0) / bg.bandMm) + 0.5) * bg.bandMm,
              ),
              x,
              y,
            );
            samples++;
            if (BOWEL.has(label) && label !== fill) bowel++;
          }
      }
    }
    // v6 keeps a third of the collapsed loops as tubes (the packed fill stands for the rest): fewer samples.
    expect(samples).toBeGreaterThan(60);
    // Painted per band: none. Copied from 10 mm sections: 8-50 % of them (the section's loop held over the band).
    expect(bowel / samples).toBeLessThan(0.01);
  });

  it('draws fluid-filled small-bowel loops with a 2-3 mm intermediate wall all round (v6; axial bands)', () => {
    let rays = 0;
    let walled = 0;
    const walls: number[] = [];
    for (const seed of SEEDS) {
      const bg = modelOf(build(seed)).background;
      for (const t of bg.lazy.plan.bowel) {
        if (t.content !== 1 || t.haustra > 0) continue;
        const d = [t.b[0] - t.a[0], t.b[1] - t.a[1], t.b[2] - t.a[2]];
        const len = Math.hypot(d[0], d[1], d[2]);
        // Tubes that run steeply through the axial bands: cut across, near round; their midpoint at its band's z.
        if (Math.abs(d[2]) < 0.75 * len) continue;
        const c = [(t.a[0] + t.b[0]) / 2, (t.a[1] + t.b[1]) / 2, (t.a[2] + t.b[2]) / 2];
        const z = bg.bandZ0 + (Math.floor((c[2] - bg.bandZ0) / bg.bandMm) + 0.5) * bg.bandMm;
        const f = (z - t.a[2]) / d[2];
        const cx = t.a[0] + f * d[0];
        const cy = t.a[1] + f * d[1];
        const curve = bg.curveY[Math.round(z - bg.curveZ0)];
        const at = (x: number, y: number): number => backgroundLabel(bg, x, y + curve, z);
        if (at(cx, cy) !== Tissue.BowelFluid) continue;
        const r = (t.r0 + t.r1) / 2;
        for (let k = 0; k < 24; k++) {
          const ux = Math.cos((k * Math.PI) / 12);
          const uy = Math.sin((k * Math.PI) / 12);
          // Out from the lumen: the wall is the run of intermediate signal round the fluid.
          let rho = 0;
          while (rho < 1.6 * r && at(cx + rho * ux, cy + rho * uy) === Tissue.BowelFluid) rho += 0.25;
          if (rho >= 1.6 * r || rho < 0.5 * r) continue;
          let wall = 0;
          while (wall < 8 && at(cx + rho * ux, cy + rho * uy) === Tissue.Viscera) {
            rho += 0.25;
            wall += 0.25;
          }
          rays++;
          if (wall > 0) walled++;
          walls.push(wall);
        }
      }
    }
    expect(rays).toBeGreaterThan(100);
    // v5: a 0.9 mm wall on ~40 % of the rays (seen in arcs: read as no wall); v6: a wall on nearly all of them,
    // its lower quartile 1.5-3.5 mm along the rays (2-3 mm; longer runs where a packed loop lies against it).
    expect(walled / rays).toBeGreaterThan(0.9);
    const quartile = [...walls].sort((p, q) => p - q)[walls.length >> 2];
    expect(quartile).toBeGreaterThan(1.5);
    expect(quartile).toBeLessThan(3.5);
  });

  it('gives the label grid the same cells whether the map was filled whole first or only the rows the grid reads', () => {
    const lazy = modelOf(build('v5-bowel-rows'));
    const gLazy = rasterize(lazy);
    const whole = modelOf(build('v5-bowel-rows'));
    ensureBackground(whole.background, 0, whole.background.bands - 1, 0, whole.background.cols - 1);
    const gWhole = rasterize(whole);
    expect(gLazy.labels.length).toBe(gWhole.labels.length);
    let differing = 0;
    for (let i = 0; i < gWhole.labels.length; i++) if (gLazy.labels[i] !== gWhole.labels[i]) differing++;
    expect(differing).toBe(0);
    // The lazy map left bowel rows in front of the grid for later; the whole map has none left.
    let marksLazy = 0;
    for (const l of lazy.background.labels) if (l === CAVITY_MARK) marksLazy++;
    let marksWhole = 0;
    for (const l of whole.background.labels) if (l === CAVITY_MARK) marksWhole++;
    expect(marksLazy).toBeGreaterThan(0);
    expect(marksWhole).toBe(0);
  });

  it('renders a study’s slices the same whether the map was filled whole first or only where slices read the bowel', () => {
    const render = (whole: boolean): Float32Array[] => {
      const a = build('v5-bowel-slices');
      const bg = modelOf(a).background;
      if (whole) ensureBackground(bg, 0, bg.bands - 1, 0, bg.cols - 1);
      const layout = planStudyLayout(a, createRng('v5-bowel-slices/layout'), { maxMatrix: 256 });
      const out: Float32Array[] = [];
      for (const s of layout.series) {
        // Every axial slice (oblique: each crosses its bands in a strip) and two sagittal slices per series.
        const slices = s.stacks.flatMap((st) => st.slices);
        const pick = s.role === 'Axial T2' ? slices : [slices[0], slices[Math.floor(slices.length / 2)]];
        for (const geometry of pick) {
          const req = { geometry, cols: s.cols, rows: s.rows, sliceThicknessMm: s.sliceThicknessMm };
          out.push(renderSlice(a, { ...req, contrast: s.contrast }));
        }
      }
      return out;
    };
    const lazy = render(false);
    const whole = render(true);
    expect(lazy.length).toBeGreaterThan(10);
    let differing = 0;
    for (let i = 0; i < whole.length; i++)
      for (let j = 0; j < whole[i].length; j++) if (!(lazy[i][j] === whole[i][j])) differing++;
    expect(differing).toBe(0);
  });
});
