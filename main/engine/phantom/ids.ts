/**
 * Deterministic identifiers of phantom studies: RSNA-style integer study_id / series_id and DICOM UIDs,
 * all derived from the dataset seed and the study's index. Never imports electron.
 */
import { uidFromSeed } from '../dicom/writeDicom';
import { createRng } from '../rng';

/** Generator version: part of every UID seed, so a new version never reuses an old version's UIDs. */
export const PHANTOM_VERSION = '6';

/** 2^31 - 1, a prime: an affine map modulo it is a permutation of the study indices. */
const ID_MODULUS = 2_147_483_647n;
const STUDY_ID_BASE = 10_000_000;

/**
 * RSNA-style study_id of study `studyIndex`: an affine permutation of the index (modulo a prime) keyed by
 * the seed, so ids look random, never collide inside a dataset and do not depend on the dataset's size.
 */
export function studyIdOf(seed: string, studyIndex: number): number {
  const rng = createRng(`${seed}/study-id`);
  const a = BigInt(rng.int(1, 2_147_483_646));
  const b = BigInt(rng.int(0, 2_147_483_646));
  return STUDY_ID_BASE + Number((a * BigInt(studyIndex) + b) % ID_MODULUS);
}

/** RSNA-style series_id of each series key of one study, distinct inside the study. */
export function seriesIdsOf(
  seed: string,
  studyIndex: number,
  keys: readonly string[],
): Record<string, number> {
  const used = new Set<number>();
  const out: Record<string, number> = {};
  for (const key of keys) {
    const rng = createRng(`${seed}/series-id/${studyIndex}/${key}`);
    let id = rng.int(1_000_000, 4_290_000_000);
    while (used.has(id)) id = rng.int(1_000_000, 4_290_000_000);
    used.add(id);
    out[key] = id;
  }
  return out;
}

/** DICOM UID (2.25 root) for a named object of one study: 'study', 'frame', 'series/ax_1', 'sop/ax_1/12'. */
export function phantomUid(seed: string, studyIndex: number, what: string): string {
  return uidFromSeed(`spinegrade-phantom/v${PHANTOM_VERSION}/${seed}/${studyIndex}/${what}`);
}
