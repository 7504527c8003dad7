/**
 * The trunk's sagittal profile (phantom v5): how far the front and back skin sit from the spine's curve along
 * body z. The trunk map lives in y' = y - curveY(z), so an outline at a fixed y' runs parallel to the lordosis
 * (the whole trunk snakes with the spine). Here the belly is a smooth convex curve in the body frame (one
 * quadratic in z whose bulge is the patient's own, not the spine's), and the back skin follows the lordosis only
 * in part (a fraction of the curve's deviation from its straight trend). Plain TypeScript; never imports
 * electron or render code.
 */
import type { Rng } from '../../rng';

/**
 * Per mm of body z (index k = z - z0, clamped): offsets (mm, added to y') of the front and back outline
 * from the plain section outline (front at the section's depth, back at the plan's backMm).
 */
export interface TrunkProfile {
  z0: number;
  front: Float32Array;
  back: Float32Array;
}

/** No offsets: the outline at a fixed y' (v4). */
export const FLAT_PROFILE: TrunkProfile = { z0: 0, front: new Float32Array(1), back: new Float32Array(1) };

/** Index of body z in the profile's tables. */
export function profileIndex(pr: TrunkProfile, z: number): number {
  const k = Math.round(z - pr.z0);
  return k < 0 ? 0 : k >= pr.front.length ? pr.front.length - 1 : k;
}

/** Least squares fit of y = c0 + c1 t + c2 t^2 over samples t with c2 given: [c0, c1, c2]. */
function fitQuadratic(t: Float64Array, y: Float64Array, c2: number): [number, number, number] {
  const n = t.length;
  let st = 0;
  let sy = 0;
  let stt = 0;
  let sty = 0;
  for (let i = 0; i < n; i++) {
    const r = y[i] - c2 * t[i] * t[i];
    st += t[i];
    sy += r;
    stt += t[i] * t[i];
    sty += t[i] * r;
  }
  const c1 = (n * sty - st * sy) / (n * stt - st * st);
  return [(sy - c1 * st) / n, c1, c2];
}

/** What the profile needs of the study: the spine's curve and the plain front outline at body z. */
export interface ProfileInput {
  curveY: Float32Array;
  curveZ0: number;
  /** y' of the plain (v4) front outline at body z. */
  frontAt: (z: number) => number;
  /** The body z range the profile is fitted over (the lumbar spine and a little more). */
  fitLo: number;
  fitHi: number;
  /** Belly fat factor of the plan (1-2.2): a fuller belly bulges more. */
  bellyFat: number;
}

/**
 * Plan the profile. Front: a quadratic in body z with the patient's own bulge (6-28 mm behind the apex 100 mm
 * above or below it, more with belly fat), its level and slope fitted to the plain outline's body-frame front
 * (curve + y') over the lumbar range, so the belly keeps its place and size but no longer follows the
 * lordosis. Back: the skin keeps 35-65 % of the curve's deviation from its straight trend.
 */
export function planProfile(rng: Rng, inp: ProfileInput): TrunkProfile {
  const { curveY, curveZ0 } = inp;
  const n = curveY.length;
  const zm = (inp.fitLo + inp.fitHi) / 2;
  const count = Math.max(3, Math.round(inp.fitHi - inp.fitLo) + 1);
  const t = new Float64Array(count);
  const yf = new Float64Array(count);
  const yc = new Float64Array(count);
  const curveAt = (z: number): number => {
    const k = Math.round(z - curveZ0);
    return curveY[k < 0 ? 0 : k >= n ? n - 1 : k];
  };
  for (let i = 0; i < count; i++) {
    const z = inp.fitLo + ((inp.fitHi - inp.fitLo) * i) / (count - 1);
    t[i] = (z - zm) / 100;
    yc[i] = curveAt(z);
    yf[i] = yc[i] + inp.frontAt(z);
  }
  // The belly's own bulge: mm behind the apex 100 mm above or below it (a fuller belly bulges more).
  const bulge = rng.uniform(6, 16) + 10 * (inp.bellyFat - 1);
  const [f0, f1, f2] = fitQuadratic(t, yf, bulge);
  const [l0, l1] = fitQuadratic(t, yc, 0);
  const follow = rng.uniform(0.35, 0.65);
  const front = new Float32Array(n);
  const back = new Float32Array(n);
  // Beyond the fitted range the belly runs on along its tangent (no sharp turn where the map ends).
  const tLo = (inp.fitLo - 10 - zm) / 100;
  const tHi = (inp.fitHi + 10 - zm) / 100;
  for (let k = 0; k < n; k++) {
    const z = curveZ0 + k;
    const tk = (z - zm) / 100;
    const te = tk < tLo ? tLo : tk > tHi ? tHi : tk;
    const c = curveY[k];
    front[k] = f0 + f1 * tk + f2 * te * (2 * tk - te) - (c + inp.frontAt(z));
    back[k] = (follow - 1) * (c - (l0 + l1 * tk));
  }
  return { z0: curveZ0, front, back };
}
