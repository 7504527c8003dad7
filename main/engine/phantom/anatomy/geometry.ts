/**
 * Geometry helpers of the phantom's body frame (mm; +x patient left, +y posterior, +z superior):
 * sagittal-plane local frames of vertebrae and discs, and axis-aligned boxes.
 * Plain TypeScript; never imports electron or render code.
 */

/**
 * A local frame whose lateral axis u is body +x; w (posterior) and h (superior, along the endplate
 * normal) lie in the body's sagittal plane, tilted by `tiltRad` (positive = normal leaning anterior).
 */
export interface LocalFrame {
  ox: number;
  oy: number;
  oz: number;
  /** w axis (posterior within the endplate plane): (0, wy, wz). */
  wy: number;
  wz: number;
  /** h axis (endplate normal, superior): (0, hy, hz). */
  hy: number;
  hz: number;
}

/** Axis-aligned box in the body frame, mm. */
export interface Box {
  min: [number, number, number];
  max: [number, number, number];
}

export function frameAt(ox: number, oy: number, oz: number, tiltRad: number): LocalFrame {
  return {
    ox,
    oy,
    oz,
    wy: Math.cos(tiltRad),
    wz: Math.sin(tiltRad),
    hy: -Math.sin(tiltRad),
    hz: Math.cos(tiltRad),
  };
}

/** Body-frame point of local (u, w, h). */
export function toBody(f: LocalFrame, u: number, w: number, h: number): [number, number, number] {
  return [f.ox + u, f.oy + w * f.wy + h * f.hy, f.oz + w * f.wz + h * f.hz];
}

/** Bounding box of a local-frame box [u0,u1] x [w0,w1] x [h0,h1]. */
export function boxOfLocal(
  f: LocalFrame,
  u0: number,
  u1: number,
  w0: number,
  w1: number,
  h0: number,
  h1: number,
): Box {
  const box = emptyBox();
  for (const u of [u0, u1])
    for (const w of [w0, w1]) for (const h of [h0, h1]) growBox(box, toBody(f, u, w, h), 0);
  return box;
}

export function emptyBox(): Box {
  return { min: [Infinity, Infinity, Infinity], max: [-Infinity, -Infinity, -Infinity] };
}

/** Grow a box to contain point p dilated by r mm (in place). */
export function growBox(box: Box, p: readonly [number, number, number], r: number): void {
  for (let i = 0; i < 3; i++) {
    box.min[i] = Math.min(box.min[i], p[i] - r);
    box.max[i] = Math.max(box.max[i], p[i] + r);
  }
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

/** Smooth 0 -> 1 ramp over t in [0, 1] (3t^2 - 2t^3), clamped outside. */
export function smooth01(t: number): number {
  const c = t < 0 ? 0 : t > 1 ? 1 : t;
  return c * c * (3 - 2 * c);
}

export function smoothstep(e0: number, e1: number, x: number): number {
  return smooth01((x - e0) / (e1 - e0));
}
