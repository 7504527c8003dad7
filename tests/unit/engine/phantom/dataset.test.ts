import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePhantomDataset } from '../../../../main/engine/phantom/dataset';
import {
  COORDINATE_COLUMNS,
  SERIES_DESCRIPTION_COLUMNS,
  TRAIN_COLUMNS,
} from '../../../../main/engine/phantom/csv';
import type { GroundTruth } from '../../../../main/engine/phantom/groundTruth';
import { listFiles, readCsv, readInstance } from './readBack';

const SEVERITY_VALUES = ['Normal/Mild', 'Moderate', 'Severe'];
const RSNA_DESCRIPTIONS = ['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2'];
const CONDITION_TITLES: Record<string, string> = {
  'Spinal Canal Stenosis': 'Sagittal T2/STIR',
  'Left Neural Foraminal Narrowing': 'Sagittal T1',
  'Right Neural Foraminal Narrowing': 'Sagittal T1',
  'Left Subarticular Stenosis': 'Axial T2',
  'Right Subarticular Stenosis': 'Axial T2',
};
const LEVEL_TITLES = ['L1/L2', 'L2/L3', 'L3/L4', 'L4/L5', 'L5/S1'];
/** train.csv header exactly as in the RSNA 2024 data (reference: shared/reference/rsna-lumbar.md). */
const TRAIN_HEADER = [
  'study_id',
  ...[
    'spinal_canal_stenosis',
    'left_neural_foraminal_narrowing',
    'right_neural_foraminal_narrowing',
    'left_subarticular_stenosis',
    'right_subarticular_stenosis',
  ].flatMap((c) => ['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5', 'l5_s1'].map((l) => `${c}_${l}`)),
];

let root = '';
let datasetA = '';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'spinegrade-phantom-'));
  datasetA = join(root, 'a');
  await writePhantomDataset({ outDir: datasetA, studies: 4, seed: 'unit-a', workers: 2, maxMatrix: 256 });
});

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

function dicomFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => f.endsWith('.dcm'));
}

