"""Dynamic int8 quantisation of a package's ONNX graphs for the CPU path (issue 9, section 4), with the onnx
package alone (onnxruntime's Python tools are not installable here): every MatMul with a constant weight
becomes DynamicQuantizeLinear + MatMulInteger (weights int8, symmetric, one scale per output column) + Cast +
Mul, the layout onnxruntime's own quantize_dynamic writes and fuses into DynamicQuantizeMatMul.

  /usr/bin/python3 -m models.training.quantize --model DIR --out DIR [--min-weights N]
Writes a copy of the package with classifier.onnx quantised and the manifest's file entries and notes updated;
check parity and speed with `node models/training/ort_compare.mjs`. Imports numpy, onnx and the package module.
"""
import argparse
import json
import os
import shutil
import sys
from typing import Dict, List, Optional, Tuple

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from .contract import CLASSIFIER_FILE
from .package import file_entry, write_json


def quantize_weight(w: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """W [K, N] float -> (int8 [K, N], scale [N]) symmetric per output column: w ~ q * scale, |q| <= 127."""
    peak = np.abs(w).max(axis=0)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_matmuls(model: onnx.ModelProto, min_weights: int = 4096) -> int:
    """Rewrite, in place, every MatMul whose second input is a 2-D float initializer of at least min_weights
    elements. Returns the number of MatMuls rewritten."""
    g = model.graph
    inits: Dict[str, onnx.TensorProto] = {i.name: i for i in g.initializer}
    nodes: List[onnx.NodeProto] = []
    done = 0
    for n in g.node:
        w_init = inits.get(n.input[1]) if n.op_type == 'MatMul' and len(n.input) == 2 else None
        if (w_init is None or len(w_init.dims) != 2 or w_init.data_type != TensorProto.FLOAT
                or int(np.prod(w_init.dims)) < min_weights):
            nodes.append(n)
            continue
        q, scale = quantize_weight(numpy_helper.to_array(w_init))
        p = f'{n.name or n.output[0]}_q{done}'
        g.initializer.extend([
            numpy_helper.from_array(q, f'{p}_w'),
            numpy_helper.from_array(np.zeros(q.shape[1], np.int8), f'{p}_w_zp'),
            numpy_helper.from_array(scale, f'{p}_w_scale'),
        ])
        x = n.input[0]
        nodes += [
            helper.make_node('DynamicQuantizeLinear', [x], [f'{p}_x', f'{p}_x_scale', f'{p}_x_zp'], f'{p}_dql'),
            helper.make_node('MatMulInteger', [f'{p}_x', f'{p}_w', f'{p}_x_zp', f'{p}_w_zp'], [f'{p}_i32'],
                             f'{p}_mmi'),
            helper.make_node('Cast', [f'{p}_i32'], [f'{p}_f32'], f'{p}_cast', to=TensorProto.FLOAT),
            helper.make_node('Mul', [f'{p}_x_scale', f'{p}_w_scale'], [f'{p}_scale'], f'{p}_scale_mul'),
            helper.make_node('Mul', [f'{p}_f32', f'{p}_scale'], [n.output[0]], f'{p}_out_mul'),
        ]
        done += 1
    del g.node[:]
    g.node.extend(nodes)
    used = {i for n in g.node for i in n.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.initializer[:]
    g.initializer.extend(keep)
    return done


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog='python3 -m models.training.quantize', description=__doc__.split('\n')[0])
    ap.add_argument('--model', required=True, help='model package folder (manifest.json, classifier.onnx)')
    ap.add_argument('--out', required=True, help='folder for the quantised copy')
    ap.add_argument('--min-weights', type=int, default=4096, help='leave smaller MatMul weights in float32')
    args = ap.parse_args(argv)
    if os.path.abspath(args.model) == os.path.abspath(args.out):
        print('quantize: --out must differ from --model', file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.model):
        if f != CLASSIFIER_FILE and os.path.isfile(os.path.join(args.model, f)):
            shutil.copyfile(os.path.join(args.model, f), os.path.join(args.out, f))
    model = onnx.load(os.path.join(args.model, CLASSIFIER_FILE))
    n = quantize_matmuls(model, args.min_weights)
    out_path = os.path.join(args.out, CLASSIFIER_FILE)
    onnx.save(model, out_path)
    onnx.checker.check_model(out_path)
    manifest_path = os.path.join(args.out, 'manifest.json')
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    manifest['files'][CLASSIFIER_FILE] = file_entry(out_path)
    note = (f'classifier.onnx: {n} MatMul weights dynamically quantised to int8 (per-column symmetric) by '
            'models.training.quantize; check parity with models/training/ort_compare.mjs')
    manifest.setdefault('training', {}).setdefault('notes', []).append(note)
    write_json(manifest_path, manifest)
    mb = os.path.getsize(out_path) / 1e6
    print(f'quantize: {n} MatMuls to int8; {out_path} {mb:.1f} MB; manifest updated')
    return 0


if __name__ == '__main__':
    sys.exit(main())
