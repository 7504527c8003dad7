"""Rewrites of an exported classifier graph for the CPU path (issue 9, section 4), with the onnx package alone:
fold_layer_scale (exact: a ConvNeXt block's layer scale folded into the Linear before it) and fewer_slices (a
model change, opt-in: the middle n of the S slices per crop through the same attention pooling). Imports numpy
and onnx only.
"""
from typing import Dict, List

import numpy as np
import onnx
from onnx import numpy_helper

# The classifier's crop inputs and the axis of their slice dimension (models/README.md "Classifier").
SLICE_AXIS = {'sag_t2': 1, 'sag_t1': 2, 'ax_t2': 2}


def _uses(g: onnx.GraphProto) -> Dict[str, int]:
    count: Dict[str, int] = {}
    for n in g.node:
        for i in n.input:
            count[i] = count.get(i, 0) + 1
    for o in g.output:
        count[o.name] = count.get(o.name, 0) + 1
    return count


def _aliases(g: onnx.GraphProto, inits: Dict[str, onnx.TensorProto]) -> Dict[str, str]:
    """Identity outputs that stand for an initializer (the exporter shares equal initializers that way, e.g.
    every layer scale of an untrained net): output name -> initializer name."""
    alias: Dict[str, str] = {}
    for n in g.node:
        if n.op_type == 'Identity' and n.input[0] in inits:
            alias[n.output[0]] = n.input[0]
    return alias


def fold_layer_scale(model: onnx.ModelProto) -> int:
    """Rewrite, in place, every Mul(Add(MatMul(x, W), b), gamma) with constant W [K, C], b [C], gamma [C] into
    Add(MatMul(x, W * gamma), b * gamma): the same function, one elementwise pass less per block (ConvNeXt's
    layer scale). Per-column int8 weight quantisation gives the same integers either way. Returns the count."""
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    alias = _aliases(g, inits)
    const = lambda name: inits.get(alias.get(name, name))  # noqa: E731
    producer = {o: n for n in g.node for o in n.output}
    uses = _uses(g)
    done, dropped, rename, new_inits = 0, set(), {}, []
    for mul in g.node:
        if mul.op_type != 'Mul':
            continue
        gamma_in = next((i for i in mul.input if const(i) is not None and len(const(i).dims) == 1), None)
        other = [i for i in mul.input if i != gamma_in]
        add = producer.get(other[0]) if gamma_in and len(other) == 1 else None
        if add is None or add.op_type != 'Add' or uses.get(add.output[0]) != 1:
            continue
        b_in = next((i for i in add.input if const(i) is not None), None)
        mm = next((producer[i] for i in add.input if i in producer and producer[i].op_type == 'MatMul'), None)
        if b_in is None or mm is None or uses.get(mm.output[0]) != 1 or const(mm.input[1]) is None:
            continue
        w = numpy_helper.to_array(const(mm.input[1]))
        b, gamma = numpy_helper.to_array(const(b_in)), numpy_helper.to_array(const(gamma_in))
        if w.ndim != 2 or b.shape != gamma.shape or w.shape[1] != gamma.shape[0]:
            continue
        p = f'{mm.name or mm.output[0]}_ls'
        new_inits += [numpy_helper.from_array((w * gamma[None, :]).astype(w.dtype), f'{p}_w'),
                      numpy_helper.from_array((b * gamma).astype(b.dtype), f'{p}_b')]
        mm.input[1] = f'{p}_w'
        add.input[list(add.input).index(b_in)] = f'{p}_b'
        rename[mul.output[0]] = add.output[0]
        dropped.add(id(mul))
        done += 1
    if any(o.name in rename for o in g.output):
        raise ValueError('fold_layer_scale: a layer-scale Mul feeds a graph output')
    nodes = [n for n in g.node if id(n) not in dropped]
    for n in nodes:
        for k, i in enumerate(n.input):
            if i in rename:
                n.input[k] = rename[i]
    del g.node[:]
    g.node.extend(nodes)
    g.initializer.extend(new_inits)
    _drop_unused(g)
    return done


def fewer_slices(model: onnx.ModelProto, slices: int) -> List[str]:
    """Rewrite, in place, a classifier exported for S slices per crop to take the middle `slices` of them (odd,
    <= S): the crop inputs' slice dimension becomes `slices` and each attention pooling's slice-position
    embedding ([1, S, D] initializers named `*.pos`) keeps its middle rows, so every kept slice has the
    position it was trained with and the softmax runs over the kept slices. Returns the embeddings changed.
    This changes the model (fewer slices seen): measure its parity before shipping it."""
    g = model.graph
    dims = {i.name: i.type.tensor_type.shape.dim for i in g.input}
    s = dims['sag_t2'][SLICE_AXIS['sag_t2']].dim_value
    if slices < 1 or slices % 2 == 0 or slices > s:
        raise ValueError(f'fewer_slices: slices must be odd and at most {s}, got {slices}')
    first = (s - slices) // 2
    for name, axis in SLICE_AXIS.items():
        if dims[name][axis].dim_value != s:
            raise ValueError(f'fewer_slices: input {name} has no {s}-slice axis {axis}')
        dims[name][axis].dim_value = slices
    changed = []
    for init in g.initializer:
        if init.name.endswith('.pos') and len(init.dims) == 3 and init.dims[1] == s:
            a = numpy_helper.to_array(init)[:, first:first + slices]
            init.CopyFrom(numpy_helper.from_array(np.ascontiguousarray(a), init.name))
            changed.append(init.name)
    if not changed:
        raise ValueError('fewer_slices: no [1, S, D] slice-position embedding (*.pos) found')
    return changed


def _drop_unused(g: onnx.GraphProto) -> None:
    """Remove nodes whose outputs nothing reads (e.g. an Identity alias of a folded layer scale), then unused
    initializers."""
    while True:
        uses = _uses(g)
        dead = [n for n in g.node if all(uses.get(o, 0) == 0 for o in n.output)]
        if not dead:
            break
        keep = [n for n in g.node if all(n is not d for d in dead)]
        del g.node[:]
        g.node.extend(keep)
    drop_unused_initializers(g)


def drop_unused_initializers(g: onnx.GraphProto) -> None:
    """Remove the initializers no node reads."""
    used = {i for n in g.node for i in n.input}
    keep_inits = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep_inits)
