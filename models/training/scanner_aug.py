"""Scanner-variation augmentations (issue 9, section 2): in-plane rotation, resolution loss, slice thickness,
smooth coil-shading bias fields, gamma, Rician noise and slice-choice jitter, on normalised numpy stacks.
Imports only numpy and torch (rotation and resampling run through torch on the CPU); never the rest of the trainer.
"""
import math
from dataclasses import dataclass
from typing import Optional

import numpy as np
import torch
import torch.nn.functional as F

MAX_INTENSITY = 1.5  # upper end of the prep's normalised range ("per-series p1/p99 to [0, 1.5]")


@dataclass
class ScannerAugConfig:
    """Ranges of the scanner augmentations; each is drawn per (row, view), so the crops of one series share it.
    A range of 0 (or probability 0) turns that augmentation off."""

    p: float = 0.6  # probability that a (row, view) gets the scanner augmentations at all
    rotate_deg: float = 10.0  # in-plane rotation about the crop / image centre, U(-d, d)
    resolution_max: float = 1.8  # acquisition matrix reduced by U(1, max) per axis (area down, bilinear up)
    resolution_p: float = 0.5
    thickness_max: float = 0.5  # slice profile: x_s <- (1-a) x_s + a/2 (x_s-1 + x_s+1), a ~ U(0, max)
    bias_max: float = 0.3  # coil shading: multiplicative exp(field), |field| <= U(0, max) over the crop
    gamma_log: float = 0.3  # gamma = exp(U(-g, g)) on x / 1.5
    noise_max: float = 0.05  # Rician noise sigma ~ U(0, max) in normalised units
    slice_jitter_p: float = 0.15  # the slice stack moved by one slice (edge repeated): level misplacement


def _angles(rng: np.random.Generator, n: int, deg: float) -> np.ndarray:
    return np.deg2rad(rng.uniform(-deg, deg, n)) if deg > 0 else np.zeros(n)


def rotate_stacks(x: np.ndarray, angles_rad: np.ndarray) -> np.ndarray:
    """Rotate each stack x[i] ([..., H, W]) in-plane by angles_rad[i] about its centre (bilinear, zero fill).
    A feature at normalised point q (x right, y down, -1..1 over the pixel edges) moves to R(-angle) q."""
    n = x.shape[0]
    h, w = x.shape[-2:]
    flat = torch.from_numpy(np.ascontiguousarray(x.reshape(n, -1, h, w), dtype=np.float32))
    c, s = np.cos(angles_rad), np.sin(angles_rad)
    theta = torch.from_numpy(np.stack([np.stack([c, -s, 0 * c], 1), np.stack([s, c, 0 * c], 1)], 1).astype(np.float32))
    grid = F.affine_grid(theta, list(flat.shape), align_corners=False)
    return F.grid_sample(flat, grid, mode='bilinear', padding_mode='zeros', align_corners=False).numpy().reshape(x.shape)


def rotate_points(xy: np.ndarray, angle_rad: float, size_px: int) -> np.ndarray:
    """Where points xy [K, 2] (px, pixel centres at integers) of a size_px-square image land after
    rotate_stacks by angle_rad."""
    u = (xy + 0.5) / size_px * 2 - 1
    c, s = math.cos(angle_rad), math.sin(angle_rad)
    v = np.stack([c * u[:, 0] + s * u[:, 1], -s * u[:, 0] + c * u[:, 1]], 1)  # R^T u
    return (v + 1) / 2 * size_px - 0.5


def reduce_resolution(stack: np.ndarray, fy: float, fx: float) -> np.ndarray:
    """Lower acquisition resolution of one stack [..., H, W]: area-average to H/fy x W/fx, bilinear back."""
    h, w = stack.shape[-2:]
    t = torch.from_numpy(np.ascontiguousarray(stack.reshape(-1, 1, h, w), dtype=np.float32))
    small = F.interpolate(t, size=(max(2, round(h / fy)), max(2, round(w / fx))), mode='area')
    return F.interpolate(small, size=(h, w), mode='bilinear', align_corners=False).numpy().reshape(stack.shape)


def bias_field(rng: np.random.Generator, h: int, w: int, amplitude: float) -> np.ndarray:
    """A smooth multiplicative coil-shading field [H, W] = exp(f), f a random 2nd-order polynomial plus a
    Gaussian coil bump, scaled so max |f| = amplitude."""
    yy, xx = np.meshgrid(np.linspace(-1, 1, h), np.linspace(-1, 1, w), indexing='ij')
    c = rng.normal(0, 1, 5)
    f = c[0] * xx + c[1] * yy + 0.5 * (c[2] * xx * xx + c[3] * yy * yy + c[4] * xx * yy)
    cx, cy = rng.uniform(-1.5, 1.5, 2)
    f = f + 2.0 * np.exp(-((xx - cx) ** 2 + (yy - cy) ** 2) / (2 * rng.uniform(0.5, 1.5) ** 2))
    f = f - f.mean()
    peak = np.abs(f).max()
    return np.exp(f * (amplitude / peak if peak > 0 else 0.0)).astype(np.float32)


