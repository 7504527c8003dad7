/**
 * The viewer's view of a stored study: a header scan of its referenced files gives series and stacks with
 * geometry (the same grouping and k order as the analysis, so keyLocation.sliceIndex indexes
 * sopInstanceUids), and the decoded pixels of one stack, both cached. The analysis of a stored study reads
 * the same scan and pixels (one decode per stack, engine-wide). Plain Node; never imports electron.
 */
import type { ApiArg } from '../shared/api';
import {
  pixelView,
  type SeriesDetail,
  type StackPixels,
  type StackThumbnail,
  type StudyDetail,
} from '../shared/apiWorkspace';
import { AppError } from '../shared/errors';
import { decodeGradedStacks } from './analysis/gradedStacks';
import type { StoredStudyFiles, StoredStudySource } from './analysis/storedStudy';
import type { HeaderScanResult } from './dicom/importTypes';
import { scanPaths } from './import/importPaths';
import { sha256Hex } from './sha256';
import { statSeriesFiles, type FileCheck } from './store/files';
import type { Store } from './store/store';
import type { StoredStudy } from './store/types';
import type { FileDigest, StackHeader, Volume } from './volume/types';
import { ByteBoundedCache } from './workspaceCache';
import { decodeStackPixels, type DecodedStackPixels, type StackDecodeRequest } from './workspacePixels';
import { singleSliceStack, thumbnailOf, thumbnailSlice } from './workspaceThumbnail';

/** Decodes one stack (in this thread, or in the engine worker). */
export type StackDecoder = (req: StackDecodeRequest, signal?: AbortSignal) => Promise<DecodedStackPixels>;

/** A study's scanned stacks and the problems of its files, as of its stored instance list. */
interface ScannedStudy {
  series: SeriesDetail[];
  stacks: Map<string, StackHeader>;
  problems: Array<{ file: string; message: string }>;
  /** The header scan itself (what the analysis chooses its stacks from). */
  headers: HeaderScanResult;
}

/** A decoded stack as kept: the contract's StackPixels and what the analysis grades them with. */
interface CachedStack {
  view: StackPixels;
  decodeFailedSliceIndices: number[];
  fileDigests: Array<FileDigest | null>;
}

/** Split a decode into the contract's object (no extra keys on the wire) and the analysis' extras. */
function cachedStack(d: DecodedStackPixels): CachedStack {
  const { decodeFailedSliceIndices, fileDigests, ...view } = d;
  return { view, decodeFailedSliceIndices, fileDigests };
}

/** A cached stack as the Volume the analysis grades: every value exact (float32 copy of the stored type). */
function volumeOf(stack: StackHeader, c: CachedStack): Volume {
  return {
    ...stack,
    pixels: Float32Array.from(pixelView(c.view)),
    failedSliceIndices: [...c.decodeFailedSliceIndices],
    fileDigests: c.fileDigests,
  };
}

/** `p`, or AppError ABORTED as soon as `signal` fires (the work behind `p` goes on for the viewer). */
function unlessAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  const aborted = (): AppError => new AppError('ABORTED', 'The analysis was cancelled; nothing was stored.');
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e: unknown) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

export interface WorkspaceStacksOptions {
  /** Most bytes of decoded pixels kept for re-opening (default 768 MiB). */
  maxPixelBytes?: number;
  decode?: StackDecoder;
}

const stackKey = (seriesUid: string, stackIndex: number): string => `${seriesUid}#${stackIndex}`;

/** What a referenced file's size check says in the study's problem list. */
function fileProblem(status: 'missing' | 'changed'): string {
  return status === 'missing'
    ? 'File missing or unreadable since import; import the study again from where its files are now.'
    : 'File changed since import (size differs); import the study again to view it.';
}

