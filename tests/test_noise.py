"""Gradient noise in run and sweep: what the optimizer sees, reproducibility, the lesson."""

import math

import numpy as np
import pytest

from optim import SGD, Adam, CosineAnnealingLR, Momentum, get_surface, run, sweep


class Recorder:
    """A slide-style SGD that keeps every gradient it is given."""

    def __init__(self, lr):
        self.lr, self.seen = lr, []

    def update(self, params, grads):
        self.seen.append(np.stack([grads["x"], grads["y"]], axis=-1))
        for key in params:
            params[key] -= self.lr * grads[key]


def test_the_optimizer_sees_the_surface_gradient_plus_the_recorded_noise():
    recorder = Recorder(lr=1e-3)
    traj = run(recorder, "rosenbrock", start=(-1.0, 1.5), steps=50, noise=0.3, seed=7)
    seen = np.array(recorder.seen)
    assert traj.noise.shape == seen.shape == (50, 2)
    np.testing.assert_array_equal(seen, traj.gradients[:-1] + traj.noise)
    # the stored gradients and losses are the surface's own at the stored points
    surface = get_surface("rosenbrock")
    x, y = traj.positions.T
    np.testing.assert_array_equal(traj.losses, surface.value(x, y))
    np.testing.assert_array_equal(traj.gradients, np.stack(surface.gradient(x, y), axis=-1))


def test_injected_noise_has_standard_deviation_sigma():
    """40,000 draws (100 starts × 200 steps × x and y): the sample std of N(0, σ²) has a
    standard error of σ / sqrt(2 n) = 0.35 % of σ, its mean one of σ / sqrt(n); allow 4
    standard errors. The noise is what the optimizer saw minus the surface's gradient, here
    computed by hand."""
    sigma, steps = 0.5, 200
    recorder = Recorder(lr=0.05)
    starts = np.tile([-7.0, 2.0], (100, 1))
    traj = run(recorder, "book", start=starts, steps=steps, noise=sigma, seed=0)
    x, y = np.moveaxis(traj.positions[:-1], -1, 0)
    injected = np.array(recorder.seen) - np.stack([x / 10, 2 * y], axis=-1)  # f = x²/20 + y²
    injected = injected.reshape(-1, 2)
    n = injected.size
    assert abs(injected.std() - sigma) < 4 * sigma / math.sqrt(2 * n)
    assert abs(injected.mean()) < 4 * sigma / math.sqrt(n)
    for component in injected.T:  # each of x and y on its own
        assert abs(component.std() - sigma) < 4 * sigma / math.sqrt(n)
    correlation = np.corrcoef(injected.T)[0, 1]  # x and y independent
    assert abs(correlation) < 4 / math.sqrt(n / 2)


def test_same_seed_same_run_other_seed_other_run():
    first = run(Adam(lr=0.1), "beale", steps=100, noise=0.2, seed=3)
    again = run(Adam(lr=0.1), "beale", steps=100, noise=0.2, seed=3)
    other = run(Adam(lr=0.1), "beale", steps=100, noise=0.2, seed=4)
    np.testing.assert_array_equal(first.positions, again.positions)
    np.testing.assert_array_equal(first.noise, again.noise)
    assert not np.array_equal(first.positions, other.positions)


def test_noise_is_drawn_from_default_rng_of_the_seed():
    """The documented draw order: all at once, shape (steps, *batch, 2)."""
    starts = np.array([[-7.0, 2.0], [3.0, 1.0], [5.0, -1.0]])
    traj = run(SGD(lr=0.1), "book", start=starts, steps=20, noise=0.7, seed=11)
    expected = 0.7 * np.random.default_rng(11).standard_normal((20, 3, 2))
    np.testing.assert_allclose(traj.noise, expected, rtol=1e-15)


def test_zero_noise_is_the_plain_run_exactly():
    plain = run(Momentum(lr=0.05, momentum=0.9), "rosenbrock", start=(-1.0, 1.5), steps=200)
    for kwargs in ({"noise": 0.0}, {"noise": 0, "seed": 5}):
        quiet = run(
            Momentum(lr=0.05, momentum=0.9), "rosenbrock", start=(-1.0, 1.5), steps=200, **kwargs
        )
        np.testing.assert_array_equal(quiet.positions, plain.positions)
        np.testing.assert_array_equal(quiet.states["v"], plain.states["v"])
        assert quiet.noise is None


