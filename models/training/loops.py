"""Training and validation loops of both stages under a time budget: the learning rate follows a cosine
over whichever runs out first, the epochs or the minutes. Imports torch, numpy and trainer modules only.
"""
import math
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import numpy as np
import torch
from torch import nn

from . import data, losses
from .presets import Preset

Log = Callable[[str], None]


@dataclass
class Budget:
    """A stage's limits: at most `epochs` passes and `seconds` of wall time (whichever ends first)."""

    epochs: int
    seconds: float


class Schedule:
    """Warm-up then cosine learning rate over progress = max(steps done / planned steps, time used / budget)."""

    def __init__(self, opt: torch.optim.Optimizer, base_lr: float, planned_steps: int, seconds: float) -> None:
        self.opt, self.base_lr, self.planned = opt, base_lr, max(1, planned_steps)
        self.seconds, self.start, self.step_no = seconds, time.monotonic(), 0

    def progress(self) -> float:
        return max(self.step_no / self.planned, (time.monotonic() - self.start) / max(self.seconds, 1e-6))

    def step(self) -> bool:
        """Set the next step's learning rate; False once the budget is spent."""
        p = self.progress()
        if p >= 1.0:
            return False
        warm = min(1.0, (self.step_no + 1) / 20)
        for g in self.opt.param_groups:
            g['lr'] = self.base_lr * warm * 0.5 * (1 + math.cos(math.pi * p))
        self.step_no += 1
        return True


def _optimizer(model: nn.Module, lr: float, wd: float) -> torch.optim.Optimizer:
    return torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)


def _to(batch: Dict[str, torch.Tensor], device: torch.device) -> Dict[str, torch.Tensor]:
    return {k: v.to(device, non_blocking=True) for k, v in batch.items()}


def _autocast(device: torch.device) -> torch.autocast:
    """bfloat16 autocast on CUDA (about 2x faster there); a no-op on CPU. Losses are computed in float32."""
    return torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == 'cuda')


def _fit(stage: str, epoch_batches: Callable[[], Iterator[Dict[str, torch.Tensor]]],
         loss_of: Callable[[Dict[str, torch.Tensor]], torch.Tensor], opt: torch.optim.Optimizer, sched: Schedule,
         budget: Budget, log: Log) -> int:
    """The optimiser loop both stages share: epochs of `epoch_batches()` until the schedule's budget is spent,
    one loss line per epoch. Returns the number of optimiser steps taken."""
    for epoch in range(budget.epochs):
        total, n = 0.0, 0
        for batch in epoch_batches():
            if not sched.step():
                break
            loss = loss_of(batch)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            total, n = total + float(loss), n + 1
        log(f'{stage} epoch {epoch + 1}: loss {total / max(n, 1):.4f} '
            f'({n} steps, {sched.progress():.0%} of budget)')
        if sched.progress() >= 1.0:
            break
    return sched.step_no


def train_localizer(model: nn.Module, arrays: data.LocalizerArrays, rows: np.ndarray, preset: Preset,
                    budget: Budget, device: torch.device, rng: np.random.Generator, log: Log) -> int:
    """Masked focal loss on Gaussian heatmaps; each epoch samples at most preset.loc_rows_per_epoch rows.
    Returns the number of optimiser steps taken."""
    per_epoch = min(len(rows), preset.loc_rows_per_epoch)
    steps_per_epoch = max(1, math.ceil(per_epoch / preset.loc_batch))
    opt = _optimizer(model, preset.loc_lr, preset.weight_decay)
    sched = Schedule(opt, preset.loc_lr, steps_per_epoch * budget.epochs, budget.seconds)
    model.train()

    def epoch_batches() -> Iterator[Dict[str, torch.Tensor]]:
        chosen = rng.choice(rows, size=per_epoch, replace=False)
        return data.localizer_batches(arrays, chosen, preset.loc_batch, rng, preset.aug)

    def loss_of(batch: Dict[str, torch.Tensor]) -> torch.Tensor:
        b = _to(batch, device)
        target = losses.render_heatmaps(b['targets'])
        with _autocast(device):
            logits = model.logits(b['image'])
        return losses.heatmap_focal_loss(torch.sigmoid(logits.float()), target, b['channel_mask'])

    return _fit('localizer', epoch_batches, loss_of, opt, sched, budget, log)


