"""Image encoders: a tiny CPU CNN, torch-native ConvNeXt and ViT (used when timm is absent), and timm
backbones where `import timm` works. Each maps [N, C, H, W] to [N, out_dim]. Imports only torch (timm lazily).
"""
from typing import Dict, Sequence, Tuple

import torch
from torch import nn
import torch.nn.functional as F


def timm_available() -> bool:
    """True where timm can be imported (GPU workstations); the trainer falls back to torch-native blocks."""
    try:
        import timm  # noqa: F401
    except ImportError:
        return False
    return True


class ConvBnAct(nn.Sequential):
    """3x3 (or k x k, optionally dilated) conv, BatchNorm, ReLU; 'same' padding."""

    def __init__(self, cin: int, cout: int, stride: int = 1, k: int = 3, dilation: int = 1) -> None:
        conv = nn.Conv2d(cin, cout, k, stride, dilation * (k // 2), dilation=dilation, bias=False)
        super().__init__(conv, nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TinyCnn(nn.Module):
    """One stride-2 conv per stage (a second 3x3 conv only at the coarse stages, where it is cheap), then a
    linear map of the flattened 4x4 grid: keeps where things are in a crop centred on a landmark (global
    average pooling would throw that away)."""

    def __init__(self, in_ch: int, widths: Sequence[int], out_dim: int, px: int) -> None:
        super().__init__()
        layers, c = [], in_ch
        for i, w in enumerate(widths):
            layers.append(ConvBnAct(c, w, stride=2))
            if px // 2 ** (i + 1) <= 8:
                layers.append(ConvBnAct(w, w))
            c = w
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(4) if px // 2 ** len(widths) != 4 else nn.Identity()
        self.proj = nn.Sequential(nn.Flatten(), nn.Linear(c * 16, out_dim), nn.ReLU(inplace=True))
        self.out_dim = out_dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(self.pool(self.features(x)))


class LayerNorm2d(nn.LayerNorm):
    """LayerNorm over channels of an NCHW tensor."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class ConvNeXtBlock(nn.Module):
    """ConvNeXt block: depthwise 7x7, LayerNorm, 4x MLP, layer scale, residual."""

    def __init__(self, dim: int) -> None:
        super().__init__()
        self.dw = nn.Conv2d(dim, dim, 7, padding=3, groups=dim)
        self.norm = nn.LayerNorm(dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))
        self.gamma = nn.Parameter(torch.full((dim,), 1e-2))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.mlp(self.norm(self.dw(x).permute(0, 2, 3, 1))) * self.gamma
        return x + y.permute(0, 3, 1, 2)


# ConvNeXt sizes by timm name (Liu et al. 2022, table 9): depths per stage, widths per stage.
CONVNEXT_SIZES: Dict[str, Tuple[Tuple[int, ...], Tuple[int, ...]]] = {
    'convnext_nano': ((2, 2, 8, 2), (80, 160, 320, 640)),
    'convnext_tiny': ((3, 3, 9, 3), (96, 192, 384, 768)),
    'convnext_small': ((3, 3, 27, 3), (96, 192, 384, 768)),
}


class ConvNeXt(nn.Module):
    """Torch-native ConvNeXt (Liu et al. 2022): 4x4 patchify stem, 4 stages, global pool + LayerNorm;
    the named sizes are in CONVNEXT_SIZES."""

    def __init__(self, in_ch: int, depths: Sequence[int], dims: Sequence[int]) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(in_ch, dims[0], 4, 4), LayerNorm2d(dims[0]))
        stages = []
        for i, (d, c) in enumerate(zip(depths, dims)):
            down: nn.Module = nn.Identity()
            if i > 0:
                down = nn.Sequential(LayerNorm2d(dims[i - 1]), nn.Conv2d(dims[i - 1], c, 2, 2))
            stages.append(nn.Sequential(down, *[ConvNeXtBlock(c) for _ in range(d)]))
        self.stages = nn.Sequential(*stages)
        self.norm = nn.LayerNorm(dims[-1])
        self.out_dim = dims[-1]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.stages(self.stem(x)).mean(dim=(2, 3)))


class VitBlock(nn.Module):
    """Pre-norm transformer block written with plain matmuls (exports to any ONNX opset >= 13)."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.norm1, self.norm2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.qkv, self.proj = nn.Linear(dim, 3 * dim), nn.Linear(dim, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(b, n, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        attn = torch.softmax(qkv[0] @ qkv[1].transpose(-2, -1) * (d // self.heads) ** -0.5, dim=-1)
        x = x + self.proj((attn @ qkv[2]).transpose(1, 2).reshape(b, n, d))
        return x + self.mlp(self.norm2(x))


class Vit(nn.Module):
    """Torch-native ViT: patch embedding, class token, learned positions, blocks; class token out.
    ViT-small = dim 384, depth 12, heads 6 (patch 14 at 518 px, the DINOv2 ViT-S/14 geometry)."""

    def __init__(self, in_ch: int, img_px: int, patch: int, dim: int, depth: int, heads: int) -> None:
        super().__init__()
        self.embed = nn.Conv2d(in_ch, dim, patch, patch)
        tokens = (img_px // patch) ** 2
        self.cls = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos = nn.Parameter(torch.randn(1, tokens + 1, dim) * 0.02)
        self.blocks = nn.Sequential(*[VitBlock(dim, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.out_dim = dim

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        t = self.embed(x).flatten(2).transpose(1, 2)
        t = torch.cat([self.cls.expand(t.shape[0], -1, -1), t], dim=1) + self.pos
        return self.norm(self.blocks(t))[:, 0]


class TimmEncoder(nn.Module):
    """A timm backbone with `num_classes=0` (pooled features out)."""

    def __init__(self, name: str, in_ch: int, pretrained: bool, img_px: int = 0) -> None:
        super().__init__()
        import timm

        kwargs = {'img_size': img_px} if img_px and 'vit' in name else {}
        self.net = timm.create_model(name, pretrained=pretrained, in_chans=in_ch, num_classes=0, **kwargs)
        self.out_dim = int(self.net.num_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def convnext_encoder(name: str, in_ch: int, pretrained: bool) -> nn.Module:
    """ConvNeXt `name` (a CONVNEXT_SIZES key): timm's where timm imports, else the torch-native one of the same
    depths and widths (no pretrained weights there)."""
    if name not in CONVNEXT_SIZES:
        raise ValueError(f'unknown ConvNeXt size {name}; choose one of {", ".join(CONVNEXT_SIZES)}')
    if timm_available():
        return TimmEncoder(name, in_ch, pretrained)
    depths, dims = CONVNEXT_SIZES[name]
    return ConvNeXt(in_ch, depths, dims)


def resize_to(x: torch.Tensor, px: int) -> torch.Tensor:
    """Bilinear resize of NCHW to px x px (identity when already that size)."""
    if x.shape[-1] == px and x.shape[-2] == px:
        return x
    return F.interpolate(x, size=(px, px), mode='bilinear', align_corners=False)
