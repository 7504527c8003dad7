/**
 * Soft tissue around the spine: a cross-section map of the trunk (skin, subcutaneous fat, abdominal
 * wall, paraspinal and quadratus muscles, retroperitoneal fat, viscera) that follows the lordotic
 * curve, plus psoas muscles and the great vessels as primitives.
 * Plain TypeScript; never imports electron or render code.
 */
import type { Rng } from '../../rng';
import { toBody, frameAt } from './geometry';
import type { Primitive } from './primitive';
import { rod } from './shapes';
import type { SpineLayout, VertebraLayout } from './spineLayout';
import { Tissue as TissueLabels } from './tissues';

/** Local alias: module-namespace getters (as emitted by esbuild/tsx) are slow in per-voxel loops. */
const Tissue = TissueLabels;

/** Trunk cross-section in (x, y' = y - curveY(z)), 1 mm cells, plus the curve table. */
export interface BackgroundMap {
  labels: Uint8Array;
  cols: number;
  rows: number;
  x0: number;
  y0: number;
  /** curveY[k] = body y of the vertebral column at z = curveZ0 + k (mm). */
  curveY: Float32Array;
  curveZ0: number;
}

/** Background label at a body-frame point (nearest 1 mm cell; air outside the map). */
export function backgroundLabel(bg: BackgroundMap, x: number, y: number, z: number): number {
  let k = Math.round(z - bg.curveZ0);
  k = k < 0 ? 0 : k >= bg.curveY.length ? bg.curveY.length - 1 : k;
  const c = Math.round(x - bg.x0);
  const r = Math.round(y - bg.curveY[k] - bg.y0);
  if (c < 0 || r < 0 || c >= bg.cols || r >= bg.rows) return Tissue.Air;
  return bg.labels[r * bg.cols + c];
}

function curveTable(layout: SpineLayout): { curveY: Float32Array; curveZ0: number } {
  const pts = layout.vertebrae
    .filter((v) => v.kind !== 'sacral' || v.name === 'S1')
    .map((v) => [v.frame.oz, v.frame.oy] as const)
    .sort((a, b) => a[0] - b[0]);
  const curveZ0 = Math.floor(pts[0][0] - 400);
  const n = Math.ceil(pts[pts.length - 1][0] + 400 - curveZ0);
  const curveY = new Float32Array(n);
  let j = 0;
  for (let k = 0; k < n; k++) {
    const z = curveZ0 + k;
    while (j < pts.length - 2 && z > pts[j + 1][0]) j++;
    const [za, ya] = pts[j];
    const [zb, yb] = pts[j + 1];
    const t = Math.min(1, Math.max(0, (z - za) / (zb - za)));
    curveY[k] = ya + (yb - ya) * t;
  }
  return { curveY, curveZ0 };
}

/** Erector spinae + multifidus mass on each side, behind the laminae (y' measured from their front). */
function inParaspinal(x: number, yBack: number): boolean {
  const ax = Math.abs(x);
  const e = ((ax - 36) / 34) ** 2 + ((yBack - 36) / 37) ** 2;
  const medial = ((ax - 14) / 13) ** 2 + ((yBack - 30) / 34) ** 2;
  return e <= 1 || medial <= 1;
}

