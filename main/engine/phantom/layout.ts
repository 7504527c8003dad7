/**
 * Plans every series of a phantom study (sagittal T1, sagittal T2/STIR, axial T2) and their Instance
 * Numbers, from the anatomy and a seeded stream. Never imports electron.
 */
import type { SpineAnatomy } from './anatomyTypes';
import { planAxialSeries } from './axialLayout';
import type { LayoutOptions, StackPlan, StudyLayout } from './layoutTypes';
import type { Rng } from '../rng';
import { planSagittalSeries, planSagittalSlab } from './sagittalLayout';

/**
 * (0020,0013) Instance Number of each slice (flattened stack order). Like real scanners: numbering may run
 * against the slice normal, blocks may be numbered in any order, the first number is not always 1 and
 * about one series in five has gaps, so neither file names nor numbers give the spatial order.
 */
export function assignInstanceNumbers(stacks: StackPlan[], rng: Rng): number[] {
  const offsets: number[] = [];
  let total = 0;
  for (const s of stacks) {
    offsets.push(total);
    total += s.slices.length;
  }
  const stackOrder = stacks.map((_, i) => i);
  if (stacks.length > 1 && rng.bool(0.3)) stackOrder.reverse();
  const descending = rng.bool(0.5);
  const withGaps = rng.bool(0.2);
  let next = rng.bool(0.85) ? 1 : rng.int(2, 60);
  const numbers = new Array<number>(total);
  for (const s of stackOrder) {
    const n = stacks[s].slices.length;
    for (let j = 0; j < n; j++) {
      numbers[offsets[s] + (descending ? n - 1 - j : j)] = next;
      next += 1 + (withGaps && rng.bool(0.15) ? rng.int(1, 3) : 0);
    }
  }
  return numbers;
}

/** Plan all series of one study; every draw comes from `rng`, so the layout is a pure function of it. */
export function planStudyLayout(anatomy: SpineAnatomy, rng: Rng, options: LayoutOptions): StudyLayout {
  const slab = planSagittalSlab(anatomy, rng.fork('slab'));
  const t1 = planSagittalSeries(
    'sag_t1',
    'Sagittal T1',
    'T1',
    slab,
    anatomy,
    rng.fork('sag_t1'),
    options.maxMatrix,
  );
  const t2Rng = rng.fork('sag_t2');
  const t2Contrast = t2Rng.bool(0.15) ? 'STIR' : 'T2';
  const t2 = planSagittalSeries(
    'sag_t2',
    'Sagittal T2/STIR',
    t2Contrast,
    slab,
    anatomy,
    t2Rng,
    options.maxMatrix,
  );
  const axial = planAxialSeries(anatomy, rng.fork('axial'), options.maxMatrix, options.axialMode);
  const series = [t1, t2, ...axial.series];
  const numbering = rng.fork('numbering');
  for (const s of series) s.instanceNumbers = assignInstanceNumbers(s.stacks, numbering);
  return { series, axialMode: axial.mode, axialLevels: axial.levels };
}
