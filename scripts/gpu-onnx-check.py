"""Device check: runs the default model package on onnxruntime's CUDA provider and on CPU with the same random
inputs, and prints the providers, the max abs difference and the time per batch. Used on a lent GPU machine
(Python onnxruntime there); the app itself uses onnxruntime-node with the same ONNX files.
Usage: python3 scripts/gpu-onnx-check.py [models/spinegrade-phantom-v4]"""
import json
import sys
import time

import numpy as np
import onnxruntime as ort

pkg = sys.argv[1] if len(sys.argv) > 1 else 'models/spinegrade-phantom-v4'
manifest = json.load(open(f'{pkg}/manifest.json'))
print('onnxruntime', ort.__version__, 'available:', ort.get_available_providers())
if 'CUDAExecutionProvider' not in ort.get_available_providers():
    sys.exit('CUDAExecutionProvider is not available in this onnxruntime build (onnxruntime-gpu is needed); '
             'no GPU comparison made.')
rng = np.random.default_rng(0)
for stage in ('localizer', 'classifier'):
    spec = manifest[stage]
    feeds = {name: rng.random([5 if d == -1 else d for d in shape], dtype=np.float32)
             for name, shape in spec['inputs'].items()}
    if 'view_mask' in feeds:
        feeds['view_mask'][:] = 1.0
    out = {}
    for prov in ('CUDAExecutionProvider', 'CPUExecutionProvider'):
        s = ort.InferenceSession(f"{pkg}/{spec['file']}", providers=[prov])
        s.run(None, feeds)
        t0 = time.perf_counter()
        for _ in range(20):
            r = s.run(None, feeds)[0]
        ms = (time.perf_counter() - t0) / 20 * 1000
        out[prov] = r
        print(f'{stage}: {s.get_providers()[0]} {ms:.2f} ms per batch of 5')
    diff = float(np.abs(out['CUDAExecutionProvider'] - out['CPUExecutionProvider']).max())
    print(f'{stage}: max abs diff CUDA vs CPU {diff:.2e}')
