/**
 * Bone findings that come with age and disc degeneration, drawn per study: osteophytes and Modic
 * endplate signal beside degenerated discs, Schmorl nodes, vertebral haemangiomas. Stored on the
 * vertebra layouts (vertebra.ts paints them). Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { DiscLayout, VertebraLayout } from './spineLayout';

export interface EndplateFinding {
  /** Osteophyte overhang at this endplate's rim (mm). */
  osteophyteMm: number;
  /** Modic band beside the endplate: type (1 oedema, 2 fat) and depth (mm), or null. */
  modic: { type: 1 | 2; depthMm: number } | null;
  /** Schmorl node: centre (u, w) on the endplate and radius (mm), or null. */
  schmorl: { u: number; w: number; r: number } | null;
}

export interface MarrowFindings {
  upper: EndplateFinding;
  lower: EndplateFinding;
  /** Haemangioma centre (u, w, h) in the vertebra frame and radius, or null. */
  haemangioma: { u: number; w: number; h: number; r: number } | null;
}

function endplate(rng: Rng, v: VertebraLayout, disc: DiscLayout | undefined): EndplateFinding {
  const deg = disc && disc.kind !== 'thoracic' ? disc.severity.degeneration : 0;
  const osteophyteMm = deg > 0.35 ? rng.uniform(0.5, 4.5) * (deg - 0.3) * 1.6 : 0;
  const modic =
    deg > 0.45 && rng.bool(0.45)
      ? { type: (rng.bool(0.65) ? 2 : 1) as 1 | 2, depthMm: rng.uniform(2.5, 9) }
      : null;
  const schmorl =
    rng.bool(0.05 + 0.15 * deg) && v.kind !== 'sacral'
      ? {
          u: rng.uniform(-0.4, 0.4) * v.halfWidthMm,
          w: rng.uniform(-0.5, 0.3) * v.ellipseMm,
          r: rng.uniform(2.5, 5),
        }
      : null;
  return { osteophyteMm, modic, schmorl };
}

/** Draw the findings of every lumbar and S1 vertebra (others get none). */
export function drawMarrowFindings(rng: Rng, vertebrae: VertebraLayout[], discs: DiscLayout[]): void {
  const haemangiomaAt = rng.bool(0.25) ? rng.int(2, 8) : -1;
  vertebrae.forEach((v, i) => {
    if (v.kind === 'thoracic' && v.name !== 'T12') return;
    if (v.kind === 'sacral' && v.name !== 'S1') return;
    const above = discs.find((d) => d.lower === v);
    const below = v.kind === 'sacral' ? undefined : discs.find((d) => d.upper === v);
    v.findings = {
      upper: endplate(rng, v, above),
      lower: endplate(rng, v, below),
      haemangioma:
        i === haemangiomaAt
          ? {
              u: rng.uniform(-0.4, 0.4) * v.halfWidthMm,
              w: rng.uniform(-0.4, 0.2) * v.ellipseMm,
              h: rng.uniform(-0.3, 0.3) * v.heightMm,
              r: rng.uniform(3, 9),
            }
          : null,
    };
  });
}
