/**
 * Files and folders dropped in a browser, read through the DataTransfer entries API (folders walked
 * recursively) with their path inside the drop, for upload to the host. Renderer code: DOM only.
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

async function walk(entry: FileSystemEntry, prefix: string, out: DroppedFile[]): Promise<void> {
  if (out.length >= MAX_DROPPED_FILES) return;
  const relativePath = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
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
      for (const f of plain) out.push({ relativePath: f.name, file: f });
      return out;
    }
    for (const e of entries) if (e) await walk(e, '', out);
    return out;
  })();
}
