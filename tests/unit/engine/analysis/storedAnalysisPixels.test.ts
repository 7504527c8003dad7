// One decode per stack: the analysis of a stored study decodes only the stacks it grades, takes the viewer's
// cached or pending decodes (WorkspaceStacks) instead of reading the files again, and still stops on a file
// changed since import. A real phantom study (plus two extra series) in a real store, the tiny ONNX pair.
import { cpSync, readdirSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeStudy } from '../../../../main/engine/analysis/analyzeStudy';
import { DEFAULT_MODEL_ID } from '../../../../main/engine/analysis/defaultModel';
import { analyzeStoredStudy } from '../../../../main/engine/analysis/storedStudy';
import { createEngine, type Engine } from '../../../../main/engine/createEngine';
import { scanPaths } from '../../../../main/engine/import/importPaths';
import type { JobContext } from '../../../../main/engine/jobs';
import { createStore, type Store } from '../../../../main/engine/store/store';
import { decodeStackPixels, type StackDecodeRequest } from '../../../../main/engine/workspacePixels';
import { WorkspaceStacks } from '../../../../main/engine/workspaceStacks';
import type { AnalysisRecord, StudyInfo } from '../../../../main/shared/analysis';
import type { StudyDetail } from '../../../../main/shared/apiWorkspace';
import { axialSpec, sagittalSpec, writeSeries } from '../dicom/fixtures';
import { missingTools, runTool } from '../dicom/tools';
import { writeTinyPackage } from '../model/onnxFixtures';
import { tempDir, tinyModelSkipReason, writePhantomStudy } from './fixtures';

if (tinyModelSkipReason) console.warn(`stored analysis pixel tests skipped: ${tinyModelSkipReason}`);
const noDcmtk = missingTools(['dcmcjpls'], 'stored analysis damaged-codestream test').length > 0;

/** A fixed modification time (whole seconds: set and read back exactly). */
const MTIME_S = 1_700_000_000;

function dicomFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true }))
    if (e.isFile() && e.name.endsWith('.dcm')) out.push(path.join(e.parentPath, e.name));
  return out.sort();
}

/** Two series of the phantom's study the analysis never grades: a 3-slice sagittal T2 and a coronal one. */
function writeExtraSeries(dir: string, info: StudyInfo): void {
  const extra = {
    StudyInstanceUID: info.studyInstanceUid,
    PatientName: info.patientName,
    PatientID: info.patientId,
    PatientBirthDate: info.patientBirthDate,
    PatientSex: info.patientSex,
    StudyDate: info.studyDate,
    AccessionNumber: info.accessionNumber,
    StudyDescription: info.studyDescription,
  };
  writeSeries(
    path.join(dir, 'extra-sag'),
    sagittalSpec('extra', 'sag', 'SAG T2 extra', {
      slices: 3,
      timing: { tr: 3000, te: 90 },
      extra: { ...extra, SeriesNumber: 90 },
    }),
  );
  writeSeries(
    path.join(dir, 'extra-cor'),
    axialSpec('extra', 'cor', 'COR T2 extra', {
      rowDirection: [1, 0, 0],
      columnDirection: [0, 0, -1],
      timing: { tr: 3000, te: 90 },
      extra: { ...extra, SeriesNumber: 91 },
    }),
  );
}

/** A WorkspaceStacks over `store` whose decoder records each stack it decodes ("series#stack"). */
function countingStacks(
  store: Store,
  log: string[],
  gate?: (req: StackDecodeRequest) => Promise<void>,
): WorkspaceStacks {
  return new WorkspaceStacks(() => store, {
    decode: async (req, signal) => {
      log.push(`${req.stack.seriesInstanceUid}#${req.stack.stackIndex}`);
      await gate?.(req);
      return decodeStackPixels(req, signal);
    },
  });
}