describe('phantom dataset writer', () => {
  it('names the CSV columns as the RSNA 2024 files do (reference: shared/reference/rsna-lumbar.md)', () => {
    expect(TRAIN_COLUMNS).toEqual(TRAIN_HEADER);
    expect(SERIES_DESCRIPTION_COLUMNS.join(',')).toBe('study_id,series_id,series_description');
    expect(COORDINATE_COLUMNS.join(',')).toBe('study_id,series_id,instance_number,condition,level,x,y');
  });

  it('writes byte-identical files for the same seed whatever the worker count, and other files for another seed', async () => {
    const datasetB = join(root, 'b');
    await writePhantomDataset({ outDir: datasetB, studies: 4, seed: 'unit-a', workers: 1, maxMatrix: 256 });
    const filesA = listFiles(datasetA);
    expect(listFiles(datasetB)).toEqual(filesA);
    expect(filesA.filter((f) => f.endsWith('.dcm')).length).toBeGreaterThan(4 * 30);
    const differing = filesA.filter(
      (f) => !readFileSync(join(datasetA, f)).equals(readFileSync(join(datasetB, f))),
    );
    expect(differing).toEqual([]);
    const datasetC = join(root, 'c');
    await writePhantomDataset({ outDir: datasetC, studies: 1, seed: 'unit-c', workers: 1, maxMatrix: 256 });
    expect(readFileSync(join(datasetC, 'train.csv'), 'utf8')).not.toEqual(
      readFileSync(join(datasetA, 'train.csv'), 'utf8'),
    );
  });

  it('writes the three CSVs with the reference column names and values, pointing at written files', () => {
    const train = readCsv(join(datasetA, 'train.csv'));
    expect(train.header).toEqual(TRAIN_COLUMNS);
    expect(train.rows).toHaveLength(4);
    for (const r of train.rows) {
      expect(r.study_id).toMatch(/^[1-9][0-9]{6,9}$/);
      for (const col of TRAIN_HEADER.slice(1)) expect(SEVERITY_VALUES).toContain(r[col]);
    }
    const series = readCsv(join(datasetA, 'train_series_descriptions.csv'));
    expect(series.header).toEqual(SERIES_DESCRIPTION_COLUMNS);
    const roleOf = new Map<string, string>();
    for (const r of series.rows) {
      expect(RSNA_DESCRIPTIONS).toContain(r.series_description);
      expect(
        dicomFiles(join(datasetA, 'train_images', r.study_id, r.series_id)).length,
      ).toBeGreaterThanOrEqual(3);
      roleOf.set(`${r.study_id}/${r.series_id}`, r.series_description);
    }
    const folders = new Set(
      dicomFiles(join(datasetA, 'train_images')).map((f) => f.split('/').slice(0, 2).join('/')),
    );
    expect([...folders].sort()).toEqual([...roleOf.keys()].sort());
    const coords = readCsv(join(datasetA, 'train_label_coordinates.csv'));
    expect(coords.header).toEqual(COORDINATE_COLUMNS);
    expect(coords.rows.length).toBeGreaterThan(4 * 10);
    for (const r of coords.rows) {
      expect(Object.keys(CONDITION_TITLES)).toContain(r.condition);
      expect(LEVEL_TITLES).toContain(r.level);
      expect(roleOf.get(`${r.study_id}/${r.series_id}`)).toBe(CONDITION_TITLES[r.condition]);
      const inst = readInstance(
        join(datasetA, 'train_images', r.study_id, r.series_id, `${r.instance_number}.dcm`),
      );
      expect(inst.instanceNumber).toBe(Number(r.instance_number));
      expect(Number(r.x)).toBeGreaterThanOrEqual(0);
      expect(Number(r.x)).toBeLessThanOrEqual(inst.cols - 1);
      expect(Number(r.y)).toBeGreaterThanOrEqual(0);
      expect(Number(r.y)).toBeLessThanOrEqual(inst.rows - 1);
    }
  });

  it('writes files dcmdump reads without error', (ctx) => {
    if (spawnSync('dcmdump', ['--version']).error) {
      console.warn('SKIPPED: dcmdump (dcmtk) is not installed; install it with apt-get install dcmtk');
      return ctx.skip();
    }
    const files = dicomFiles(datasetA).map((f) => join(datasetA, f));
    for (let i = 0; i < files.length; i += 200) {
      const r = spawnSync('dcmdump', ['-q', '+E', ...files.slice(i, i + 200)], { maxBuffer: 1 << 30 });
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(r.stderr.toString()).toBe('');
    }
  });

  it('writes files pydicom opens, with pixel arrays of Rows x Columns', (ctx) => {
    const probe = spawnSync('/usr/bin/python3', ['-c', 'import pydicom, numpy']);
    if (probe.error || probe.status !== 0) {
      console.warn(
        'SKIPPED: /usr/bin/python3 with pydicom and numpy is missing (apt-get install python3-pydicom)',
      );
      return ctx.skip();
    }
    const script = [
      'import sys, pathlib, pydicom',
      'n = 0',
      'for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.dcm")):',
      '    ds = pydicom.dcmread(str(p))',
      '    a = ds.pixel_array',
      '    assert a.shape == (ds.Rows, ds.Columns), (p, a.shape)',
      '    assert ds.Modality == "MR" and ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.4", p',
      '    assert int(a.max()) <= 2 ** ds.BitsStored - 1, p',
      '    n += 1',
      'print(n)',
    ].join('\n');
    const r = spawnSync('/usr/bin/python3', ['-c', script, join(datasetA, 'train_images')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(Number(r.stdout.trim())).toBe(dicomFiles(datasetA).length);
  });

  it('writes a ground-truth sidecar per study matching train.csv and the series written', () => {
    const train = readCsv(join(datasetA, 'train.csv'));
    for (const r of train.rows) {
      const path = join(datasetA, 'ground_truth', `${r.study_id}.json`);
      expect(existsSync(path)).toBe(true);
      const gt = JSON.parse(readFileSync(path, 'utf8')) as GroundTruth;
      expect(gt.studyId).toBe(Number(r.study_id));
      expect(gt.grades.spinal_canal_stenosis.l4_l5).toBe(r.spinal_canal_stenosis_l4_l5);
      expect(gt.grades.right_subarticular_stenosis.l1_l2).toBe(r.right_subarticular_stenosis_l1_l2);
      for (const s of gt.series) {
        const files = dicomFiles(join(datasetA, 'train_images', r.study_id, String(s.seriesId)));
        expect(files.length).toBe(s.stacks.reduce((n, st) => n + st.instanceNumbers.length, 0));
        const first = readInstance(join(datasetA, 'train_images', r.study_id, String(s.seriesId), files[0]));
        expect(first.frameOfReferenceUid).toBe(gt.frameOfReferenceUid);
        expect(first.seriesDescription).toBe(s.dicomSeriesDescription);
        expect(RSNA_DESCRIPTIONS).not.toContain(first.seriesDescription);
      }
    }
  });
});
