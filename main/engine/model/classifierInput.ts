/**
 * The classifier's inputs for one level (models/README.md "Classifier"), built the same way by prep and
 * at inference: sag_t2, sag_t1, ax_t2 crops and view_mask. Plain Node; never imports electron.
 */
import type { Vec3 } from '../../shared/vec3';
import type { Volume } from '../volume/types';
import { axialCrops, foramenCrops, sagittalCrop, type CropCentre, type CropSpec } from './crops';

/** Where to crop each view for one level; an absent view gives zeros and view_mask 0. */
export interface LevelViews {
  /** Sagittal T2/STIR at the level point; k defaults to the slice nearest the point. */
  sagT2?: { volume: Volume; pointLps: Vec3; k?: number };
  /** Sagittal T1 at the right and left foramen points. */
  sagT1?: { volume: Volume; rightLps: Vec3; leftLps: Vec3; kRight?: number; kLeft?: number };
  /** Axial T2 stack and the slice nearest the disc plane; the crops centre on the level point. */
  axT2?: { volume: Volume; levelPointLps: Vec3; k: number };
}

export interface ClassifierInput {
  /** [S, P, P] */
  sagT2: Float32Array;
  /** [2, S, P, P] */
  sagT1: Float32Array;
  /** [3, S, P, P] */
  axT2: Float32Array;
  /** [3]: sag_t2, sag_t1, ax_t2 present. */
  viewMask: Float32Array;
  centres: {
    sagT2?: CropCentre;
    sagT1?: { right: CropCentre; left: CropCentre };
    axT2?: { canal: CropCentre; right: CropCentre; left: CropCentre };
  };
}

/** Tensor sizes (values) of one row of each classifier input. */
export function classifierRowSizes(spec: CropSpec): { sagT2: number; sagT1: number; axT2: number } {
  const view = spec.slices * spec.px * spec.px;
  return { sagT2: view, sagT1: 2 * view, axT2: 3 * view };
}

/** Build one level's classifier inputs from the views given. */
export function buildClassifierInput(views: LevelViews, spec: CropSpec): ClassifierInput {
  const sizes = classifierRowSizes(spec);
  const out: ClassifierInput = {
    sagT2: new Float32Array(sizes.sagT2),
    sagT1: new Float32Array(sizes.sagT1),
    axT2: new Float32Array(sizes.axT2),
    viewMask: new Float32Array(3),
    centres: {},
  };
  if (views.sagT2) {
    const c = sagittalCrop(views.sagT2.volume, views.sagT2.pointLps, spec, { centreK: views.sagT2.k });
    out.sagT2 = c.data;
    out.viewMask[0] = 1;
    out.centres.sagT2 = c.centre;
  }
  if (views.sagT1) {
    const v = views.sagT1;
    const c = foramenCrops(v.volume, v.rightLps, v.leftLps, spec, { right: v.kRight, left: v.kLeft });
    out.sagT1 = c.data;
    out.viewMask[1] = 1;
    out.centres.sagT1 = { right: c.centres[0], left: c.centres[1] };
  }
  if (views.axT2) {
    const c = axialCrops(views.axT2.volume, views.axT2.levelPointLps, views.axT2.k, spec);
    out.axT2 = c.data;
    out.viewMask[2] = 1;
    out.centres.axT2 = { canal: c.centres[0], right: c.centres[1], left: c.centres[2] };
  }
  return out;
}