def apply_gamma(stack: np.ndarray, gamma: float) -> np.ndarray:
    """Contrast curve of another scanner: 1.5 * (x / 1.5) ** gamma (0 and 1.5 stay)."""
    return MAX_INTENSITY * np.power(np.clip(stack / MAX_INTENSITY, 0.0, None), gamma)


def jitter_slices(stack: np.ndarray, shift: int, axis: int = -3) -> np.ndarray:
    """The slice stack moved by `shift` slices along axis, edge slices repeated."""
    n = stack.shape[axis]
    return np.take(stack, [min(n - 1, max(0, k + shift)) for k in range(n)], axis=axis)


def _per_row(v: np.ndarray, ndim: int) -> torch.Tensor:
    return torch.from_numpy(v.astype(np.float32)).reshape((-1,) + (1,) * (ndim - 1))


def scanner_batch(x: np.ndarray, rng: np.random.Generator, cfg: ScannerAugConfig,
                  bias_amplitude: Optional[float] = None) -> np.ndarray:
    """Everything but rotation for N series' stacks x [N, ..., S, H, W] (slices on axis -3), parameters drawn
    per row: resolution, slice thickness, slice jitter, bias field, gamma, Rician noise. Returns a new float32
    array clipped to [0, 1.5]."""
    n, h, w = x.shape[0], x.shape[-2], x.shape[-1]
    out = np.array(x, dtype=np.float32)
    if cfg.resolution_max > 1:
        for i in np.nonzero(rng.random(n) < cfg.resolution_p)[0]:
            out[i] = reduce_resolution(out[i], rng.uniform(1, cfg.resolution_max), rng.uniform(1, cfg.resolution_max))
    if cfg.slice_jitter_p > 0:
        for i in np.nonzero(rng.random(n) < cfg.slice_jitter_p)[0]:
            out[i] = jitter_slices(out[i], int(rng.choice([-1, 1])))
    t = torch.from_numpy(out)
    if cfg.thickness_max > 0 and x.shape[-3] > 1:
        a = _per_row(rng.uniform(0, cfg.thickness_max, n), t.ndim)
        blend = torch.cat([t[..., :1, :, :], t[..., :-1, :, :]], dim=-3)
        blend.add_(torch.cat([t[..., 1:, :, :], t[..., -1:, :, :]], dim=-3)).mul_(0.5 * a)
        t.mul_(1 - a).add_(blend)
    amp = cfg.bias_max if bias_amplitude is None else bias_amplitude
    if amp > 0:
        fields = np.stack([bias_field(rng, h, w, rng.uniform(0, amp)) for _ in range(n)])
        t.mul_(torch.from_numpy(fields).reshape((n,) + (1,) * (t.ndim - 3) + (h, w)))
    if cfg.gamma_log > 0:
        g = _per_row(np.exp(rng.uniform(-cfg.gamma_log, cfg.gamma_log, n)), t.ndim)
        t.clamp_(min=0.0).mul_(1 / MAX_INTENSITY).pow_(g).mul_(MAX_INTENSITY)
    if cfg.noise_max > 0:
        sigma = _per_row(rng.uniform(0, cfg.noise_max, n), t.ndim)
        gen = torch.Generator().manual_seed(int(rng.integers(0, 2**62)))
        t.add_(torch.randn(t.shape, generator=gen).mul_(sigma)).square_()
        t.add_(torch.randn(t.shape, generator=gen).mul_(sigma).square_()).sqrt_()  # |x + n1 + i n2|: Rician
    return t.clamp_(0.0, MAX_INTENSITY).numpy()


def augment_views(x: np.ndarray, rng: np.random.Generator, cfg: ScannerAugConfig) -> None:
    """Scanner augmentation of one classifier view x [B, (C,) S, P, P] in place: per row, one rotation and one
    draw of the other augmentations for all of its crops (they come from one series)."""
    rows = np.nonzero(rng.random(x.shape[0]) < cfg.p)[0]
    if len(rows) == 0:
        return
    sub = x[rows]
    if cfg.rotate_deg > 0:
        sub = rotate_stacks(sub, _angles(rng, len(rows), cfg.rotate_deg))
    x[rows] = scanner_batch(sub, rng, cfg)


def augment_localizer_images(img: np.ndarray, targets: np.ndarray, rng: np.random.Generator,
                             cfg: ScannerAugConfig, heatmap_px: int) -> None:
    """Scanner augmentation of localizer inputs img [B, 3, H, W] (3 adjacent slices) and their heatmap
    targets [B, K, 3] (x, y, weight) in place: the targets rotate with the image (a point rotated out of the
    field loses its weight); the bias field spans the whole field of view (stronger than over a crop)."""
    rows = np.nonzero(rng.random(img.shape[0]) < cfg.p)[0]
    if len(rows) == 0:
        return
    sub = img[rows]
    if cfg.rotate_deg > 0:
        angles = _angles(rng, len(rows), cfg.rotate_deg)
        sub = rotate_stacks(sub, angles)
        for i, a in zip(rows, angles):
            xy = rotate_points(targets[i, :, :2].astype(np.float64), float(a), heatmap_px)
            targets[i, :, :2] = xy
            outside = ((xy < 0) | (xy > heatmap_px - 1)).any(axis=1)
            targets[i, outside, 2] = 0.0
    img[rows] = scanner_batch(sub, rng, cfg, bias_amplitude=2 * cfg.bias_max)
