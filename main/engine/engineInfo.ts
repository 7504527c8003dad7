/**
 * Facts about this installation for getAppInfo: app version and the ONNX Runtime execution providers.
 * Plain Node; never imports electron. onnxruntime-node is loaded lazily: a failure is reported as data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExecutionProviderInfo, RuntimeInfo } from '../shared/api';

/**
 * Folder of the nearest package.json named "spinegrade" above `fromDir`: the checkout, the compiled
 * tree's root, or an Electron app.asar. Null when there is none.
 */
export function findAppRoot(fromDir: string = __dirname): string | null {
  let dir = fromDir;
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown };
      if (pkg.name === 'spinegrade') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Version in the app's package.json, or 'unknown' when it cannot be found. */
export function readAppVersion(fromDir: string = __dirname): string {
  const root = findAppRoot(fromDir);
  if (!root) return 'unknown';
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

/** The subset of onnxruntime-node this module calls. */
interface OrtModule {
  listSupportedBackends?: () => { name: string; bundled: boolean }[];
}

/**
 * Execution providers onnxruntime-node reports on this machine. Loading the native binding can
 * fail (wrong platform, missing libonnxruntime next to onnxruntime_binding.node in an installed app):
 * that comes back as { available: false, error } so the rest of the app keeps working.
 */
export async function probeOnnxRuntime(
  load: () => Promise<unknown> = () => import('onnxruntime-node'),
): Promise<RuntimeInfo> {
  try {
    const mod = (await load()) as OrtModule & { default?: OrtModule };
    const list = mod.listSupportedBackends ?? mod.default?.listSupportedBackends;
    if (typeof list !== 'function') {
      return { available: false, providers: [], error: 'onnxruntime-node has no listSupportedBackends().' };
    }
    const providers: ExecutionProviderInfo[] = list().map((b) => ({ name: b.name, bundled: b.bundled }));
    return { available: true, providers };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { available: false, providers: [], error: `onnxruntime-node could not be loaded: ${reason}` };
  }
}
