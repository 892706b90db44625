"""optim.digits: the shipped file, the fixed stratified split, train-only standardisation."""

import hashlib
import importlib.resources
import pathlib
import tomllib

import numpy as np
import pytest

from optim.digits import load_digits, read_digits, standardize, stratified_split

SKLEARN_SHA256 = "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22"
"""sklearn/datasets/data/digits.csv.gz in the scikit-learn 1.9.1 wheel."""
SKLEARN_COUNTS = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
"""np.bincount(sklearn.datasets.load_digits().target)."""


def test_the_file_is_scikit_learns_byte_for_byte_and_is_package_data():
    data = importlib.resources.files("optim") / "data"
    assert hashlib.sha256((data / "digits.csv.gz").read_bytes()).hexdigest() == SKLEARN_SHA256
    assert "CC BY 4.0" in (data / "README.md").read_text(encoding="utf-8")
    root = pathlib.Path(__file__).resolve().parents[1]
    with open(root / "pyproject.toml", "rb") as file:
        declared = tomllib.load(file)["tool"]["setuptools"]["package-data"]["optim"]
    assert "data/digits.csv.gz" in declared


def test_read_digits_gives_1797_images_of_counts_0_to_16():
    X, y = read_digits()
    assert X.shape == (1797, 64) and y.shape == (1797,)
    assert X.dtype == y.dtype == np.int64
    assert X.min() == 0 and X.max() == 16
    assert np.bincount(y).tolist() == SKLEARN_COUNTS
    X[0, 0] = 99  # a copy: the next reader sees the file's value
    assert read_digits()[0][0, 0] == 0


def test_the_split_is_fixed_disjoint_complete_and_stratified():
    _, y = read_digits()
    train, test = stratified_split(y, 0.25, seed=0)
    assert np.intersect1d(train, test).size == 0
    assert np.array_equal(np.sort(np.concatenate([train, test])), np.arange(y.size))
    expected = [round(0.25 * n) for n in SKLEARN_COUNTS]
    assert np.bincount(y[test], minlength=10).tolist() == expected
    again = stratified_split(y, 0.25, seed=0)
    assert np.array_equal(again[0], train) and np.array_equal(again[1], test)
    other = stratified_split(y, 0.25, seed=1)[1]
    assert not np.array_equal(other, test)
    assert np.bincount(y[other], minlength=10).tolist() == expected


def test_load_digits_shapes_and_labels():
    X_train, y_train, X_test, y_test = load_digits()
    assert X_train.shape == (1347, 64) and X_test.shape == (450, 64)
    assert y_train.shape == (1347,) and y_test.shape == (450,)
    assert X_train.dtype == X_test.dtype == np.float64
    assert np.bincount(y_train).tolist() == [n - round(0.25 * n) for n in SKLEARN_COUNTS]
    raw = load_digits(standardized=False)
    X, y = read_digits()
    train, test = stratified_split(y)
    assert np.array_equal(raw.X_train, X[train]) and np.array_equal(raw.y_test, y[test])


def test_standardisation_uses_the_train_sets_statistics_only():
    raw = load_digits(standardized=False)
    data = load_digits()
    mean = raw.X_train.sum(axis=0) / len(raw.X_train)
    std = np.sqrt(((raw.X_train - mean) ** 2).sum(axis=0) / len(raw.X_train))
    constant = std == 0  # e.g. the top-left pixel, blank in every training image
    assert constant[0] and 0 < constant.sum() < 64
    scale = np.where(constant, 1.0, std)
    np.testing.assert_allclose(data.X_train, (raw.X_train - mean) / scale, atol=1e-12)
    np.testing.assert_allclose(data.X_test, (raw.X_test - mean) / scale, atol=1e-12)
    np.testing.assert_allclose(data.X_train.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(data.X_train.std(axis=0)[~constant], 1, atol=1e-12)
    assert np.abs(data.X_test.mean(axis=0)).max() > 0.01  # not refitted on the test set
    changed_test = raw.X_test + 5.0  # the test set changes nothing on the train side
    assert np.array_equal(standardize(raw.X_train, changed_test)[0], data.X_train)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"test_fraction": 0}, "test_fraction"),
        ({"test_fraction": 1.0}, "test_fraction"),
        ({"test_fraction": "0.2"}, "test_fraction"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_bad_split_arguments_are_refused_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        load_digits(**kwargs)
