"""Minibatch gradients against closed forms: epoch means, exact enumeration, finite differences."""

import itertools

import numpy as np
import pytest

from optim import SGD, Momentum, run
from optim.minibatch import (
    MinibatchGradient,
    data_surface,
    epoch_batches,
    gradient_noise,
    make_data,
    per_example_gradients,
    run_minibatch,
)

DATA = make_data(n=60, seed=3)
POINT = (-1.5, 2.5)


def full_gradient(a, b, data):
    """By hand: L = mean((a x + b - y)^2), dL/da = 2 mean(r x), dL/db = 2 mean(r)."""
    r = a * data.x + b - data.y
    return np.array([2 * np.mean(r * data.x), 2 * np.mean(r)])


def test_make_data_is_seeded_and_follows_its_line():
    again = make_data(n=60, seed=3)
    np.testing.assert_array_equal(DATA.x, again.x)
    np.testing.assert_array_equal(DATA.y, again.y)
    exact = make_data(n=60, slope=-0.5, intercept=3.0, noise=0.0, seed=3)
    np.testing.assert_allclose(exact.y, -0.5 * exact.x + 3.0, rtol=1e-15)
    with pytest.raises(ValueError, match="n must be"):
        make_data(n=1)


def test_surface_gradient_matches_finite_differences_and_the_minimum_is_least_squares():
    surface = data_surface(DATA)
    h = 1e-6
    a, b = POINT
    numeric = [
        (surface.value(a + h, b) - surface.value(a - h, b)) / (2 * h),
        (surface.value(a, b + h) - surface.value(a, b - h)) / (2 * h),
    ]
    np.testing.assert_allclose(surface.gradient(a, b), numeric, rtol=1e-7)
    np.testing.assert_allclose(surface.gradient(a, b), full_gradient(a, b, DATA), rtol=1e-12)
    (fit,) = surface.minima
    slope, intercept = np.polyfit(DATA.x, DATA.y, 1)
    np.testing.assert_allclose(fit, (slope, intercept), rtol=1e-10)
    np.testing.assert_allclose(surface.gradient(*fit), (0.0, 0.0), atol=1e-12)
    assert surface.min_value == pytest.approx(float(surface.value(*fit)), rel=1e-15)


def test_per_example_gradients_average_to_the_full_gradient():
    g = per_example_gradients(*POINT, DATA)
    assert g.shape == (60, 2)
    np.testing.assert_allclose(g.mean(axis=0), full_gradient(*POINT, DATA), rtol=1e-12)


