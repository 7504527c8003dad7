/**
 * Chooses the onnxruntime-node execution provider per platform and creates sessions with an automatic,
 * explained fallback to CPU. Plain Node; never imports electron.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { InferenceSession } from 'onnxruntime-node';

/** What a caller may ask for; 'auto' picks the best available for the platform. */
export type ProviderRequest = 'auto' | 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';
export const PROVIDER_REQUESTS: readonly ProviderRequest[] = [
  'auto',
  'cpu',
  'cuda',
  'dml',
  'coreml',
  'webgpu',
];

/** A provider a session can be created with. */
export type SessionProvider = 'cuda' | 'dml' | 'coreml' | 'webgpu' | 'cpu';

/** What is known about WebGPU before trying it (onnxruntime-node bundles it on Linux x64, through Dawn/Vulkan). */
export interface WebGpuAvailability {
  /** The installed onnxruntime-node bundles the WebGPU provider on this platform. */
  bundled: boolean;
  /** A GPU driver WebGPU could use looks present (Vulkan loader and a GPU device node); auto tries it only then. */
  driverFound: boolean;
}

export interface ProviderChoice {
  /** Providers to try, best first; 'cpu' is always last. */
  order: SessionProvider[];
  /** Why a requested provider was left out before trying (e.g. binaries not installed). */
  notes: string[];
}

type OrtModule = typeof import('onnxruntime-node');

/** Loads onnxruntime-node lazily so a broken native install disables analysis only, with a message. */
export function loadOrt(): OrtModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('onnxruntime-node') as OrtModule;
}

/** Folder holding libonnxruntime and the provider libraries for this platform. */
export function ortBinaryDir(
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): string | null {
  const root = path.join(path.dirname(require.resolve('onnxruntime-node/package.json')), 'bin');
  if (!existsSync(root)) return null;
  const napi = readdirSync(root).find((d) => d.startsWith('napi-'));
  return napi ? path.join(root, napi, platform, arch) : null;
}

/** True when the CUDA provider library of onnxruntime-node is present (an opt-in download). */
export function cudaBinariesPresent(binDir: string | null): boolean {
  if (!binDir || !existsSync(binDir)) return false;
  return readdirSync(binDir).some((f) => /onnxruntime_providers_cuda\.(so|dll)$/.test(f));
}

export const WEBGPU_NOT_BUNDLED =
  'The WebGPU provider is not bundled with onnxruntime-node on this platform (it is on Linux x64).';

/** Vulkan loader locations of common Linux distributions (WebGPU runs on Vulkan there, through Dawn). */
const VULKAN_LOADERS = [
  '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
  '/usr/lib64/libvulkan.so.1',
  '/usr/lib/libvulkan.so.1',
  '/lib/x86_64-linux-gnu/libvulkan.so.1',
];

/** Whether this machine looks able to run WebGPU: a Vulkan loader and a GPU device node (DRM or NVIDIA). */
export function gpuDriverFound(exists: (p: string) => boolean = existsSync): boolean {
  const gpuNode = exists('/dev/dri') || exists('/dev/nvidiactl');
  return gpuNode && VULKAN_LOADERS.some(exists);
}

/** WebGPU availability from onnxruntime-node's own backend list and the driver check. */
export function webGpuAvailability(ort: Pick<OrtModule, 'listSupportedBackends'>): WebGpuAvailability {
  const backends = typeof ort.listSupportedBackends === 'function' ? ort.listSupportedBackends() : [];
  const bundled = backends.some((b) => b.name === 'webgpu' && b.bundled);
  return { bundled, driverFound: bundled && gpuDriverFound() };
}

export const CUDA_HOWTO =
  'CUDA provider binaries are not installed. On a GPU workstation with CUDA 12 and cuDNN 9, reinstall once with ' +
  'internet access: ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node (see README "GPU workstations").';

/** Decide the order to try providers in, from the request, the platform and what is installed. */
export function chooseProviders(
  request: ProviderRequest,
  platform: NodeJS.Platform,
  cudaInstalled: boolean,
  webgpu: WebGpuAvailability = { bundled: false, driverFound: false },
): ProviderChoice {
  const notes: string[] = [];
  const wanted: Array<Exclude<SessionProvider, 'cpu'>> = [];
  if (request === 'auto') {
    if ((platform === 'linux' || platform === 'win32') && cudaInstalled) wanted.push('cuda');
    if (platform === 'win32') wanted.push('dml');
    if (platform === 'darwin') wanted.push('coreml');
    if (webgpu.bundled && webgpu.driverFound) wanted.push('webgpu');
  } else if (request === 'webgpu') {
    if (webgpu.bundled) wanted.push('webgpu');
    else notes.push(WEBGPU_NOT_BUNDLED);
  } else if (request === 'cuda') {
    if (platform !== 'linux' && platform !== 'win32') notes.push(`CUDA is not available on ${platform}.`);
    else if (!cudaInstalled) notes.push(CUDA_HOWTO);
    else wanted.push('cuda');
  } else if (request === 'dml') {
    if (platform === 'win32') wanted.push('dml');
    else notes.push(`DirectML is available on Windows only, not on ${platform}.`);
  } else if (request === 'coreml') {
    if (platform === 'darwin') wanted.push('coreml');
    else notes.push(`CoreML is available on macOS only, not on ${platform}.`);
  }
  return { order: [...wanted, 'cpu'], notes };
}

export interface CreatedSession {
  session: InferenceSession;
  /** The provider the session was created with. */
  provider: SessionProvider;
  /** Set when the requested provider was not used: why. */
  fallbackReason?: string;
}

/**
 * Intra-op threads: every core. Analysis is a short burst in the engine's process, and the UI draws in the
 * renderer process; leaving a core idle made the localizer about 40% slower on a 2-core workstation.
 */
export function intraOpThreads(coreCount: number = cpus().length): number {
  return Math.max(1, coreCount);
}

export interface SessionCreateOptions {
  /** onnxruntime-node module (tests may pass a wrapped one); loaded lazily by default. */
  ort?: OrtModule;
  /** Intra-op threads; default {@link intraOpThreads}. */
  intraOpNumThreads?: number;
}

/**
 * Create a session for a model file, trying providers in order and falling back to CPU with the reason
 * recorded. Throws only when even CPU fails (a broken model or install).
 */
export async function createSessionWithFallback(
  modelPath: string,
  request: ProviderRequest,
  options: SessionCreateOptions = {},
): Promise<CreatedSession> {
  const ort = options.ort ?? loadOrt();
  const choice = chooseProviders(
    request,
    process.platform,
    cudaBinariesPresent(ortBinaryDir()),
    webGpuAvailability(ort),
  );
  const reasons = [...choice.notes];
  for (const provider of choice.order) {
    try {
      const session = await ort.InferenceSession.create(modelPath, {
        executionProviders: [provider],
        intraOpNumThreads: options.intraOpNumThreads ?? intraOpThreads(),
        graphOptimizationLevel: 'all',
        // No busy-waiting of the intra-op threads between runs: the preprocessing in JavaScript between
        // localizer, crop and classifier runs would otherwise share its cores with spinning threads.
        extra: { session: { intra_op: { allow_spinning: '0' } } },
      });
      const wantedOther = request !== 'auto' && request !== provider;
      if (wantedOther || reasons.length > 0) {
        return {
          session,
          provider,
          fallbackReason: reasons.join(' ') || `Requested ${request}; using ${provider}.`,
        };
      }
      return { session, provider };
    } catch (e) {
      if (provider === 'cpu') throw e;
      reasons.push(`${provider} failed to start: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  throw new Error('createSessionWithFallback: no provider order (bug)');
}
