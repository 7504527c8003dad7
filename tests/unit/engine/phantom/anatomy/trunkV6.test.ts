/**
 * Phantom v6 axial trunk anatomy, measured on the trunk map's labels: iliac wings with a thin cortex round the
 * marrow, thick posteriorly and thin laterally; a flat, tapering quadratus lumborum (not an oval); fascial planes
 * continuous (partial-volume cells, no gaps); packed bowel loops with little mesenteric fat between them; fatty
 * atrophy of the multifidus in some studies only.
 */
import { describe, expect, it } from 'vitest';
import { lpsToBody, modelOf } from '../../../../../main/engine/phantom/anatomy/model';
import { quadratusSize } from '../../../../../main/engine/phantom/anatomy/quadratus';
import { backgroundLabel, type BackgroundMap } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { levelIndexAt } from '../../../../../main/engine/phantom/anatomy/trunkPlan';
import type { SpineAnatomy } from '../../../../../main/engine/phantom/anatomyTypes';
import type { Level } from '../../../../../main/shared/targets';
import { build } from '../render/phantomFixtures';

const SEEDS = ['v6-ax-1', 'v6-ax-2', 'v6-ax-3', 'v6-ax-4'];
const MUSCLE = new Set<number>([Tissue.Muscle, Tissue.MuscleMarbled]);
const MARROW = new Set<number>([Tissue.Marrow, Tissue.Fat]);

function curveAt(bg: BackgroundMap, z: number): number {
  return bg.curveY[Math.min(bg.curveY.length - 1, Math.max(0, Math.round(z - bg.curveZ0)))];
}

function discZ(a: SpineAnatomy, level: Level): number {
  return lpsToBody(modelOf(a), a.levels[level].discCenterLps)[2];
}

