"""The model contract of models/README.md as Python constants: tensor names, shapes, orders, texts.

Imports nothing from the rest of the trainer; every other module takes its names and shapes from here.
"""
from typing import Dict, List, Tuple

CONDITIONS: Tuple[str, ...] = (
    'spinal_canal_stenosis',
    'left_neural_foraminal_narrowing',
    'right_neural_foraminal_narrowing',
    'left_subarticular_stenosis',
    'right_subarticular_stenosis',
)
LEVELS: Tuple[str, ...] = ('l1_l2', 'l2_l3', 'l3_l4', 'l4_l5', 'l5_s1')
CLASSES: Tuple[str, ...] = ('normal_mild', 'moderate', 'severe')
# Competition sample weight of each true class (Severe is 4, not 3).
CLASS_WEIGHTS: Tuple[float, float, float] = (1.0, 2.0, 4.0)

# Condition columns of labels.npy [M, 5].
SCS, L_NFN, R_NFN, L_SS, R_SS = range(5)
# View index of view_mask [M, 3].
VIEW_SAG_T2, VIEW_SAG_T1, VIEW_AX_T2 = range(3)
# Crop index inside sag_t1 [M, 2, S, P, P] and ax_t2 [M, 3, S, P, P].
T1_RIGHT, T1_LEFT = 0, 1
AX_CANAL, AX_RIGHT, AX_LEFT = 0, 1, 2

LOCALIZER_FILE = 'localizer.onnx'
CLASSIFIER_FILE = 'classifier.onnx'
LOC_INPUT_PX = 256
LOC_HEATMAP_PX = 64
LOC_CHANNELS = 10
HEATMAP_SIGMA_PX = 2.0

OPSET = 17
INTENDED_USE = 'Demonstration model trained on synthetic data. Not for clinical use.'
NORMALIZATION = 'per-series p1/p99 to [0, 1.5]'


def localizer_io() -> Tuple[Dict[str, List[int]], Dict[str, List[int]]]:
    """Input and output shapes of localizer.onnx (-1 = batch)."""
    inputs = {'image': [-1, 3, LOC_INPUT_PX, LOC_INPUT_PX]}
    return inputs, {'heatmaps': [-1, LOC_CHANNELS, LOC_HEATMAP_PX, LOC_HEATMAP_PX]}


def classifier_io(slices: int, px: int) -> Tuple[Dict[str, List[int]], Dict[str, List[int]]]:
    """Input and output shapes of classifier.onnx for crops of `slices` x `px` x `px` (-1 = batch)."""
    inputs = {
        'sag_t2': [-1, slices, px, px],
        'sag_t1': [-1, 2, slices, px, px],
        'ax_t2': [-1, 3, slices, px, px],
        'view_mask': [-1, 3],
    }
    return inputs, {'probs': [-1, len(CONDITIONS), len(CLASSES)]}
