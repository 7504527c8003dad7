/**
 * Writes artifacts/phantom-grid.png: a normal and a severe phantom study side by side (mid-sagittal T2,
 * parasagittal T1 through the left L4/L5 foramen, axial T2 at L2/L3, L4/L5 and L5/S1), each with the
 * acquisition of a series exactly as the generator writes it (its own noise, shading, vendor range and stored window); a third row of confounders (spondylolisthesis, sacralised L5, lumbarised S1,
 * a mid-sagittal T1 and STIR with marrow findings), above the real sagittal T1 reference.
 * Usage: npm run phantom:grid [-- --seed S] [--upper l1_l2] (--upper: level of the first axial, default l2_l3)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';
import { buildSpineAnatomy } from '../main/engine/phantom/anatomy/buildSpineAnatomy';
import type { Contrast, SpineAnatomy, StudyGrades } from '../main/engine/phantom/anatomyTypes';
import { windowOf } from '../main/engine/phantom/headers';
import type { SeriesPlan } from '../main/engine/phantom/layoutTypes';
import { drawSeriesIntensity, instancePixels } from '../main/engine/phantom/pixels';
import { planeThrough } from '../main/engine/phantom/render/previewPlanes';
import { drawScanner } from '../main/engine/phantom/scanners';
import { windowGray } from '../main/engine/workspaceThumbnail';
import { createRng } from '../main/engine/rng';
import type { SliceGeometry } from '../main/shared/sliceGeometry';
import { CONDITIONS, LEVELS, type Level, type SeverityIndex } from '../main/shared/targets';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from '../main/shared/vec3';

const TILE = 320;
const REFERENCE = '/work/shared/reference/real-spine-sagittal-t1.png';

function grades(severe: boolean): StudyGrades {
  const g = {} as StudyGrades;
  for (const c of CONDITIONS) {
    g[c] = {} as StudyGrades[typeof c];
    for (const l of LEVELS) {
      const worst = l === 'l4_l5' || l === 'l5_s1' ? 2 : l === 'l3_l4' ? 1 : 0;
      g[c][l] = (severe ? worst : 0) as SeverityIndex;
    }
  }
  return g;
}

function sagittal(a: SpineAnatomy, centre: Vec3): SliceGeometry {
  return planeThrough(centre, a.bodyAxes[1], scale(a.bodyAxes[2], -1), 300, TILE);
}

function axial(a: SpineAnatomy, level: Level): SliceGeometry {
  const la = a.levels[level];
  const n = la.discNormal;
  const v = normalize(sub(a.bodyAxes[1], scale(n, dot(a.bodyAxes[1], n))));
  const u = normalize(cross(v, n));
  return planeThrough(add(la.canalCenterLps, scale(v, -25)), u, v, 190, TILE);
}

/**
 * One tile exactly as the generator writes it: the series' own intensity draw (vendor scale and offset, Rician
 * noise, coil shading, ghosting, k-space PSF) for the scanner of `seed`, stored as unsigned 16-bit, then shown
 * with the stored (0028,1050)/(0028,1051) window a viewer applies by default.
 */
function tile(
  a: SpineAnatomy,
  geo: SliceGeometry,
  contrast: Contrast,
  thickMm: number,
  seed: string,
): Uint8Array {
  const rng = createRng(seed);
  const bitsStored = drawScanner(rng.fork('scanner')).profile.bitsStored;
  const intensity = drawSeriesIntensity(rng.fork('intensity'), bitsStored);
  const plan: SeriesPlan = {
    key: 'grid',
    role: 'Sagittal T2/STIR',
    contrast,
    cols: TILE,
    rows: TILE,
    pixelSpacingMm: geo.pixelSpacingMm[0],
    sliceThicknessMm: thickMm,
    spacingBetweenSlicesMm: thickMm,
    stacks: [],
    instanceNumbers: [],
  };
  const stored = instancePixels(a, plan, geo, intensity, rng.fork('noise'));
  const w = windowOf(stored);
  return Uint8Array.from(stored, (v) => windowGray(v, w));
}

