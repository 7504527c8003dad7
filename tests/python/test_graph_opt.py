"""Classifier graph rewrites for the CPU path (models/training/graph_opt.py, quantize.py): the layer-scale fold
computes what the graph computed (also when the exporter shared the scale through Identity nodes), fewer_slices
keeps the middle rows of every slice-position embedding and the inputs' slice axis, and the manifest follows."""
import json
import os
import subprocess
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import _paths  # noqa: F401
from models.training import export, graph_opt, quantize

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
V2 = os.path.join(REPO, 'models', 'spinegrade-phantom-v2')
V1 = os.path.join(REPO, 'models', 'spinegrade-phantom-v1')


def block_graph(rng: np.random.Generator) -> onnx.ModelProto:
    """Two ConvNeXt-like MLP tails x -> MatMul W -> Add b -> Mul gamma, the second reading its gamma through
    an Identity of the first's (as torch.onnx shares equal initializers)."""
    w1, w2 = (rng.normal(0, 0.3, (16, 16)).astype(np.float32) for _ in range(2))
    b1, b2 = (rng.normal(0, 0.1, 16).astype(np.float32) for _ in range(2))
    gamma = rng.uniform(0.01, 2, 16).astype(np.float32)
    nodes = [helper.make_node('MatMul', ['x', 'w1'], ['m1'], 'mm1'), helper.make_node('Add', ['b1', 'm1'], ['a1']),
             helper.make_node('Mul', ['a1', 'gamma'], ['y1']), helper.make_node('Identity', ['gamma'], ['gamma2']),
             helper.make_node('MatMul', ['y1', 'w2'], ['m2'], 'mm2'), helper.make_node('Add', ['m2', 'b2'], ['a2']),
             helper.make_node('Mul', ['gamma2', 'a2'], ['y2']), helper.make_node('Relu', ['y2'], ['y'])]
    inits = [numpy_helper.from_array(a, n) for a, n in ((w1, 'w1'), (w2, 'w2'), (b1, 'b1'), (b2, 'b2'),
                                                         (gamma, 'gamma'))]
    g = helper.make_graph(nodes, 'blocks', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 16])],
                          [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 16])], inits)
    return helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)])


def run_numpy(m: onnx.ModelProto, x: np.ndarray) -> np.ndarray:
    """Evaluate the tiny graphs above (MatMul, Add, Mul, Identity, Relu) in numpy."""
    env = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    env['x'] = x
    ops = {'MatMul': np.matmul, 'Add': np.add, 'Mul': np.multiply}
    for n in m.graph.node:
        a = [env[i] for i in n.input]
        env[n.output[0]] = a[0] if n.op_type == 'Identity' else np.maximum(a[0], 0) if n.op_type == 'Relu' \
            else ops[n.op_type](*a)
    return env[m.graph.output[0].name]


class FoldLayerScaleTest(unittest.TestCase):
    def test_folds_every_scale_and_computes_the_same(self) -> None:
        m = block_graph(np.random.default_rng(0))
        x = np.random.default_rng(1).normal(0, 1, (7, 16)).astype(np.float32)
        before = run_numpy(m, x)
        self.assertEqual(graph_opt.fold_layer_scale(m), 2)
        onnx.checker.check_model(m)
        ops = [n.op_type for n in m.graph.node]
        self.assertNotIn('Mul', ops)
        self.assertNotIn('Identity', ops)  # the alias fed only a folded Mul
        self.assertNotIn('gamma', {i.name for i in m.graph.initializer})
        np.testing.assert_allclose(run_numpy(m, x), before, rtol=1e-5, atol=1e-6)
        self.assertGreater(float(np.abs(before).max()), 0.1)

    def test_leaves_a_mul_whose_add_has_other_readers(self) -> None:
        m = block_graph(np.random.default_rng(2))
        m.graph.node.append(helper.make_node('Relu', ['a1'], ['extra']))
        m.graph.output.append(helper.make_tensor_value_info('extra', TensorProto.FLOAT, ['batch', 16]))
        self.assertEqual(graph_opt.fold_layer_scale(m), 1)


class FewerSlicesTest(unittest.TestCase):
    def setUp(self) -> None:
        if not os.path.exists(os.path.join(V2, 'classifier.onnx')):
            self.skipTest('models/spinegrade-phantom-v2 is not in this checkout')

    def test_keeps_the_middle_slices_of_each_embedding_and_input(self) -> None:
        m = onnx.load(os.path.join(V2, 'classifier.onnx'))
        pos = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer if i.name.endswith('.pos')}
        changed = graph_opt.fewer_slices(m, 3)
        self.assertEqual(sorted(changed), sorted(pos))
        after = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer if i.name in pos}
        for name, a in pos.items():
            np.testing.assert_array_equal(after[name], a[:, 1:4])
        dims = {i.name: [d.dim_value for d in i.type.tensor_type.shape.dim] for i in m.graph.input}
        self.assertEqual(dims['sag_t2'][1:], [3, 64, 64])
        self.assertEqual(dims['sag_t1'][1:], [2, 3, 64, 64])
        self.assertEqual(dims['ax_t2'][1:], [3, 3, 64, 64])
        with self.assertRaises(ValueError):
            graph_opt.fewer_slices(onnx.load(os.path.join(V2, 'classifier.onnx')), 4)

    def test_quantize_writes_a_package_that_runs_with_the_new_shapes(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'pkg')
            self.assertEqual(quantize.main(['--model', V2, '--out', out, '--slices', '3']), 0)
            with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
                manifest = json.load(f)
            cls = manifest['classifier']
            self.assertEqual(cls['crop']['slices'], 3)
            self.assertEqual(cls['inputs']['sag_t1'], [-1, 2, 3, 64, 64])
            self.assertTrue(any('middle 3 of the 5 slices' in n for n in manifest['training']['notes']))
            self.assertEqual(manifest['files']['classifier.onnx']['bytes'],
                             os.path.getsize(os.path.join(out, 'classifier.onnx')))
            ok, why = export.node_parity_available()
            if not ok:
                self.skipTest(f'onnxruntime-node not available: {why}')
            clf = os.path.join(out, 'classifier.onnx')
            r = subprocess.run(['node', os.path.join(REPO, 'models', 'training', 'ort_compare.mjs'), clf, clf,
                                os.path.join(out, 'manifest.json'), '--runs', '1', '--threads', '1'],
                               capture_output=True, text=True, cwd=REPO, timeout=120, check=True)
            self.assertEqual(json.loads(r.stdout.strip().splitlines()[-1])['maxAbsDiff'], 0)

    def test_localizer_from_takes_the_other_package_localizer_and_its_entries(self) -> None:
        if not os.path.exists(os.path.join(V1, 'localizer.onnx')):
            self.skipTest('models/spinegrade-phantom-v1 is not in this checkout')
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, 'pkg')
            self.assertEqual(quantize.main(['--model', V2, '--out', out, '--float', '--localizer-from', V1]), 0)
            with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
                manifest = json.load(f)
            with open(os.path.join(V1, 'manifest.json'), encoding='utf-8') as f:
                v1 = json.load(f)
            self.assertEqual(manifest['files']['localizer.onnx'], v1['files']['localizer.onnx'])
            with open(os.path.join(out, 'localizer.onnx'), 'rb') as a, open(os.path.join(V1, 'localizer.onnx'), 'rb') as b:
                self.assertEqual(a.read(), b.read())
            self.assertTrue(any("spinegrade-phantom-v1's" in n for n in manifest['training']['notes']))


if __name__ == '__main__':
    unittest.main()
