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
HIMMELBLAU_MINIMA = np.array(
    [[3.0, 2.0], [-2.805118, 3.131313], [-3.779310, -3.283186], [3.584428, -1.848127]]
)


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
    # drawn with equal units the valley stands almost upright: under 10° from the b axis
    assert np.degrees(np.arctan(abs(vectors[0, 0] / vectors[1, 0]))) < 10


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


def _book_gradient(w):
    """f = x²/20 + y², written out here without optim."""
    return np.array([w[0] / 10, 2 * w[1]])


def _rosenbrock_gradient(w):
    """f = (1 - x)² + 100 (y - x²)²."""
    x, y = w
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


def _sgd_book(lr, start=(-7.0, 2.0), steps=100):
    w, path = np.array(start), [np.array(start)]
    for _ in range(steps):
        w = w - lr * _book_gradient(w)
        path.append(w)
    return np.array(path)


def _adagrad(gradient, lr, start, steps, eps=1e-7):
    w, h, path = np.array(start, dtype=float), np.zeros(2), [np.array(start, dtype=float)]
    for _ in range(steps):
        g = gradient(w)
        h = h + g * g
        w = w - lr * g / (np.sqrt(h) + eps)
        path.append(w)
    return np.array(path)


def test_03_explorer_steps_on_the_book_bowl():
    """03 §5: lr 1.0 bounces between y = ±2 for ever, the next slider stop (1.122) diverges, the
    stop near 0.5 (10^-0.3) lands on the valley floor in one step, and y0 = 0 never zig-zags."""
    bounce = _sgd_book(1.0)
    assert np.allclose(np.abs(bounce[:, 1]), 2.0) and np.all(bounce[1:, 1] * bounce[:-1, 1] < 0)
    assert np.abs(_sgd_book(10**0.05)[-1, 1]) > 1e6  # 1 - 2α = -1.244: |y| grows 1.244× a step
    assert abs(_sgd_book(10**-0.3, steps=1)[1, 1]) < 0.01
    assert np.all(_sgd_book(0.95, start=(-7.0, 0.0))[:, 1] == 0.0)
    assert optim.get_surface("book").start == (-7.0, 2.0)


def _spectral_radius(matrix):
    return np.abs(np.linalg.eigvals(matrix)).max()


def _iteration(method, lr, m, lam):
    """One step on e (the offset from the minimum) and V as a 2×2 matrix acting on (e, V)."""
    if method == "Momentum":  # V ← mV − αλe, e ← e + V
        return np.array([[1 - lr * lam, m], [-lr * lam, m]])
    # the code's Nesterov: V ← mV − αλe, e ← e + mV_new − αλe
    return np.array([[1 - lr * lam - m * lr * lam, m * m], [-lr * lam, m]])


@pytest.mark.parametrize("m", [0.0, 0.5, 0.9, 0.99])
def test_04_rates_and_stability_limits_of_momentum_and_nesterov(m):
    """04: the per-step ratios (roots of z² − (1+m−αλ)z + m and z² − (1+m)(1−αλ)z + m(1−αλ)) are
    the spectral radii of the iterations; the limits αλ < 2(1+m) and αλ < 2(1+m)/(1+2m)."""
    for lam in (0.1, 2.0):
        momentum = np.abs(np.roots([1, -(1 + m - 0.1 * lam), m])).max()
        nesterov = np.abs(np.roots([1, -(1 + m) * (1 - 0.1 * lam), m * (1 - 0.1 * lam)])).max()
        assert momentum == pytest.approx(_spectral_radius(_iteration("Momentum", 0.1, m, lam)))
        assert nesterov == pytest.approx(_spectral_radius(_iteration("Nesterov", 0.1, m, lam)))
    for method, limit in (("Momentum", 2 * (1 + m)), ("Nesterov", 2 * (1 + m) / (1 + 2 * m))):
        assert _spectral_radius(_iteration(method, limit * 0.999, m, 1.0)) < 1
        assert _spectral_radius(_iteration(method, limit * 1.001, m, 1.0)) > 1


