"""The `rsna` presets' per-slice encoders (models/training/presets.py, backbones.py): `rsna` builds ConvNeXt-tiny,
whose compute per 128 px slice is what the < 2 s per study CPU goal at 5 slices per crop needs; `rsna-small` keeps
ConvNeXt-small as a named option; the description that the manifest and model card carry names the encoder built."""
import unittest
from dataclasses import replace

import torch
from torch import nn

import _paths  # noqa: F401
from models.training import backbones
from models.training.models import build_slice_encoder
from models.training.presets import PRESETS, get_preset

PX = 128


def macs_per_slice(encoder: nn.Module, px: int) -> int:
    """Multiply-accumulates of one 1 x px x px slice through the encoder's Conv2d and Linear layers."""
    total = [0]

    def hook(m: nn.Module, _inp: tuple, out: torch.Tensor) -> None:
        if isinstance(m, nn.Conv2d):
            k = m.kernel_size[0] * m.kernel_size[1]
            total[0] += out.numel() * (m.in_channels // m.groups) * k
        elif isinstance(m, nn.Linear):
            total[0] += out.numel() // m.out_features * m.in_features * m.out_features

    handles = [m.register_forward_hook(hook) for m in encoder.modules()]
    with torch.no_grad():
        encoder.eval()(torch.zeros(1, 1, px, px))
    for h in handles:
        h.remove()
    return total[0]


def blocks_per_stage(encoder: nn.Module) -> list:
    """ConvNeXt blocks per stage (timm's `stages[i].blocks` or the torch-native `stages[i]`)."""
    net = getattr(encoder, 'net', encoder)
    out = []
    for stage in net.stages:
        blocks = getattr(stage, 'blocks', stage)
        out.append(sum(1 for m in blocks if type(m).__name__ in ('ConvNeXtBlock', 'ConvNeXtBlockV2')))
    return out


class RsnaPresetTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        torch.manual_seed(0)
        cls.tiny = build_slice_encoder(get_preset('rsna', gpu=False), PX)
        cls.small = build_slice_encoder(get_preset('rsna-small', gpu=False), PX)

    def test_rsna_builds_convnext_tiny(self) -> None:
        self.assertEqual(get_preset('rsna', gpu=True).encoder, 'convnext_tiny')
        self.assertEqual(blocks_per_stage(self.tiny), [3, 3, 9, 3])
        self.assertEqual(int(self.tiny.out_dim), 768)

    def test_rsna_encoder_fits_the_cpu_budget_at_5_slices(self) -> None:
        # 5 levels x 6 crops x 5 slices per study; ConvNeXt-tiny is 1.45 GMAC per 128 px slice (small: 2.83,
        # 2.4-3.2 s of int8 classifier per study on 2 cores, models/training/README.md).
        gmac = macs_per_slice(self.tiny, PX) / 1e9
        self.assertGreater(gmac, 1.3)
        self.assertLess(gmac, 1.6)
        self.assertLess(gmac * 5 * 6 * 5, 240)

    def test_rsna_small_is_a_named_option_with_convnext_small(self) -> None:
        self.assertIn('rsna-small', PRESETS)
        self.assertEqual(blocks_per_stage(self.small), [3, 3, 27, 3])
        ratio = macs_per_slice(self.small, PX) / macs_per_slice(self.tiny, PX)
        self.assertGreater(ratio, 1.8)
        self.assertLess(ratio, 2.1)
        rsna, small = get_preset('rsna', gpu=False), get_preset('rsna-small', gpu=False)
        # Only the encoder (and the name and its description) differ.
        self.assertEqual(replace(small, name=rsna.name, description=rsna.description, encoder=rsna.encoder), rsna)

    def test_descriptions_name_the_encoder_they_build(self) -> None:
        names = {'convnext_tiny': 'ConvNeXt-tiny', 'convnext_small': 'ConvNeXt-small'}
        for preset_name in ('rsna', 'rsna-small'):
            p = get_preset(preset_name, gpu=False)
            self.assertTrue(p.description.startswith(names[p.encoder] + ' per-slice encoder'), p.description)

    def test_unknown_convnext_size_is_refused(self) -> None:
        with self.assertRaisesRegex(ValueError, 'convnext_huge'):
            backbones.convnext_encoder('convnext_huge', 1, pretrained=False)
        with self.assertRaisesRegex(ValueError, 'unknown encoder'):
            build_slice_encoder(replace(get_preset('rsna', gpu=False), encoder='resnet50'), PX)


if __name__ == '__main__':
    unittest.main()
