"""Numbers the lecture's prose states that no cell prints, recomputed so they cannot drift.

The rule: every number in the text of lecture/NN_*.py is printed by a cell (and so checked by
nbval) or asserted here, against an independent derivation where one exists.
"""

import numpy as np
import pytest

import optim

# --- 01_optimization, 02_gradient_descent ---------------------------------------------------



# --- 03_sgd, 04_momentum, 05_adagrad ----------------------------------------------------------



# --- 06_rmsprop, 07_adam -----------------------------------------------------------------------


def _rosenbrock(x, y):
    """Loss and gradient of (1 − x)² + 100(y − x²)², written out without optim."""
    loss = (1 - x) ** 2 + 100 * (y - x**2) ** 2
    return loss, np.array([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])


def _numpy_run(lr, steps, decay_rate=None, eps=1e-7, start=(-1.5, 2.0)):
    """AdaGrad (decay_rate None) or RMSprop on Rosenbrock in plain numpy.

    Returns the losses after steps 1 … steps and the last point.
    """
    w, h, losses = np.array(start, dtype=float), np.zeros(2), []
    for _ in range(steps):
        g = _rosenbrock(*w)[1]
        h = h + g**2 if decay_rate is None else decay_rate * h + (1 - decay_rate) * g**2
        w = w - lr * g / (np.sqrt(h) + eps)
        losses.append(_rosenbrock(*w)[0])
    return np.array(losses), w


def test_06_adagrad_with_a_large_lr_beats_rmsprop_at_1000_steps():
    """06 'AdaGrad는 학습률을 키우면': the counter-example of issue 9, recomputed in numpy."""
    adagrad = {lr: _numpy_run(lr, 1000)[0] for lr in [1.778, 1.88, 5.0]}
    rmsprop = {lr: _numpy_run(lr, 1000, decay_rate=0.99)[0] for lr in [0.003, 0.01, 0.03, 0.1]}
    best_rmsprop = min(losses[-1] for losses in rmsprop.values())
    assert best_rmsprop == pytest.approx(0.0688, abs=1e-4)
    assert [round(adagrad[lr][-1], 4) for lr in [1.778, 1.88, 5.0]] == [0.0028, 0.0141, 0.0438]
    assert all(losses[-1] < best_rmsprop for losses in adagrad.values())
    # the notebook's measure, the largest loss of the last 100 steps, at its best stops
    assert adagrad[1.778][900:].max() == pytest.approx(0.0031, abs=5e-5)
    lr = 10 ** (-43 / 20)  # 0.007079, RMSprop's best slider stop at 1000 steps
    assert _numpy_run(lr, 1000, decay_rate=0.99)[0][900:].max() == pytest.approx(0.096, abs=5e-4)


def test_06_sweep_grid_is_the_lr_sliders_stops_and_large_rmsprop_lrs_are_poor():
    """06: the 81 lrs are the slider's stops; RMSprop above α = 0.1 is far worse than its best."""
    from optim.controls import SLIDERS

    _, spec = SLIDERS["lr"]
    assert (spec["base"], spec["step"]) == (10, 0.05)  # 20 stops a decade
    assert spec["min"] <= -3 and spec["max"] >= 1  # 0.001 … 10 are all on the slider
    lrs = 10.0 ** (np.arange(-60, 21) / 20)
    starts = np.broadcast_to([-1.5, 2.0], (lrs.size, 2))
    trajectory = optim.run(optim.RMSprop(lr=lrs), "rosenbrock", start=starts, steps=3000)
    for steps in [1000, 3000]:
        worst = trajectory.losses[steps - 99 : steps + 1].max(axis=0)
        diverged = (trajectory.diverged_at >= 0) & (trajectory.diverged_at <= steps)
        worst = np.where(diverged, np.nan, worst)
        large = worst[lrs > 0.1]
        assert np.all(np.isnan(large) | (large > 5 * np.nanmin(worst)))


def test_06_adagrad_first_step_at_lr_1778_leaves_the_window():
    """06 'α가 2 가까이면 … 그림 밖까지': the first step lands above y = 3, the window's top."""
    w = _numpy_run(1.778, 1)[1]
    assert w[1] > optim.get_surface("rosenbrock").window[3] == 3.0


def test_06_rmsprop_first_step_is_ten_times_lr_and_the_leaky_sum_exercise():
    """06 '출발 치우침': first step α/√(1 − γ) = 10α.

    The exercise: a leaky sum tends to g²/(1 − γ), so the steps are a tenth.
    """
    g = np.array([-155.0, -50.0])
    h = (1 - 0.99) * g**2
    assert np.abs(0.01 * g / np.sqrt(h)) == pytest.approx([0.1, 0.1])
    leaky = 0.0
    for _ in range(5000):
        leaky = 0.99 * leaky + 3.0**2
    assert leaky == pytest.approx(3.0**2 / (1 - 0.99))  # 100 × the average g²
    assert np.sqrt(3.0**2) / np.sqrt(leaky) == pytest.approx(0.1)  # the step is a tenth


