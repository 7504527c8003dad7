"""The two training stages as one call each (split, build, train, validate, calibrate) and the parity inputs
drawn from the prep. Imports torch, numpy and trainer modules only.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional

import numpy as np
import torch
from torch import nn

from . import data, loops, losses
from .models import CalibratedClassifier, Localizer, TwoStageClassifier, build_slice_encoder
from .presets import Preset
from .seed_model import SeedClassifier


@dataclass
class StageResult:
    """A trained stage (CPU, eval mode), its split and its validation numbers."""

    model: nn.Module
    train_rows: np.ndarray
    val_rows: np.ndarray
    steps: int
    metrics: Dict[str, Optional[float]] = field(default_factory=dict)


def train_localizer_stage(prep: data.Prep, preset: Preset, budget: loops.Budget, device: torch.device,
                          rng: np.random.Generator, log: Callable[[str], None]) -> StageResult:
    """Localizer on the training fold; median sub-pixel peak error (heatmap px) on the validation fold."""
    arrays = prep.localizer
    tr, va = data.split_rows(arrays.study_ids)
    model = Localizer(preset.loc_widths, preset.loc_dec_widths).to(device)
    steps = loops.train_localizer(model, arrays, tr, preset, budget, device, rng, log) if len(tr) else 0
    err = loops.localizer_peak_error(model, arrays, va, device)
    log(f'localizer: {len(tr)} train / {len(va)} val rows, {steps} steps, val median peak error {err} hm px')
    return StageResult(model.cpu().eval(), tr, va, steps, {'peak_error_hm_px': err})


def build_classifier(preset: Preset, spec: Dict[str, float]) -> nn.Module:
    """The preset's classifier network for crops of spec S x P x P (raw logits out)."""
    if preset.cls_kind == 'seed':
        return SeedClassifier(preset, int(spec['S']))
    return TwoStageClassifier(build_slice_encoder(preset, int(spec['P'])), int(spec['S']))


def train_classifier_stage(prep: data.Prep, preset: Preset, budget: loops.Budget, device: torch.device,
                           rng: np.random.Generator, log: Callable[[str], None]) -> StageResult:
    """Classifier on the training fold, then the calibration: the weighted-CE undo (if any) and a temperature
    fitted on the exact-point rows of the validation fold (jittered copies are near-duplicates). The
    result's model is the CalibratedClassifier that is exported."""
    arrays = prep.classifier
    tr, va = data.split_rows(arrays.study_ids)
    net = build_classifier(preset, prep.spec).to(device)
    steps = loops.train_classifier(net, arrays, tr, preset, budget, device, rng, log) if len(tr) else 0
    bias = losses.weighted_ce_log_bias(preset.class_weights)
    va_exact = np.array([r for r in va if arrays.jitter[r] == 0], dtype=np.int64)
    logits, labels = loops.classifier_logits(net, arrays, va_exact, device)
    temperature = losses.fit_temperature(logits, labels, bias)
    nll = loops.calibrated_nll(logits, labels, bias, temperature)
    log(f'classifier: {len(tr)} train / {len(va)} val rows, {steps} steps, temperature {temperature:.3f}, '
        f'val NLL {nll}')
    wrapped = CalibratedClassifier(net.cpu().eval(), bias, temperature).eval()
    return StageResult(wrapped, tr, va, steps, {'temperature': temperature, 'nll': nll})


def _first_rows(stage: StageResult, n: int) -> np.ndarray:
    pool = stage.val_rows if len(stage.val_rows) else stage.train_rows
    return np.sort(pool[:n])


def parity_inputs(prep: data.Prep, loc: StageResult, cls: StageResult) -> Dict[str, Dict[str, torch.Tensor]]:
    """Batches of 3 for the parity check: two real prep rows (validation first) plus one random row; the
    classifier's random row has its T1 view masked."""
    g = torch.Generator().manual_seed(1)

    def with_random(real: np.ndarray) -> torch.Tensor:
        t = torch.from_numpy(np.asarray(real, dtype=np.float32))
        return torch.cat([t, torch.rand((1,) + t.shape[1:], generator=g) * 1.5])

    lr, cr = _first_rows(loc, 2), _first_rows(cls, 2)
    c = prep.classifier
    out = {name: with_random(getattr(c, name)[cr]) for name in ('sag_t2', 'sag_t1', 'ax_t2')}
    out['sag_t1'][-1] = 0.0
    vm = torch.from_numpy(np.asarray(c.view_mask[cr], dtype=np.float32))
    out['view_mask'] = torch.cat([vm, torch.tensor([[1.0, 0.0, 1.0]])])
    return {'localizer': {'image': with_random(prep.localizer.images[lr])}, 'classifier': out}
