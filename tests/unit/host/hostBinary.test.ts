// The host's binary transport: getStackPixels answers application/octet-stream with the engine's exact
// bytes (JSON part in the x-spinegrade-json header), the renderer's client rebuilds the ArrayBuffer, and
// uploadFile's bytes go up as an octet-stream body. Real phantom study, real store, real HTTP.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../main/engine/createEngine';
import { BINARY_JSON_BYTES_HEADER, MAX_JSON_HEADER_CHARS } from '../../../main/host/apiTransport';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { BINARY_JSON_HEADER, type ApiArg } from '../../../main/shared/api';
import type { StudyDetail, UploadResult } from '../../../main/shared/apiWorkspace';
import { createHttpClient } from '../../../renderer/src/apiClient';
import { tempDir } from '../engine/analysis/fixtures';
import { phantomEngine } from './phantomEngine';

const noEvents = (): (() => void) => () => {};

/**
 * This launch's token as a bearer header once the host has one (the security helper's authToken.ts);
 * none before. Keeps this transport test independent of the auth rollout.
 */
const authOf = (h: RunningHost): Record<string, string> => {
  const token = (h as { token?: unknown }).token;
  return typeof token === 'string' ? { Authorization: `Bearer ${token}` } : {};
};
const clientFor = (h: RunningHost): ReturnType<typeof createHttpClient> =>
  createHttpClient(
    (url, init) => fetch(url, { ...init, headers: { ...init.headers, ...authOf(h) } }),
    noEvents,
    h.url.replace(/\/$/, ''),
  );

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function post(
  target: RunningHost,
  method: string,
  headers: Record<string, string>,
  body: Buffer | string,
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: 'POST',
        path: `/api/${method}`,
        headers: { ...authOf(target), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sha = (b: ArrayBuffer | Buffer): string =>
  createHash('sha256')
    .update(b instanceof ArrayBuffer ? new Uint8Array(b) : b)
    .digest('hex');

let root = '';
let engine: Engine;
let host: RunningHost;
let detail: StudyDetail;
let uploads: Array<ApiArg<'uploadFile'>> = [];

beforeAll(async () => {
  root = tempDir('host-binary');
  const fixture = await phantomEngine(root);
  engine = fixture.engine;
  detail = fixture.detail;
  // uploadFile is the security helper's method; this stand-in records what crossed the transport.
  const recording: Engine = {
    ...engine,
    uploadFile: async (arg) => {
      uploads.push(arg);
      const value: UploadResult = {
        uploadId: arg.uploadId,
        relativePath: arg.relativePath,
        sizeBytes: arg.bytes.byteLength,
      };
      return { ok: true, value };
    },
  };
  host = await startHost({ engine: recording, rendererDir: fixture.rendererDir });
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

const stackArg = (): ApiArg<'getStackPixels'> => {
  const s = detail.series.find((x) => x.role === 'Sagittal T2/STIR')!.stacks[0];
  return {
    studyInstanceUid: detail.study.studyInstanceUid,
    seriesInstanceUid: s.seriesInstanceUid,
    stackIndex: s.stackIndex,
  };
};

describe('host binary transport', () => {
  it('answers getStackPixels as octet-stream: the bytes of the engine, the rest as JSON in a header', async () => {
    const direct = await engine.getStackPixels(stackArg());
    if (!direct.ok) throw new Error(direct.error.message);
    const r = await post(
      host,
      'getStackPixels',
      { 'Content-Type': 'application/json' },
      JSON.stringify(stackArg()),
    );
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(Number(r.headers['content-length'])).toBe(direct.value.pixels.byteLength);
    expect(r.body.length).toBe(direct.value.pixels.byteLength);
    expect(sha(r.body)).toBe(sha(direct.value.pixels));
    expect(() => JSON.parse(r.body.toString('utf8'))).toThrow(); // not JSON, not base64 text
    expect(r.body.subarray(0, 64).toString('latin1')).not.toMatch(/^[A-Za-z0-9+/=]+$/);
    const { pixels: _p, ...rest } = direct.value;
    const jsonPart = JSON.parse(decodeURIComponent(String(r.headers[BINARY_JSON_HEADER])));
    expect(jsonPart).toEqual({ ok: true, value: JSON.parse(JSON.stringify(rest)) });
  });

  it('rebuilds the ArrayBuffer in the renderer client, and errors stay JSON Results', async () => {
    const client = clientFor(host);
    const direct = await engine.getStackPixels(stackArg());
    const viaHttp = await client.getStackPixels(stackArg());
    if (!direct.ok || !viaHttp.ok) throw new Error('getStackPixels failed');
    expect(viaHttp.value.pixels).toBeInstanceOf(ArrayBuffer);
    expect(sha(viaHttp.value.pixels)).toBe(sha(direct.value.pixels));
    const { pixels: _a, ...restHttp } = viaHttp.value;
    const { pixels: _b, ...restDirect } = direct.value;
    expect(restHttp).toEqual(restDirect);
    const missing = await client.getStackPixels({ ...stackArg(), stackIndex: 42 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const raw = await post(
      host,
      'getStackPixels',
      { 'Content-Type': 'application/json' },
      JSON.stringify({ ...stackArg(), stackIndex: 42 }),
    );
    expect(raw.headers['content-type']).toMatch(/^application\/json/);
  });

  it('sends uploadFile bytes as an octet-stream body, the other fields in the header', async () => {
    uploads = [];
    const client = clientFor(host);
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7919) % 256).buffer;
    const r = await client.uploadFile({
      uploadId: 'drop-1234',
      relativePath: 'Ä study/série 1/1.dcm',
      bytes,
    });
    expect(r).toEqual({
      ok: true,
      value: { uploadId: 'drop-1234', relativePath: 'Ä study/série 1/1.dcm', sizeBytes: 300_000 },
    });
    expect(uploads).toHaveLength(1);
    expect(uploads[0].bytes).toBeInstanceOf(ArrayBuffer);
    expect(sha(uploads[0].bytes)).toBe(sha(bytes));
    const header = encodeURIComponent(JSON.stringify({ uploadId: 'drop-1234', relativePath: '../x.dcm' }));
    const bad = await post(
      host,
      'uploadFile',
      { 'Content-Type': 'application/octet-stream', [BINARY_JSON_HEADER]: header },
      Buffer.alloc(4),
    );
    expect(JSON.parse(bad.body.toString('utf8'))).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    const notJson = await post(
      host,
      'uploadFile',
      { 'Content-Type': 'application/octet-stream', [BINARY_JSON_HEADER]: '%7Boops' },
      Buffer.alloc(4),
    );
    expect(notJson.status).toBe(400);
    const binaryElsewhere = await post(
      host,
      'getAppInfo',
      { 'Content-Type': 'application/octet-stream' },
      Buffer.alloc(4),
    );
    expect(binaryElsewhere.status).toBe(415);
    expect(uploads).toHaveLength(1);
  });

  it('moves a JSON part too long for a header to the start of the body, and the client reads it back', async () => {
    const direct = await engine.getStackPixels(stackArg());
    if (!direct.ok) throw new Error(direct.error.message);
    const failedSlices = Array.from({ length: 120 }, (_, k) => ({
      sliceIndex: k,
      message: `slice ${k} could not be decoded: ${'x'.repeat(80)}`,
    }));
    const big: Engine = {
      ...engine,
      getStackPixels: async () => ({ ok: true, value: { ...direct.value, failedSlices } }),
    };
    const h = await startHost({ engine: big, rendererDir: path.join(root, 'renderer') });
    try {
      const r = await post(
        h,
        'getStackPixels',
        { 'Content-Type': 'application/json' },
        JSON.stringify(stackArg()),
      );
      expect(r.headers[BINARY_JSON_HEADER]).toBeUndefined();
      const prefix = Number(r.headers[BINARY_JSON_BYTES_HEADER]);
      expect(prefix).toBeGreaterThan(MAX_JSON_HEADER_CHARS);
      expect(sha(r.body.subarray(prefix))).toBe(sha(direct.value.pixels));
      const client = clientFor(h);
      const viaHttp = await client.getStackPixels(stackArg());
      if (!viaHttp.ok) throw new Error(viaHttp.error.message);
      expect(viaHttp.value.failedSlices).toEqual(failedSlices);
      expect(sha(viaHttp.value.pixels)).toBe(sha(direct.value.pixels));
    } finally {
      await h.close();
    }
  });
});
