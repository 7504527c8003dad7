/**
 * The phantom's hidden model behind a SpineAnatomy: ordered primitives, trunk background, the
 * body -> LPS transform and per-study signal scaling; kept in a WeakMap keyed by the anatomy object.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Vec3 } from '../../../shared/vec3';
import type { Contrast, SpineAnatomy } from '../anatomyTypes';
import type { BackgroundMap } from './softTissue';
import type { Primitive } from './primitive';

export interface PhantomModel {
  /** Painted in order: later primitives overwrite earlier ones. */
  primitives: Primitive[];
  background: BackgroundMap;
  /** Body-frame point that maps to `translationLps` (centre of L3). */
  originBody: Vec3;
  /** Columns: body x, y, z axes in LPS (same as SpineAnatomy.bodyAxes). */
  axes: readonly [Vec3, Vec3, Vec3];
  translationLps: Vec3;
  /** Per-study multipliers of each tissue's signal (scanner-to-scanner variation). */
  signalScale: Record<Contrast, Float32Array>;
  /** STIR: multiplier of the (suppressed) fat signal; above 1 where fat suppression is poor. */
  stirFatLeak: number;
  /** Seed of the per-study texture. */
  textureSeed: number;
  /** Filled lazily by the renderer (the rasterised label grid); opaque here. */
  cache: Map<string, unknown>;
}

const registry = new WeakMap<SpineAnatomy, PhantomModel>();

export function attachModel(anatomy: SpineAnatomy, model: PhantomModel): void {
  registry.set(anatomy, model);
}

/** The model of an anatomy made by buildSpineAnatomy (the same object, not a copy). */
export function modelOf(anatomy: SpineAnatomy): PhantomModel {
  const model = registry.get(anatomy);
  if (!model) {
    throw new Error(
      'renderSlice: pass the SpineAnatomy object returned by buildSpineAnatomy (copies lose the model)',
    );
  }
  return model;
}

/** Body-frame point -> patient LPS mm. */
export function bodyToLps(m: PhantomModel, p: readonly [number, number, number]): Vec3 {
  const x = p[0] - m.originBody[0];
  const y = p[1] - m.originBody[1];
  const z = p[2] - m.originBody[2];
  const [ax, ay, az] = m.axes;
  const t = m.translationLps;
  return [
    t[0] + ax[0] * x + ay[0] * y + az[0] * z,
    t[1] + ax[1] * x + ay[1] * y + az[1] * z,
    t[2] + ax[2] * x + ay[2] * y + az[2] * z,
  ];
}

/** Patient LPS mm -> body-frame point (inverse of {@link bodyToLps}). */
export function lpsToBody(m: PhantomModel, p: Vec3): [number, number, number] {
  const dx = p[0] - m.translationLps[0];
  const dy = p[1] - m.translationLps[1];
  const dz = p[2] - m.translationLps[2];
  const [ax, ay, az] = m.axes;
  return [
    m.originBody[0] + ax[0] * dx + ax[1] * dy + ax[2] * dz,
    m.originBody[1] + ay[0] * dx + ay[1] * dy + ay[2] * dz,
    m.originBody[2] + az[0] * dx + az[1] * dy + az[2] * dz,
  ];
}
