/**
 * Builds one study's lumbar spine phantom from its grades: layout, per-level plans, the ordered
 * primitives, a seeded patient shift/rotation, and the ground-truth points in patient LPS.
 * Plain TypeScript; never imports electron or render code.
 */
import { LEVELS, type Level } from '../../../shared/targets';
import { normalize, rotateAbout, type Vec3 } from '../../../shared/vec3';
import type { Contrast, LevelAnatomy, SpineAnatomy, StudyGrades } from '../anatomyTypes';
import type { Rng } from '../../rng';
import { buildCanalPath } from './canalPath';
import { canalFatSegment, caudaPositions, duralSacSegment, flavumPrimitive } from './canal';
import { discPrimitive } from './disc';
import { foramenPoint, foramenPrimitive, nerveRoot, recessPoint } from './foramen';
import { toBody } from './geometry';
import { planDisc, type DiscPlan } from './levelPlan';
import { attachModel, bodyToLps, type PhantomModel } from './model';
import { facetJoint, vertebraPosterior } from './posteriorElements';
import type { Primitive } from './primitive';
import { buildBackground } from './softTissue';
import { psoasAndVessels } from './vessels';
import { buildSpineLayout, type SpineLayout } from './spineLayout';
import { PARTIAL_OF, TISSUE_COUNT } from './tissues';
import { vertebralBody } from './vertebra';

const DEG = Math.PI / 180;

function orderedPrimitives(rng: Rng, layout: SpineLayout, plans: DiscPlan[]): Primitive[] {
  const prims: Primitive[] = [...psoasAndVessels(rng.fork('vessels'), layout)];
  const path = buildCanalPath(layout, plans);
  for (let i = 0; i + 1 < path.length; i++) prims.push(canalFatSegment(path[i], path[i + 1]));
  const lumbar = plans.filter((p) => p.disc.kind !== 'sacral');
  for (const p of lumbar) prims.push(foramenPrimitive(p, 'left'), foramenPrimitive(p, 'right'));
  for (const p of plans) prims.push(discPrimitive(p));
  for (const v of layout.vertebrae) prims.push(vertebralBody(v));
  const postRng = rng.fork('posterior');
  for (const v of layout.vertebrae) prims.push(...vertebraPosterior(postRng, v));
  for (const p of lumbar) prims.push(facetJoint(p, 'left'), facetJoint(p, 'right'));
  for (const p of lumbar) prims.push(flavumPrimitive(p));
  const cauda = caudaPositions(rng.fork('cauda'), 22);
  const l1 = layoutIndexNode(layout, 'L1');
  // Conus tip between mid-L1 and 4 mm above the L1/L2 disc, so the sac at that disc holds only cauda and CSF.
  const tipArc = path[l1].arcMm + rng.uniform(0.1, 1) * (path[l1 + 2].arcMm - path[l1].arcMm - 4);
  for (let i = 0; i + 1 < path.length; i++) prims.push(duralSacSegment(path[i], path[i + 1], cauda, tipArc));
  const vs = layout.vertebrae;
  for (let i = 1; i < vs.length; i++) {
    if (vs[i].kind !== 'lumbar') continue;
    const below = plans[i].disc.kind === 'sacral' ? null : plans[i];
    for (const side of ['left', 'right'] as const) prims.push(...nerveRoot(vs[i], plans[i - 1], below, side));
  }
  return prims;
}

/** Index of a vertebra's node on the canal path (each vertebra but the last adds 4 nodes). */
function layoutIndexNode(layout: SpineLayout, name: string): number {
  return layout.vertebrae.findIndex((v) => v.name === name) * 4;
}

function patientAxes(rng: Rng): [Vec3, Vec3, Vec3] {
  const yaw = rng.uniform(-4, 4) * DEG;
  const roll = rng.uniform(-3, 3) * DEG;
  const pitch = rng.uniform(-6, 6) * DEG;
  const rot = (v: Vec3): Vec3 =>
    normalize(rotateAbout(rotateAbout(rotateAbout(v, [1, 0, 0], pitch), [0, 1, 0], roll), [0, 0, 1], yaw));
  return [rot([1, 0, 0]), rot([0, 1, 0]), rot([0, 0, 1])];
}

