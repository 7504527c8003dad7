/**
 * Writes PNGs of a phantom to artifacts/phantom-look/ for people to look at (mid-sagittal T2, sagittal
 * T1 through the left L4/L5 foramen, axial T2 at a normal and at a severe level) and checks the basic
 * contrast facts a reader would check on them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAcquisitionEffects } from '../../../../../main/engine/phantom/render/acquisition';
import { writeGrayPng } from '../../../../../main/engine/phantom/render/png';
import { createRng } from '../../../../../main/engine/rng';
import { lerpVec } from './vecTest';
import {
  areaAround,
  axialAt,
  build,
  meanAt,
  render,
  sagittalThrough,
  type Rendered,
} from './phantomFixtures';

const OUT = join(process.cwd(), 'artifacts', 'phantom-look');

function save(name: string, img: Rendered, seed: string): void {
  const noisy = applyAcquisitionEffects(img.image, img.cols, img.rows, createRng(seed), {
    noiseSigma: 0.025,
    biasStrength: 0.25,
    ghosting: 0.01,
    posteriorInPlane: [1, 0],
  });
  writeGrayPng(join(OUT, name), noisy, img.cols, img.rows);
}

describe('phantom look (PNGs in artifacts/phantom-look)', () => {
  it('renders a lumbar spine with the contrasts a reader expects', () => {
    mkdirSync(OUT, { recursive: true });
    const a = build('look', [
      ['spinal_canal_stenosis', 'l4_l5', 2],
      ['right_subarticular_stenosis', 'l4_l5', 2],
      ['left_neural_foraminal_narrowing', 'l5_s1', 2],
    ]);
    const mid = render(a, sagittalThrough(a, a.levels.l3_l4.canalCenterLps, 300, 384), 'T2', 3.5);
    save('sag-t2-mid.png', mid, 'look-1');
    const l3 = lerpVec(a.levels.l2_l3.discCenterLps, a.levels.l3_l4.discCenterLps, 0.5);
    expect(meanAt(mid, a.levels.l3_l4.canalCenterLps, 0)).toBeGreaterThan(meanAt(mid, l3) * 1.5);
    expect(meanAt(mid, a.levels.l2_l3.discCenterLps)).toBeGreaterThan(meanAt(mid, l3));

    const p = a.levels.l4_l5.foramenLps.left;
    const t1 = render(a, sagittalThrough(a, p, 300, 384), 'T1', 3.5);
    save('sag-t1-foramen-left.png', t1, 'look-2');
    const rootValue = meanAt(t1, p, 0);
    expect(areaAround(t1, p, 7, (v) => v > rootValue + 0.2)).toBeGreaterThan(8);

    const pSevere = a.levels.l5_s1.foramenLps.left;
    save(
      'sag-t1-foramen-left-l5s1-severe.png',
      render(a, sagittalThrough(a, pSevere, 300, 384), 'T1', 3.5),
      'look-3',
    );

    const csfArea = (img: Rendered, level: 'l2_l3' | 'l4_l5'): number =>
      areaAround(img, a.levels[level].canalCenterLps, 16, (v) => v > 0.9);
    const axNormal = render(a, axialAt(a, 'l2_l3'), 'T2', 4, 320);
    const axSevere = render(a, axialAt(a, 'l4_l5'), 'T2', 4, 320);
    save('ax-t2-l2l3-normal.png', axNormal, 'look-4');
    save('ax-t2-l4l5-severe.png', axSevere, 'look-5');
    expect(csfArea(axSevere, 'l4_l5')).toBeLessThan(csfArea(axNormal, 'l2_l3') * 0.5);
  });
});
