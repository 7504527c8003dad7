// droppedFiles: a drop read through the DataTransfer entries API, folders walked recursively through every
// readEntries batch with their paths inside the drop; plain files when the browser gives no entries; a
// drop past MAX_DROPPED_FILES is refused whole, never uploaded in part.
import { describe, expect, it } from 'vitest';
import {
  droppedFiles,
  MAX_DROPPED_FILES,
  TooManyDroppedFilesError,
} from '../../../../renderer/src/studies/droppedFiles';

type Node = { name: string; children?: Node[] };

/** A fake FileSystemEntry tree; folders answer readEntries in batches of `batch` (Chromium: 100). */
function entryOf(node: Node, batch = 2): FileSystemEntry {
  if (!node.children)
    return {
      name: node.name,
      isFile: true,
      isDirectory: false,
      file: (ok: (f: File) => void) => ok(new File([node.name], node.name)),
    } as unknown as FileSystemEntry;
  const children = node.children;
  return {
    name: node.name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (e: FileSystemEntry[]) => void) => {
          const part = children.slice(at, at + batch).map((c) => entryOf(c, batch));
          at += batch;
          ok(part);
        },
      };
    },
  } as unknown as FileSystemEntry;
}

function transferOf(roots: Array<FileSystemEntry | null>, plain: File[] = []): DataTransfer {
  return {
    items: roots.map((e) => ({ kind: 'file', webkitGetAsEntry: () => e })),
    files: plain,
  } as unknown as DataTransfer;
}

describe('droppedFiles', () => {
  it('walks dropped folders recursively through every batch, keeping paths inside the drop', async () => {
    const study: Node = {
      name: 'study',
      children: [
        { name: 'T2', children: [{ name: '1.dcm' }, { name: '2.dcm' }, { name: '3.dcm' }] },
        { name: 'T1', children: [{ name: '1.dcm' }, { name: 'empty', children: [] }] },
        { name: 'DICOMDIR' },
      ],
    };
    const files = await droppedFiles(transferOf([entryOf(study), entryOf({ name: 'extra.zip' })]));
    expect(files.map((f) => f.relativePath)).toEqual([
      'study/T2/1.dcm',
      'study/T2/2.dcm',
      'study/T2/3.dcm',
      'study/T1/1.dcm',
      'study/DICOMDIR',
      'extra.zip',
    ]);
    expect(await files[5].file.text()).toBe('extra.zip');
  });

  it('falls back to the plain file list when the browser gives no entries', async () => {
    const plain = [new File(['a'], 'a.dcm'), new File(['b'], 'b.zip')];
    const files = await droppedFiles(transferOf([null, null], plain));
    expect(files.map((f) => f.relativePath)).toEqual(['a.dcm', 'b.zip']);
  });

  it(`refuses a drop of more than ${MAX_DROPPED_FILES} files as a whole`, async () => {
    const many: Node = {
      name: 'big',
      children: Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => ({ name: `${i}.dcm` })),
    };
    await expect(droppedFiles(transferOf([entryOf(many, 1000)]))).rejects.toBeInstanceOf(
      TooManyDroppedFilesError,
    );
    const exactly: Node = {
      name: 'ok',
      children: Array.from({ length: MAX_DROPPED_FILES }, (_, i) => ({ name: `${i}.dcm` })),
    };
    expect(await droppedFiles(transferOf([entryOf(exactly, 1000)]))).toHaveLength(MAX_DROPPED_FILES);
    const plain = Array.from({ length: MAX_DROPPED_FILES + 1 }, (_, i) => new File([''], `${i}.dcm`));
    await expect(droppedFiles(transferOf([null], plain))).rejects.toThrow(/nothing was uploaded/);
  });
});
