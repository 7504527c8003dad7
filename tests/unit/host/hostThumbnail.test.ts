// getStackThumbnail through the browser host: application/octet-stream with the engine's exact uint8
// bytes (JSON part in the x-spinegrade-json header), rebuilt as an ArrayBuffer by the renderer's client;
// 401 without this launch's token and with a wrong one, like every other call. Real phantom study,
// real store, real HTTP.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../main/engine/createEngine';
import { newHostToken } from '../../../main/host/authToken';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { BINARY_JSON_HEADER, type ApiArg } from '../../../main/shared/api';
import { createHttpClient } from '../../../renderer/src/apiClient';
import { tempDir } from '../engine/analysis/fixtures';
import { phantomEngine } from './phantomEngine';
import { authFetch, hostRequest } from './authHelpers';

let root = '';
let engine: Engine;
let host: RunningHost;
const args: Array<ApiArg<'getStackThumbnail'>> = [];

beforeAll(async () => {
  root = tempDir('host-thumbnail');
  const fixture = await phantomEngine(root);
  engine = fixture.engine;
  const { studyInstanceUid } = fixture.detail.study;
  for (const s of fixture.detail.series)
    for (const st of s.stacks)
      args.push({ studyInstanceUid, seriesInstanceUid: st.seriesInstanceUid, stackIndex: st.stackIndex });
  host = await startHost({ engine, rendererDir: fixture.rendererDir });
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

const url = (): string => `http://127.0.0.1:${host.port}/api/getStackThumbnail`;

describe('host getStackThumbnail', () => {
  it('answers application/octet-stream: the engine bytes as the body, the rest as JSON in a header', async () => {
    const direct = await engine.getStackThumbnail(args[0]);
    if (!direct.ok) throw new Error(direct.error.message);
    const res = await fetch(url(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(args[0]),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBe(direct.value.width * direct.value.height);
    expect(body.equals(Buffer.from(direct.value.pixels))).toBe(true);
    const { pixels: _p, ...rest } = direct.value;
    const header = res.headers.get(BINARY_JSON_HEADER);
    expect(JSON.parse(decodeURIComponent(String(header)))).toEqual({ ok: true, value: rest });
  });

  it('rebuilds every stack thumbnail as an ArrayBuffer in the renderer client; errors stay JSON', async () => {
    const client = createHttpClient(authFetch(host), () => () => {}, `http://127.0.0.1:${host.port}`);
    expect(args.length).toBeGreaterThanOrEqual(3);
    for (const arg of args) {
      const [viaHttp, direct] = await Promise.all([
        client.getStackThumbnail(arg),
        engine.getStackThumbnail(arg),
      ]);
      if (!viaHttp.ok || !direct.ok) throw new Error('getStackThumbnail failed');
      expect(viaHttp.value.pixels).toBeInstanceOf(ArrayBuffer);
      expect(Buffer.from(viaHttp.value.pixels).equals(Buffer.from(direct.value.pixels))).toBe(true);
      expect({ ...viaHttp.value, pixels: null }).toEqual({ ...direct.value, pixels: null });
      expect(Math.max(viaHttp.value.width, viaHttp.value.height)).toBeLessThanOrEqual(128);
    }
    const missing = await client.getStackThumbnail({ ...args[0], stackIndex: 42 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('is refused (401) without this launch token and with a wrong one', async () => {
    const json = { 'Content-Type': 'application/json' };
    for (const headers of [json, { ...json, Authorization: `Bearer ${newHostToken()}` }]) {
      const r = await hostRequest(host.port, {
        method: 'POST',
        path: '/api/getStackThumbnail',
        headers,
        body: JSON.stringify(args[0]),
      });
      expect(r.status).toBe(401);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });
});
