/**
 * Pixels of one phantom instance: the anatomy rendered on the slice's plane, acquisition effects (Rician
 * noise, bias field, ghosting), then the scanner's intensity scale and offset, stored as unsigned 16-bit.
 * Never imports electron.
 */
import type { SliceGeometry } from '../../shared/sliceGeometry';
import type { SpineAnatomy } from './anatomyTypes';
import type { SeriesPlan } from './layoutTypes';
import { acquireStored } from './render/acquisition';
import { renderSlice } from './render/renderSlice';
import type { Rng } from '../rng';

/** How one series maps tissue signal (~0..1) to stored values, and how noisy it is. */
export interface SeriesIntensity {
  /** Stored value of signal 1.0 (arbitrary scanner units). */
  scale: number;
  /** Stored value of signal 0 (background offset). */
  offset: number;
  /** Largest stored value: 2^BitsStored - 1. */
  maxStored: number;
  /** Rician noise sigma relative to signal 1.0. */
  noiseSigma: number;
  /** Coil-sensitivity shading strength (0 none). */
  biasStrength: number;
  /** Phase-encode ghost amplitude (0 none). */
  ghosting: number;
}

/** Draw a series' intensity mapping and acquisition effects for its (0028,0101) Bits Stored. */
export function drawSeriesIntensity(rng: Rng, bitsStored: 12 | 16): SeriesIntensity {
  const maxStored = 2 ** bitsStored - 1;
  return {
    scale: bitsStored === 12 ? rng.uniform(500, 2200) : rng.uniform(400, 3500),
    offset: rng.uniform(0, 40),
    maxStored,
    noiseSigma: rng.uniform(0.015, 0.045),
    biasStrength: rng.uniform(0.08, 0.35),
    ghosting: rng.bool(0.3) ? rng.uniform(0.005, 0.03) : 0,
  };
}

/** Render, degrade and quantise one slice; `rng` feeds only this slice's noise. */
export function instancePixels(
  anatomy: SpineAnatomy,
  plan: SeriesPlan,
  geometry: SliceGeometry,
  intensity: SeriesIntensity,
  rng: Rng,
): Uint16Array {
  const clean = renderSlice(anatomy, {
    geometry,
    cols: plan.cols,
    rows: plan.rows,
    sliceThicknessMm: plan.sliceThicknessMm,
    contrast: plan.contrast,
  });
  return acquireStored(
    clean,
    plan.cols,
    plan.rows,
    rng,
    { noiseSigma: intensity.noiseSigma, biasStrength: intensity.biasStrength, ghosting: intensity.ghosting },
    intensity,
  );
}
