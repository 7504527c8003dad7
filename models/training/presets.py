"""Training presets: `phantom` (tiny, CPU, default model), `rsna` (full-size GPU configuration for the real
dataset, ConvNeXt-tiny per slice), `rsna-small` (the same with ConvNeXt-small, about twice the compute) and
`seed` (the one-stage family the project started from, mapped onto the classifier contract).
Imports only the standard library and the augmentation config.
"""
from dataclasses import dataclass, field, replace
from typing import Dict, Optional, Tuple

from .augment import AugmentConfig


@dataclass(frozen=True)
class Preset:
    """Everything a training run needs besides the data; train.py's flags override epochs/max_minutes."""

    name: str
    description: str
    # Stage 1: localizer (UNet-ish, 256 px in, 64 px heatmaps out).
    loc_widths: Tuple[int, ...] = (16, 24, 48, 64, 96)
    loc_dec_widths: Tuple[int, ...] = (32, 24, 16)
    loc_batch: int = 16
    loc_lr: float = 2e-3
    loc_rows_per_epoch: int = 6000
    loc_time_share: float = 0.35
    # Stage 2: classifier.
    cls_kind: str = 'two_stage'  # 'two_stage' | 'seed'
    # 'tiny' | a backbones.CONVNEXT_SIZES name ('convnext_tiny', 'convnext_small'; timm when present, else
    # torch-native).
    encoder: str = 'tiny'
    enc_widths: Tuple[int, ...] = (8, 32, 64, 64)
    feat_dim: int = 64
    cls_batch: int = 32
    cls_lr: float = 2e-3
    weight_decay: float = 1e-4
    class_weights: Optional[Tuple[float, float, float]] = None
    epochs: int = 6
    max_minutes: float = 25.0
    pretrained: bool = False
    aug: AugmentConfig = field(default_factory=AugmentConfig)
    # The prep spec this preset is designed for (index.json "spec"); a different spec only warns.
    spec: Dict[str, float] = field(
        default_factory=lambda: {'S': 5, 'P': 64, 'cropMm': 48, 'recessOffsetMm': 12})
    # seed preset only: input sizes and encoder sizes (reduced on CPU, full on a GPU).
    seed_sag_px: int = 128
    seed_ax_px: int = 112
    seed_full: bool = False


PHANTOM = Preset(
    name='phantom',
    description='tiny per-slice CNN (4 stride-2 stages, 64-d features), attention pooling, plain CE; CPU',
)

# ConvNeXt-tiny, not -small: the best RSNA 2024 systems used ConvNeXt-small/tiny or EfficientNetV2-S per-slice
# encoders and small backbones beat large ones (shared/reference/rsna-lumbar.md), and tiny is half of small's
# compute (1.5 vs 2.8 GMAC per 128 px slice), which is what the < 2 s per study CPU goal needs at 5 slices per
# crop (models/training/README.md, "The rsna size on CPU").
RSNA = Preset(
    name='rsna',
    description='ConvNeXt-tiny per-slice encoder (timm when installed), attention pooling, plain CE + '
    'temperature; GPU configuration for the real RSNA 2024 data (prep --px 128 --crop-mm 60 --jitter 2)',
    loc_widths=(32, 64, 96, 128, 192),
    loc_dec_widths=(96, 64, 48),
    loc_batch=32,
    loc_lr=1e-3,
    loc_rows_per_epoch=40000,
    loc_time_share=0.25,
    encoder='convnext_tiny',
    feat_dim=256,
    cls_batch=32,
    cls_lr=2e-4,
    weight_decay=0.05,
    epochs=20,
    max_minutes=600.0,
    aug=AugmentConfig(view_dropout_p=0.1, intensity_scale=0.2, intensity_shift=0.1, shift_px=8,
                      loc_shift_hm_px=4),
    spec={'S': 5, 'P': 128, 'cropMm': 60, 'recessOffsetMm': 12},
)

RSNA_SMALL = replace(
    RSNA,
    name='rsna-small',
    description='ConvNeXt-small per-slice encoder (timm when installed; twice the compute of the rsna preset\'s '
    'ConvNeXt-tiny, over 2 s of classifier per study on 2 CPU cores even with int8 MatMuls), attention pooling, '
    'plain CE + temperature; GPU configuration for the real RSNA 2024 data (prep --px 128 --crop-mm 60 --jitter 2)',
    encoder='convnext_small',
)

SEED = Preset(
    name='seed',
    description='one-stage family: sagittal T2 5 slices as channels -> ConvNeXt-nano-class encoder, axial T2 3 '
    'slices as channels -> ViT-small-class encoder, class-weighted CE [1,2,4] undone at export',
    cls_kind='seed',
    cls_batch=32,
    cls_lr=5e-4,
    weight_decay=0.05,
    class_weights=(1.0, 2.0, 4.0),
)

PRESETS: Dict[str, Preset] = {p.name: p for p in (PHANTOM, RSNA, RSNA_SMALL, SEED)}


def get_preset(name: str, gpu: bool) -> Preset:
    """The named preset; `seed` runs at its full published size only on a GPU (reduced on CPU, said in the
    manifest and model card)."""
    if name not in PRESETS:
        raise ValueError(f'unknown preset "{name}"; choose one of {", ".join(PRESETS)}')
    preset = PRESETS[name]
    if name == 'seed' and gpu:
        return replace(preset, seed_full=True, seed_ax_px=518, max_minutes=600.0, epochs=20)
    return preset