def test_06_rmsprop_ends_in_a_two_point_cycle_of_step_alpha():
    """06 'RMSprop의 바닥': at α = 0.01 the run ends in a two-point cycle, ±α per coordinate."""
    positions = optim.run(optim.RMSprop(lr=0.01), "rosenbrock", steps=20_000).positions
    assert np.abs(positions[-1] - positions[-3]).max() < 1e-9
    assert np.abs(positions[-1] - positions[-2]) == pytest.approx([0.01, 0.01], rel=1e-6)


def test_06_explorer_suggestions():
    """06 explorer, items 1–3, at the explorer's start (−1.5, 2), 500 steps."""
    # 1. γ = 0: h = g², every coordinate moves ±α; the run stops at loss 5.97 (a two-point cycle)
    sign_only = optim.run(optim.RMSprop(lr=0.01, decay_rate=0.0), "rosenbrock", steps=500)
    moves = np.abs(np.diff(sign_only.positions, axis=0))
    assert moves == pytest.approx(0.01, rel=1e-6)
    assert round(sign_only.losses[-1], 2) == 5.97
    assert np.all(np.round(sign_only.losses[100:], 2) == 5.97)
    # 2. γ = 0.999 ends higher after 500 steps than γ = 0.99
    default = optim.run(optim.RMSprop(lr=0.01), "rosenbrock", steps=500)
    long_memory = optim.run(optim.RMSprop(lr=0.01, decay_rate=0.999), "rosenbrock", steps=500)
    assert long_memory.losses[-1] > 3 * default.losses[-1]
    # 3. lr = 0.1: the loss jumps now and then, ends a little below lr = 0.01, does not settle
    large = optim.run(optim.RMSprop(lr=0.1), "rosenbrock", steps=500)
    assert large.losses[50:].max() > 10
    assert 0.5 * default.losses[-1] < large.losses[-1] < default.losses[-1]
    distance = np.linalg.norm(large.positions - 1.0, axis=1)
    assert distance[-1] > 1.0 and distance.min() < 0.8 < distance[-1]  # came closer, went back out
    assert np.ptp(large.positions[300:, 0]) > 1.0  # back and forth along the valley


def test_07_alpha_inside_the_first_moment_applies_alpha_twice():
    """07: with the slide's α inside V, the first (corrected) step is α² per coordinate, not α."""
    lr, g = 0.001, np.array([-0.7, 4.0])
    for alpha_inside in [False, True]:
        m = (1 - 0.9) * (lr if alpha_inside else 1.0) * g / (1 - 0.9)
        v = (1 - 0.999) * g**2 / (1 - 0.999)
        step = np.abs(lr * m / np.sqrt(v))
        assert step == pytest.approx(lr**2 if alpha_inside else lr)


def test_07_beta1_zero_is_bias_corrected_rmsprop():
    """07 explorer item 1: Adam with β1 = 0 is RMSprop (γ = β2) with v bias-corrected."""
    w, v = np.array([-7.0, 2.0]), np.zeros(2)
    for t in range(1, 101):
        g = np.array([w[0] / 10, 2 * w[1]])  # the book's bowl x²/20 + y²
        v = 0.999 * v + 0.001 * g**2
        w = w - 0.3 * g / (np.sqrt(v / (1 - 0.999**t)) + 1e-7)
    adam = optim.run(optim.Adam(lr=0.3, beta1=0.0), "book", steps=100)
    assert adam.positions[-1] == pytest.approx(w, abs=1e-9)


def test_07_explorer_suggestions():
    """07 explorer, items 1–3, on the book's bowl from (−7, 2) with α = 0.3, 100 steps."""
    def adam(**settings):
        return optim.run(optim.Adam(lr=0.3, **settings), "book", steps=100).positions

    assert adam(beta1=0.0)[:, 0].max() < 0  # no inertia: never passes x = 0
    heavy = adam(beta1=0.99)
    assert heavy[:, 0].max() > 3 > 1 > adam()[:, 0].max()  # passes far beyond the minimum ...
    assert heavy[-1, 0] < 0  # ... and comes back
    short, default = adam(beta2=0.5), adam()
    last = np.linalg.norm(np.diff(short[-11:], axis=0), axis=1)
    assert last.min() > 0.3 / 5  # a sizeable fraction of α
    assert np.linalg.norm(short[50:], axis=1).min() > 0.1  # it hovers, it does not settle
    assert np.linalg.norm(np.diff(default[-11:], axis=0), axis=1).max() < 0.3 / 30


def test_06_07_eps_is_the_books():
    """06, 07: eps is 1e-7 as in the book (the Adam paper and PyTorch use 1e-8)."""
    assert optim.RMSprop().eps == optim.Adam().eps == optim.AdaGrad().eps == 1e-7


# --- 08_summary --------------------------------------------------------------------------------



