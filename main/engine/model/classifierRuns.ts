/**
 * Runs the classifier on a study's level rows in runs of a few rows each and joins their probabilities.
 * Plain Node; never imports electron.
 */
import type * as ort from 'onnxruntime-node';
import type { ClassifierInput } from './classifierInput';
import type { CropSpec } from './crops';
import { runFloat } from './sessions';

/**
 * Level rows per classifier run. One: each level's probabilities then depend on that level's crops only (an
 * int8 copy quantises its activations per run), and the run's working memory is one level's, not the
 * study's (an `rsna` ConvNeXt-tiny row holds ~0.25 GB of activations; 5 rows at once pushed the app past 1 GB).
 */
export const CLASSIFIER_ROWS_PER_RUN = 1;

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Calibrated probabilities [rows, 5, 3] of the inputs, in order, from runs of at most `rowsPerRun` rows. */
export async function runClassifier(
  session: ort.InferenceSession,
  inputs: readonly ClassifierInput[],
  spec: Pick<CropSpec, 'slices' | 'px'>,
  rowsPerRun: number = CLASSIFIER_ROWS_PER_RUN,
): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  const { slices: s, px: p } = spec;
  const step = Math.max(1, Math.floor(rowsPerRun));
  for (let i = 0; i < inputs.length; i += step) {
    const rows = inputs.slice(i, i + step);
    const b = rows.length;
    const out = await runFloat(
      session,
      {
        sag_t2: { data: concat(rows.map((x) => x.sagT2)), dims: [b, s, p, p] },
        sag_t1: { data: concat(rows.map((x) => x.sagT1)), dims: [b, 2, s, p, p] },
        ax_t2: { data: concat(rows.map((x) => x.axT2)), dims: [b, 3, s, p, p] },
        view_mask: { data: concat(rows.map((x) => x.viewMask)), dims: [b, 3] },
      },
      'probs',
    );
    parts.push(out.data);
  }
  return concat(parts);
}
