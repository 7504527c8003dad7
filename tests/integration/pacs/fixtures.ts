/**
 * Shared set-up of the PACS tests: a temporary store with nodes configured through the CLI, and the CLI run
 * in-process with its output captured (study files and Orthanc seeding: seed.ts). Never imports electron.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { main } from '../../../main/cli/index';
import { ORTHANC_AET, ORTHANC_PASSWORD, ORTHANC_USER, type OrthancServer } from './orthanc';

export * from './seed';

export const CALLING_AET = 'SPINEGRADE';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run the CLI in-process with stdout and stderr captured (console output of libraries included). */
export async function cli(args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Add the DICOMweb, C-GET and C-MOVE nodes of `orthanc` to the store folder `store` through the CLI. */
export async function addNodes(
  store: string,
  orthanc: OrthancServer,
  movePort: number,
  timeoutS = 10,
): Promise<void> {
  const pw = path.join(store, 'orthanc-password.txt');
  mkdirSync(store, { recursive: true });
  writeFileSync(pw, `${ORTHANC_PASSWORD}\n`, { mode: 0o600 });
  const common = ['--store', store, '--timeout', String(timeoutS)];
  const dimse = [
    '--dimse',
    `127.0.0.1:${orthanc.dicomPort}`,
    '--aet',
    ORTHANC_AET,
    '--calling-aet',
    CALLING_AET,
  ];
  const runs = [
    ['pacs', 'add', 'web', '--dicomweb', orthanc.dicomWebUrl, '--user', ORTHANC_USER, '--password-file', pw],
    ['pacs', 'add', 'get', ...dimse],
    ['pacs', 'add', 'move', ...dimse, '--move-port', String(movePort)],
  ];
  for (const r of runs) {
    const res = await cli([...r, ...common]);
    if (res.code !== 0) throw new Error(`${r.join(' ')}: ${res.err}`);
  }
}

/** Strings that would reveal the test user's credentials. */
export const SECRETS = [
  ORTHANC_PASSWORD,
  Buffer.from(`${ORTHANC_USER}:${ORTHANC_PASSWORD}`).toString('base64'),
];
