"""Scanner-variation augmentations: each one does what it says (checked against hand-made images), the targets of
the localizer rotate with the image, labels and sides survive, a seed reproduces a batch, and a batch is fast."""
import time
import unittest

import numpy as np

import _paths  # noqa: F401
from models.training import augment, scanner_aug
from models.training.scanner_aug import ScannerAugConfig

OFF = ScannerAugConfig(p=1.0, rotate_deg=0, resolution_max=1, thickness_max=0, bias_max=0, gamma_log=0,
                       noise_max=0, slice_jitter_p=0)


def only(**kw: float) -> ScannerAugConfig:
    """OFF with the named augmentations turned on."""
    return ScannerAugConfig(**{**OFF.__dict__, **kw})


class PiecesTest(unittest.TestCase):
    def test_everything_off_is_identity(self) -> None:
        x = np.random.default_rng(0).uniform(0, 1.5, (3, 5, 16, 16)).astype(np.float32)
        np.testing.assert_array_equal(scanner_aug.scanner_batch(x, np.random.default_rng(1), OFF), x)

    def test_rotation_moves_a_dot_where_rotate_points_says(self) -> None:
        img = np.zeros((1, 1, 64, 64), np.float32)
        img[0, 0, 16, 48] = 1.0  # row 16, column 48: upper right
        for deg in (30.0, -20.0):
            a = np.deg2rad(deg)
            out = scanner_aug.rotate_stacks(img.copy(), np.array([a]))
            r, c = np.unravel_index(np.argmax(out[0, 0]), (64, 64))
            want = scanner_aug.rotate_points(np.array([[48.0, 16.0]]), a, 64)[0]
            self.assertLessEqual(abs(c - want[0]), 1.0, f'{deg} deg: column {c}, expected {want[0]:.1f}')
            self.assertLessEqual(abs(r - want[1]), 1.0, f'{deg} deg: row {r}, expected {want[1]:.1f}')
            self.assertGreater(abs(c - 48) + abs(r - 16), 5)

    def test_resolution_loss_removes_fine_detail_and_keeps_the_mean(self) -> None:
        checker = ((np.indices((32, 32)).sum(0) % 2) * 1.0).astype(np.float32)[None]
        low = scanner_aug.reduce_resolution(checker, 2.0, 2.0)
        self.assertLess(float(low.std()), 0.1 * float(checker.std()))
        self.assertAlmostEqual(float(low.mean()), float(checker.mean()), places=2)

    def test_slice_thickness_blends_neighbours_only(self) -> None:
        x = np.zeros((1, 5, 4, 4), np.float32)
        x[0, 2] = 1.0
        out = scanner_aug.scanner_batch(x, np.random.default_rng(0), only(thickness_max=0.5))
        a = 1.0 - float(out[0, 2, 0, 0])  # the drawn blend weight
        self.assertTrue(0 < a < 0.5)
        np.testing.assert_allclose(out[0, [1, 3], 0, 0], [a / 2, a / 2], rtol=1e-5)
        np.testing.assert_array_equal(out[0, [0, 4]], 0.0)
        const = np.full((1, 5, 4, 4), 0.7, np.float32)
        np.testing.assert_allclose(scanner_aug.scanner_batch(const, np.random.default_rng(0), only(thickness_max=0.5)),
                                   const, rtol=1e-6)

    def test_bias_field_is_smooth_positive_and_bounded(self) -> None:
        rng = np.random.default_rng(4)
        for _ in range(5):
            f = scanner_aug.bias_field(rng, 64, 64, 0.3)
            self.assertTrue(np.all(f > 0))
            self.assertAlmostEqual(float(np.abs(np.log(f)).max()), 0.3, places=5)
            self.assertLess(float(np.abs(np.diff(np.log(f), axis=0)).max()), 0.05)  # no step anywhere
            self.assertLess(float(np.abs(np.diff(np.log(f), axis=1)).max()), 0.05)

    def test_gamma_keeps_ends_and_order(self) -> None:
        x = np.linspace(0, 1.5, 50, dtype=np.float32)
        for g in (0.7, 1.4):
            y = scanner_aug.apply_gamma(x, g)
            self.assertAlmostEqual(float(y[0]), 0.0)
            self.assertAlmostEqual(float(y[-1]), 1.5, places=5)
            self.assertTrue(np.all(np.diff(y) > 0))
        self.assertGreater(float(scanner_aug.apply_gamma(x, 0.7)[25]), float(x[25]))

    def test_noise_is_rician(self) -> None:
        zeros = np.zeros((8, 5, 32, 32), np.float32)
        bright = np.full((8, 5, 32, 32), 1.0, np.float32)
        cfg = only(noise_max=0.05)
        z = scanner_aug.scanner_batch(zeros, np.random.default_rng(2), cfg)
        b = scanner_aug.scanner_batch(bright, np.random.default_rng(2), cfg)
        self.assertTrue(np.all(z >= 0))
        self.assertGreater(float(z.mean()), 0.005)  # Rayleigh background: mean sigma * sqrt(pi / 2), not 0
        self.assertAlmostEqual(float(b.mean()), 1.0, delta=0.01)  # bright tissue: ~ Gaussian around the value
        self.assertGreater(float(b.std()), 0.005)

    def test_slice_jitter_moves_the_stack_by_one(self) -> None:
        x = np.arange(5, dtype=np.float32)[None, :, None, None] * np.ones((1, 5, 2, 2), np.float32) / 4
        out = scanner_aug.scanner_batch(x, np.random.default_rng(0), only(slice_jitter_p=1.0))
        got = (out[0, :, 0, 0] * 4).tolist()
        self.assertIn(got, ([1, 2, 3, 4, 4], [0, 0, 1, 2, 3]))