describe('phantom trunk (v6 axial anatomy)', () => {
  it('draws each iliac wing as a plate of marrow inside a thin cortex, thick posteriorly and thin laterally (L5/S1)', () => {
    let crossings = 0;
    for (const seed of SEEDS) {
      const a = build(seed);
      const bg = modelOf(a).background;
      const z = discZ(a, 'l5_s1') - 6;
      const yc = curveAt(bg, z);
      for (const side of [1, -1] as const) {
        // Columns through the wing, front to back (0.25 mm steps): each crossing's cortex runs and marrow run.
        const thick: number[] = [];
        const cortex: number[] = [];
        const marrowRuns: number[] = [];
        for (let ax = 55; ax <= 130; ax += 3) {
          let y = yc - 60;
          while (y < yc + 60) {
            if (backgroundLabel(bg, side * ax, y, z) !== Tissue.Cortex) {
              y += 0.25;
              continue;
            }
            let c1 = 0;
            while (backgroundLabel(bg, side * ax, y, z) === Tissue.Cortex) [y, c1] = [y + 0.25, c1 + 0.25];
            let marrow = 0;
            while (MARROW.has(backgroundLabel(bg, side * ax, y, z))) [y, marrow] = [y + 0.25, marrow + 0.25];
            let c2 = 0;
            while (backgroundLabel(bg, side * ax, y, z) === Tissue.Cortex) [y, c2] = [y + 0.25, c2 + 0.25];
            if (marrow > 0 && c2 > 0 && marrow < 40) {
              thick.push(c1 + marrow + c2);
              if (marrow > 6) {
                cortex.push(Math.max(c1, c2));
                marrowRuns.push(marrow);
              }
            }
          }
        }
        expect(thick.length, `${seed} ${side} crossings`).toBeGreaterThan(4);
        crossings += cortex.length;
        // The cortex: ~1-2.5 mm along an oblique column (more where a column grazes an end), far thinner than the
        // marrow it closes where the wing is thick.
        const median = (v: number[]): number => [...v].sort((p, q) => p - q)[v.length >> 1];
        if (cortex.length > 0) {
          expect(median(cortex), `${seed} ${side} cortex`).toBeLessThan(3.6);
          expect(median(marrowRuns), `${seed} ${side} marrow`).toBeGreaterThan(2 * median(cortex));
        }
        // v5's bar: 6-14 mm across everywhere (3 + 4 (1 - t) half); v6: ~20 mm posteriorly, 3-4 mm laterally.
        expect(Math.max(...thick) / Math.min(...thick), `${seed} ${side} thick / thin`).toBeGreaterThan(2.5);
      }
    }
    expect(crossings).toBeGreaterThan(8);
  });

  it('draws the quadratus lumborum flat and tapering laterally, not an oval (L3/L4)', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      const bg = modelOf(a).background;
      const plan = bg.lazy.plan;
      const z = discZ(a, 'l3_l4');
      const yc = curveAt(bg, z);
      const li = levelIndexAt(plan, z);
      const level = plan.levelZ[Math.round(li)];
      const size = quadratusSize({
        li,
        z,
        qlScale: 1,
        vHalf: level.halfWidthMm,
        muscleBack: plan.muscleBack,
        bulk: plan.muscleBulk,
        phase: 0,
        back: undefined as never,
      });
      for (const side of [1, -1] as const) {
        // Muscle thickness (front to back, behind y' = muscleBack - 25) at 25 % and 80 % of its width.
        const thickAt = (s: number): number => {
          const x = side * (size.medialMm + s * size.widthMm);
          let n = 0;
          for (let y = yc + plan.muscleBack - 25; y <= yc + plan.muscleBack + 12; y++)
            if (MUSCLE.has(backgroundLabel(bg, x, y, z))) n++;
          return n;
        };
        // The erector spinae lies behind the quadratus: count only the run in front of it (first muscle run).
        const run = (s: number): number => {
          const x = side * (size.medialMm + s * size.widthMm);
          let y = yc + plan.muscleBack - 25;
          while (y < yc + plan.muscleBack + 12 && !MUSCLE.has(backgroundLabel(bg, x, y, z))) y++;
          let n = 0;
          while (MUSCLE.has(backgroundLabel(bg, x, y, z)) || backgroundLabel(bg, x, y, z) === Tissue.Fat) {
            if (backgroundLabel(bg, x, y, z) === Tissue.Fat && !MUSCLE.has(backgroundLabel(bg, x, y + 1, z)))
              break;
            y++;
            n++;
          }
          return n;
        };
        const t25 = run(0.25);
        const t80 = run(0.8);
        expect(thickAt(0.25), `${seed} ${side}`).toBeGreaterThan(5);
        expect(t25, `${seed} ${side} thickness at 25 %`).toBeGreaterThan(6);
        // An oval at 80 % of its width is ~0.9 as thick as at 25 %; this muscle tapers to ~0.65.
        expect(t80 / t25, `${seed} ${side} taper`).toBeLessThan(0.85);
      }
    }
  });

  it('draws the superficial fascia as a continuous plane in thick fat, not a broken line (L3/L4, L4/L5)', () => {
    let columns = 0;
    let withPlane = 0;
    for (const seed of SEEDS) {
      const a = build(seed);
      const bg = modelOf(a).background;
      for (const level of ['l3_l4', 'l4_l5'] as const) {
        const z = discZ(a, level);
        const yc = curveAt(bg, z);
        for (let x = -60; x <= 60; x += 2) {
          if (Math.abs(x) < 12) continue;
          let y = yc - 300;
          while (backgroundLabel(bg, x, y, z) === Tissue.Air) y++;
          while (backgroundLabel(bg, x, y, z) === Tissue.Skin) y++;
          const start = y;
          let plane = false;
          for (;;) {
            const l = backgroundLabel(bg, x, y, z);
            if (l === Tissue.Septum || l === Tissue.FasciaPartial) plane = true;
            else if (l !== Tissue.Fat) break;
            y++;
          }
          // Fat over 20 mm deep: the fascia (at 35-55 % of it) is there.
          if (y - start < 20) continue;
          columns++;
          if (plane) withPlane++;
        }
      }
    }
    expect(columns).toBeGreaterThan(40);
    // v5: the fascia's cells were Septum where a noise field allowed and Fat elsewhere (gaps, drawn dotted); v6:
    // partial-volume cells all along it, a few faded-out stretches (v5's rule: ~60 % of these columns).
    expect(withPlane / columns).toBeGreaterThan(0.8);
  });

  it('packs the bowel loops: little mesenteric fat between them in front of the retroperitoneum (L3/L4)', () => {
    const BOWEL = new Set<number>([Tissue.BowelGas, Tissue.BowelFluid, Tissue.Faeces, Tissue.Viscera]);
    let fat = 0;
    let bowel = 0;
    for (const seed of SEEDS) {
      const a = build(seed);
      const bg = modelOf(a).background;
      const z = discZ(a, 'l3_l4');
      const yc = curveAt(bg, z);
      for (let x = -70; x <= 70; x += 2)
        for (let y = yc - 140; y <= yc - 60; y++) {
          const l = backgroundLabel(bg, x, y, z);
          if (BOWEL.has(l)) bowel++;
          // Fat touching bowel on both sides along x: fat between loops (not the subcutaneous fat or the wall's).
          else if (l === Tissue.Fat || l === Tissue.FatPlane) {
            if (BOWEL.has(backgroundLabel(bg, x - 3, y, z)) && BOWEL.has(backgroundLabel(bg, x + 3, y, z)))
              fat += l === Tissue.Fat ? 1 : 0.5;
          }
        }
    }
    expect(bowel).toBeGreaterThan(2000);
    // v5: loops scattered in mesenteric fat (fat ~25-45 % of the bowel's cells there); v6 under 15 %.
    expect(fat / bowel).toBeLessThan(0.15);
  });

  it('gives some studies fatty atrophy of the multifidus and leaves it out of others', () => {
    const atrophy = [
      'v6-at-1',
      'v6-at-2',
      'v6-at-3',
      'v6-at-4',
      'v6-at-5',
      'v6-at-6',
      'v6-at-7',
      'v6-at-8',
    ].map((seed) => {
      const a = build(seed);
      const bg = modelOf(a).background;
      const z = discZ(a, 'l4_l5');
      const yc = curveAt(bg, z) + bg.lazy.plan.muscleBack;
      // The multifidus: 6-18 mm from the midline, 12-35 mm behind muscleBack.
      let fat = 0;
      let cells = 0;
      for (const side of [1, -1])
        for (let ax = 6; ax <= 18; ax++)
          for (let y = yc + 12; y <= yc + 35; y++) {
            const l = backgroundLabel(bg, side * ax, y, z);
            if (l !== Tissue.Fat && !MUSCLE.has(l)) continue;
            cells++;
            if (l === Tissue.Fat) fat++;
          }
      return { plan: bg.lazy.plan.muscleAtrophy, fat: fat / cells };
    });
    const with_ = atrophy.filter((s) => s.plan > 0);
    const without = atrophy.filter((s) => s.plan === 0);
    expect(with_.length).toBeGreaterThan(0);
    expect(without.length).toBeGreaterThan(0);
    const mean = (v: Array<{ fat: number }>): number => v.reduce((t, s) => t + s.fat, 0) / v.length;
    expect(mean(with_)).toBeGreaterThan(mean(without) + 0.03);
  });
});
