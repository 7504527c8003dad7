"""fill_metrics writes the evaluator's numbers into manifest.json and MODEL_CARD.md, idempotently."""
import json
import os
import tempfile
import unittest

import _paths  # noqa: F401
from models.training import fill_metrics, package

METRICS = {
    'studies': 200, 'score': 0.1234, 'baseline_score': 0.79,
    'terms': {'spinal': 0.1, 'foraminal': 0.2, 'subarticular': 0.15, 'any_severe_spinal': 0.05},
    'localization_error_mm': {'median': 1.25, 'p95': 3.5}, 'lr_swap_rate': 0.0,
}
CARD = f'# Model card\n\n## Evaluation\n{package.EVALUATION_PLACEHOLDER}\nNot evaluated yet.\n\n## Limits\n- synthetic\n'


class FillMetricsTest(unittest.TestCase):
    def test_writes_manifest_and_card_and_can_run_twice(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            model, metrics = os.path.join(d, 'pkg'), os.path.join(d, 'metrics.json')
            os.makedirs(model)
            package.write_json(os.path.join(model, 'manifest.json'), {'id': 'x', 'files': {}})
            with open(os.path.join(model, 'MODEL_CARD.md'), 'w', encoding='utf-8') as f:
                f.write(CARD)
            package.write_json(metrics, METRICS)
            for _ in range(2):
                self.assertEqual(fill_metrics.main(['--model', model, '--metrics', metrics, '--dataset', 'held-out seed 90210']), 0)
            with open(os.path.join(model, 'manifest.json'), encoding='utf-8') as f:
                ev = json.load(f)['evaluation']
            self.assertEqual(ev['dataset'], 'held-out seed 90210')
            self.assertEqual(ev['score'], 0.1234)
            self.assertEqual(ev['terms']['any_severe_spinal'], 0.05)
            with open(os.path.join(model, 'MODEL_CARD.md'), encoding='utf-8') as f:
                card = f.read()
            self.assertEqual(card.count('| score (lower is better) | 0.1234 |'), 1)
            self.assertNotIn('Not evaluated yet', card)
            self.assertIn('| level localisation error, median / p95 (mm) | 1.25 / 3.50 |', card)
            self.assertTrue(card.rstrip().endswith('- synthetic'))

    def test_perturbed_scores_go_into_manifest_and_card(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            model, metrics, p2 = os.path.join(d, 'pkg'), os.path.join(d, 'metrics.json'), os.path.join(d, 'p2.json')
            os.makedirs(model)
            package.write_json(os.path.join(model, 'manifest.json'), {'id': 'x', 'files': {}})
            with open(os.path.join(model, 'MODEL_CARD.md'), 'w', encoding='utf-8') as f:
                f.write(CARD)
            package.write_json(metrics, METRICS)
            package.write_json(p2, {**METRICS, 'score': 0.2, 'perturb': {'strength': 2, 'seed': 'perturb'}})
            self.assertEqual(fill_metrics.main(['--model', model, '--metrics', metrics, '--perturbed', f'2={p2}']), 0)
            with open(os.path.join(model, 'manifest.json'), encoding='utf-8') as f:
                ev = json.load(f)['evaluation']
            self.assertEqual(ev['perturbed']['2']['score'], 0.2)
            self.assertIn('clipped to [eps, 1 - eps]', ev['metric'])
            with open(os.path.join(model, 'MODEL_CARD.md'), encoding='utf-8') as f:
                card = f.read()
            self.assertIn('| 2 | 0.2000 | +0.0766 | 1.25 / 3.50 | 0.0000 |', card)
            self.assertIn('official RSNA 2024 metric', card)
            self.assertEqual(fill_metrics.main(['--model', model, '--metrics', metrics, '--perturbed', '2']), 2)

    def test_rejects_a_file_that_is_not_evaluate_output(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            bad = os.path.join(d, 'm.json')
            package.write_json(bad, {'score': 1})
            self.assertEqual(fill_metrics.main(['--model', d, '--metrics', bad]), 2)


if __name__ == '__main__':
    unittest.main()
