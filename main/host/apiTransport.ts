/**
 * Bodies of the host's API calls: JSON, or binary for the contract's BINARY_ARG_FIELDS / BINARY_VALUE_FIELDS
 * (application/octet-stream body = the bytes, the rest as URI-encoded JSON in the x-spinegrade-json
 * header; never JSON arrays or base64). Plain Node; no electron, app or renderer code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BINARY_ARG_FIELDS,
  BINARY_JSON_HEADER,
  BINARY_VALUE_FIELDS,
  MAX_UPLOAD_FILE_BYTES,
} from '../shared/api';
import type { Result } from '../shared/errors';
import { securityHeaders } from './staticFiles';

/** Largest JSON request body accepted (arguments are small: paths, ids, grades). */
export const MAX_JSON_BODY_BYTES = 1 << 20;
/**
 * When the JSON part of a binary answer would make a header longer than this, it goes at the start of
 * the body instead and this header gives its length in bytes (browsers and Node cap header sizes).
 */
export const BINARY_JSON_BYTES_HEADER = 'x-spinegrade-json-bytes';
export const MAX_JSON_HEADER_CHARS = 8 * 1024;

/** A request body that is not what the call needs; becomes a 4xx answer. */
export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBytes(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        reject(new BodyError(413, `The request body is larger than ${maxBytes} bytes.`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const binaryArgField = (method: string): string | undefined =>
  (BINARY_ARG_FIELDS as Record<string, string>)[method];
const binaryValueField = (method: string): string | undefined =>
  (BINARY_VALUE_FIELDS as Record<string, string>)[method];

/** A Buffer's bytes as a standalone ArrayBuffer. */
function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/**
 * The call's argument: a JSON body, or (methods with a binary argument field) an octet-stream body as
 * that field and the other fields as JSON in the x-spinegrade-json header. Throws BodyError.
 */
export async function readApiArg(method: string, req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const field = binaryArgField(method);
  if (field && type.startsWith('application/octet-stream')) {
    const header = req.headers[BINARY_JSON_HEADER];
    let rest: unknown;
    try {
      rest = typeof header === 'string' ? JSON.parse(decodeURIComponent(header)) : {};
    } catch {
      throw new BodyError(400, `The ${BINARY_JSON_HEADER} header is not URI-encoded JSON.`);
    }
    if (typeof rest !== 'object' || rest === null || Array.isArray(rest))
      throw new BodyError(400, `The ${BINARY_JSON_HEADER} header must hold a JSON object.`);
    const bytes = await readBytes(req, MAX_UPLOAD_FILE_BYTES);
    return { ...rest, [field]: toArrayBuffer(bytes) };
  }
  if (!type.startsWith('application/json')) {
    const binary = field ? ` (or application/octet-stream with the ${field} bytes)` : '';
    throw new BodyError(415, `API calls must be POST with Content-Type: application/json${binary}.`);
  }
  const text = (await readBytes(req, MAX_JSON_BODY_BYTES).catch(() => null))?.toString('utf8');
  if (text === undefined)
    throw new BodyError(400, `The request body is not JSON of at most ${MAX_JSON_BODY_BYTES} bytes.`);
  try {
    return text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new BodyError(400, `The request body is not JSON of at most ${MAX_JSON_BODY_BYTES} bytes.`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...securityHeaders(),
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

/**
 * Answer a call's Result. A successful value whose binary field holds an ArrayBuffer goes as an
 * octet-stream body (the bytes) with the Result minus that field as JSON in the x-spinegrade-json
 * header (or, when longer than MAX_JSON_HEADER_CHARS, at the start of the body: x-spinegrade-json-bytes).
 */
export function sendResult(
  res: ServerResponse,
  method: string,
  status: number,
  result: Result<unknown>,
): void {
  const field = binaryValueField(method);
  const value = result.ok ? (result.value as Record<string, unknown> | null) : null;
  const bytes = field && value && typeof value === 'object' ? value[field] : undefined;
  if (!(bytes instanceof ArrayBuffer)) return sendJson(res, status, result);
  const { [field as string]: _bytes, ...rest } = value as Record<string, unknown>;
  const json = JSON.stringify({ ok: true, value: rest });
  const encoded = encodeURIComponent(json);
  const headers: Record<string, string> = {
    ...securityHeaders(),
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
  };
  if (encoded.length <= MAX_JSON_HEADER_CHARS) {
    res.writeHead(status, {
      ...headers,
      [BINARY_JSON_HEADER]: encoded,
      'Content-Length': String(bytes.byteLength),
    });
    res.end(Buffer.from(bytes));
    return;
  }
  const prefix = Buffer.from(json, 'utf8');
  res.writeHead(status, {
    ...headers,
    [BINARY_JSON_BYTES_HEADER]: String(prefix.length),
    'Content-Length': String(prefix.length + bytes.byteLength),
  });
  res.write(prefix);
  res.end(Buffer.from(bytes));
}
