// The CPU path's pixel-ratio pin: the window then reports 1 to Cornerstone, whatever the screen's ratio,
// and the screen's ratio is handed back.
import { describe, expect, it } from 'vitest';
import { pinCpuPixelRatio } from '../../../../renderer/src/viewer/cpuPixelRatio';

describe('pinCpuPixelRatio', () => {
  it('makes devicePixelRatio read 1 on a HiDPI screen and returns the screen ratio', () => {
    const host = { devicePixelRatio: 2 };
    expect(pinCpuPixelRatio(host)).toBe(2);
    expect(host.devicePixelRatio).toBe(1);
  });

  it('keeps reading 1 when the screen changes (the window moved to another monitor)', () => {
    let screen = 1.5;
    const host = Object.defineProperty({} as { devicePixelRatio: number }, 'devicePixelRatio', {
      configurable: true,
      get: () => screen,
    });
    expect(pinCpuPixelRatio(host)).toBe(1.5);
    screen = 3;
    expect(host.devicePixelRatio).toBe(1);
  });
});
