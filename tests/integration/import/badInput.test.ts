/**
 * Partial success on a messy drop: every bad input gets its own clear problem entry (code, file,
 * message) while the good studies import, kept apart. Also the CLI's `import --json` contract.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uidFromSeed, writeDicomPart10 } from '../../../main/engine/dicom/writeDicom';
import { importEachStudy, importPaths, scanPaths } from '../../../main/engine/import/importPaths';
import type { ImportProblem, ImportResult } from '../../../main/engine/dicom/importTypes';
import { SERIES_ROLES } from '../../../main/shared/findings';
import { axialSpec, sagittalSpec, sliceFile, studyUid, writeSeries } from '../../unit/engine/dicom/fixtures';

let root = '';
let drop = '';
let result: ImportResult;
const files: Record<string, string> = {};
const isRoot = process.getuid?.() === 0;

function writeDrop(): void {
  drop = path.join(root, 'drop');
  const a = path.join(drop, 'studyA');
  const sagT1 = writeSeries(path.join(a, 'sagT1'), sagittalSpec('A', 't1', 'Sagittal T1'));
  writeSeries(
    path.join(a, 'sagT2'),
    sagittalSpec('A', 't2', 'SAG T2 TSE', { timing: { tr: 3200, te: 100 } }),
  );
  writeSeries(path.join(a, 'axT2'), axialSpec('A', 'ax', 'Axial T2'));
  // A single-slice series, a series mixing two matrices, a description contradicting its geometry.
  writeSeries(path.join(a, 'single'), axialSpec('A', 'single', 'AX T2 one slice', { slices: 1 }));
  writeSeries(
    path.join(a, 'mixed', 'big'),
    sagittalSpec('A', 'mixed', 'Sag STIR', { timing: { tr: 4000, te: 60, ti: 160 } }),
  );
  writeSeries(path.join(a, 'mixed', 'small'), {
    ...sagittalSpec('A', 'mixed', 'Sag STIR', {
      timing: { tr: 4000, te: 60, ti: 160 },
      rows: 24,
      columns: 20,
    }),
    stackLabel: 'small',
  });
  writeSeries(path.join(a, 'mislabelled'), axialSpec('A', 'mis', 'Sagittal T2', { slices: 3 }));
  files.duplicate = path.join(drop, 'zz-copy-of-sagT1-3.dcm');
  files.original = sagT1[2];
  copyFileSync(sagT1[2], files.duplicate);
  // A second study (sagittal T1 only) in the same drop.
  writeSeries(path.join(drop, 'studyB', 'sagT1'), sagittalSpec('B', 't1', 'Sagittal T1'));
  // A CT study and a brain MR study.
  writeSeries(path.join(drop, 'ct'), axialSpec('CT', 'ax', 'Abdomen', { slices: 3, modality: 'CT' }));
  writeSeries(
    path.join(drop, 'brain'),
    axialSpec('BRAIN', 'ax', 'Axial T2', {
      slices: 3,
      extra: { BodyPartExamined: 'BRAIN', StudyDescription: 'MRI BRAIN' },
    }),
  );
  // Junk: an empty folder, non-DICOM files, a truncated file, a DICOM file without pixels.
  mkdirSync(path.join(drop, 'empty'));
  files.text = path.join(drop, 'README.txt');
  writeFileSync(files.text, 'Exported from PACS\n');
  files.binary = path.join(drop, 'thumbnail.png');
  writeFileSync(
    files.binary,
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(300).fill(7)]),
  );
  files.truncated = path.join(drop, 'truncated.dcm');
  const whole = sliceFile(sagittalSpec('A', 'trunc', 'Sagittal T1'), 0);
  writeFileSync(files.truncated, whole.subarray(0, whole.length - 700));
  files.noPixels = path.join(drop, 'report.dcm');
  writeFileSync(
    files.noPixels,
    writeDicomPart10({
      SOPClassUID: '1.2.840.10008.5.1.4.1.1.88.11',
      SOPInstanceUID: uidFromSeed('sr'),
      StudyInstanceUID: studyUid({ study: 'A' }),
      SeriesInstanceUID: uidFromSeed('sr-series'),
      Modality: 'SR',
    }),
  );
  // Unreadable entries. Tests run as root, where chmod 000 does not stop reads: a dangling symlink
  // and a FIFO (which would block a naive read forever) stand in; a chmod 000 file is added when not root.
  files.dangling = path.join(drop, 'dangling.dcm');
  symlinkSync(path.join(root, 'does-not-exist.dcm'), files.dangling);
  files.fifo = path.join(drop, 'pipe.dcm');
  spawnSync('mkfifo', [files.fifo]);
}

function problemsFor(file: string): ImportProblem[] {
  return result.problems.filter((p) => p.file === file);
}

function codes(): Set<string> {
  return new Set(result.problems.map((p) => p.code));
}

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'sg-bad-input-'));
  writeDrop();
  if (!isRoot) {
    files.noAccess = path.join(drop, 'locked.dcm');
    writeFileSync(files.noAccess, sliceFile(sagittalSpec('A', 'locked', 'Sagittal T1'), 0));
    spawnSync('chmod', ['000', files.noAccess]);
  } else {
    console.warn(
      'running as root: chmod 000 does not stop reads, so unreadable files are a dangling link and a FIFO',
    );
  }
  result = await importPaths([drop]);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a messy drop imports what it can', () => {
  it('keeps the two MR spine studies apart and drops the CT and brain studies', () => {
    const uids = result.studies.map((s) => s.info.studyInstanceUid).sort();
    expect(uids).toEqual([studyUid({ study: 'A' }), studyUid({ study: 'B' })].sort());
    const a = result.studies.find((s) => s.info.studyInstanceUid === studyUid({ study: 'A' }))!;
    const roles = a.series.map((s) => `${s.seriesDescription}=${s.role}`).sort();
    expect(roles).toEqual(
      [
        'AX T2 one slice=Other',
        'Axial T2=Axial T2',
        'SAG T2 TSE=Sagittal T2/STIR',
        'Sag STIR=Sagittal T2/STIR',
        'Sagittal T1=Sagittal T1',
        'Sagittal T2=Axial T2',
      ].sort(),
    );
  });

  it('reports non-DICOM files, the truncated file and the file without pixels', () => {
    expect(problemsFor(files.text).map((p) => p.code)).toEqual(['NOT_DICOM']);
    expect(problemsFor(files.binary).map((p) => p.code)).toEqual(['NOT_DICOM']);
    expect(problemsFor(files.truncated).map((p) => p.code)).toEqual(['TRUNCATED']);
    expect(problemsFor(files.noPixels).map((p) => p.code)).toEqual(['NO_PIXEL_DATA']);
  });

  it('reports the empty folder and the unreadable entries without hanging on the FIFO', () => {
    expect(problemsFor(path.join(drop, 'empty')).map((p) => p.code)).toEqual(['NOT_FOUND']);
    expect(problemsFor(files.dangling).map((p) => p.code)).toEqual(['UNREADABLE']);
    expect(problemsFor(files.fifo).map((p) => p.code)).toEqual(['UNREADABLE']);
    expect(problemsFor(files.fifo)[0].message).toMatch(/FIFO/);
    if (files.noAccess) expect(problemsFor(files.noAccess).map((p) => p.code)).toEqual(['UNREADABLE']);
  });

  it('reports the duplicate copy and imports the series once', () => {
    // Files are read in sorted path order: the copy (zz-...) comes after the original and is the one skipped.
    expect(problemsFor(files.duplicate).map((p) => p.code)).toEqual(['DUPLICATE_INSTANCE']);
    expect(problemsFor(files.duplicate)[0].message).toContain(files.original);
    expect(problemsFor(files.original)).toEqual([]);
    const a = result.studies.find((s) => s.info.studyInstanceUid === studyUid({ study: 'A' }))!;
    const t1 = a.series.find((s) => s.role === 'Sagittal T1')!;
    expect(t1.stacks[0].geometry.dims[2]).toBe(9);
  });

  it('reports the CT study, the brain study, the single slice, the mixed sizes and the mislabelled series', () => {
    const byCode = (code: string): ImportProblem[] => result.problems.filter((p) => p.code === code);
    expect(byCode('NOT_MR')).toHaveLength(1);
    expect(byCode('NOT_MR')[0].message).toMatch(/CT/);
    expect(byCode('NOT_SPINE')).toHaveLength(1);
    expect(byCode('NOT_SPINE')[0].message).toMatch(/BRAIN/);
    expect(byCode('SINGLE_SLICE')).toHaveLength(1);
    expect(byCode('MIXED_SIZES')).toHaveLength(1);
    expect(byCode('ROLE_MISMATCH')).toHaveLength(1);
    expect(byCode('ROLE_MISMATCH')[0].message).toMatch(/sagittal.*axial/);
    const mixed = result.studies[0].series.find((s) => s.seriesDescription === 'Sag STIR')!;
    expect(mixed.stacks.map((s) => s.geometry.dims.join('x')).sort()).toEqual(['20x24x9', '40x48x9']);
  });

  it('reports what study B lacks', () => {
    const missing = result.problems.filter((p) => p.code === 'MISSING_SERIES').map((p) => p.message);
    expect(missing).toHaveLength(2);
    expect(missing.every((m) => m.includes(studyUid({ study: 'B' })))).toBe(true);
    expect(codes().has('NO_STUDY')).toBe(false);
  });

  it('gives every problem a code, a file and a message', () => {
    for (const p of result.problems) {
      expect(p.code).toMatch(/^[A-Z_]+$/);
      expect(p.file.length).toBeGreaterThan(0);
      expect(p.message.length).toBeGreaterThan(10);
    }
  });

  it('reports progress up to the total and honours an AbortSignal', async () => {
    const seen: number[] = [];
    let total = 0;
    await scanPaths([path.join(drop, 'studyB')], {
      onProgress: (p) => (seen.push(p.done), (total = p.total)),
    });
    expect(total).toBe(9);
    expect(seen[seen.length - 1]).toBe(9);
    const controller = new AbortController();
    controller.abort();
    await expect(importPaths([drop], { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('importEachStudy hands on one decoded study at a time and keeps only headers', async () => {
    const seen: string[] = [];
    const r = await importEachStudy([drop], {}, (study) => {
      seen.push(study.info.studyInstanceUid);
      expect(study.series.every((se) => se.stacks.every((v) => v.pixels.length > 0))).toBe(true);
    });
    expect(seen).toEqual(result.studies.map((s) => s.info.studyInstanceUid));
    const stacks = r.studies.flatMap((s) => s.series.flatMap((se) => se.stacks));
    expect(stacks.some((k) => 'pixels' in k)).toBe(false);
    expect(stacks.every((k) => Array.isArray(k.failedSliceIndices))).toBe(true);
    expect(r.problems).toEqual(result.problems);
  });

  it('an empty folder alone imports nothing and says so', async () => {
    const r = await importPaths([path.join(drop, 'empty')]);
    expect(r.studies).toEqual([]);
    expect(r.problems.map((p) => p.code)).toEqual(['NOT_FOUND', 'NO_STUDY']);
  });
});

describe('import --json', () => {
  const cli = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(path.resolve('node_modules/.bin/tsx'), [path.resolve('main/cli/index.ts'), 'import', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });

  it('prints exactly one JSON object with studies, roles, geometry and problems; exit 0', () => {
    const r = cli([drop, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(String(r.stdout));
    expect(Object.keys(out).sort()).toEqual(['problems', 'studies']);
    expect(out.studies).toHaveLength(2);
    for (const st of out.studies) {
      expect(typeof st.studyInstanceUid).toBe('string');
      for (const se of st.series) {
        expect(typeof se.seriesInstanceUid).toBe('string');
        expect(typeof se.seriesDescription).toBe('string');
        expect(SERIES_ROLES).toContain(se.role);
        for (const k of se.stacks) {
          expect(k.dims).toHaveLength(3);
          expect(k.spacingMm).toHaveLength(3);
          expect(k.originLps).toHaveLength(3);
          expect(k.direction).toHaveLength(3);
          expect(k.slicePositionsLps).toHaveLength(k.dims[2]);
        }
      }
    }
    expect(out.problems.length).toBe(result.problems.length);
    for (const p of out.problems) expect(Object.keys(p).sort()).toEqual(['code', 'file', 'message']);
    expect(String(r.stderr)).toMatch(/import: \d+\/\d+/);
  });

  it('exits 1 with a NO_STUDY problem when nothing imports', () => {
    const r = cli([files.text, path.join(drop, 'ct'), '--json']);
    expect(r.status).toBe(1);
    const out = JSON.parse(String(r.stdout));
    expect(out.studies).toEqual([]);
    expect(out.problems.map((p: ImportProblem) => p.code)).toEqual(['NOT_DICOM', 'NOT_MR', 'NO_STUDY']);
  });

  it('prints a readable summary without --json', () => {
    const r = cli([path.join(drop, 'studyA')]);
    expect(r.status).toBe(0);
    expect(String(r.stdout)).toMatch(/Imported 1 study/);
    expect(String(r.stdout)).toMatch(/\[Sagittal T1\]/);
    expect(readFileSync(files.text, 'utf8')).toContain('PACS');
  });
});
