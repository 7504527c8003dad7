"""The CPU package of a model (issue 9, section 4), with the onnx package alone (onnxruntime's Python tools are not
installable here): the classifier's ConvNeXt layer scales folded into the Linear before them (exact), then every
MatMul with a constant weight becomes DynamicQuantizeLinear + MatMulInteger (weights int8 in a 7-bit range by
default, symmetric, one scale per output column) + Cast + Mul, the layout onnxruntime's own quantize_dynamic
writes and fuses into DynamicQuantizeMatMul. `--slices N` (opt-in, a model change) also makes the classifier
read the middle N of its S slices per crop (graph_opt.fewer_slices); `--float` skips the int8 step. The int8 copy
also computes GELU by its tanh approximation (quantize_gelu.tanh_gelu, ~10% less CPU time on AVX2; 50x smaller
than the int8 error, models/training/README.md); `--gelu erf` keeps the exact GELU, the default with `--float`.

  /usr/bin/python3 -m models.training.quantize --model DIR --out DIR [--slices N] [--float] [--min-weights N]
      [--weight-bits 7|8] [--gelu tanh|erf] [--localizer-from DIR]
Writes a copy of the package with classifier.onnx rewritten and the manifest's file entries, crop, input shapes
and notes updated; check parity and speed with `node models/training/ort_compare.mjs`. Imports numpy, onnx and
the trainer's package and graph_opt modules.
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

from .contract import CLASSIFIER_FILE, LOCALIZER_FILE
from .graph_opt import SLICE_AXIS, drop_unused_initializers, fewer_slices, fold_layer_scale
from .package import file_entry, write_json
from .quantize_gelu import tanh_gelu


# Weights in 7 bits (|q| <= 63) unless asked otherwise: onnxruntime's u8 x s8 kernels on AVX2 / AVX-512 CPUs
# without VNNI add pairs of u8 * s8 products in int16 with saturation (vpmaddubsw), and 2 x 255 x 127 overflows
# it while 2 x 255 x 63 does not (onnxruntime's quantize_dynamic calls this reduce_range). Full 8-bit weights are
# right only on VNNI CPUs, which a package cannot know it will meet.
DEFAULT_WEIGHT_BITS = 7


def quantize_weight(w: np.ndarray, bits: int = DEFAULT_WEIGHT_BITS) -> Tuple[np.ndarray, np.ndarray]:
    """W [K, N] float -> (int8 [K, N], scale [N]) symmetric per output column: w ~ q * scale,
    |q| <= 2^(bits-1) - 1 (63 for 7 bits, 127 for 8)."""
    if bits not in (7, 8):
        raise ValueError(f'weight bits must be 7 or 8, not {bits}')
    qmax = float(2 ** (bits - 1) - 1)
    peak = np.abs(w).max(axis=0)
    scale = np.where(peak > 0, peak / qmax, 1.0).astype(np.float32)
    q = np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale


def quantize_matmuls(model: onnx.ModelProto, min_weights: int = 4096, bits: int = DEFAULT_WEIGHT_BITS) -> int:
    """Rewrite, in place, every MatMul whose second input is a 2-D float initializer of at least min_weights
    elements, its weights in `bits` bits. Returns the number of MatMuls rewritten."""
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
        q, scale = quantize_weight(numpy_helper.to_array(w_init), bits)
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
    drop_unused_initializers(g)
    return done


def rewrite_manifest(manifest: dict, notes: List[str], slices: Optional[int]) -> None:
    """Record the rewrite in the manifest: notes, and with fewer slices the crop and the classifier's inputs."""
    if slices is not None:
        manifest['classifier']['crop']['slices'] = slices
        for name, axis in SLICE_AXIS.items():
            manifest['classifier']['inputs'][name][axis] = slices
    manifest.setdefault('training', {}).setdefault('notes', []).extend(notes)


