"""Numbers the lecture's prose states that no cell prints, recomputed so they cannot drift.

The rule: every number in the text of lecture/NN_*.py is printed by a cell (and so checked by
nbval) or asserted here, against an independent derivation where one exists.
"""

import numpy as np
import pytest

import optim

# --- 01_optimization, 02_gradient_descent ---------------------------------------------------



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




# --- 06_rmsprop, 07_adam -----------------------------------------------------------------------



# --- 08_summary --------------------------------------------------------------------------------



