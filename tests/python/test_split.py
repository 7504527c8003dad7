"""The study-hash split never puts a study in two folds, is stable, and loads the exact prep layout."""
import tempfile
import unittest

import numpy as np

import _paths  # noqa: F401
from fake_prep import write_fake_prep
from models.training import data


class SplitTest(unittest.TestCase):
    def test_no_study_in_two_folds(self) -> None:
        rng = np.random.default_rng(0)
        studies = [str(x) for x in rng.integers(1_000_000, 9_999_999, 500)]
        # Rows as the prep writes them: 5 levels x (1 + 2 jitter copies) per study, then shuffled.
        rows = [s for s in studies for _ in range(15)]
        rows = [rows[i] for i in rng.permutation(len(rows))]
        train, val = data.split_rows(rows)
        train_ids, val_ids = {rows[i] for i in train}, {rows[i] for i in val}
        self.assertEqual(train_ids & val_ids, set())
        self.assertEqual(len(train) + len(val), len(rows))
        self.assertEqual(train_ids | val_ids, set(studies))
        self.assertTrue(0.05 < len(val_ids) / len(studies) < 0.15, f'val fraction {len(val_ids) / len(studies)}')

    def test_fold_is_a_stable_hash_of_the_id(self) -> None:
        # sha256-based, so the fold is the same on every run and machine (Python's hash() is salted).
        self.assertEqual([data.study_fold(s, 10) for s in ('1', '44036939', 'abc')], [data.study_fold(s, 10) for s in ('1', '44036939', 'abc')])
        self.assertEqual(data.study_fold(44036939, 10), data.study_fold('44036939', 10))
        folds = {data.study_fold(str(i), 10) for i in range(200)}
        self.assertEqual(folds, set(range(10)))

    def test_localizer_and_classifier_rows_of_a_study_share_its_fold(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            write_fake_prep(d, studies=20, jitter=1, loc_rows_per_study=2)
            prep = data.load_prep(d)
            _, loc_val = data.split_rows(prep.localizer.study_ids)
            _, cls_val = data.split_rows(prep.classifier.study_ids)
            self.assertEqual({prep.localizer.study_ids[i] for i in loc_val}, {prep.classifier.study_ids[i] for i in cls_val})

    def test_load_prep_rejects_wrong_shapes(self) -> None:
        with tempfile.TemporaryDirectory() as d:
            write_fake_prep(d, studies=2)
            np.save(f'{d}/classifier/sag_t1.npy', np.zeros((10, 3, 5, 64, 64), np.float32))
            with self.assertRaisesRegex(data.PrepError, 'sag_t1'):
                data.load_prep(d)


if __name__ == '__main__':
    unittest.main()
