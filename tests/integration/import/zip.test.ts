// .zip studies through the engine: real archives from Debian's `zip` (a symlink entry with zip -y) and
// hostile entries from Python's zipfile ('..', absolute, drive letter, device, FIFO); a streamed 3 GiB
// zip bomb refused before anything is written; an archive that lies about its sizes stopped while
// inflating; uploads of a study's bytes and of a .zip imported with importUploaded.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
} from 'node:fs';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { createStore } from '../../../main/engine/store/store';
import { unzipToStore } from '../../../main/engine/uploads/unzip';
import { droppedDir, unzippedRoot } from '../../../main/engine/uploads/uploadFolder';
import { ZIP_LIMITS } from '../../../main/engine/uploads/zipEntries';
import type { ImportStudyResult } from '../../../main/shared/apiRecords';
import { tempDir, writePhantomStudy } from '../../unit/engine/analysis/fixtures';

const PY = '/usr/bin/python3';
const FIXTURES = path.join(__dirname, 'zipFixtures.py');
const BOMB_GIB = 3;

let root = '';
let studyDir = '';
let goodZip = '';
let hostileZip = '';
let bombZip = '';
let lieZip = '';
let dicomCount = 0;

/** Every path under dir (files, folders and links), relative. */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) =>
    path.relative(dir, path.join(e.parentPath, e.name)),
  );
}

