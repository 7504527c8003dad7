/**
 * Phantom v5 trunk look: the belly is a smooth convex curve of its own on sagittal planes (not the spine's
 * S-curve) and the back follows the lordosis only in part; the subcutaneous fat is homogeneous with a few thin
 * septa (not a network of cracks) and thinner over the back than over the belly; the psoas lies against the
 * vertebral body and grows from L1 to L4; the paraspinal muscles are rounded-rectangular blocks.
 */
import { describe, expect, it } from 'vitest';
import { lpsToBody, modelOf } from '../../../../../main/engine/phantom/anatomy/model';
import { backgroundLabel, type BackgroundMap } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import type { SpineAnatomy } from '../../../../../main/engine/phantom/anatomyTypes';
import type { Level } from '../../../../../main/shared/targets';
import { build } from '../render/phantomFixtures';

const SEEDS = ['v5-look-1', 'v5-look-2', 'v5-look-3', 'v5-look-4'];
const MUSCLE = new Set<number>([Tissue.Muscle, Tissue.MuscleMarbled]);
const SEPTAL = new Set<number>([Tissue.Septum, Tissue.FasciaPartial]);

function curveAt(bg: BackgroundMap, z: number): number {
  const k = Math.min(bg.curveY.length - 1, Math.max(0, Math.round(z - bg.curveZ0)));
  return bg.curveY[k];
}

/** Body y of the first non-air point from the front (dir 1) or the back (dir -1) at (x, z), 0.25 mm steps. */
function skinY(bg: BackgroundMap, x: number, z: number, dir: 1 | -1): number {
  let y = dir === 1 ? -300 : 300;
  while (Math.abs(y) <= 300 && backgroundLabel(bg, x, y, z) === Tissue.Air) y += 0.25 * dir;
  return y;
}

/** Residual of y after a least squares fit on [1, t] (and t^2 when `quadratic`). */
function detrend(t: number[], y: number[], quadratic: boolean): number[] {
  const cols = quadratic ? 3 : 2;
  const m = Array.from({ length: cols }, () => new Array<number>(cols + 1).fill(0));
  for (let i = 0; i < t.length; i++) {
    const f = [1, t[i], t[i] * t[i]].slice(0, cols);
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) m[a][b] += f[a] * f[b];
      m[a][cols] += f[a] * y[i];
    }
  }
  for (let c = 0; c < cols; c++)
    for (let r = c + 1; r < cols; r++) {
      const k = m[r][c] / m[c][c];
      for (let j = c; j <= cols; j++) m[r][j] -= k * m[c][j];
    }
  const coef = new Array<number>(cols).fill(0);
  for (let r = cols - 1; r >= 0; r--) {
    let v = m[r][cols];
    for (let j = r + 1; j < cols; j++) v -= m[r][j] * coef[j];
    coef[r] = v / m[r][r];
  }
  return y.map((v, i) => v - [1, t[i], t[i] * t[i]].slice(0, cols).reduce((s, f, j) => s + f * coef[j], 0));
}

function regressionSlope(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}

function zOf(a: SpineAnatomy, level: Level): number {
  return lpsToBody(modelOf(a), a.levels[level].discCenterLps)[2];
}

