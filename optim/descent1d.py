"""Gradient descent on a function of one variable: x_{i+1} = x_i - α f'(x_i).

The slides' 경사하강법 in its smallest form. `descend_1d` runs the update; `FUNCTIONS` holds
a few example functions with exact derivatives; `draw_descent_1d` draws a run on its curve.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from optim import style
from optim.trajectory import FAR, check_steps
from optim.validation import check_finite, check_positive


class Function1D(NamedTuple):
    """A function f(x) of one variable, its exact derivative f'(x), and how to show it."""

    name: str  # registry key (ascii)
    title: str  # label for plots
    f: Callable
    f_prime: Callable
    minima: tuple  # the local minima, sorted by x
    window: tuple  # default view (xmin, xmax)


def descend_1d(f_prime, x0, lr, steps):
    """Gradient descent x_{i+1} = x_i - lr f'(x_i), for `steps` updates.

    ``x0`` and ``lr`` broadcast against each other, so one call can run several learning
    rates or starts. Returns an array of shape (steps + 1, *shape): row i is x_i, row 0 the
    start. A run that overflows is NaN from its first non-finite x on, without warnings.
    `f_prime` must take arrays.
    """
    if not callable(f_prime):
        raise TypeError(
            f"f_prime must be a function of x, such as FUNCTIONS['parabola'].f_prime, "
            f"got {f_prime!r}"
        )
    steps, lr = check_steps(steps), check_positive("lr", "learning rate", lr)
    x0 = check_finite("x0", "start x0", x0)
    try:
        x, lr = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(x0, lr))
    except ValueError:
        raise ValueError(
            f"x0 of shape {np.shape(x0)} and lr of shape {np.shape(lr)} do not broadcast "
            f"against each other"
        ) from None
    path = np.empty((steps + 1, *x.shape))
    path[0] = x
    with np.errstate(all="ignore"):
        for i in range(steps):
            slope = np.asarray(f_prime(path[i]))
            if (
                slope.dtype.kind not in "fiu"
                or np.broadcast_shapes(slope.shape, x.shape) != x.shape
            ):
                raise ValueError(
                    f"f_prime must return real numbers of the shape of x {x.shape}; at "
                    f"x = {path[i]!r} it returned {slope!r}"
                )
            path[i + 1] = path[i] - lr * slope
    path[np.logical_or.accumulate(~np.isfinite(path), axis=0)] = np.nan
    return path


def _critical_points(derivative_coefficients):
    """The real roots of the polynomial f' (coefficients highest first), sorted."""
    roots = np.roots(derivative_coefficients)
    return np.sort(roots[np.abs(roots.imag) < 1e-12].real)


# f(x) = x⁴ - 3x² + x: two valleys, the left one deeper.
_WELL = np.poly1d([1.0, 0.0, -3.0, 1.0, 0.0])
_WELL_PRIME = _WELL.deriv()  # 4x³ - 6x + 1
_WELL_CRITICAL = _critical_points(_WELL_PRIME.coeffs)  # (left min, local max, right min)

FUNCTIONS = {
    f.name: f
    for f in [
        Function1D(
            name="parabola",
            title="f(x) = x²",
            f=lambda x: np.asarray(x, dtype=float) ** 2,
            f_prime=lambda x: 2 * np.asarray(x, dtype=float),
            minima=(0.0,),
            window=(-4.5, 4.5),
        ),
        Function1D(
            name="double_well",
            title="f(x) = x⁴ − 3x² + x",
            f=lambda x: _WELL(np.asarray(x, dtype=float)),
            f_prime=lambda x: _WELL_PRIME(np.asarray(x, dtype=float)),
            minima=(float(_WELL_CRITICAL[0]), float(_WELL_CRITICAL[2])),
            window=(-2.2, 2.2),
        ),
    ]
}


def get_function(name):
    """The registered 1D function called `name` (a `Function1D` is returned as it is)."""
    if isinstance(name, Function1D):
        return name
    if not isinstance(name, str) or name not in FUNCTIONS:
        raise ValueError(f"Unknown function: {name!r}; choose one of {', '.join(FUNCTIONS)}")
    return FUNCTIONS[name]


def draw_descent_1d(ax, function, path=None, title=None, color=None, window=None):
    """Draw f on `ax` and the run `path` (from `descend_1d`) on it: points x_i joined in order.

    The start is a large dot, the last point a cross; the minima are stars. The view is the
    function's window, widened to show the whole run (up to 3 window widths). A run that
    diverges (non-finite, or more than FAR window widths from the window's centre, as in 2D)
    stops at its last point before that, marked by a large X (at the edge of the view if it
    flew off) and "발산 (diverged) at step d". With ``path=None`` only the curve and its minima
    are drawn.
    """
    function = get_function(function)
    color = color or style.COLORS["SGD"]
    xmin, xmax = window or function.window
    width = xmax - xmin
    low, high = xmin, xmax
    diverged_at = None
    if path is not None:
        path = np.asarray(path, dtype=float)
        gone = ~(np.abs(path - (xmin + xmax) / 2) <= FAR * width)  # NaN is gone too
        if path.ndim != 1 or gone[0]:
            raise ValueError(
                f"path must be one run (shape (steps + 1,)) that starts within {FAR:g} window "
                f"widths of the window's centre; got shape {path.shape}, start {path.flat[0]!r}"
            )
        if gone.any():
            diverged_at = int(gone.argmax())
            path = path[:diverged_at]
        low = max(min(xmin, path.min()), xmin - width)
        high = min(max(xmax, path.max()), xmax + width)
    grid = np.linspace(low, high, 400)
    ax.plot(grid, function.f(grid), color="0.35", lw=2, zorder=1)
    if path is not None:
        ax.plot(path, function.f(path), "-o", color=color, ms=5, lw=1.5, alpha=0.85, zorder=3)
        ax.plot(path[:1], function.f(path[:1]), "o", color=color, ms=13, mec="k", zorder=4)
        if diverged_at is None:
            ax.plot(path[-1:], function.f(path[-1:]), "X", color=color, ms=14, mec="k", zorder=4)
        else:
            end = np.clip(path[-1:], low, high)  # at the edge if it flew off
            ax.plot(end, function.f(end), "X", color=style.DIVERGED_COLOR, ms=22, mec="k", zorder=6)
            ax.text(
                0.02,
                0.03,
                f"발산 (diverged) at step {diverged_at}",
                transform=ax.transAxes,
                color=color,
                fontsize=15,
                fontweight="bold",
                zorder=10,
                bbox={"facecolor": "white", "edgecolor": color},
            )
    minima = np.array(function.minima)
    ax.plot(minima, function.f(minima), "*", color=style.MINIMUM_COLOR, ms=16, mec="k", zorder=5)
    ax.set(xlim=(low, high), xlabel="x", ylabel="f(x)", title=title or function.title)
    ax.grid(True, alpha=0.3)
    return ax
