// Electron request policy: only local pages and loopback load; the IPC sender must be the app page.
import { describe, expect, it } from 'vitest';
import { APP_CSP, isAllowedRequestUrl, isTrustedSenderUrl } from '../../../main/app/netPolicy';
import { buildMenuTemplate } from '../../../main/app/menu';

describe('isAllowedRequestUrl', () => {
  it('allows the app files and loopback', () => {
    for (const url of [
      'file:///opt/SpineGrade/resources/app.asar/dist/renderer/index.html',
      'data:image/png;base64,AAAA',
      'blob:file:///1234',
      'http://127.0.0.1:5173/api/getAppInfo',
      'http://localhost:8080/',
      'http://[::1]:8080/',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(true);
    }
  });

  it('cancels every remote or unknown request', () => {
    for (const url of [
      'https://fonts.googleapis.com/css',
      'http://127.0.0.1.nip.io/',
      'http://10.0.0.5/',
      'https://update.electronjs.org/',
      'ftp://127.0.0.1/',
      'wss://example.org/socket',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('trusts only file:// senders and has no remote origin in the CSP', () => {
    expect(isTrustedSenderUrl('file:///app/dist/renderer/index.html')).toBe(true);
    expect(isTrustedSenderUrl('https://evil.example/')).toBe(false);
    expect(isTrustedSenderUrl(undefined)).toBe(false);
    expect(APP_CSP).not.toMatch(/https?:|\*/);
  });
});

describe('buildMenuTemplate', () => {
  it('has File > Open study, Print summary, Quit; View > Reload; Help > About', () => {
    const calls: string[] = [];
    const t = buildMenuTemplate(
      {
        openStudy: () => calls.push('open'),
        openFiles: () => calls.push('open-files'),
        printSummary: () => calls.push('print'),
        reload: () => calls.push('reload'),
        about: () => calls.push('about'),
      },
      'linux',
    );
    const labels = t.map((m) => [m.label, (m.submenu as { label?: string }[]).map((i) => i.label ?? '-')]);
    expect(labels).toEqual([
      ['&File', ['Open study folder...', 'Open .zip or DICOM files...', 'Print summary...', '-', 'Quit']],
      ['&View', ['Reload']],
      ['&Help', ['About SpineGrade']],
    ]);
    for (const m of t) for (const i of m.submenu as { click?: () => void }[]) i.click?.();
    expect(calls).toEqual(['open', 'open-files', 'print', 'reload', 'about']);
    expect(
      buildMenuTemplate(
        { openStudy() {}, openFiles() {}, printSummary() {}, reload() {}, about() {} },
        'darwin',
      )[0],
    ).toEqual({
      role: 'appMenu',
    });
  });
});
