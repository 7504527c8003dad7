"""Training augmentations on numpy batches, in place: left/right mirror with label swap, view dropout,
intensity jitter, small in-plane shifts and the scanner-variation augmentations of scanner_aug.py.
Imports only numpy, the contract constants and scanner_aug.
"""
from dataclasses import dataclass, field
from typing import Dict

import numpy as np

from . import scanner_aug
from .scanner_aug import ScannerAugConfig

from .contract import (AX_CANAL, AX_LEFT, AX_RIGHT, L_NFN, L_SS, LOC_HEATMAP_PX, LOC_INPUT_PX, R_NFN, R_SS, T1_LEFT,
                       T1_RIGHT)

# Array axis of an axial crop that runs along patient x (lateral): crops are [..., y, x] (models/README.md).
AX_LATERAL_AXIS = -1
VIEW_KEYS = ('sag_t2', 'sag_t1', 'ax_t2')
MAX_INTENSITY = 1.5


@dataclass
class AugmentConfig:
    """Probabilities and ranges of the training augmentations (none are applied for validation)."""

    mirror_p: float = 0.5
    view_dropout_p: float = 0.1
    intensity_scale: float = 0.1
    intensity_shift: float = 0.05
    shift_px: int = 4
    loc_shift_hm_px: int = 3
    scanner: ScannerAugConfig = field(default_factory=ScannerAugConfig)


def mirror_classifier(batch: Dict[str, np.ndarray], rows: np.ndarray) -> None:
    """Mirror the patient left<->right for the given batch rows, in place.

    The right and left crops trade places (sag_t1 0<->1, ax_t2 1<->2) together with their labels
    (left<->right NFN and SS). Each stored crop is already in the side-independent layout of the contract
    (T1 slices lateral->medial, the left recess mirrored), so a swap is the whole mirror for them. The
    midline crops do mirror: the sagittal T2 slice order reverses (slices run along patient x) and the
    axial canal crop flips along its lateral axis.
    """
    if len(rows) == 0:
        return
    t1, ax, lab = batch['sag_t1'], batch['ax_t2'], batch['labels']
    t1[rows, T1_RIGHT], t1[rows, T1_LEFT] = t1[rows, T1_LEFT].copy(), t1[rows, T1_RIGHT].copy()
    ax[rows, AX_RIGHT], ax[rows, AX_LEFT] = ax[rows, AX_LEFT].copy(), ax[rows, AX_RIGHT].copy()
    ax[rows, AX_CANAL] = np.flip(ax[rows, AX_CANAL], axis=AX_LATERAL_AXIS)
    lab[rows, L_NFN], lab[rows, R_NFN] = lab[rows, R_NFN].copy(), lab[rows, L_NFN].copy()
    lab[rows, L_SS], lab[rows, R_SS] = lab[rows, R_SS].copy(), lab[rows, L_SS].copy()
    batch['sag_t2'][rows] = np.flip(batch['sag_t2'][rows], axis=1)


def drop_views(batch: Dict[str, np.ndarray], rng: np.random.Generator, p: float) -> None:
    """Zero a present view and its view_mask bit with probability p, never every present view of a row,
    so the model learns to grade from what is left when a series is missing."""
    mask = batch['view_mask']
    drop = (rng.random(mask.shape) < p) & (mask > 0)
    all_gone = drop.sum(axis=1) >= (mask > 0).sum(axis=1)
    drop[all_gone] = False
    for v, key in enumerate(VIEW_KEYS):
        rows = np.nonzero(drop[:, v])[0]
        batch[key][rows] = 0.0
        mask[rows, v] = 0.0


def _shift2d(img: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Shift the last two axes by (dy, dx) px with zero fill."""
    out = np.zeros_like(img)
    h, w = img.shape[-2:]
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[..., yd, xd] = img[..., ys, xs]
    return out


def _jitter_intensity(x: np.ndarray, rng: np.random.Generator, cfg: AugmentConfig) -> None:
    b = x.shape[0]
    shape = (b,) + (1,) * (x.ndim - 1)
    scale = 1.0 + rng.uniform(-cfg.intensity_scale, cfg.intensity_scale, shape).astype(np.float32)
    shift = rng.uniform(-cfg.intensity_shift, cfg.intensity_shift, shape).astype(np.float32)
    np.clip(x * scale + shift, 0.0, MAX_INTENSITY, out=x)


def augment_classifier_batch(batch: Dict[str, np.ndarray], rng: np.random.Generator,
                             cfg: AugmentConfig) -> None:
    """All classifier augmentations, in place: mirror, shifts, scanner variation (rotation, resolution, slice
    thickness and jitter, bias field, gamma, noise), intensity jitter, then view dropout."""
    mirror_classifier(batch, np.nonzero(rng.random(len(batch['labels'])) < cfg.mirror_p)[0])
    for key in VIEW_KEYS:
        x = batch[key]
        crops = x.reshape((x.shape[0], -1) + x.shape[-3:]) if key != 'sag_t2' else x[:, None]
        for i in range(crops.shape[0]):
            for c in range(crops.shape[1]):
                dy, dx = rng.integers(-cfg.shift_px, cfg.shift_px + 1, 2)
                crops[i, c] = _shift2d(crops[i, c], int(dy), int(dx))
        scanner_aug.augment_views(x, rng, cfg.scanner)
        _jitter_intensity(x, rng, cfg)
        x *= (batch['view_mask'][:, VIEW_KEYS.index(key)] > 0).reshape((-1,) + (1,) * (x.ndim - 1))
    drop_views(batch, rng, cfg.view_dropout_p)


def augment_localizer_batch(batch: Dict[str, np.ndarray], rng: np.random.Generator,
                            cfg: AugmentConfig) -> None:
    """Localizer augmentations, in place: whole-heatmap-pixel shifts and in-plane rotation (targets move with
    the image; a point moved out of the field loses its weight), scanner variation and intensity jitter."""
    scale = LOC_INPUT_PX // LOC_HEATMAP_PX
    img, tgt = batch['image'], batch['targets']
    for i in range(img.shape[0]):
        dy, dx = (int(d) for d in rng.integers(-cfg.loc_shift_hm_px, cfg.loc_shift_hm_px + 1, 2))
        img[i] = _shift2d(img[i], dy * scale, dx * scale)
        tgt[i, :, 0] += dx
        tgt[i, :, 1] += dy
        xy = tgt[i, :, :2]
        outside = ((xy < 0) | (xy > LOC_HEATMAP_PX - 1)).any(axis=1)
        tgt[i, outside, 2] = 0.0
    scanner_aug.augment_localizer_images(img, tgt, rng, cfg.scanner, LOC_HEATMAP_PX)
    _jitter_intensity(img, rng, cfg)