def take_localizer(manifest: dict, src: str, out: str) -> str:
    """Copy another package's localizer.onnx into out and its manifest entries into manifest; returns the note."""
    with open(os.path.join(src, 'manifest.json'), encoding='utf-8') as f:
        other = json.load(f)
    shutil.copyfile(os.path.join(src, LOCALIZER_FILE), os.path.join(out, LOCALIZER_FILE))
    manifest['localizer'] = other['localizer']
    manifest['files'][LOCALIZER_FILE] = other['files'][LOCALIZER_FILE]
    return f"localizer.onnx is {other['id']}'s (quantize --localizer-from)"


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog='python3 -m models.training.quantize', description=__doc__.split('\n')[0])
    ap.add_argument('--model', required=True, help='model package folder (manifest.json, classifier.onnx)')
    ap.add_argument('--out', required=True, help='folder for the rewritten copy')
    ap.add_argument('--min-weights', type=int, default=4096, help='leave smaller MatMul weights in float32')
    ap.add_argument('--slices', type=int, default=None,
                    help='read the middle N (odd) of the S slices per crop: a model change, measure its parity')
    ap.add_argument('--float', action='store_true', help='no int8 step (layer-scale folding and --slices only)')
    ap.add_argument('--weight-bits', type=int, choices=(7, 8), default=DEFAULT_WEIGHT_BITS,
                    help='int8 weight range: 7 (|q| <= 63, right on every x86 CPU; the default) or 8 (|q| <= 127, '
                         'right only where onnxruntime uses VNNI: elsewhere its u8 x s8 sums saturate)')
    ap.add_argument('--gelu', choices=('tanh', 'erf'), default=None,
                    help='GELU as its tanh approximation (com.microsoft FastGelu; the default of an int8 copy) or '
                         'exact erf (the default with --float)')
    ap.add_argument('--localizer-from', default=None,
                    help='take localizer.onnx from this package instead (timing an untrained classifier, whose '
                         'own untrained localizer finds no lumbar column)')
    args = ap.parse_args(argv)
    if os.path.abspath(args.model) == os.path.abspath(args.out):
        print('quantize: --out must differ from --model', file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.model):
        if f != CLASSIFIER_FILE and os.path.isfile(os.path.join(args.model, f)):
            shutil.copyfile(os.path.join(args.model, f), os.path.join(args.out, f))
    model = onnx.load(os.path.join(args.model, CLASSIFIER_FILE))
    folded = fold_layer_scale(model)
    notes = [f'classifier.onnx: {folded} layer scales folded into the Linear before them (exact) by '
             'models.training.quantize']
    if args.slices is not None:
        s = model.graph.input[0].type.tensor_type.shape.dim[SLICE_AXIS['sag_t2']].dim_value
        try:
            fewer_slices(model, args.slices)
        except ValueError as e:
            print(f'quantize: {e}', file=sys.stderr)
            return 2
        notes.append(f'classifier.onnx reads the middle {args.slices} of the {s} slices per crop it was trained '
                     f'with (quantize --slices {args.slices}; attention pooling over the kept slices with their '
                     'trained position embeddings): a model change, parity in models/training/README.md')
    n = 0 if args.float else quantize_matmuls(model, args.min_weights, args.weight_bits)
    if n:
        notes.append(f'classifier.onnx: {n} MatMul weights dynamically quantised to int8 (per-column symmetric, '
                     f'{args.weight_bits}-bit range) by models.training.quantize; check parity with '
                     'models/training/ort_compare.mjs')
    gelu = args.gelu or ('erf' if args.float else 'tanh')
    g = tanh_gelu(model) if gelu == 'tanh' else 0
    if g:
        notes.append(f'classifier.onnx: {g} GELUs by their tanh approximation (com.microsoft FastGelu; differs from '
                     'erf GELU by <= 4.7e-4) by models.training.quantize; parity in models/training/README.md')
    out_path = os.path.join(args.out, CLASSIFIER_FILE)
    onnx.save(model, out_path)
    onnx.checker.check_model(out_path)
    manifest_path = os.path.join(args.out, 'manifest.json')
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    manifest['files'][CLASSIFIER_FILE] = file_entry(out_path)
    if args.localizer_from:
        notes.append(take_localizer(manifest, args.localizer_from, args.out))
    rewrite_manifest(manifest, notes, args.slices)
    write_json(manifest_path, manifest)
    mb = os.path.getsize(out_path) / 1e6
    print(f'quantize: {folded} layer scales folded; {n} MatMuls to int8 ({args.weight_bits}-bit weights); {g} tanh '
          f'GELUs; slices '
          f'{args.slices or "unchanged"}; {out_path} {mb:.1f} MB; manifest updated')
    return 0


if __name__ == '__main__':
    sys.exit(main())
