"""Numbers the lecture's prose states that no cell prints, recomputed so they cannot drift.

The rule: every number in the text of lecture/NN_*.py is printed by a cell (and so checked by
nbval) or asserted here, against an independent derivation where one exists.
"""

import numpy as np
import pytest

import optim

# --- 01_optimization, 02_gradient_descent ---------------------------------------------------


HOURS = np.array([2.0, 4.0, 6.0, 8.0])
SCORES = np.array([81.0, 93.0, 91.0, 97.0])
HIMMELBLAU_MINIMA = np.array([[3.0, 2.0], [-2.805118, 3.131313], [-3.779310, -3.283186],
                              [3.584428, -1.848127]])  # fmt: skip


def _himmelblau_gradient(p):
    x, y = p[..., 0], p[..., 1]
    u, v = x**2 + y - 11, x + y**2 - 7
    return np.stack([4 * x * u + 2 * v, 2 * u + 4 * y * v], axis=-1)


def _gradient_descent(gradient, start, lr, steps):
    """Plain gradient descent in numpy; returns the points, start included."""
    points = [np.asarray(start, dtype=float)]
    for _ in range(steps):
        points.append(points[-1] - lr * gradient(points[-1]))
    return np.array(points)


def _lr_slider_stops():
    """The explorer's lr slider: 10**k for k = -4, -3.95, ..., 1 (optim/controls.py)."""
    return 10.0 ** np.round(np.arange(-4, 1.0001, 0.05), 2)


def test_01_himmelblau_basins_meet_at_the_local_maximum_near_minus_027_minus_092():
    """01 §5's answer: starts in [-1, 1]² (on the start sliders' grid, step 0.06) reach all four
    minima with SGD(lr=0.01) in 100 steps, and the basins meet at the peak (-0.27, -0.92)."""
    grid = np.round(np.arange(-6, 6.0001, 0.06), 2)
    box = grid[(grid >= -1) & (grid <= 1)]
    starts = np.stack(np.meshgrid(box, box), axis=-1).reshape(-1, 2)
    ends = _gradient_descent(_himmelblau_gradient, starts, 0.01, 100)[-1]
    distance = np.linalg.norm(ends[:, None] - HIMMELBLAU_MINIMA[None], axis=-1)
    assert distance.min(axis=1).max() < 1e-4
    assert set(distance.argmin(axis=1)) == {0, 1, 2, 3}
    # the peak: gradient zero, both Hessian eigenvalues negative (central differences)
    peak = np.array([-0.270845, -0.923039])
    assert np.abs(_himmelblau_gradient(peak)).max() < 1e-4
    h = 1e-5
    grad = _himmelblau_gradient
    columns = [grad(peak + h * e) - grad(peak - h * e) for e in np.eye(2)]
    hessian = np.column_stack(columns) / (2 * h)
    assert np.all(np.linalg.eigvalsh(hessian) < 0)
    # starts on a small circle around the peak end in all four minima
    angles = np.linspace(0, 2 * np.pi, 72, endpoint=False)
    around = peak + 0.05 * np.column_stack([np.cos(angles), np.sin(angles)])
    ends = _gradient_descent(_himmelblau_gradient, around, 0.01, 200)[-1]
    labels = np.linalg.norm(ends[:, None] - HIMMELBLAU_MINIMA[None], axis=-1).argmin(axis=1)
    assert set(labels) == {0, 1, 2, 3}


def test_01_start_0_minus_57_jumps_over_six_and_ends_at_the_farthest_minimum():
    path = _gradient_descent(_himmelblau_gradient, [0.0, -5.7], 0.01, 100)
    assert np.linalg.norm(path[1] - path[0]) > 6
    distance_from_start = np.linalg.norm(HIMMELBLAU_MINIMA - path[0], axis=1)
    end = np.linalg.norm(HIMMELBLAU_MINIMA - path[-1], axis=1).argmin()
    assert end == distance_from_start.argmax()
    np.testing.assert_allclose(HIMMELBLAU_MINIMA[end], [-2.81, 3.13], atol=0.005)
    # the explorer shows the same run
    run = optim.run(optim.SGD(lr=0.01), "himmelblau", start=(0.0, -5.7), steps=100)
    np.testing.assert_allclose(run.positions, path, atol=1e-9)


def test_01_valley_tilt_and_narrowness_from_the_closed_form():
    """01 §2: Δb/Δa ≈ -6 along the valley, 190× steeper across it, 5× once x is centred."""
    for x, ratio in [(HOURS, 190.19), (HOURS - HOURS.mean(), 5.0)]:
        m = np.array([[np.mean(x**2), x.mean()], [x.mean(), 1.0]])
        values, vectors = np.linalg.eigh(m)
        assert values[1] / values[0] == pytest.approx(ratio, abs=0.01)
    values, vectors = np.linalg.eigh(np.array([[30.0, 5.0], [5.0, 1.0]]))
    assert vectors[1, 0] / vectors[0, 0] == pytest.approx(-5.9676, abs=1e-4)


