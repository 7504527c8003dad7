import { createHash } from 'node:crypto';
import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../../../main/engine/import/importPaths';
import {
  changedFilesText,
  checkDecodedFiles,
  hashFileSha256,
  statSeriesFiles,
  studyImportFromVolumes,
} from '../../../../main/engine/store/files';
import { writePhantomStudy } from '../analysis/fixtures';
import { studyInfo, tempDir } from './fixtures';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('file references', () => {
  it('hashes each instance once (multi-frame slices share a file) and finds moved or changed files by size and by decode digest', async () => {
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
    writeFileSync(files[1], 'instance X'); // same size, other bytes
    renameSync(files[2], path.join(dir, 'moved.dcm'));
    const stored = imp.series.map((s) => ({ ...s, sliceCount: s.instances.length }));
    // Sizes alone find the moved file; the same-size edit needs the content hash.
    expect((await statSeriesFiles(stored)).map((c) => [c.sopInstanceUid, c.status])).toEqual([
      ['I1', 'ok'],
      ['I2', 'ok'],
      ['I3', 'missing'],
    ]);
    const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
    const decoded = [
      {
        filePaths: [files[0], files[1]],
        fileDigests: [
          { sha256: sha('instance 0'), sizeBytes: 10 },
          { sha256: sha('instance X'), sizeBytes: 10 },
        ],
      },
    ];
    const checks = checkDecodedFiles(stored, decoded);
    expect(checks.map((c) => [c.sopInstanceUid, c.status])).toEqual([
      ['I1', 'ok'],
      ['I2', 'changed'],
      ['I3', 'missing'],
    ]);
    expect(changedFilesText(checks, 'files')).toEqual({
      text: `2 of 3 files are missing or changed since import (first: ${files[1]}, changed)`,
      file: files[1],
    });
    expect(changedFilesText(checks.slice(0, 1), 'files')).toBeUndefined();
  });
});

describe('digests taken while decoding', () => {
  it('equal the SHA-256 of each file, and the store import uses them without reading the files again', async () => {
    const dir = tempDir('digests');
    dirs.push(dir);
    writePhantomStudy(dir, { seed: 'digest-test' });
    const { studies } = await importPaths([dir]);
    const stacks = studies[0].series.flatMap((s) => s.stacks);
    expect(stacks.length).toBeGreaterThanOrEqual(3);
    for (const v of stacks) {
      expect(v.fileDigests).toHaveLength(v.filePaths.length);
      for (let k = 0; k < v.filePaths.length; k++) {
        expect(v.fileDigests?.[k]).toEqual({
          sha256: await hashFileSha256(v.filePaths[k]),
          sizeBytes: statSync(v.filePaths[k]).size,
        });
      }
    }
    // Removing the files proves the import below takes the digests, not a second read.
    const expected = stacks.flatMap((v) => v.fileDigests ?? []);
    for (const v of stacks) for (const f of v.filePaths) rmSync(f);
    const imp = await studyImportFromVolumes(studies[0].info, stacks);
    const refs = imp.series.flatMap((s) => s.instances);
    expect(refs.map((r) => ({ sha256: r.sha256, sizeBytes: r.sizeBytes }))).toEqual(expected);
  });
});
