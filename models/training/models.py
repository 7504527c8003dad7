"""The two networks of the contract: Localizer ([B,3,256,256] -> sigmoid heatmaps [B,10,64,64]) and the
two-stage Classifier (one per-slice encoder shared by every crop, attention pooling over slices, shared
left/right heads, view_mask gating), plus the calibrated export wrapper. Imports torch and trainer modules only.
"""
from typing import Sequence

import torch
from torch import nn
import torch.nn.functional as F

from .backbones import CONVNEXT_SIZES, ConvBnAct, TinyCnn, convnext_encoder
from .contract import AX_CANAL, AX_LEFT, AX_RIGHT, LOC_CHANNELS, T1_LEFT, T1_RIGHT
from .presets import Preset


class Localizer(nn.Module):
    """UNet-ish heatmap net: stride-2 encoder down to 8x8 plus dilated context there (the whole spine in
    view, so it can tell L1/L2 from L5/S1), then upsampling with skips back to 64x64 (narrow decoder: most of the cost sits at
    64x64) and a 1x1 conv to 10 sigmoid channels."""

    def __init__(self, widths: Sequence[int], dec_widths: Sequence[int]) -> None:
        super().__init__()
        w, dw = list(widths), list(dec_widths)
        if len(w) != 5 or len(dw) != 3:
            raise ValueError('the localizer needs 5 encoder widths (128..8 px) and 3 decoder widths (16..64 px)')
        self.down = nn.ModuleList([ConvBnAct(3, w[0], stride=2)])
        for i in range(1, 5):
            self.down.append(nn.Sequential(ConvBnAct(w[i - 1], w[i], stride=2), ConvBnAct(w[i], w[i])))
        # Dilated context at 8x8: the receptive field then spans the whole 256 px image, so a level can be
        # counted from the sacrum.
        self.context = nn.Sequential(ConvBnAct(w[4], w[4], dilation=2), ConvBnAct(w[4], w[4], dilation=4))
        # Decoder: 8 -> 16 (+ skip w[3]) -> 32 (+ w[2]) -> 64 (+ w[1]).
        ins = [w[4] + w[3], dw[0] + w[2], dw[1] + w[1]]
        self.up = nn.ModuleList([ConvBnAct(cin, cout) for cin, cout in zip(ins, dw)])
        self.head = nn.Conv2d(dw[2], LOC_CHANNELS, 1)
        nn.init.constant_(self.head.bias, -4.0)

    def logits(self, image: torch.Tensor) -> torch.Tensor:
        skips, x = [], image
        for block in self.down:
            x = block(x)
            skips.append(x)
        x = x + self.context(x)
        for block, skip in zip(self.up, (skips[3], skips[2], skips[1])):
            x = F.interpolate(x, scale_factor=2.0, mode='nearest')
            x = block(torch.cat([x, skip], dim=1))
        return self.head(x)

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.logits(image))


