/**
 * Lays out the vertebral column (T10..S5) in the body frame: per-study sizes, a lordotic curve built
 * segment by segment from the sacral plate, and the endplate planes shared by bodies and discs.
 * Plain TypeScript; never imports electron or render code.
 */
import { LEVELS, type Level } from '../../../shared/targets';
import type { AnatomyVariant, StudyGrades } from '../anatomyTypes';
import type { Rng } from '../../rng';
import { frameAt, type LocalFrame } from './geometry';
import { drawMarrowFindings, type MarrowFindings } from './marrowFindings';
import { levelSeverity, type LevelSeverity } from './severity';
import { applySlip, drawVariant } from './variants';

/** A plane through `p` (body frame) with unit normal (0, ny, nz) pointing superior. */
export interface EndplatePlane {
  py: number;
  pz: number;
  ny: number;
  nz: number;
}

export type VertebraName =
  'T10' | 'T11' | 'T12' | 'L1' | 'L2' | 'L3' | 'L4' | 'L5' | 'S1' | 'S2' | 'S3' | 'S4' | 'S5';

export interface VertebraLayout {
  name: VertebraName;
  kind: 'thoracic' | 'lumbar' | 'sacral';
  /** Body centre; w posterior, h along the mid-normal. */
  frame: LocalFrame;
  heightMm: number;
  /** Half of the body's lateral width. */
  halfWidthMm: number;
  /** Anterior semi-axis of the body's elliptic outline (w < 0 side). */
  ellipseMm: number;
  /** Flat posterior wall of the body (w), where the canal begins. */
  wPostMm: number;
  lower: EndplatePlane;
  upper: EndplatePlane;
  /** Bony canal: AP diameter and half interpedicular width. */
  canalApMm: number;
  canalHalfWidthMm: number;
  pedicle: { uMm: number; halfWidthMm: number; halfHeightMm: number; hMm: number };
  /** Osteophytes, Modic bands, Schmorl nodes, haemangioma (lumbar and S1 only). */
  findings?: MarrowFindings;
  /** Transverse process size factor (a sacralised L5's processes reach the ala). */
  transverseScale?: number;
}

export interface DiscLayout {
  name: string;
  /** RSNA level, or null for the ungraded thoracolumbar and sacral discs. */
  level: Level | null;
  kind: 'thoracic' | 'lumbar' | 'sacral';
  frame: LocalFrame;
  /** Height at the disc centre (after degeneration). */
  heightMm: number;
  wedgeRad: number;
  upper: VertebraLayout;
  lower: VertebraLayout;
  severity: LevelSeverity;
  /** Transitional anatomy: a lumbar disc made rudimentary, or a sacral disc formed like a lumbar one. */
  morphology?: 'rudimentary' | 'formed';
}

export interface SpineLayout {
  vertebrae: VertebraLayout[];
  discs: DiscLayout[];
  /** Lordosis between the L1 upper endplate and the S1 upper endplate (deg). */
  lordosisDeg: number;
  variant: AnatomyVariant;
}

/** [height, width, depth] means (mm), cranial to caudal. */
const BODY_SIZE: Record<VertebraName, readonly [number, number, number]> = {
  T10: [21, 35, 28],
  T11: [22, 37, 29],
  T12: [24, 40, 31],
  L1: [26, 42, 32],
  L2: [27, 44, 33],
  L3: [27.5, 46, 34],
  L4: [27.5, 48, 35],
  L5: [27, 50, 35],
  S1: [28, 46, 35],
  S2: [21, 36, 26],
  S3: [17, 28, 20],
  S4: [13, 20, 15],
  S5: [10, 14, 11],
};
const ABOVE_S1: VertebraName[] = ['L5', 'L4', 'L3', 'L2', 'L1', 'T12', 'T11', 'T10'];
const BELOW_S1: VertebraName[] = ['S2', 'S3', 'S4', 'S5'];
/** Healthy disc heights (mm) of the disc below each vertebra. */
const DISC_BELOW: Partial<Record<VertebraName, number>> = {
  T10: 5.5,
  T11: 6,
  T12: 6.5,
  L1: 8,
  L2: 9,
  L3: 10,
  L4: 11,
  L5: 10,
};
/** Share of the lumbar lordosis taken by each disc below / each body. */
const DISC_LORDOSIS: Partial<Record<VertebraName, number>> = {
  L5: 0.3,
  L4: 0.22,
  L3: 0.15,
  L2: 0.1,
  L1: 0.06,
};
const BODY_LORDOSIS: Partial<Record<VertebraName, number>> = { L5: 0.12, L4: 0.04, L3: 0.01, L2: 0, L1: 0 };
const DEG = Math.PI / 180;