class PipelineTest(unittest.TestCase):
    def test_localizer_targets_rotate_with_the_image(self) -> None:
        img = np.zeros((4, 3, 256, 256), np.float32)
        targets = np.zeros((4, 10, 3), np.float32)
        for i in range(4):
            hx, hy = 20.0 + 5 * i, 40.0 - 3 * i  # heatmap px; input px = (h + 0.5) * 4 - 0.5
            targets[i, 0] = (hx, hy, 1.0)
            cx, cy = int(round((hx + 0.5) * 4 - 0.5)), int(round((hy + 0.5) * 4 - 0.5))
            img[i, :, cy - 2:cy + 3, cx - 2:cx + 3] = 1.5
        cfg = only(rotate_deg=25.0)
        scanner_aug.augment_localizer_images(img, targets, np.random.default_rng(5), cfg, 64)
        moved = 0
        for i in range(4):
            r, c = np.unravel_index(np.argmax(img[i, 1]), img.shape[-2:])
            hx, hy = (c + 0.5) / 4 - 0.5, (r + 0.5) / 4 - 0.5
            self.assertLess(abs(hx - targets[i, 0, 0]) + abs(hy - targets[i, 0, 1]), 1.0)
            moved += int(abs(targets[i, 0, 0] - (20.0 + 5 * i)) > 0.5)
        self.assertGreater(moved, 0)

    def test_classifier_batch_keeps_labels_range_and_is_reproducible(self) -> None:
        def batch() -> dict:
            rng = np.random.default_rng(9)
            return {
                'sag_t2': rng.uniform(0, 1.5, (6, 5, 32, 32)).astype(np.float32),
                'sag_t1': rng.uniform(0, 1.5, (6, 2, 5, 32, 32)).astype(np.float32),
                'ax_t2': rng.uniform(0, 1.5, (6, 3, 5, 32, 32)).astype(np.float32),
                'view_mask': np.array([[1, 1, 1]] * 5 + [[1, 1, 0]], np.float32),
                'labels': np.tile(np.array([[0, 1, 2, 1, 0]], np.int64), (6, 1)),
            }
        cfg = augment.AugmentConfig(mirror_p=0.0, view_dropout_p=0.0)
        a, b = batch(), batch()
        before = batch()
        augment.augment_classifier_batch(a, np.random.default_rng(3), cfg)
        augment.augment_classifier_batch(b, np.random.default_rng(3), cfg)
        for k in a:
            np.testing.assert_array_equal(a[k], b[k])
        np.testing.assert_array_equal(a['labels'], before['labels'])
        self.assertFalse(np.array_equal(a['sag_t2'], before['sag_t2']))
        for k in ('sag_t2', 'sag_t1', 'ax_t2'):
            self.assertEqual(a[k].dtype, np.float32)
            self.assertGreaterEqual(float(a[k].min()), 0.0)
            self.assertLessEqual(float(a[k].max()), 1.5)
        self.assertEqual(float(np.abs(a['ax_t2'][5]).sum()), 0.0)  # a missing view stays zero

    def test_a_training_batch_is_fast(self) -> None:
        rng = np.random.default_rng(0)
        b = {'sag_t2': rng.uniform(0, 1.5, (32, 5, 64, 64)).astype(np.float32),
             'sag_t1': rng.uniform(0, 1.5, (32, 2, 5, 64, 64)).astype(np.float32),
             'ax_t2': rng.uniform(0, 1.5, (32, 3, 5, 64, 64)).astype(np.float32),
             'view_mask': np.ones((32, 3), np.float32), 'labels': np.zeros((32, 5), np.int64)}
        t0 = time.perf_counter()
        augment.augment_classifier_batch(b, rng, augment.AugmentConfig())
        seconds = time.perf_counter() - t0
        print(f'classifier batch of 32 (P 64, S 5) augmented in {seconds * 1000:.0f} ms')
        self.assertLess(seconds, 2.0)


if __name__ == '__main__':
    unittest.main()
