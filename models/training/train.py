"""CLI: train both stages from a prep folder, export ONNX + manifest.json + MODEL_CARD.md, check parity.

  /usr/bin/python3 -m models.training.train --prep DIR --out models/<id> --preset phantom|rsna|rsna-small|seed
      [--epochs N] [--loc-epochs N] [--max-minutes M] [--device auto|cpu|cuda] [--threads N] [--seed N]
      [--id ID] [--description TEXT]
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

from . import data, export, loops, package
from .contract import CLASSIFIER_FILE, LOCALIZER_FILE
from .presets import PRESETS, Preset, get_preset
from .stages import StageResult, parity_inputs, train_classifier_stage, train_localizer_stage

MAX_PHANTOM_PACKAGE_MB = 30.0


def log(msg: str) -> None:
    print(f'[train {time.strftime("%H:%M:%S")}] {msg}', flush=True)


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog='python3 -m models.training.train', description=__doc__.split('\n')[0])
    ap.add_argument('--prep', required=True, help='prep output folder (npm run cli -- prep --out DIR)')
    ap.add_argument('--out', required=True, help='package folder to write, e.g. models/spinegrade-phantom-v1')
    ap.add_argument('--preset', required=True, choices=list(PRESETS))
    ap.add_argument('--epochs', type=int, help='classifier epochs (default: the preset\'s)')
    ap.add_argument('--loc-epochs', type=int, help='localizer epochs (default: same as --epochs)')
    ap.add_argument('--max-minutes', type=float, help='wall-time budget of both stages (default: the preset\'s)')
    ap.add_argument('--device', choices=['auto', 'cpu', 'cuda'], default='auto')
    ap.add_argument('--threads', type=int, help='torch CPU threads (default: torch\'s own choice)')
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--id', help='model id (default: the --out folder name)')
    ap.add_argument('--model-version', default='1.0.0',
                    help='package version for the manifest (semver; bump it when an id is retrained)')
    ap.add_argument('--description', help='training data description for the manifest (default: from index.json)')
    return ap.parse_args(argv)


def _spec_notes(prep: data.Prep, preset: Preset) -> List[str]:
    notes = []
    for key, want in preset.spec.items():
        got = prep.spec.get(key)
        if got is None or float(got) != float(want):
            notes.append(f'prep spec {key}={got} differs from the {preset.name} preset\'s {want}; '
                         'the prep\'s value is used')
    if preset.cls_kind == 'seed' and not preset.seed_full:
        notes.append('seed preset at REDUCED size on CPU: ConvNeXt depths (1,1,3,1) dims (32..256) at 128 px, '
                     f'ViT dim 96 depth 4 heads 3 patch 14 at {preset.seed_ax_px} px '
                     '(full size on a GPU: ConvNeXt-nano, ViT-S/14 at 518 px)')
    for n in notes:
        log(f'note: {n}')
    return notes


def _default_description(prep: data.Prep) -> str:
    return (f'{len(prep.index.get("studies", []))} studies from {prep.index.get("dataset", "?")} through '
            f'`npm run cli -- prep` (spec {prep.spec}; counts {prep.index.get("counts", {})}).')


def _export(out: str, prep: data.Prep, preset: Preset, loc: StageResult, cls: StageResult,
            ) -> Optional[List[Dict[str, object]]]:
    """Export both stages, check size and parity; None (after logging why) when a check fails."""
    os.makedirs(out, exist_ok=True)
    stale = os.path.join(out, 'manifest.json')
    if os.path.exists(stale):
        os.remove(stale)  # a package that fails below must not look valid
    loc_path, cls_path = os.path.join(out, LOCALIZER_FILE), os.path.join(out, CLASSIFIER_FILE)
    ins = parity_inputs(prep, loc, cls)
    try:
        export.export_onnx(loc.model, {'image': ins['localizer']['image'][:2]}, 'heatmaps', loc_path)
        export.export_onnx(cls.model, {k: v[:2] for k, v in ins['classifier'].items()}, 'probs', cls_path)
    except export.ExportError as e:
        log(f'error: {e}')
        return None
    total_mb = (os.path.getsize(loc_path) + os.path.getsize(cls_path)) / 1e6
    log(f'exported {loc_path} and {cls_path} ({total_mb:.1f} MB together)')
    if preset.name == 'phantom' and total_mb > MAX_PHANTOM_PACKAGE_MB:
        log(f'error: the phantom package is {total_mb:.1f} MB; the limit is {MAX_PHANTOM_PACKAGE_MB} MB')
        return None
    cases = [(loc.model, ins['localizer'], 'heatmaps', loc_path), (cls.model, ins['classifier'], 'probs', cls_path)]
    with tempfile.TemporaryDirectory(prefix='spinegrade-parity-') as work:
        try:
            parity = export.check_parity(cases, work)
        except export.ParityError as e:
            log(f'error: {e}')
            return None
    for r in parity:
        log(f'parity {os.path.basename(str(r["model"]))}/{r["output"]}: max abs diff {float(r["maxAbsDiff"]):.2e}')
    return parity


def _calibration_text(preset: Preset, temperature: float) -> str:
    text = 'plain cross-entropy'
    if preset.class_weights:
        # Worded so that no reader mistakes it for "outputs are weighted": the weighting is undone in the graph.
        text = ('trained with class weights 1/2/4 in the cross-entropy, undone at export (softmax(logits - log w): '
                'divided by the weights and renormalised)')
    return f'{text}, then temperature {temperature:.3f} fitted on the validation split; probabilities are calibrated'


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    t0 = time.monotonic()
    cuda = args.device == 'cuda' or (args.device == 'auto' and torch.cuda.is_available())
    device = torch.device('cuda' if cuda else 'cpu')
    preset = get_preset(args.preset, cuda)
    if args.max_minutes is not None:
        preset = replace(preset, max_minutes=args.max_minutes)
    epochs = args.epochs if args.epochs is not None else preset.epochs
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    try:
        prep = data.load_prep(args.prep)
    except (data.PrepError, KeyError) as e:
        log(f'error: the prep folder {args.prep} cannot be used: {e}')
        return 2
    notes = _spec_notes(prep, preset)
    log(f'preset {preset.name} on {device}: budget {preset.max_minutes} min, {epochs} classifier epochs')
    budget_s = preset.max_minutes * 60.0
    loc_epochs = args.loc_epochs if args.loc_epochs is not None else epochs
    loc = train_localizer_stage(prep, preset, loops.Budget(loc_epochs, budget_s * preset.loc_time_share),
                                device, rng, log)
    cls_budget = loops.Budget(epochs, max(budget_s - (time.monotonic() - t0), 1.0))
    cls = train_classifier_stage(prep, preset, cls_budget, device, rng, log)
    parity = _export(args.out, prep, preset, loc, cls)
    if parity is None:
        return 1
    training = {
        'preset': preset.name, 'description': preset.description, 'device': str(device), 'seed': args.seed,
        'minutes': (time.monotonic() - t0) / 60.0, 'max_minutes': preset.max_minutes, 'epochs': epochs,
        'localizer_rows_train': len(loc.train_rows), 'localizer_rows_val': len(loc.val_rows),
        'localizer_steps': loc.steps, 'classifier_rows_train': len(cls.train_rows),
        'classifier_rows_val': len(cls.val_rows), 'classifier_steps': cls.steps,
        'val_localizer_peak_error_hm_px': loc.metrics['peak_error_hm_px'], 'val_nll': cls.metrics['nll'],
        'temperature': cls.metrics['temperature'],
        'parity_max_abs_diff': max(float(str(r['maxAbsDiff'])) for r in parity), 'notes': notes,
    }
    model_id = args.id or os.path.basename(os.path.normpath(args.out))
    description = args.description or _default_description(prep)
    calibration = _calibration_text(preset, float(cls.metrics['temperature'] or 1.0))
    manifest = package.build_manifest(args.out, model_id, prep.spec, description, calibration, training,
                                     args.model_version)
    argv_text = ' '.join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    with open(os.path.join(args.out, 'MODEL_CARD.md'), 'w', encoding='utf-8') as f:
        f.write(package.model_card(manifest, f'/usr/bin/python3 -m models.training.train {argv_text}', notes, parity))
    package.write_json(os.path.join(args.out, 'manifest.json'), manifest)
    log(f'wrote {args.out}/manifest.json and MODEL_CARD.md in {(time.monotonic() - t0) / 60:.1f} min')
    return 0


if __name__ == '__main__':
    sys.exit(main())
