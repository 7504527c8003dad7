/**
 * Study files for the PACS tests and the PACS benchmark (no vitest here): phantom studies written to disk,
 * seeded into Orthanc through its REST API, and read back with dcmjs. Never imports electron.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import dcmjs from 'dcmjs';
import { generateStudy, type StudyOptions } from '../../../main/engine/phantom/study';
import type { OrthancServer } from './orthanc';

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `sg-pacs-${prefix}-`));
}

/** Every .dcm file under `dir`, sorted. */
export function dicomFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.dcm'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Write one phantom study under `dir`; returns its files. */
export function writeStudy(dir: string, o: Partial<StudyOptions> = {}): string[] {
  generateStudy(
    { seed: 'pacs-test', studyIndex: 0, missingRole: 'none', maxMatrix: 256, ...o },
    (rel, bytes) => {
      const p = path.join(dir, rel);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, bytes);
    },
  );
  return dicomFiles(dir);
}

/** POST each file to Orthanc's REST /instances. */
export async function seedOrthanc(orthanc: OrthancServer, files: readonly string[]): Promise<void> {
  for (const f of files) {
    const r = await fetch(`${orthanc.httpUrl}/instances`, {
      method: 'POST',
      headers: { Authorization: orthanc.authHeader },
      body: readFileSync(f),
    });
    if (!r.ok) throw new Error(`Orthanc refused ${f}: HTTP ${r.status}`);
  }
}

/** GET a JSON resource of Orthanc's REST API. */
export async function orthancJson<T>(orthanc: OrthancServer, resource: string): Promise<T> {
  const r = await fetch(`${orthanc.httpUrl}${resource}`, { headers: { Authorization: orthanc.authHeader } });
  if (!r.ok) throw new Error(`Orthanc ${resource}: HTTP ${r.status}`);
  return (await r.json()) as T;
}

/** SOP Instance UID -> Orthanc instance id of every instance Orthanc holds in the study. */
export async function orthancStudyInstances(
  orthanc: OrthancServer,
  studyUid: string,
): Promise<Map<string, string>> {
  const lookup = await fetch(`${orthanc.httpUrl}/tools/lookup`, {
    method: 'POST',
    headers: { Authorization: orthanc.authHeader },
    body: studyUid,
  });
  const found = (await lookup.json()) as Array<{ ID: string; Type: string }>;
  const study = found.find((f) => f.Type === 'Study')?.ID;
  if (!study) return new Map();
  const instances = await orthancJson<Array<{ ID: string; MainDicomTags: Record<string, string> }>>(
    orthanc,
    `/studies/${study}/instances`,
  );
  return new Map(instances.map((i) => [i.MainDicomTags.SOPInstanceUID, i.ID]));
}

/** The Part 10 file Orthanc stores for an instance. */
export async function orthancFile(orthanc: OrthancServer, instanceId: string): Promise<Buffer> {
  const r = await fetch(`${orthanc.httpUrl}/instances/${instanceId}/file`, {
    headers: { Authorization: orthanc.authHeader },
  });
  if (!r.ok) throw new Error(`Orthanc /instances/${instanceId}/file: HTTP ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}

/** Header values of a Part 10 file, naturalized by dcmjs. */
export function naturalHeader(file: string): Record<string, unknown> {
  const b = readFileSync(file);
  const ab = new ArrayBuffer(b.length);
  new Uint8Array(ab).set(b);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile(ab).dict);
}

/** SOP Instance UID -> Pixel Data bytes of every file. */
export function pixelDataBySop(files: readonly string[]): Map<string, Buffer> {
  const m = new Map<string, Buffer>();
  for (const f of files) {
    const h = naturalHeader(f);
    const px = (h.PixelData as ArrayBuffer[] | undefined)?.[0];
    m.set(String(h.SOPInstanceUID), Buffer.from(px ?? new ArrayBuffer(0)));
  }
  return m;
}
