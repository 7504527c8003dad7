/**
 * Tissue labels of the phantom, their relative MR signal per contrast (T1, T2 FSE, STIR) and how their
 * texture looks (amplitude and grain). Plain TypeScript: imports only the phantom contract; never imports
 * electron or render code.
 */
import type { Contrast } from '../anatomyTypes';

/** Tissue label stored in the phantom's label grid (one byte per voxel). */
export const Tissue = {
  Air: 0,
  Fat: 1,
  Muscle: 2,
  Viscera: 3,
  Cortex: 4,
  Marrow: 5,
  Annulus: 6,
  Nucleus: 7,
  NucleusMid: 8,
  NucleusDegen: 9,
  Csf: 10,
  Neural: 11,
  Ligament: 12,
  Flavum: 13,
  FacetFluid: 14,
  Vessel: 15,
  Skin: 16,
  BowelGas: 17,
  BowelFluid: 18,
  Liver: 19,
  Spleen: 20,
  Kidney: 21,
  Faeces: 22,
  Haemangioma: 23,
  Modic1: 24,
  Modic2: 25,
  Septum: 26,
  Bladder: 27,
  /** Slow venous flow (IVC, iliac veins): grey and uneven on T2, not a flow void. */
  SlowFlow: 28,
  /** Renal medullary pyramids: darker than the cortex on T1, slightly brighter on T2 (more water). */
  KidneyMedulla: 29,
  /** Urine in the renal pelvis and calyces: dark T1, bright T2 and STIR. */
  RenalPelvis: 30,
  /** Aortic wall: thin, intermediate on T1 and T2 (media and adventitia), between lumen and periaortic fat. */
  VesselWall: 31,
  /** Muscle with fine fatty marbling (haloes of the intramuscular fat streaks): a little brighter T1/T2, dark STIR. */
  MuscleMarbled: 32,
  /** Disc: the nucleus's edge, where its water signal starts to fade into the annulus (v5). */
  NucleusFade: 33,
  /** Disc: the inner annulus (transition zone), grey-dark on T2 (v5). */
  InnerAnnulus: 34,
  /** Disc: the middle annulus, darker than the inner, not yet the black outer rim (v5). */
  AnnulusMid: 35,
  /** Basivertebral vein: slow venous blood in its channel at the mid posterior body, dark T1, bright T2 (v5). */
  BasivertebralVein: 36,
  /**
   * A thin fascial plane (thoracolumbar fascia, superficial fascia, septa) filling part of a 1 mm fat cell (v6):
   * between fat and septum, so a sub-voxel plane reads as a continuous faint line, not a dotted one.
   */
  FasciaPartial: 37,
  /** A thin fat plane between two muscles filling part of a 1 mm muscle cell (v6): between muscle and fat. */
  FatPlane: 38,
} as const;
export type Tissue = (typeof Tissue)[keyof typeof Tissue];
export const TISSUE_COUNT = 39;

/** Partial-volume labels: the two tissues each mixes (its gains follow theirs; see buildSpineAnatomy). */
export const PARTIAL_OF: ReadonlyArray<readonly [number, number, number]> = [
  [37, 1, 26],
  [38, 2, 1],
];

/**
 * Relative signal per tissue (index = label), following standard teaching (lumbar-anatomy.md):
 * CSF dark T1 / very bright T2; fat bright on T1 and FSE T2, dark on STIR; fatty marrow
 * intermediate-bright T1, intermediate T2; cortex, ligaments and annulus very dark; nucleus bright T2;
 * liver dark on T2, spleen and kidney brighter; renal cortex brighter than the medulla on T1, the medulla
 * slightly brighter on T2 (corticomedullary differentiation); urine dark T1 / bright T2; vessel wall
 * intermediate; marbled muscle between muscle and fat (bright T1, dark STIR); haemangioma bright on T1 and T2; Modic 1 dark T1 /
 * bright T2 and STIR, Modic 2 bright T1 (fatty) and dark STIR.
 */
