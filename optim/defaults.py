r"""Sensible settings for each optimizer on each surface, derived from the surface, not tuned.

Two kinds of optimizer need two rules.

Steps proportional to the gradient (SGD, Momentum, Nesterov). On a quadratic with Hessian
eigenvalue λ these are stable only for

.. math::
    \alpha < \frac{2}{\lambda} \ (\text{SGD}), \qquad
    \alpha < \frac{2(1 + m)}{\lambda} \ (\text{Momentum}), \qquad
    \alpha < \frac{2(1 + m)}{(1 + 2m)\lambda} \ (\text{Nesterov}),

so λ is taken as the largest |eigenvalue| of the Hessian where a run begins (the surface's
start) and where it should end (its minima), and α is half the bound there: safe, and not
slow. The Hessian is a central difference of the exact gradient. A surface without a minimum
(the saddle) has no stable α: along a curvature −μ < 0 the offset grows by about
1 + αμ/(1 − m) a step, so there α is also kept below 3(1 − m)/(100μ), and the offset grows at
most e³ ≈ 20-fold in `HORIZON` = 100 steps: the run visibly slows at the saddle, then leaves.

Steps of a set length (AdaGrad, RMSprop, Adam divide the gradient by its own size): a step is
about α per coordinate whatever the curvature, so α is a fraction of the window's smaller
side, L: Adam and RMSprop α = L/50 (a hundred steps cross the window twice); AdaGrad, whose
steps shrink like 1/√k so that k steps cover about 2α√k, α = L/10.

Everything else keeps the class's default (momentum 0.9, decay_rate 0.99, β1 0.9, β2 0.999).
The learning rate is rounded down to two significant digits, so a legend can show it.
"""

import math

import numpy as np

from optim.optimizers import OPTIMIZERS
from optim.surfaces import get_surface

STABILITY = {
    "SGD": lambda m: 2.0,
    "Momentum": lambda m: 2 * (1 + m),
    "Nesterov": lambda m: 2 * (1 + m) / (1 + 2 * m),
}
"""λα must stay below this (a function of the momentum m) for the method to be stable."""

HORIZON = 100
"""The number of steps the settings are made for (an explorer's or a GIF's run)."""

WINDOW_FRACTION = {"AdaGrad": 1 / 10, "RMSprop": 1 / 50, "Adam": 1 / 50}
"""α as a fraction of the window's smaller side for the methods whose step has a set length."""


def hessian(surface, point, h=1e-5):
    """The 2x2 Hessian of `surface` at `point`: a central difference of the exact gradient."""
    x, y = point
    columns = []
    for dx, dy in ((h, 0.0), (0.0, h)):
        plus = np.array(surface.gradient(x + dx, y + dy), dtype=float)
        minus = np.array(surface.gradient(x - dx, y - dy), dtype=float)
        columns.append((plus - minus) / (2 * h))
    matrix = np.column_stack(columns)
    return (matrix + matrix.T) / 2


def curvatures(surface):
    """(λ, μ): the largest |eigenvalue| of the Hessian at the surface's start and at its
    minima, and the largest −eigenvalue at the start (0 if it curves up in every direction)."""
    surface = get_surface(surface)
    eigenvalues = [
        np.linalg.eigvalsh(hessian(surface, p)) for p in [surface.start, *surface.minima]
    ]
    return max(np.abs(e).max() for e in eigenvalues), max(-eigenvalues[0].min(), 0.0)


def round_down(value, digits=2):
    """`value` rounded down to `digits` significant digits (0.000476 -> 0.00047); a value a
    millionth below a round one (a finite difference's error) counts as that one."""
    scale = 10 ** (math.floor(math.log10(value)) - digits + 1)
    return float(f"{math.floor(value / scale * (1 + 1e-6)) * scale:.{digits}g}")


def sensible_settings(optimizer_name, surface, **held):
    """Settings for `optimizer_name` on `surface` (see the module's text), e.g.
    {'lr': 0.0009, 'momentum': 0.9} for Momentum on Rosenbrock.

    `held`: settings other than lr kept at given values (an explorer's momentum slider), for
    which the lr is then derived: sensible_settings('Momentum', 'book', momentum=0.5).
    """
    surface = get_surface(surface)
    if optimizer_name not in OPTIMIZERS:
        raise ValueError(
            f"Unknown optimizer: {optimizer_name!r}; choose one of {', '.join(OPTIMIZERS)}"
        )
    settings = OPTIMIZERS[optimizer_name]().hyperparameters
    unknown = (set(held) - set(settings)) | (set(held) & {"lr"})
    if unknown:
        raise ValueError(f"{optimizer_name} cannot hold {sorted(unknown)} while lr is derived")
    settings.update(held)
    settings.pop("eps", None)
    if optimizer_name in STABILITY:
        m = settings.get("momentum", 0.0)
        largest, negative = curvatures(surface)
        lr = STABILITY[optimizer_name](m) / largest / 2
        if not surface.minima and negative > 0:
            lr = min(lr, 3 * (1 - m) / (HORIZON * negative))
    else:
        xmin, xmax, ymin, ymax = surface.window
        lr = WINDOW_FRACTION[optimizer_name] * min(xmax - xmin, ymax - ymin)
    return {**settings, "lr": round_down(lr)}


MAP_MARGIN = 1.25
"""A map's lr axis ends this far past the largest stability bound it shows, so the edge shows."""

MAP_DECADES = 2
"""A map's lr axis spans this many decades below that bound (`MAP_DECADES` = 2: from 1/100)."""


def map_lr_range(optimizer_name, surface, momenta=None, slider=(1e-4, 10.0)):
    """(low, high): the lr axis of a convergence map for `optimizer_name` on `surface`.

    For SGD, Momentum and Nesterov the bound B is the largest of the module's stability bounds
    for the momenta the map shows (`momenta`, default the class's): Momentum's 2(1 + m)/λ grows
    with m, Nesterov's falls. On a surface without a minimum (the saddle) B is at most the
    largest 3(1 − m)/(100μ) of `sensible_settings`, beyond which runs leave the saddle fast.
    The axis runs from B/100 to 1.25 B, so the edge where runs start to diverge lies inside
    it. For AdaGrad, RMSprop and Adam, whose step has a set length, it runs from a thousandth
    of the window's smaller side L (200 steps cover at most L/5) to L (a step that crosses the
    window). Both ends stay within `slider`, the lr slider's range,
    so that every cell of the map can be reached by the slider.
    """
    surface = get_surface(surface)
    if optimizer_name in STABILITY:
        default = OPTIMIZERS[optimizer_name]().hyperparameters.get("momentum", 0.0)
        momenta = [default] if momenta is None else momenta
        largest, negative = curvatures(surface)
        bound = max(STABILITY[optimizer_name](m) for m in momenta) / largest
        if not surface.minima and negative > 0:  # the saddle: the bound of `sensible_settings`
            bound = min(bound, max(3 * (1 - m) / (HORIZON * negative) for m in momenta))
        low, high = bound / 10**MAP_DECADES, MAP_MARGIN * bound
    else:
        xmin, xmax, ymin, ymax = surface.window
        side = min(xmax - xmin, ymax - ymin)
        low, high = side / 1000, side
    low, high = max(low, slider[0]), min(high, slider[1])
    return float(f"{low:.2g}"), float(f"{high:.2g}")