def test_04_nesterov_look_ahead_form_is_the_code_form_shifted_by_mv():
    """04: Sutskever's V ← mV − α∇L(W + mV), W ← W + V, tracked at W + mV, is optim.Nesterov,
    on a rotated, non-diagonal quadratic (not only on the book's bowl)."""
    a = np.array([[3.0, 1.0], [1.0, 0.5]])
    lr, m, w, v = 0.05, 0.8, np.array([2.0, -1.0]), np.zeros(2)
    nesterov, params = optim.Nesterov(lr=lr, momentum=m), {"w": np.array([2.0, -1.0])}
    for _ in range(100):
        v = m * v - lr * a @ (w + m * v)
        w = w + v
        nesterov.update(params, {"w": a @ params["w"]})
        assert np.allclose(params["w"], w + m * v, rtol=0, atol=1e-12)


def _steps_to_tolerance(lr, m=0.0, nesterov=False, tol=1e-6, steps=4000):
    """The first step from which x²/20 + y² stays within tol of 0 (from (-7, 2)), in numpy."""
    w, v, losses = np.array([-7.0, 2.0]), np.zeros(2), []
    for _ in range(steps):
        g = _book_gradient(w)
        v = m * v - lr * g
        w = w + m * v - lr * g if nesterov else w + v
        losses.append(w[0] ** 2 / 20 + w[1] ** 2)
    outside = np.flatnonzero(np.array(losses) > tol)
    return int(outside[-1]) + 2 if outside.size else 1


def test_03_the_best_factor_lr_is_not_the_fewest_steps_to_1e_minus_6():
    """03 §3: α = 2/(λmin + λmax) makes both factors 0.9048 but needs 79 steps; 0.935 needs 75,
    because its y factor |1 − 2α| = 0.87 is smaller while its x factor 0.9065 is barely larger."""
    best = 2 / (0.1 + 2.0)
    assert abs(1 - 2 * best) == pytest.approx(1 - best / 10) == pytest.approx(19 / 21)
    assert _steps_to_tolerance(best) == 79
    assert _steps_to_tolerance(0.935) == 75
    assert abs(1 - 2 * 0.935) < 19 / 21 < 1 - 0.935 / 10


def test_04_at_m_082_nesterov_has_the_smaller_rate_but_needs_more_steps_to_1e_minus_6():
    """04 §4: at lr 0.1, m 0.82 Nesterov's ratio is smaller, yet 88 vs 76 steps to 1e-6;
    at 1e-10 and 1e-14 Nesterov is ahead (131 vs 132, 169 vs 170)."""
    ratio = {
        nesterov: max(
            np.abs(
                np.roots(
                    [1, -(1 + 0.82) * (1 - 0.1 * lam), 0.82 * (1 - 0.1 * lam)]
                    if nesterov
                    else [1, -(1 + 0.82 - 0.1 * lam), 0.82]
                )
            ).max()
            for lam in (0.1, 2.0)
        )
        for nesterov in (False, True)
    }
    assert ratio[True] < ratio[False]
    for tol, (k_m, k_n) in {1e-6: (76, 88), 1e-10: (132, 131), 1e-14: (170, 169)}.items():
        assert _steps_to_tolerance(0.1, 0.82, tol=tol) == k_m
        assert _steps_to_tolerance(0.1, 0.82, nesterov=True, tol=tol) == k_n


def test_05_rosenbrock_step_lengths():
    """05: from (-1.5, 2) at α = 0.1 the first step is α√2; four steps later the step is below
    1/20 of the first; steps 5 to 1000 stay within 1/56 to 1/83 of it; x's effective learning
    rate after step 1 is 0.1/155."""
    path = _adagrad(_rosenbrock_gradient, 0.1, (-1.5, 2.0), 3000)
    steps = np.linalg.norm(np.diff(path, axis=0), axis=1)
    assert steps[0] == pytest.approx(0.1 * np.sqrt(2), rel=1e-6)
    assert np.round(steps[:4], 4).tolist() == [0.1414, 0.0650, 0.0169, 0.0068]
    assert steps[3] < steps[0] / 20
    later = steps[4:1000]
    assert round(steps[0] / later.max()) == 56 and round(steps[0] / later.min()) == 83
    assert steps[2999] == pytest.approx(3e-4, rel=0.01)
    assert abs(_rosenbrock_gradient(np.array([-1.5, 2.0]))[0]) == 155.0
    assert 0.1 / 155 == pytest.approx(6.45e-4, rel=1e-3)
    assert np.hypot(*(path[3000] - 1.0)) == pytest.approx(0.566, abs=5e-4)
    assert optim.get_surface("rosenbrock").start == (-1.5, 2.0)


