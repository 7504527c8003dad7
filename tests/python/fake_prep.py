"""Builds a tiny prep folder in the exact layout of models/README.md ("Prep output"): random tensors of the
contract's shapes, so trainer tests run without the TypeScript prep. Imports numpy and the standard library.
"""
import json
import os
from typing import List

import numpy as np

LEVELS = ['l1_l2', 'l2_l3', 'l3_l4', 'l4_l5', 'l5_s1']


def write_fake_prep(out: str, studies: int = 4, s: int = 5, p: int = 64, jitter: int = 0, seed: int = 0,
                    loc_rows_per_study: int = 4) -> List[str]:
    """Write OUT/index.json, OUT/localizer/*, OUT/classifier/*; returns the study ids. Every study has 5
    level rows per jitter copy (jitter + 1 copies) and `loc_rows_per_study` localizer rows."""
    rng = np.random.default_rng(seed)
    ids = [str(1000 + 7 * i) for i in range(studies)]
    os.makedirs(os.path.join(out, 'localizer'), exist_ok=True)
    os.makedirs(os.path.join(out, 'classifier'), exist_ok=True)

    n = studies * loc_rows_per_study
    images = rng.uniform(0, 1.5, (n, 3, 256, 256)).astype(np.float32)
    targets = np.zeros((n, 10, 3), dtype=np.float32)
    targets[..., :2] = rng.uniform(4, 60, (n, 10, 2))
    targets[..., 2] = rng.choice([0.0, 0.5, 1.0], (n, 10))
    mask = np.zeros((n, 10), dtype=np.float32)
    t2 = np.arange(n) % 2 == 0
    mask[t2, :5] = 1.0
    mask[~t2, 5:] = 1.0
    targets[..., 2] *= mask
    loc_meta = [{'study_id': ids[i // loc_rows_per_study], 'series_id': f'{i // loc_rows_per_study}.{1 + (i % 2)}',
                 'slice_index': i % loc_rows_per_study, 'role': 'sag_t2' if t2[i] else 'sag_t1'} for i in range(n)]
    np.save(os.path.join(out, 'localizer', 'images.npy'), images)
    np.save(os.path.join(out, 'localizer', 'targets.npy'), targets)
    np.save(os.path.join(out, 'localizer', 'channel_mask.npy'), mask)

    m = studies * 5 * (jitter + 1)
    arrays = {
        'sag_t2': rng.uniform(0, 1.5, (m, s, p, p)),
        'sag_t1': rng.uniform(0, 1.5, (m, 2, s, p, p)),
        'ax_t2': rng.uniform(0, 1.5, (m, 3, s, p, p)),
        'view_mask': np.ones((m, 3)),
    }
    for name, arr in arrays.items():
        np.save(os.path.join(out, 'classifier', f'{name}.npy'), arr.astype(np.float32))
    labels = rng.choice([0, 0, 0, 1, 2, -1], (m, 5)).astype(np.int64)
    np.save(os.path.join(out, 'classifier', 'labels.npy'), labels)
    cls_meta = [{'study_id': ids[i // (5 * (jitter + 1))], 'level': LEVELS[i % 5], 'jitter': (i // 5) % (jitter + 1)}
                for i in range(m)]
    for name, meta in (('localizer', loc_meta), ('classifier', cls_meta)):
        with open(os.path.join(out, name, 'meta.json'), 'w', encoding='utf-8') as f:
            json.dump(meta, f)
    index = {
        'version': 1, 'created': '2026-11-27T00:00:00Z', 'dataset': 'fake (tests/python/fake_prep.py)',
        'spec': {'S': s, 'P': p, 'cropMm': 48, 'recessOffsetMm': 12, 'jitter': jitter},
        'studies': ids, 'counts': {'localizer': n, 'classifier': m},
    }
    with open(os.path.join(out, 'index.json'), 'w', encoding='utf-8') as f:
        json.dump(index, f)
    return ids
