/**
 * The one engine entry: composes the engine modules into an object that implements the SpineGradeApi
 * contract for every face (Electron IPC, loopback host, CLI). Plain Node; never imports electron.
 */
import os from 'node:os';
import path from 'node:path';
import type { AppInfo, RuntimeInfo, SpineGradeApi } from '../shared/api';
import type { EngineEvent } from '../shared/apiEvents';
import { settle } from '../shared/apiDispatch';
import type { Result } from '../shared/errors';
import { EXCLUSIONS, PHANTOM_MODEL_BANNER } from '../shared/intendedUse';
import { DEFAULT_MODEL_ID, defaultModelDir } from './analysis/defaultModel';
import { releaseCachedModels } from './analysis/modelCache';
import {
  analyzeStoredStudy,
  exportStoredReport,
  viewStoredReport,
  type PdfPrinter,
} from './analysis/storedStudy';
import { probeOnnxRuntime, readAppVersion } from './engineInfo';
import { importIntoStore } from './importToStore';
import { JobRunner } from './jobs';
import { createPacsApi } from './pacsApi';
import { defaultStoreDir } from './store/paths';
import { createUploadsApi } from './uploads/uploadsApi';
import { createStore, type Store } from './store/store';
import {
  overrideFinding,
  printStoredReport,
  signAnalysis,
  storedAnalysis,
  storedReportPdf,
} from './workspace';
import { OffThreadWork } from './worker/offThread';
import { WorkspaceStacks } from './workspaceStacks';

export interface EngineOptions {
  /** Folder of the local store (SQLite database); default: the OS user-data folder chosen by the face. */
  storeDir?: string;
  /** Folder holding model packages (<model-id>/manifest.json); default: the app's models/ folder. */
  modelDir?: string;
  /** App version to report; default: the version in the nearest spinegrade package.json. */
  appVersion?: string;
  /**
   * How this face renders the summary HTML to PDF for exportReport: the Electron app passes its
   * webContents.printToPDF; default: Playwright driving the system Chromium (CLI, browser host, tests).
   */
  printPdf?: PdfPrinter;
  /**
   * Run analyses and stack pixel decodes on worker threads (node:worker_threads) so the thread that
   * answers the UI stays free: the browser host and the Electron app set it; default off (CLI, tests).
   */
  offThread?: boolean;
  /** Told when a worker cannot start and that work runs in the engine's thread instead (log it). */
  onWorkerFallback?: (reason: string) => void;
}

/** The contract plus what a face needs to run it: an event stream and a shutdown. */
export interface Engine extends SpineGradeApi {
  /** Receive job progress and end events; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Cancel running jobs and release resources (database handles, model sessions). */
  close(): Promise<void>;
}

/** Build the engine. Nothing is loaded until a method needs it (onnxruntime-node, the store). */
export function createEngine(options: EngineOptions = {}): Engine {
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent): void => {
    for (const l of listeners) l(event);
  };
  const jobs = new JobRunner(emit);
  const appVersion = options.appVersion ?? readAppVersion();
  let runtime: Promise<RuntimeInfo> | undefined;
  let store: Store | undefined;
  const modelDir = options.modelDir ? path.join(options.modelDir, DEFAULT_MODEL_ID) : defaultModelDir();
  /** The store opens on first use, so getAppInfo works even where the store folder is not writable. */
  const openStore = (): Store =>
    (store ??= createStore({
      dir:
        options.storeDir ??
        defaultStoreDir({ platform: process.platform, env: process.env, homeDir: os.homedir() }),
    }));

  const offThread = options.offThread ? new OffThreadWork(options.onWorkerFallback) : undefined;
  const stacks = new WorkspaceStacks(openStore, offThread ? { decode: offThread.decodeStack } : {});
  offThread?.warm(modelDir);

  const getAppInfo = (): Promise<Result<AppInfo>> =>
    settle(async () => {
      runtime ??= probeOnnxRuntime();
      return {
        appName: 'SpineGrade',
        appVersion,
        intendedUse: PHANTOM_MODEL_BANNER,
        exclusions: EXCLUSIONS,
        platform: os.platform(),
        arch: os.arch(),
        onnxRuntime: await runtime,
      };
    });

  return {
    getAppInfo,
    listStudies: () => settle(async () => openStore().listStudies()),
    analyzeStudy: ({ studyInstanceUid, provider, jobId }) =>
      jobs.run('analyzeStudy', jobId, (ctx) =>
        (offThread ?? { analyzeStoredStudy }).analyzeStoredStudy(
          openStore(),
          studyInstanceUid,
          { modelDir, provider: provider ?? 'auto' },
          ctx,
          stacks, // the viewer's scan and decoded stacks: one decode per stack
        ),
      ),
    getReport: ({ analysisId, paper }) =>
      settle(async () => ({ html: await viewStoredReport(openStore(), analysisId, paper) })),
    exportReport: ({ encapsulatedPdf, ...arg }) =>
      settle(() =>
        exportStoredReport(openStore(), arg, {
          ...(options.printPdf ? { printPdf: options.printPdf } : {}),
          ...(encapsulatedPdf ? { encapsulatedPdf: true } : {}),
        }),
      ),
    cancelJob: ({ jobId }) => settle(async () => ({ cancelled: jobs.cancel(jobId) })),
    getStudyDetail: ({ studyInstanceUid }) => settle(() => stacks.studyDetail(studyInstanceUid)),
    getStackPixels: (arg) => settle(() => stacks.stackPixels(arg)),
    getStackThumbnail: (arg) => settle(() => stacks.stackThumbnail(arg)),
    getAnalysis: ({ analysisId }) => settle(async () => storedAnalysis(openStore(), analysisId)),
    overrideFinding: (arg) => settle(async () => overrideFinding(openStore(), arg)),
    signAnalysis: (arg) => settle(async () => signAnalysis(openStore(), arg)),
    printReport: (arg) => settle(() => printStoredReport(openStore(), arg)),
    savePdf: (arg) => settle(() => storedReportPdf(openStore(), arg, options.printPdf)),
    // With a viewer (offThread faces): a drop of one study starts decoding what its panes and its analysis
    // read as soon as it is stored, while the window asks for the study detail.
    ...createUploadsApi(openStore, jobs, async (store, paths, ctx) => {
      const imported = await importIntoStore(store, paths, ctx);
      if (offThread && imported.studies.length === 1)
        void stacks.prefetch(imported.studies[0].studyInstanceUid);
      return imported;
    }),
    ...createPacsApi(openStore, jobs),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      jobs.cancelAll();
      listeners.clear();
      stacks.clear();
      await offThread?.close();
      store?.close();
      store = undefined;
      await releaseCachedModels();
    },
  };
}