def test_05_explorer_lr_one_tenth_on_the_book_bowl():
    """05 §explorer: at lr = 0.1 the first step is 0.1 in each coordinate, and after 100 steps
    the distance to the minimum is 5.27 (7.28 at the start)."""
    path = _adagrad(_book_gradient, 0.1, (-7.0, 2.0), 100)
    assert np.allclose(np.abs(path[1] - path[0]), 0.1, atol=1e-6)
    assert round(float(np.hypot(*path[0])), 2) == 7.28
    assert round(float(np.hypot(*path[100])), 2) == 5.27


def test_05_adagrad_first_step_without_the_root():
    """05 exercise: without the square root the first step is α·g/g² = α/g (α/4 at g = 4)."""
    params, optimizer = {"w": np.array([0.0])}, optim.AdaGrad(lr=0.1)
    optimizer.update(params, {"w": np.array([4.0])})
    assert params["w"][0] == pytest.approx(-0.1, rel=1e-6)  # with the root: α
    assert 0.1 * 4.0 / (4.0**2 + 1e-7) == pytest.approx(0.1 / 4)


def test_03_noiseless_sgd_lr_05_reaches_the_minimum_in_300_steps():
    """03's explorer with noise 0: a constant lr reaches the minimum without noise."""
    x, y = _sgd_book(0.5, steps=300)[-1]
    assert x * x / 20 + y * y < 1e-10


def test_03_an_lr_cut_too_early_stops_short_of_the_minimum():
    """03's explorer: ExponentialLR(0.9) from lr 0.5, no noise: x_(k+1) = (1 - lr_k/10) x_k."""
    lrs = 0.5 * 0.9 ** np.arange(300)
    x = -7.0 * np.prod(1 - lrs / 10)
    assert abs(x) > 4  # the sum of all lrs is 5, so x keeps exp(-0.5) of its start


@pytest.mark.parametrize("lam", [0.1, 2.0])
def test_03_noise_floor_of_one_coordinate(lam):
    """w <- (1 - αλ) w - α ξ, ξ ~ N(0, σ²): stationary E[λ w² / 2] = α σ² / (2 (2 - αλ))."""
    alpha, sigma = 0.5, 1.0
    a = 1 - alpha * lam
    variance = alpha**2 * sigma**2 / (1 - a * a)  # of the stationary AR(1) process
    assert lam / 2 * variance == pytest.approx(alpha * sigma**2 / (2 * (2 - alpha * lam)))
    rng = np.random.default_rng(1)
    w, total = np.zeros(4000), 0.0
    for k in range(600):
        w = a * w - alpha * rng.normal(0.0, sigma, w.shape)
        if k >= 100:
            total += np.mean(lam / 2 * w * w)
    assert total / 500 == pytest.approx(alpha * sigma**2 / (2 * (2 - alpha * lam)), rel=0.03)


def _adagrad_rates(steps, noise):
    """AdaGrad (lr 1.5) on the book bowl in numpy, noise as run draws it: α/(√h_k + ε) per step."""
    draws = (
        np.random.default_rng(0).normal(0.0, noise, (steps, 2)) if noise else np.zeros((steps, 2))
    )
    w, h, rates = np.array([-7.0, 2.0]), np.zeros(2), []
    for k in range(steps):
        g = _book_gradient(w) + draws[k]
        h = h + g * g
        rates.append(1.5 / (np.sqrt(h) + 1e-7))
        w = w - rates[-1] * g
    return np.array(rates)