const SIGNAL: Record<Contrast, readonly number[]> = {
  // Air Fat  Musc  Visc  Cort  Marr  Annu  Nucl  NucM  NucD  CSF   Neur  Liga  Flav  Facet Vess  Skin  Gas   Fluid
  // Liver Splen Kidn Faec  Haem  Mod1  Mod2  Sept  Blad  Slow  Medul Pelv  Wall  Marb
  // NucF  InnA  AnnM  BVein
  T1: [
    0.0, 0.92, 0.32, 0.42, 0.05, 0.52, 0.18, 0.36, 0.33, 0.28, 0.12, 0.4, 0.1, 0.28, 0.14, 0.06, 0.5, 0.02,
    0.16, 0.46, 0.36, 0.42, 0.3, 0.82, 0.3, 0.84, 0.2, 0.1, 0.2, 0.27, 0.1, 0.3, 0.42, 0.35, 0.28, 0.22, 0.2,
    0.6, 0.62,
  ],
  T2: [
    0.0, 0.78, 0.2, 0.36, 0.04, 0.44, 0.09, 0.88, 0.55, 0.24, 1.0, 0.3, 0.06, 0.16, 0.72, 0.05, 0.45, 0.02,
    0.85, 0.18, 0.5, 0.48, 0.3, 0.86, 0.72, 0.62, 0.14, 0.95, 0.4, 0.62, 0.92, 0.22, 0.27, 0.74, 0.36, 0.2,
    0.64, 0.5, 0.47,
  ],
  STIR: [
    0.0, 0.07, 0.26, 0.34, 0.04, 0.14, 0.12, 0.82, 0.52, 0.22, 1.0, 0.34, 0.06, 0.14, 0.8, 0.05, 0.3, 0.02,
    0.9, 0.22, 0.56, 0.56, 0.28, 0.5, 0.7, 0.12, 0.12, 1.0, 0.45, 0.7, 0.96, 0.2, 0.2, 0.68, 0.32, 0.18, 0.75,
    0.1, 0.17,
  ],
};

/**
 * Relative amplitude of the texture per tissue (index = label; standard deviation as a fraction of the
 * tissue's signal). v5 (real MR, not speckle): fat smooth and homogeneous (its septa are labels), marrow fairly
 * homogeneous with low-frequency heterogeneity and fatty islands, muscle homogeneous with faint striation along
 * the fibres, cortex, ligaments and annulus nearly flat; noise comes from the acquisition (Rician), not here.
 */
export const TEXTURE_AMPLITUDE: readonly number[] = [
  // Air  Fat   Musc  Visc  Cort  Marr  Annu  Nucl  NucM  NucD  CSF   Neur  Liga  Flav  Facet Vess  Skin
  0, 0.025, 0.06, 0.16, 0.04, 0.1, 0.06, 0.05, 0.07, 0.09, 0.02, 0.06, 0.05, 0.06, 0.04, 0.12, 0.05,
  // Gas Fluid Liver Splen Kidn  Faec  Haem  Mod1  Mod2  Sept  Blad  Slow  Medul Pelv  Wall  Marb
  0, 0.08, 0.05, 0.05, 0.08, 0.45, 0.12, 0.1, 0.1, 0.06, 0.03, 0.25, 0.06, 0.03, 0.05, 0.07,
  // NucF InnA  AnnM  BVein FascP FatPl
  0.05, 0.06, 0.05, 0.06, 0.03, 0.04,
];

/**
 * Texture grain per tissue: 0 fine, 1 medium (fat lobules, nuclei), 2 coarse (bowel contents, organs, the
 * slow drift of fat), 3 fibre (long along body z: muscle striation, roots, ligaments), 4 marrow (patches and
 * fatty islands). See render/texture.ts.
 */
export const TEXTURE_GRAIN: readonly number[] = [
  0, 2, 3, 1, 1, 4, 3, 1, 1, 1, 0, 3, 3, 3, 0, 3, 1, 0, 1, 2, 2, 1, 0, 1, 1, 4, 1, 2, 2, 1, 2, 1, 3, 1, 1, 3,
  1, 3, 3,
];

/** STIR: fat suppression is uneven (field inhomogeneity): coarse, strong texture on fat. */
export const STIR_FAT_TEXTURE = { amplitude: 0.7, grain: 2 };

/**
 * STIR marrow: the fatty islands of the marrow texture are suppressed, so its amplitude is negative (fattier
 * patches darker, as on a real STIR).
 */
export const STIR_MARROW_TEXTURE_AMPLITUDE = -0.1;

/** Base signal table of one contrast (index = tissue label). */
export function baseSignal(contrast: Contrast): readonly number[] {
  return SIGNAL[contrast];
}
