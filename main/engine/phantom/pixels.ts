/**
 * Pixels of one phantom instance: the anatomy rendered on the slice's plane, acquisition effects (Rician
 * noise, bias field, ghosting), then the scanner's intensity scale and offset, stored as unsigned 16-bit.
 * Never imports electron.
 */
import type { SliceGeometry } from '../../shared/sliceGeometry';
import type { SpineAnatomy } from './anatomyTypes';
import type { SeriesPlan } from './layoutTypes';
import { acquireStored } from './render/acquisition';
import { renderSliceScratch } from './render/renderSlice';
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
  /** Phase-encode ghost amplitude (0 none); strong in the few series with patient motion. */
  ghosting: number;
  /** Ghost replicas along the phase-encode axis (1 faint ghosting, 2-3 motion). */
  ghostCopies: number;
  /** Share of k-space acquired along (columns, rows): acquired over stored matrix (PSF and Gibbs ringing). */
  kspaceFraction: readonly [number, number];
}

/** Draw a series' intensity mapping and acquisition effects for its (0028,0101) Bits Stored. */
export function drawSeriesIntensity(rng: Rng, bitsStored: 12 | 16): SeriesIntensity {
  const maxStored = 2 ** bitsStored - 1;
  return {
    scale: bitsStored === 12 ? rng.uniform(500, 2200) : rng.uniform(400, 3500),
    offset: rng.uniform(0, 40),
    maxStored,
    noiseSigma: rng.uniform(0.0085, 0.013),
    biasStrength: rng.uniform(0.08, 0.35),
    ghosting: rng.bool(0.3) ? rng.uniform(0.005, 0.03) : 0,
    ...motionAndResolution(rng),
  };
}

/** Motion ghosting in about 1 series in 10 and the acquired k-space share (drawn after the v1 fields). */
function motionAndResolution(
  rng: Rng,
): Pick<SeriesIntensity, 'ghostCopies' | 'kspaceFraction'> & { ghosting?: number } {
  const motion = rng.bool(0.1);
  const readout = rng.uniform(0.68, 0.95);
  const phase = readout * rng.uniform(0.75, 1);
  return {
    ghostCopies: motion ? rng.int(2, 3) : 1,
    kspaceFraction: [readout, phase],
    ...(motion ? { ghosting: rng.uniform(0.03, 0.07) } : {}),
  };
}

/** The patient's posterior direction in the slice's (col, row) axes: the spine coil side. */
function posteriorInPlane(anatomy: SpineAnatomy, g: SliceGeometry): [number, number] {
  const p = anatomy.bodyAxes[1];
  const d = (a: readonly number[]): number => a[0] * p[0] + a[1] * p[1] + a[2] * p[2];
  return [d(g.rowDirection), d(g.columnDirection)];
}

/** Render, degrade and quantise one slice; `rng` feeds only this slice's noise. */
export function instancePixels(
  anatomy: SpineAnatomy,
  plan: SeriesPlan,
  geometry: SliceGeometry,
  intensity: SeriesIntensity,
  rng: Rng,
): Uint16Array {
  // The clean image lives in a work buffer: acquireStored only reads it.
  const clean = renderSliceScratch(anatomy, {
    geometry,
    cols: plan.cols,
    rows: plan.rows,
    sliceThicknessMm: plan.sliceThicknessMm,
    contrast: plan.contrast,
    kspaceFraction: intensity.kspaceFraction,
  });
  return acquireStored(
    clean,
    plan.cols,
    plan.rows,
    rng,
    {
      noiseSigma: intensity.noiseSigma,
      biasStrength: intensity.biasStrength,
      ghosting: intensity.ghosting,
      ghostCopies: intensity.ghostCopies,
      posteriorInPlane: posteriorInPlane(anatomy, geometry),
    },
    intensity,
  );
}
