/**
 * SHA-256 in lower-case hex, the one helper for in-memory data (file bytes already read, audit rows,
 * model files, PDFs). Plain Node; never imports electron.
 */
import { createHash } from 'node:crypto';

/** Lower-case hex SHA-256 of a UTF-8 string or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
