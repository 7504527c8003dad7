// The IPC edge with binary fields: registerApiHandlers over a real engine and store answers getStackPixels
// (and getStackThumbnail) with an ArrayBuffer that survives structured clone (what Electron's IPC uses) byte for byte, and a
// typed array or another realm's ArrayBuffer from the renderer passes the contract's zod check.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { rmSync } from 'node:fs';
import vm from 'node:vm';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApiHandlers } from '../../../main/app/ipc';
import { asLocalArrayBuffer, binaryArgFromIpc, binaryResultForIpc } from '../../../main/app/ipcBinary';
import { createEngine, type Engine } from '../../../main/engine/createEngine';
import { apiChannel } from '../../../main/shared/apiMethods';
import type { StackPixels, StackThumbnail } from '../../../main/shared/apiWorkspace';
import type { Result } from '../../../main/shared/errors';
import { tempDir, writePhantomStudy } from '../engine/analysis/fixtures';

type Handler = (event: IpcMainInvokeEvent, arg: unknown) => Promise<unknown>;
const sha = (b: ArrayBuffer): string => createHash('sha256').update(new Uint8Array(b)).digest('hex');
const fromApp = { senderFrame: { url: 'file:///app/dist/renderer/index.html' } } as IpcMainInvokeEvent;

let root = '';
let engine: Engine;
const handlers = new Map<string, Handler>();

beforeAll(async () => {
  root = tempDir('ipc-binary');
  writePhantomStudy(path.join(root, 'data'));
  engine = createEngine({ storeDir: path.join(root, 'store') });
  const fakeIpc = { handle: (ch: string, h: Handler) => handlers.set(ch, h), removeHandler: () => {} };
  registerApiHandlers(fakeIpc as unknown as IpcMain, engine, () => {});
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('IPC binary fields', () => {
  it('answers getStackPixels with an ArrayBuffer that structured clone carries unchanged', async () => {
    const call = (m: string, arg: unknown): Promise<unknown> =>
      handlers.get(apiChannel(m as 'getAppInfo'))!(fromApp, arg);
    const imported = (await call('importStudy', { paths: [path.join(root, 'data')] })) as Result<{
      studies: Array<{ studyInstanceUid: string }>;
    }>;
    if (!imported.ok) throw new Error(imported.error.message);
    const studyInstanceUid = imported.value.studies[0].studyInstanceUid;
    const detail = await engine.getStudyDetail({ studyInstanceUid });
    if (!detail.ok) throw new Error(detail.error.message);
    const s = detail.value.series[0].stacks[0];
    const arg = { studyInstanceUid, seriesInstanceUid: s.seriesInstanceUid, stackIndex: s.stackIndex };
    const answer = structuredClone(await call('getStackPixels', arg)) as Result<StackPixels>;
    const direct = await engine.getStackPixels(arg);
    if (!answer.ok || !direct.ok) throw new Error('getStackPixels failed');
    expect(answer.value.pixels).toBeInstanceOf(ArrayBuffer);
    expect(answer.value.pixels.byteLength).toBe(direct.value.pixels.byteLength);
    expect(sha(answer.value.pixels)).toBe(sha(direct.value.pixels));
    const thumb = structuredClone(await call('getStackThumbnail', arg)) as Result<StackThumbnail>;
    const thumbDirect = await engine.getStackThumbnail(arg);
    if (!thumb.ok || !thumbDirect.ok) throw new Error('getStackThumbnail failed');
    expect(thumb.value.pixels).toBeInstanceOf(ArrayBuffer);
    expect(thumb.value.pixels.byteLength).toBe(thumb.value.width * thumb.value.height);
    expect(sha(thumb.value.pixels)).toBe(sha(thumbDirect.value.pixels));
    const fromBuffer = binaryResultForIpc('getStackThumbnail', {
      ok: true,
      value: { ...thumbDirect.value, pixels: Buffer.from(thumbDirect.value.pixels) },
    }) as Result<StackThumbnail>;
    expect(fromBuffer.ok && fromBuffer.value.pixels instanceof ArrayBuffer).toBe(true);
  });

  it('turns a typed array, a Buffer or a foreign-realm ArrayBuffer into a local ArrayBuffer', () => {
    const foreign = vm.runInNewContext('new Uint8Array([5, 6, 7]).buffer') as ArrayBuffer;
    expect(foreign instanceof ArrayBuffer).toBe(false);
    for (const v of [foreign, Uint8Array.from([5, 6, 7]), Buffer.from([9, 5, 6, 7]).subarray(1)]) {
      const local = asLocalArrayBuffer(v)!;
      expect(local).toBeInstanceOf(ArrayBuffer);
      expect(Array.from(new Uint8Array(local))).toEqual([5, 6, 7]);
    }
    expect(asLocalArrayBuffer('bytes')).toBeUndefined();
    const arg = binaryArgFromIpc('uploadFile', {
      uploadId: 'u1234567',
      relativePath: 'a',
      bytes: foreign,
    }) as {
      bytes: ArrayBuffer;
    };
    expect(arg.bytes).toBeInstanceOf(ArrayBuffer);
    const plain = { analysisId: 'abcd1234' };
    expect(binaryArgFromIpc('getReport', plain)).toBe(plain);
    const pdf = binaryResultForIpc('savePdf', {
      ok: true,
      value: { fileName: 'a.pdf', pdf: Buffer.from('%PDF'), savedTo: [] },
    });
    expect(pdf.ok && (pdf.value as { pdf: unknown }).pdf).toBeInstanceOf(ArrayBuffer);
  });

  it('validates uploadFile bytes at the edge after normalising them', async () => {
    const call = handlers.get(apiChannel('uploadFile'))!;
    const bad = (await call(fromApp, {
      uploadId: 'upload-1',
      relativePath: 'a.dcm',
      bytes: 'AAAA',
    })) as Result<unknown>;
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/bytes/) },
    });
    const foreign = vm.runInNewContext('new Uint8Array([1]).buffer') as ArrayBuffer;
    const ok = (await call(fromApp, {
      uploadId: 'upload-1',
      relativePath: 'a.dcm',
      bytes: foreign,
    })) as Result<unknown>;
    // Past the zod check: whatever uploadFile answers, it is not a complaint about `bytes`.
    expect(JSON.stringify(ok)).not.toMatch(/bytes:/);
  });
});
