"""Writes the model package's manifest.json (models/README.md "Manifest") and a MODEL_CARD.md skeleton that
the evaluation step fills. Imports only the standard library and the contract constants.
"""
import datetime
import hashlib
import json
import os
from typing import Dict, List, Optional

from .contract import (CLASSES, CLASSIFIER_FILE, CONDITIONS, INTENDED_USE, LEVELS, LOCALIZER_FILE,
                       NORMALIZATION, classifier_io, localizer_io)

EVALUATION_PLACEHOLDER = '<!-- evaluation: filled by models/training/fill_metrics.py -->'


def file_entry(path: str) -> Dict[str, object]:
    """{sha256, bytes} of a file's bytes."""
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for chunk in iter(lambda: f.read(1 << 20), b''):
            h.update(chunk)
    return {'sha256': h.hexdigest(), 'bytes': os.path.getsize(path)}


def build_manifest(out_dir: str, model_id: str, spec: Dict[str, float], training_data: str, calibration: str,
                   training: Dict[str, object], version: str = '1.0.0') -> Dict[str, object]:
    """The manifest dict for a package folder that already holds localizer.onnx and classifier.onnx."""
    s, p = int(spec['S']), int(spec['P'])
    loc_in, loc_out = localizer_io()
    cls_in, cls_out = classifier_io(s, p)
    return {
        'schemaVersion': 1,
        'id': model_id,
        'name': f'SpineGrade {training["preset"]} model ({model_id})',
        'version': version,
        'created': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'),
        'intendedUse': INTENDED_USE,
        'trainingData': training_data,
        'conditions': list(CONDITIONS),
        'levels': list(LEVELS),
        'classes': list(CLASSES),
        'calibration': calibration,
        'files': {f: file_entry(os.path.join(out_dir, f)) for f in (LOCALIZER_FILE, CLASSIFIER_FILE)},
        'localizer': {'file': LOCALIZER_FILE, 'inputs': loc_in, 'outputs': loc_out},
        'classifier': {
            'file': CLASSIFIER_FILE,
            'inputs': cls_in,
            'outputs': cls_out,
            'crop': {'slices': s, 'px': p, 'cropMm': float(spec['cropMm']),
                     'recessOffsetMm': float(spec['recessOffsetMm'])},
        },
        'normalization': NORMALIZATION,
        'training': training,
    }


def write_json(path: str, obj: object) -> None:
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(obj, f, indent=2)
        f.write('\n')


def model_card(manifest: Dict[str, object], command: str, notes: List[str],
               parity: Optional[List[Dict[str, object]]]) -> str:
    """MODEL_CARD.md skeleton: what the model is, how it was trained, its limits; metrics come later."""
    t = manifest['training']
    assert isinstance(t, dict)
    crop = manifest['classifier']['crop']  # type: ignore[index]
    parity_lines = [f'- `{os.path.basename(str(r["model"]))}` `{r["output"]}`: '
                    f'max abs diff {float(r["maxAbsDiff"]):.2e}' for r in (parity or [])] or ['- not run']
    return '\n'.join([
        f'# Model card: {manifest["id"]}',
        '',
        f'**Intended use.** {manifest["intendedUse"]}',
        '',
        '## What it is',
        f'- Two stages: `localizer.onnx` (sagittal slice triplet 3x256x256 -> 10 heatmaps 64x64: 5 disc levels, '
        f'5 foramina) and `classifier.onnx` (per level: crops of {crop["slices"]} slices x {crop["px"]} px over '
        f'{crop["cropMm"]} mm -> 5 conditions x [normal_mild, moderate, severe]).',
        f'- Preset `{t["preset"]}`: {t["description"]}.',
        f'- Calibration: {manifest["calibration"]}.',
        '',
        '## Training data',
        str(manifest['trainingData']),
        '',
        '## Training',
        f'- Command: `{command}`',
        f'- Rows: localizer {t["localizer_rows_train"]} train / {t["localizer_rows_val"]} val; classifier '
        f'{t["classifier_rows_train"]} train / {t["classifier_rows_val"]} val '
        '(split by study id hash, no study in two folds).',
        f'- Steps: localizer {t["localizer_steps"]}, classifier {t["classifier_steps"]}; '
        f'wall time {t["minutes"]:.1f} min on {t["device"]}.',
        f'- Validation: localizer median peak error {t["val_localizer_peak_error_hm_px"]} heatmap px; classifier NLL '
        f'{t["val_nll"]} (calibrated), temperature {t["temperature"]:.3f}.',
        *[f'- {n}' for n in notes],
        '',
        '## Export checks',
        '- ONNX opset 17, dynamic batch; onnxruntime-node vs torch on the same inputs:',
        *parity_lines,
        '',
        '## Evaluation',
        EVALUATION_PLACEHOLDER,
        'Not evaluated yet: run `npm run cli -- evaluate --dataset DIR --model <this folder> --json F`, then '
        '`/usr/bin/python3 -m models.training.fill_metrics --model <this folder> --metrics F`.',
        '',
        '## Limits',
        '- Trained and evaluated on synthetic phantoms only when the training data above says so: its numbers say '
        'nothing about real MRI. Not a medical device; not for clinical use.',
        '- A missing series makes the targets that need it not assessable; the model still outputs numbers for '
        'them (view_mask gating) that the app must not show as findings.',
        '',
    ])