def test_each_member_of_a_batch_gets_its_own_noise():
    starts = np.tile([-7.0, 2.0], (2, 1))
    traj = run(SGD(lr=0.1), "book", start=starts, steps=10, noise=0.5, seed=0)
    assert not np.array_equal(traj.positions[:, 0], traj.positions[:, 1])


def test_sweep_cells_equal_runs_with_the_same_seed():
    """sweep gives every setting the same draws (common random numbers)."""
    lrs, moms = np.array([0.02, 0.1, 0.4]), np.array([0.0, 0.8])
    result = sweep(Momentum, "book", steps=60, noise=0.3, seed=9, lr=lrs, momentum=moms)
    for i, lr in enumerate(lrs):
        for j, mom in enumerate(moms):
            single = run(Momentum(lr=lr, momentum=mom), "book", steps=60, noise=0.3, seed=9)
            assert result.final_loss[i, j] == single.losses[-1]
            assert result.converged_at[i, j] == (single.converged_at or -1)


def test_constant_lr_hovers_at_the_level_theory_gives():
    """SGD on f = c x²/2 with noise σ: x ← (1 - αc) x - α ξ settles to variance
    ασ² / (c (2 - αc)), so the mean loss c Var / 2 = ασ² / (2 (2 - αc)) per coordinate
    (book: c = 1/10 for x, 2 for y). 400 runs as one batch, the last 1000 of 2000 steps."""
    lr, sigma = 0.3, 1.0
    starts = np.tile([-7.0, 2.0], (400, 1))
    traj = run(SGD(lr=lr), "book", start=starts, steps=2000, noise=sigma, seed=0)
    theory = sum(lr * sigma**2 / (2 * (2 - lr * c)) for c in (0.1, 2.0))
    assert traj.losses[1000:].mean() == pytest.approx(theory, rel=0.03)


def test_a_decaying_lr_settles_where_a_constant_lr_hovers():
    """The classic lesson, over 20 seeds: with noisy gradients SGD at a constant lr keeps
    hovering around the minimum; the same lr annealed by a cosine to 0 ends far lower."""
    steps, lr, sigma = 500, 0.3, 1.0
    constant, decaying = [], []
    for seed in range(20):
        constant.append(run(SGD(lr=lr), "book", steps=steps, noise=sigma, seed=seed).losses[-1])
        annealed = run(
            SGD(lr=lr),
            "book",
            steps=steps,
            noise=sigma,
            seed=seed,
            schedule=CosineAnnealingLR(steps),
        )
        decaying.append(annealed.losses[-1])
    constant, decaying = np.array(constant), np.array(decaying)
    assert decaying.mean() < constant.mean() / 5
    assert np.median(decaying) < np.median(constant) / 5
    assert (decaying < constant).sum() >= 17


BAD = [
    ({"noise": -0.1}, ValueError, "noise"),
    ({"noise": math.nan}, ValueError, "noise"),
    ({"noise": math.inf}, ValueError, "noise"),
    ({"noise": "0.1"}, ValueError, "noise"),
    ({"noise": [0.1, 0.2]}, ValueError, "noise"),
    ({"noise": True}, ValueError, "noise"),
    ({"noise": 0.1, "seed": -1}, ValueError, "seed"),
    ({"noise": 0.1, "seed": 1.5}, ValueError, "seed"),
    ({"noise": 0.1, "seed": "7"}, ValueError, "seed"),
    ({"seed": True}, ValueError, "seed"),
]


@pytest.mark.parametrize("kwargs, error, message", BAD)
def test_bad_noise_or_seed_raise_naming_the_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        run(SGD(lr=0.1), "book", steps=5, **kwargs)
    with pytest.raises(error, match=message):
        sweep(SGD, "book", steps=5, lr=[0.1], **kwargs)
