"""Class-weighted CE undo and temperature fitting give calibrated probabilities on toy cases."""
import unittest

import torch

import _paths  # noqa: F401
from models.training import losses
from models.training.loops import subpixel_peaks

WEIGHTS = (1.0, 2.0, 4.0)


def fit_free_logits(labels: torch.Tensor, class_weights, steps: int = 800) -> torch.Tensor:
    """One free logit vector shared by every row, fitted by (weighted) CE: the loss's own optimum."""
    z = torch.zeros(1, 1, 3, requires_grad=True)
    opt = torch.optim.Adam([z], lr=0.05)
    for _ in range(steps):
        opt.zero_grad()
        loss = losses.classification_loss(z.expand(labels.shape[0], 1, 3), labels[:, None], class_weights)
        loss.backward()
        opt.step()
    return z.detach().reshape(3)


class WeightedUndoTest(unittest.TestCase):
    def setUp(self) -> None:
        # True class frequencies 0.7 / 0.2 / 0.1 (exact counts), plus missing labels that must be ignored.
        self.p = torch.tensor([0.7, 0.2, 0.1])
        self.labels = torch.tensor([0] * 70 + [1] * 20 + [2] * 10 + [-1] * 30)

    def test_undo_recovers_the_true_frequencies(self) -> None:
        z = fit_free_logits(self.labels, WEIGHTS)
        weighted = torch.softmax(z, dim=0)
        # Weighted CE's optimum is q ∝ w ⊙ p = [0.7, 0.4, 0.4] / 1.5: far from p, so this test can fail.
        self.assertGreater(float((weighted - self.p).abs().max()), 0.15)
        undone = torch.softmax(z + losses.weighted_ce_log_bias(WEIGHTS), dim=0)
        torch.testing.assert_close(undone, self.p, atol=2e-3, rtol=0)

    def test_plain_ce_needs_no_undo(self) -> None:
        z = fit_free_logits(self.labels, None)
        torch.testing.assert_close(torch.softmax(z + losses.weighted_ce_log_bias(None), dim=0), self.p, atol=2e-3, rtol=0)

    def test_temperature_fit_recovers_an_overconfident_scale(self) -> None:
        g = torch.Generator().manual_seed(0)
        true_logits = torch.randn(4000, 1, 3, generator=g)
        labels = torch.multinomial(torch.softmax(true_logits.reshape(-1, 3), dim=1), 1, generator=g).reshape(-1, 1)
        t = losses.fit_temperature(true_logits * 2.5, labels, torch.zeros(3))
        self.assertAlmostEqual(t, 2.5, delta=0.25)
        self.assertEqual(losses.fit_temperature(true_logits[:5], labels[:5], torch.zeros(3)), 1.0)


class HeatmapTest(unittest.TestCase):
    def test_gaussian_peak_sits_on_the_pixel_centre_convention(self) -> None:
        hm = losses.render_heatmaps(torch.tensor([[[10.0, 20.0, 1.0], [30.5, 5.0, 0.5], [7.0, 7.0, 0.0]]]))
        self.assertEqual(hm.shape, (1, 3, 64, 64))
        self.assertEqual(divmod(int(hm[0, 0].argmax()), 64), (20, 10))  # (row = y, col = x)
        self.assertAlmostEqual(float(hm[0, 0, 20, 10]), 1.0, places=6)
        self.assertAlmostEqual(float(hm[0, 1].max()), 0.5 * torch.exp(torch.tensor(-0.25 / 8)).item(), places=5)
        self.assertEqual(float(hm[0, 2].sum()), 0.0)

    def test_subpixel_peak_recovers_a_gaussian_centre_like_the_typescript_decoder(self) -> None:
        hm = losses.render_heatmaps(torch.tensor([[[10.3, 20.8, 1.0], [30.5, 5.2, 0.5], [0.2, 40.0, 1.0]]]))
        x, y = subpixel_peaks(hm)
        torch.testing.assert_close(x, torch.tensor([[10.3, 30.5, 0.0]]), atol=1e-3, rtol=0)  # no refinement at the border
        torch.testing.assert_close(y, torch.tensor([[20.8, 5.2, 40.0]]), atol=1e-3, rtol=0)

    def test_masked_channels_do_not_count(self) -> None:
        pred = torch.full((1, 2, 64, 64), 0.5)
        target = torch.zeros(1, 2, 64, 64)
        both = losses.heatmap_focal_loss(pred, target, torch.tensor([[1.0, 1.0]]))
        pred2 = pred.clone()
        pred2[0, 1] = 0.99  # a terrible prediction on a masked channel
        one = losses.heatmap_focal_loss(pred2, target, torch.tensor([[1.0, 0.0]]))
        self.assertAlmostEqual(float(one), float(both), places=4)


if __name__ == '__main__':
    unittest.main()
