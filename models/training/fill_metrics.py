"""CLI: write `npm run cli -- evaluate --json F` metrics into a model package's manifest.json ("evaluation")
and MODEL_CARD.md (the Evaluation section), copying the evaluator's plot images into the package.

  /usr/bin/python3 -m models.training.fill_metrics --model models/<id> --metrics F [--dataset TEXT] [--images DIR]
      [--perturbed STRENGTH=F ...]   (F from `evaluate --perturb STRENGTH --json F` on the same studies)
Imports only the standard library and the trainer's package module.
"""
import argparse
import glob
import json
import os
import shutil
import sys
from typing import Dict, List, Optional

from .package import EVALUATION_PLACEHOLDER, write_json

IMAGE_EXTS = ('.png', '.svg')
TERMS = ('spinal', 'foraminal', 'subarticular', 'any_severe_spinal')


def _num(x: object, digits: int = 4) -> str:
    return f'{float(x):.{digits}f}' if isinstance(x, (int, float)) else 'n/a'


METRIC_TEXT = ('the official RSNA 2024 metric (each submitted value clipped to [eps, 1 - eps], eps = float64 machine '
               'epsilon, then each row divided by its sum; weights 1/2/4 by true class; left and right pooled; '
               'any_severe_spinal from the submitted severe values as given)')


def evaluation_entry(metrics: Dict[str, object], dataset: str,
                     perturbed: Optional[Dict[str, Dict[str, object]]] = None) -> Dict[str, object]:
    """The manifest's "evaluation" object from the evaluator's JSON (keys of issue 4, section 5), with the
    scores under `evaluate --perturb` by strength when given."""
    keep = ('studies', 'score', 'terms', 'baseline_score', 'localization_error_mm', 'lr_swap_rate', 'per_condition')
    entry: Dict[str, object] = {'dataset': dataset, 'metric': METRIC_TEXT}
    entry.update({k: metrics[k] for k in keep if k in metrics})
    if perturbed:
        entry['perturbed'] = {s: {k: m[k] for k in ('score', 'terms', 'localization_error_mm', 'lr_swap_rate', 'perturb')
                                  if k in m} for s, m in sorted(perturbed.items())}
    return entry


def _perturbed_lines(entry: Dict[str, object]) -> List[str]:
    perturbed = entry.get('perturbed')
    if not isinstance(perturbed, dict) or not perturbed:
        return []
    lines = ['', 'Under `evaluate --perturb STRENGTH` (scanner-like gain, offset, gamma, posterior coil shading and extra '
             'Rician noise on the same studies; 1 = a typical spread between scanners, 2 = twice):', '',
             '| strength | score | change vs clean | localisation median / p95 (mm) | swap rate |', '|---|---|---|---|---|']
    clean = entry.get('score')
    for s, m in perturbed.items():
        loc = m.get('localization_error_mm') if isinstance(m.get('localization_error_mm'), dict) else {}
        score = m.get('score')
        delta = (f'{float(score) - float(clean):+.4f}' if isinstance(score, (int, float))
                 and isinstance(clean, (int, float)) else 'n/a')
        lines.append(f'| {s} | {_num(score)} | {delta} | {_num(loc.get("median"), 2)} / {_num(loc.get("p95"), 2)} | '
                     f'{_num(m.get("lr_swap_rate"))} |')
    return lines


