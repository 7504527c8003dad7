// PACS node configuration (zod-validated JSON, mode 0600, secrets never shown), DICOMweb multipart bodies,
// and query-key checks. No network.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildDicomMultipart, multipartBoundary, splitMultipart } from '../../../main/engine/pacs/multipart';
import {
  addPacsNode,
  getPacsNode,
  loadPacsNodes,
  nodeView,
  pacsConfigPath,
  removePacsNode,
} from '../../../main/engine/pacs/nodeConfig';
import { checkStudyQuery } from '../../../main/engine/pacs/pacsOps';
import { AppError } from '../../../main/shared/errors';
import { cli, tempDir } from './fixtures';

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('PACS node configuration', () => {
  let dir = '';
  beforeEach(() => {
    dir = tempDir('config');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('has no nodes and creates no file until one is added', () => {
    expect(loadPacsNodes(dir)).toEqual([]);
    expect(existsSync(pacsConfigPath(dir))).toBe(false);
    expect(thrown(() => getPacsNode(dir, 'main')).message).toContain('no PACS node is configured');
  });

  it('stores nodes readable by the user only, with defaults, and hides secrets in views', () => {
    addPacsNode(dir, {
      name: 'web',
      kind: 'dicomweb',
      url: 'https://pacs.example.org/dicom-web',
      auth: { type: 'basic', user: 'u', password: 's3cret' },
    });
    addPacsNode(dir, { name: 'dimse', kind: 'dimse', host: '10.0.0.5', port: 104, calledAet: 'PACS' });
    expect(statSync(pacsConfigPath(dir)).mode & 0o777).toBe(0o600);
    const [web, dimse] = loadPacsNodes(dir);
    expect(dimse).toMatchObject({ callingAet: 'SPINEGRADE', retrieve: 'c-get', timeoutMs: 30_000 });
    expect(JSON.stringify(nodeView(web))).not.toContain('s3cret');
    expect(nodeView(web)).toMatchObject({ auth: { type: 'basic', user: 'u' } });
    removePacsNode(dir, 'web');
    expect(loadPacsNodes(dir).map((n) => n.name)).toEqual(['dimse']);
    expect(thrown(() => removePacsNode(dir, 'web')).code).toBe('NOT_FOUND');
  });

  it.each([
    [{ name: 'a', kind: 'dimse', host: 'h', port: 104, calledAet: 'TOO_LONG_AE_TITLE_X' }, 'AE title'],
    [{ name: 'a', kind: 'dimse', host: 'h', port: 104, calledAet: 'BACK\\SLASH' }, 'AE title'],
    [{ name: 'a', kind: 'dimse', host: 'h', port: 70000, calledAet: 'PACS' }, 'port'],
    [
      { name: 'a', kind: 'dimse', host: 'h', port: 104, calledAet: 'PACS', retrieve: 'c-move' },
      '--move-port',
    ],
    [{ name: 'a', kind: 'dicomweb', url: 'ftp://pacs/dicom-web' }, 'http'],
    [{ name: 'a', kind: 'dicomweb', url: 'http://user:pw@pacs/dicom-web' }, 'credentials'],
    [{ name: '../x', kind: 'dicomweb', url: 'http://pacs/dicom-web' }, 'node name'],
  ])('refuses an invalid node %#', (input, words) => {
    const e = thrown(() => addPacsNode(dir, input as Parameters<typeof addPacsNode>[1]));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toContain(words);
    expect(existsSync(pacsConfigPath(dir))).toBe(false);
  });

  it('refuses a duplicate name and a damaged file, naming the file', () => {
    addPacsNode(dir, { name: 'a', kind: 'dicomweb', url: 'http://127.0.0.1:8042/dicom-web' });
    expect(
      thrown(() => addPacsNode(dir, { name: 'a', kind: 'dicomweb', url: 'http://x/y' })).message,
    ).toContain('exists');
    writeFileSync(pacsConfigPath(dir), '{"version":1,"nodes":[{"name":"a"}]}');
    const e = thrown(() => loadPacsNodes(dir));
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.file).toBe(pacsConfigPath(dir));
    writeFileSync(pacsConfigPath(dir), 'not json');
    expect(thrown(() => loadPacsNodes(dir)).message).toContain('not valid JSON');
  });

  it('takes secrets from files on the CLI and never prints them', async () => {
    mkdirSync(dir, { recursive: true });
    const pw = path.join(dir, 'pw.txt');
    writeFileSync(pw, 'cli-s3cret\n');
    const add = await cli([
      'pacs',
      'add',
      'w',
      '--dicomweb',
      'http://127.0.0.1:8042/dicom-web',
      '--user',
      'me',
      '--password-file',
      pw,
      '--store',
      dir,
    ]);
    expect(add.code, add.err).toBe(0);
    expect(JSON.parse(readFileSync(pacsConfigPath(dir), 'utf8')).nodes[0].auth.password).toBe('cli-s3cret');
    const list = await cli(['pacs', 'list', '--json', '--store', dir]);
    const text = await cli(['pacs', 'list', '--store', dir]);
    expect(list.out + text.out + add.out).not.toContain('cli-s3cret');
    expect(text.out).toContain('basic auth as me');
    const bad = await cli(['pacs', 'add', 'd', '--dimse', 'nohostport', '--aet', 'X', '--store', dir]);
    expect(bad.code).toBe(3);
    expect(bad.err).toContain('HOST:PORT');
  });
});

describe('DICOMweb bearer token', () => {
  it('sends the token from --token-file and never prints it; a wrong one is named as 401', async () => {
    const dir = tempDir('bearer');
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers.authorization));
      const ok = req.headers.authorization === 'Bearer tok-123';
      res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/dicom+json' }).end(ok ? '[]' : '');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicom-web`;
      writeFileSync(path.join(dir, 'good'), 'tok-123\n');
      writeFileSync(path.join(dir, 'bad'), 'tok-999');
      for (const name of ['good', 'bad'])
        expect(
          (
            await cli([
              'pacs',
              'add',
              name,
              '--dicomweb',
              url,
              '--token-file',
              path.join(dir, name),
              '--store',
              dir,
            ])
          ).code,
        ).toBe(0);
      const good = await cli(['pacs', 'echo', 'good', '--store', dir]);
      expect(good.code, good.err).toBe(0);
      const bad = await cli(['pacs', 'query', 'bad', '--store', dir]);
      expect(bad.code).toBe(3);
      expect(bad.err).toContain('401 Unauthorized');
      expect(seen.slice(0, 2)).toEqual(['Bearer tok-123', 'Bearer tok-999']);
      const list = await cli(['pacs', 'list', '--json', '--store', dir]);
      expect(good.out + good.err + bad.out + bad.err + list.out).not.toMatch(/tok-123|tok-999/);
      expect(list.out).toContain('"bearer"');
    } finally {
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('DICOMweb multipart/related', () => {
  it('splits what it builds, and notices a cut-off body', () => {
    const parts = [Buffer.from('first\r\n--not-a-boundary'), Buffer.alloc(3000, 7), Buffer.from('')];
    const { contentType, body } = buildDicomMultipart(parts);
    const boundary = multipartBoundary(contentType);
    expect(boundary).toBeDefined();
    const split = splitMultipart(body, boundary ?? '');
    expect(split?.map((p) => p.body)).toEqual(parts);
    expect(split?.[0].headers['content-type']).toBe('application/dicom');
    expect(splitMultipart(body.subarray(0, body.length - 40), boundary ?? '')).toBeUndefined();
    expect(multipartBoundary('multipart/related; type="application/dicom"; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeUndefined();
  });
});

describe('query keys', () => {
  it('accepts DICOM dates and ranges and refuses what a PACS would misread', () => {
    for (const d of ['20240102', '20240101-20240131', '20240101-', '-20240131'])
      expect(() => checkStudyQuery({ studyDate: d })).not.toThrow();
    expect(thrown(() => checkStudyQuery({ studyDate: '2024-01-02' })).message).toContain('YYYYMMDD');
    expect(thrown(() => checkStudyQuery({ patientId: 'A\\B' })).code).toBe('INVALID_ARGUMENT');
  });
});
