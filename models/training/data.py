"""Reads the TypeScript prep output (models/README.md "Prep output") with numpy memmaps, splits it by
study id hash and batches it with augmentation. Never re-implements preprocessing; imports only numpy,
torch and the trainer's contract/augment modules.
"""
import hashlib
import json
import os
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch

from . import augment
from .augment import AugmentConfig
from .contract import LOC_CHANNELS


class PrepError(Exception):
    """The prep folder is missing a file or its arrays disagree with the contract."""


def _load_json(path: str) -> object:
    if not os.path.isfile(path):
        raise PrepError(f'{path} is missing: run `npm run cli -- prep --dataset DIR --out DIR` first.')
    with open(path, 'r', encoding='utf-8') as f:
        return json.load(f)


def _memmap(path: str, dtype: str, ndim: int) -> np.ndarray:
    if not os.path.isfile(path):
        raise PrepError(f'{path} is missing from the prep output.')
    arr = np.load(path, mmap_mode='r')
    if arr.dtype != np.dtype(dtype) or arr.ndim != ndim:
        raise PrepError(f'{path} is {arr.dtype} with {arr.ndim} dims; the contract says {dtype} with {ndim}.')
    return arr


@dataclass
class LocalizerArrays:
    """OUT/localizer: images [N,3,256,256], targets [N,10,3] (x_hm, y_hm, weight), channel_mask [N,10]."""

    images: np.ndarray
    targets: np.ndarray
    channel_mask: np.ndarray
    study_ids: List[str]


@dataclass
class ClassifierArrays:
    """OUT/classifier: sag_t2 [M,S,P,P], sag_t1 [M,2,S,P,P], ax_t2 [M,3,S,P,P], view_mask [M,3], labels [M,5]."""

    sag_t2: np.ndarray
    sag_t1: np.ndarray
    ax_t2: np.ndarray
    view_mask: np.ndarray
    labels: np.ndarray
    study_ids: List[str]
    jitter: List[float]


@dataclass
class Prep:
    """One prep folder: its index.json spec and both stages' arrays."""

    root: str
    spec: Dict[str, float]
    index: Dict[str, object]
    localizer: LocalizerArrays
    classifier: ClassifierArrays


def _rows(meta: object, n: int, path: str) -> List[Dict[str, object]]:
    if not isinstance(meta, list) or len(meta) != n:
        got = len(meta) if isinstance(meta, list) else type(meta).__name__
        raise PrepError(f'{path} must be a list of {n} rows (one per array row); it has {got}.')
    return meta


def load_prep(root: str) -> Prep:
    """Open a prep folder without reading the big arrays into memory (numpy memmap)."""
    index = _load_json(os.path.join(root, 'index.json'))
    if not isinstance(index, dict) or not isinstance(index.get('spec'), dict):
        raise PrepError(f'{root}/index.json has no "spec" object.')
    spec = index['spec']
    s, p = int(spec['S']), int(spec['P'])
    ld, cd = os.path.join(root, 'localizer'), os.path.join(root, 'classifier')
    loc = LocalizerArrays(
        images=_memmap(os.path.join(ld, 'images.npy'), 'float32', 4),
        targets=_memmap(os.path.join(ld, 'targets.npy'), 'float32', 3),
        channel_mask=_memmap(os.path.join(ld, 'channel_mask.npy'), 'float32', 2),
        study_ids=[],
    )
    n = loc.images.shape[0]
    if loc.targets.shape[1:] != (LOC_CHANNELS, 3) or loc.channel_mask.shape != (n, LOC_CHANNELS):
        raise PrepError(f'{ld}: targets {loc.targets.shape} / channel_mask {loc.channel_mask.shape} '
                        f'do not fit {n} rows.')
    loc.study_ids = [str(r['study_id']) for r in _rows(_load_json(os.path.join(ld, 'meta.json')), n, ld)]
    cls = ClassifierArrays(
        sag_t2=_memmap(os.path.join(cd, 'sag_t2.npy'), 'float32', 4),
        sag_t1=_memmap(os.path.join(cd, 'sag_t1.npy'), 'float32', 5),
        ax_t2=_memmap(os.path.join(cd, 'ax_t2.npy'), 'float32', 5),
        view_mask=_memmap(os.path.join(cd, 'view_mask.npy'), 'float32', 2),
        labels=_memmap(os.path.join(cd, 'labels.npy'), 'int64', 2),
        study_ids=[],
        jitter=[],
    )
    m = cls.labels.shape[0]
    want = {'sag_t2': (m, s, p, p), 'sag_t1': (m, 2, s, p, p), 'ax_t2': (m, 3, s, p, p),
            'view_mask': (m, 3), 'labels': (m, 5)}
    for name, shape in want.items():
        if getattr(cls, name).shape != shape:
            got = getattr(cls, name).shape
            raise PrepError(f'{cd}/{name}.npy is {got}; spec S={s}, P={p} needs {shape}.')
    rows = _rows(_load_json(os.path.join(cd, 'meta.json')), m, cd)
    cls.study_ids = [str(r['study_id']) for r in rows]
    cls.jitter = [float(r.get('jitter', 0) or 0) for r in rows]
    return Prep(root=root, spec=spec, index=index, localizer=loc, classifier=cls)


