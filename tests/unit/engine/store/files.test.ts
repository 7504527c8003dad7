import { createHash } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSeriesFiles, studyImportFromVolumes } from '../../../../main/engine/store/files';
import { studyInfo, tempDir } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('file references', () => {
  it('hashes each instance once (multi-frame slices share a file) and finds moved or changed files', async () => {
    const dir = tempDir('files');
    dirs.push(dir);
    const files = ['a.dcm', 'b.dcm', 'c.dcm'].map((n, i) => {
      const p = path.join(dir, n);
      writeFileSync(p, `instance ${i}`);
      return p;
    });
    const stacks = [
      {
        seriesInstanceUid: 'S1',
        seriesDescription: 'Sag',
        role: 'Sagittal T1' as const,
        sopInstanceUids: ['I1', 'I1', 'I2'],
        filePaths: [files[0], files[0], files[1]],
      },
      {
        seriesInstanceUid: 'S1',
        seriesDescription: 'Sag',
        role: 'Sagittal T1' as const,
        sopInstanceUids: ['I3'],
        filePaths: [files[2]],
      },
    ];
    const imp = await studyImportFromVolumes(studyInfo(), stacks);
    expect(imp.series).toHaveLength(1);
    expect(imp.series[0].instances.map((i) => i.sopInstanceUid)).toEqual(['I1', 'I2', 'I3']);
    expect(imp.series[0].instances[1]).toEqual({
      sopInstanceUid: 'I2',
      filePath: files[1],
      sha256: createHash('sha256').update('instance 1').digest('hex'),
      sizeBytes: 10,
    });
    writeFileSync(files[1], 'instance X');
    renameSync(files[2], path.join(dir, 'moved.dcm'));
    const stored = imp.series.map((s) => ({ ...s, sliceCount: s.instances.length }));
    expect((await checkSeriesFiles(stored)).map((c) => [c.sopInstanceUid, c.status])).toEqual([
      ['I1', 'ok'],
      ['I2', 'changed'],
      ['I3', 'missing'],
    ]);
  });
});
