// "Nothing is contacted unless configured": with no PACS node, a whole CLI session (import, analyze, review,
// export, every pacs subcommand, store purge, audit) opens no TCP or UDP socket and listens on no port. Each
// command runs in a child process with netRecorder.cjs preloaded; a configured node proves the recorder sees sockets.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyModelSkipReason, writeTinyModel } from '../../unit/engine/analysis/fixtures';
import { naturalHeader, tempDir, writeStudy } from './fixtures';
import { freePort } from './orthanc';

if (tinyModelSkipReason) console.warn(`CLI network guard test skipped: ${tinyModelSkipReason}`);

const RECORDER = path.join(__dirname, 'netRecorder.cjs');
const CLI = path.join(__dirname, '../../../main/cli/index.ts');

interface NetEvent {
  op: 'connect' | 'listen' | 'udp';
  path?: string;
  port?: number | string;
  host?: string;
}

function runCli(args: string[], log: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--require', RECORDER, '--import', 'tsx', CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SG_NET_LOG: log },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function events(log: string): NetEvent[] {
  if (!existsSync(log)) return [];
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as NetEvent);
}

/** A network socket: anything but a local IPC pipe / Unix socket path (tsx's own IPC uses one). */
const isNetwork = (e: NetEvent): boolean => e.op === 'udp' || typeof e.path !== 'string';

describe.skipIf(tinyModelSkipReason !== undefined)(
  'no PACS configured: the CLI opens no network socket',
  () => {
    let root = '';
    let model = '';
    beforeAll(() => {
      root = tempDir('nonet');
      model = writeTinyModel();
    });
    afterAll(() => {
      rmSync(root, { recursive: true, force: true });
      rmSync(model, { recursive: true, force: true });
    });

    it('runs a whole session without a socket, and the recorder sees one once a node is configured', async () => {
      const drop = path.join(root, 'drop');
      const files = writeStudy(drop, { studyIndex: 3 });
      const studyUid = String(naturalHeader(files[0]).StudyInstanceUID);
      const store = ['--store', path.join(root, 'store')];
      const log = path.join(root, 'net.log');
      const ok = (args: string[], codes = [0]): string => {
        const r = runCli(args[0] === 'import' ? args : [...args, ...store], log);
        expect(codes, `${args.join(' ')}: ${r.err}`).toContain(r.code);
        return r.out;
      };
      ok(['import', drop]);
      ok(['analyze', drop, '--model', model, '--provider', 'cpu', '--html', path.join(root, 'a.html')]);
      const id = /analysis ([0-9a-f-]{8,})/.exec(ok(['list']))?.[1] ?? '';
      expect(id).not.toBe('');
      ok(['show', id]);
      ok(['pacs', 'list']);
      ok(['pacs', 'list', '--json']);
      for (const sub of [
        ['echo', 'main'],
        ['query', 'main', '--patient-id', 'X'],
        ['retrieve', 'main', studyUid],
        ['send', 'main', id, '--unsigned'],
      ])
        expect(ok(['pacs', ...sub], [3])).toBe('');
      ok(['sign', id, '--reader', 'Dr Test']);
      ok(['export', id, '--html', path.join(root, 'b.html')]);
      ok(['store', 'purge']);
      ok(['audit', 'verify']);
      const seen = events(log);
      expect(seen.filter(isNetwork)).toEqual([]);

      const port = String(await freePort());
      ok(['pacs', 'add', 'main', '--dimse', `127.0.0.1:${port}`, '--aet', 'NOBODY']);
      ok(['pacs', 'echo', 'main'], [3]);
      const after = events(log).slice(seen.length).filter(isNetwork);
      expect(after).toEqual([{ op: 'connect', port: Number(port), host: '127.0.0.1' }]);
    });
  },
);
