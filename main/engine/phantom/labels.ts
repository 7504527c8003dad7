/**
 * Samples the 25 ground-truth grades of a phantom study from the RSNA per-level priors, correlated through
 * a latent degeneration score per study and per level. Plain TypeScript; never imports electron.
 */
import { CONDITIONS, LEVELS, type Condition, type Level, type SeverityIndex } from '../../shared/targets';
import type { StudyGrades } from './anatomyTypes';
import { createRng } from '../rng';

/** [Moderate, Severe] probability of each target, from the reference table (1,975 RSNA training studies). */
export const GRADE_PRIORS: Record<Level, Record<Condition, readonly [number, number]>> = {
  l1_l2: prior([3.4, 1.1], [3.2, 0.1], [3.2, 0.7], [5.1, 1.5], [6.1, 1.3]),
  l2_l3: prior([7.6, 2.7], [8.7, 0.6], [8.5, 0.3], [13.5, 4.4], [12.8, 3.9]),
  l3_l4: prior([11.7, 6.2], [20.8, 2.0], [21.0, 2.1], [23.0, 9.8], [23.0, 10.0]),
  l4_l5: prior([12.0, 12.9], [31.9, 7.1], [32.0, 6.6], [31.6, 23.4], [31.5, 23.3]),
  l5_s1: prior([2.6, 1.0], [26.4, 10.4], [25.2, 9.7], [20.8, 7.5], [20.1, 8.8]),
};

/**
 * Loadings of the latent score s = STUDY * g + LEVEL * z_level + sqrt(1 - STUDY^2 - LEVEL^2) * e_target.
 * Each s is standard normal, so thresholds from the priors keep every marginal exact; the shared terms give
 * the correlation of grades at one level (z) and across the spine of one patient (g). Calibrated against
 * the reference's 12.9% all-Normal/Mild studies and 18.5% studies with a Severe spinal level.
 */
export const LATENT_LOADINGS = { study: 0.6, level: 0.6 } as const;

const DIMENSIONS = 1 + LEVELS.length * (1 + CONDITIONS.length);

function prior(...rows: Array<[number, number]>): Record<Condition, readonly [number, number]> {
  const out = {} as Record<Condition, readonly [number, number]>;
  CONDITIONS.forEach((c, i) => (out[c] = [rows[i][0] / 100, rows[i][1] / 100]));
  return out;
}

/** Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(Math.max(p, 1e-12), 1 - 1e-12);
  const tail = (t: number): number =>
    (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) /
    ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
  if (q < 0.02425) return tail(Math.sqrt(-2 * Math.log(q)));
  if (q > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - q)));
  const r = (q - 0.5) * (q - 0.5);
  const num = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (q - 0.5);
  return num / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Kronecker-sequence generators: fractional parts of the square roots of the first primes. */
function kroneckerAlphas(dims: number): number[] {
  const primes: number[] = [];
  for (let n = 2; primes.length < dims; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes.map((p) => Math.sqrt(p) % 1);
}

const ALPHAS = kroneckerAlphas(DIMENSIONS);

/**
 * The study's point in [0,1)^DIMENSIONS: a seeded random shift of a low-discrepancy sequence indexed by the
 * study's position in the dataset. Studies stay individually random, while a dataset's label frequencies
 * track the priors far closer than independent draws would (2000 studies: about 1 percentage point at worst).
 */
function studyUniforms(seed: string, studyIndex: number): number[] {
  const shift = createRng(`${seed}/labels/shift`);
  return ALPHAS.map((alpha) => (shift.next() + ((studyIndex * alpha) % 1) + 0.5 / 4294967296) % 1);
}

function gradeFromScore(score: number, [moderate, severe]: readonly [number, number]): SeverityIndex {
  if (score > normalQuantile(1 - severe)) return 2;
  if (score > normalQuantile(1 - severe - moderate)) return 1;
  return 0;
}

/** Ground-truth grades of study `studyIndex` of the dataset seeded `seed` (pure: same inputs, same grades). */
export function sampleStudyGrades(seed: string, studyIndex: number): StudyGrades {
  const u = studyUniforms(seed, studyIndex).map(normalQuantile);
  const { study: wStudy, level: wLevel } = LATENT_LOADINGS;
  const wOwn = Math.sqrt(1 - wStudy * wStudy - wLevel * wLevel);
  const grades = {} as StudyGrades;
  for (const c of CONDITIONS) grades[c] = {} as Record<Level, SeverityIndex>;
  LEVELS.forEach((level, li) => {
    const base = 1 + li * (1 + CONDITIONS.length);
    const shared = wStudy * u[0] + wLevel * u[base];
    CONDITIONS.forEach((c, ci) => {
      grades[c][level] = gradeFromScore(shared + wOwn * u[base + 1 + ci], GRADE_PRIORS[level][c]);
    });
  });
  return grades;
}
