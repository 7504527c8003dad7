/**
 * The .zip archives a command is given (as paths, or inside the folders it is given) are unpacked into the
 * store's upload folder before the import, as the app and the host do (same safety checks and limits; the
 * same archive bytes unpack once; `store purge` removes them). Plain Node; never imports electron.
 */
import { expandZipPaths, type ExpandedPaths } from '../engine/uploads/importWithZips';
import type { CliIo } from './command';

/** expandZipPaths for a CLI command: no cancellation; each archive unpacked is said on stderr. */
export function unpackZipArgs(storeDir: string, paths: readonly string[], io: CliIo): Promise<ExpandedPaths> {
  return expandZipPaths(storeDir, paths, {
    signal: new AbortController().signal,
    onProgress: (p) => {
      if (p.stage === 'unzip' && p.done === p.total) io.err(`unzip: ${p.total} entries unpacked`);
    },
  });
}
