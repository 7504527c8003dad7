/**
 * Binary fields at the IPC edge: Electron's structured clone carries ArrayBuffers as they are, but a
 * typed array or Node Buffer, or an ArrayBuffer of another realm, would fail the contract's
 * z.instanceof(ArrayBuffer) or reach the renderer as the wrong type. Pure Node; no electron import.
 */
import { BINARY_ARG_FIELDS, BINARY_VALUE_FIELDS } from '../shared/api';
import type { Result } from '../shared/errors';

const tagOf = (v: unknown): string => Object.prototype.toString.call(v);

/** The bytes of an ArrayBuffer (any realm) or a typed array / Buffer as an ArrayBuffer of this realm. */
export function asLocalArrayBuffer(v: unknown): ArrayBuffer | undefined {
  if (v instanceof ArrayBuffer) return v;
  if (ArrayBuffer.isView(v)) {
    const copy = new Uint8Array(v.byteLength);
    copy.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return copy.buffer;
  }
  if (tagOf(v) === '[object ArrayBuffer]') {
    const foreign = v as ArrayBuffer;
    const copy = new Uint8Array(foreign.byteLength);
    copy.set(new Uint8Array(foreign));
    return copy.buffer;
  }
  return undefined;
}

function withField(obj: unknown, field: string | undefined): unknown {
  if (!field || typeof obj !== 'object' || obj === null) return obj;
  const record = obj as Record<string, unknown>;
  if (record[field] instanceof ArrayBuffer || record[field] === undefined) return obj;
  const bytes = asLocalArrayBuffer(record[field]);
  return bytes ? { ...record, [field]: bytes } : obj;
}

/** An IPC argument with its binary field (BINARY_ARG_FIELDS) as a local ArrayBuffer, before zod sees it. */
export function binaryArgFromIpc(method: string, arg: unknown): unknown {
  return withField(arg, (BINARY_ARG_FIELDS as Record<string, string>)[method]);
}

/** A Result with its binary value field (BINARY_VALUE_FIELDS) as an ArrayBuffer, so the renderer gets one. */
export function binaryResultForIpc(method: string, result: Result<unknown>): Result<unknown> {
  if (!result.ok) return result;
  const value = withField(result.value, (BINARY_VALUE_FIELDS as Record<string, string>)[method]);
  return value === result.value ? result : { ok: true, value };
}
