"""CLI: train both stages from a prep folder, export ONNX + manifest.json + MODEL_CARD.md, check parity.

  /usr/bin/python3 -m models.training.train --prep DIR --out models/<id> --preset phantom|rsna|seed
      [--epochs N] [--max-minutes M] [--loc-epochs N] [--device cpu|cuda] [--threads N] [--seed N] [--description TEXT]
Imports torch, numpy and trainer modules; never re-implements the TypeScript preprocessing.
"""
import argparse
import os
import shlex
import sys
import tempfile
import time
from dataclasses import replace
from typing import Dict, List, Optional

import numpy as np
import torch

from . import data, export, loops, losses, package
from .contract import CLASSIFIER_FILE, LOCALIZER_FILE
from .models import CalibratedClassifier, Localizer, TwoStageClassifier, build_slice_encoder
from .presets import Preset, get_preset
from .seed_model import SeedClassifier

MAX_PACKAGE_MB = 30.0


def log(msg: str) -> None:
    print(f'[train {time.strftime("%H:%M:%S")}] {msg}', flush=True)


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog='python3 -m models.training.train', description=__doc__.split('\n')[0])
    ap.add_argument('--prep', required=True, help='prep output folder (npm run cli -- prep --out DIR)')
    ap.add_argument('--out', required=True, help='package folder to write, e.g. models/spinegrade-phantom-v1')
    ap.add_argument('--preset', required=True, choices=['phantom', 'rsna', 'seed'])
    ap.add_argument('--epochs', type=int, help='classifier epochs (default: the preset\'s)')
    ap.add_argument('--loc-epochs', type=int, help='localizer epochs (default: same as --epochs)')
    ap.add_argument('--max-minutes', type=float, help='wall-time budget of both stages together (default: the preset\'s)')
    ap.add_argument('--device', choices=['auto', 'cpu', 'cuda'], default='auto')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--threads', type=int, help='torch CPU threads (default: torch\'s own choice)')
    ap.add_argument('--id', help='model id (default: the --out folder name)')
    ap.add_argument('--description', help='training data description for the manifest (default: from index.json)')
    return ap.parse_args(argv)


def _check_spec(prep: data.Prep, preset: Preset) -> List[str]:
    notes = []
    for key, want in preset.spec.items():
        got = prep.spec.get(key)
        if got is None or float(got) != float(want):
            notes.append(f'prep spec {key}={got} differs from the {preset.name} preset\'s {want}; the prep\'s value is used')
    for n in notes:
        log(f'warning: {n}')
    return notes


def _default_description(prep: data.Prep) -> str:
    counts = prep.index.get('counts', {})
    return (f'{len(prep.index.get("studies", []))} studies from {prep.index.get("dataset", "?")} through '
            f'`npm run cli -- prep` (spec {prep.spec}; counts {counts}).')


def _train_localizer(prep: data.Prep, preset: Preset, epochs: int, seconds: float, device: torch.device,
                     rng: np.random.Generator) -> Dict[str, object]:
    arrays = prep.localizer
    tr, va = data.split_rows(arrays.study_ids)
    model = Localizer(preset.loc_widths, preset.loc_dec_widths).to(device)
    steps = loops.train_localizer(model, arrays, tr, preset, loops.Budget(epochs, seconds), device, rng, log) if len(tr) else 0
    err = loops.localizer_peak_error(model, arrays, va, device)
    log(f'localizer: {len(tr)} train / {len(va)} val rows, {steps} steps, val median peak error {err} hm px')
    return {'model': model.cpu().eval(), 'train': len(tr), 'val': len(va), 'steps': steps, 'err': err, 'val_rows': va, 'train_rows': tr}


def _build_classifier(preset: Preset, spec: Dict[str, float]) -> torch.nn.Module:
    if preset.cls_kind == 'seed':
        return SeedClassifier(preset, int(spec['S']))
    return TwoStageClassifier(build_slice_encoder(preset, int(spec['P'])), int(spec['S']))


