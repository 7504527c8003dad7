/**
 * Cornerstone's CPU path (StackViewport, @cornerstonejs/core 5.14) keeps its canvas backing store at the
 * canvas's CSS size (cpuFallback/rendering/resize.js setCanvasSize; BaseRenderingEngine addCustomViewport)
 * but converts canvas <-> world points through window.devicePixelRatio (cpuFallback/rendering/
 * cssPixelConversion.js, used by StackViewport canvasToWorldCPU / worldToCanvasCPU) as if the store were
 * CSS size x devicePixelRatio. At a ratio of 2 every annotation (reference lines, level labels, target
 * marker, lengths) lands at half its place, a Shift-click reads the wrong patient point, the scale bar is
 * half as long and a zoom drag collapses the image. On the CPU path the window therefore reports the ratio
 * the store really has, 1, to Cornerstone. Renderer code: imports nothing.
 */

/** What is patched: the window (or a stand-in in tests). */
export interface PixelRatioHost {
  devicePixelRatio: number;
}

/**
 * Make `host.devicePixelRatio` read 1 from now on (call before Cornerstone's init, on the CPU path only).
 * Returns the ratio the screen had, for display and tests.
 */
export function pinCpuPixelRatio(host: PixelRatioHost): number {
  const screenRatio = host.devicePixelRatio || 1;
  Object.defineProperty(host, 'devicePixelRatio', { configurable: true, get: () => 1 });
  return screenRatio;
}