function kindOf(name: VertebraName): VertebraLayout['kind'] {
  return name.startsWith('T') ? 'thoracic' : name.startsWith('L') ? 'lumbar' : 'sacral';
}

function plane(py: number, pz: number, tilt: number): EndplatePlane {
  return { py, pz, ny: -Math.sin(tilt), nz: Math.cos(tilt) };
}

interface Step {
  frame: LocalFrame;
  lower: EndplatePlane;
  upper: EndplatePlane;
  /** The far end's point and tilt, for chaining. */
  endY: number;
  endZ: number;
  endTilt: number;
}

/** One wedge-shaped element stacked upward (dir 1) or downward (dir -1) from a plane at tilt. */
function stack(y: number, z: number, tilt: number, heightMm: number, wedgeRad: number, dir: 1 | -1): Step {
  const endTilt = tilt - dir * wedgeRad;
  const mid = (tilt + endTilt) / 2;
  const ny = -Math.sin(mid);
  const nz = Math.cos(mid);
  const cy = y + (dir * ny * heightMm) / 2;
  const cz = z + (dir * nz * heightMm) / 2;
  const endY = y + dir * ny * heightMm;
  const endZ = z + dir * nz * heightMm;
  const near = plane(y, z, tilt);
  const far = plane(endY, endZ, endTilt);
  return {
    frame: frameAt(0, cy, cz, mid),
    lower: dir === 1 ? near : far,
    upper: dir === 1 ? far : near,
    endY,
    endZ,
    endTilt,
  };
}

function makeVertebra(
  rng: Rng,
  name: VertebraName,
  step: Step,
  heightMm: number,
  canalScale: number,
): VertebraLayout {
  const [, width, depth] = BODY_SIZE[name];
  const s = rng.uniform(0.94, 1.06);
  const halfWidthMm = (width * s) / 2;
  const depthMm = depth * s;
  const kind = kindOf(name);
  const sacralShrink = name === 'S1' ? 1 : kind === 'sacral' ? 0.6 : 1;
  const canalApMm =
    (name === 'L5' || name === 'L4' ? 17 : kind === 'thoracic' ? 15.5 : 16.5) * canalScale * sacralShrink;
  const canalHalfWidthMm =
    (kind === 'thoracic' ? 9 : name === 'L5' || name === 'S1' ? 12.5 : 11) * canalScale * sacralShrink;
  const pedHalfWidth = kind === 'thoracic' ? 3.5 : name === 'L5' || name === 'S1' ? 6 : 4.5;
  const pedHalfHeight = Math.min(7.5, heightMm * 0.3);
  return {
    name,
    kind,
    frame: step.frame,
    heightMm,
    halfWidthMm,
    ellipseMm: depthMm * 0.55,
    wPostMm: depthMm * 0.45,
    lower: step.lower,
    upper: step.upper,
    canalApMm,
    canalHalfWidthMm,
    pedicle: {
      uMm: canalHalfWidthMm + pedHalfWidth,
      halfWidthMm: pedHalfWidth,
      halfHeightMm: pedHalfHeight,
      hMm: heightMm / 2 - 1 - pedHalfHeight,
    },
  };
}

