"""Smoke test: a tiny fake prep folder in the exact prep layout -> 1 epoch -> ONNX + manifest -> parity in
onnxruntime-node (skipped, with the reason printed, where node or onnxruntime-node is missing)."""
import hashlib
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

import onnx

import _paths  # noqa: F401
from fake_prep import write_fake_prep
from models.training import export, train

NODE_OK, NODE_WHY = export.node_parity_available()


def graph_io(path: str) -> dict:
    """{name: [dims]} of an ONNX graph's inputs and outputs; dynamic dims as their names."""
    g = onnx.load(path).graph
    dims = lambda v: [d.dim_param or d.dim_value for d in v.type.tensor_type.shape.dim]  # noqa: E731
    return {v.name: dims(v) for v in list(g.input) + list(g.output)}


@unittest.skipUnless(NODE_OK, f'parity check needs onnxruntime-node: {NODE_WHY}')
class SmokeTrainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = tempfile.TemporaryDirectory()
        cls.prep = os.path.join(cls.tmp.name, 'prep')
        # 4 studies x 5 levels = 20 classifier rows (16 after the split, or so), 16 localizer rows.
        write_fake_prep(cls.prep, studies=4, jitter=0, loc_rows_per_study=4, seed=1)

    @classmethod
    def tearDownClass(cls) -> None:
        cls.tmp.cleanup()

    def run_train(self, preset: str) -> str:
        out = os.path.join(self.tmp.name, f'pkg-{preset}')
        log = io.StringIO()
        with redirect_stdout(log):
            rc = train.main(['--prep', self.prep, '--out', out, '--preset', preset, '--epochs', '1', '--device', 'cpu',
                             '--model-version', '0.9.1'])
        self.assertEqual(rc, 0, log.getvalue())
        self.assertIn('parity classifier.onnx/probs', log.getvalue())
        return out

    def check_package(self, out: str) -> dict:
        with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
            manifest = json.load(f)
        self.assertEqual(manifest['version'], '0.9.1')
        self.assertEqual(manifest['intendedUse'], 'Demonstration model trained on synthetic data. Not for clinical use.')
        for name, entry in manifest['files'].items():
            with open(os.path.join(out, name), 'rb') as f:
                blob = f.read()
            self.assertEqual(entry, {'sha256': hashlib.sha256(blob).hexdigest(), 'bytes': len(blob)})
        self.assertEqual(graph_io(os.path.join(out, 'localizer.onnx')), {'image': ['batch', 3, 256, 256], 'heatmaps': ['batch', 10, 64, 64]})
        self.assertEqual(graph_io(os.path.join(out, 'classifier.onnx')), {
            'sag_t2': ['batch', 5, 64, 64], 'sag_t1': ['batch', 2, 5, 64, 64], 'ax_t2': ['batch', 3, 5, 64, 64],
            'view_mask': ['batch', 3], 'probs': ['batch', 5, 3]})
        self.assertEqual(manifest['classifier']['inputs']['sag_t1'], [-1, 2, 5, 64, 64])
        self.assertEqual(manifest['classifier']['crop'], {'slices': 5, 'px': 64, 'cropMm': 48.0, 'recessOffsetMm': 12.0})
        self.assertLessEqual(manifest['training']['parity_max_abs_diff'], 1e-4)
        self.assertTrue(os.path.isfile(os.path.join(out, 'MODEL_CARD.md')))
        return manifest

    def test_phantom_preset_trains_exports_and_matches_onnxruntime(self) -> None:
        manifest = self.check_package(self.run_train('phantom'))
        self.assertTrue(manifest['calibration'].startswith('plain cross-entropy'))

    def test_seed_preset_exports_the_same_contract(self) -> None:
        manifest = self.check_package(self.run_train('seed'))
        self.assertIn('class weights 1/2/4 in the cross-entropy, undone at export', manifest['calibration'])
        self.assertTrue(manifest['calibration'].endswith('probabilities are calibrated'))
        self.assertTrue(any('REDUCED' in n for n in manifest['training']['notes']))


if not NODE_OK:
    print(f'test_smoke_train: skipped: {NODE_WHY}', file=sys.stderr)

if __name__ == '__main__':
    unittest.main()