def test_05_adagrad_effective_lr_levels_off_without_noise_and_falls_like_1_over_root_k_with():
    clean, noisy = _adagrad_rates(1000, 0.0), _adagrad_rates(1000, 1.0)
    assert np.allclose(clean[49:], clean[-1], rtol=1e-4)  # level within a few tens of steps
    assert clean[-1] == pytest.approx([1.1763, 0.3629], abs=5e-5)
    k = np.arange(1, 1001)[:, None]
    scaled = np.sqrt(k[99:]) * noisy[99:]  # steps 100 ... 1000
    assert scaled.min() > 1.2 and scaled.max() < 1.7  # about α/σ = 1.5
    assert np.all(np.diff(noisy, axis=0) <= 0)  # h only grows


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


def test_07_exercise_t_stuck_at_one_shrinks_the_step_to_0316_alpha():
    """07 exercise: with t stuck at 1, a constant g gives m̂ → 10g, v̂ → 1000g², a step of 0.316α."""
    g, lr, m, v = 3.0, 0.3, 0.0, 0.0
    for _ in range(50_000):
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g**2
    step = lr * (m / (1 - 0.9)) / np.sqrt(v / (1 - 0.999))
    assert step / lr == pytest.approx(10 / np.sqrt(1000)) and round(10 / np.sqrt(1000), 3) == 0.316
    assert round(1 / (10 / np.sqrt(1000)), 2) == 3.16


def test_06_07_eps_is_the_books():
    """06, 07: eps is 1e-7 as in the book (the Adam paper and PyTorch use 1e-8)."""
    assert optim.RMSprop().eps == optim.Adam().eps == optim.AdaGrad().eps == 1e-7


# --- 08_summary --------------------------------------------------------------------------------


# Notebook 08 prints these numbers with optim; here they are recomputed from the closed forms
# and with plain numpy loops, so the prose cannot drift from either.

BOOK_CURVATURES = np.array([0.1, 2.0])  # f(x, y) = x²/20 + y²: Hessian diag(0.1, 2)


def _heavy_ball_losses(lr, momentum, start, steps):
    """Momentum on the book's surface in plain numpy: V ← mV − α∇f, W ← W + V."""
    w, v, losses = np.array(start, dtype=float), np.zeros(2), []
    for k in range(steps + 1):
        if k:
            v = momentum * v - lr * BOOK_CURVATURES * w
            w = w + v
        losses.append(0.5 * np.sum(BOOK_CURVATURES * w**2))
    return np.array(losses)


def _steps_to(losses, tol):
    """The first step of the final stretch within tol (optim's converged_at)."""
    within = losses <= tol
    stays = np.flip(np.logical_and.accumulate(np.flip(within)))
    return int(stays.argmax()) if stays.any() else None


def _polyak():
    big, small = BOOK_CURVATURES[1], BOOK_CURVATURES[0]
    lr = 4 / (np.sqrt(big) + np.sqrt(small)) ** 2
    kappa = big / small
    return lr, ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2


def test_08_polyak_setting_puts_both_directions_on_a_double_root():
    lr, m = _polyak()
    assert (round(lr, 3), round(m, 3)) == (1.336, 0.403)
    for curvature, sign in zip(BOOK_CURVATURES, (1, -1)):
        b = 1 + m - lr * curvature  # z² − b z + m = 0
        assert b**2 - 4 * m == pytest.approx(0, abs=1e-12)  # discriminant 0: a double root
        assert b / 2 == pytest.approx(sign * np.sqrt(m))
    assert round(np.sqrt(m), 4) == 0.6345


def test_08_map_best_has_complex_roots_of_size_sqrt_m():
    lr, m = 1.272, 0.423  # the map's fastest cell, rounded as the notebook prints it
    for curvature in BOOK_CURVATURES:
        b = 1 + m - lr * curvature
        assert b**2 < 4 * m  # complex pair, so |z|² = product of roots = m
        assert np.abs(np.roots([1, -b, m])) == pytest.approx([np.sqrt(m)] * 2)
    assert round(np.sqrt(m), 4) == 0.6504  # with the grid's unrounded m (0.4229) it prints 0.6503


