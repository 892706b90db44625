"""The 8×8 handwritten digits, offline: a fixed stratified split, standardised on the train set.

The data are the UCI "Optical Recognition of Handwritten Digits" test set (Alpaydin & Kaynak
1998, CC BY 4.0) as scikit-learn ships it (`load_digits`, BSD-3): 1,797 images of 8 × 8 pixel
counts 0-16, labels 0-9. The file `optim/data/digits.csv.gz` is scikit-learn's, byte for byte;
`optim/data/README.md` says where it comes from.

    data = load_digits()              # Digits(X_train, y_train, X_test, y_test)
    X_train, y_train, X_test, y_test = data
"""

import functools
import gzip
import importlib.resources
from typing import NamedTuple

import numpy as np

from optim.validation import check_whole, check_within

CLASSES = 10
PIXELS = 64


class Digits(NamedTuple):
    """A train/test split: X float64 of shape (n, 64), y int64 labels 0-9 of shape (n,)."""

    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


@functools.cache
def _read():
    source = importlib.resources.files("optim") / "data" / "digits.csv.gz"
    with source.open("rb") as raw, gzip.open(raw, "rt") as text:
        table = np.loadtxt(text, delimiter=",", dtype=np.int64)
    table.flags.writeable = False
    return table


def read_digits():
    """All 1,797 images as they are in the file: X int64 (1797, 64) in 0-16, y int64 (1797,)."""
    table = _read()
    return table[:, :PIXELS].copy(), table[:, PIXELS].copy()


def stratified_split(y, test_fraction=0.25, seed=0):
    """(train indices, test indices), both sorted: in every class, round(test_fraction × its
    count) members chosen at random (np.random.default_rng(seed)) go to the test set."""
    test_fraction = check_within(
        "test_fraction", "test fraction", test_fraction, 0.0, 1.0, single=True, open_low=True
    )
    if test_fraction == 1.0:
        raise ValueError("Invalid test fraction: 1.0 (test_fraction must be below 1)")
    seed = check_whole("seed", seed, 0)
    y = np.asarray(y)
    rng = np.random.default_rng(seed)
    test = []
    for label in np.unique(y):
        members = np.flatnonzero(y == label)
        test.append(rng.permutation(members)[: round(test_fraction * members.size)])
    test = np.sort(np.concatenate(test))
    train = np.setdiff1d(np.arange(y.size), test)
    return train, test


def standardize(X_train, X_test):
    """Both sets shifted and scaled by the train set's per-pixel mean and standard deviation
    (a pixel constant in the train set, such as an always-blank corner, is only shifted):
    the test set is never looked at to choose the scaling."""
    mean = X_train.mean(axis=0)
    std = X_train.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (X_train - mean) / std, (X_test - mean) / std


def load_digits(test_fraction=0.25, seed=0, standardized=True):
    """The digits split into train and test sets, stratified by class (`stratified_split`),
    standardised with the train set's statistics (`standardize`) unless standardized=False
    (then the raw counts 0-16 as float64). The same arguments always give the same split."""
    X, y = read_digits()
    train, test = stratified_split(y, test_fraction, seed)
    X_train, X_test = X[train].astype(float), X[test].astype(float)
    if standardized:
        X_train, X_test = standardize(X_train, X_test)
    return Digits(X_train, y[train], X_test, y[test])
