/**
 * Split one series' slices into stacks (same row/column directions within 1 degree, same matrix and
 * pixel spacing), sort each along its normal and drop slices that repeat a position.
 * Plain TypeScript; never imports electron.
 */
import type { ImportProblem } from './importTypes';
import { sliceNormal } from '../../shared/sliceGeometry';
import { dot, distance } from '../../shared/vec3';
import { sortAlongNormal } from '../volume/buildGeometry';
import type { SliceEntry, SliceStack } from './groupTypes';

const SAME_DIRECTION_COS = Math.cos((1 * Math.PI) / 180);
const SAME_POSITION_MM = 0.01;

function sameStack(a: SliceEntry, b: SliceEntry): boolean {
  const ga = a.geometry;
  const gb = b.geometry;
  return (
    a.instance.pixel.rows === b.instance.pixel.rows &&
    a.instance.pixel.columns === b.instance.pixel.columns &&
    Math.abs(ga.pixelSpacingMm[0] - gb.pixelSpacingMm[0]) < 1e-3 &&
    Math.abs(ga.pixelSpacingMm[1] - gb.pixelSpacingMm[1]) < 1e-3 &&
    dot(ga.rowDirection, gb.rowDirection) > SAME_DIRECTION_COS &&
    dot(ga.columnDirection, gb.columnDirection) > SAME_DIRECTION_COS
  );
}

function label(s: SliceEntry): string {
  return s.instance.frames.length > 1
    ? `${s.instance.file} frame ${s.frame.frameIndex + 1}`
    : s.instance.file;
}

/** Sort one stack along n; a slice at the same position as a kept one is reported and dropped. */
function sortAndDedupe(slices: SliceEntry[], problems: ImportProblem[]): SliceEntry[] {
  const order = sortAlongNormal(slices.map((s) => s.geometry));
  const n = sliceNormal(slices[0].geometry);
  const kept: SliceEntry[] = [];
  for (const i of order) {
    const s = slices[i];
    const prev = kept[kept.length - 1];
    const dup =
      prev &&
      Math.abs(dot(n, s.geometry.positionLps) - dot(n, prev.geometry.positionLps)) < SAME_POSITION_MM &&
      distance(s.geometry.positionLps, prev.geometry.positionLps) < SAME_POSITION_MM;
    if (!dup) {
      kept.push(s);
      continue;
    }
    problems.push({
      code: 'DUPLICATE_INSTANCE',
      file: s.instance.file,
      message: `${label(s)} lies at the same position as ${label(prev)} in series "${s.instance.seriesDescription}"; the duplicate was skipped.`,
    });
  }
  return kept;
}

/** Stacks of one series, in spatial order along the normal. Reports MIXED_SIZES when matrices differ. */
export function splitStacks(slices: readonly SliceEntry[], problems: ImportProblem[]): SliceStack[] {
  const groups: SliceEntry[][] = [];
  for (const s of slices) {
    const g = groups.find((candidate) => sameStack(candidate[0], s));
    if (g) g.push(s);
    else groups.push([s]);
  }
  const sizes = new Map<string, number>();
  for (const s of slices) {
    const key = `${s.instance.pixel.columns}x${s.instance.pixel.rows}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  if (sizes.size > 1) {
    const first = slices[0].instance;
    const list = [...sizes].map(([k, n]) => `${n} of ${k}`).join(', ');
    problems.push({
      code: 'MIXED_SIZES',
      file: first.file,
      message: `Series "${first.seriesDescription}" mixes image sizes (${list}); each size is imported as its own stack.`,
    });
  }
  const stacks = groups.map((g) => ({ slices: sortAndDedupe(g, problems) }));
  // Stacks in spatial order along the first stack's normal (axial blocks: caudal to cranial), whatever the file names.
  const n = sliceNormal(stacks[0].slices[0].geometry);
  const centre = (st: SliceStack): number =>
    st.slices.reduce((sum, s) => sum + dot(n, s.geometry.positionLps), 0) / st.slices.length;
  return stacks.sort((a, b) => centre(a) - centre(b));
}