def subpixel_peaks(hm: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
    """(x, y) of each channel's maximum in [B, C, H, W], refined like the TypeScript decoder
    (channelPeak): the vertex of a parabola through the log values of the row and column neighbours,
    clamped to +-0.5 px, none at the border or where the log values are not concave."""
    b, c, h, w = hm.shape
    flat = hm.flatten(2).argmax(dim=2)
    py, px = flat // w, flat % w
    logs = torch.log(hm.clamp(min=1e-6))

    def offset(before: torch.Tensor, at: torch.Tensor, after: torch.Tensor, inside: torch.Tensor) -> torch.Tensor:
        curv = before - 2 * at + after
        d = ((before - after) / (2 * curv).where(curv < 0, torch.ones_like(curv))).clamp(-0.5, 0.5)
        return torch.where((curv < 0) & inside, d, torch.zeros_like(d))

    def at(yy: torch.Tensor, xx: torch.Tensor) -> torch.Tensor:
        return logs.flatten(2).gather(2, (yy.clamp(0, h - 1) * w + xx.clamp(0, w - 1))[..., None])[..., 0]

    v = at(py, px)
    dx = offset(at(py, px - 1), v, at(py, px + 1), (px > 0) & (px < w - 1))
    dy = offset(at(py - 1, px), v, at(py + 1, px), (py > 0) & (py < h - 1))
    return px.float() + dx, py.float() + dy


@torch.no_grad()
def localizer_peak_error(model: nn.Module, arrays: data.LocalizerArrays, rows: np.ndarray, device: torch.device,
                         max_rows: int = 512) -> Optional[float]:
    """Median distance (heatmap px) between each trained channel's sub-pixel peak and its point, on rows
    where the point is on the annotated slice (weight 1). None when there are no such rows."""
    model.eval()
    errs: List[float] = []
    for batch in data.localizer_batches(arrays, rows[:max_rows], 32, None, None):
        hm = model(batch['image'].to(device)).float().cpu()
        t, m = batch['targets'], batch['channel_mask']
        px, py = subpixel_peaks(hm)
        keep = (t[..., 2] >= 1.0) & (m > 0)
        d = torch.sqrt((px - t[..., 0]) ** 2 + (py - t[..., 1]) ** 2)[keep]
        errs += d.tolist()
    return float(np.median(errs)) if errs else None


def _cls_inputs(b: Dict[str, torch.Tensor]) -> Tuple[torch.Tensor, ...]:
    return b['sag_t2'], b['sag_t1'], b['ax_t2'], b['view_mask']


def train_classifier(model: nn.Module, arrays: data.ClassifierArrays, rows: np.ndarray, preset: Preset,
                     budget: Budget, device: torch.device, rng: np.random.Generator, log: Log) -> int:
    """Cross-entropy (class-weighted when the preset says so) on augmented crops. Returns steps taken."""
    steps_per_epoch = max(1, math.ceil(len(rows) / preset.cls_batch))
    opt = _optimizer(model, preset.cls_lr, preset.weight_decay)
    sched = Schedule(opt, preset.cls_lr, steps_per_epoch * budget.epochs, budget.seconds)
    model.train()

    def loss_of(batch: Dict[str, torch.Tensor]) -> torch.Tensor:
        b = _to(batch, device)
        with _autocast(device):
            logits = model(*_cls_inputs(b))
        return losses.classification_loss(logits.float(), b['labels'], preset.class_weights)

    return _fit('classifier', lambda: data.classifier_batches(arrays, rows, preset.cls_batch, rng, preset.aug),
                loss_of, opt, sched, budget, log)


@torch.no_grad()
def classifier_logits(model: nn.Module, arrays: data.ClassifierArrays, rows: np.ndarray,
                      device: torch.device, batch_size: int = 64) -> Tuple[torch.Tensor, torch.Tensor]:
    """Raw logits [n, 5, 3] and labels [n, 5] of the given rows, without augmentation."""
    model.eval()
    outs, labs = [torch.zeros(0, 5, 3)], [torch.zeros(0, 5, dtype=torch.int64)]
    for batch in data.classifier_batches(arrays, rows, batch_size, None, None):
        outs.append(model(*_cls_inputs(_to(batch, device))).float().cpu())
        labs.append(batch['labels'])
    return torch.cat(outs), torch.cat(labs)


def calibrated_nll(logits: torch.Tensor, labels: torch.Tensor, log_bias: torch.Tensor,
                   temperature: float) -> Optional[float]:
    """Mean plain NLL of the calibrated probabilities over labelled rows (None when none are labelled)."""
    keep = labels.reshape(-1) >= 0
    if int(keep.sum()) == 0:
        return None
    z = ((logits.reshape(-1, 3) + log_bias) / temperature)[keep]
    return float(torch.nn.functional.cross_entropy(z, labels.reshape(-1)[keep]))
