// The renderer's HTTP client, derived from the contract, against the real loopback host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../main/engine/createEngine';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { BINARY_JSON_HEADER } from '../../../main/shared/api';
import { API_METHODS } from '../../../main/shared/apiMethods';
import { createHttpClient, HostUnavailableError, type FetchLike } from '../../../renderer/src/apiClient';
import { authFetch } from '../host/authHelpers';

let dir: string;
let host: RunningHost;
const noEvents = (): (() => void) => () => {};

/** A fetch answer: JSON, or an octet-stream body with the given headers. */
function reply(
  status: number,
  json: unknown,
  binary?: { body: ArrayBuffer; headers: Record<string, string> },
): Awaited<ReturnType<FetchLike>> {
  const headers = new Headers(
    binary
      ? { 'content-type': 'application/octet-stream', ...binary.headers }
      : { 'content-type': 'application/json' },
  );
  return {
    status,
    headers,
    json: async () => json,
    arrayBuffer: async () => binary?.body ?? new ArrayBuffer(0),
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-client-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
  host = await startHost({ engine: createEngine({ appVersion: '1.2.3' }), rendererDir: dir });
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('createHttpClient', () => {
  it('has a function for every contract method and calls the host', async () => {
    const client = createHttpClient(authFetch(host), noEvents, host.url.replace(/\/$/, ''));
    for (const m of API_METHODS) expect(typeof client[m]).toBe('function');
    const r = await client.getAppInfo();
    expect(r).toMatchObject({ ok: true, value: { appVersion: '1.2.3' } });
  });

  it('throws HostUnavailableError when the answer is not a Result', async () => {
    const broken: FetchLike = async () => reply(500, { bug: 'boom' });
    await expect(createHttpClient(broken, noEvents).getAppInfo()).rejects.toThrow(HostUnavailableError);
  });

  it('opens one event stream for all listeners and closes it with the last', () => {
    let opened = 0;
    let closed = 0;
    let push: (d: string) => void = () => {};
    const client = createHttpClient(
      async () => reply(200, {}),
      (_url, onData) => {
        opened++;
        push = onData;
        return () => closed++;
      },
    );
    const seen: string[] = [];
    const off1 = client.onEvent((e) => seen.push(`a:${e.type}`));
    const off2 = client.onEvent((e) => seen.push(`b:${e.type}`));
    push(JSON.stringify({ type: 'menu', command: 'print-summary' }));
    off1();
    expect(closed).toBe(0);
    off2();
    expect([opened, closed]).toEqual([1, 1]);
    expect(seen).toEqual(['a:menu', 'b:menu']);
  });

  it('puts binary answers back together and sends binary arguments as octet-stream', async () => {
    const sent: Array<Parameters<FetchLike>> = [];
    const pixels = Int16Array.from([-2, 0, 7, 300]).buffer;
    const fake: FetchLike = async (url, init) => {
      sent.push([url, init]);
      if (url.endsWith('/getStackPixels')) {
        const header = encodeURIComponent(
          JSON.stringify({ ok: true, value: { dtype: 'int16', dims: [2, 2, 1] } }),
        );
        return reply(200, undefined, { body: pixels, headers: { [BINARY_JSON_HEADER]: header } });
      }
      if (url.endsWith('/savePdf')) {
        const json = new TextEncoder().encode(
          JSON.stringify({ ok: true, value: { fileName: 'a.pdf', savedTo: [] } }),
        );
        const body = new Uint8Array(json.length + 5);
        body.set(json);
        body.set([37, 80, 68, 70, 45], json.length); // %PDF-
        return reply(200, undefined, {
          body: body.buffer,
          headers: { 'x-spinegrade-json-bytes': String(json.length) },
        });
      }
      return reply(200, { ok: true, value: { uploadId: 'u', relativePath: 'a', sizeBytes: 3 } });
    };
    const client = createHttpClient(fake, noEvents);
    const r = await client.getStackPixels({ studyInstanceUid: '1', seriesInstanceUid: '2', stackIndex: 0 });
    expect(r.ok && Array.from(new Int16Array(r.value.pixels))).toEqual([-2, 0, 7, 300]);
    expect(r.ok && r.value.dims).toEqual([2, 2, 1]);
    const pdf = await client.savePdf({ analysisId: 'abcd1234' });
    expect(pdf.ok && pdf.value.fileName).toBe('a.pdf');
    expect(pdf.ok && new TextDecoder().decode(pdf.value.pdf)).toBe('%PDF-');
    const bytes = Uint8Array.from([1, 2, 3]).buffer;
    await client.uploadFile({ uploadId: 'upload-1', relativePath: 'a b/1.dcm', bytes });
    const [, init] = sent[2];
    expect(init.body).toBe(bytes);
    expect(init.headers['Content-Type']).toBe('application/octet-stream');
    expect(JSON.parse(decodeURIComponent(init.headers[BINARY_JSON_HEADER]))).toEqual({
      uploadId: 'upload-1',
      relativePath: 'a b/1.dcm',
    });
    expect(sent[0][1].headers['Content-Type']).toBe('application/json');
  });
});