/** The viewer's getStackPixels of each "series#stack" key, one after another. */
async function viewStacks(
  stacks: WorkspaceStacks,
  studyInstanceUid: string,
  keys: readonly string[],
): Promise<void> {
  for (const key of keys) {
    const [seriesInstanceUid, stackIndex] = key.split('#');
    await stacks.stackPixels({ studyInstanceUid, seriesInstanceUid, stackIndex: Number(stackIndex) });
  }
}

const ctx = (): JobContext => ({ onProgress: () => undefined, signal: new AbortController().signal });

/** The stacks an analysis graded, as "series#stack" (every stack of each series it used). */
function gradedKeys(detail: StudyDetail, record: AnalysisRecord): string[] {
  const used = new Set(record.seriesUsed.map((s) => s.seriesInstanceUid));
  return detail.series
    .filter((s) => used.has(s.seriesInstanceUid))
    .flatMap((s) => s.stacks.map((st) => `${st.seriesInstanceUid}#${st.stackIndex}`))
    .sort();
}

describe.skipIf(tinyModelSkipReason !== undefined)(
  'a stored study analysis decodes each graded stack once',
  () => {
    let root = '';
    let data = '';
    let modelDir = '';
    let engine: Engine;
    let store: Store;
    let uid = '';
    let cold: AnalysisRecord;
    let detail: StudyDetail;
    const model = (): { modelDir: string; provider: 'cpu' } => ({ modelDir, provider: 'cpu' });

    beforeAll(async () => {
      root = tempDir('graded');
      data = path.join(root, 'data');
      writePhantomStudy(data);
      const scanned = await scanPaths([data]);
      writeExtraSeries(data, scanned.studies[0].info);
      for (const f of dicomFiles(data)) utimesSync(f, MTIME_S, MTIME_S);
      modelDir = path.join(root, 'models', DEFAULT_MODEL_ID);
      writeTinyPackage(modelDir);
      engine = createEngine({ storeDir: path.join(root, 'store'), modelDir: path.dirname(modelDir) });
      const imported = await engine.importStudy({ paths: [data] });
      if (!imported.ok) throw new Error(imported.error.message);
      uid = imported.value.studies[0].studyInstanceUid;
      store = createStore({ dir: path.join(root, 'store') });
      // Today's reading of a drop, every stack of the study decoded: the findings to match.
      cold = (await analyzeStudy({ paths: [data] }, model())).record;
      const d = await engine.getStudyDetail({ studyInstanceUid: uid });
      if (!d.ok) throw new Error(d.error.message);
      detail = d.value;
    }, 60_000);
    afterAll(async () => {
      store?.close();
      await engine?.close();
      rmSync(root, { recursive: true, force: true });
    });

    it('decodes only the stacks it grades: the extra series of the study are never decoded', async () => {
      const descriptions = detail.series.map((s) => s.seriesDescription);
      expect(descriptions).toEqual(expect.arrayContaining(['SAG T2 extra', 'COR T2 extra']));
      const extraSag = detail.series.find((s) => s.seriesDescription === 'SAG T2 extra')!;
      expect(extraSag.role, 'the extra sagittal competes with the phantom one').toBe('Sagittal T2/STIR');
      const log: string[] = [];
      const record = await analyzeStoredStudy(store, uid, model(), ctx(), countingStacks(store, log));
      expect(record.findings).toEqual(cold.findings);
      expect(record.levelPoints).toEqual(cold.levelPoints);
      expect(record.seriesUsed).toEqual(cold.seriesUsed);
      expect([...log].sort()).toEqual(gradedKeys(detail, record));
      const extraUids = detail.series
        .filter((s) => /extra/.test(s.seriesDescription))
        .map((s) => s.seriesInstanceUid);
      expect(log.filter((k) => extraUids.some((u) => k.startsWith(`${u}#`)))).toEqual([]);
      // The reading source (no viewer: pacs exchange, scripts) grades the same.
      const plain = await analyzeStoredStudy(store, uid, model(), ctx());
      expect(plain.findings).toEqual(cold.findings);
    }, 60_000);

    it('grades the viewer-cached pixels without reading a graded file again, with the same findings', async () => {
      const log: string[] = [];
      const stacks = countingStacks(store, log);
      const graded = gradedKeys(detail, cold);
      await viewStacks(stacks, uid, graded);
      expect([...log].sort()).toEqual(graded);
      // Every graded file now differs from its import (same size, same modification time): any file the
      // analysis read again would fail its hash check (NOT_FOUND). The cached pixels are the verified ones.
      const used = new Set(cold.seriesUsed.map((u) => u.seriesInstanceUid));
      const paths = store
        .getStudy(uid)
        .series.filter((s) => used.has(s.seriesInstanceUid))
        .flatMap((s) => s.instances.map((i) => i.filePath));
      expect(paths.length).toBeGreaterThan(0);
      const originals = paths.map((f) => readFileSync(f));
      try {
        paths.forEach((f, i) => {
          const edited = Buffer.from(originals[i]);
          edited[edited.length - 1] ^= 0xff;
          writeFileSync(f, edited);
          utimesSync(f, MTIME_S, MTIME_S);
        });
        const record = await analyzeStoredStudy(store, uid, model(), ctx(), stacks);
        expect(record.findings).toEqual(cold.findings);
        expect(record.levelPoints).toEqual(cold.levelPoints);
        expect(log.length, 'no stack decoded again').toBe(graded.length);
      } finally {
        paths.forEach((f, i) => {
          writeFileSync(f, originals[i]);
          utimesSync(f, MTIME_S, MTIME_S);
        });
      }
    }, 60_000);

    it('prefetch after an import decodes the graded stacks once; the panes and the analysis then read the cache', async () => {
      const log: string[] = [];
      const stacks = countingStacks(store, log);
      await stacks.prefetch(uid);
      const graded = gradedKeys(detail, cold);
      expect([...log].sort()).toEqual(graded);
      await viewStacks(stacks, uid, graded);
      const record = await analyzeStoredStudy(store, uid, model(), ctx(), stacks);
      expect(record.findings).toEqual(cold.findings);
      expect(log.length, 'nothing decoded twice').toBe(graded.length);
      // A study that is not in the store: nothing thrown, nothing decoded.
      await expect(stacks.prefetch('2.25.404')).resolves.toBeUndefined();
      expect(log.length).toBe(graded.length);
    }, 60_000);

    it('stops with NOT_FOUND on a graded file written after its pixels were cached (its stack is decoded again)', async () => {
      const log: string[] = [];
      const stacks = countingStacks(store, log);
      const sag = detail.series.find(
        (s) => s.role === 'Sagittal T2/STIR' && !/extra/.test(s.seriesDescription),
      )!;
      const arg = { studyInstanceUid: uid, seriesInstanceUid: sag.seriesInstanceUid, stackIndex: 0 };
      const before = await stacks.stackPixels(arg);
      expect(before.failedSlices).toEqual([]);
      const file = store.getStudy(uid).series.find((s) => s.seriesInstanceUid === sag.seriesInstanceUid)!
        .instances[0].filePath;
      const original = readFileSync(file);
      const edited = Buffer.from(original);
      edited[edited.length - 1] ^= 0xff; // same size: only the content hash tells
      writeFileSync(file, edited);
      utimesSync(file, MTIME_S + 60, MTIME_S + 60);
      try {
        const listed = store.listStudies()[0].analyses.length;
        await expect(analyzeStoredStudy(store, uid, model(), ctx(), stacks)).rejects.toMatchObject({
          code: 'NOT_FOUND',
          message: expect.stringMatching(/1 of \d+ files .* changed/),
        });
        expect(store.listStudies()[0].analyses.length, 'nothing stored').toBe(listed);
        expect(log.filter((k) => k.startsWith(`${sag.seriesInstanceUid}#`))).toHaveLength(2);
        // The viewer sees the same: the slice of that file is marked changed.
        const after = await stacks.stackPixels(arg);
        expect(after.failedSlices.map((f) => f.message).join()).toMatch(/changed since import/);
      } finally {
        writeFileSync(file, original);
        utimesSync(file, MTIME_S, MTIME_S);
      }
    }, 60_000);

    it('waits for the decodes the viewer runs before decoding more, and joins the one it needs', async () => {
      const log: string[] = [];
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      // The pane shows the axial stack, which the analysis decodes last (sagittal T2 and T1 first).
      const axial = detail.series.find((s) => s.role === 'Axial T2')!;
      const first = `${axial.seriesInstanceUid}#${axial.stacks[0].stackIndex}`;
      const stacks = countingStacks(store, log, (req) =>
        `${req.stack.seriesInstanceUid}#${req.stack.stackIndex}` === first ? held : Promise.resolve(),
      );
      const [seriesInstanceUid, stackIndex] = first.split('#');
      const pane = stacks.stackPixels({
        studyInstanceUid: uid,
        seriesInstanceUid,
        stackIndex: Number(stackIndex),
      });
      const analysis = analyzeStoredStudy(store, uid, model(), ctx(), stacks);
      await new Promise((r) => setTimeout(r, 300));
      expect(log, 'nothing else decoded while the pane decodes').toEqual([first]);
      expect(gradedKeys(detail, cold)).toContain(first);
      release();
      await pane;
      const record = await analysis;
      expect(record.findings).toEqual(cold.findings);
      expect([...log].sort()).toEqual(gradedKeys(detail, record));
    }, 60_000);

    it('stops waiting for a pending viewer decode when the job is cancelled', async () => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => (release = r));
      const stacks = countingStacks(store, [], () => held);
      const [seriesInstanceUid, stackIndex] = gradedKeys(detail, cold)[0].split('#');
      const pane = stacks.stackPixels({
        studyInstanceUid: uid,
        seriesInstanceUid,
        stackIndex: Number(stackIndex),
      });
      const controller = new AbortController();
      const analysis = analyzeStoredStudy(
        store,
        uid,
        model(),
        { onProgress: () => undefined, signal: controller.signal },
        stacks,
      );
      await new Promise((r) => setTimeout(r, 100));
      controller.abort();
      await expect(analysis).rejects.toMatchObject({ code: 'ABORTED' });
      release();
      await pane;
    }, 60_000);

    it.skipIf(noDcmtk)(
      'keeps the failed-slice marks when grading cached pixels with a slice that fails to decode',
      async () => {
        const copyDir = path.join(root, 'damaged');
        cpSync(data, copyDir, { recursive: true });
        const sag = cold.seriesUsed.find((s) => s.role === 'Sagittal T2/STIR')!;
        // A slice two beside a level's: in the spinal canal crop (k-2..k+2), not in the localiser's triplet.
        const stack = detail.series.find((s) => s.seriesInstanceUid === sag.seriesInstanceUid)!.stacks[0];
        const k = cold.levelPoints.find((p) => p.seriesInstanceUid === sag.seriesInstanceUid)!.sliceIndex;
        const bad = k + 2 < stack.sopInstanceUids.length ? k + 2 : k - 2;
        const inst = store
          .getStudy(uid)
          .series.flatMap((s) => s.instances)
          .find((x) => x.sopInstanceUid === stack.sopInstanceUids[bad])!;
        const damaged = path.join(copyDir, path.relative(data, inst.filePath));
        runTool('dcmcjpls', [damaged, `${damaged}.jls`]);
        const bytes = readFileSync(`${damaged}.jls`);
        bytes.fill(0xff, Math.floor(bytes.length / 2), bytes.length - 20);
        writeFileSync(damaged, bytes);
        unlinkSync(`${damaged}.jls`);
        const other = createEngine({
          storeDir: path.join(root, 'store-damaged'),
          modelDir: path.dirname(modelDir),
        });
        const otherStore = createStore({ dir: path.join(root, 'store-damaged') });
        try {
          const imported = await other.importStudy({ paths: [copyDir] });
          if (!imported.ok) throw new Error(imported.error.message);
          const full = (await analyzeStudy({ paths: [copyDir] }, model())).record;
          expect(full.findings.some((f) => /failed to decode/.test(f.uncertainReason ?? ''))).toBe(true);
          const log: string[] = [];
          const stacks = countingStacks(otherStore, log);
          const d = await stacks.studyDetail(uid);
          for (const s of d.series.filter((x) =>
            cold.seriesUsed.some((u) => u.seriesInstanceUid === x.seriesInstanceUid),
          ))
            for (const st of s.stacks) {
              const p = await stacks.stackPixels({
                studyInstanceUid: uid,
                seriesInstanceUid: s.seriesInstanceUid,
                stackIndex: st.stackIndex,
              });
              if (s.seriesInstanceUid === sag.seriesInstanceUid) expect(p.failedSlices).toHaveLength(1);
            }
          const decodes = log.length;
          const record = await analyzeStoredStudy(otherStore, uid, model(), ctx(), stacks);
          expect(log.length).toBe(decodes);
          expect(record.findings).toEqual(full.findings);
        } finally {
          otherStore.close();
          await other.close();
        }
      },
      60_000,
    );
  },
);

