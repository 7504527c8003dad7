/**
 * Expand the paths of a drop into regular files, recursively and in a stable order, reporting what
 * cannot be read (missing, dangling links, FIFOs, devices, unreadable folders, empty folders).
 * Plain Node; never imports electron.
 */
import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import type { ImportProblem } from './importTypes';

export interface CollectedFiles {
  files: string[];
  problems: ImportProblem[];
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'it does not exist (or is a link to nothing)';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  return e instanceof Error ? e.message : String(e);
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

async function walk(p: string, out: CollectedFiles, seenDirs: Set<string>, topLevel: boolean): Promise<void> {
  let st: Stats;
  try {
    st = await fs.stat(p);
  } catch (e) {
    const code = topLevel && (e as NodeJS.ErrnoException)?.code === 'ENOENT' ? 'NOT_FOUND' : 'UNREADABLE';
    out.problems.push({ code, file: p, message: `Cannot read ${p}: ${reason(e)}; skipped.` });
    return;
  }
  if (st.isFile()) {
    out.files.push(p);
    return;
  }
  if (!st.isDirectory()) {
    out.problems.push({
      code: 'UNREADABLE',
      file: p,
      message: `Cannot import ${p}: it is ${kindOf(st)}; skipped.`,
    });
    return;
  }
  const real = await fs.realpath(p).catch(() => p);
  if (seenDirs.has(real)) return;
  seenDirs.add(real);
  let names: string[];
  try {
    names = (await fs.readdir(p)).sort();
  } catch (e) {
    out.problems.push({
      code: 'UNREADABLE',
      file: p,
      message: `Cannot list folder ${p}: ${reason(e)}; skipped.`,
    });
    return;
  }
  if (names.length === 0) {
    out.problems.push({
      code: 'NOT_FOUND',
      file: p,
      message: `Folder ${p} is empty: nothing to import there.`,
    });
    return;
  }
  for (const name of names) await walk(path.join(p, name), out, seenDirs, false);
}

/** Every regular file under `paths` (files are taken as given, folders recursively, links followed once). */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const out: CollectedFiles = { files: [], problems: [] };
  const seenDirs = new Set<string>();
  for (const p of paths) await walk(path.resolve(p), out, seenDirs, true);
  const unique = [...new Set(out.files)];
  return { files: unique, problems: out.problems };
}
