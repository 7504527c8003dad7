/**
 * The edge of the contract: validates a call by name and argument, runs it, and turns an expected
 * failure into { ok: false, error }. Used by the IPC handlers and the HTTP host alike.
 * Pure TypeScript plus zod: imports nothing outside main/shared.
 */
import { API_ARG_SCHEMAS, type ApiArg, type ApiMethod, type SpineGradeApi } from './api';
import { API_METHODS, isApiMethod } from './apiMethods';
import { fail, isAppError, type Result } from './errors';

/** Zod issues as one line a person can act on, e.g. 'paths.0: expected string, received number'. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((i) => (i.path.length > 0 ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Validate `arg` against the method's schema; the parsed (and stripped) argument on success. */
export function parseApiArg<M extends ApiMethod>(method: M, arg: unknown): Result<ApiArg<M>> {
  const parsed = API_ARG_SCHEMAS[method].safeParse(arg);
  if (parsed.success) return { ok: true, value: parsed.data as ApiArg<M> };
  return fail({
    code: 'INVALID_ARGUMENT',
    message: `Invalid argument for ${method}: ${describeIssues(parsed.error.issues)}`,
  });
}

/** Run a promise-returning step; an AppError (thrown or rejected) becomes { ok: false, error }. */
export async function settle<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (isAppError(e)) return fail(e.toInfo());
    throw e;
  }
}

/**
 * Call `method` on `api` with an untrusted argument. Unknown methods and invalid arguments come back
 * as INVALID_ARGUMENT; an AppError thrown by the method comes back as its info; anything else is a
 * bug and is rethrown for the face to log.
 */
export async function dispatchApiCall(
  api: SpineGradeApi,
  method: string,
  arg: unknown,
): Promise<Result<unknown>> {
  if (!isApiMethod(method)) {
    return fail({
      code: 'INVALID_ARGUMENT',
      message: `Unknown API method "${method}". Known methods: ${API_METHODS.join(', ')}.`,
    });
  }
  const parsed = parseApiArg(method, arg);
  if (!parsed.ok) return parsed;
  const fn = api[method] as (a: unknown) => Promise<Result<unknown>>;
  try {
    return await fn.call(api, parsed.value);
  } catch (e) {
    if (isAppError(e)) return fail(e.toInfo());
    throw e;
  }
}