def test_02_parabola_converges_exactly_for_lr_between_0_and_1():
    """02's summary: on f = x², x ← (1 - 2α) x converges iff 0 < α < 1 (a sweep over α)."""
    rates = np.linspace(-0.5, 1.5, 2001)
    x = np.full_like(rates, 3.0)
    with np.errstate(over="ignore", invalid="ignore"):
        for _ in range(2000):
            x = x - rates * 2 * x
    inside = (rates > 0) & (rates < 1)
    assert np.all(np.abs(x[inside]) < 0.06)  # shrinks (slowest at the ends: 0.998^2000)
    assert np.all(~(np.abs(x[~inside]) < 3.0))  # stays at 3, flips, or grows (inf/nan)


def test_02_explorer_lr_stops_around_the_stability_limit():
    """02 §6: the slider stops 0.0316 and 0.0355 lie either side of 1/λmax = 0.0324."""
    stops = _lr_slider_stops()
    lam_max = np.linalg.eigvalsh(np.array([[30.0, 5.0], [5.0, 1.0]]))[1]
    limit = 1 / lam_max
    assert limit == pytest.approx(0.0324, abs=5e-5)
    below, above = stops[stops < limit].max(), stops[stops > limit].min()
    assert (round(below, 4), round(above, 4)) == (0.0316, 0.0355)
    assert stops[np.argmin(np.abs(stops - 0.03))] != 0.03  # 0.03 itself is the notebook's value
    # 0.0316 bounces with a factor closer to -1 than 0.03 does, so more and longer
    assert abs(1 - 2 * below * lam_max) > abs(1 - 2 * 0.03 * lam_max)
    start = optim.regression.slide_initial_values()
    run = optim.run(optim.SGD(lr=above), "regression_mse", start=start, steps=300)
    assert run.diverged_at is not None


def _mse_gradient(p, x=HOURS, y=SCORES):
    r = p[..., :1] * x + p[..., 1:] - y
    return np.stack([2 * np.mean(r * x, axis=-1), 2 * np.mean(r, axis=-1)], axis=-1)


def _rmse_gradient(p, x=HOURS, y=SCORES):
    r = p[..., :1] * x + p[..., 1:] - y
    rmse = np.sqrt(np.mean(r**2, axis=-1, keepdims=True))
    mean_rx, mean_r = np.mean(r * x, axis=-1), np.mean(r, axis=-1)
    return np.stack([mean_rx, mean_r], axis=-1) / rmse


def _steep_component(path):
    v_max = np.linalg.eigh(np.array([[30.0, 5.0], [5.0, 1.0]]))[1][:, 1]
    return (path - np.array([2.3, 79.0])) @ v_max


def test_02_explorer_lr_001_does_not_bounce_and_is_slow():
    """02 §6: lr = 0.01 on the MSE never crosses the valley, and after 300 steps the loss is
    still more than 0.01 above its minimum 8.3."""
    start = optim.regression.slide_initial_values()
    path = _gradient_descent(_mse_gradient, start, 0.01, 300)
    steep = _steep_component(path)
    assert np.all(steep[np.abs(steep) > 1e-9] < 0)
    loss = np.mean((path[-1, 0] * HOURS + path[-1, 1] - SCORES) ** 2)
    assert loss - 8.3 > 0.01
    path_003 = _gradient_descent(_mse_gradient, start, 0.03, 300)
    steep = _steep_component(path_003)
    assert np.sum(np.diff(np.sign(steep[np.abs(steep) > 1e-9])) != 0) > 10  # 0.03 does bounce


def test_02_explorer_rmse_on_scores_approaches_without_a_two_point_trap():
    """02 §6: RMSE, lr 0.1, 500 steps from the slide's start on the scores: the steep component
    dies out (once across, it shrinks more than tenfold a step), and the point keeps approaching
    (2.3, 79), unlike the two-point cycle of the slide's y = x run (steps of 0.555)."""
    start = optim.regression.slide_initial_values()
    path = _gradient_descent(_rmse_gradient, start, 0.1, 500)
    steep = _steep_component(path)
    live = np.abs(steep) > 1e-9
    first_cross = np.argmax(np.sign(steep) > 0)
    assert 0 < first_cross < 30
    tail = np.abs(steep[first_cross - 1 :][live[first_cross - 1 :]])
    assert np.all(tail[1:] < 0.1 * tail[:-1])
    distance = np.linalg.norm(path - np.array([2.3, 79.0]), axis=1)
    assert np.all(np.diff(distance[50:]) < 0)
    assert distance[-1] < 0.05
    assert np.linalg.norm(path[-1] - path[-2]) < 1e-3


def test_02_slide_first_row_rounding_box():
    """02 §3.5: the printed 7.5434 stands for any value in [7.54335, 7.54345)."""
    assert round(7.54335 + 1e-12, 4) == 7.5434 and round(7.54345 - 1e-12, 4) == 7.5434

# --- 03_sgd, 04_momentum, 05_adagrad ----------------------------------------------------------



# --- 06_rmsprop, 07_adam -----------------------------------------------------------------------



# --- 08_summary --------------------------------------------------------------------------------



