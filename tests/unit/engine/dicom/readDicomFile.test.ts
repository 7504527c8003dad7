/**
 * Header-only reads take a 64 KiB prefix of large files and fall back to the whole file when needed;
 * the result must equal a full read, and truncation must still be caught from the file size.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDicomFile, readDicomHeader } from '../../../../main/engine/dicom/readDicomFile';
import { sagittalSpec, sliceFile } from './fixtures';
import { missingTools, runTool } from './tools';

let root = '';
const big = sagittalSpec('read', 'big', 'Sagittal T1', { rows: 300, columns: 260 });
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'sg-read-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readDicomHeader', () => {
  it('reads the same header from a prefix of a 150 KiB file as from the whole file', () => {
    const file = path.join(root, 'big.dcm');
    writeFileSync(file, sliceFile(big, 2));
    expect(readDicomHeader(file)).toEqual(readDicomFile(file).header);
  });

  it('catches a truncated large file from its size', () => {
    const file = path.join(root, 'big-truncated.dcm');
    const bytes = sliceFile(big, 2);
    writeFileSync(file, bytes.subarray(0, bytes.length - 5000));
    expect(() => readDicomHeader(file)).toThrow(expect.objectContaining({ code: 'TRUNCATED' }));
  });

  it('refuses a large non-DICOM file', () => {
    const file = path.join(root, 'video.mp4');
    writeFileSync(file, Buffer.alloc(5 * 1024 * 1024, 0x41));
    expect(() => readDicomHeader(file)).toThrow(expect.objectContaining({ code: 'NOT_DICOM' }));
  });

  it.skipIf(missingTools(['dcmconv'], 'deflated header fallback').length > 0)(
    'falls back to the whole file for a deflated dataset',
    () => {
      const src = path.join(root, 'big-src.dcm');
      const out = path.join(root, 'big-deflated.dcm');
      // Pseudo-random pixels so the deflated file stays larger than the 64 KiB prefix.
      writeFileSync(
        src,
        sliceFile(
          {
            ...big,
            value: (c, r) =>
              (Math.imul(((c + 1) * 73856093) ^ ((r + 1) * 19349663), 2654435761) >>> 16) & 4095,
          },
          1,
        ),
      );
      runTool('dcmconv', ['+td', src, out]);
      expect(statSync(out).size).toBeGreaterThan(64 * 1024);
      const h = readDicomHeader(out);
      expect(h.transferSyntaxUid).toBe('1.2.840.10008.1.2.1.99');
      expect(h).toEqual(readDicomFile(out).header);
    },
  );
});
