import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatDicomDate,
  formatIsoTime,
  formatPersonName,
} from '../../../../main/engine/report/format';

describe('report text helpers', () => {
  it('escapes every HTML-special character', () => {
    expect(escapeHtml(`<b>"O'Neil" & co</b>`)).toBe('&lt;b&gt;&quot;O&#39;Neil&quot; &amp; co&lt;/b&gt;');
  });
  it('formats DICOM dates and person names', () => {
    expect(formatDicomDate('20240315')).toBe('2024-03-15');
    expect(formatDicomDate('')).toBe('–');
    expect(formatDicomDate('2024')).toBe('2024');
    expect(formatPersonName('Doe^Jane^Q^Dr^III')).toBe('Doe, Dr Jane Q III');
    expect(formatPersonName('Yamada^Tarou=山田^太郎')).toBe('Yamada, Tarou');
    expect(formatPersonName('')).toBe('–');
  });
  it('prints times in UTC', () => {
    expect(formatIsoTime('2024-03-16T10:05:59.000Z')).toBe('2024-03-16 10:05 UTC');
    expect(formatIsoTime('not a time')).toBe('not a time');
  });
});