beforeAll(() => {
  root = tempDir('zip');
  studyDir = path.join(root, 'study');
  writePhantomStudy(studyDir);
  dicomCount = walk(studyDir).filter((f) => f.endsWith('.dcm')).length;
  goodZip = path.join(root, 'good.zip');
  execFileSync('zip', ['-r', '-q', goodZip, '.'], { cwd: studyDir });
  hostileZip = path.join(root, 'hostile.zip');
  execFileSync('zip', ['-r', '-q', hostileZip, '.'], { cwd: studyDir });
  const links = path.join(root, 'links');
  mkdirSync(links);
  symlinkSync('/etc/passwd', path.join(links, 'evil-link'));
  execFileSync('zip', ['-y', '-q', hostileZip, 'evil-link'], { cwd: links });
  execFileSync(PY, [FIXTURES, 'evil', hostileZip]);
  bombZip = path.join(root, 'bomb.zip');
  execFileSync(PY, [FIXTURES, 'bomb', bombZip, String(BOMB_GIB)]);
  lieZip = path.join(root, 'lie.zip');
  execFileSync(PY, [FIXTURES, 'lie', lieZip]);
}, 180_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function withEngine<T>(name: string, fn: (e: Engine, storeDir: string) => Promise<T>): Promise<T> {
  const storeDir = path.join(root, `store-${name}`);
  const engine = createEngine({ storeDir });
  try {
    return await fn(engine, storeDir);
  } finally {
    await engine.close();
  }
}

function value(
  r: { ok: true; value: ImportStudyResult } | { ok: false; error: { message: string } },
): ImportStudyResult {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Instance file paths the store references for every study. */
function storedPaths(storeDir: string): string[] {
  const store = createStore({ dir: storeDir });
  try {
    return store
      .listStudies()
      .flatMap((s) => store.getStudy(s.study.studyInstanceUid).series)
      .flatMap((s) => s.instances.map((i) => i.filePath));
  } finally {
    store.close();
  }
}

describe('importStudy on a .zip path', () => {
  it('unpacks a zip made by Info-ZIP into the upload folder once and imports it', async () => {
    await withEngine('good', async (engine, storeDir) => {
      const r = value(await engine.importStudy({ paths: [goodZip] }));
      expect(r.studies).toHaveLength(1);
      expect(r.studies[0].instanceCount).toBe(dicomCount);
      expect(r.studies[0].roles).toEqual(
        expect.arrayContaining(['Sagittal T1', 'Sagittal T2/STIR', 'Axial T2']),
      );
      expect(r.problems.filter((p) => p.code === 'UNSAFE_ARCHIVE')).toEqual([]);
      const folders = readdirSync(unzippedRoot(storeDir));
      expect(folders).toHaveLength(1);
      expect(folders[0]).toMatch(/^[0-9a-f]{64}$/);
      const paths = storedPaths(storeDir);
      expect(paths).toHaveLength(dicomCount);
      for (const p of paths)
        expect(p.startsWith(path.join(unzippedRoot(storeDir), folders[0]) + path.sep)).toBe(true);
      const again = value(await engine.importStudy({ paths: [goodZip] }));
      expect(again.studies[0]).toMatchObject({ created: false, newInstances: 0 });
      expect(readdirSync(unzippedRoot(storeDir))).toEqual(folders);
    });
  });

  it('refuses and names links, devices, FIFOs, absolute and ".." entries and imports the rest', async () => {
    await withEngine('hostile', async (engine, storeDir) => {
      const r = value(await engine.importStudy({ paths: [hostileZip] }));
      expect(r.studies).toHaveLength(1);
      expect(r.studies[0].instanceCount).toBe(dicomCount);
      const refused = r.problems.filter((p) => p.code === 'UNSAFE_ARCHIVE');
      const named = (entry: string, why: RegExp): void => {
        const p = refused.find((x) => x.file === `${hostileZip}!${entry}`);
        expect(p, `refusal of ${entry} in ${JSON.stringify(refused)}`).toBeDefined();
        expect(p?.message).toContain(`"${entry}"`);
        expect(p?.message).toMatch(why);
      };
      named('../escape.txt', /climbs out/);
      named('/abs/evil.txt', /absolute/);
      named('C:/win/evil.txt', /absolute/);
      named('evil-link', /symbolic link/);
      named('dev/sda-device', /character device/);
      named('dev/pipe', /FIFO/);
      expect(refused).toHaveLength(6);
      const unpacked = path.join(unzippedRoot(storeDir), readdirSync(unzippedRoot(storeDir))[0]);
      const files = walk(unpacked);
      expect(files).toContain(path.join('notes', 'readme.txt'));
      expect(readFileSync(path.join(unpacked, 'notes', 'readme.txt'), 'utf8')).toBe('a safe entry\n');
      for (const f of files) expect(lstatSync(path.join(unpacked, f)).isSymbolicLink()).toBe(false);
      expect(files.some((f) => /escape|evil|sda|pipe/.test(f))).toBe(false);
      expect(existsSync(path.join(root, 'escape.txt'))).toBe(false);
      expect(existsSync(path.join(unzippedRoot(storeDir), 'escape.txt'))).toBe(false);
      expect(r.problems.find((p) => p.file === `${hostileZip}!notes/readme.txt`)?.code).toBe('NOT_DICOM');
    });
  });

  it(`refuses a ${BOMB_GIB} GiB zip bomb by its declared sizes before writing a byte`, async () => {
    await withEngine('bomb', async (engine, storeDir) => {
      const started = Date.now();
      const r = value(await engine.importStudy({ paths: [bombZip] }));
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.studies).toEqual([]);
      expect(r.problems, JSON.stringify(r.problems)).toHaveLength(1);
      expect(r.problems[0]).toMatchObject({ code: 'UNSAFE_ARCHIVE', file: bombZip });
      expect(r.problems[0].message).toMatch(/expands \d+x, over the limit of 100x/);
      expect(r.problems[0].message).toContain('Nothing was unpacked');
      expect(walk(unzippedRoot(storeDir))).toEqual([]);
    });
  });
});

describe('unzipToStore limits', () => {
  it('stops an archive that inflates past its declared sizes and keeps nothing', async () => {
    const storeDir = path.join(root, 'store-lie');
    const r = await unzipToStore(storeDir, lieZip);
    expect(r.dir).toBeNull();
    expect(r.problems[0].code).toBe('UNSAFE_ARCHIVE');
    expect(r.problems[0].message).toMatch(
      /while unpacking: small\.bin: (too many bytes in the stream\. expected 1000|an entry inflates past its declared 1000 bytes)/,
    );
    expect(walk(unzippedRoot(storeDir))).toEqual([]);
  });

  it('refuses by total size and entry count before writing', async () => {
    const storeDir = path.join(root, 'store-limits');
    const total = await unzipToStore(storeDir, goodZip, {
      limits: { ...ZIP_LIMITS, maxTotalBytes: 100_000 },
    });
    expect(total.dir).toBeNull();
    expect(total.problems[0].message).toMatch(/over the limit of 0\.00 GiB/);
    const count = await unzipToStore(storeDir, goodZip, { limits: { ...ZIP_LIMITS, maxEntries: 3 } });
    expect(count.problems[0].message).toMatch(/entries, over the limit of 3/);
    expect(walk(unzippedRoot(storeDir))).toEqual([]);
  });
});

describe('uploads', () => {
  it('stores dropped bytes in the upload folder and importUploaded imports them with a .zip among them', async () => {
    await withEngine('upload', async (engine, storeDir) => {
      const uploadId = 'drop-0001';
      const files = walk(studyDir).filter((f) => f.endsWith('.dcm'));
      for (const rel of files) {
        const bytes = readFileSync(path.join(studyDir, rel));
        const relativePath = `mystudy/${rel.split(path.sep).join('/')}`;
        const arrayBuffer = bytes.buffer.slice(
          bytes.byteOffset,
          bytes.byteOffset + bytes.byteLength,
        ) as ArrayBuffer;
        const up = await engine.uploadFile({ uploadId, relativePath, bytes: arrayBuffer });
        expect(up).toEqual({ ok: true, value: { uploadId, relativePath, sizeBytes: bytes.length } });
      }
      const zipBytes = readFileSync(hostileZip);
      const zipArrayBuffer = zipBytes.buffer.slice(
        zipBytes.byteOffset,
        zipBytes.byteOffset + zipBytes.byteLength,
      ) as ArrayBuffer;
      expect(
        (await engine.uploadFile({ uploadId, relativePath: 'hostile.zip', bytes: zipArrayBuffer })).ok,
      ).toBe(true);
      const r = value(await engine.importUploaded({ uploadId }));
      expect(r.studies).toHaveLength(1);
      expect(r.studies[0].instanceCount).toBe(dicomCount); // the same study twice: merged, not duplicated
      const refused = r.problems.filter((p) => p.code === 'UNSAFE_ARCHIVE').map((p) => p.file);
      expect(refused).toContain('hostile.zip!../escape.txt');
      expect(refused).toContain('hostile.zip!evil-link');
      expect(r.problems.find((p) => p.file === 'hostile.zip!notes/readme.txt')?.code).toBe('NOT_DICOM');
      const stored = storedPaths(storeDir);
      expect(stored.every((p) => p.startsWith(path.join(storeDir, 'uploads') + path.sep))).toBe(true);
      expect(walk(droppedDir(storeDir, uploadId))).toContain('hostile.zip');
      const missing = await engine.importUploaded({ uploadId: 'never-uploaded' });
      expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });
  });
});

describe('the CLI unpacks archives as the app does', () => {
  const cli = (args: string[]): ReturnType<typeof spawnSync> =>
    spawnSync(path.resolve('node_modules/.bin/tsx'), [path.resolve('main/cli/index.ts'), ...args], {
      encoding: 'utf8',
      timeout: 180_000,
    });

  it('import: a folder holding a good and a hostile .zip gives the study, names the refused entries, no NOT_DICOM for the archives', () => {
    const folder = path.join(root, 'cli-folder');
    mkdirSync(path.join(folder, 'inner'), { recursive: true });
    copyFileSync(goodZip, path.join(folder, 'good.zip'));
    copyFileSync(hostileZip, path.join(folder, 'inner', 'hostile.zip'));
    const storeDir = path.join(root, 'store-cli-import');
    const r = cli(['import', folder, '--headers-only', '--json', '--store', storeDir]);
    expect(r.status, String(r.stderr)).toBe(0);
    const out = JSON.parse(String(r.stdout)) as {
      studies: Array<{ series: Array<{ stacks: Array<{ sliceCount: number }> }> }>;
      problems: Array<{ code: string; file: string }>;
    };
    expect(out.studies).toHaveLength(1); // the same study in both archives: one study
    const hostile = path.join(folder, 'inner', 'hostile.zip');
    const refused = out.problems.filter((p) => p.code === 'UNSAFE_ARCHIVE').map((p) => p.file);
    expect(refused).toContain(`${hostile}!../escape.txt`);
    expect(refused).toContain(`${hostile}!evil-link`);
    expect(refused).toHaveLength(6);
    expect(out.problems.filter((p) => p.file.endsWith('.zip'))).toEqual([]);
    expect(out.problems.find((p) => p.file === `${hostile}!notes/readme.txt`)?.code).toBe('NOT_DICOM');
    expect(readdirSync(unzippedRoot(storeDir))).toHaveLength(2);
    expect(String(r.stderr)).toMatch(/unzip: \d+ entries unpacked/);
  });

  it('analyze: a .zip path is graded and stored like the folder it holds', () => {
    const storeDir = path.join(root, 'store-cli-analyze');
    const json = path.join(root, 'cli-analyze.json');
    const r = cli(['analyze', goodZip, '--json', json, '--store', storeDir]);
    expect(r.status, String(r.stderr)).toBe(0);
    const out = JSON.parse(readFileSync(json, 'utf8')) as { analyses: Array<{ findings: unknown[] }> };
    expect(out.analyses).toHaveLength(1);
    expect(out.analyses[0].findings).toHaveLength(25);
    const stored = storedPaths(storeDir);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((p) => p.startsWith(path.join(storeDir, 'uploads') + path.sep))).toBe(true);
  });
});