class AttentionPool(nn.Module):
    """Attention pooling over the S slices of a crop: a learned slice-position embedding, a score per
    slice, softmax over slices, weighted sum."""

    def __init__(self, dim: int, slices: int) -> None:
        super().__init__()
        self.pos = nn.Parameter(torch.zeros(1, slices, dim))
        self.score = nn.Sequential(nn.Linear(dim, dim // 2), nn.Tanh(), nn.Linear(dim // 2, 1))

    def forward(self, feats: torch.Tensor) -> torch.Tensor:
        x = feats + self.pos
        attn = torch.softmax(self.score(x), dim=1)
        return (attn * x).sum(dim=1)


def _head(in_dim: int, hidden: int) -> nn.Module:
    return nn.Sequential(nn.Linear(in_dim, hidden), nn.ReLU(inplace=True), nn.Dropout(0.1), nn.Linear(hidden, 3))


def build_slice_encoder(preset: Preset, px: int) -> nn.Module:
    """The per-slice encoder: 1-channel P x P slice -> feature vector."""
    if preset.encoder == 'tiny':
        return TinyCnn(1, preset.enc_widths, preset.feat_dim, px)
    if preset.encoder in CONVNEXT_SIZES:
        return convnext_encoder(preset.encoder, 1, preset.pretrained)
    raise ValueError(f'unknown encoder {preset.encoder}')


class TwoStageClassifier(nn.Module):
    """Per-level crops -> [B, 5, 3] logits. Every crop slice goes through one shared encoder; each view has
    its own attention pooling; SCS reads sag_t2 + the axial canal, one NFN head serves both T1 foramen
    crops and one SS head both axial recess crops (the contract's crops are already side-independent).
    Features of a missing view are zeroed and its view_mask bit is an input of each head."""

    def __init__(self, encoder: nn.Module, slices: int) -> None:
        super().__init__()
        self.encoder = encoder
        d = int(getattr(encoder, 'out_dim'))
        self.proj = nn.Identity() if d <= 256 else nn.Linear(d, 256)
        d = min(d, 256)
        self.pool_sag_t2, self.pool_sag_t1, self.pool_ax = (AttentionPool(d, slices) for _ in range(3))
        self.scs_head, self.nfn_head, self.ss_head = (_head(2 * d + 2, d) for _ in range(3))

    def _encode(self, crops: torch.Tensor) -> torch.Tensor:
        """[B, K, S, P, P] -> [B, K, S, D]."""
        b, k, s, p, _ = crops.shape
        f = self.proj(self.encoder(crops.reshape(b * k * s, 1, p, p)))
        return f.reshape(b, k, s, -1)

    def forward(self, sag_t2: torch.Tensor, sag_t1: torch.Tensor, ax_t2: torch.Tensor,
                view_mask: torch.Tensor) -> torch.Tensor:
        b = sag_t2.shape[0]
        f = self._encode(torch.cat([sag_t2[:, None], sag_t1, ax_t2], dim=1))
        m_t2, m_t1, m_ax = view_mask[:, 0:1], view_mask[:, 1:2], view_mask[:, 2:3]
        g_t2 = self.pool_sag_t2(f[:, 0]) * m_t2
        g_t1 = self.pool_sag_t1(f[:, 1:3].reshape(b * 2, f.shape[2], -1)).reshape(b, 2, -1) * m_t1[:, :, None]
        g_ax = self.pool_ax(f[:, 3:6].reshape(b * 3, f.shape[2], -1)).reshape(b, 3, -1) * m_ax[:, :, None]
        masks = torch.cat([m_t1, m_ax], dim=1)
        scs = self.scs_head(torch.cat([g_t2, g_ax[:, AX_CANAL], m_t2, m_ax], dim=1))
        sides = ((T1_LEFT, AX_LEFT), (T1_RIGHT, AX_RIGHT))
        nfn = [self.nfn_head(torch.cat([g_t1[:, t], g_ax[:, a], masks], dim=1)) for t, a in sides]
        ss = [self.ss_head(torch.cat([g_ax[:, a], g_t1[:, t], masks], dim=1)) for t, a in sides]
        # Contract order: SCS, left NFN, right NFN, left SS, right SS.
        return torch.stack([scs, nfn[0], nfn[1], ss[0], ss[1]], dim=1)


class CalibratedClassifier(nn.Module):
    """The exported classifier: softmax((logits + log_bias) / temperature) -> calibrated `probs` [B, 5, 3].
    log_bias undoes class-weighted training (zeros for plain CE); temperature is fitted on validation."""

    def __init__(self, net: nn.Module, log_bias: torch.Tensor, temperature: float) -> None:
        super().__init__()
        self.net = net
        self.register_buffer('log_bias', log_bias.reshape(1, 1, 3).float())
        self.register_buffer('inv_temperature', torch.tensor(1.0 / temperature, dtype=torch.float32))

    def forward(self, sag_t2: torch.Tensor, sag_t1: torch.Tensor, ax_t2: torch.Tensor,
                view_mask: torch.Tensor) -> torch.Tensor:
        logits = self.net(sag_t2, sag_t1, ax_t2, view_mask)
        return torch.softmax((logits + self.log_bias) * self.inv_temperature, dim=-1)
