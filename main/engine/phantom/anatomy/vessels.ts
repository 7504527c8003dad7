/**
 * The great vessels of the phantom (aorta with its wall and periaortic fat, IVC, iliac vessels) as primitives,
 * and the label grid's extent (v2's psoas rods). Split out of softTissue.ts (phantom v6). Plain TypeScript;
 * never imports electron or render code.
 */
import type { Rng } from '../../rng';
import { emptyBox, frameAt, growBox, toBody, type Box } from './geometry';
import type { Primitive } from './primitive';
import { rod } from './shapes';
import type { SpineLayout, VertebraLayout } from './spineLayout';
import { Tissue } from './tissues';

/** v2's psoas rod radii per vertebra: they still set the label grid's extent (so the spine rasterises as in v2). */
const PSOAS_RADIUS: Partial<Record<string, number>> = {
  T12: 3,
  L1: 6,
  L2: 9.5,
  L3: 13,
  L4: 16,
  L5: 18,
  S1: 17,
};

/** A primitive that paints nothing and spans v2's psoas rods: keeps the label grid's box (origin, size) as in v2. */
function gridExtent(layout: SpineLayout, ivcR: number): Primitive {
  const box = emptyBox();
  const vs = layout.vertebrae.filter((v) => v.kind !== 'sacral' || v.name === 'S1');
  const s1 = vs[vs.length - 1];
  for (const s of [1, -1]) {
    const nodes = vs
      .filter((v) => PSOAS_RADIUS[v.name])
      .map((v) => {
        const r = PSOAS_RADIUS[v.name] ?? 0;
        return { p: toBody(v.frame, s * (v.halfWidthMm + r * 0.55), -r * 0.15, 0), r };
      });
    nodes.push({ p: toBody(s1.frame, s * (s1.halfWidthMm + 32), -28, -35), r: 15 });
    for (let i = 0; i + 1 < nodes.length; i++) {
      const rm = Math.max(nodes[i].r, nodes[i + 1].r);
      growBox(box, nodes[i].p, rm);
      growBox(box, nodes[i + 1].p, rm);
    }
  }
  // v2's IVC: one round tube of radius ivcR, 5 mm in front of the bodies down to L5.
  for (const v of vs.slice(0, vs.findIndex((x) => x.name === 'L5') + 1))
    growBox(box, toBody(v.frame, -15, -v.ellipseMm - ivcR - 5, 0), ivcR);
  return { name: 'grid extent', box, paintRow: (): void => undefined };
}

/** Shrink `box` to its overlap with `limit` (so a primitive never grows the label grid's box). */
function clipBox(box: Box, limit: Box): void {
  for (let i = 0; i < 3; i++) {
    box.min[i] = Math.max(box.min[i], limit.min[i]);
    box.max[i] = Math.min(box.max[i], limit.max[i]);
  }
}

/** The aorta, IVC (a flattened oval: two overlapping tubes) and iliac vessels; the psoas is in the trunk map. */
export function psoasAndVessels(rng: Rng, layout: SpineLayout): Primitive[] {
  const body = frameAt(0, 0, 0, 0);
  const vs = layout.vertebrae.filter((v) => v.kind !== 'sacral' || v.name === 'S1');
  const aortaR = rng.uniform(8.5, 11.5);
  const ivcR = rng.uniform(8, 10.5);
  const extent = gridExtent(layout, ivcR);
  const out: Primitive[] = [extent];
  const upTo = (name: string): VertebraLayout[] => vs.slice(0, vs.findIndex((v) => v.name === name) + 1);
  const chain = (
    list: VertebraLayout[],
    u: number,
    r: number,
    gap: number,
    label: number = Tissue.Vessel,
  ): void => {
    for (let i = 0; i + 1 < list.length; i++) {
      const a = toBody(list[i].frame, u, -list[i].ellipseMm - r - gap, 0);
      const b = toBody(list[i + 1].frame, u, -list[i + 1].ellipseMm - r - gap, 0);
      out.push(rod('great vessel', body, a, b, r, r, label));
    }
  };
  // Aorta: a rim of periaortic fat, the wall (~1.5-2 mm, intermediate signal), then the lumen (flow void).
  const wallMm = rng.uniform(1.5, 2);
  const aorta = (r: number, label: number): void => {
    const from = out.length;
    chain(upTo('L4'), 9, r, 2 + aortaR - r, label);
    for (const p of out.slice(from)) clipBox(p.box, extent.box);
  };
  aorta(aortaR + wallMm + 2.5, Tissue.Fat);
  aorta(aortaR + wallMm, Tissue.VesselWall);
  aorta(aortaR, Tissue.Vessel);
  const slow = rng.bool(0.7) ? Tissue.SlowFlow : Tissue.Vessel;
  chain(upTo('L5'), -15 - ivcR * 0.35, ivcR * 0.72, 5 + ivcR * 0.28, slow);
  chain(upTo('L5'), -15 + ivcR * 0.35, ivcR * 0.72, 5 + ivcR * 0.28, slow);
  const l4 = vs.find((v) => v.name === 'L4') as VertebraLayout;
  const l5 = vs.find((v) => v.name === 'L5') as VertebraLayout;
  const s1 = vs[vs.length - 1];
  for (const s of [1, -1]) {
    const art0 = toBody(l4.frame, 9, -l4.ellipseMm - aortaR - 2, 0);
    const art1 = toBody(s1.frame, s * 38, -s1.ellipseMm - 14, -10);
    out.push(rod('iliac artery', body, art0, art1, 6, 5.5, Tissue.Vessel));
    const vein0 = toBody(l5.frame, -15, -l5.ellipseMm - ivcR - 5, 0);
    const vein1 = toBody(s1.frame, s * 34, -s1.ellipseMm - 6, -14);
    out.push(rod('iliac vein', body, vein0, vein1, 7.5, 7, slow));
  }
  return out;
}
