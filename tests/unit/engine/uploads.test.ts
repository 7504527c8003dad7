// The upload folder: safe paths only, write-once files (0600), uploads listed; zip entry and archive
// checks; `store purge` of uploads no stored instance references (audited, chain intact).
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIntoStore } from '../../../main/engine/importToStore';
import { createStore } from '../../../main/engine/store/store';
import { purgeUploads, UPLOAD_PURGE_MIN_AGE_MS } from '../../../main/engine/uploads/purgeUploads';
import {
  droppedDir,
  safeRelativeSegments,
  storeUploadedFile,
  unzippedRoot,
  uploadedFiles,
} from '../../../main/engine/uploads/uploadFolder';
import {
  archiveRefusal,
  classifyEntry,
  ZIP_LIMITS,
  type ZipEntryHeader,
} from '../../../main/engine/uploads/zipEntries';
import { isAppError } from '../../../main/shared/errors';
import { tempDir, writePhantomStudy } from './analysis/fixtures';

let root = '';
beforeAll(() => {
  root = tempDir('uploads');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ab = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('upload paths', () => {
  it('keeps relative paths and refuses absolute, "..", "." , empty and control-character ones', () => {
    expect(safeRelativeSegments('study/T2/1.dcm')).toEqual(['study', 'T2', '1.dcm']);
    expect(safeRelativeSegments('folder/')).toEqual(['folder']);
    for (const [p, why] of [
      ['/etc/passwd', /absolute/],
      ['\\\\server\\share\\x', /absolute/],
      ['C:\\Windows\\x', /absolute/],
      ['c:x', /absolute/],
      ['a/../../x', /climbs/],
      ['a\\..\\x', /climbs/],
      ['a//b', /empty or "."/],
      ['./a', /empty or "."/],
      ['a\u0000b', /control/],
      ['a\nb', /control/],
      ['', /empty/],
    ] as const)
      expect(safeRelativeSegments(p), p).toMatch(why);
  });
});

describe('storeUploadedFile', () => {
  it('writes once under <store>/uploads/dropped/<id> with 0600 files and 0700 folders', async () => {
    const storeDir = path.join(root, 'store-a');
    const r = await storeUploadedFile(storeDir, {
      uploadId: 'up-000001',
      relativePath: 'a/b.dcm',
      bytes: ab('one'),
    });
    expect(r).toEqual({ uploadId: 'up-000001', relativePath: 'a/b.dcm', sizeBytes: 3 });
    const file = path.join(droppedDir(storeDir, 'up-000001'), 'a', 'b.dcm');
    expect(readFileSync(file, 'utf8')).toBe('one');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    // same bytes again: fine; other bytes: refused, file unchanged (the store references it by hash)
    expect(
      (
        await storeUploadedFile(storeDir, {
          uploadId: 'up-000001',
          relativePath: 'a/b.dcm',
          bytes: ab('one'),
        })
      ).sizeBytes,
    ).toBe(3);
    const changed = await refusal(
      storeUploadedFile(storeDir, { uploadId: 'up-000001', relativePath: 'a/b.dcm', bytes: ab('two') }),
    );
    expect(changed).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(changed.message).toMatch(/already uploaded .* other bytes/);
    expect(readFileSync(file, 'utf8')).toBe('one');
    const clash = await refusal(
      storeUploadedFile(storeDir, { uploadId: 'up-000001', relativePath: 'a/b.dcm/c', bytes: ab('x') }),
    );
    expect(clash.message).toMatch(/clashes/);
    const folderClash = await refusal(
      storeUploadedFile(storeDir, { uploadId: 'up-000001', relativePath: 'a', bytes: ab('x') }),
    );
    expect(folderClash.message).toMatch(/clashes with a folder/);
    const escape = await refusal(
      storeUploadedFile(storeDir, { uploadId: 'up-000001', relativePath: '../../x', bytes: ab('x') }),
    );
    expect(escape.message).toMatch(/refused: the path climbs/);
    expect(existsSync(path.join(storeDir, 'x'))).toBe(false);
    await storeUploadedFile(storeDir, { uploadId: 'up-000001', relativePath: 'c.dcm', bytes: ab('three') });
    expect(await uploadedFiles(storeDir, 'up-000001')).toEqual([
      path.join(droppedDir(storeDir, 'up-000001'), 'a', 'b.dcm'),
      path.join(droppedDir(storeDir, 'up-000001'), 'c.dcm'),
    ]);
    expect(await refusal(uploadedFiles(storeDir, 'up-missing'))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('zip entry checks', () => {
  const base: ZipEntryHeader = {
    name: 'study/1.dcm',
    versionMadeBy: 3 << 8,
    externalFileAttributes: (0o100644 << 16) >>> 0,
    generalPurposeBitFlag: 0,
    compressionMethod: 8,
    compressedSize: 1000,
    uncompressedSize: 4000,
  };
  const unix = (mode: number): number => (mode << 16) >>> 0;
  it('accepts regular files and folders and refuses links, devices, encryption and odd compression', () => {
    expect(classifyEntry(base)).toEqual({ kind: 'file', segments: ['study', '1.dcm'] });
    expect(classifyEntry({ ...base, name: 'study/', externalFileAttributes: unix(0o040755) })).toEqual({
      kind: 'folder',
    });
    expect(classifyEntry({ ...base, versionMadeBy: 0, externalFileAttributes: unix(0o120777) }).kind).toBe(
      'file',
    ); // DOS-made: no Unix modes
    const why = (e: Partial<ZipEntryHeader>): string => {
      const v = classifyEntry({ ...base, ...e });
      return v.kind === 'refused' ? v.reason : v.kind;
    };
    expect(why({ externalFileAttributes: unix(0o120777) })).toMatch(/symbolic link/);
    expect(why({ externalFileAttributes: unix(0o020644) })).toMatch(/character device/);
    expect(why({ externalFileAttributes: unix(0o060644) })).toMatch(/block device/);
    expect(why({ externalFileAttributes: unix(0o010644) })).toMatch(/FIFO/);
    expect(why({ externalFileAttributes: unix(0o140644) })).toMatch(/socket/);
    expect(why({ generalPurposeBitFlag: 1 })).toMatch(/encrypted/);
    expect(why({ compressionMethod: 12 })).toMatch(/method 12/);
    expect(why({ name: '../x' })).toMatch(/climbs/);
    expect(
      why({ uncompressedSize: ZIP_LIMITS.maxEntryBytes + 1, compressedSize: ZIP_LIMITS.maxEntryBytes }),
    ).toMatch(/limit of one file/);
    expect(why({ uncompressedSize: 64 << 20, compressedSize: 64 << 10 })).toMatch(/expands 1024x/);
    expect(why({ uncompressedSize: 1 << 20, compressedSize: 1 << 10 })).toBe('file'); // small: ratio not checked
  });

  it('refuses whole archives past the entry, size or ratio limits', () => {
    expect(archiveRefusal({ entries: 10, uncompressedBytes: 500 << 20 }, 100 << 20)).toBeNull();
    expect(archiveRefusal({ entries: ZIP_LIMITS.maxEntries + 1, uncompressedBytes: 1 }, 1)).toMatch(
      /entries/,
    );
    expect(
      archiveRefusal(
        { entries: 1, uncompressedBytes: ZIP_LIMITS.maxTotalBytes + 1 },
        ZIP_LIMITS.maxTotalBytes,
      ),
    ).toMatch(/GiB/);
    expect(archiveRefusal({ entries: 1, uncompressedBytes: 3 * 1024 ** 3 }, 3 << 20)).toMatch(
      /expands 1024x, over the limit of 100x/,
    );
  });
});

describe('purgeUploads', () => {
  it('removes old uploads nothing references, keeps referenced and young ones, and audits it', async () => {
    const storeDir = path.join(root, 'store-purge');
    const study = path.join(root, 'phantom');
    writePhantomStudy(study);
    const referenced = droppedDir(storeDir, 'up-referenced');
    const orphan = droppedDir(storeDir, 'up-orphaned');
    const young = droppedDir(storeDir, 'up-young0');
    const staleZip = path.join(unzippedRoot(storeDir), 'a'.repeat(64));
    for (const d of [orphan, young, staleZip]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(path.join(d, 'notes.txt'), 'x');
    }
    mkdirSync(path.dirname(referenced), { recursive: true });
    cpSync(study, referenced, { recursive: true });
    const store = createStore({ dir: storeDir });
    try {
      const ctx = { signal: new AbortController().signal, onProgress: (): void => undefined };
      const r = await importIntoStore(store, [referenced], ctx);
      expect(r.studies).toHaveLength(1);
      const now = Date.now() + UPLOAD_PURGE_MIN_AGE_MS + 60_000;
      const fresh = new Date(now - 1000);
      utimesSync(path.join(young, 'notes.txt'), fresh, fresh);
      const purged = await purgeUploads(store, 'tester', now);
      expect(purged.removed.sort()).toEqual([orphan, staleZip].sort());
      expect(purged.files).toBe(2);
      expect(existsSync(orphan)).toBe(false);
      expect(existsSync(staleZip)).toBe(false);
      expect(existsSync(young)).toBe(true);
      expect(existsSync(referenced)).toBe(true);
      expect(store.getStudy(r.studies[0].studyInstanceUid).instanceCount).toBe(r.studies[0].instanceCount);
      const rows = store.auditLog().filter((a) => a.event === 'purge');
      expect(rows).toHaveLength(1);
      expect(rows[0].actor).toBe('tester');
      expect(rows[0].details).toMatchObject({
        files: 2,
        removed: expect.arrayContaining([path.join('dropped', 'up-orphaned')]),
      });
      expect(store.verifyAudit().ok).toBe(true);
      const nothing = await purgeUploads(store, 'tester', now);
      expect(nothing.removed).toEqual([]);
      expect(store.auditLog().filter((a) => a.event === 'purge')).toHaveLength(1);
    } finally {
      store.close();
    }
  });
});
