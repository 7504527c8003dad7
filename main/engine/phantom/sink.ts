/**
 * File sink of the phantom writer: writes each generated DICOM file under the dataset root.
 * Plain Node; never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FileSink } from './study';

/** A sink that writes `relativePath` under `rootDir`, creating folders as needed. */
export function fileSinkAt(rootDir: string): FileSink {
  const made = new Set<string>();
  return (relativePath, bytes) => {
    const path = join(rootDir, relativePath);
    const dir = dirname(path);
    if (!made.has(dir)) {
      mkdirSync(dir, { recursive: true });
      made.add(dir);
    }
    writeFileSync(path, bytes);
  };
}
