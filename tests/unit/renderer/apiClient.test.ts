// The renderer's HTTP client, derived from the contract, against the real loopback host.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../main/engine/createEngine';
import { startHost, type RunningHost } from '../../../main/host/hostServer';
import { API_METHODS } from '../../../main/shared/apiMethods';
import { createHttpClient, HostUnavailableError, type FetchLike } from '../../../renderer/src/apiClient';

let dir: string;
let host: RunningHost;
const noEvents = (): (() => void) => () => {};

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
    const client = createHttpClient((url, init) => fetch(url, init), noEvents, host.url.replace(/\/$/, ''));
    for (const m of API_METHODS) expect(typeof client[m]).toBe('function');
    const r = await client.getAppInfo();
    expect(r).toMatchObject({ ok: true, value: { appVersion: '1.2.3' } });
  });

  it('throws HostUnavailableError when the answer is not a Result', async () => {
    const broken: FetchLike = async () => ({ status: 500, json: async () => ({ bug: 'boom' }) });
    await expect(createHttpClient(broken, noEvents).getAppInfo()).rejects.toThrow(HostUnavailableError);
  });

  it('opens one event stream for all listeners and closes it with the last', () => {
    let opened = 0;
    let closed = 0;
    let push: (d: string) => void = () => {};
    const client = createHttpClient(
      async () => ({ status: 200, json: async () => ({}) }),
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
});
