/**
 * Per-study plan of the trunk around the lumbar spine (sizes drawn once) and the per-level values of one
 * cross-section band: body outline, fat, wall and back muscles, kidneys, liver, spleen, iliac wings, bowel.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import { planBowel, type BowelSegment } from './bowelPlan';
import type { SpineLayout, VertebraLayout } from './spineLayout';
import { FLAT_PROFILE, type TrunkProfile } from './trunkProfile';

export interface TrunkPlan {
  /** z (body frame) of each vertebra centre, cranial -> caudal, and the matching level index. */
  levelZ: Array<{ name: string; z: number; index: number; halfWidthMm: number; ellipseMm: number }>;
  fatMm: number;
  /** Extra anterior (belly) fat factor. */
  bellyFat: number;
  /** Posterior subcutaneous fat as a fraction of fatMm (0.3-0.7: thinner than the flanks and the belly). */
  backFat: number;
  /** Sagittal profile of the outline (set once the spine's curve is known; flat until then). */
  profile: TrunkProfile;
  frontMm: number;
  halfWidthMm: number;
  backMm: number;
  muscleBack: number;
  wallMm: number;
  muscleBulk: number;
  /** 0..1: fatty infiltration of the back muscles (v6: higher with the spine's disc degeneration). */
  muscleFat: number;
  /** 0..1: patchy fatty atrophy of the multifidus (v6: in some studies, more often in degenerated spines). */
  muscleAtrophy: number;
  kidney: { left: KidneyPlan; right: KidneyPlan };
  liverLowZ: number;
  spleenLowZ: number;
  lungLowZ: number;
  iliacTopZ: number;
  sacrumZ: number;
  bladderZ: number;
  /** Colon and small-bowel tubes, in paint order. */
  bowel: BowelSegment[];
  septaPhase: [number, number, number];
}

export type { BowelSegment };

export interface KidneyPlan {
  x: number;
  y: number;
  zc: number;
  halfLenMm: number;
  semiX: number;
  semiY: number;
}

function byName(layout: SpineLayout, name: string): VertebraLayout {
  const v = layout.vertebrae.find((x) => x.name === name);
  if (!v) throw new Error(`trunkPlan: no ${name}`);
  return v;
}

/** Draw the study's trunk (sizes from rng; levels from the spine layout). */
export function planTrunk(rng: Rng, layout: SpineLayout): TrunkPlan {
  const l3 = byName(layout, 'L3');
  const levelZ = layout.vertebrae.map((v, index) => ({
    name: v.name,
    z: v.frame.oz,
    index,
    halfWidthMm: v.halfWidthMm,
    ellipseMm: v.ellipseMm,
  }));
  const fatMm = rng.uniform(6, 30);
  const muscleBack = l3.wPostMm + 2;
  // v5: the back's fat is the patient's own fraction (a fork, so the draws below stay v4's); the back skin
  // moves in with it, so the muscles keep v4's depth.
  const backFat = rng.fork('back fat').uniform(0.3, 0.7);
  const backMm = l3.wPostMm + l3.canalApMm + rng.uniform(30, 44) + fatMm * (0.05 + backFat);
  const t12 = byName(layout, 'T12');
  const l1 = byName(layout, 'L1');
  const l2 = byName(layout, 'L2');
  const l4 = byName(layout, 'L4');
  const l5 = byName(layout, 'L5');
  const s1 = byName(layout, 'S1');
  const s3 = byName(layout, 'S3');
  const kidney = (side: 1 | -1, zc: number): KidneyPlan => ({
    x: side * rng.uniform(62, 78),
    y: rng.uniform(-8, 6),
    zc,
    halfLenMm: rng.uniform(48, 58),
    semiX: rng.uniform(22, 28),
    semiY: rng.uniform(17, 22),
  });
  const kidneyZ = (l1.frame.oz + l2.frame.oz) / 2;
  // v6: the lumbar discs' mean degeneration raises the muscles' fat; atrophy drawn from a fork (v5's draws kept).
  const graded = layout.discs.filter((d) => d.level !== null);
  const degeneration =
    graded.reduce((sum, d) => sum + d.severity.degeneration, 0) / Math.max(1, graded.length);
  const atrophyRng = rng.fork('atrophy');
  const atrophic = atrophyRng.bool(0.2 + 0.6 * degeneration);
  const muscleAtrophy = atrophic ? atrophyRng.uniform(0.25, 0.6) + 0.4 * degeneration : 0;
  const base = {
    levelZ,
    fatMm,
    bellyFat: rng.uniform(1, 2.2),
    backFat,
    profile: FLAT_PROFILE,
    frontMm: rng.uniform(100, 165),
    halfWidthMm: rng.uniform(128, 172),
    backMm,
    muscleBack,
    wallMm: rng.uniform(8, 13),
    muscleBulk: rng.uniform(0.85, 1.15),
    muscleFat: Math.min(1, Math.max(0, rng.normal(0.35, 0.2) + 0.35 * degeneration)),
    muscleAtrophy: Math.min(1, muscleAtrophy),
    kidney: {
      left: kidney(1, kidneyZ + rng.uniform(5, 20)),
      right: kidney(-1, kidneyZ - rng.uniform(0, 12)),
    },
    liverLowZ: l2.frame.oz + rng.uniform(-25, 20),
    spleenLowZ: l1.frame.oz + rng.uniform(-5, 25),
    lungLowZ: t12.frame.oz + rng.uniform(-5, 25),
    iliacTopZ: (l4.frame.oz + l5.frame.oz) / 2 + rng.uniform(-8, 8),
    sacrumZ: s1.frame.oz,
    bladderZ: s3.frame.oz - rng.uniform(0, 25),
    septaPhase: [rng.uniform(0, 6.28), rng.uniform(0, 6.28), rng.uniform(0, 6.28)] as [
      number,
      number,
      number,
    ],
  };
  return { ...base, bowel: planBowel(rng.fork('bowel'), base, l3.frame.oz) };
}

/** Fractional level index at body z (0 = first vertebra in the layout), clamped to the column. */
export function levelIndexAt(plan: TrunkPlan, z: number): number {
  const lz = plan.levelZ;
  if (z >= lz[0].z) return 0;
  for (let i = 0; i + 1 < lz.length; i++) {
    if (z >= lz[i + 1].z) return i + (lz[i].z - z) / (lz[i].z - lz[i + 1].z);
  }
  return lz.length - 1;
}
