// The contract's edge: unknown methods, invalid arguments and AppErrors come back as Results.
import { describe, expect, it } from 'vitest';
import type { AppInfo, SpineGradeApi } from '../../../main/shared/api';
import { API_ARG_SCHEMAS } from '../../../main/shared/api';
import { dispatchApiCall, parseApiArg } from '../../../main/shared/apiDispatch';
import { API_METHODS, apiChannel, apiPath, isApiMethod } from '../../../main/shared/apiMethods';
import { AppError, type Result } from '../../../main/shared/errors';
import { createEngine } from '../../../main/engine/createEngine';

describe('contract method list', () => {
  it('lists each schema exactly once and derives distinct channels and paths', () => {
    expect([...API_METHODS].sort()).toEqual(Object.keys(API_ARG_SCHEMAS).sort());
    expect(new Set(API_METHODS.map(apiChannel)).size).toBe(API_METHODS.length);
    expect(apiChannel('getAppInfo')).toBe('spinegrade:api:getAppInfo');
    expect(apiPath('getAppInfo')).toBe('/api/getAppInfo');
  });

  it('does not take inherited object keys for methods', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(isApiMethod(name)).toBe(false);
    }
  });
});

describe('dispatchApiCall', () => {
  const engine = createEngine({ appVersion: '9.9.9' });

  it('runs a valid call on the real engine', async () => {
    const r = (await dispatchApiCall(engine, 'getAppInfo', undefined)) as Result<AppInfo>;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.appVersion).toBe('9.9.9');
    expect(r.value.intendedUse).toMatch(/Not for clinical use/);
  });

  it('rejects an unknown method with INVALID_ARGUMENT', async () => {
    const r = await dispatchApiCall(engine, 'deleteEverything', undefined);
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!r.ok) expect(r.error.message).toContain('getAppInfo');
  });

  it('rejects an argument the schema does not allow', async () => {
    const r = await dispatchApiCall(engine, 'getAppInfo', { unexpected: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(parseApiArg('getAppInfo', 42).ok).toBe(false);
    expect(parseApiArg('getAppInfo', undefined).ok).toBe(true);
  });

  it('turns a thrown AppError into its info and rethrows bugs', async () => {
    const throwing = (e: unknown): SpineGradeApi =>
      Object.fromEntries(API_METHODS.map((m) => [m, () => Promise.reject(e)])) as unknown as SpineGradeApi;
    const r = await dispatchApiCall(
      throwing(new AppError('STORE_ERROR', 'disk full', '/x')),
      'getAppInfo',
      undefined,
    );
    expect(r).toEqual({ ok: false, error: { code: 'STORE_ERROR', message: 'disk full', file: '/x' } });
    await expect(dispatchApiCall(throwing(new TypeError('bug')), 'getAppInfo', undefined)).rejects.toThrow(
      'bug',
    );
  });
});