@pytest.mark.parametrize("batch_size", [1, 7, 10, 60])
def test_an_epoch_covers_every_example_once(batch_size):
    batches = epoch_batches(60, batch_size, np.random.default_rng(0))
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(60))
    assert all(len(batch) == batch_size for batch in batches[:-1])
    assert len(batches) == -(-60 // batch_size)


@pytest.mark.parametrize("batch_size", [1, 6, 7, 20, 60])
def test_minibatch_gradients_over_an_epoch_average_to_the_full_gradient(batch_size):
    """Weighted by batch size (the last batch of 7s is smaller), the epoch mean is exact."""
    gradient = MinibatchGradient(DATA, batch_size, seed=1)
    count = -(-60 // batch_size)
    estimates = np.array([gradient(*POINT) for _ in range(count)])
    sizes = np.array([len(batch) for batch in gradient.used])
    assert sizes.sum() == 60
    mean = (sizes[:, None] * estimates).sum(axis=0) / 60
    np.testing.assert_allclose(mean, full_gradient(*POINT, DATA), rtol=1e-12)
    if batch_size == 60:
        np.testing.assert_allclose(estimates[0], full_gradient(*POINT, DATA), rtol=1e-12)


def test_batches_continue_epoch_after_epoch_and_repeat_with_the_seed():
    first, second = MinibatchGradient(DATA, 20, seed=5), MinibatchGradient(DATA, 20, seed=5)
    for _ in range(7):
        np.testing.assert_array_equal(first(*POINT), second(*POINT))
    epochs = [np.sort(np.concatenate(first.used[i : i + 3])) for i in (0, 3)]
    for epoch in epochs:
        np.testing.assert_array_equal(epoch, np.arange(60))


def test_gradient_noise_is_exact_by_enumerating_every_batch():
    """A tiny data set: average |ĝ_B - ḡ|² over all C(N, B) batches, against the formula."""
    data = make_data(n=7, seed=11)
    g = per_example_gradients(*POINT, data)
    mean = g.mean(axis=0)
    for batch_size in range(1, 8):
        errors = [
            np.sum((g[list(batch)].mean(axis=0) - mean) ** 2)
            for batch in itertools.combinations(range(7), batch_size)
        ]
        assert gradient_noise(*POINT, data, batch_size) == pytest.approx(
            np.sqrt(np.mean(errors)), rel=1e-12, abs=1e-12
        )
    assert gradient_noise(*POINT, data, 7) == 0.0


def test_full_batch_run_is_plain_gradient_descent():
    steps, lr = 40, 0.1
    noisy = run_minibatch(SGD(lr=lr), DATA, batch_size=60, steps=steps, seed=9)
    exact = run(SGD(lr=lr), data_surface(DATA), steps=steps)
    np.testing.assert_allclose(noisy.positions, exact.positions, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(noisy.losses, exact.losses, rtol=1e-12)


def test_minibatch_run_steps_with_the_stored_minibatch_gradients():
    lr = 0.05
    traj = run_minibatch(SGD(lr=lr), DATA, batch_size=5, start=POINT, steps=30, seed=2)
    np.testing.assert_allclose(
        np.diff(traj.positions, axis=0), -lr * traj.gradients[:-1], rtol=1e-12, atol=1e-15
    )
    x, y = traj.positions.T
    np.testing.assert_allclose(traj.losses, data_surface(DATA).value(x, y), rtol=1e-12)
    again = run_minibatch(SGD(lr=lr), DATA, batch_size=5, start=POINT, steps=30, seed=2)
    np.testing.assert_array_equal(traj.positions, again.positions)
    other = run_minibatch(SGD(lr=lr), DATA, batch_size=5, start=POINT, steps=30, seed=3)
    assert not np.allclose(traj.positions, other.positions)


def test_minibatch_run_works_with_stateful_optimizers():
    traj = run_minibatch(Momentum(lr=0.05, momentum=0.8), DATA, 10, steps=20, seed=0)
    np.testing.assert_allclose(traj.states["v"][1:], np.diff(traj.positions, axis=0), atol=1e-12)


@pytest.mark.parametrize("batch_size", [0, 61, 2.5, True])
def test_bad_batch_sizes_are_refused(batch_size):
    with pytest.raises(ValueError, match="batch_size"):
        MinibatchGradient(DATA, batch_size)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: make_data(noise="1"),
            ValueError,
            "Invalid noise level: '1' (noise must be a number, got str)",
        ),
        (lambda: make_data(noise=None), ValueError, "Invalid noise level: None"),
        (
            lambda: make_data(noise=-1),
            ValueError,
            "Invalid noise level: -1.0 (noise must be finite and >= 0)",
        ),
        (
            lambda: make_data(noise=[1, 2]),
            ValueError,
            "Invalid noise level: [1, 2] (noise must be a single number)",
        ),
        (
            lambda: make_data(slope="2"),
            ValueError,
            "Invalid slope: '2' (slope must be a number, got str)",
        ),
        (
            lambda: make_data(intercept=np.inf),
            ValueError,
            "Invalid intercept: inf (intercept must be finite)",
        ),
        (lambda: make_data(seed="x"), ValueError, "seed must be a whole number >= 0, got 'x'"),
        (lambda: make_data(seed=1.5), ValueError, "seed must be a whole number >= 0, got 1.5"),
        (lambda: make_data(n=10**12), ValueError, "n must be a whole number from 2 to 10,000,000"),
        (lambda: MinibatchGradient(DATA, 5, seed="x"), ValueError, "seed must be a whole number"),
        (
            lambda: MinibatchGradient([1, 2], 5),
            TypeError,
            "data must be a Data(x, y), e.g. make_data(), got list",
        ),
        (lambda: data_surface("abc"), TypeError, "data must be a Data(x, y)"),
        (
            lambda: gradient_noise("a", 1, DATA, 5),
            ValueError,
            "Invalid a: 'a' (a must be a number, got str)",
        ),
        (
            lambda: gradient_noise(np.nan, 1, DATA, 5),
            ValueError,
            "Invalid a: nan (a must be finite)",
        ),
        (
            lambda: per_example_gradients(1, [1, 2], DATA),
            ValueError,
            "Invalid b: [1, 2] (b must be a single number)",
        ),
        (
            lambda: run_minibatch(SGD(lr=0.1), DATA, 5, seed=-1),
            ValueError,
            "seed must be a whole number >= 0, got -1",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, error, message):
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value).startswith(message)
