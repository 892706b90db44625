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
    book = {tol: (_steps_to(_heavy_ball_losses(lr_polyak, m_polyak, (-7, 2), 600), tol),
                  _steps_to(_heavy_ball_losses(lr_map, m_map, (-7, 2), 600), tol))
            for tol in (1e-6, 1e-10, 1e-14, 1e-100)}  # fmt: skip
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



