/**
 * Typed errors and the Result shape that crosses every boundary (IPC, HTTP host, CLI).
 * Pure TypeScript: imports nothing outside main/shared.
 */

/** Expected failure codes: each names something a person can act on. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'NOT_DICOM'
  | 'UNREADABLE'
  | 'TRUNCATED'
  | 'NO_PIXEL_DATA'
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  | 'DECODE_FAILED'
  | 'NOT_MR'
  | 'NOT_SPINE'
  | 'SINGLE_SLICE'
  | 'MIXED_SIZES'
  | 'DUPLICATE_INSTANCE'
  | 'BAD_GEOMETRY'
  | 'ROLE_MISMATCH'
  | 'MISSING_SERIES'
  | 'NO_STUDY'
  | 'MODEL_INVALID'
  | 'MODEL_MISMATCH'
  | 'PROVIDER_FALLBACK'
  | 'STORE_ERROR'
  | 'LOCKED'
  | 'INVALID_ARGUMENT'
  | 'ABORTED'
  | 'DATASET_INVALID'
  | 'EXPORT_FAILED'
  | 'PACS_UNREACHABLE'
  | 'PACS_REFUSED'
  | 'PACS_TIMEOUT'
  | 'PACS_FAILED'
  | 'UNAUTHORIZED'
  | 'UNSAFE_ARCHIVE';

/** Plain, serialisable error record (survives IPC and JSON). */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Optional file or object the problem is about. */
  file?: string;
}

/** An expected failure with a code and a message a person can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly file?: string;

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (file !== undefined) this.file = file;
  }

  toInfo(): ErrorInfo {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file };
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T>(error: ErrorInfo): Result<T> {
  return { ok: false, error };
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
