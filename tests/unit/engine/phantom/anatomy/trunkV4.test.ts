/**
 * Phantom v4 anatomy around the spine: kidneys with cortex, medullary pyramids and a renal pelvis in sinus
 * fat; an aortic wall between the lumen (flow void) and periaortic fat; a fat plane between the psoas and
 * the L4/L5 disc; intramuscular fat in the back muscles as streaks, not dots.
 */
import { describe, expect, it } from 'vitest';
import { lpsToBody, modelOf, type PhantomModel } from '../../../../../main/engine/phantom/anatomy/model';
import { backgroundLabel } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import { streak } from '../../../../../main/engine/phantom/anatomy/psoas';
import { gridOf } from '../../../../../main/engine/phantom/render/labelGrid';
import { build, labelAtBody as labelAt } from '../render/phantomFixtures';

const SEEDS = ['v4-1', 'v4-2', 'v4-3'];

/** Body y of the column's curve at body z (the trunk map's y' = 0). */
function curveYAt(m: PhantomModel, z: number): number {
  const bg = m.background;
  const k = Math.min(bg.curveY.length - 1, Math.max(0, Math.round(z - bg.curveZ0)));
  return bg.curveY[k];
}

const SPINE = new Set<number>([
  Tissue.Annulus,
  Tissue.Nucleus,
  Tissue.NucleusMid,
  Tissue.NucleusDegen,
  Tissue.Cortex,
  Tissue.Marrow,
  Tissue.Ligament,
]);

