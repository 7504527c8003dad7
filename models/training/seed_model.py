"""The `seed` preset's classifier: the one-stage family the project started from, mapped onto the classifier
contract so `evaluate` can compare designs on the same studies (mapping documented in README.md).
Imports torch and trainer modules only.
"""
import torch
from torch import nn

from .backbones import ConvNeXt, TimmEncoder, Vit, resize_to, timm_available
from .contract import AX_CANAL, CONDITIONS
from .presets import Preset

AX_CHANNELS = 3


def _sag_encoder(preset: Preset) -> nn.Module:
    if preset.seed_full:
        if timm_available():
            return TimmEncoder('convnext_nano', 5, preset.pretrained)
        return ConvNeXt(5, (2, 2, 8, 2), (80, 160, 320, 640))
    return ConvNeXt(5, (1, 1, 3, 1), (32, 64, 128, 256))


def _ax_encoder(preset: Preset) -> nn.Module:
    if preset.seed_full:
        if timm_available():
            name = 'vit_small_patch14_dinov2'
            return TimmEncoder(name, AX_CHANNELS, preset.pretrained, img_px=preset.seed_ax_px)
        return Vit(AX_CHANNELS, preset.seed_ax_px, 14, 384, 12, 6)
    return Vit(AX_CHANNELS, preset.seed_ax_px, 14, 96, 4, 3)


class SeedClassifier(nn.Module):
    """Slices as channels, no per-slice encoder, no left/right sharing, no sagittal T1:
    sag_t2 (S slices) -> resized to seed_sag_px -> ConvNeXt-nano-class encoder; the 3 middle slices of the
    axial canal crop -> resized to seed_ax_px -> ViT-small-class encoder; concatenated (gated by view_mask)
    -> one linear layer -> 15 logits = [5 conditions x 3 classes]. sag_t1 and the recess crops are part of
    the contract's signature but not of the seed's design; sag_t1 enters with weight zero only so the
    exported graph keeps every contract input."""

    def __init__(self, preset: Preset, slices: int) -> None:
        super().__init__()
        if slices < AX_CHANNELS:
            raise ValueError(f'the seed design needs at least {AX_CHANNELS} slices per crop, the prep has {slices}')
        self.sag_px, self.ax_px = preset.seed_sag_px, preset.seed_ax_px
        self.sag, self.ax = _sag_encoder(preset), _ax_encoder(preset)
        if slices != 5:
            self.sag_in: nn.Module = nn.Conv2d(slices, 5, 1)
        else:
            self.sag_in = nn.Identity()
        d = int(getattr(self.sag, 'out_dim')) + int(getattr(self.ax, 'out_dim'))
        self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(d, len(CONDITIONS) * 3))
        self.first_ax = (slices - AX_CHANNELS) // 2

    def forward(self, sag_t2: torch.Tensor, sag_t1: torch.Tensor, ax_t2: torch.Tensor,
                view_mask: torch.Tensor) -> torch.Tensor:
        f_sag = self.sag(resize_to(self.sag_in(sag_t2), self.sag_px)) * view_mask[:, 0:1]
        ax = ax_t2[:, AX_CANAL, self.first_ax : self.first_ax + AX_CHANNELS]
        f_ax = self.ax(resize_to(ax, self.ax_px)) * view_mask[:, 2:3]
        unused = sag_t1.mean(dim=(1, 2, 3, 4))[:, None] * 0.0
        logits = self.head(torch.cat([f_sag, f_ax], dim=1)) + unused
        return logits.reshape(sag_t2.shape[0], len(CONDITIONS), 3)
