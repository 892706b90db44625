"""Sensible settings: derived from the surface, stable where the theory says, and they work."""

import numpy as np
import pytest

from optim import OPTIMIZERS, SURFACES, get_surface, run
from optim.defaults import STABILITY, curvatures, hessian, sensible_settings


def test_the_hessian_is_rosenbrocks_by_hand():
    """f = (1 - x)² + 100(y - x²)²: f_xx = 2 - 400(y - 3x²), f_xy = -400x, f_yy = 200."""
    x, y = -1.5, 2.0
    by_hand = [[2 - 400 * (y - 3 * x**2), -400 * x], [-400 * x, 200]]
    np.testing.assert_allclose(hessian(get_surface("rosenbrock"), (x, y)), by_hand, rtol=1e-6)


def test_curvatures_of_the_quadratics_and_the_saddle():
    assert curvatures("book") == pytest.approx((2.0, 0.0))  # x²/20 + y²: eigenvalues 0.1, 2
    assert curvatures("ill_conditioned") == pytest.approx((4.0, 0.0))
    assert curvatures("saddle") == pytest.approx((2.0, 2.0))  # x² - y²: eigenvalues 2, -2


@pytest.mark.parametrize("name", list(STABILITY))
def test_the_stability_bounds_are_where_runs_start_to_diverge(name):
    """On y² alone (λ = 2), lr 1% below the bound stays bounded, 1% above it blows up."""
    m = OPTIMIZERS[name]().hyperparameters.get("momentum", 0.0)
    bound = STABILITY[name](m) / 2.0
    sizes = []
    for lr in (0.99 * bound, 1.01 * bound):
        optimizer = OPTIMIZERS[name](lr=lr)
        params = {"y": np.array([1.0])}
        for _ in range(3000):
            optimizer.update(params, {"y": 2 * params["y"]})
        sizes.append(abs(params["y"][0]))
    assert sizes[0] < 1 < sizes[1]


def test_the_gradient_methods_take_half_the_bound_and_the_others_a_share_of_the_window():
    assert sensible_settings("SGD", "book") == {"lr": 0.5}  # 2/λ / 2 with λ = 2
    assert sensible_settings("Momentum", "book") == {"lr": 0.95, "momentum": 0.9}
    assert sensible_settings("Nesterov", "book")["lr"] == 0.33  # 3.8/2.8/2/2 = 0.339
    assert sensible_settings("Adam", "rosenbrock") == {"lr": 0.08, "beta1": 0.9, "beta2": 0.999}
    assert sensible_settings("AdaGrad", "himmelblau") == {"lr": 1.2}  # window 12 wide
    assert sensible_settings("RMSprop", "saddle") == {"lr": 0.08, "decay_rate": 0.99}
    with pytest.raises(ValueError, match="Unknown optimizer: 'Adamax'"):
        sensible_settings("Adamax", "book")


def nearest_minimum(surface, point):
    return min(np.hypot(*(np.asarray(point) - minimum)) for minimum in surface.minima)


@pytest.mark.parametrize("surface", list(SURFACES))
@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_no_optimizer_diverges_in_100_steps_and_each_gets_closer(surface, name):
    surface = get_surface(surface)
    trajectory = run(OPTIMIZERS[name](**sensible_settings(name, surface)), surface, steps=100)
    assert trajectory.diverged_at is None and trajectory.steps == 100
    first, last = trajectory.losses[0], trajectory.losses[-1]
    if surface.minima:
        assert last - surface.min_value < 0.9 * (first - surface.min_value)
        start, end = trajectory.positions[0], trajectory.positions[-1]
        assert nearest_minimum(surface, end) < 0.97 * nearest_minimum(surface, start)
    else:  # the saddle: no minimum to reach, but downhill all the same
        assert last < first - 1