def _train_classifier(prep: data.Prep, preset: Preset, epochs: int, seconds: float, device: torch.device,
                      rng: np.random.Generator) -> Dict[str, object]:
    arrays = prep.classifier
    tr, va = data.split_rows(arrays.study_ids)
    net = _build_classifier(preset, prep.spec).to(device)
    steps = loops.train_classifier(net, arrays, tr, preset, loops.Budget(epochs, seconds), device, rng, log) if len(tr) else 0
    bias = losses.weighted_ce_log_bias(preset.class_weights)
    # Temperature is fitted on exact-point rows of the validation studies (jittered copies are near-duplicates).
    va_exact = np.array([r for r in va if arrays.jitter[r] == 0], dtype=np.int64)
    logits, labels = loops.classifier_logits(net, arrays, va_exact, device)
    temperature = losses.fit_temperature(logits, labels, bias)
    nll = loops.calibrated_nll(logits, labels, bias, temperature)
    log(f'classifier: {len(tr)} train / {len(va)} val rows, {steps} steps, temperature {temperature:.3f}, val NLL {nll}')
    wrapped = CalibratedClassifier(net.cpu().eval(), bias, temperature).eval()
    return {'model': wrapped, 'train': len(tr), 'val': len(va), 'steps': steps, 'T': temperature, 'nll': nll, 'val_rows': va, 'train_rows': tr}


def _sample_rows(val: np.ndarray, train: np.ndarray, n: int) -> np.ndarray:
    pool = val if len(val) else train
    return np.sort(pool[:n])


