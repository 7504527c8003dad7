"""GELU by its tanh approximation in a CPU copy (models/training/quantize.py `--gelu tanh`): every exact GELU that
torch exports as Div(x, sqrt 2) -> Erf -> Add 1 -> Mul x -> Mul 0.5 becomes one com.microsoft FastGelu node,
0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), which onnxruntime's CPU provider computes with a vectorised
tanh instead of erf. The two curves differ by at most 4.7e-4 (at |x| = 2.7), so it is an approximation of the trained
net: measure its parity. Imports onnx only.
"""
from typing import Dict, List

import numpy as np
import onnx
from onnx import helper, numpy_helper

from .graph_opt import drop_unused_initializers

MS_DOMAIN = 'com.microsoft'


def _const(model: onnx.ModelProto, name: str) -> float:
    """The scalar value of an initializer or Constant node output, or nan when it is neither."""
    for i in model.graph.initializer:
        if i.name == name:
            a = numpy_helper.to_array(i)
            return float(a.reshape(-1)[0]) if a.size == 1 else float('nan')
    for n in model.graph.node:
        if n.op_type == 'Constant' and n.output[0] == name:
            a = numpy_helper.to_array(n.attribute[0].t)
            return float(a.reshape(-1)[0]) if a.size == 1 else float('nan')
    return float('nan')


def tanh_gelu(model: onnx.ModelProto) -> int:
    """Rewrite every erf GELU pattern of the graph as FastGelu in place; returns how many."""
    g = model.graph
    producer: Dict[str, onnx.NodeProto] = {o: n for n in g.node for o in n.output}
    consumers: Dict[str, List[onnx.NodeProto]] = {}
    for n in g.node:
        for i in n.input:
            consumers.setdefault(i, []).append(n)

    def only_consumer(name: str, op: str):
        c = consumers.get(name, [])
        return c[0] if len(c) == 1 and c[0].op_type == op else None

    drop, replace = set(), {}
    for erf in g.node:
        if erf.op_type != 'Erf':
            continue
        div = producer.get(erf.input[0])
        add = only_consumer(erf.output[0], 'Add')
        mul = add and only_consumer(add.output[0], 'Mul')
        half = mul and only_consumer(mul.output[0], 'Mul')
        if div is None or div.op_type != 'Div' or half is None or len(consumers[div.output[0]]) != 1:
            continue
        x = div.input[0]
        one = [i for i in add.input if i != erf.output[0]]
        other = [i for i in mul.input if i != add.output[0]]
        c = [i for i in half.input if i != mul.output[0]]
        if (other != [x] or len(one) != 1 or len(c) != 1 or not np.isclose(_const(model, div.input[1]), np.sqrt(2))
                or not np.isclose(_const(model, one[0]), 1.0) or not np.isclose(_const(model, c[0]), 0.5)):
            continue
        drop.update(id(n) for n in (div, erf, add, mul))
        replace[id(half)] = helper.make_node('FastGelu', [x], [half.output[0]], domain=MS_DOMAIN,
                                             name=f'{erf.name or "gelu"}_fastgelu')
    if not replace:
        return 0
    kept = [replace.get(id(n), n) for n in g.node if id(n) not in drop]
    used = {i for n in kept for i in n.input} | {o.name for o in g.output}
    kept = [n for n in kept if n.op_type != 'Constant' or n.output[0] in used]  # the pattern's sqrt 2, 1, 0.5
    del g.node[:]
    g.node.extend(kept)
    drop_unused_initializers(g)
    if not any(o.domain == MS_DOMAIN for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid(MS_DOMAIN, 1))
    return len(replace)
