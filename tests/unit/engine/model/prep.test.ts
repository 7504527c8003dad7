import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNpy } from '../../../../main/engine/model/npy';
import { prepDataset } from '../../../../main/engine/model/prep';
import { normalizeIntensity, volumeIntensityRange } from '../../../../main/engine/model/normalize';
import type { LoadedStudy } from '../../../../main/engine/model/studyPoints';
import { LEVELS } from '../../../../main/shared/targets';
import { canalLps, field, syntheticStudy, writeSyntheticDataset } from './syntheticStudy';

const root = mkdtempSync(join(tmpdir(), 'sg-prep-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('prepDataset on a synthetic RSNA-format dataset', () => {
  const studies: LoadedStudy[] = [
    syntheticStudy({ studyId: '100' }),
    syntheticStudy({ studyId: '200', omit: ['Axial T2'] }),
    syntheticStudy({ studyId: '300', axialLevels: ['l3_l4', 'l4_l5', 'l5_s1'] }),
  ];
  const data = join(root, 'data');
  const out = join(root, 'out');
  writeSyntheticDataset(data, studies, (c, l) =>
    c === 3 && l === 0 ? undefined : (((c + l) % 3) as 0 | 1 | 2),
  );
  const spec = { slices: 5, px: 16, cropMm: 24, recessOffsetMm: 12 };

  it('writes the contract tensors, meta and index', async () => {
    const progress: number[] = [];
    const s = await prepDataset({
      datasetDir: data,
      outDir: out,
      spec,
      jitter: 2,
      localizerNegatives: 1,
      loadStudy: async (_d, id) => studies.find((x) => x.studyId === id)!,
      onProgress: (d) => progress.push(d),
    });
    expect(s.failedStudies).toEqual([]);
    expect(progress).toEqual([1, 2, 3]);
    expect(s.classifierRows).toBe(3 * 5 * 3);
    const index = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8'));
    expect(index.studies).toEqual(['100', '200', '300']);
    expect(index.spec).toEqual({ S: 5, P: 16, cropMm: 24, recessOffsetMm: 12, jitter: 2 });
    for (const f of ['images', 'targets', 'channel_mask'])
      expect(existsSync(join(out, 'localizer', `${f}.npy`))).toBe(true);
    const sagT2 = readNpy(join(out, 'classifier', 'sag_t2.npy'));
    expect(sagT2.shape).toEqual([45, 5, 16, 16]);
    expect(readNpy(join(out, 'classifier', 'sag_t1.npy')).shape).toEqual([45, 2, 5, 16, 16]);
    expect(readNpy(join(out, 'classifier', 'ax_t2.npy')).shape).toEqual([45, 3, 5, 16, 16]);
    const labels = readNpy(join(out, 'classifier', 'labels.npy'));
    expect(labels.shape).toEqual([45, 5]);
    expect(Array.from(labels.data as BigInt64Array).slice(0, 5)).toEqual([0n, 1n, 2n, -1n, 1n]); // level l1_l2
    const meta = JSON.parse(readFileSync(join(out, 'classifier', 'meta.json'), 'utf8'));
    expect(meta[0]).toEqual({ study_id: '100', level: 'l1_l2', jitter: 0 });
    expect(meta[2]).toEqual({ study_id: '100', level: 'l1_l2', jitter: 2 });
    // view_mask: study 200 has no axial; study 300's axials miss l1_l2 and l2_l3
    const vm = Array.from(readNpy(join(out, 'classifier', 'view_mask.npy')).data as Float32Array);
    const row = (r: number) => vm.slice(3 * r, 3 * r + 3);
    expect(row(0)).toEqual([1, 1, 1]);
    expect(row(15)).toEqual([1, 1, 0]);
    expect(row(30)).toEqual([1, 1, 0]);
    expect(row(36)).toEqual([1, 1, 1]);
  });

  it('centres the exact sagittal T2 crop on the annotated point', () => {
    const sagT2 = readNpy(join(out, 'classifier', 'sag_t2.npy')).data as Float32Array;
    const vol = studies[0].series[0].stacks[0];
    const plane = 16 * 16;
    LEVELS.forEach((l, li) => {
      const base = li * 3 * 5 * plane + 2 * plane; // row (exact copy) of level li, middle slice
      const c = [7 * 16 + 7, 7 * 16 + 8, 8 * 16 + 7, 8 * 16 + 8].map((o) => sagT2[base + o]);
      const mean = c.reduce((a, b) => a + b) / 4;
      expect(mean).toBeCloseTo(normalizeIntensity(field(canalLps(l)), volumeIntensityRange(vol)), 4);
    });
  });

  it('writes localizer targets with weight 1 on the annotated slice', () => {
    const t = readNpy(join(out, 'localizer', 'targets.npy'));
    const m = readNpy(join(out, 'localizer', 'channel_mask.npy'));
    const meta = JSON.parse(readFileSync(join(out, 'localizer', 'meta.json'), 'utf8')) as Array<{
      role: string;
      slice_index: number;
    }>;
    expect(t.shape).toEqual([meta.length, 10, 3]);
    const td = t.data as Float32Array;
    const md = m.data as Float32Array;
    const mid = meta.findIndex((r) => r.role === 'Sagittal T2/STIR' && r.slice_index === 5);
    expect(td[mid * 30 + 2]).toBe(1); // level channel 0 weight on the midline slice
    expect(Array.from(md.slice(mid * 10, mid * 10 + 10))).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    const lat = meta.findIndex((r) => r.role === 'Sagittal T1' && r.slice_index === 1);
    expect(td[lat * 30 + 5 * 3 + 2]).toBe(0.5); // foramen at slice 0 (x = 15): slice 1 is a neighbour
    // heatmap y of level l3_l4 (z = 0 at row 47.5 of 96): (47.5 + 0.5) * 64 / 96 - 0.5 = 31.5
    expect(td[mid * 30 + 2 * 3 + 1]).toBeCloseTo(31.5, 4);
  });
});
