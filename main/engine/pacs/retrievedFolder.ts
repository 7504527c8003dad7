/**
 * The app-managed folder of retrieved studies, `<store>/pacs-retrieved/<StudyInstanceUID>/<SOPInstanceUID>.dcm`:
 * a retrieve writes into a hidden partial folder and renames it into place only when every instance has
 * arrived, so a failed retrieve leaves nothing behind and never touches an earlier copy.
 * Plain Node; never imports electron.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

/** Folder name of retrieved copies inside the store folder. */
export const RETRIEVED_FOLDER = 'pacs-retrieved';

/** `<store>/pacs-retrieved`. */
export function retrievedRoot(storeDir: string): string {
  return path.join(storeDir, RETRIEVED_FOLDER);
}

/** A UID (digits and dots) as a file name; anything else is replaced so no path can escape the folder. */
export function uidFileName(uid: string): string {
  const safe = uid.replace(/[^0-9A-Za-z.]/g, '_').replace(/^\.+/, '_');
  return safe.length > 0 ? safe.slice(0, 128) : '_';
}

/** Where the retrieved copy of a study lives. */
export function retrievedStudyDir(storeDir: string, studyUid: string): string {
  return path.join(retrievedRoot(storeDir), uidFileName(studyUid));
}

/** A retrieve in progress: instances land in a partial folder until commit. */
export class RetrieveStaging {
  readonly partialDir: string;
  readonly finalDir: string;
  private readonly seen = new Set<string>();
  bytes = 0;

  constructor(storeDir: string, studyUid: string) {
    this.finalDir = retrievedStudyDir(storeDir, studyUid);
    this.partialDir = path.join(
      retrievedRoot(storeDir),
      `.partial-${uidFileName(studyUid)}-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
  }

  get count(): number {
    return this.seen.size;
  }

  /** Write one instance; a second copy of the same SOP Instance UID replaces the first. */
  async add(sopUid: string, bytes: Uint8Array): Promise<void> {
    await fs.mkdir(this.partialDir, { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(this.partialDir, `${uidFileName(sopUid)}.dcm`), bytes, { mode: 0o600 });
    this.seen.add(sopUid);
    this.bytes += bytes.length;
  }

  /** Move the complete study into place (replacing an earlier copy); returns the final folder. */
  async commit(): Promise<string> {
    await fs.mkdir(this.partialDir, { recursive: true, mode: 0o700 });
    const old = existsSync(this.finalDir) ? `${this.partialDir}.old` : undefined;
    if (old) await fs.rename(this.finalDir, old);
    await fs.rename(this.partialDir, this.finalDir);
    if (old) await fs.rm(old, { recursive: true, force: true });
    return this.finalDir;
  }

  /** Remove the partial folder (after a failure or cancel). */
  async discard(): Promise<void> {
    await fs.rm(this.partialDir, { recursive: true, force: true });
  }
}
