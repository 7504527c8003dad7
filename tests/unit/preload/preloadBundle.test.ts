// The bundled preload: one CommonJS file requiring only 'electron', exposing exactly the contract's methods
// (on channels derived from the method list), the event channel and the file-path helper.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPreload } from '../../../scripts/build-preload';
import { API_METHODS, apiChannel, EVENT_CHANNEL } from '../../../main/shared/apiMethods';

let dir: string;
let code: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'spinegrade-preload-'));
  code = readFileSync(await buildPreload(dir), 'utf8');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Run the bundle as Electron's sandbox would, with a recording stand-in for the electron module. */
function runBundle(): {
  exposed: Record<string, unknown>;
  invoked: [string, unknown][];
  required: string[];
  on: string[];
} {
  const exposed: Record<string, unknown> = {};
  const invoked: [string, unknown][] = [];
  const required: string[] = [];
  const on: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
    ipcRenderer: {
      invoke: (ch: string, arg: unknown) => (
        invoked.push([ch, arg]),
        Promise.resolve({ ok: true, value: null })
      ),
      on: (ch: string) => on.push(ch),
      removeListener: () => {},
    },
    webUtils: { getPathForFile: () => '/data/study' },
  };
  const module = { exports: {} };
  const req = (name: string): unknown => {
    required.push(name);
    if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
    return electron;
  };
  vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(req, module, module.exports);
  return { exposed, invoked, required, on };
}

describe('preload bundle', () => {
  it('requires only electron and exposes window.spinegrade built from the method list', async () => {
    const { exposed, invoked, required, on } = runBundle();
    expect(required).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['spinegrade']);
    const bridge = exposed.spinegrade as Record<string, (arg?: unknown) => unknown>;
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'onEvent', 'shell'].sort());
    for (const m of API_METHODS) await bridge[m]();
    expect(invoked.map(([ch]) => ch)).toEqual(API_METHODS.map(apiChannel));
    bridge.onEvent(() => {});
    expect(on).toEqual([EVENT_CHANNEL]);
    expect((bridge.shell as unknown as { pathForFile: (f: object) => string }).pathForFile({})).toBe(
      '/data/study',
    );
  });

  it('hands binary arguments to ipcRenderer.invoke as the ArrayBuffer itself (structured clone, no JSON)', async () => {
    const { exposed, invoked } = runBundle();
    const bridge = exposed.spinegrade as Record<string, (arg?: unknown) => Promise<unknown>>;
    const bytes = Uint8Array.from([0x44, 0x49, 0x43, 0x4d]).buffer;
    await bridge.uploadFile({ uploadId: 'upload-1', relativePath: 'a.dcm', bytes });
    const [channel, arg] = invoked[0];
    expect(channel).toBe(apiChannel('uploadFile'));
    expect((arg as { bytes: unknown }).bytes).toBe(bytes);
    expect(new Uint8Array(structuredClone(arg as { bytes: ArrayBuffer }).bytes)).toEqual(
      new Uint8Array(bytes),
    );
  });
});