/** Build the column from the S1 upper endplate (body-frame origin, before recentring). */
export function buildSpineLayout(rng: Rng, grades: StudyGrades): SpineLayout {
  const lordosisDeg = rng.uniform(40, 60);
  const sacralSlope = rng.uniform(35, 45) * DEG;
  const canalScale = rng.uniform(0.88, 1.12);
  const severities = new Map<Level, LevelSeverity>(LEVELS.map((l) => [l, levelSeverity(rng, grades, l)]));
  const levelBelow: Partial<Record<VertebraName, Level>> = {
    L1: 'l1_l2',
    L2: 'l2_l3',
    L3: 'l3_l4',
    L4: 'l4_l5',
    L5: 'l5_s1',
  };
  const healthy: LevelSeverity = {
    canal: 0,
    foramen: { left: 0, right: 0 },
    recess: { left: 0, right: 0 },
    degeneration: 0,
  };
  const variant = drawVariant(rng.fork('variant'), grades);
  const sacralised = variant.transitional === 'sacralised-l5';
  const up: VertebraLayout[] = [];
  const discs: DiscLayout[] = [];
  let y = 0;
  let z = 0;
  let tilt = sacralSlope;
  for (const name of ABOVE_S1) {
    const level = levelBelow[name] ?? null;
    const sev = level ? (severities.get(level) ?? healthy) : healthy;
    const baseDisc = (DISC_BELOW[name] ?? 6) * rng.uniform(0.9, 1.1);
    const rudimentary = sacralised && name === 'L5';
    const discH = baseDisc * (1 - 0.5 * sev.degeneration) * (rudimentary ? 0.45 : 1);
    const discWedge = (DISC_LORDOSIS[name] ?? -0.02) * lordosisDeg * DEG;
    const d = stack(y, z, tilt, discH, discWedge, 1);
    const bodyH = BODY_SIZE[name][0] * rng.uniform(0.93, 1.07);
    const bodyWedge = name in BODY_LORDOSIS ? (BODY_LORDOSIS[name] ?? 0) * lordosisDeg * DEG : -0.04;
    const b = stack(d.endY, d.endZ, d.endTilt, bodyH, bodyWedge, 1);
    const v = makeVertebra(rng, name, b, bodyH, canalScale);
    if (rudimentary) v.transverseScale = 1.7;
    up.push(v);
    discs.push({
      name: `${name}/${up.length === 1 ? 'S1' : up[up.length - 2].name}`,
      level,
      kind: kindOf(name),
      frame: d.frame,
      heightMm: discH,
      wedgeRad: discWedge,
      upper: v,
      lower: v,
      severity: sev,
      ...(rudimentary ? { morphology: 'rudimentary' as const } : {}),
    });
    y = b.endY;
    z = b.endZ;
    tilt = b.endTilt;
  }
  const down: VertebraLayout[] = [];
  y = 0;
  z = 0;
  tilt = sacralSlope;
  for (const name of ['S1', ...BELOW_S1] as VertebraName[]) {
    const bodyH = BODY_SIZE[name][0] * rng.uniform(0.93, 1.07);
    const b = stack(y, z, tilt, bodyH, -rng.uniform(8, 14) * DEG, -1);
    down.push(makeVertebra(rng, name, b, bodyH, canalScale));
    const lumbarised = name === 'S1' && variant.transitional === 'lumbarised-s1';
    const gap = lumbarised ? rng.uniform(6, 8.5) : name === 'S1' ? 2.2 : 1.2;
    const g = stack(b.endY, b.endZ, b.endTilt, gap, 0, -1);
    y = g.endY;
    z = g.endZ;
    tilt = g.endTilt;
  }
  const layout = linkLayout(up, down, discs, lordosisDeg, variant);
  const slip = variant.spondylolisthesis;
  if (slip) applySlip(layout, slip.level, slip.slipMm);
  drawMarrowFindings(rng.fork('marrow'), layout.vertebrae, layout.discs);
  return layout;
}

/** Order the column cranial -> caudal and give every disc its true upper/lower neighbours. */
function linkLayout(
  up: VertebraLayout[],
  down: VertebraLayout[],
  lumbarDiscs: DiscLayout[],
  lordosisDeg: number,
  variant: AnatomyVariant,
): SpineLayout {
  const vertebrae = [...up.slice().reverse(), ...down];
  const discs: DiscLayout[] = [];
  for (let i = 0; i < vertebrae.length - 1; i++) {
    const upper = vertebrae[i];
    const lower = vertebrae[i + 1];
    const found = lumbarDiscs.find((d) => d.upper === upper);
    if (found) {
      discs.push({ ...found, name: `${upper.name}/${lower.name}`, lower });
      continue;
    }
    const uy = upper.lower.py;
    const uz = upper.lower.pz;
    const ly = lower.upper.py;
    const lz = lower.upper.pz;
    const tiltU = Math.atan2(-upper.lower.ny, upper.lower.nz);
    const tiltL = Math.atan2(-lower.upper.ny, lower.upper.nz);
    const mid = (tiltU + tiltL) / 2;
    discs.push({
      name: `${upper.name}/${lower.name}`,
      level: null,
      kind: 'sacral',
      frame: frameAt(0, (uy + ly) / 2, (uz + lz) / 2, mid),
      heightMm: Math.hypot(uy - ly, uz - lz),
      wedgeRad: tiltL - tiltU,
      upper,
      lower,
      severity: {
        canal: 0,
        foramen: { left: 0, right: 0 },
        recess: { left: 0, right: 0 },
        degeneration: 0.6,
      },
    });
  }
  const s1s2 = discs.find((d) => d.upper.name === 'S1');
  if (s1s2 && variant.transitional === 'lumbarised-s1') s1s2.morphology = 'formed';
  return { vertebrae, discs, lordosisDeg, variant };
}
