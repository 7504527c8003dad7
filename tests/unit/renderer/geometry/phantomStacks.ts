/**
 * Test fixture: the planned geometry and ground-truth anatomy of a phantom study (the same seeds as the
 * written DICOM), as the viewer's StackGeometry records. No pixels are drawn.
 */
import type { StackGeometry } from '../../../../main/shared/apiWorkspace';
import type { LevelPoint } from '../../../../main/shared/findings';
import { LEVELS } from '../../../../main/shared/targets';
import { cross, dot, normalize, sub } from '../../../../main/shared/vec3';
import { buildSpineAnatomy } from '../../../../main/engine/phantom/anatomy/buildSpineAnatomy';
import type { SpineAnatomy } from '../../../../main/engine/phantom/anatomyTypes';
import { PHANTOM_VERSION } from '../../../../main/engine/phantom/ids';
import { sampleStudyGrades } from '../../../../main/engine/phantom/labels';
import { planStudyLayout } from '../../../../main/engine/phantom/layout';
import type { AxialMode, SeriesPlan, StackPlan } from '../../../../main/engine/phantom/layoutTypes';
import { createRng } from '../../../../main/engine/rng';
import { nearestSliceTo } from '../../../../renderer/src/viewer/geometry/stackFrame';

export interface PhantomStacks {
  anatomy: SpineAnatomy;
  sagT1: StackGeometry;
  sagT2: StackGeometry;
  /** Every axial stack (one per block in per-disc mode). */
  axial: StackGeometry[];
  series: SeriesPlan[];
}

/** StackGeometry of one planned block, as the engine derives it from the headers. */
export function stackOf(plan: SeriesPlan, stack: StackPlan): StackGeometry {
  const first = stack.slices[0];
  const u = first.rowDirection;
  const v = first.columnDirection;
  const n = normalize(cross(u, v));
  const positions = stack.slices.map((s) => s.positionLps);
  const span = positions.length > 1 ? dot(sub(positions[positions.length - 1], positions[0]), n) : 0;
  return {
    dims: [plan.cols, plan.rows, stack.slices.length],
    spacingMm: [
      first.pixelSpacingMm[1],
      first.pixelSpacingMm[0],
      positions.length > 1 ? span / (positions.length - 1) : plan.spacingBetweenSlicesMm,
    ],
    originLps: positions[0],
    direction: [u, v, n],
    slicePositionsLps: positions,
  };
}

/** Phantom study `studyIndex` of seed `seed`, planned exactly as generateStudy plans it. */
export function phantomStacks(seed: string, studyIndex: number, axialMode?: AxialMode): PhantomStacks {
  const rng = createRng(`spinegrade-phantom/v${PHANTOM_VERSION}/${seed}/study/${studyIndex}`);
  const anatomy = buildSpineAnatomy(rng.fork('anatomy'), sampleStudyGrades(seed, studyIndex));
  const layout = planStudyLayout(anatomy, rng.fork('layout'), {
    maxMatrix: 320,
    ...(axialMode ? { axialMode } : {}),
  });
  const byKey = (key: string): SeriesPlan => {
    const s = layout.series.find((p) => p.key === key);
    if (!s) throw new Error(`phantom layout has no ${key}`);
    return s;
  };
  const t1 = byKey('sag_t1');
  const t2 = byKey('sag_t2');
  const axial = layout.series
    .filter((s) => s.role === 'Axial T2')
    .flatMap((s) => s.stacks.map((st) => stackOf(s, st)));
  return {
    anatomy,
    sagT1: stackOf(t1, t1.stacks[0]),
    sagT2: stackOf(t2, t2.stacks[0]),
    axial,
    series: layout.series,
  };
}

/** Level points as an analysis would give them: the ground-truth disc centres on a series' stack. */
export function levelPointsOn(
  anatomy: SpineAnatomy,
  g: StackGeometry,
  seriesInstanceUid: string,
): LevelPoint[] {
  return LEVELS.map((level) => {
    const p = anatomy.levels[level].discCenterLps;
    const d = sub(p, g.slicePositionsLps[0]);
    return {
      level,
      seriesInstanceUid,
      sliceIndex: nearestSliceTo(g, p).sliceIndex,
      col: dot(d, g.direction[0]) / g.spacingMm[0],
      row: dot(d, g.direction[1]) / g.spacingMm[1],
      positionLps: p,
    };
  });
}
