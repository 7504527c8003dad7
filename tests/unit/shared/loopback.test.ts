// Shared loopback names and local-only CSP: one definition for the Electron policy, the host and index.html.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopbackHostname, localOnlyCsp } from '../../../main/shared/loopback';

describe('isLoopbackHostname', () => {
  it('accepts the loopback names in any case and nothing that only starts with one', () => {
    for (const name of ['127.0.0.1', 'localhost', 'LocalHost', '[::1]'])
      expect(isLoopbackHostname(name), name).toBe(true);
    for (const name of ['127.0.0.1.nip.io', '10.0.0.5', '::1', 'localhost.example', '', '0.0.0.0']) {
      expect(isLoopbackHostname(name), name).toBe(false);
    }
  });
});

describe('localOnlyCsp', () => {
  it('names no remote origin and appends extra directives last', () => {
    expect(localOnlyCsp()).not.toMatch(/https?:|\*/);
    expect(localOnlyCsp(["frame-ancestors 'none'"])).toBe(`${localOnlyCsp()}; frame-ancestors 'none'`);
  });

  it('is the policy the renderer page carries as a meta tag', () => {
    const html = readFileSync(join(__dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(localOnlyCsp());
  });
});