def test_08_k_factor_is_caught_up_only_after_200_steps():
    rho_polyak = np.sqrt(_polyak()[1])
    rho_map = np.sqrt(np.linspace(0.0, 0.99, 200)[85])  # the grid's momentum 0.423
    k = np.arange(1, 1001)
    assert k[k * rho_polyak**k >= rho_map**k].max() + 1 == 220


def test_08_map_best_beats_polyak_to_practical_tolerances_polyak_wins_at_1e_100():
    lr_polyak, m_polyak = _polyak()
    lr_map = np.geomspace(1e-2, 2.0, 200)[np.argmin(np.abs(np.geomspace(1e-2, 2.0, 200) - 1.272))]
    m_map = np.linspace(0.0, 0.99, 200)[85]
    book = {
        tol: (
            _steps_to(_heavy_ball_losses(lr_polyak, m_polyak, (-7, 2), 600), tol),
            _steps_to(_heavy_ball_losses(lr_map, m_map, (-7, 2), 600), tol),
        )
        for tol in (1e-6, 1e-10, 1e-14, 1e-100)
    }
    assert book == {1e-6: (25, 21), 1e-10: (36, 29), 1e-14: (47, 41), 1e-100: (269, 272)}
    rng = np.random.default_rng(0)
    starts = np.column_stack([rng.uniform(-10, 10, 20), rng.uniform(-5, 5, 20)])
    runs = [
        (_heavy_ball_losses(lr_map, m_map, s, 600), _heavy_ball_losses(lr_polyak, m_polyak, s, 600))
        for s in starts
    ]
    for tol, map_faster in [(1e-6, 20), (1e-10, 20), (1e-14, 20), (1e-100, 0)]:
        assert sum(_steps_to(a, tol) < _steps_to(b, tol) for a, b in runs) == map_faster


def test_08_rmsprop_first_step_is_ten_alpha_and_adam_first_step_is_alpha():
    alpha, gamma, beta2, eps = 0.05, 0.99, 0.999, 1e-7
    g = -2 * 0.001  # the saddle's ∂f/∂y at y = 0.001
    h = (1 - gamma) * g**2  # h starts at zero, no bias correction
    first = abs(alpha * g / (np.sqrt(h) + eps))
    assert first == pytest.approx(alpha / np.sqrt(1 - gamma), rel=1e-3)
    assert alpha / np.sqrt(1 - gamma) == pytest.approx(10 * alpha)
    v_hat = (1 - beta2) * g**2 / (1 - beta2)  # Adam: corrected, so the first step is α
    m_hat = (1 - 0.9) * g / (1 - 0.9)
    assert abs(alpha * m_hat / (np.sqrt(v_hat) + eps)) == pytest.approx(alpha, rel=1e-3)
    adam = optim.run(optim.Adam(lr=0.3), "book", start=(-7.0, 2.0), steps=1)
    first = np.linalg.norm(adam.positions[1] - adam.positions[0])
    assert first == pytest.approx(0.3 * np.sqrt(2), rel=1e-4)  # each coordinate moves lr
    assert round(0.3 * np.sqrt(2), 3) == 0.424


def test_08_rmsprop_ends_in_a_two_point_cycle_of_half_alpha():
    """Plain numpy RMSprop on x²/20 + y²: the last two points are (∓α/2, ±α/2)."""
    alpha, gamma, eps = 0.1, 0.99, 1e-7
    w, h = np.array([-7.0, 2.0]), np.zeros(2)
    for _ in range(6000):
        g = BOOK_CURVATURES * w
        h = gamma * h + (1 - gamma) * g**2
        w = w - alpha * g / (np.sqrt(h) + eps)
    assert np.abs(w) == pytest.approx([alpha / 2] * 2, rel=1e-3)
    loss = 0.5 * np.sum(BOOK_CURVATURES * w**2)
    assert loss == pytest.approx((alpha / 2) ** 2 * (1 / 20 + 1), rel=1e-3)


