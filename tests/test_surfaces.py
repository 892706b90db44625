"""The loss surfaces: exact gradients, vectorisation, the stated minima, the registry."""

import dataclasses
import re

import numpy as np
import pytest

from optim import regression
from optim.surfaces import SURFACES, Surface, get_surface

NAMES = [
    "book",
    "ill_conditioned",
    "rosenbrock",
    "beale",
    "himmelblau",
    "saddle",
    "regression_rmse",
    "regression_mse",
]
WITH_MINIMA = [name for name in NAMES if SURFACES[name].minima]


def points_in(surface, n, seed=0):
    """n uniformly random points (x, y) inside the surface's window."""
    xmin, xmax, ymin, ymax = surface.window
    rng = np.random.default_rng(seed)
    return rng.uniform(xmin, xmax, n), rng.uniform(ymin, ymax, n)


def test_registry_names_and_order():
    assert list(SURFACES) == NAMES
    assert all(s.name == key and key.isascii() for key, s in SURFACES.items())


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name):
    surface = SURFACES[name]
    x, y = points_in(surface, 500)
    h = 1e-6 * (1 + np.abs(x) + np.abs(y))
    f = surface.value
    numeric = np.array(
        [(f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)]
    )
    exact = np.array(surface.gradient(x, y))
    assert np.all(np.abs(exact - numeric) <= 1e-6 * np.hypot(*exact) + 1e-9)


@pytest.mark.parametrize("name", NAMES)
def test_grids_give_the_pointwise_values(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.window
    x, y = np.meshgrid(np.linspace(xmin, xmax, 7), np.linspace(ymin, ymax, 5))
    grid = np.array([surface.value(x, y), *surface.gradient(x, y)])
    assert grid.shape == (3, 5, 7)
    points = zip(x.flat, y.flat, strict=True)
    pointwise = [[surface.value(p, q), *surface.gradient(p, q)] for p, q in points]
    np.testing.assert_allclose(grid.reshape(3, -1).T, pointwise, rtol=1e-14)
    row_and_column = [surface.value(x[0], y[:, :1]), *surface.gradient(x[0], y[:, :1])]
    np.testing.assert_allclose(np.array(row_and_column), grid, rtol=1e-14)


@pytest.mark.parametrize("name", WITH_MINIMA)
def test_minima_are_stationary_with_the_minimum_value(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.window
    for x, y in surface.minima:
        assert xmin < x < xmax and ymin < y < ymax
        np.testing.assert_allclose(surface.gradient(x, y), 0.0, atol=1e-9)
        assert surface.value(x, y) == pytest.approx(surface.min_value, rel=1e-15, abs=1e-24)


@pytest.mark.parametrize("name", WITH_MINIMA)
def test_no_point_of_the_window_is_lower(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.window
    x, y = np.meshgrid(np.linspace(xmin, xmax, 1201), np.linspace(ymin, ymax, 1201))
    assert surface.value(x, y).min() >= surface.min_value * (1 - 1e-14)


@pytest.mark.parametrize("name", NAMES)
def test_start_is_inside_the_window_and_away_from_the_minima(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.window
    x0, y0 = surface.start
    assert xmin < x0 < xmax and ymin < y0 < ymax
    for x, y in surface.minima:
        assert np.hypot(x0 - x, y0 - y) > 0.1 * min(xmax - xmin, ymax - ymin)


def himmelblau_newton(x, y, rounds=50):
    """Newton's method on x² + y - 11 = 0, x + y² - 7 = 0 (both residuals vanish at a minimum)."""
    for _ in range(rounds):
        residual = [x**2 + y - 11, x + y**2 - 7]
        dx, dy = np.linalg.solve([[2 * x, 1.0], [1.0, 2 * y]], residual)
        x, y = x - dx, y - dy
    return x, y


def test_himmelblau_lists_exactly_its_four_minima():
    minima = np.array(SURFACES["himmelblau"].minima)
    assert minima.shape == (4, 2)
    for point in minima:  # Newton from a rough start lands on the listed floats
        np.testing.assert_allclose(himmelblau_newton(*np.round(point, 1)), point, rtol=4e-16)
    found = {
        tuple(np.round(himmelblau_newton(x, y), 9))
        for x in range(-5, 6)
        for y in range(-5, 6)
        if 2 * x * 2 * y != 1
    }
    assert found == {tuple(np.round(point, 9)) for point in minima}


def test_saddle_has_an_indefinite_hessian_at_the_origin():
    surface = SURFACES["saddle"]
    assert surface.minima == () and surface.min_value == -np.inf
    assert np.all(np.array(surface.gradient(0.0, 0.0)) == 0.0)
    h = 1e-5
    hessian = np.array(
        [
            np.subtract(surface.gradient(*(h * e)), surface.gradient(*(-h * e))) / (2 * h)
            for e in np.eye(2)
        ]
    )
    eigenvalues = np.linalg.eigvalsh((hessian + hessian.T) / 2)
    assert eigenvalues[0] < 0 < eigenvalues[1]
    assert surface.value(0.0, 1e6) < -1e11  # unbounded below


@pytest.mark.parametrize("name", ["regression_rmse", "regression_mse"])
def test_regression_surfaces_use_the_scores(name):
    surface = SURFACES[name]
    assert surface.axis_labels == ("a", "b")
    np.testing.assert_allclose(surface.minima, [np.polyfit(regression.X, regression.SCORES, 1)])
    assert surface.start == pytest.approx(regression.slide_initial_values())


def test_get_surface():
    assert get_surface("book") is SURFACES["book"]
    assert get_surface(SURFACES["saddle"]) is SURFACES["saddle"]
    with pytest.raises(ValueError, match="'bowl'.*book.*regression_mse"):
        get_surface("bowl")
    with pytest.raises(ValueError, match="3"):
        get_surface(3)


def test_surfaces_are_frozen():
    assert isinstance(SURFACES["book"], Surface)
    with pytest.raises(dataclasses.FrozenInstanceError):
        SURFACES["book"].start = (0.0, 0.0)


@pytest.mark.parametrize(
    "x, y, message",
    [
        ("a", 1, "Invalid x: 'a' (x must be a number, got str)"),
        (None, 1, "Invalid x: None (x must be a number, got NoneType)"),
        (1, True, "Invalid y: True (y must be a real number)"),
        (1j, 1, "Invalid x: 1j (x must be a real number)"),
        ([[1], [2, 3]], 1, "Invalid x: [[1], [2, 3]] (x must be a number or an array of numbers"),
        ([1, 2], [1, 2, 3], "x of shape (2,) and y of shape (3,) do not broadcast"),
    ],
)
@pytest.mark.parametrize("name", ["book", "beale", "regression_rmse"])
def test_bad_points_are_refused_naming_the_coordinate(name, x, y, message):
    surface = SURFACES[name]
    if name.startswith("regression"):
        message = re.sub(r"\bx\b", "a", re.sub(r"\by\b", "b", message))
    for function in (surface.value, surface.gradient):
        with pytest.raises(ValueError) as raised:
            function(x, y)
        assert str(raised.value).startswith(message)


def test_a_point_off_a_diverged_run_still_has_a_value():
    assert np.isnan(SURFACES["book"].value(np.nan, 1.0))
    assert SURFACES["book"].value(np.inf, 0.0) == np.inf


@pytest.mark.parametrize("name", [None, ["book"], 3])
def test_get_surface_names_what_it_got(name):
    with pytest.raises(ValueError, match="surface must be a name such as 'book' or a Surface, got"):
        get_surface(name)
