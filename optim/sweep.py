"""Run one optimizer over a whole grid of settings at once, by broadcasting."""

from dataclasses import dataclass

import numpy as np

from optim.optimizers import Optimizer
from optim.surfaces import get_surface
from optim.trajectory import ScheduledLR, as_start, check_noise, check_schedule, check_steps, walk
from optim.validation import check_hyperparameter, check_positive


@dataclass
class Sweep:
    """The result of `sweep`. Every array has the grid's shape, axes in the order of `axes`.

    final_loss: the loss after the last step (NaN where the run diverged);
    converged_at: the step from which the loss stays within tol of the minimum, -1 for never;
    diverged_at: the step that went non-finite or far outside the window, -1 for never.
    """

    optimizer: str
    surface: str
    axes: dict
    final_loss: np.ndarray
    converged_at: np.ndarray
    diverged_at: np.ndarray


def sweep(
    optimizer_class,
    surface,
    steps=200,
    start=None,
    tol=1e-6,
    schedule=None,
    noise=0.0,
    seed=None,
    **axes,
):
    """Run `optimizer_class` for every combination of the hyperparameter values in `axes`.

    Example: sweep(Momentum, 'book', lr=np.logspace(-3, 0, 200), momentum=np.linspace(0, 0.99, 200))
    builds one Momentum whose lr and momentum are 200 × 200 arrays and runs it once.

    schedule, noise and seed as in `run`, with one difference: every setting sees the same
    noise draws (common random numbers, one (x, y) draw per step), so that settings differ
    by the setting and not by luck, and each cell equals `run(optimizer_class(**its
    settings), surface, start, steps, schedule=..., noise=..., seed=...)`.
    """
    if not (isinstance(optimizer_class, type) and issubclass(optimizer_class, Optimizer)):
        raise TypeError(
            f"sweep needs an optimizer class such as Momentum or optim.OPTIMIZERS['Adam'], "
            f"got {optimizer_class!r}"
        )
    surface = get_surface(surface)
    steps, tol = check_steps(steps), check_positive("tol", "tolerance", tol, single=True)
    noise, seed = check_noise(noise, seed)
    if not axes:
        raise ValueError("sweep needs at least one hyperparameter axis, e.g. lr=[0.01, 0.1]")
    default = optimizer_class()
    schedule = check_schedule(schedule, default)
    known = list(default.hyperparameters)
    unknown = [name for name in axes if name not in known]
    if unknown:
        raise ValueError(f"{optimizer_class.__name__} has no setting {unknown}; it has {known}")
    values = {}
    for name, axis in axes.items():
        axis = check_hyperparameter(name, axis)
        if np.ndim(axis) != 1 or np.size(axis) == 0:
            raise ValueError(
                f"{name} must be a non-empty 1D sequence of values, got shape {np.shape(axis)}"
            )
        values[name] = axis
    grid = np.meshgrid(*values.values(), indexing="ij")
    optimizer = optimizer_class(**dict(zip(values, grid)))
    start = as_start(surface, start)
    if start.shape != (2,):
        raise ValueError(f"sweep runs from one start point (x, y), got shape {start.shape}")
    starts = np.broadcast_to(start, grid[0].shape + (2,))
    converged_at = np.full(grid[0].shape, -1)
    diverged_at = np.full(grid[0].shape, -1)
    lrs = None if schedule is None else ScheduledLR(schedule, optimizer.lr)
    draws = np.random.default_rng(seed).normal(0.0, noise, (steps, 2)) if noise else None
    for k, _, _, loss, bad in walk(optimizer, surface, starts, steps, lrs, draws):
        diverged_at[bad > 0] = k
        within = (diverged_at < 0) & (np.abs(loss - surface.min_value) <= tol)
        converged_at = np.where(within, np.where(converged_at < 0, k, converged_at), -1)
    final_loss = np.where(diverged_at < 0, loss, np.nan)
    return Sweep(
        optimizer_class.__name__, surface.name, values, final_loss, converged_at, diverged_at
    )
