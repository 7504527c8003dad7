// The app face of Print and Save PDF over a real engine and store (a phantom study analysed by the
// default model), with the window dialogs faked; and File > Open's dialog options and hand-off.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAppReports, type PaperSize } from '../../../main/app/appReports';
import { chooseStudyPaths, openStudyDialogOptions } from '../../../main/app/openStudyDialog';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { createStore } from '../../../main/engine/store/store';
import { tempDir, writePhantomStudy } from '../engine/analysis/fixtures';

let root = '';
let engine: Engine;
let analysisId = '';

beforeAll(async () => {
  root = tempDir('app-reports');
  writePhantomStudy(path.join(root, 'study'));
  engine = createEngine({ storeDir: path.join(root, 'store') });
  const imported = await engine.importStudy({ paths: [path.join(root, 'study')] });
  if (!imported.ok) throw new Error(imported.error.message);
  const analysed = await engine.analyzeStudy({
    studyInstanceUid: imported.value.studies[0].studyInstanceUid,
    provider: 'cpu',
  });
  if (!analysed.ok) throw new Error(analysed.error.message);
  analysisId = analysed.value.analysisId;
}, 120_000);
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

function auditEvents(): string[] {
  const store = createStore({ dir: path.join(root, 'store') });
  try {
    return store.auditLog().map((r) => r.event);
  } finally {
    store.close();
  }
}

describe('app Print', () => {
  it('sends the engine summary (with the intended-use banner) to the system print dialog, audited', async () => {
    const printed: Array<{ html: string; paper: PaperSize }> = [];
    const app = withAppReports(engine, {
      printHtml: async (html, paper) => void printed.push({ html, paper }),
      choosePdfPath: async () => null,
    });
    const before = auditEvents().filter((e) => e === 'print').length;
    const r = await app.printReport({ analysisId, paper: 'Letter' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.printedBy).toBe('system-dialog');
    expect(printed).toHaveLength(1);
    expect(printed[0].paper).toBe('Letter');
    expect(printed[0].html).toBe(r.value.html);
    expect(printed[0].html).toContain('Not for clinical use');
    expect(auditEvents().filter((e) => e === 'print')).toHaveLength(before + 1);
  });

  it('turns a failed print into an EXPORT_FAILED error a person can act on', async () => {
    const app = withAppReports(engine, {
      printHtml: async () => Promise.reject(new Error('no printer installed')),
      choosePdfPath: async () => null,
    });
    const r = await app.printReport({ analysisId });
    expect(r).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    if (!r.ok) expect(r.error.message).toMatch(/no printer installed.*Save PDF/);
    expect(await app.printReport({ analysisId: 'nope-nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('app Save PDF', () => {
  it('asks where with the suggested name; cancel writes nothing', async () => {
    const asked: string[] = [];
    const app = withAppReports(engine, {
      printHtml: async () => undefined,
      choosePdfPath: async (name) => (asked.push(name), null),
    });
    const r = await app.savePdf({ analysisId });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.savedTo).toEqual([]);
    expect(r.value.pdf).toBeUndefined();
    expect(asked).toEqual([r.value.fileName]);
    expect(r.value.fileName).toMatch(/^SpineGrade-[A-Za-z0-9-]+\.pdf$/);
  });

  it("writes the engine's PDF where the user chose, with its SHA-256, and the Encapsulated PDF beside it", async () => {
    mkdirSync(path.join(root, 'out')); // a save dialog returns a path in a folder that exists
    const target = path.join(root, 'out', 'summary.pdf');
    const app = withAppReports(engine, {
      printHtml: async () => undefined,
      choosePdfPath: async () => target,
    });
    const r = await app.savePdf({ analysisId, paper: 'A4' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.savedTo.map((f) => f.file)).toContain(target);
    const bytes = readFileSync(target);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const entry = r.value.savedTo.find((f) => f.file === target);
    expect(entry?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const dcm = path.join(root, 'out', 'summary.dcm');
    expect(r.value.savedTo.map((f) => f.file)).toContain(dcm);
    const wrapped = readFileSync(dcm);
    expect(wrapped.subarray(128, 132).toString('latin1')).toBe('DICM');
    expect(wrapped.includes(bytes.subarray(0, 64))).toBe(true); // the same PDF inside
    expect(auditEvents()).toContain('export');
  }, 120_000);
});

describe('File > Open', () => {
  it('asks for folders (and files on macOS) or for .zip/DICOM files, and hands the paths on', async () => {
    expect(openStudyDialogOptions('folder', 'linux').properties).toEqual([
      'openDirectory',
      'multiSelections',
    ]);
    expect(openStudyDialogOptions('folder', 'win32').properties).not.toContain('openFile');
    expect(openStudyDialogOptions('folder', 'darwin').properties).toContain('openFile');
    const files = openStudyDialogOptions('files', 'linux');
    expect(files.properties).toEqual(['openFile', 'multiSelections']);
    expect(files.filters?.[0].extensions).toContain('zip');
    const sent: string[][] = [];
    const chosen = await chooseStudyPaths(
      'files',
      'linux',
      async () => ({ canceled: false, filePaths: ['/a/s.zip'] }),
      (p) => sent.push(p),
    );
    expect(chosen).toEqual(['/a/s.zip']);
    expect(sent).toEqual([['/a/s.zip']]);
    const none = await chooseStudyPaths(
      'folder',
      'linux',
      async () => ({ canceled: true, filePaths: [] }),
      (p) => sent.push(p),
    );
    expect(none).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(existsSync('/a/s.zip')).toBe(false); // nothing is touched by the dialog hand-off itself
  });
});
