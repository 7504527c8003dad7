// Times on screen: local YYYY-MM-DD HH:MM (not the browser's locale format), unreadable input kept.
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../../../renderer/src/findings/dateTime';

describe('formatDateTime', () => {
  it('writes local date and time with zero padding', () => {
    expect(formatDateTime(new Date(2026, 0, 2, 3, 4, 59).toISOString())).toBe('2026-01-02 03:04');
    expect(formatDateTime(new Date(2026, 11, 31, 23, 59).toISOString())).toBe('2026-12-31 23:59');
  });
  it('keeps an empty or unreadable value as it is', () => {
    expect(formatDateTime('')).toBe('');
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });
});
