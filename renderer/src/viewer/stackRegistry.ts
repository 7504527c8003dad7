/**
 * The open study's stacks as Cornerstone image ids (`spinegrade:<series>/<stack>/<k>`), and each stack's
 * decoded pixels fetched once from the engine and kept. Renderer code: only main/shared; no DICOM parsing.
 */
import {
  pixelView,
  type StackDetail,
  type StackPixels,
  type StudyDetail,
  type SeriesDetail,
} from '../../../main/shared/apiWorkspace';
import type { Result } from '../../../main/shared/errors';

/** Cornerstone image loader scheme of the engine's stacks. */
export const IMAGE_SCHEME = 'spinegrade';

export type PixelArray = Int16Array | Uint16Array | Float32Array;

/** One stack's pixels as typed arrays, ready to hand out per slice. */
export interface LoadedStack {
  pixels: StackPixels;
  values: PixelArray;
  /** columns * rows. */
  sliceSize: number;
  /** Slices the engine could not decode (shown black), with its reason. */
  failed: ReadonlyMap<number, string>;
}

export interface RegisteredStack {
  studyInstanceUid: string;
  /** The same for every series of the study (the engine's geometry is one patient frame). */
  frameOfReferenceUid: string;
  series: SeriesDetail;
  stack: StackDetail;
  imageIds: string[];
}

export type FetchStackPixels = (arg: {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  stackIndex: number;
}) => Promise<Result<StackPixels>>;

/** Thrown (and shown in the pane) when a stack's pixels cannot be had; message is the engine's. */
export class StackPixelsError extends Error {
  override name = 'StackPixelsError';
}

const stackKey = (seriesUid: string, stackIndex: number): string => `${seriesUid}/${stackIndex}`;

/** The image id of slice k of a stack. */
export function imageIdOf(seriesUid: string, stackIndex: number, k: number): string {
  return `${IMAGE_SCHEME}:${seriesUid}/${stackIndex}/${k}`;
}

const BYTES: Record<StackPixels['dtype'], number> = { int16: 2, uint16: 2, float32: 4 };

/** The typed view of a StackPixels buffer, checked against its dims (a short buffer is an error). */
export function typedPixels(p: StackPixels): PixelArray {
  if (!(p.pixels instanceof ArrayBuffer)) {
    throw new StackPixelsError(
      'The pixels of this stack did not arrive as binary data (the host is out of date).',
    );
  }
  const [cols, rows, slices] = p.dims;
  const want = cols * rows * slices * BYTES[p.dtype];
  if (p.pixels.byteLength !== want) {
    throw new StackPixelsError(
      `The pixels of this stack are incomplete (${p.pixels.byteLength} of ${want} bytes).`,
    );
  }
  return pixelView(p);
}

/** The stacks of the open study and their pixel cache. */
export class StackRegistry {
  private stacks = new Map<string, RegisteredStack>();
  private byImageId = new Map<string, { entry: RegisteredStack; k: number }>();
  private loads = new Map<string, Promise<LoadedStack>>();
  private loaded = new Map<string, LoadedStack>();
  private detail: StudyDetail | null = null;

  constructor(private readonly fetchPixels: FetchStackPixels) {}

  /** Replace the open study (pixels of the previous one are dropped). */
  setStudy(detail: StudyDetail | null): void {
    this.stacks.clear();
    this.byImageId.clear();
    this.loads.clear();
    this.loaded.clear();
    this.detail = detail;
    if (!detail) return;
    const studyUid = detail.study.studyInstanceUid;
    for (const series of detail.series) {
      for (const stack of series.stacks) {
        const n = stack.geometry.dims[2];
        const imageIds = Array.from({ length: n }, (_, k) =>
          imageIdOf(series.seriesInstanceUid, stack.stackIndex, k),
        );
        const entry: RegisteredStack = {
          studyInstanceUid: studyUid,
          frameOfReferenceUid: `spinegrade-for-${studyUid}`,
          series,
          stack,
          imageIds,
        };
        this.stacks.set(stackKey(series.seriesInstanceUid, stack.stackIndex), entry);
        imageIds.forEach((id, k) => this.byImageId.set(id, { entry, k }));
      }
    }
  }

  study(): StudyDetail | null {
    return this.detail;
  }

  get(seriesUid: string, stackIndex: number): RegisteredStack | undefined {
    return this.stacks.get(stackKey(seriesUid, stackIndex));
  }

  all(): RegisteredStack[] {
    return [...this.stacks.values()];
  }

  /** The stack and slice index of one of our image ids. */
  resolve(imageId: string): { entry: RegisteredStack; k: number } | undefined {
    return this.byImageId.get(imageId);
  }

  /** Pixels already here (synchronous, for the metadata provider); undefined until loaded. */
  loadedPixels(entry: RegisteredStack): LoadedStack | undefined {
    return this.loaded.get(stackKey(entry.series.seriesInstanceUid, entry.stack.stackIndex));
  }

  /** The stack's pixels: fetched from the engine on first use, then the same promise every time. */
  pixels(entry: RegisteredStack): Promise<LoadedStack> {
    const key = stackKey(entry.series.seriesInstanceUid, entry.stack.stackIndex);
    let p = this.loads.get(key);
    if (!p) {
      p = this.fetchOnce(entry, key);
      this.loads.set(key, p);
      p.catch(() => this.loads.delete(key));
    }
    return p;
  }

  private async fetchOnce(entry: RegisteredStack, key: string): Promise<LoadedStack> {
    const r = await this.fetchPixels({
      studyInstanceUid: entry.studyInstanceUid,
      seriesInstanceUid: entry.series.seriesInstanceUid,
      stackIndex: entry.stack.stackIndex,
    });
    if (!r.ok) throw new StackPixelsError(r.error.message);
    const values = typedPixels(r.value);
    const [cols, rows] = r.value.dims;
    const failed = new Map(r.value.failedSlices.map((f) => [f.sliceIndex, f.message] as const));
    const loaded: LoadedStack = { pixels: r.value, values, sliceSize: cols * rows, failed };
    if (this.stacks.get(key) === entry) this.loaded.set(key, loaded);
    return loaded;
  }
}
