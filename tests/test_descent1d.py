"""1D gradient descent: closed forms for the parabola, finite differences, the double well."""

import math

import numpy as np
import pytest
from matplotlib.figure import Figure

from optim import descent1d as d1


@pytest.mark.parametrize("name", sorted(d1.FUNCTIONS))
def test_derivative_matches_central_differences(name):
    function = d1.FUNCTIONS[name]
    x = np.linspace(*function.window, 41)
    h = 1e-5
    numeric = (function.f(x + h) - function.f(x - h)) / (2 * h)
    np.testing.assert_allclose(function.f_prime(x), numeric, rtol=1e-7, atol=1e-6)


@pytest.mark.parametrize("name", sorted(d1.FUNCTIONS))
def test_minima_are_local_minima(name):
    function = d1.FUNCTIONS[name]
    for m in function.minima:
        assert abs(function.f_prime(m)) < 1e-12
        assert function.f(m) < min(function.f(m - 1e-3), function.f(m + 1e-3))


def test_double_well_by_hand():
    well = d1.FUNCTIONS["double_well"]
    # f(x) = x⁴ - 3x² + x, f'(x) = 4x³ - 6x + 1, evaluated by hand at x = 2 and x = -1.
    assert well.f(2.0) == 16 - 12 + 2
    assert well.f_prime(2.0) == 32 - 12 + 1
    assert well.f(-1.0) == 1 - 3 - 1
    assert well.f_prime(-1.0) == -4 + 6 + 1
    left, right = well.minima
    assert -1.4 < left < -1.2 and 1.0 < right < 1.2
    assert well.f(left) < well.f(right)  # the left valley is the deeper one


def test_parabola_closed_form():
    # On f = x², one step is x ← (1 - 2 lr) x, so x_i = (1 - 2 lr)^i x0.
    lr = np.array([0.02, 0.3, 1.05])
    path = d1.descend_1d(d1.FUNCTIONS["parabola"].f_prime, 3.0, lr, 20)
    i = np.arange(21)[:, None]
    np.testing.assert_allclose(path, 3.0 * (1 - 2 * lr) ** i, rtol=1e-12)
    assert path.shape == (21, 3)


def test_one_step_by_hand_and_start_row():
    path = d1.descend_1d(lambda x: 2 * x - 4, x0=[1.0, 5.0], lr=0.25, steps=1)
    np.testing.assert_array_equal(path[0], [1.0, 5.0])
    np.testing.assert_array_equal(path[1], [1.0 + 0.25 * 2, 5.0 - 0.25 * 6])


def test_zero_steps_and_bad_steps():
    assert d1.descend_1d(np.cos, 0.5, 0.1, 0).tolist() == [0.5]
    for steps in (-1, 2.5, True):
        with pytest.raises(ValueError, match="steps"):
            d1.descend_1d(np.cos, 0.5, 0.1, steps)


def test_double_well_valley_depends_on_start():
    well = d1.FUNCTIONS["double_well"]
    path = d1.descend_1d(well.f_prime, [-2.0, 2.0], 0.02, 500)
    np.testing.assert_allclose(path[-1], well.minima, atol=1e-9)


def test_get_function_and_drawing():
    assert d1.get_function("parabola") is d1.FUNCTIONS["parabola"]
    with pytest.raises(ValueError, match="Unknown function"):
        d1.get_function("nope")
    ax = Figure().subplots()
    path = d1.descend_1d(d1.FUNCTIONS["parabola"].f_prime, 3.0, 1.05, 10)
    d1.draw_descent_1d(ax, "parabola", path, title="too large")
    assert ax.get_title() == "too large"
    low, high = ax.get_xlim()
    assert low <= path.min() and path.max() <= high


def test_drawing_without_a_path_shows_the_window():
    ax = Figure().subplots()
    d1.draw_descent_1d(ax, "double_well")
    assert ax.get_xlim() == d1.FUNCTIONS["double_well"].window
    assert ax.get_title() == d1.FUNCTIONS["double_well"].title


def test_an_overflowing_run_turns_nan_without_warnings():
    """Parabola, lr 5: x_i = (1 - 10)^i · 3 = 3 (-9)^i, finite while 3 · 9^i <= max float."""
    path = d1.descend_1d(d1.FUNCTIONS["parabola"].f_prime, 3.0, [0.3, 5.0], 400)
    first = math.floor(math.log(np.finfo(float).max / 3, 9)) + 1  # 323
    i = np.arange(first)
    np.testing.assert_allclose(path[:first, 1], 3.0 * (-9.0) ** i, rtol=1e-12)
    assert np.isnan(path[first:, 1]).all()
    np.testing.assert_allclose(path[:, 0], 3.0 * 0.4 ** np.arange(401), rtol=1e-12, atol=1e-300)


