/**
 * The trunk map's curve table: body y of the vertebral column per mm of z, smoothed, with a slow wobble. Split
 * out of softTissue.ts (phantom v6). Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { SpineLayout } from './spineLayout';

/** Running mean of radius r (clamped at the ends), in place. */
function smoothInPlace(a: Float32Array, r: number): void {
  const src = Float32Array.from(a);
  const n = a.length;
  for (let k = 0; k < n; k++) {
    let sum = 0;
    for (let d = -r; d <= r; d++) sum += src[Math.min(n - 1, Math.max(0, k + d))];
    a[k] = sum / (2 * r + 1);
  }
}

/**
 * The column's curve (vertebral centres, smoothed so the trunk has no kinks at each vertebra) plus a slow
 * wobble of 1-2 mm, so the trunk's planes run along the lordosis without being drawn parallel to it.
 */
export function curveTable(rng: Rng, layout: SpineLayout): { curveY: Float32Array; curveZ0: number } {
  const pts = layout.vertebrae
    .filter((v) => v.kind !== 'sacral' || v.name === 'S1')
    .map((v) => [v.frame.oz, v.frame.oy] as const)
    .sort((a, b) => a[0] - b[0]);
  const curveZ0 = Math.floor(pts[0][0] - 400);
  const n = Math.ceil(pts[pts.length - 1][0] + 400 - curveZ0);
  const curveY = new Float32Array(n);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const z = curveZ0 + k;
    while (j < pts.length - 2 && z > pts[j + 1][0]) j++;
    const [za, ya] = pts[j];
    const [zb, yb] = pts[j + 1];
    const t = Math.min(1, Math.max(0, (z - za) / (zb - za)));
    curveY[k] = ya + (yb - ya) * t;
  }
  smoothInPlace(curveY, 12);
  smoothInPlace(curveY, 12);
  const waves = [0, 1].map(() => ({
    a: rng.uniform(0.6, 1.4),
    p: rng.uniform(40, 110),
    ph: rng.uniform(0, 6.28),
  }));
  for (let k = 0; k < n; k++) for (const w of waves) curveY[k] += w.a * Math.sin((k / w.p) * 6.283 + w.ph);
  return { curveY, curveZ0 };
}