describe('phantom trunk (v4 anatomy)', () => {
  it('gives each kidney a cortex under the capsule, medullary pyramids and a renal pelvis in sinus fat', () => {
    for (const seed of SEEDS) {
      const m = modelOf(build(seed));
      for (const k of [m.background.lazy.plan.kidney.left, m.background.lazy.plan.kidney.right]) {
        const yc = curveYAt(m, k.zc);
        const counts = new Map<number, number>();
        for (let x = k.x - 45; x <= k.x + 45; x++)
          for (let y = k.y - 45; y <= k.y + 45; y++) {
            const l = backgroundLabel(m.background, x, y + yc, k.zc);
            counts.set(l, (counts.get(l) ?? 0) + 1);
          }
        expect(counts.get(Tissue.Kidney) ?? 0).toBeGreaterThan(300);
        expect(counts.get(Tissue.KidneyMedulla) ?? 0).toBeGreaterThan(120);
        expect(counts.get(Tissue.RenalPelvis) ?? 0).toBeGreaterThan(10);
        // Rays from the centre toward the lateral border: the parenchyma ends in cortex (2 mm or more) against
        // the perirenal fat, and most rays cross a pyramid on the way.
        const side = Math.sign(k.x);
        const renal = (l: number): boolean => l === Tissue.Kidney || l === Tissue.KidneyMedulla;
        let withMedulla = 0;
        for (let deg = -60; deg <= 60; deg += 20) {
          const cx = side * Math.cos((deg * Math.PI) / 180);
          const cy = Math.sin((deg * Math.PI) / 180);
          const ray: number[] = [];
          for (let d = 0; d <= 45; d++)
            ray.push(backgroundLabel(m.background, k.x + cx * d, k.y + yc + cy * d, k.zc));
          let end = ray.length - 1;
          while (end > 0 && !renal(ray[end])) end--;
          expect(end).toBeGreaterThan(8);
          expect(ray[end + 1]).toBe(Tissue.Fat);
          expect([ray[end - 1], ray[end]]).toEqual([Tissue.Kidney, Tissue.Kidney]);
          if (ray.slice(0, end).includes(Tissue.KidneyMedulla)) withMedulla++;
        }
        expect(withMedulla).toBeGreaterThanOrEqual(4);
      }
      // No renal tissue at L5/S1.
      const [, y, z] = lpsToBody(m, build(seed).levels.l5_s1.discCenterLps);
      for (let x = -120; x <= 120; x += 2)
        for (let dy = -60; dy <= 60; dy += 2) {
          const l = backgroundLabel(m.background, x, y + dy, z);
          expect(l === Tissue.KidneyMedulla || l === Tissue.RenalPelvis).toBe(false);
        }
    }
  });

  it('wraps the aortic flow void in a 1-3 mm wall and a rim of periaortic fat (anterior ray at L2/L3)', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      const m = modelOf(a);
      const g = gridOf(m);
      const [, y0, z] = lpsToBody(m, a.levels.l2_l3.discCenterLps);
      const ray: number[] = [];
      for (let d = 0; d < 150; d++) ray.push(labelAt(m, g, 9, y0 - 10 - d * 0.4, z));
      const lumen = ray.indexOf(Tissue.Vessel);
      expect(lumen).toBeGreaterThan(0);
      let end = lumen;
      while (ray[end + 1] === Tissue.Vessel) end++;
      expect((end - lumen) * 0.4).toBeGreaterThan(12);
      let wall = end + 1;
      while (ray[wall] === Tissue.VesselWall) wall++;
      const wallMm = (wall - end - 1) * 0.4;
      expect(wallMm).toBeGreaterThanOrEqual(1.2);
      expect(wallMm).toBeLessThanOrEqual(3);
      expect(ray[wall]).toBe(Tissue.Fat);
      expect(ray.slice(wall, wall + 4).every((l) => l === Tissue.Fat)).toBe(true);
    }
  });

  it('keeps a fat plane between the psoas and the L4/L5 disc on both sides', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      const m = modelOf(a);
      const g = gridOf(m);
      const [xc, y, z] = lpsToBody(m, a.levels.l4_l5.discCenterLps);
      for (const side of [1, -1]) {
        const ray: number[] = [];
        for (let d = 0; d < 140; d++) ray.push(labelAt(m, g, xc + side * d * 0.4, y - 4, z));
        const muscle = ray.indexOf(Tissue.Muscle);
        expect(muscle).toBeGreaterThan(0);
        let spine = -1;
        for (let i = 0; i < muscle; i++) if (SPINE.has(ray[i])) spine = i;
        expect(spine).toBeGreaterThan(0);
        const plane = ray.slice(spine + 1, muscle);
        expect(plane.length * 0.4).toBeGreaterThanOrEqual(1.2);
        expect(plane.every((l) => l === Tissue.Fat || l === Tissue.Septum)).toBe(true);
      }
    }
  });

  it('runs the fat inside the back muscles in elongated, mostly anteroposterior lines (fascial planes and streaks), not dots (axial at L4/L5)', () => {
    let cells = 0;
    let along = 0;
    let across = 0;
    for (const seed of SEEDS) {
      const a = build(seed);
      const m = modelOf(a);
      const [, yc, z] = lpsToBody(m, a.levels.l4_l5.discCenterLps);
      const bg = m.background;
      const fatAt = (x: number, y: number): boolean => backgroundLabel(bg, x, y, z) === Tissue.Fat;
      const muscleAt = (x: number, y: number): boolean => {
        const l = backgroundLabel(bg, x, y, z);
        return l === Tissue.Muscle || l === Tissue.MuscleMarbled;
      };
      // Fat cells inside the muscle mass (muscle 3 mm either side along x): how often their neighbour is fat
      // along the streaks' direction (mostly anteroposterior) vs across it (lateral).
      for (let x = 8; x <= 60; x++)
        for (let y = yc + 30; y <= yc + 80; y++) {
          if (!fatAt(x, y) || !muscleAt(x - 3, y) || !muscleAt(x + 3, y)) continue;
          cells++;
          if (fatAt(x, y + 1) || fatAt(x, y - 1)) along++;
          if (fatAt(x + 1, y) || fatAt(x - 1, y)) across++;
        }
    }
    expect(cells).toBeGreaterThan(20);
    expect(along / cells).toBeGreaterThan(0.7);
    expect(along).toBeGreaterThan(1.5 * across);
  });

  it('draws the intramuscular fat field stretched along the fibres: 6 mm along them it barely changes, 6 mm across it decorrelates', () => {
    // Pearson correlation of the field with itself shifted by 6 mm, over a 60 x 60 mm patch, for both fibre
    // directions the back muscles use (multifidus oblique, erector spinae nearly sagittal).
    const corrAt = (cos: number, sin: number, dx: number, dy: number, ph: number): number => {
      let n = 0,
        sa = 0,
        sb = 0,
        saa = 0,
        sbb = 0,
        sab = 0;
      for (let x = 0; x < 60; x += 0.5)
        for (let y = 0; y < 60; y += 0.5) {
          const a = streak(x, y, cos, sin, ph);
          const b = streak(x + dx, y + dy, cos, sin, ph);
          n++;
          sa += a;
          sb += b;
          saa += a * a;
          sbb += b * b;
          sab += a * b;
        }
      const cov = sab / n - (sa / n) * (sb / n);
      return cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    };
    for (const [cos, sin] of [
      [0.45, 0.89],
      [0.2, 0.98],
    ])
      for (const ph of [0.3, 1.7, 4.1]) {
        const along = corrAt(cos, sin, 6 * cos, 6 * sin, ph);
        const across = corrAt(cos, sin, -6 * sin, 6 * cos, ph);
        expect(along, `along, phase ${ph}`).toBeGreaterThan(0.85);
        expect(across, `across, phase ${ph}`).toBeLessThan(0.5);
      }
  });
});