describe('phantom trunk look (v5)', () => {
  it('draws the belly as a smooth convex curve that does not follow the lordosis, and the back following it only in part (mid-sagittal)', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      const bg = modelOf(a).background;
      const t: number[] = [];
      const spine: number[] = [];
      const front: number[] = [];
      const back: number[] = [];
      // T12/L1 to below L5/S1, every 2 mm of z; x = 8 (off the midline groove of the back).
      for (let z = zOf(a, 'l1_l2') + 25; z >= zOf(a, 'l5_s1') - 15; z -= 2) {
        t.push(z / 100);
        spine.push(curveAt(bg, z));
        front.push(skinY(bg, 8, z, 1));
        back.push(skinY(bg, 8, z, -1));
      }
      // Beyond a quadratic trend (the belly's own bulge), the spine's S-curve (lordosis, sacrum) is left;
      // v4's belly ran parallel to it (slope 0.8-1.3 on it); v5's only wobbles (a few mm).
      const spineRes = detrend(t, spine, true);
      const frontRes = detrend(t, front, true);
      expect(Math.abs(regressionSlope(spineRes, frontRes)), `${seed} belly vs spine`).toBeLessThan(0.35);
      // The back's skin after a straight trend: v4 followed the spine fully (slope ~1), v5 by 35-65 %.
      const backSlope = regressionSlope(detrend(t, spine, false), detrend(t, back, false));
      expect(backSlope, `${seed} back vs spine`).toBeGreaterThan(0.2);
      expect(backSlope, `${seed} back vs spine`).toBeLessThan(0.8);
    }
  });

  /** Subcutaneous fat and septa along rays from the outline inward (front and back columns), at one level. */
  function subcutaneous(
    a: SpineAnatomy,
    level: Level,
  ): { fat: number; septa: number; front: number; back: number } {
    const m = modelOf(a);
    const bg = m.background;
    const [, yc, z] = lpsToBody(m, a.levels[level].discCenterLps);
    let fat = 0;
    let septa = 0;
    const depth = { front: [] as number[], back: [] as number[] };
    for (const dir of [1, -1] as const) {
      for (let x = -70; x <= 70; x += 2) {
        if (Math.abs(x) < 12) continue; // the back's midline groove and the linea alba
        let y = dir === 1 ? yc - 300 : yc + 250;
        while (backgroundLabel(bg, x, y, z) === Tissue.Air) y += dir;
        while (backgroundLabel(bg, x, y, z) === Tissue.Skin) y += dir;
        const start = y;
        // Fat and septa up to the first other tissue; a septum run that ends on it (the fascia on the wall or
        // the back muscles) is not the fat's own.
        for (;;) {
          const l = backgroundLabel(bg, x, y, z);
          if (l === Tissue.Fat) fat++;
          else if (SEPTAL.has(l)) {
            // v6: a fascial plane is a sub-voxel line (a Septum core in stretches, FasciaPartial cells, half
            // septum, along it); a run of them counts by its septum content.
            let run = 0;
            let content = 0;
            while (SEPTAL.has(backgroundLabel(bg, x, y + run * dir, z))) {
              content += backgroundLabel(bg, x, y + run * dir, z) === Tissue.Septum ? 1 : 0.5;
              run++;
            }
            if (backgroundLabel(bg, x, y + run * dir, z) !== Tissue.Fat) break;
            septa += content;
            fat += run - content;
            y += (run - 1) * dir;
          } else break;
          y += dir;
        }
        (dir === 1 ? depth.front : depth.back).push(Math.abs(y - start));
      }
    }
    const median = (v: number[]): number => [...v].sort((p, q) => p - q)[v.length >> 1];
    return { fat, septa, front: median(depth.front), back: median(depth.back) };
  }

  it('keeps the subcutaneous fat homogeneous: thin septa cover under 4.5 % of it on average (v4 7 %), thinner over the back than over the belly', () => {
    const shares: number[] = [];
    for (const seed of SEEDS) {
      const a = build(seed);
      for (const level of ['l2_l3', 'l3_l4', 'l4_l5'] as const) {
        const s = subcutaneous(a, level);
        expect(s.fat, `${seed} ${level}`).toBeGreaterThan(500);
        shares.push(s.septa / (s.fat + s.septa));
        // v5 1.0-5.3 % per level (the superficial fascia in thick fat, a few strands); v4 6.1-8.1 %.
        expect(shares[shares.length - 1], `${seed} ${level} septa`).toBeLessThan(0.06);
        expect(s.back, `${seed} ${level} back vs belly fat`).toBeLessThan(0.8 * s.front);
      }
    }
    expect(shares.reduce((t, v) => t + v, 0) / shares.length, 'mean septa share').toBeLessThan(0.045);
  });

  /**
   * The psoas beside a disc: its area (mm^2: the 4-connected muscle cells from the first muscle along the ray
   * 4 mm in front of the disc centre) and the harmonics 1-4 of its boundary radius about its centroid.
   */
  function psoas(a: SpineAnatomy, level: Level, side: 1 | -1): { area: number; h: number[] } {
    const m = modelOf(a);
    const bg = m.background;
    const [xc, yc, z] = lpsToBody(m, a.levels[level].discCenterLps);
    const y0 = Math.round(yc - 4);
    let d = 0;
    while (d < 90 && !MUSCLE.has(backgroundLabel(bg, xc + side * d, y0, z))) d += 0.25;
    const seen = new Set<number>();
    const stack: Array<[number, number]> = [[Math.round(xc + side * (d + 0.5)), y0]];
    while (stack.length > 0 && seen.size < 8000) {
      const [px, py] = stack.pop() as [number, number];
      const key = (px + 500) * 2000 + (py + 1000);
      // Within 70 mm of the midline: at L4/L5 the psoas may meet the iliacus at the iliac crest (iliopsoas).
      if (seen.has(key) || Math.abs(px - xc) > 70 || !MUSCLE.has(backgroundLabel(bg, px, py, z))) continue;
      seen.add(key);
      stack.push([px + 1, py], [px - 1, py], [px, py + 1], [px, py - 1]);
    }
    // Boundary radius about the centroid in 48 directions, and its harmonics 1-4 relative to the mean.
    const cells = [...seen].map((k) => [Math.floor(k / 2000) - 500, (k % 2000) - 1000]);
    const cx = cells.reduce((t, c) => t + c[0], 0) / cells.length;
    const cy = cells.reduce((t, c) => t + c[1], 0) / cells.length;
    const radius = new Array<number>(48).fill(0);
    for (const [px, py] of cells) {
      const k = Math.floor(((Math.atan2(py - cy, px - cx) / (2 * Math.PI) + 1) * 48) % 48);
      radius[k] = Math.max(radius[k], Math.hypot(px - cx, py - cy));
    }
    const mean = radius.reduce((t, r) => t + r, 0) / 48;
    const harmonic = (h: number): number => {
      let re = 0;
      let im = 0;
      radius.forEach((r, k) => {
        re += r * Math.cos((2 * Math.PI * h * k) / 48);
        im += r * Math.sin((2 * Math.PI * h * k) / 48);
      });
      return Math.hypot(re, im) / 48 / mean;
    };
    return { area: seen.size, h: [1, 2, 3, 4].map(harmonic) };
  }

  it('grows the psoas from L1 to L4 (a small muscle at L1, 8.5-15 cm2 at L4/L5) as a rounded triangle, not an oval', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      for (const side of [1, -1] as const) {
        const s = (['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5'] as const).map((l) => psoas(a, l, side));
        for (let i = 0; i + 1 < s.length; i++)
          expect(s[i + 1].area, `${seed} ${side} level ${i + 1}`).toBeGreaterThan(s[i].area);
        expect(s[3].area, `${seed} ${side} L4/L5 vs L1/L2`).toBeGreaterThan(3 * s[0].area);
        // v4's teardrop was 6.2-11 cm2 at L4/L5 (under 8.5 in 6 of these 8 muscles); real adults 10-20 cm2.
        expect(s[3].area, `${seed} ${side} L4/L5`).toBeGreaterThan(850);
        // An oval's boundary has no third harmonic; this rounded triangle's is 0.06-0.18 of its mean radius.
        for (const k of [2, 3])
          expect(s[k].h[2], `${seed} ${side} level ${k} third harmonic`).toBeGreaterThan(0.045);
      }
    }
  });

  it('shapes each paraspinal mass as a rounded rectangle, not a half-ellipse: 8 mm behind the transverse processes it is nearly as wide as at its widest (L3/L4)', () => {
    for (const seed of SEEDS) {
      const a = build(seed);
      const m = modelOf(a);
      const bg = m.background;
      const [xc, , z] = lpsToBody(m, a.levels.l3_l4.discCenterLps);
      // Body y of y' = muscleBack (2 mm behind the vertebral body); the blocks start ~3 mm behind it.
      const y0 = Math.round(curveAt(bg, z) + bg.lazy.plan.muscleBack);
      for (const side of [1, -1] as const) {
        // Back muscle cells per row, 2-90 mm from the midline (the quadratus lies in front of these rows).
        // v6: the row's extent (first to last muscle cell), so fat inside the muscle (streaks, the fatty
        // atrophy of some studies) does not count as outline.
        const row = (y: number): number => {
          let first = -1;
          let last = -2;
          for (let d = 2; d <= 90; d++)
            if (MUSCLE.has(backgroundLabel(bg, xc + side * d, y, z))) {
              if (first < 0) first = d;
              last = d;
            }
          return last - first + 1;
        };
        const rows: number[] = [];
        for (let dy = 0; dy < 90; dy++) rows.push(row(y0 + dy));
        // v6: the widest row behind row 11 (the quadratus lumborum lies in front of the lateral part, rows 0-10).
        const widest = Math.max(...rows.slice(11));
        expect(widest, `${seed} ${side}`).toBeGreaterThan(35);
        // v4's oval compartment (front at 3 mm, centre 35 mm, radius 32 mm) is 0.53-0.69 of its widest there (v5
        // 0.76-0.88; v6 0.72-0.9: its front curves back ~5 mm over the lateral half, where the quadratus lies).
        expect(rows[11] / widest, `${seed} ${side} width 8 mm behind the front`).toBeGreaterThan(0.7);
      }
    }
  });
});