def evaluation_markdown(entry: Dict[str, object], images: List[str]) -> str:
    """The MODEL_CARD.md Evaluation section body."""
    terms = entry.get('terms') if isinstance(entry.get('terms'), dict) else {}
    loc = entry.get('localization_error_mm') if isinstance(entry.get('localization_error_mm'), dict) else {}
    assert isinstance(terms, dict) and isinstance(loc, dict)
    lines = [
        f'Held-out set: {entry["dataset"]} ({entry.get("studies", "?")} studies), scored by the app\'s own pipeline '
        f'(`npm run cli -- evaluate`) with {METRIC_TEXT}.',
        '',
        '| metric | value |',
        '|---|---|',
        f'| score (lower is better) | {_num(entry.get("score"))} |',
        f'| constant-prior baseline on the same studies | {_num(entry.get("baseline_score"))} |',
        *[f'| {t} | {_num(terms.get(t))} |' for t in TERMS],
        f'| level localisation error, median / p95 (mm) | {_num(loc.get("median"), 2)} / {_num(loc.get("p95"), 2)} |',
        f'| left/right swap rate | {_num(entry.get("lr_swap_rate"))} |',
        *_perturbed_lines(entry),
        '',
    ]
    lines += [f'![{os.path.splitext(i)[0]}](evaluation/{i})' for i in images]
    return '\n'.join(lines).rstrip('\n') + '\n\n'


def fill_card(card: str, body: str) -> str:
    """Replace everything between the placeholder line and the next '## ' heading with body."""
    start = card.index(EVALUATION_PLACEHOLDER) + len(EVALUATION_PLACEHOLDER) + 1
    end = card.find('\n## ', start)
    end = len(card) if end < 0 else end + 1
    return card[:start] + body + card[end:]


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog='python3 -m models.training.fill_metrics', description=__doc__.split('\n')[0])
    ap.add_argument('--model', required=True, help='model package folder')
    ap.add_argument('--metrics', required=True, help='JSON written by `npm run cli -- evaluate --json F`')
    ap.add_argument('--dataset', help='description of the evaluation set (default: the metrics file\'s "dataset")')
    ap.add_argument('--images', help='folder of the evaluator\'s plot images (.png/.svg) to copy into the package')
    ap.add_argument('--perturbed', action='append', default=[], metavar='STRENGTH=F',
                    help='`evaluate --perturb STRENGTH --json F` output on the same studies (repeatable)')
    args = ap.parse_args(argv)
    perturbed: Dict[str, Dict[str, object]] = {}
    for item in args.perturbed:
        strength, sep, path = item.partition('=')
        if not sep or not os.path.isfile(path):
            print(f'fill_metrics: --perturbed wants STRENGTH=FILE with an existing file (got "{item}")', file=sys.stderr)
            return 2
        with open(path, encoding='utf-8') as f:
            perturbed[strength] = json.load(f)
    with open(args.metrics, encoding='utf-8') as f:
        metrics = json.load(f)
    for key in ('studies', 'score', 'terms', 'baseline_score'):
        if key not in metrics:
            print(f'fill_metrics: {args.metrics} has no "{key}"; is it `evaluate --json` output?', file=sys.stderr)
            return 2
    manifest_path = os.path.join(args.model, 'manifest.json')
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    entry = evaluation_entry(metrics, args.dataset or str(metrics.get('dataset', args.metrics)), perturbed)
    found = glob.glob(os.path.join(args.images, '*')) if args.images else []
    images = sorted(p for p in found if p.lower().endswith(IMAGE_EXTS))
    if images:
        os.makedirs(os.path.join(args.model, 'evaluation'), exist_ok=True)
        for p in images:
            shutil.copyfile(p, os.path.join(args.model, 'evaluation', os.path.basename(p)))
    manifest['evaluation'] = entry
    write_json(manifest_path, manifest)
    card_path = os.path.join(args.model, 'MODEL_CARD.md')
    with open(card_path, encoding='utf-8') as f:
        card = f.read()
    with open(card_path, 'w', encoding='utf-8') as f:
        f.write(fill_card(card, evaluation_markdown(entry, [os.path.basename(p) for p in images])))
    print(f'fill_metrics: score {_num(entry.get("score"))} (baseline {_num(entry.get("baseline_score"))}) written to '
          f'{manifest_path} and {card_path}; {len(images)} image(s) copied')
    return 0


if __name__ == '__main__':
    sys.exit(main())