/** Build the trunk cross-section for this study (sizes drawn from rng). */
export function buildBackground(rng: Rng, layout: SpineLayout): BackgroundMap {
  const l3 = layout.vertebrae.find((v) => v.name === 'L3') as VertebraLayout;
  const fatMm = rng.uniform(8, 32);
  const back = l3.wPostMm + l3.canalApMm + 36 + fatMm;
  const front = -rng.uniform(95, 160);
  const halfWidth = rng.uniform(130, 175);
  const yMid = (back + front) / 2;
  const semiY = (back - front) / 2;
  const wallMm = rng.uniform(7, 11);
  const muscleBack = l3.wPostMm + 2;
  const half = 230;
  const cols = 2 * half + 1;
  const rows = 441;
  const x0 = -half;
  const y0 = -240;
  const labels = new Uint8Array(cols * rows);
  // Every test below depends on x only through |x| (and x^2), and x runs from -half to half: each row is
  // computed for x <= 0 and mirrored.
  for (let r = 0; r < rows; r++) {
    const yp = y0 + r;
    const dyN = (yp - yMid) / semiY;
    const exp = yp > yMid ? 4 : 2.2;
    const ey = Math.pow(Math.abs(dyN), exp);
    if (ey > 1) continue;
    for (let c = 0; c <= half; c++) {
      const x = x0 + c;
      const dxN = x / halfWidth;
      const e = Math.pow(Math.abs(dxN), exp) + ey;
      if (e > 1) continue;
      const depth = (1 - Math.pow(e, 1 / exp)) * Math.min(semiY, halfWidth);
      let label: number = Tissue.Viscera;
      if (depth < 1.5) label = Tissue.Skin;
      else if (depth < fatMm * (yp > yMid ? 1 : 1.15)) label = Tissue.Fat;
      else if (yp > muscleBack && Math.abs(x) < 3 + (yp - muscleBack) * 0.04) label = Tissue.Fat;
      else if (yp > muscleBack && inParaspinal(x, yp - muscleBack)) label = Tissue.Muscle;
      else if (yp > muscleBack) label = Tissue.Fat;
      else if (depth < fatMm + wallMm) label = Tissue.Muscle;
      else if (((Math.abs(x) - 62) / 16) ** 2 + ((yp - muscleBack + 6) / 11) ** 2 <= 1) label = Tissue.Muscle;
      else if ((x / 85) ** 2 + ((yp + 6) / 38) ** 2 <= 1) label = Tissue.Fat;
      labels[r * cols + c] = label;
      labels[r * cols + 2 * half - c] = label;
    }
  }
  return { labels, cols, rows, x0, y0, ...curveTable(layout) };
}

const PSOAS_RADIUS: Partial<Record<string, number>> = {
  T12: 3,
  L1: 6,
  L2: 9.5,
  L3: 13,
  L4: 16,
  L5: 18,
  S1: 17,
};

/** Psoas muscles (lateral to the bodies, growing caudally) and the aorta, IVC and iliac vessels. */
export function psoasAndVessels(rng: Rng, layout: SpineLayout): Primitive[] {
  const body = frameAt(0, 0, 0, 0);
  const out: Primitive[] = [];
  const vs = layout.vertebrae.filter((v) => v.kind !== 'sacral' || v.name === 'S1');
  for (const s of [1, -1]) {
    const nodes = vs
      .filter((v) => PSOAS_RADIUS[v.name])
      .map((v) => {
        const r = PSOAS_RADIUS[v.name] ?? 0;
        return { p: toBody(v.frame, s * (v.halfWidthMm + r * 0.55), -r * 0.15, 0), r };
      });
    const s1 = vs[vs.length - 1];
    nodes.push({ p: toBody(s1.frame, s * (s1.halfWidthMm + 32), -28, -35), r: 15 });
    for (let i = 0; i + 1 < nodes.length; i++) {
      out.push(
        rod(`psoas ${s}`, body, nodes[i].p, nodes[i + 1].p, nodes[i].r, nodes[i + 1].r, Tissue.Muscle),
      );
    }
  }
  const aortaR = rng.uniform(8.5, 11.5);
  const ivcR = rng.uniform(8, 10.5);
  const upTo = (name: string): VertebraLayout[] => vs.slice(0, vs.findIndex((v) => v.name === name) + 1);
  const chain = (list: VertebraLayout[], u: number, r: number, gap: number): void => {
    for (let i = 0; i + 1 < list.length; i++) {
      const a = toBody(list[i].frame, u, -list[i].ellipseMm - r - gap, 0);
      const b = toBody(list[i + 1].frame, u, -list[i + 1].ellipseMm - r - gap, 0);
      out.push(rod('great vessel', body, a, b, r, r, Tissue.Vessel));
    }
  };
  chain(upTo('L4'), 9, aortaR, 2);
  chain(upTo('L5'), -15, ivcR, 5);
  const l4 = vs.find((v) => v.name === 'L4') as VertebraLayout;
  const l5 = vs.find((v) => v.name === 'L5') as VertebraLayout;
  const s1 = vs[vs.length - 1];
  for (const s of [1, -1]) {
    const art0 = toBody(l4.frame, 9, -l4.ellipseMm - aortaR - 2, 0);
    const art1 = toBody(s1.frame, s * 38, -s1.ellipseMm - 14, -10);
    out.push(rod('iliac artery', body, art0, art1, 6, 5.5, Tissue.Vessel));
    const vein0 = toBody(l5.frame, -15, -l5.ellipseMm - ivcR - 5, 0);
    const vein1 = toBody(s1.frame, s * 34, -s1.ellipseMm - 6, -14);
    out.push(rod('iliac vein', body, vein0, vein1, 7.5, 7, Tissue.Vessel));
  }
  return out;
}
