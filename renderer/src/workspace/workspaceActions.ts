/**
 * What the workspace does: import (paths or uploaded drops) then analyse with the default model, open a
 * stored study exactly as stored, jump to a target, override, sign. Renderer code: only main/shared.
 */
import type { AnalysisBundle, AnalysisRecord } from '../../../main/shared/analysis';
import type { SpineGradeBridge } from '../../../main/shared/apiBridge';
import type { ApiEvent } from '../../../main/shared/apiEvents';
import type { ImportStudyResult } from '../../../main/shared/apiRecords';
import { personName } from '../../../main/shared/personName';
import { CONDITION_INFO, levelDisplay, type Severity } from '../../../main/shared/targets';
import { applyJobEvent, newJobId, runJob } from './jobs';
import { saveAutoAnalyze, saveReaderName } from './readerName';
import type { TargetRef, ViewerInfo, WorkspaceStore } from './workspaceStore';

/** A file dropped in a browser, with its path inside the dropped folder. */
export interface DroppedFile {
  relativePath: string;
  file: File;
}

export interface WorkspaceActions {
  refreshStudies(): Promise<void>;
  importPaths(paths: string[]): Promise<void>;
  importDropped(files: DroppedFile[]): Promise<void>;
  /** Show an import made elsewhere (a PACS retrieve) and open/analyse it like a drop. */
  openImported(r: ImportStudyResult): Promise<void>;
  openStudy(studyInstanceUid: string): Promise<void>;
  analyzeOpen(): Promise<void>;
  cancelJob(jobId: string): Promise<void>;
  jumpTo(target: TargetRef): void;
  /** Store a reader grade; resolves to an error message, or null when stored. */
  overrideTarget(target: TargetRef, grade: Severity, note: string): Promise<string | null>;
  signOpen(): Promise<string | null>;
  requireReader(): Promise<string | null>;
  answerReader(name: string | null): void;
  setAutoAnalyze(on: boolean): void;
  setViewerInfo(info: ViewerInfo): void;
  handleEvent(e: ApiEvent): void;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function targetText(t: TargetRef): string {
  return `${levelDisplay(t.level)} ${CONDITION_INFO[t.condition].titleCase.toLowerCase()}`;
}

function patientText(name: string): string {
  return personName(name) || 'the study';
}

/** The workspace's actions bound to one API and one store. */
export function createWorkspaceActions(api: SpineGradeBridge, store: WorkspaceStore): WorkspaceActions {
  let answer: ((name: string | null) => void) | null = null;
  const status = (text: string): void => store.update({ status: text });

  const refreshStudies = async (): Promise<void> => {
    const r = await api
      .listStudies()
      .catch((e: unknown) => ({ ok: false as const, error: { message: message(e) } }));
    if (r.ok) store.update({ studies: r.value, listError: '' });
    else store.update({ listError: r.error.message });
  };

  const loadAnalysis = async (uid: string, analysisId: string): Promise<void> => {
    const r = await api.getAnalysis({ analysisId });
    if (r.ok) store.updateOpen(uid, { bundle: r.value, analysisNote: '' });
    else store.updateOpen(uid, { analysisNote: `The stored analysis could not be read: ${r.error.message}` });
  };

  const open = async (uid: string, analysing: boolean): Promise<void> => {
    const listItem = store.getState().studies?.find((s) => s.study.studyInstanceUid === uid) ?? null;
    store.update({
      open: {
        studyInstanceUid: uid,
        listItem,
        detail: null,
        detailError: '',
        bundle: null,
        analysisNote: '',
      },
      jump: null,
      activeTarget: null,
    });
    const detail = await api.getStudyDetail({ studyInstanceUid: uid }).catch((e: unknown) => ({
      ok: false as const,
      error: { message: message(e) },
    }));
    if (detail.ok) store.updateOpen(uid, { detail: detail.value });
    else store.updateOpen(uid, { detailError: detail.error.message });
    if (analysing) return;
    const analyses = detail.ok ? detail.value.analyses : (listItem?.analyses ?? []);
    const newest = [...analyses].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    if (newest) await loadAnalysis(uid, newest.analysisId);
    else store.updateOpen(uid, { analysisNote: 'This study has not been analysed yet.' });
  };

  const analyze = async (uid: string, name: string): Promise<AnalysisRecord | null> => {
    const r = await runJob(store, 'analyze', `Analysing ${patientText(name)}`, (jobId) =>
      api.analyzeStudy({ studyInstanceUid: uid, jobId }),
    );
    if (r.ok) {
      const bundle: AnalysisBundle = { analysis: r.value, overrides: [], signOff: null };
      store.updateOpen(uid, { bundle, analysisNote: '' });
      status(`Analysis of ${patientText(name)} finished: 25 targets graded.`);
      return r.value;
    }
    const note =
      r.error.code === 'ABORTED'
        ? 'The analysis was cancelled. The study is open for viewing.'
        : `This study could not be analysed: ${r.error.message} It is open for viewing.`;
    store.updateOpen(uid, { analysisNote: note });
    status(note);
    return null;
  };

  const afterImport = async (r: ImportStudyResult): Promise<void> => {
    store.update({ lastImport: r, importError: '' });
    await refreshStudies();
    const first = r.studies[0];
    if (!first) {
      status('No study could be imported: see the import problems.');
      return;
    }
    const stored = store.getState().studies?.find((s) => s.study.studyInstanceUid === first.studyInstanceUid);
    const fresh = (s: (typeof r.studies)[number]): boolean => s.created || s.newInstances > 0;
    const auto = store.getState().autoAnalyze;
    const analyseFirst = auto && (fresh(first) || (stored?.analyses.length ?? 0) === 0);
    status(
      `Imported ${r.studies.length} stud${r.studies.length === 1 ? 'y' : 'ies'}${r.problems.length ? `; ${r.problems.length} problem(s)` : ''}.`,
    );
    await open(first.studyInstanceUid, analyseFirst);
    if (!auto && (stored?.analyses.length ?? 0) === 0)
      store.updateOpen(first.studyInstanceUid, {
        analysisNote: 'Auto-analysis is off: press Analyse to grade this study.',
      });
    for (const s of r.studies) {
      if (s === first ? analyseFirst : auto && fresh(s)) await analyze(s.studyInstanceUid, s.patientName);
    }
    await refreshStudies();
  };

  const importWith = async (
    label: string,
    call: (jobId: string) => ReturnType<SpineGradeBridge['importStudy']>,
  ): Promise<void> => {
    store.update({ importError: '' });
    const r = await runJob(store, 'import', label, call).catch((e: unknown) => ({
      ok: false as const,
      error: { code: 'UNREADABLE' as const, message: message(e) },
    }));
    if (r.ok) await afterImport(r.value);
    else {
      store.update({ importError: r.error.message, lastImport: null });
      status(r.error.message);
    }
  };

  const importDropped = async (files: DroppedFile[]): Promise<void> => {
    const uploadId = newJobId('up').replace(/[^A-Za-z0-9_-]/g, '_');
    const jobId = newJobId('upload');
    store.upsertJob({ jobId, label: 'Uploading dropped files', stage: 'upload', total: files.length });
    try {
      for (const [i, f] of files.entries()) {
        const bytes = await f.file.arrayBuffer();
        const r = await api.uploadFile({ uploadId, relativePath: f.relativePath, bytes });
        if (!r.ok) {
          store.update({ importError: `${f.relativePath}: ${r.error.message}`, lastImport: null });
          status(`Upload failed: ${r.error.message}`);
          return;
        }
        store.upsertJob({ jobId, done: i + 1 });
      }
    } finally {
      store.removeJob(jobId);
    }
    await importWith(`Importing ${files.length} dropped file(s)`, (id) =>
      api.importUploaded({ uploadId, jobId: id }),
    );
  };

  const requireReader = (): Promise<string | null> => {
    const known = store.getState().reader;
    if (known) return Promise.resolve(known);
    store.update({ readerPromptOpen: true });
    return new Promise((resolve) => {
      answer = resolve;
    });
  };

  const importPaths = (paths: string[]): Promise<void> =>
    importWith(`Importing ${paths.length === 1 ? paths[0] : `${paths.length} items`}`, (jobId) =>
      api.importStudy({ paths, jobId }),
    );

  return {
    refreshStudies,
    importPaths,
    importDropped,
    openImported: afterImport,
    openStudy: (uid) => open(uid, false),
    async analyzeOpen() {
      const o = store.getState().open;
      if (o)
        await analyze(o.studyInstanceUid, o.detail?.study.patientName ?? o.listItem?.study.patientName ?? '');
      await refreshStudies();
    },
    async cancelJob(jobId) {
      store.upsertJob({ jobId, cancelling: true });
      const r = await api.cancelJob({ jobId });
      if (r.ok && !r.value.cancelled) status('That job had already finished.');
    },
    jumpTo(target) {
      const finding = store
        .getState()
        .open?.bundle?.analysis.findings.find(
          (f) => f.condition === target.condition && f.level === target.level,
        );
      store.update((s) => ({
        activeTarget: target,
        ...(finding?.keyLocation
          ? { jump: { keyLocation: finding.keyLocation, seq: (s.jump?.seq ?? 0) + 1 } }
          : {}),
        status: finding?.keyLocation
          ? `Showing the key image of ${targetText(target)}.`
          : `${targetText(target)} has no key image (not assessable).`,
      }));
    },
    async overrideTarget(target, grade, note) {
      const o = store.getState().open;
      if (!o?.bundle) return 'No analysis is open.';
      const reader = await requireReader();
      if (!reader) return 'A reader name is needed to store an override.';
      const { analysisId } = o.bundle.analysis;
      const r = await api.overrideFinding({
        analysisId,
        ...target,
        grade,
        reader,
        ...(note ? { note } : {}),
      });
      if (!r.ok) return r.error.message;
      store.update((s) =>
        s.open?.bundle?.analysis.analysisId === analysisId
          ? {
              open: {
                ...s.open,
                bundle: { ...s.open.bundle, overrides: [...s.open.bundle.overrides, r.value] },
              },
            }
          : {},
      );
      status(
        `${r.value.addendum ? 'Addendum' : 'Override'} stored: ${targetText(target)} ${grade} (${reader}).`,
      );
      await refreshStudies();
      return null;
    },
    async signOpen() {
      const o = store.getState().open;
      if (!o?.bundle) return 'No analysis is open.';
      const reader = await requireReader();
      if (!reader) return 'A reader name is needed to sign.';
      const { analysisId } = o.bundle.analysis;
      const r = await api.signAnalysis({ analysisId, reader });
      if (!r.ok) return r.error.message;
      store.update((s) =>
        s.open?.bundle?.analysis.analysisId === analysisId
          ? { open: { ...s.open, bundle: { ...s.open.bundle, signOff: r.value } } }
          : {},
      );
      status(`Signed by ${reader}: the analysis is locked; later changes are addenda.`);
      await refreshStudies();
      return null;
    },
    requireReader,
    answerReader(name) {
      const n = name?.trim() ?? '';
      if (n) saveReaderName(n);
      store.update({ readerPromptOpen: false, ...(n ? { reader: n } : {}) });
      answer?.(n || null);
      answer = null;
    },
    setAutoAnalyze(on) {
      saveAutoAnalyze(on);
      store.update({ autoAnalyze: on });
    },
    setViewerInfo: (info) => store.update({ viewerInfo: info }),
    handleEvent(e) {
      applyJobEvent(store, e);
      if (e.type === 'open-paths') void importPaths(e.paths);
    },
  };
}