/** Header scan of the stored study's files (those whose size is unchanged) into series and stacks. */
async function scanStoredStudy(stored: StoredStudy, checks: readonly FileCheck[]): Promise<ScannedStudy> {
  const problems = checks
    .filter((c) => c.status !== 'ok')
    .map((c) => ({ file: c.filePath, message: fileProblem(c.status as 'missing' | 'changed') }));
  const okFiles = [...new Set(checks.filter((c) => c.status === 'ok').map((c) => c.filePath))];
  const uid = stored.study.studyInstanceUid;
  const scan = okFiles.length > 0 ? await scanPaths(okFiles) : { studies: [], problems: [] };
  for (const p of scan.problems)
    if (p.code !== 'NO_STUDY') problems.push({ file: p.file, message: p.message });
  const study = scan.studies.find((s) => s.info.studyInstanceUid === uid);
  const stacks = new Map<string, StackHeader>();
  const series: SeriesDetail[] = (study?.series ?? []).map((s) => ({
    seriesInstanceUid: s.seriesInstanceUid,
    seriesDescription: s.seriesDescription,
    seriesNumber: s.seriesNumber,
    role: s.role,
    stacks: s.stacks.map((st) => {
      stacks.set(stackKey(st.seriesInstanceUid, st.stackIndex), st);
      return {
        seriesInstanceUid: st.seriesInstanceUid,
        stackIndex: st.stackIndex,
        role: st.role,
        geometry: st.geometry,
        sopInstanceUids: st.sopInstanceUids,
        instanceNumbers: st.instanceNumbers,
        ...(st.sliceThicknessMm === undefined ? {} : { sliceThicknessMm: st.sliceThicknessMm }),
      };
    }),
  }));
  const seen = new Set(series.map((s) => s.seriesInstanceUid));
  for (const s of stored.series)
    if (!seen.has(s.seriesInstanceUid) && s.instances.length > 0)
      problems.push({
        file: s.instances[0].filePath,
        message: `Series "${s.seriesDescription}" cannot be shown: none of its ${s.instances.length} files could be read as stored.`,
      });
  series.sort(
    (a, b) => a.seriesNumber - b.seriesNumber || a.seriesInstanceUid.localeCompare(b.seriesInstanceUid),
  );
  return { series, stacks, problems, headers: scan };
}

/**
 * A key that changes whenever the stored instance list (paths, hashes, sizes) or a file's size check or
 * modification time changes: a file written after its stack was decoded (and hash-checked) is decoded, and
 * so hash-checked, again by the next viewer or analysis request.
 */
function instanceSignature(stored: StoredStudy, checks: readonly FileCheck[]): string {
  const lines = stored.series.flatMap((s) =>
    s.instances.map((i) => `${i.sopInstanceUid}|${i.filePath}|${i.sha256}|${i.sizeBytes}`),
  );
  const status = checks.map((c) => `${c.filePath}|${c.status}|${c.mtimeMs ?? ''}`);
  return `${stored.study.studyInstanceUid}@${sha256Hex([...lines.sort(), ...status.sort()].join('\n'))}`;
}

/** Every referenced file's import-time SHA-256, by path. */
function expectedHashes(stored: StoredStudy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of stored.series) for (const i of s.instances) out[i.filePath] = i.sha256;
  return out;
}

const pixelKey = (scanKey: string, stack: StackHeader): string =>
  `${scanKey}|${stackKey(stack.seriesInstanceUid, stack.stackIndex)}`;

/** Study detail and stack pixels over one store, with the scans and decoded stacks cached. */
export class WorkspaceStacks implements StoredStudySource {
  private readonly scans = new ByteBoundedCache<ScannedStudy>(8, () => 1);
  private readonly pixels: ByteBoundedCache<CachedStack>;
  private readonly thumbnails = new ByteBoundedCache<StackThumbnail>(16 << 20, (t) => t.pixels.byteLength);
  private readonly decode: StackDecoder;

  constructor(
    private readonly openStore: () => Store,
    options: WorkspaceStacksOptions = {},
  ) {
    this.pixels = new ByteBoundedCache(
      options.maxPixelBytes ?? 768 * 1024 * 1024,
      (p) => p.view.pixels.byteLength,
    );
    this.decode = options.decode ?? decodeStackPixels;
  }

  private async scanned(
    studyInstanceUid: string,
  ): Promise<{ stored: StoredStudy; checks: FileCheck[]; scan: ScannedStudy; key: string }> {
    const stored = this.openStore().getStudy(studyInstanceUid);
    const checks = await statSeriesFiles(stored.series);
    const key = instanceSignature(stored, checks);
    return { stored, checks, key, scan: await this.scans.get(key, () => scanStoredStudy(stored, checks)) };
  }

  /** A stored study with its series, stacks and analyses (newest first); reads headers, no pixels. */
  async studyDetail(studyInstanceUid: string): Promise<StudyDetail> {
    const { stored, scan } = await this.scanned(studyInstanceUid);
    return {
      study: stored.study,
      series: scan.series,
      analyses: this.openStore().listAnalyses(studyInstanceUid),
      problems: scan.problems,
    };
  }

