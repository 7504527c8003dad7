/**
 * Test helper: writes tiny real ONNX model pairs honouring the models/README.md contract (with
 * /usr/bin/python3 + onnx's helper API) and a manifest.json for them. Never imports electron.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256File } from '../../../../main/engine/model/manifest';

export const PYTHON = '/usr/bin/python3';

/** Why ONNX fixtures cannot be built here, or undefined when they can. */
export function onnxUnavailableReason(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import onnx, numpy'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} not found (${r.error.message})`;
  if (r.status !== 0) return `${PYTHON} lacks onnx/numpy (apt-get install python3-onnx): ${r.stderr.trim()}`;
  return undefined;
}

const SCRIPT = String.raw`
import sys, json, numpy as np, onnx
from onnx import helper, TensorProto, numpy_helper
cfg = json.loads(sys.argv[1])
S, P, HM, LOC = cfg['S'], cfg['P'], cfg['hm'], cfg['locIn']
def save(nodes, inputs, outputs, inits, path):
    g = helper.make_graph(nodes, 'g', inputs, outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid('', 17)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    onnx.save(m, path)
def vi(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)
# Localizer: heatmaps = sigmoid(bias + w * mean(image)): every level peaks at a fixed image position, and on the
# slice whose whole image is brightest, so the five level points share one slice (a column that lines up).
yy, xx = np.mgrid[0:HM, 0:HM].astype(np.float32)
bias = np.full((1, 10, HM, HM), -8.0, np.float32)
for c, (x, y) in enumerate(cfg['peaks']):
    bias[0, c] += 16.0 * np.exp(-((xx - x) ** 2 + (yy - y) ** 2) / (2 * 2.0 ** 2))
nodes = [
    helper.make_node('ReduceMean', ['image'], ['m'], axes=[1, 2, 3], keepdims=1),
    helper.make_node('Mul', ['m', 'w'], ['mw']),
    helper.make_node('Add', ['mw', 'bias'], ['logit']),
    helper.make_node('Sigmoid', ['logit'], ['heatmaps']),
]
inits = [numpy_helper.from_array(bias, 'bias'), numpy_helper.from_array(np.array(cfg['w'], np.float32), 'w')]
save(nodes, [vi('image', ['batch', 3, LOC, LOC])], [vi('heatmaps', ['batch', 10, HM, HM])], inits, cfg['out'] + '/localizer.onnx')
# Classifier: probs = softmax(reshape([mean(sag_t2), mean(sag_t1), mean(ax_t2), view_mask] @ W + b)).
rng = np.random.default_rng(cfg['seed'])
W = rng.normal(0, 1, (6, 15)).astype(np.float32)
b = rng.normal(0, 1, (15,)).astype(np.float32)
nodes, means = [], []
for name in ['sag_t2', 'sag_t1', 'ax_t2']:
    nodes.append(helper.make_node('Flatten', [name], [name + '_f'], axis=1))
    nodes.append(helper.make_node('ReduceMean', [name + '_f'], [name + '_m'], axes=[1], keepdims=1))
    means.append(name + '_m')
nodes += [
    helper.make_node('Concat', means + ['view_mask'], ['feat'], axis=1),
    helper.make_node('MatMul', ['feat', 'W'], ['z0']),
    helper.make_node('Add', ['z0', 'b'], ['z']),
    helper.make_node('Reshape', ['z', 'shape'], ['zr']),
    helper.make_node('Softmax', ['zr'], ['probs'], axis=2),
]
inits = [numpy_helper.from_array(W, 'W'), numpy_helper.from_array(b, 'b'), numpy_helper.from_array(np.array([-1, 5, 3], np.int64), 'shape')]
ins = [vi('sag_t2', ['batch', S, P, P]), vi('sag_t1', ['batch', 2, S, P, P]), vi('ax_t2', ['batch', 3, S, P, P]), vi('view_mask', ['batch', 3])]
save(nodes, ins, [vi('probs', ['batch', 5, 3])], inits, cfg['out'] + '/classifier.onnx')
`;

export interface OnnxPairOptions {
  slices?: number;
  px?: number;
  /** Heatmap size of the localizer output (64 in the contract). */
  heatmapPx?: number;
  /** Heatmap peak (x, y) in heatmap px per channel (10). */
  peaks?: Array<[number, number]>;
  /** Weight of the input's mean intensity on the heatmap logits (brighter slices peak higher). */
  intensityWeight?: number;
  seed?: number;
}

export const DEFAULT_PEAKS: Array<[number, number]> = [
  [30, 14],
  [31, 22],
  [32, 30],
  [33, 38],
  [34, 46],
  [26, 16],
  [27, 24],
  [28, 32],
  [29, 40],
  [30, 48],
];

/** Write localizer.onnx + classifier.onnx into dir (created). Throws with python's stderr on failure. */
export function writeOnnxPair(dir: string, o: OnnxPairOptions = {}): void {
  mkdirSync(dir, { recursive: true });
  const cfg = {
    out: dir,
    S: o.slices ?? 5,
    P: o.px ?? 64,
    hm: o.heatmapPx ?? 64,
    locIn: 256,
    peaks: o.peaks ?? DEFAULT_PEAKS,
    w: o.intensityWeight ?? 1,
    seed: o.seed ?? 1,
  };
  const r = spawnSync(PYTHON, ['-c', SCRIPT, JSON.stringify(cfg)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ONNX fixture script failed: ${r.stderr}`);
}

/** The contract manifest for the default sizes, with sha256/bytes of the files present in dir. */
export function manifestFor(dir: string, slices = 5, px = 64): Record<string, unknown> {
  const files: Record<string, { sha256: string; bytes: number }> = {};
  for (const f of ['localizer.onnx', 'classifier.onnx']) {
    files[f] = { sha256: sha256File(join(dir, f)), bytes: statSync(join(dir, f)).size };
  }
  return {
    schemaVersion: 1,
    id: 'test-tiny',
    name: 'Tiny test model',
    version: '0.0.1',
    created: '2026-01-01T00:00:00Z',
    intendedUse: 'Unit-test model. Not for clinical use.',
    trainingData: 'none',
    conditions: [
      'spinal_canal_stenosis',
      'left_neural_foraminal_narrowing',
      'right_neural_foraminal_narrowing',
      'left_subarticular_stenosis',
      'right_subarticular_stenosis',
    ],
    levels: ['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5', 'l5_s1'],
    classes: ['normal_mild', 'moderate', 'severe'],
    calibration: 'random weights',
    files,
    localizer: {
      file: 'localizer.onnx',
      inputs: { image: [-1, 3, 256, 256] },
      outputs: { heatmaps: [-1, 10, 64, 64] },
    },
    classifier: {
      file: 'classifier.onnx',
      inputs: {
        sag_t2: [-1, slices, px, px],
        sag_t1: [-1, 2, slices, px, px],
        ax_t2: [-1, 3, slices, px, px],
        view_mask: [-1, 3],
      },
      outputs: { probs: [-1, 5, 3] },
      crop: { slices, px, cropMm: 48, recessOffsetMm: 12 },
    },
    normalization: 'per-series p1/p99 to [0, 1.5]',
  };
}

/** Write a tiny model package (ONNX pair + manifest.json) into dir. */
export function writeTinyPackage(dir: string, o: OnnxPairOptions = {}): void {
  writeOnnxPair(dir, o);
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify(manifestFor(dir, o.slices ?? 5, o.px ?? 64), null, 2),
  );
}
