/**
 * Files and folders dropped in a browser, read through the DataTransfer entries API (folders walked
 * recursively, every readEntries batch) with their path inside the drop, for upload to the host (which
 * stores them in its upload folder). Renderer code: DOM only.
 */
import type { DroppedFile } from '../workspace/workspaceActions';

/** Largest number of files one drop may upload (a study has hundreds, a whole archive more). */
export const MAX_DROPPED_FILES = 20_000;

function readBatch(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A drop with more files than MAX_DROPPED_FILES: nothing is uploaded (never a silent part of it). */
export class TooManyDroppedFilesError extends Error {
  constructor() {
    super(
      `The drop holds more than ${MAX_DROPPED_FILES} files; nothing was uploaded. Drop one study at a time, or type its folder's path.`,
    );
  }
}

async function walk(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    if (out.length >= MAX_DROPPED_FILES) throw new TooManyDroppedFilesError();
    out.push({ relativePath, file: await fileOf(entry as FileSystemFileEntry) });
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) {
    for (const child of batch) await walk(child, relativePath, out);
  }
}

/**
 * The dropped files. Entries must be taken while the drop event runs (the list empties afterwards), so
 * call this synchronously from the drop handler and await the result.
 */
export function droppedFiles(dt: DataTransfer): Promise<DroppedFile[]> {
  const entries = Array.from(dt.items)
    .filter((i) => i.kind === 'file')
    .map((i) => i.webkitGetAsEntry());
  const plain = Array.from(dt.files);
  return (async () => {
    const out: DroppedFile[] = [];
    if (entries.every((e) => e === null)) {
      if (plain.length > MAX_DROPPED_FILES) throw new TooManyDroppedFilesError();
      for (const f of plain) out.push({ relativePath: f.name, file: f });
      return out;
    }
    for (const e of entries) if (e) await walk(e, '', out);
    return out;
  })();
}
