// .zip archives inside a typed folder (importStudy on a folder path): a phantom study split between loose
// files and real Info-ZIP archives (one series whole in a zip, one stack half loose, half in a zip in a
// subfolder) imports as one whole study in one pass; a folder beside a hostile zip ('..', absolute,
// device entries from Python's zipfile) and a zip bomb gets each refusal named, the rest imported, the
// store and its audit chain intact, nothing written outside the upload folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../main/engine/createEngine';
import { createStore } from '../../../main/engine/store/store';
import { unzippedRoot } from '../../../main/engine/uploads/uploadFolder';
import type { ImportStudyResult } from '../../../main/shared/apiRecords';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const PY = '/usr/bin/python3';
const FIXTURES = path.join(__dirname, 'zipFixtures.py');

let root = '';
let dicomCount = 0;

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** The study folder (train_images/<id>) and its series folders, sorted. */
function seriesDirs(dir: string): string[] {
  const images = path.join(dir, 'train_images');
  const study = path.join(images, readdirSync(images)[0]);
  return readdirSync(study)
    .sort()
    .map((s) => path.join(study, s));
}

beforeAll(() => {
  root = tempDir('zip-in-folder');
}, 60_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function importFolder(storeDir: string, folder: string): Promise<ImportStudyResult> {
  const engine = createEngine({ storeDir });
  try {
    const r = await engine.importStudy({ paths: [folder] });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  } finally {
    await engine.close();
  }
}

/** Stored instance paths and whether the audit chain verifies. */
function storeState(storeDir: string): { paths: string[]; auditOk: boolean } {
  const store = createStore({ dir: storeDir });
  try {
    const paths = store
      .listStudies()
      .flatMap((s) => store.getStudy(s.study.studyInstanceUid).series)
      .flatMap((s) => s.instances.map((i) => i.filePath));
    return { paths, auditOk: store.verifyAudit().ok };
  } finally {
    store.close();
  }
}

describe('importStudy on a folder holding .zip archives', () => {
  it('imports a study split between loose files and zips (one nested) as one whole study', async () => {
    const folder = path.join(root, 'split');
    writePhantomStudy(folder);
    dicomCount = files(folder).filter((f) => f.endsWith('.dcm')).length;
    const [first, second] = seriesDirs(folder);
    // The first series goes whole into a zip beside the loose series (zip -m moves the files in).
    execFileSync('zip', ['-r', '-q', '-m', path.join(folder, 'series-one.zip'), path.basename(first)], {
      cwd: path.dirname(first),
    });
    // Every other slice of the second series goes into a zip in a subfolder; the rest stay loose.
    const half = readdirSync(second)
      .sort()
      .filter((_, i) => i % 2 === 1);
    mkdirSync(path.join(folder, 'more'));
    execFileSync('zip', ['-q', '-m', path.join(folder, 'more', 'Half.ZIP'), ...half], { cwd: second });
    expect(files(folder).filter((f) => f.endsWith('.dcm')).length).toBeLessThan(dicomCount);

    const storeDir = path.join(root, 'store-split');
    const r = await importFolder(storeDir, folder);
    expect(r.studies, JSON.stringify(r.problems)).toHaveLength(1);
    expect(r.studies[0].instanceCount).toBe(dicomCount);
    expect(r.studies[0].roles).toEqual(
      expect.arrayContaining(['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2']),
    );
    // A split stack reads as one stack: no slice problems, and the archives themselves are no "not DICOM".
    expect(r.problems, JSON.stringify(r.problems)).toEqual([]);
    const unpacked = readdirSync(unzippedRoot(storeDir));
    expect(unpacked).toHaveLength(2);
    for (const d of unpacked) expect(d).toMatch(/^[0-9a-f]{64}$/);
    const { paths, auditOk } = storeState(storeDir);
    expect(auditOk).toBe(true);
    expect(paths).toHaveLength(dicomCount);
    const inZips = paths.filter((p) => p.startsWith(unzippedRoot(storeDir) + path.sep));
    expect(inZips.length).toBe(dicomCount - files(folder).filter((f) => f.endsWith('.dcm')).length);
    expect(paths.filter((p) => p.startsWith(folder + path.sep)).length).toBe(dicomCount - inZips.length);

    const again = await importFolder(storeDir, folder);
    expect(again.studies[0]).toMatchObject({ created: false, newInstances: 0 });
    expect(readdirSync(unzippedRoot(storeDir)).sort()).toEqual([...unpacked].sort());
  });

  it('names every unsafe entry of a hostile zip and refuses a zip bomb; the loose study imports', async () => {
    const folder = path.join(root, 'hostile');
    writePhantomStudy(folder, { studyIndex: 1 });
    const looseCount = files(folder).length;
    const notes = path.join(root, 'notes');
    mkdirSync(notes);
    execFileSync('sh', ['-c', 'echo hello > hello.txt'], { cwd: notes });
    const hostile = path.join(folder, 'export', 'hostile.zip');
    mkdirSync(path.dirname(hostile));
    execFileSync('zip', ['-q', hostile, 'hello.txt'], { cwd: notes });
    execFileSync(PY, [FIXTURES, 'evil', hostile]);
    const bomb = path.join(folder, 'bomb.zip');
    execFileSync(PY, [FIXTURES, 'bomb', bomb, '0.05']);

    const storeDir = path.join(root, 'store-hostile');
    const r = await importFolder(storeDir, folder);
    expect(r.studies).toHaveLength(1);
    expect(r.studies[0].instanceCount).toBe(looseCount);
    const refused = r.problems.filter((p) => p.code === 'UNSAFE_ARCHIVE');
    const named = (file: string, why: RegExp): void => {
      const p = refused.find((x) => x.file === file);
      expect(p, `refusal of ${file} in ${JSON.stringify(refused)}`).toBeDefined();
      expect(p?.message).toMatch(why);
    };
    named(`${hostile}!../escape.txt`, /climbs out/);
    named(`${hostile}!/abs/evil.txt`, /absolute/);
    named(`${hostile}!C:/win/evil.txt`, /absolute/);
    named(`${hostile}!dev/sda-device`, /character device/);
    named(`${hostile}!dev/pipe`, /FIFO/);
    named(bomb, /expands \d+x, over the limit of 100x.*Nothing was unpacked/);
    expect(refused).toHaveLength(6);
    // The safe entries were unpacked and read (text files: not DICOM, named inside their archive).
    expect(r.problems.find((p) => p.file === `${hostile}!hello.txt`)?.code).toBe('NOT_DICOM');
    expect(r.problems.find((p) => p.file === `${hostile}!notes/readme.txt`)?.code).toBe('NOT_DICOM');
    expect(
      r.problems.some((p) => p.file === hostile || (p.file === bomb && p.code !== 'UNSAFE_ARCHIVE')),
    ).toBe(false);
    expect(existsSync(path.join(folder, 'escape.txt'))).toBe(false);
    expect(existsSync(path.join(folder, 'export', 'escape.txt'))).toBe(false);
    expect(existsSync(path.join(unzippedRoot(storeDir), 'escape.txt'))).toBe(false);
    const unpacked = readdirSync(unzippedRoot(storeDir));
    expect(unpacked).toHaveLength(1); // the hostile archive's safe entries; nothing of the bomb
    expect(files(path.join(unzippedRoot(storeDir), unpacked[0])).sort()).toEqual(
      ['hello.txt', path.join('notes', 'readme.txt')].sort(),
    );
    const { paths, auditOk } = storeState(storeDir);
    expect(auditOk).toBe(true);
    expect(paths).toHaveLength(looseCount);
    for (const p of paths) expect(p.startsWith(folder + path.sep)).toBe(true);
  });

  it('a folder whose zip cannot be read reports it and imports the rest', async () => {
    const folder = path.join(root, 'broken');
    writePhantomStudy(folder, { studyIndex: 2 });
    const looseCount = files(folder).length;
    const broken = path.join(folder, 'broken.zip');
    execFileSync('sh', ['-c', `printf 'PK\\003\\004 not really a zip' > '${broken}'`]);
    const r = await importFolder(path.join(root, 'store-broken'), folder);
    expect(r.studies[0].instanceCount).toBe(looseCount);
    const p = r.problems.filter((x) => x.file === broken);
    expect(p, JSON.stringify(r.problems)).toHaveLength(1);
    expect(p[0]).toMatchObject({ code: 'UNREADABLE' });
    expect(p[0].message).toMatch(/not a readable \.zip archive/);
  });
});
