/**
 * The 25 RSNA 2024 lumbar targets: conditions, levels, severities and their exact spellings.
 * Pure TypeScript: imports nothing outside main/shared.
 */

/** Conditions in RSNA CSV snake case, in the contract's order. */
export const CONDITIONS = [
  'spinal_canal_stenosis',
  'left_neural_foraminal_narrowing',
  'right_neural_foraminal_narrowing',
  'left_subarticular_stenosis',
  'right_subarticular_stenosis',
] as const;
export type Condition = (typeof CONDITIONS)[number];

/** Disc levels in RSNA CSV snake case, cranial to caudal. */
export const LEVELS = ['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5', 'l5_s1'] as const;
export type Level = (typeof LEVELS)[number];

/** Severity classes in the order of every probability vector: [normal_mild, moderate, severe]. */
export const SEVERITIES = ['Normal/Mild', 'Moderate', 'Severe'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeverityIndex = 0 | 1 | 2;

/** Competition sample weight of each true class (Severe is 4, not 3). */
export const SEVERITY_WEIGHTS: readonly [number, number, number] = [1, 2, 4];

export type Side = 'left' | 'right' | 'center';

/** The three scoring groups of the competition metric. */
export type ConditionGroup = 'spinal' | 'foraminal' | 'subarticular';

export interface ConditionInfo {
  condition: Condition;
  group: ConditionGroup;
  side: Side;
  /** Title case as in train_label_coordinates.csv. */
  titleCase: string;
  /** Short column label for grids. */
  short: string;
}

export const CONDITION_INFO: Record<Condition, ConditionInfo> = {
  spinal_canal_stenosis: {
    condition: 'spinal_canal_stenosis',
    group: 'spinal',
    side: 'center',
    titleCase: 'Spinal Canal Stenosis',
    short: 'SCS',
  },
  left_neural_foraminal_narrowing: {
    condition: 'left_neural_foraminal_narrowing',
    group: 'foraminal',
    side: 'left',
    titleCase: 'Left Neural Foraminal Narrowing',
    short: 'L-NFN',
  },
  right_neural_foraminal_narrowing: {
    condition: 'right_neural_foraminal_narrowing',
    group: 'foraminal',
    side: 'right',
    titleCase: 'Right Neural Foraminal Narrowing',
    short: 'R-NFN',
  },
  left_subarticular_stenosis: {
    condition: 'left_subarticular_stenosis',
    group: 'subarticular',
    side: 'left',
    titleCase: 'Left Subarticular Stenosis',
    short: 'L-SS',
  },
  right_subarticular_stenosis: {
    condition: 'right_subarticular_stenosis',
    group: 'subarticular',
    side: 'right',
    titleCase: 'Right Subarticular Stenosis',
    short: 'R-SS',
  },
};

/** Display form of a level: `l4_l5` -> `L4/L5`. */
export function levelDisplay(level: Level): string {
  return level.toUpperCase().replace('_', '/');
}

/** Inverse of {@link levelDisplay}; undefined for anything that is not one of the five levels. */
export function levelFromDisplay(text: string): Level | undefined {
  const snake = text.trim().toLowerCase().replace('/', '_');
  return (LEVELS as readonly string[]).includes(snake) ? (snake as Level) : undefined;
}

/** Condition from its title-case coordinate-CSV spelling. */
export function conditionFromTitleCase(text: string): Condition | undefined {
  const snake = text.trim().toLowerCase().replace(/ /g, '_');
  return (CONDITIONS as readonly string[]).includes(snake) ? (snake as Condition) : undefined;
}

/** Severity from its CSV spelling; undefined for an empty or unknown label. */
export function severityIndex(label: string): SeverityIndex | undefined {
  const i = (SEVERITIES as readonly string[]).indexOf(label.trim());
  return i < 0 ? undefined : (i as SeverityIndex);
}

/** train.csv column name of a target, e.g. `spinal_canal_stenosis_l1_l2`. */
export function targetColumn(condition: Condition, level: Level): string {
  return `${condition}_${level}`;
}

/** Submission row id, e.g. `44036939_spinal_canal_stenosis_l1_l2`. */
export function rowId(studyId: string, condition: Condition, level: Level): string {
  return `${studyId}_${condition}_${level}`;
}

/** All 25 (condition, level) pairs, level-major then condition order. */
export function allTargets(): Array<{ condition: Condition; level: Level }> {
  return LEVELS.flatMap((level) => CONDITIONS.map((condition) => ({ condition, level })));
}