def _parity_inputs(prep: data.Prep, loc: Dict[str, object], cls: Dict[str, object]) -> Dict[str, Dict[str, torch.Tensor]]:
    """Real prep rows (validation first) plus one random row, batch 3, for the parity check."""
    lr = _sample_rows(loc['val_rows'], loc['train_rows'], 2)  # type: ignore[arg-type]
    cr = _sample_rows(cls['val_rows'], cls['train_rows'], 2)  # type: ignore[arg-type]
    g = torch.Generator().manual_seed(1)
    image = torch.from_numpy(np.asarray(prep.localizer.images[lr], dtype=np.float32))
    image = torch.cat([image, torch.rand((1,) + image.shape[1:], generator=g) * 1.5])
    c = prep.classifier
    out: Dict[str, torch.Tensor] = {}
    for name in ('sag_t2', 'sag_t1', 'ax_t2'):
        real = torch.from_numpy(np.asarray(getattr(c, name)[cr], dtype=np.float32))
        out[name] = torch.cat([real, torch.rand((1,) + real.shape[1:], generator=g) * 1.5])
    vm = torch.from_numpy(np.asarray(c.view_mask[cr], dtype=np.float32))
    out['view_mask'] = torch.cat([vm, torch.tensor([[1.0, 0.0, 1.0]])])
    return {'localizer': {'image': image}, 'classifier': out}


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    t0 = time.monotonic()
    cuda = args.device == 'cuda' or (args.device == 'auto' and torch.cuda.is_available())
    device = torch.device('cuda' if cuda else 'cpu')
    preset = get_preset(args.preset, cuda)
    if args.max_minutes is not None:
        preset = replace(preset, max_minutes=args.max_minutes)
    epochs = args.epochs if args.epochs is not None else preset.epochs
    loc_epochs = args.loc_epochs if args.loc_epochs is not None else epochs
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    try:
        prep = data.load_prep(args.prep)
    except (data.PrepError, KeyError) as e:
        log(f'error: the prep folder {args.prep} cannot be used: {e}')
        return 2
    notes = _check_spec(prep, preset)
    if preset.cls_kind == 'seed' and not preset.seed_full:
        notes.append('seed preset at REDUCED size on CPU: ConvNeXt depths (1,1,3,1) dims (32..256) at 128 px, '
                     f'ViT dim 96 depth 4 heads 3 patch 14 at {preset.seed_ax_px} px (full: ConvNeXt-nano, ViT-S/14 at 518 px)')
    log(f'preset {preset.name} on {device}: budget {preset.max_minutes} min, classifier epochs {epochs}, localizer epochs {loc_epochs}')
    budget_s = preset.max_minutes * 60.0
    loc = _train_localizer(prep, preset, loc_epochs, budget_s * preset.loc_time_share, device, rng)
    cls = _train_classifier(prep, preset, epochs, max(budget_s - (time.monotonic() - t0), 1.0), device, rng)

    os.makedirs(args.out, exist_ok=True)
    loc_path, cls_path = os.path.join(args.out, LOCALIZER_FILE), os.path.join(args.out, CLASSIFIER_FILE)
    for stale in ('manifest.json',):
        if os.path.exists(os.path.join(args.out, stale)):
            os.remove(os.path.join(args.out, stale))
    ins = _parity_inputs(prep, loc, cls)
    try:
        export.export_onnx(loc['model'], {'image': ins['localizer']['image'][:2]}, 'heatmaps', loc_path)  # type: ignore[arg-type]
        export.export_onnx(cls['model'], {k: v[:2] for k, v in ins['classifier'].items()}, 'probs', cls_path)  # type: ignore[arg-type]
    except export.ExportError as e:
        log(f'error: {e}')
        return 1
    total_mb = (os.path.getsize(loc_path) + os.path.getsize(cls_path)) / 1e6
    log(f'exported {loc_path} and {cls_path} ({total_mb:.1f} MB together)')
    if preset.name == 'phantom' and total_mb > MAX_PACKAGE_MB:
        log(f'error: the phantom package is {total_mb:.1f} MB; the limit is {MAX_PACKAGE_MB} MB')
        return 1
    with tempfile.TemporaryDirectory(prefix='spinegrade-parity-') as work:
        try:
            parity = export.check_parity([(loc['model'], ins['localizer'], 'heatmaps', loc_path),  # type: ignore[list-item]
                                          (cls['model'], ins['classifier'], 'probs', cls_path)], work)
        except export.ParityError as e:
            log(f'error: {e}')
            return 1
    for r in parity:
        log(f'parity {os.path.basename(str(r["model"]))}/{r["output"]}: max abs diff {float(r["maxAbsDiff"]):.2e}')

    calibration = ('class-weighted cross-entropy [1,2,4], undone at export (softmax(logits - log w), i.e. divided by '
                   'the weights and renormalised)' if preset.class_weights else 'plain cross-entropy')
    calibration += f', then temperature {cls["T"]:.3f} fitted on the validation split; probabilities are calibrated'
    training = {
        'preset': preset.name, 'description': preset.description, 'device': str(device), 'seed': args.seed,
        'minutes': (time.monotonic() - t0) / 60.0, 'max_minutes': preset.max_minutes, 'epochs': epochs,
        'localizer_rows_train': loc['train'], 'localizer_rows_val': loc['val'], 'localizer_steps': loc['steps'],
        'classifier_rows_train': cls['train'], 'classifier_rows_val': cls['val'], 'classifier_steps': cls['steps'],
        'val_localizer_peak_error_hm_px': loc['err'], 'val_nll': cls['nll'], 'temperature': cls['T'],
        'parity_max_abs_diff': max(float(r['maxAbsDiff']) for r in parity), 'notes': notes,
    }
    model_id = args.id or os.path.basename(os.path.normpath(args.out))
    manifest = package.build_manifest(args.out, model_id, prep.spec, args.description or _default_description(prep),
                                      calibration, training)
    command = '/usr/bin/python3 -m models.training.train ' + ' '.join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    with open(os.path.join(args.out, 'MODEL_CARD.md'), 'w', encoding='utf-8') as f:
        f.write(package.model_card(manifest, command, notes, parity))
    package.write_json(os.path.join(args.out, 'manifest.json'), manifest)
    log(f'wrote {args.out}/manifest.json and MODEL_CARD.md in {(time.monotonic() - t0) / 60:.1f} min')
    return 0


if __name__ == '__main__':
    sys.exit(main())
