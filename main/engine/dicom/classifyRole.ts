/**
 * Series role from geometry (plane of (0020,0037)), (0008,103E) Series Description and MR timing
 * (TR/TE/TI). Geometry decides the plane; a description naming another plane is reported.
 * Plain TypeScript; never imports electron.
 */
import type { SeriesRole } from '../../shared/findings';
import type { Plane } from '../../shared/sliceGeometry';
import type { MrTiming } from './headerTypes';

export type Contrast = 'T1' | 'T2' | 'STIR';

export interface RoleInput {
  plane: Plane;
  seriesDescription: string;
  timing: MrTiming;
  /** (0018,0020) Scanning Sequence, e.g. 'IR' for inversion recovery. */
  scanningSequence: string;
  sliceCount: number;
}

export interface RoleDecision {
  role: SeriesRole;
  planeFromDescription?: Plane;
  contrast?: Contrast;
  /** Why the description and the header disagree; the import reports it as ROLE_MISMATCH. */
  mismatch?: string;
}

const NOT_DIAGNOSTIC = /locali[sz]er|scout|survey|3[-_ ]?plane|tri[-_ ]?pilot|calibration|\bcal\b|myelo/i;

/** Plane named by a description ('Sag T2', 'AX_T2_TSE', 'tra', 'Coronal STIR'), if any. */
export function planeFromDescription(description: string): Plane | undefined {
  const tokens = description
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const t of tokens) {
    if (t.startsWith('sag')) return 'sagittal';
    if (t.startsWith('ax') || t === 'tra' || t.startsWith('trans')) return 'axial';
    if (t.startsWith('cor')) return 'coronal';
  }
  return undefined;
}

/** Contrast named by a description: STIR (also TIRM), else T1 or T2 when exactly one is named. */
export function contrastFromDescription(description: string): Contrast | undefined {
  const d = description.toLowerCase();
  if (/stir|tirm/.test(d)) return 'STIR';
  const t1 = /t1/.test(d);
  const t2 = /t2/.test(d);
  if (t1 && !t2) return 'T1';
  if (t2 && !t1) return 'T2';
  return undefined;
}

/**
 * Contrast from timing: STIR when an inversion time of 100-300 ms is set (fat nulling at 1.5-3 T),
 * T1 when TR < 1000 ms and TE < 30 ms, T2 when TR >= 1500 ms and TE >= 60 ms; else unknown.
 */
export function contrastFromTiming(t: MrTiming, scanningSequence: string): Contrast | undefined {
  const ti = t.inversionTimeMs;
  if (
    ti !== undefined &&
    ti >= 100 &&
    ti <= 300 &&
    (scanningSequence === '' || scanningSequence.includes('IR'))
  )
    return 'STIR';
  const tr = t.repetitionTimeMs;
  const te = t.echoTimeMs;
  if (tr === undefined || te === undefined) return undefined;
  if (tr < 1000 && te < 30) return 'T1';
  if (tr >= 1500 && te >= 60) return 'T2';
  return undefined;
}

function roleOf(plane: Plane, contrast: Contrast | undefined): SeriesRole {
  if (plane === 'sagittal' && contrast === 'T1') return 'Sagittal T1';
  if (plane === 'sagittal' && (contrast === 'T2' || contrast === 'STIR')) return 'Sagittal T2/STIR';
  if (plane === 'axial' && contrast === 'T2') return 'Axial T2';
  return 'Other';
}

/** Classify one stack. The plane always comes from geometry; the contrast from the description, else timing. */
export function classifyRole(input: RoleInput): RoleDecision {
  const described = planeFromDescription(input.seriesDescription);
  const byText = contrastFromDescription(input.seriesDescription);
  const byTiming = contrastFromTiming(input.timing, input.scanningSequence);
  const contrast = byText ?? byTiming;
  const decision: RoleDecision = { role: 'Other' };
  if (described) decision.planeFromDescription = described;
  if (contrast) decision.contrast = contrast;
  const reasons: string[] = [];
  if (described && described !== input.plane && input.plane !== 'oblique') {
    reasons.push(
      `the description says ${described} but (0020,0037) Image Orientation gives a ${input.plane} plane`,
    );
  }
  const family = (c: Contrast): string => (c === 'T1' ? 'T1' : 'T2/STIR');
  if (byText && byTiming && family(byText) !== family(byTiming)) {
    const t = input.timing;
    reasons.push(
      `the description says ${byText} but TR/TE${t.inversionTimeMs !== undefined ? '/TI' : ''} ` +
        `${t.repetitionTimeMs}/${t.echoTimeMs}${t.inversionTimeMs !== undefined ? `/${t.inversionTimeMs}` : ''} ms look ${byTiming}-weighted`,
    );
  }
  if (reasons.length > 0) decision.mismatch = reasons.join('; ');
  if (NOT_DIAGNOSTIC.test(input.seriesDescription) || input.sliceCount < 2) return decision;
  decision.role = roleOf(input.plane, contrast);
  return decision;
}
