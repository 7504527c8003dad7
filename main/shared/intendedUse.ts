/**
 * Intended-use and safety wording shown on every screen and printed page.
 * Pure TypeScript: imports nothing outside main/shared.
 */

/** Banner for any model trained on synthetic phantoms; it cannot be switched off. */
export const PHANTOM_MODEL_BANNER = 'Demonstration model trained on synthetic data. Not for clinical use.';

/** Exclusions stated like cleared products state them. */
export const EXCLUSIONS =
  'Adults only. Not for post-operative spines, tumour, infection, fracture or contrast-enhanced studies.';

/** Grade mapping statement for the report. */
export const GRADE_SCALE_NOTE =
  'Normal/Mild, Moderate and Severe follow the RSNA 2024 lumbar definitions (roughly Lee grade 0-1 / 2 / 3).';

/** Level-numbering caveat for lumbar-only MRI. */
export const LEVEL_NUMBERING_CAVEAT =
  'Levels are counted on lumbar-only images; transitional vertebrae cause misnumbering in roughly 1 in 7 patients.';
