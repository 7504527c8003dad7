"""GELU by its tanh approximation (models/training/quantize_gelu.py): the erf GELU pattern torch exports becomes one
FastGelu node and nothing else changes; a look-alike with other constants is left alone; where Node and
onnxruntime-node are present, onnxruntime computes the tanh formula for the rewritten graph, within 4.7e-4 of the
exact GELU."""
import json
import math
import os
import shutil
import tempfile
import unittest

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import _paths  # noqa: F401
from models.training import export, quantize, quantize_gelu
from test_quantize import REPO, run_in_onnxruntime_node

V2 = os.path.join(REPO, 'models', 'spinegrade-phantom-v2')


def gelu_graph(sqrt2: float = math.sqrt(2.0)) -> onnx.ModelProto:
    """x [-1, 3, 32] -> MatMul w -> erf GELU as torch.onnx writes it (Constant nodes) -> Relu -> y."""
    w = np.random.default_rng(3).normal(0, 1.0, (32, 16)).astype(np.float32)

    def const(name: str, v: float) -> onnx.NodeProto:
        return helper.make_node('Constant', [], [name], value=numpy_helper.from_array(np.array(v, np.float32)))

    nodes = [helper.make_node('MatMul', ['x', 'w'], ['h']), const('c_sqrt2', sqrt2), const('c_one', 1.0),
             const('c_half', 0.5), helper.make_node('Div', ['h', 'c_sqrt2'], ['d']),
             helper.make_node('Erf', ['d'], ['e'], name='gelu_erf'), helper.make_node('Add', ['e', 'c_one'], ['a']),
             helper.make_node('Mul', ['h', 'a'], ['m']), helper.make_node('Mul', ['m', 'c_half'], ['g']),
             helper.make_node('Relu', ['g'], ['y'])]
    g = helper.make_graph(nodes, 'gelu', [helper.make_tensor_value_info('x', TensorProto.FLOAT, ['batch', 3, 32])],
                          [helper.make_tensor_value_info('y', TensorProto.FLOAT, ['batch', 3, 16])],
                          [numpy_helper.from_array(w, 'w')])
    return helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)])


def gelu_reference(m: onnx.ModelProto, x: np.ndarray, tanh: bool) -> np.ndarray:
    w = numpy_helper.to_array([i for i in m.graph.initializer if i.name == 'w'][0]).astype(np.float64)
    h = x.astype(np.float64) @ w
    if tanh:
        g = 0.5 * h * (1 + np.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h ** 3)))
    else:
        g = 0.5 * h * (1 + np.vectorize(math.erf)(h / math.sqrt(2)))
    return np.maximum(g, 0)


class TanhGeluTest(unittest.TestCase):
    def test_rewrites_the_erf_pattern_into_one_fastgelu(self) -> None:
        m = gelu_graph()
        self.assertEqual(quantize_gelu.tanh_gelu(m), 1)
        onnx.checker.check_model(m)
        self.assertEqual([n.op_type for n in m.graph.node], ['MatMul', 'FastGelu', 'Relu'])
        fg = m.graph.node[1]
        self.assertEqual((fg.domain, list(fg.input), list(fg.output)), ('com.microsoft', ['h'], ['g']))
        self.assertIn('com.microsoft', {o.domain for o in m.opset_import})
        self.assertEqual([i.name for i in m.graph.initializer], ['w'])
        self.assertEqual(quantize_gelu.tanh_gelu(m), 0)

    def test_leaves_other_constants_alone(self) -> None:
        m = gelu_graph(sqrt2=2.0)
        self.assertEqual(quantize_gelu.tanh_gelu(m), 0)
        self.assertIn('Erf', [n.op_type for n in m.graph.node])

    def test_quantize_uses_tanh_gelu_for_int8_copies_only_unless_told(self) -> None:
        if not os.path.exists(os.path.join(V2, 'manifest.json')):
            self.skipTest('models/spinegrade-phantom-v2 is not in this checkout')
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, 'src')
            shutil.copytree(V2, src)
            onnx.save(gelu_graph(), os.path.join(src, 'classifier.onnx'))
            for args, fast in (([], 1), (['--gelu', 'erf'], 0), (['--float'], 0), (['--float', '--gelu', 'tanh'], 1)):
                out = os.path.join(d, 'out-' + '-'.join(a.strip('-') for a in args))
                self.assertEqual(quantize.main(['--model', src, '--out', out, *args]), 0)
                ops = [n.op_type for n in onnx.load(os.path.join(out, 'classifier.onnx')).graph.node]
                self.assertEqual((ops.count('FastGelu'), ops.count('Erf')), (fast, 1 - fast), args)
                with open(os.path.join(out, 'manifest.json'), encoding='utf-8') as f:
                    notes = json.load(f)['training']['notes']
                self.assertEqual(any('tanh approximation' in n for n in notes), bool(fast), args)

    def test_onnxruntime_node_computes_the_tanh_formula(self) -> None:
        ok, why = export.node_parity_available()
        if not ok:
            self.skipTest(f'onnxruntime-node not available: {why}')
        m = gelu_graph()
        quantize_gelu.tanh_gelu(m)
        x = np.random.default_rng(8).normal(0, 0.5, (4, 3, 32)).astype(np.float32)  # h spans about +-6
        got = run_in_onnxruntime_node(m, x)
        self.assertLess(float(np.abs(got - gelu_reference(m, x, tanh=True)).max()), 1e-4)
        exact = gelu_reference(m, x, tanh=False)
        diff = float(np.abs(got - exact).max())
        print(f'tanh GELU vs erf GELU in onnxruntime-node: max abs diff {diff:.2e}')
        self.assertGreater(diff, 1e-6)
        self.assertLess(diff, 5e-4 + 1e-4)


if __name__ == '__main__':
    unittest.main()