  /** A scanned stack of a stored study and the import-time SHA-256 of every file of the study. */
  private async stackOf(
    arg: ApiArg<'getStackPixels'>,
  ): Promise<{ stack: StackHeader; expectedSha256: Record<string, string>; key: string }> {
    const { stored, scan, key } = await this.scanned(arg.studyInstanceUid);
    const stack = scan.stacks.get(stackKey(arg.seriesInstanceUid, arg.stackIndex));
    if (!stack)
      throw new AppError(
        'NOT_FOUND',
        `Study ${arg.studyInstanceUid} has no readable stack ${arg.stackIndex} in series ${arg.seriesInstanceUid}; open the study again to see its series.`,
      );
    return { stack, expectedSha256: expectedHashes(stored), key: pixelKey(key, stack) };
  }

  /** The decoded pixels of one stack, every file checked against its import-time SHA-256. */
  async stackPixels(arg: ApiArg<'getStackPixels'>): Promise<StackPixels> {
    const { stack, expectedSha256, key } = await this.stackOf(arg);
    return (await this.pixels.get(key, () => this.decodeCached({ stack, expectedSha256 }))).view;
  }

  private async decodeCached(req: StackDecodeRequest): Promise<CachedStack> {
    return cachedStack(await this.decode(req));
  }

  /**
   * A stored study's size checks and header scan (the viewer's, cached) and its stacks' decodes from the pixel
   * cache: cached, or joined while the viewer's decode runs; a stack neither cached nor being decoded waits
   * for the decodes running now (the viewer's panes first) and is then decoded once and kept for the viewer.
   * Waiting stops with ABORTED on `signal`.
   */
  private async reading(studyInstanceUid: string): Promise<{
    files: Omit<StoredStudyFiles, 'volume'>;
    cached: (stack: StackHeader, signal: AbortSignal) => Promise<CachedStack>;
  }> {
    const { stored, checks, scan, key } = await this.scanned(studyInstanceUid);
    const expectedSha256 = expectedHashes(stored);
    const cached = async (stack: StackHeader, signal: AbortSignal): Promise<CachedStack> => {
      const k = pixelKey(key, stack);
      if (!this.pixels.has(k)) await unlessAborted(this.pixels.idle(), signal);
      return unlessAborted(
        this.pixels.get(k, () => this.decodeCached({ stack, expectedSha256 })),
        signal,
      );
    };
    return { files: { stored, checks, scan: scan.headers }, cached };
  }

  /** A stored study as its analysis reads it: the viewer's scan and decoded stacks (one decode per stack). */
  async open(studyInstanceUid: string): Promise<StoredStudyFiles> {
    const { files, cached } = await this.reading(studyInstanceUid);
    return { ...files, volume: async (stack, signal) => volumeOf(stack, await cached(stack, signal)) };
  }

  /**
   * Right after an import, while the window is still asking for the study: scan it and decode the stacks its
   * analysis grades (the sagittal T2/STIR and T1 picks, then the axial T2 stacks: the ones the panes open on),
   * one after another, into the pixel cache. The viewer's getStackPixels and the analysis join these decodes
   * instead of starting their own. Nothing is thrown: a study that cannot be read is reported by the requests
   * that follow.
   */
  async prefetch(studyInstanceUid: string): Promise<void> {
    try {
      const { files, cached } = await this.reading(studyInstanceUid);
      const study = files.scan.studies.find((s) => s.info.studyInstanceUid === studyInstanceUid);
      if (!study || files.checks.some((c) => c.status !== 'ok')) return;
      const never = new AbortController().signal;
      // The choice reads failed slices only: no float copy of the pixels is made here (the thread answers the UI).
      await decodeGradedStacks(study, async (stack) => {
        const c = await cached(stack, never);
        return { ...stack, pixels: new Float32Array(0), failedSliceIndices: c.decodeFailedSliceIndices };
      });
    } catch {
      // left to the viewer's and the analysis' own requests, which say what is wrong
    }
  }

  /** The thumbnail of one stack: its middle slice alone decoded (file hash checked), resampled, windowed. */
  async stackThumbnail(arg: ApiArg<'getStackThumbnail'>): Promise<StackThumbnail> {
    const { stack, expectedSha256, key } = await this.stackOf(arg);
    const k = thumbnailSlice(stack.geometry.dims[2]);
    return this.thumbnails.get(key, async () => {
      const slice = await this.decode({ stack: singleSliceStack(stack, k), expectedSha256 });
      return thumbnailOf(slice, k, stack.geometry.spacingMm);
    });
  }

  /** Forget every scan and decoded stack (engine shutdown). */
  clear(): void {
    this.scans.clear();
    this.pixels.clear();
    this.thumbnails.clear();
  }
}