describe.skipIf(tinyModelSkipReason !== undefined)(
  'the engine analysis takes the viewer pixels, off thread and in thread',
  () => {
    let root = '';
    beforeAll(() => {
      root = tempDir('graded-engine');
      writePhantomStudy(path.join(root, 'data'));
      for (const f of dicomFiles(path.join(root, 'data'))) utimesSync(f, MTIME_S, MTIME_S);
      writeTinyPackage(path.join(root, 'models', DEFAULT_MODEL_ID));
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it.each([
      ['off thread', true],
      ['in thread', false],
    ])(
      '%s: grades the pixels the viewer decoded, reading no graded file again',
      async (_name, offThread) => {
        const engine = createEngine({
          storeDir: path.join(root, `store-${offThread}`),
          modelDir: path.join(root, 'models'),
          offThread,
        });
        const files = dicomFiles(path.join(root, 'data'));
        for (const f of files) utimesSync(f, MTIME_S, MTIME_S);
        const originals = files.map((f) => readFileSync(f));
        try {
          const imported = await engine.importStudy({ paths: [path.join(root, 'data')] });
          if (!imported.ok) throw new Error(imported.error.message);
          const studyInstanceUid = imported.value.studies[0].studyInstanceUid;
          const first = await engine.analyzeStudy({ studyInstanceUid, provider: 'cpu' });
          if (!first.ok) throw new Error(first.error.message);
          const d = await engine.getStudyDetail({ studyInstanceUid });
          if (!d.ok) throw new Error(d.error.message);
          for (const s of d.value.series)
            for (const st of s.stacks) {
              const p = await engine.getStackPixels({
                studyInstanceUid,
                seriesInstanceUid: s.seriesInstanceUid,
                stackIndex: st.stackIndex,
              });
              expect(p.ok).toBe(true);
            }
          // Same size, same modification time, other bytes: only a read of the file could tell.
          files.forEach((f, i) => {
            const edited = Buffer.from(originals[i]);
            edited[edited.length - 1] ^= 0xff;
            writeFileSync(f, edited);
            utimesSync(f, MTIME_S, MTIME_S);
          });
          const again = await engine.analyzeStudy({ studyInstanceUid, provider: 'cpu' });
          if (!again.ok) throw new Error(again.error.message);
          expect(again.value.findings).toEqual(first.value.findings);
          expect(again.value.levelPoints).toEqual(first.value.levelPoints);
        } finally {
          files.forEach((f, i) => writeFileSync(f, originals[i]));
          await engine.close();
        }
      },
      90_000,
    );
  },
);