def test_bad_learning_rate():
    with pytest.raises(ValueError, match="Invalid learning rate: -0.1"):
        d1.descend_1d(np.cos, 0.5, -0.1, 3)


def test_a_diverging_run_stops_and_is_marked():
    """Parabola, lr 1.5: x_i = 3 (-2)^i. The window is [-4.5, 4.5], so a point is gone once
    |x| > 10 · 9 = 90: x_5 = -96. The view is widened to at most [-13.5, 13.5]."""
    ax = Figure().subplots()
    path = d1.descend_1d(d1.FUNCTIONS["parabola"].f_prime, 3.0, 1.5, 20)
    d1.draw_descent_1d(ax, "parabola", path)
    run, start, end = ax.lines[1:4]
    assert run.get_xdata().tolist() == [3.0, -6.0, 12.0, -24.0, 48.0]
    assert start.get_xdata().tolist() == [3.0]
    assert end.get_marker() == "X"  # at the right edge, where x_4 = 48 flew off
    assert (end.get_xdata().tolist(), end.get_ydata().tolist()) == ([13.5], [13.5**2])
    assert ax.get_xlim() == (-13.5, 13.5)
    assert [text.get_text() for text in ax.texts] == ["발산 (diverged) at step 5"]


def test_a_nan_ends_the_drawn_run():
    ax = Figure().subplots()
    d1.draw_descent_1d(ax, "parabola", [1.0, -2.0, np.nan, np.nan])
    assert ax.lines[1].get_xdata().tolist() == [1.0, -2.0]
    assert [text.get_text() for text in ax.texts] == ["발산 (diverged) at step 2"]


def test_a_run_that_stays_has_no_diverged_mark():
    ax = Figure().subplots()
    d1.draw_descent_1d(ax, "parabola", d1.descend_1d(d1.FUNCTIONS["parabola"].f_prime, 3.0, 0.1, 5))
    np.testing.assert_allclose(ax.lines[1].get_xdata(), 3.0 * 0.8 ** np.arange(6), rtol=1e-12)
    assert len(ax.texts) == 0
    assert ax.lines[3].get_xdata() == pytest.approx([3.0 * 0.8**5])  # the cross at the end


@pytest.mark.parametrize("path", [np.zeros((3, 2)), [np.nan, 1.0], [500.0, 1.0]])
def test_drawing_needs_one_run_that_starts_in_view(path):
    with pytest.raises(ValueError, match="path must be one run"):
        d1.draw_descent_1d(Figure().subplots(), "parabola", path)


@pytest.mark.parametrize(
    "args, error, message",
    [
        (
            (d1.FUNCTIONS["parabola"].f_prime, "1", 0.1, 3),
            ValueError,
            "Invalid start x0: '1' (x0 must be a number, got str)",
        ),
        (
            (d1.FUNCTIONS["parabola"].f_prime, [[1], [2, 3]], 0.1, 3),
            ValueError,
            "Invalid start x0: [[1], [2, 3]] (x0 must be a number or an array of numbers",
        ),
        ((d1.FUNCTIONS["parabola"].f_prime, None, 0.1, 3), ValueError, "Invalid start x0: None"),
        (
            (d1.FUNCTIONS["parabola"].f_prime, math.nan, 0.1, 3),
            ValueError,
            "Invalid start x0: nan (x0 must be finite)",
        ),
        (
            (d1.FUNCTIONS["parabola"].f_prime, True, 0.1, 3),
            ValueError,
            "Invalid start x0: True (x0 must be a real number)",
        ),
        (
            (d1.FUNCTIONS["parabola"].f_prime, 10**400, 0.1, 3),
            ValueError,
            "Invalid start x0: inf (x0 must be finite)",
        ),
        (
            (d1.FUNCTIONS["parabola"].f_prime, [1, 2], [0.1, 0.2, 0.3], 3),
            ValueError,
            "x0 of shape (2,) and lr of shape (3,) do not broadcast",
        ),
        (("parabola", 1.0, 0.1, 3), TypeError, "f_prime must be a function of x"),
        (
            (lambda x: 1j * x, 1.0, 0.1, 3),
            ValueError,
            "f_prime must return real numbers of the shape of x",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_argument(args, error, message):
    with pytest.raises(error) as raised:
        d1.descend_1d(*args)
    assert str(raised.value).startswith(message)


def test_get_function_names_an_unhashable_argument():
    with pytest.raises(ValueError, match=r"Unknown function: \[1\]"):
        d1.get_function([1])
