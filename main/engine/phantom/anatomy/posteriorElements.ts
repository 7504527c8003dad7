/**
 * Posterior elements: pedicles, laminae, spinous and transverse processes of each vertebra, the
 * sacral alae and dorsal plate, and the facet joints (SAP/IAP with a joint line) at each disc.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import type { DiscPlan, SideName } from './levelPlan';
import { SIDE_SIGN } from './levelPlan';
import { boxOfLocal } from './geometry';
import {
  KEEP as KEEP_LABEL,
  spanFirst as firstOf,
  spanLast as lastOf,
  type GridRow,
  type Primitive,
} from './primitive';
import { ellipsoid, ellipticRod, plate, rod } from './shapes';
import type { VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local aliases: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;
const KEEP = KEEP_LABEL;
const spanFirst = firstOf;
const spanLast = lastOf;

const TRANSVERSE_MM: Record<string, number> = {
  T10: 8,
  T11: 7,
  T12: 6,
  L1: 14,
  L2: 19,
  L3: 24,
  L4: 20,
  L5: 16,
};

/** Spinous process: a thin plate in (w, h), sloping caudally, extruded over |u| <= halfThick. */
function spinous(v: VertebraLayout, w0: number, lengthMm: number, halfThick: number): Primitive {
  const f = v.frame;
  const h0 = -v.heightMm * 0.12;
  const slope = v.kind === 'thoracic' ? -0.7 : -0.25;
  const half0 = v.kind === 'thoracic' ? 5 : 9.5;
  const hMid = h0 + (slope * lengthMm) / 2;
  const hSemi = half0 + Math.abs(slope) * lengthMm * 0.6;
  return {
    name: `spinous ${v.name}`,
    box: boxOfLocal(f, -halfThick, halfThick, w0 - 1, w0 + lengthMm, hMid - hSemi, hMid + hSemi),
    paintRow(row: GridRow): void {
      const dy = row.y - f.oy;
      const dz = row.z - f.oz;
      const w = dy * f.wy + dz * f.wz - w0;
      if (w < -1 || w > lengthMm) return;
      const h = dy * f.hy + dz * f.hz - (h0 + slope * w);
      const half = half0 * (1 - 0.3 * (w / lengthMm));
      if (Math.abs(h) > half) return;
      const tw = halfThick * (1 - 0.35 * (w / lengthMm));
      const i1 = spanLast(row, f.ox + tw);
      const edge = Math.min(half - Math.abs(h), lengthMm - w);
      for (let i = spanFirst(row, f.ox - tw); i <= i1; i++) {
        const depth = Math.min(edge, tw - Math.abs(row.x0 + i * row.dx - f.ox));
        row.labels[row.base + i] = depth < 1.1 ? Tissue.Cortex : Tissue.Marrow;
      }
    },
  };
}

/** Pedicles, laminae, spinous and transverse processes of one vertebra (sacral segments: plate, alae). */
export function vertebraPosterior(rng: Rng, v: VertebraLayout): Primitive[] {
  const f = v.frame;
  const out: Primitive[] = [];
  const ped = v.pedicle;
  const wLamina = v.wPostMm + Math.max(v.canalApMm * 0.58, 12.5);
  const wBack = v.wPostMm + v.canalApMm + 2.5;
  const sacralLow = v.kind === 'sacral' && v.name !== 'S1';
  for (const side of ['left', 'right'] as SideName[]) {
    const s = SIDE_SIGN[side];
    if (!sacralLow) {
      out.push(
        ellipticRod(
          `pedicle ${v.name} ${side}`,
          f,
          s * ped.uMm,
          ped.hMm,
          ped.halfWidthMm,
          ped.halfHeightMm,
          v.wPostMm - 4,
          wLamina + 2,
        ),
      );
    }
    const lamH0 = -v.heightMm / 2 - (v.kind === 'lumbar' ? 4 : 2);
    const lamH1 = v.heightMm / 2 - 5;
    out.push(
      plate(
        `lamina ${v.name} ${side}`,
        f,
        [s * ped.uMm, wLamina, s * 1, wBack],
        sacralLow ? 2.5 : 3.2,
        lamH0,
        lamH1,
      ),
    );
    const tp = (TRANSVERSE_MM[v.name] ?? 0) * (v.transverseScale ?? 1);
    if (tp) {
      const r = (v.name === 'L5' ? 5 : 3.4) * Math.sqrt(v.transverseScale ?? 1);
      out.push(
        rod(
          `transverse ${v.name} ${side}`,
          f,
          [s * (ped.uMm + 2), v.wPostMm + 7, ped.hMm],
          [s * (ped.uMm + 2 + tp), v.wPostMm + 5 + (v.kind === 'thoracic' ? 8 : 0), ped.hMm - 2],
          r,
          r * 0.8,
          null,
        ),
      );
    }
    if (v.name === 'S1') {
      out.push(
        ellipsoid(
          `ala ${side}`,
          f,
          [s * (v.halfWidthMm + 10), 2, -2],
          [22, v.ellipseMm * 0.85, v.heightMm * 0.55],
          null,
        ),
      );
    }
  }
  if (v.kind !== 'sacral') {
    const len = v.kind === 'thoracic' ? 26 : rng.uniform(28, 35);
    out.push(spinous(v, wBack - 2, len, v.kind === 'thoracic' ? 3 : 3.6));
  }
  return out;
}

/** Facet joint on one side of a disc: SAP (anterolateral) and IAP (posteromedial) around a joint line. */
export function facetJoint(plan: DiscPlan, side: SideName): Primitive {
  const fp = plan.facet[side];
  const s = SIDE_SIGN[side];
  const cosA = Math.cos(fp.jointAngleRad);
  const sinA = Math.sin(fp.jointAngleRad);
  const fluid = fp.fluidHalfMm;
  return ellipsoid(
    `facet ${plan.disc.name} ${side}`,
    plan.disc.frame,
    [s * fp.uMm, fp.wMm, fp.hMm],
    fp.semiMm,
    null,
    (u, w) => {
      const d = -cosA * (s * u) + sinA * w;
      const ad = Math.abs(d);
      if (ad < fluid) return Tissue.FacetFluid;
      if (ad < fluid + 1.1) return Tissue.Cortex;
      return KEEP;
    },
  );
}
