/**
 * The .zip archives inside a dropped or typed folder (files named *.zip, any case, found recursively;
 * links followed once, like collectFiles), so importStudy can unpack them safely before the import.
 * What cannot be read is left to collectFiles to report. Plain Node; never imports electron.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Most archives taken from one folder; more is surely not a study export (each is checked on its own). */
export const MAX_ZIPS_PER_FOLDER = 1000;

const isZipName = (name: string): boolean => name.toLowerCase().endsWith('.zip');

async function walk(dir: string, out: string[], seen: Set<string>): Promise<void> {
  const real = await fs.realpath(dir).catch(() => dir);
  if (seen.has(real)) return;
  seen.add(real);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names.sort()) {
    if (out.length > MAX_ZIPS_PER_FOLDER) return;
    const p = path.join(dir, name);
    const st = await fs.stat(p).catch(() => null);
    if (st?.isDirectory()) await walk(p, out, seen);
    else if (st?.isFile() && isZipName(name)) out.push(p);
  }
}

/**
 * Every *.zip file under `folder` (resolved, in sorted walk order), at most MAX_ZIPS_PER_FOLDER (`capped`
 * says more were left); none when `folder` is not a folder.
 */
export async function zipsInFolder(folder: string): Promise<{ zips: string[]; capped: boolean }> {
  const dir = path.resolve(folder);
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) return { zips: [], capped: false };
  const out: string[] = [];
  await walk(dir, out, new Set());
  return { zips: out.slice(0, MAX_ZIPS_PER_FOLDER), capped: out.length > MAX_ZIPS_PER_FOLDER };
}
