/**
 * multipart/related bodies of DICOMweb (PS3.18 8.6.1.2): split a WADO-RS response into its parts and build
 * a STOW-RS request body. Plain Node; never imports electron.
 */
import { randomBytes } from 'node:crypto';

/** The boundary of a multipart Content-Type header, or undefined when there is none. */
export function multipartBoundary(contentType: string | null): string | undefined {
  if (!contentType || !/^multipart\//i.test(contentType.trim())) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

export interface MultipartPart {
  headers: Record<string, string>;
  body: Buffer;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

/**
 * Split a multipart body by `--boundary` delimiters (RFC 2046 5.1.1). Returns undefined when the closing
 * delimiter is missing, i.e. the body was cut off.
 */
export function splitMultipart(body: Buffer, boundary: string): MultipartPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return body.length === 0 ? [] : undefined;
  for (;;) {
    const afterDelimiter = at + delimiter.length;
    if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') return parts;
    const headerStart = body.indexOf('\r\n', afterDelimiter);
    if (headerStart < 0) return undefined;
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd);
    if (headerEnd < 0 || next < 0) return undefined;
    parts.push({
      headers: parseHeaders(body.subarray(headerStart + 2, headerEnd).toString('latin1')),
      body: body.subarray(headerEnd + 4, next),
    });
    at = next + 2;
  }
}

/** A multipart/related body of DICOM Part 10 instances and its Content-Type, for STOW-RS. */
export function buildDicomMultipart(instances: readonly Uint8Array[]): { contentType: string; body: Buffer } {
  const boundary = `spinegrade-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const bytes of instances) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
    body: Buffer.concat(chunks),
  };
}