def test_08_divergence_edges_of_momentum_and_nesterov():
    """z = −1 is a root of each characteristic polynomial exactly at the stated edge."""
    for m in (0.5, 0.9):
        edge = 2 * (1 + m) / 2.0  # αλ = 2(1 + m), λ = 2
        assert 1 + (1 + m - edge * 2.0) + m == pytest.approx(0)
        edge = (1 + m) / (1 + 2 * m)  # αλ = 2(1 + m)/(1 + 2m)
        c = 1 - edge * 2.0
        assert 1 + (1 + m) * c + m * c == pytest.approx(0)


def test_08_sgd_fastest_lr_is_inside_the_edge():
    """Per-step factor max|1 − αλ| is smallest at α = 2/(λmin + λmax), below the edge 2/λmax = 1."""
    lrs = np.linspace(0.01, 0.999, 100_000)
    factor = np.maximum(np.abs(1 - 0.1 * lrs), np.abs(1 - 2 * lrs))
    assert lrs[factor.argmin()] == pytest.approx(2 / 2.1, abs=1e-4)
    assert round(2 / 2.1, 3) == 0.952 and 2 / 2.1 < 1.0


def test_08_adam_second_moment_remembers_about_1000_steps():
    assert 1 / (1 - 0.999) == pytest.approx(1000)


def test_08_warmup_cosine_values_from_the_closed_form():
    """LinearLR(0.1, total_iters=30) then CosineAnnealingLR(T_max=270), milestone 30."""
    schedule = optim.SequentialLR(
        [optim.LinearLR(start_factor=0.1, total_iters=30), optim.CosineAnnealingLR(T_max=270)],
        milestones=[30],
    )

    def expected(t):
        if t < 30:
            return 0.1 + 0.9 * t / 30
        return (1 + np.cos(np.pi * (t - 30) / 270)) / 2

    for t in [0, 15, 29, 30, 165, 299]:
        assert schedule.lr_at(1.0, t) == pytest.approx(expected(t), abs=1e-12)


# --- 09_network --------------------------------------------------------------------------------


def test_09_schedules_as_the_notebook_describes_them():
    """StepLR(100, 0.1): updates 1-100 at the base lr, from update 101 a tenth; warm-up
    LinearLR(0.1, 1.0, 20) then CosineAnnealingLR(180): 0.1 at the first update, the base at
    update 21, and the last (200th) update below 1e-4 of the base. Closed forms, not optim."""
    from optim.schedules import CosineAnnealingLR, LinearLR, SequentialLR, StepLR

    t = np.arange(200)  # updates already made before update t + 1
    step = StepLR(100, 0.1).lr_at(1.0, t)
    assert step == pytest.approx(np.where(t < 100, 1.0, 0.1))
    warm = SequentialLR([LinearLR(0.1, 1.0, 20), CosineAnnealingLR(180)], [20]).lr_at(1.0, t)
    expected = np.where(
        t < 20, 0.1 + 0.9 * t / 20, (1 + np.cos(np.pi * np.clip(t - 20, 0, None) / 180)) / 2
    )
    assert warm == pytest.approx(expected, rel=1e-9, abs=1e-15)
    assert warm[0] == pytest.approx(0.1) and warm[20] == 1.0 and 0 < warm[-1] < 1e-4


def test_09_the_network_has_2410_parameters_and_the_split_sizes():
    """64·32 + 32 + 32·10 + 10 weights and biases; 1,797 images, a quarter to test (per class,
    rounded), then a quarter of the rest to validation."""
    assert 64 * 32 + 32 + 32 * 10 + 10 == 2410
    counts = np.array([178, 182, 177, 183, 181, 182, 181, 179, 174, 180])  # the digits' classes
    test = np.round(0.25 * counts).astype(int)
    assert counts.sum() == 1797 and test.sum() == 450
    assert np.round(0.25 * (counts - test)).astype(int).sum() == 337