function studyTiles(seed: string, severe: boolean, upper: Level): Uint8Array[] {
  const a = buildSpineAnatomy(createRng(seed), grades(severe));
  return [
    tile(a, sagittal(a, a.levels.l3_l4.canalCenterLps), 'T2', 3.5, `${seed}-1`),
    tile(a, sagittal(a, a.levels.l4_l5.foramenLps.left), 'T1', 3.5, `${seed}-2`),
    tile(a, axial(a, upper), 'T2', 4, `${seed}-3`),
    tile(a, axial(a, 'l4_l5'), 'T2', 4, `${seed}-4`),
    tile(a, axial(a, 'l5_s1'), 'T2', 4, `${seed}-5`),
  ];
}

/** First study seed `${seed}-k` whose anatomy passes `test`, built with moderate grades. */
function findStudy(seed: string, test: (a: SpineAnatomy) => boolean): SpineAnatomy {
  for (let k = 0; k < 400; k++) {
    const a = buildSpineAnatomy(createRng(`${seed}-${k}`), grades(true));
    if (test(a)) return a;
  }
  throw new Error(`phantom-grid: no study of seed ${seed} passes the test`);
}

function confounderTiles(seed: string): Uint8Array[] {
  const slip = findStudy(`${seed}-slip`, (a) => a.variant.spondylolisthesis?.level === 'l4_l5');
  const sacral = findStudy(`${seed}-sacralised`, (a) => a.variant.transitional === 'sacralised-l5');
  const lumbar = findStudy(`${seed}-lumbarised`, (a) => a.variant.transitional === 'lumbarised-s1');
  const mid = (a: SpineAnatomy): SliceGeometry => sagittal(a, a.levels.l3_l4.canalCenterLps);
  return [
    tile(slip, mid(slip), 'T2', 3.5, `${seed}-c1`),
    tile(sacral, mid(sacral), 'T2', 3.5, `${seed}-c2`),
    tile(lumbar, mid(lumbar), 'T2', 3.5, `${seed}-c3`),
    tile(slip, mid(slip), 'T1', 3.5, `${seed}-c4`),
    tile(slip, mid(slip), 'STIR', 3.5, `${seed}-c5`),
  ];
}

function main(): void {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: 'grid-1' },
      out: { type: 'string' },
      upper: { type: 'string', default: 'l2_l3' },
    },
  });
  const seed = String(values.seed);
  const upper = String(values.upper) as Level;
  if (!LEVELS.includes(upper)) throw new Error(`phantom-grid: --upper must be one of ${LEVELS.join(', ')}`);
  const rows = [
    studyTiles(`${seed}-normal`, false, upper),
    studyTiles(`${seed}-severe`, true, upper),
    confounderTiles(seed),
  ];
  const ref = PNG.sync.read(readFileSync(REFERENCE));
  const width = Math.max(5 * TILE, ref.width);
  const height = rows.length * TILE + ref.height;
  const png = new PNG({ width, height });
  png.data.fill(0);
  const put = (x: number, y: number, v: number): void => {
    const o = (y * width + x) * 4;
    png.data[o] = png.data[o + 1] = png.data[o + 2] = v;
    png.data[o + 3] = 255;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(x, y, 0);
  rows.forEach((tiles, r) =>
    tiles.forEach((t, c) => {
      for (let y = 0; y < TILE; y++)
        for (let x = 0; x < TILE; x++) put(c * TILE + x, r * TILE + y, t[y * TILE + x]);
    }),
  );
  for (let y = 0; y < ref.height; y++)
    for (let x = 0; x < ref.width; x++) put(x, rows.length * TILE + y, ref.data[(y * ref.width + x) * 4]);
  const out = values.out ?? join(process.cwd(), 'artifacts', 'phantom-grid.png');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, PNG.sync.write(png));
  console.log(
    `wrote ${out} (${width}x${height}): rows normal / severe (sag T2 mid, sag T1 L4/L5 left foramen, ax T2 L2/L3, L4/L5, L5/S1) / confounders (sag T2 L4/L5 slip, sacralised L5, lumbarised S1; sag T1 and STIR of the slip)`,
  );
}

main();
