"""Mirror augmentation swaps the left/right crops and labels; view dropout never drops every view."""
import unittest

import numpy as np

import _paths  # noqa: F401
from models.training import augment
from models.training.contract import L_NFN, L_SS, R_NFN, R_SS, SCS


def marked_batch(b: int = 4, s: int = 5, p: int = 8) -> dict:
    """A batch whose every crop/slice holds a distinct marker value, and an asymmetric canal crop."""
    rng = np.random.default_rng(3)
    batch = {
        'sag_t2': np.stack([np.full((p, p), (10 * i + k) / 100, np.float32) for i in range(b) for k in range(s)]).reshape(b, s, p, p),
        'sag_t1': np.zeros((b, 2, s, p, p), np.float32),
        'ax_t2': rng.uniform(0, 0.5, (b, 3, s, p, p)).astype(np.float32),
        'view_mask': np.ones((b, 3), np.float32),
        'labels': np.array([[0, 1, 2, 0, 2], [2, 0, 1, 1, 0], [1, 2, 2, 0, -1], [0, -1, 1, 2, 1]], np.int64)[:b],
    }
    batch['sag_t1'][:, 0] = 0.25  # right foramen crop
    batch['sag_t1'][:, 1] = 0.75  # left foramen crop
    batch['ax_t2'][:, 1] += 0.5  # right recess crop
    batch['ax_t2'][:, 2] += 1.0  # left recess crop
    return batch


class MirrorTest(unittest.TestCase):
    def test_swaps_crops_and_labels_of_selected_rows_only(self) -> None:
        batch = marked_batch()
        before = {k: v.copy() for k, v in batch.items()}
        rows = np.array([0, 2])
        augment.mirror_classifier(batch, rows)
        lab, old = batch['labels'], before['labels']
        for r in rows:
            self.assertEqual(lab[r, L_NFN], old[r, R_NFN])
            self.assertEqual(lab[r, R_NFN], old[r, L_NFN])
            self.assertEqual(lab[r, L_SS], old[r, R_SS])
            self.assertEqual(lab[r, R_SS], old[r, L_SS])
            self.assertEqual(lab[r, SCS], old[r, SCS])
            self.assertTrue(np.all(batch['sag_t1'][r, 0] == 0.75) and np.all(batch['sag_t1'][r, 1] == 0.25))
            np.testing.assert_array_equal(batch['ax_t2'][r, 1], before['ax_t2'][r, 2])
            np.testing.assert_array_equal(batch['ax_t2'][r, 2], before['ax_t2'][r, 1])
            # The canal crop mirrors along patient x (its last axis); sagittal T2 slices reverse (they run along x).
            np.testing.assert_array_equal(batch['ax_t2'][r, 0], before['ax_t2'][r, 0][..., ::-1])
            np.testing.assert_array_equal(batch['sag_t2'][r], before['sag_t2'][r][::-1])
        for r in (1, 3):
            for key in before:
                np.testing.assert_array_equal(batch[key][r], before[key][r])

    def test_mirroring_twice_is_identity(self) -> None:
        batch = marked_batch()
        before = {k: v.copy() for k, v in batch.items()}
        rows = np.arange(4)
        augment.mirror_classifier(batch, rows)
        self.assertFalse(np.array_equal(batch['labels'], before['labels']))
        augment.mirror_classifier(batch, rows)
        for key in before:
            np.testing.assert_array_equal(batch[key], before[key])

    def test_full_augmentation_keeps_label_and_crop_sides_together(self) -> None:
        # After any augmentation, a row whose right T1 crop carries the left marker must have swapped labels.
        swaps = 0
        for seed in range(5):
            batch = marked_batch()
            labels = batch['labels'].copy()
            cfg = augment.AugmentConfig(view_dropout_p=0.0, intensity_scale=0.0, intensity_shift=0.0, shift_px=0,
                                        scanner=augment.ScannerAugConfig(p=0.0))
            augment.augment_classifier_batch(batch, np.random.default_rng(seed), cfg)
            for r in range(4):
                swapped = bool(batch['sag_t1'][r, 0, 0, 0, 0] == np.float32(0.75))
                want = labels[r][[SCS, R_NFN, L_NFN, R_SS, L_SS]] if swapped else labels[r]
                np.testing.assert_array_equal(batch['labels'][r], want)
                swaps += int(swapped)
        self.assertTrue(0 < swaps < 20, f'mirror_p 0.5 should mirror some rows of 20, mirrored {swaps}')


class ViewDropoutTest(unittest.TestCase):
    def test_zeroes_tensor_with_mask_and_keeps_one_view(self) -> None:
        batch = marked_batch()
        batch['view_mask'][1, 2] = 0.0  # a study without axial
        batch['ax_t2'][1] = 0.0
        augment.drop_views(batch, np.random.default_rng(0), p=0.9)
        for r in range(4):
            self.assertGreaterEqual(batch['view_mask'][r].sum(), 1.0)
            for v, key in enumerate(augment.VIEW_KEYS):
                if batch['view_mask'][r, v] == 0:
                    self.assertEqual(float(np.abs(batch[key][r]).sum()), 0.0)
        self.assertEqual(batch['view_mask'][1, 2], 0.0)
        self.assertLess(batch['view_mask'].sum(), 11.0)


if __name__ == '__main__':
    unittest.main()
