"""Losses and calibration: Gaussian heatmap targets, masked soft focal loss for the localizer, (optionally
class-weighted) cross-entropy for the classifier, the weighted-CE undo and temperature fitting.
Imports only torch and the contract constants.
"""
import math
from typing import Optional, Sequence

import torch
import torch.nn.functional as F

from .contract import HEATMAP_SIGMA_PX, LOC_HEATMAP_PX


def render_heatmaps(targets: torch.Tensor, size: int = LOC_HEATMAP_PX,
                    sigma: float = HEATMAP_SIGMA_PX) -> torch.Tensor:
    """[B, C, 3] (x_hm, y_hm, weight) -> [B, C, size, size] Gaussians of peak `weight`.

    Heatmap pixel i has its centre at coordinate i (the same convention the TypeScript decoder's
    centroid uses); weight 0 gives an all-zero map.
    """
    grid = torch.arange(size, dtype=targets.dtype, device=targets.device)
    x, y, w = targets[..., 0, None], targets[..., 1, None], targets[..., 2, None]
    gx = torch.exp(-((grid - x) ** 2) / (2 * sigma**2))
    gy = torch.exp(-((grid - y) ** 2) / (2 * sigma**2))
    return (gy[..., :, None] * gx[..., None, :]) * w[..., None]


def heatmap_focal_loss(pred: torch.Tensor, target: torch.Tensor, channel_mask: torch.Tensor,
                       gamma: float = 2.0) -> torch.Tensor:
    """Soft-target focal BCE on sigmoid heatmaps, only on the channels channel_mask [B, C] keeps.

    Per pixel: -(t (1-p)^g log p + (1-t) p^g log(1-p)); summed over kept channels and divided by the
    number of kept channels, so a batch of all-empty slices still teaches low output.
    """
    p = pred.clamp(1e-6, 1 - 1e-6)
    per_px = -(target * (1 - p) ** gamma * torch.log(p) + (1 - target) * p**gamma * torch.log(1 - p))
    per_channel = per_px.sum(dim=(-2, -1)) * channel_mask
    return per_channel.sum() / channel_mask.sum().clamp(min=1.0)


def classification_loss(logits: torch.Tensor, labels: torch.Tensor,
                        class_weights: Optional[Sequence[float]]) -> torch.Tensor:
    """Cross-entropy over [B, 5, 3] logits and [B, 5] labels (-1 = missing, ignored); class-weighted when
    class_weights is given (torch's 'mean' divides by the summed weights of the labelled rows)."""
    weight = None
    if class_weights is not None:
        weight = torch.tensor(class_weights, dtype=logits.dtype, device=logits.device)
    flat_labels = labels.reshape(-1)
    if bool((flat_labels < 0).all()):
        return logits.sum() * 0.0
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), flat_labels, weight=weight, ignore_index=-1)


def weighted_ce_log_bias(class_weights: Optional[Sequence[float]]) -> torch.Tensor:
    """Logit bias that undoes class-weighted training: a model minimising weighted CE outputs q ∝ w ⊙ p,
    so softmax(logits - log w) = p (divide by the weights and renormalise). Zero for plain CE."""
    if class_weights is None:
        return torch.zeros(3)
    return -torch.tensor([math.log(w) for w in class_weights], dtype=torch.float32)


def fit_temperature(logits: torch.Tensor, labels: torch.Tensor, log_bias: torch.Tensor, steps: int = 200) -> float:
    """Temperature T minimising plain NLL of softmax((logits + log_bias) / T) on held-out rows (labels -1
    ignored). Returns 1.0 when there are too few labelled rows to fit reliably (< 20)."""
    flat_logits = logits.reshape(-1, logits.shape[-1]).detach().float()
    flat_labels = labels.reshape(-1)
    keep = flat_labels >= 0
    if int(keep.sum()) < 20:
        return 1.0
    z, y = flat_logits[keep], flat_labels[keep]
    log_t = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([log_t], lr=0.1, max_iter=steps)

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = F.cross_entropy((z + log_bias) / log_t.exp(), y)
        loss.backward()
        return loss

    opt.step(closure)
    return float(log_t.exp().clamp(0.25, 4.0))
