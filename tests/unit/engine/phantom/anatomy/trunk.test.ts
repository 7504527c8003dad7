/**
 * Phantom v2 trunk cross-sections: kidneys at L1/L2 and not at L5/S1, iliac wings at L5/S1 and not at L2/L3,
 * skin then a subcutaneous fat ring at the outline, bowel contents in most studies; level by level.
 */
import { describe, expect, it } from 'vitest';
import { lpsToBody, modelOf } from '../../../../../main/engine/phantom/anatomy/model';
import { backgroundLabel } from '../../../../../main/engine/phantom/anatomy/softTissue';
import { Tissue } from '../../../../../main/engine/phantom/anatomy/tissues';
import type { SpineAnatomy } from '../../../../../main/engine/phantom/anatomyTypes';
import type { Level } from '../../../../../main/shared/targets';
import { build } from '../render/phantomFixtures';

/** Labels of the cross-section through a level's disc centre: counts per tissue (1 mm^2 cells). */
function section(
  a: SpineAnatomy,
  level: Level,
  keep: (x: number, y: number) => boolean = () => true,
): number[] {
  const m = modelOf(a);
  const [, yc, z] = lpsToBody(m, a.levels[level].discCenterLps);
  const counts = new Array<number>(32).fill(0);
  for (let x = -220; x <= 220; x++)
    for (let y = -230; y <= 190; y++) if (keep(x, y - yc)) counts[backgroundLabel(m.background, x, y, z)]++;
  return counts;
}

describe('phantom trunk (v2)', () => {
  it('has kidneys beside L1/L2 and none at L5/S1', () => {
    for (const seed of ['trunk-1', 'trunk-2', 'trunk-3']) {
      const a = build(seed);
      expect(section(a, 'l1_l2')[Tissue.Kidney]).toBeGreaterThan(600);
      expect(section(a, 'l5_s1')[Tissue.Kidney]).toBe(0);
    }
  });

  it('has iliac wing bone lateral to the spine at L5/S1 and none at L2/L3', () => {
    for (const seed of ['trunk-1', 'trunk-2', 'trunk-3']) {
      const a = build(seed);
      const lateral = (x: number): boolean => Math.abs(x) > 60;
      const bone = (c: number[]): number => c[Tissue.Cortex] + c[Tissue.Marrow];
      // v6: the wing thins to a 3-4 mm plate laterally and its marrow is partly fatty (Fat cells): 200, not 300.
      expect(bone(section(a, 'l5_s1', lateral))).toBeGreaterThan(200);
      expect(bone(section(a, 'l2_l3', lateral))).toBe(0);
    }
  });

  it('wraps the body in skin over a subcutaneous fat ring (lateral ray at L3/L4)', () => {
    const a = build('trunk-ring');
    const m = modelOf(a);
    const [, y, z] = lpsToBody(m, a.levels.l3_l4.discCenterLps);
    const ray: number[] = [];
    for (let x = 220; x >= 0; x--) ray.push(backgroundLabel(m.background, x, y, z));
    const first = ray.findIndex((l) => l !== Tissue.Air);
    expect(first).toBeGreaterThan(0);
    expect(ray[first]).toBe(Tissue.Skin);
    const fat = ray.slice(first + 2, first + 6);
    expect(fat.every((l) => l === Tissue.Fat || l === Tissue.Septum)).toBe(true);
  });

  it('fills the abdomen with bowel contents (gas, fluid or faeces) in most studies', () => {
    const bowel = ['b-1', 'b-2', 'b-3', 'b-4', 'b-5'].filter((seed) => {
      const c = section(build(seed), 'l3_l4');
      return c[Tissue.BowelGas] + c[Tissue.BowelFluid] + c[Tissue.Faeces] > 200;
    });
    expect(bowel.length).toBeGreaterThanOrEqual(4);
  });
});
