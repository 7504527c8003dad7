/**
 * The one small store of the reading workspace (open study, analysis bundle, jobs, reader, jump target),
 * read by React through useSyncExternalStore. Renderer code: imports only main/shared, never node or engine.
 */
import { useSyncExternalStore } from 'react';
import type { AnalysisBundle } from '../../../main/shared/analysis';
import type { ImportStudyResult, StudyListItem } from '../../../main/shared/apiRecords';
import type { StudyDetail } from '../../../main/shared/apiWorkspace';
import type { KeyLocation } from '../../../main/shared/findings';
import type { Condition, Level } from '../../../main/shared/targets';

/** One running engine job as its progress bar shows it. */
export interface JobView {
  jobId: string;
  label: string;
  stage: string;
  done: number;
  total: number;
  message?: string;
  cancelling: boolean;
}

/** The study open in the workspace: its detail (series, stacks) and the analysis shown. */
export interface OpenStudy {
  studyInstanceUid: string;
  /** Header of the study as the list had it (shown while the detail loads or when it cannot be read). */
  listItem: StudyListItem | null;
  detail: StudyDetail | null;
  /** Why the detail (and so the images) could not be read. */
  detailError: string;
  bundle: AnalysisBundle | null;
  /** Why there is no analysis (not analysed, the analysis failed, or it could not be read). */
  analysisNote: string;
}

export interface TargetRef {
  condition: Condition;
  level: Level;
}

export interface ViewerInfo {
  renderPath: string;
  webglRenderer: string;
}

export interface WorkspaceState {
  studies: StudyListItem[] | null;
  listError: string;
  jobs: JobView[];
  lastImport: ImportStudyResult | null;
  /** Why the last import failed as a whole (no study at all). */
  importError: string;
  open: OpenStudy | null;
  /** Where the viewers should go: a fresh seq on every request, also for the same location. */
  jump: { keyLocation: KeyLocation; seq: number } | null;
  activeTarget: TargetRef | null;
  /** The reader's name for overrides and sign-off ('' until asked). */
  reader: string;
  viewerInfo: ViewerInfo | null;
  /** The last thing the workspace wants the user to know (status line, polite live region). */
  status: string;
  /** Analyse each imported study at once with the default model. */
  autoAnalyze: boolean;
  /** True while the reader-name dialog is open. */
  readerPromptOpen: boolean;
}

type Listener = () => void;

/** A minimal external store: immutable snapshots, shallow-merged updates. */
export class WorkspaceStore {
  private state: WorkspaceState;
  private readonly listeners = new Set<Listener>();

  constructor(initial: Partial<WorkspaceState> = {}) {
    this.state = {
      studies: null,
      listError: '',
      jobs: [],
      lastImport: null,
      importError: '',
      open: null,
      jump: null,
      activeTarget: null,
      reader: '',
      viewerInfo: null,
      status: '',
      autoAnalyze: true,
      readerPromptOpen: false,
      ...initial,
    };
  }

  readonly getState = (): WorkspaceState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Merge `patch` (or the patch computed from the current state) into a new snapshot. */
  update(patch: Partial<WorkspaceState> | ((s: WorkspaceState) => Partial<WorkspaceState>)): void {
    const p = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...p };
    for (const l of this.listeners) l();
  }

  /** Update the open study only when it is still `studyInstanceUid` (late answers are dropped). */
  updateOpen(studyInstanceUid: string, patch: Partial<OpenStudy>): void {
    this.update((s) =>
      s.open && s.open.studyInstanceUid === studyInstanceUid ? { open: { ...s.open, ...patch } } : {},
    );
  }

  upsertJob(job: Partial<JobView> & { jobId: string }): void {
    this.update((s) => {
      const old = s.jobs.find((j) => j.jobId === job.jobId);
      const next: JobView = {
        label: 'Working',
        stage: 'starting',
        done: 0,
        total: 0,
        cancelling: false,
        ...old,
        ...job,
      };
      return { jobs: old ? s.jobs.map((j) => (j.jobId === job.jobId ? next : j)) : [...s.jobs, next] };
    });
  }

  removeJob(jobId: string): void {
    this.update((s) => ({ jobs: s.jobs.filter((j) => j.jobId !== jobId) }));
  }
}

/** Read a slice of the store; re-renders when that slice changes (by reference). */
export function useStoreSlice<T>(store: WorkspaceStore, select: (s: WorkspaceState) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