def study_fold(study_id: str, folds: int) -> int:
    """Fold of a study: a stable hash of its id (sha256, not Python's salted hash), so every row of a
    study, jittered copies included, lands in the same fold on every run and machine."""
    digest = hashlib.sha256(str(study_id).encode('utf-8')).digest()
    return int.from_bytes(digest[:8], 'little') % folds


def split_rows(study_ids: Sequence[str], folds: int = 10, val_fold: int = 0) -> Tuple[np.ndarray, np.ndarray]:
    """Row indices of the training and validation folds; no study has rows in both."""
    fold = np.array([study_fold(s, folds) for s in study_ids], dtype=np.int64)
    return np.nonzero(fold != val_fold)[0], np.nonzero(fold == val_fold)[0]


def _take(arr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Rows of a memmap as a writable in-memory array; sorted reads keep the disk access sequential."""
    order = np.argsort(rows)
    out = np.empty((len(rows),) + arr.shape[1:], dtype=arr.dtype)
    out[order] = arr[rows[order]]
    return out


def _batches(
    fields: Dict[str, np.ndarray],
    rows: np.ndarray,
    batch_size: int,
    rng: Optional[np.random.Generator],
    augment_batch: Optional[Callable[[Dict[str, np.ndarray], np.random.Generator], None]],
) -> Iterator[Dict[str, torch.Tensor]]:
    """Batches of the named arrays over `rows` as tensors; shuffled when rng is given, and augmented in place
    by augment_batch when rng and augment_batch are given."""
    order = rng.permutation(rows) if rng is not None else np.asarray(rows)
    for start in range(0, len(order), batch_size):
        idx = order[start : start + batch_size]
        batch = {name: _take(arr, idx) for name, arr in fields.items()}
        if rng is not None and augment_batch is not None:
            augment_batch(batch, rng)
        yield {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in batch.items()}


def classifier_batches(
    arrays: ClassifierArrays,
    rows: np.ndarray,
    batch_size: int,
    rng: Optional[np.random.Generator],
    aug: Optional[AugmentConfig],
) -> Iterator[Dict[str, torch.Tensor]]:
    """Batches of the classifier's inputs plus `labels`; shuffled and augmented when rng and aug are given."""
    fields = {
        'sag_t2': arrays.sag_t2,
        'sag_t1': arrays.sag_t1,
        'ax_t2': arrays.ax_t2,
        'view_mask': arrays.view_mask,
        'labels': arrays.labels,
    }
    augment_batch = None if aug is None else (lambda b, r: augment.augment_classifier_batch(b, r, aug))
    yield from _batches(fields, rows, batch_size, rng, augment_batch)


def localizer_batches(
    arrays: LocalizerArrays,
    rows: np.ndarray,
    batch_size: int,
    rng: Optional[np.random.Generator],
    aug: Optional[AugmentConfig],
) -> Iterator[Dict[str, torch.Tensor]]:
    """Batches of `image`, `targets` [B,10,3] and `channel_mask` [B,10]; augmented when rng and aug are given."""
    fields = {'image': arrays.images, 'targets': arrays.targets, 'channel_mask': arrays.channel_mask}
    augment_batch = None if aug is None else (lambda b, r: augment.augment_localizer_batch(b, r, aug))
    yield from _batches(fields, rows, batch_size, rng, augment_batch)
