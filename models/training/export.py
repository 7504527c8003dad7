"""ONNX export (opset 17, dynamic batch, the contract's tensor names) and the torch-vs-onnxruntime-node
parity check (max abs diff <= 1e-4) run through ort_parity.mjs. Imports torch, numpy and trainer modules.
"""
import inspect
import json
import os
import shutil
import subprocess
from typing import Dict, List, Sequence, Tuple

import numpy as np
import torch
from torch import nn

import onnx

from .contract import OPSET

PARITY_TOLERANCE = 1e-4
PARITY_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ort_parity.mjs')
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ParityError(Exception):
    """onnxruntime-node disagrees with torch beyond the tolerance, or could not run the model."""


class ExportError(Exception):
    """The exported file is not a single self-contained ONNX model of the contract's opset."""


def check_onnx_file(path: str) -> None:
    """The package holds one file per stage: no external data (torch >= 2.9's default exporter writes
    `.onnx.data` beside the model), the default-domain opset is OPSET, and the ONNX checker passes."""
    model = onnx.load(path, load_external_data=False)
    external = [t.name for t in model.graph.initializer if t.data_location == onnx.TensorProto.EXTERNAL]
    if external:
        raise ExportError(f'{path} keeps {len(external)} weights in external data files; the package needs one file')
    opsets = {o.domain or 'ai.onnx': o.version for o in model.opset_import}
    if opsets.get('ai.onnx') != OPSET:
        raise ExportError(f'{path} has opset {opsets}; the contract says {OPSET}')
    onnx.checker.check_model(model)


def export_onnx(model: nn.Module, inputs: Dict[str, torch.Tensor], output_name: str, path: str) -> None:
    """Export `model(*inputs.values())` to `path` with dim 0 of every tensor named `batch` (dynamic)."""
    model = model.eval().cpu()
    names = list(inputs)
    dynamic = {n: {0: 'batch'} for n in names + [output_name]}
    # torch >= 2.9 defaults to the dynamo exporter (opset 18, external data); the TorchScript one is asked for.
    legacy = {'dynamo': False} if 'dynamo' in inspect.signature(torch.onnx.export).parameters else {}
    with torch.no_grad():
        torch.onnx.export(
            model,
            tuple(inputs[n].cpu() for n in names),
            path,
            input_names=names,
            output_names=[output_name],
            dynamic_axes=dynamic,
            opset_version=OPSET,
            do_constant_folding=True,
            **legacy,
        )
    check_onnx_file(path)


def _save_case(model: nn.Module, inputs: Dict[str, torch.Tensor], output_name: str, onnx_path: str,
               work_dir: str, tag: str) -> Dict[str, object]:
    """Run torch on `inputs`, save inputs and output as .npy for the Node checker; return its case entry."""
    with torch.no_grad():
        out = model.eval().cpu()(*[inputs[n].cpu() for n in inputs])
    files: Dict[str, str] = {}
    for name, tensor in inputs.items():
        files[name] = os.path.join(work_dir, f'{tag}_in_{name}.npy')
        np.save(files[name], tensor.cpu().numpy().astype(np.float32))
    expected = os.path.join(work_dir, f'{tag}_out_{output_name}.npy')
    np.save(expected, out.numpy().astype(np.float32))
    return {'model': onnx_path, 'inputs': files, 'outputs': {output_name: expected}}


def node_parity_available() -> Tuple[bool, str]:
    """Whether `node` and node_modules/onnxruntime-node exist (else the reason, for skips)."""
    if shutil.which('node') is None:
        return False, 'node is not on PATH'
    if not os.path.isdir(os.path.join(REPO_ROOT, 'node_modules', 'onnxruntime-node')):
        return False, 'node_modules/onnxruntime-node is missing (run npm ci)'
    return True, ''


def check_parity(cases: Sequence[Tuple[nn.Module, Dict[str, torch.Tensor], str, str]], work_dir: str,
                 tolerance: float = PARITY_TOLERANCE) -> List[Dict[str, object]]:
    """For each (model, inputs, output_name, onnx_path): torch output vs onnxruntime-node output on the same
    inputs. Returns the per-output results; raises ParityError when any max abs diff exceeds tolerance."""
    ok, why = node_parity_available()
    if not ok:
        raise ParityError(f'cannot run the onnxruntime-node parity check: {why}')
    os.makedirs(work_dir, exist_ok=True)
    saved = [_save_case(m, i, o, p, work_dir, f'case{k}') for k, (m, i, o, p) in enumerate(cases)]
    spec = {'tolerance': tolerance, 'cases': saved}
    spec_path = os.path.join(work_dir, 'parity.json')
    with open(spec_path, 'w', encoding='utf-8') as f:
        json.dump(spec, f)
    proc = subprocess.run(['node', PARITY_SCRIPT, spec_path], cwd=REPO_ROOT, capture_output=True, text=True,
                          timeout=600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith('{')]
    if not lines:
        raise ParityError(f'ort_parity.mjs gave no result (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}')
    result = json.loads(lines[-1])
    if proc.returncode != 0 or not result.get('ok'):
        raise ParityError(f'torch vs onnxruntime-node parity failed (tolerance {tolerance}): '
                          f'{json.dumps(result)}')
    return list(result['results'])