function signalScales(rng: Rng): Record<Contrast, Float32Array> {
  // The first 28 tissues' draws come first, in v2's order; tissues added later draw after them.
  const one = (): Float32Array =>
    Float32Array.from({ length: TISSUE_COUNT }, (_, t) => (t < 28 ? rng.uniform(0.94, 1.06) : 1));
  const s = { T1: one(), T2: one(), STIR: one() };
  for (const c of [s.T1, s.T2, s.STIR]) {
    for (let t = 28; t < 37; t++) c[t] = rng.uniform(0.94, 1.06);
    // v6's partial-volume labels draw nothing: their gain is the mean of the two tissues they mix.
    for (const [t, a, b] of PARTIAL_OF) c[t] = (c[a] + c[b]) / 2;
  }
  return s;
}

function levelAnatomy(m: PhantomModel, plan: DiscPlan, level: Level): LevelAnatomy {
  const f = plan.disc.frame;
  const normal: Vec3 = [0, f.hy, f.hz];
  const [ax, ay, az] = m.axes;
  const n = normalize([
    ax[0] * normal[0] + ay[0] * normal[1] + az[0] * normal[2],
    ax[1] * normal[0] + ay[1] * normal[1] + az[1] * normal[2],
    ax[2] * normal[0] + ay[2] * normal[1] + az[2] * normal[2],
  ]);
  return {
    level,
    discCenterLps: bodyToLps(m, [f.ox, f.oy, f.oz]),
    discNormal: n,
    discHeightMm: plan.disc.heightMm,
    canalCenterLps: bodyToLps(m, toBody(f, 0, plan.sac.cMm, 0)),
    foramenLps: {
      left: bodyToLps(m, foramenPoint(plan, 'left')),
      right: bodyToLps(m, foramenPoint(plan, 'right')),
    },
    recessLps: {
      left: bodyToLps(m, recessPoint(plan, 'left')),
      right: bodyToLps(m, recessPoint(plan, 'right')),
    },
  };
}

/**
 * Build a study's spine from its grades. The returned object carries a hidden model that
 * {@link renderSlice} needs: pass this very object (a copy loses it).
 */
export function buildSpineAnatomy(rng: Rng, grades: StudyGrades): SpineAnatomy {
  const layout = buildSpineLayout(rng.fork('layout'), grades);
  const plans = layout.discs.map(planDisc);
  const l3 = layout.vertebrae.find((v) => v.name === 'L3');
  if (!l3) throw new Error('buildSpineAnatomy: layout without L3');
  const axes = patientAxes(rng.fork('pose'));
  const shift = rng.fork('shift');
  const model: PhantomModel = {
    primitives: orderedPrimitives(rng.fork('primitives'), layout, plans),
    background: buildBackground(rng.fork('background'), layout),
    originBody: [l3.frame.ox, l3.frame.oy, l3.frame.oz],
    axes,
    translationLps: [shift.uniform(-25, 25), shift.uniform(-30, 30), shift.uniform(-40, 40)],
    signalScale: signalScales(rng.fork('signal')),
    stirFatLeak: rng.fork('stir').bool(0.3) ? rng.fork('stir-leak').uniform(1.5, 3.5) : 1,
    textureSeed: Math.floor(rng.fork('texture').next() * 2 ** 31),
    cache: new Map(),
  };
  const byLevel = new Map(plans.filter((p) => p.disc.level).map((p) => [p.disc.level as Level, p]));
  const levels = {} as Record<Level, LevelAnatomy>;
  for (const level of LEVELS) {
    const plan = byLevel.get(level);
    if (!plan) throw new Error(`buildSpineAnatomy: no disc for ${level}`);
    levels[level] = levelAnatomy(model, plan, level);
  }
  const anatomy: SpineAnatomy = {
    levels,
    fovCenterLps: model.translationLps,
    bodyAxes: axes,
    variant: layout.variant,
  };
  attachModel(anatomy, model);
  return anatomy;
}
