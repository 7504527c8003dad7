// @vitest-environment happy-dom
// savePdf: bytes that arrive as ArrayBuffer, typed array or Blob start a download of a real PDF; missing or
// non-PDF bytes, host errors and thrown transport errors give a sentence instead of a silent no-op.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavePdfResult } from '../../../../main/shared/apiWorkspace';
import type { Result } from '../../../../main/shared/errors';
import { savePdf } from '../../../../renderer/src/components/savePdf';

const PDF = new TextEncoder().encode('%PDF-1.7\n% test body\n%%EOF\n');

function apiReturning(value: unknown): Parameters<typeof savePdf>[0] {
  const result = { ok: true, value: { fileName: 'S.pdf', savedTo: [], ...(value as object) } };
  return { savePdf: () => Promise.resolve(result as Result<SavePdfResult>) };
}

let clicked: Array<{ download: string; href: string }>;
let blobs: Blob[];
beforeEach(() => {
  clicked = [];
  blobs = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
    blobs.push(b as Blob);
    return `blob:test/${blobs.length}`;
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push({ download: this.download, href: this.href });
  });
});
afterEach(() => vi.restoreAllMocks());

describe('savePdf', () => {
  it.each([
    ['ArrayBuffer', PDF.slice().buffer],
    ['Uint8Array view with an offset', new Uint8Array([0, 0, ...PDF]).subarray(2)],
    ['Blob', new Blob([PDF])],
  ])('downloads the PDF when it arrives as %s', async (_kind, pdf) => {
    const note = await savePdf(apiReturning({ pdf }), 'a-0001', 'A4');
    expect(note).toMatch(/^Downloaded S\.pdf/);
    expect(clicked).toEqual([{ download: 'S.pdf', href: 'blob:test/1' }]);
    expect(blobs[0].type).toBe('application/pdf');
    expect(new Uint8Array(await blobs[0].arrayBuffer())).toEqual(PDF);
  });

  it('says so when the bytes were lost in transport (JSON turned them into {})', async () => {
    const note = await savePdf(apiReturning({ pdf: {} }), 'a-0001', 'A4');
    expect(note).toContain('did not arrive as bytes');
    expect(clicked).toHaveLength(0);
  });

  it('refuses bytes that are not a PDF', async () => {
    const note = await savePdf(apiReturning({ pdf: new TextEncoder().encode('<html>').buffer }), 'a-1', 'A4');
    expect(note).toContain('not a PDF');
    expect(clicked).toHaveLength(0);
  });

  it('reports files the app wrote, a cancelled dialog, an engine error and a thrown transport error', async () => {
    const saved = [
      { file: '/x/S.pdf', sha256: 'a' },
      { file: '/x/S.dcm', sha256: 'b' },
    ];
    expect(await savePdf(apiReturning({ savedTo: saved }), 'a-1', 'A4')).toBe('Saved /x/S.pdf and /x/S.dcm.');
    expect(await savePdf(apiReturning({}), 'a-1', 'A4')).toBe('Saving the PDF was cancelled.');
    const failing = {
      savePdf: () =>
        Promise.resolve({
          ok: false,
          error: { code: 'EXPORT_FAILED', message: 'no Chromium' },
        } as Result<SavePdfResult>),
    };
    expect(await savePdf(failing, 'a-1', 'A4')).toBe('The PDF could not be saved: no Chromium');
    const throwing = { savePdf: () => Promise.reject(new Error('savePdf failed in the host: HTTP 500')) };
    expect(await savePdf(throwing, 'a-1', 'A4')).toContain('HTTP 500');
    expect(clicked).toHaveLength(0);
  });
});
