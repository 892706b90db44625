"""Run an optimizer on a 2D surface and keep everything the plots need, step by step."""

from dataclasses import dataclass

import numpy as np

from optim.optimizers import Optimizer
from optim.schedules import Schedule
from optim.surfaces import get_surface
from optim.validation import check_at_least, check_positive, check_update_args, check_whole

FAR = 10.0
"""A point is 'far' once it is more than FAR window widths (or heights) from the window's centre."""

REASONS = {1: "non-finite", 2: "left the window"}


@dataclass
class Trajectory:
    """The result of `run`. Arrays have a leading step axis k = 0 (the start) ... K.

    positions: (K+1, *batch, 2); losses: (K+1, *batch); gradients: (K+1, *batch, 2), the
    gradient at each position; states: {name: (K+1, *batch, 2)}, the optimizer's state after
    step k (zero at k = 0), e.g. 'v' for Momentum, 'h' for AdaGrad, 'm' and 'v' for Adam.
    diverged_at: the step whose update gave a non-finite or far point, which is not stored
    (the run stops there; a batch member keeps its last point and state); converged_at: the
    step from which the loss stays within `tol` of the surface's minimum to the end. For a
    single start both are an int or None; for a batch, int arrays with -1 for never.

    lrs: (K, *lr shape), the learning rate of each update: lrs[k] took positions[k] to
    positions[k+1] (shape (K,) for one lr; (K, *shape) for an array lr, broadcast with the
    batch as the optimizer broadcasts it); constant without a schedule, None for an object
    without an `lr`. noise: (K, *batch, 2), the N(0, σ²) draw added to gradients[k] for
    update k+1 (the optimizer saw gradients[k] + noise[k]; `gradients` and `losses` are the
    surface's own), None without noise.
    """

    optimizer: str
    surface: str
    positions: np.ndarray
    losses: np.ndarray
    gradients: np.ndarray
    states: dict
    diverged_at: object
    reason: object
    converged_at: object
    lrs: object = None
    noise: object = None

    @property
    def steps(self):
        """Number of updates stored (K)."""
        return len(self.positions) - 1


def region(surface):
    """(low, high) corners of where a run may go: FAR window sizes around the window's centre."""
    xmin, xmax, ymin, ymax = surface.window
    centre = np.array([(xmin + xmax) / 2, (ymin + ymax) / 2])
    reach = FAR * np.array([xmax - xmin, ymax - ymin])
    return centre - reach, centre + reach


def as_start(surface, start):
    """`start` (or the surface's default) as a float array of shape (*batch, 2), checked."""
    wrong = ValueError(
        f"start must be a point (x, y) of numbers or an array of shape (..., 2), got {start!r}"
    )
    try:
        point = np.array(surface.start if start is None else start)
    except (TypeError, ValueError):  # ragged nested lists
        raise wrong from None
    if point.dtype.kind not in "fiu" or point.ndim == 0 or point.shape[-1] != 2:
        raise wrong
    point = point.astype(float)
    if not np.isfinite(point).all():
        raise ValueError(f"start must be finite, got {start!r}")
    low, high = region(surface)
    outside = ((point < low) | (point > high)).any(axis=-1)
    if outside.any():
        x, y = point[outside][0]
        raise ValueError(
            f"start ({x:g}, {y:g}) is too far from the {surface.name} surface: choose x in "
            f"[{low[0]:g}, {high[0]:g}] and y in [{low[1]:g}, {high[1]:g}]; beyond {FAR:g} "
            f"window sizes from the window's centre a run counts as diverged at once"
        )
    return point


def describe(optimizer):
    """The optimizer's repr, e.g. 'SGD(lr=0.1)'; the class name if its repr is object's own
    (it would show a memory address)."""
    if type(optimizer).__repr__ is object.__repr__:
        return type(optimizer).__name__
    return repr(optimizer)


MAX_STEPS = 1_000_000
"""At most this many steps per run: `run` keeps every step (about 70 MB for one start)."""


def check_steps(steps, minimum=0, maximum=MAX_STEPS):
    """`steps` as an int, if it is a whole number from minimum to maximum (None: no limit)."""
    return check_whole("steps", steps, minimum, maximum)


def check_noise(noise, seed):
    """`noise` as a float σ >= 0 and `seed` as None or a whole number >= 0, checked."""
    noise = check_at_least("noise", "noise level", noise, 0, single=True)
    if seed is not None:
        seed = check_whole("seed", seed, 0)
    return noise, seed


def check_schedule(schedule, optimizer):
    """`schedule` if it is None or a schedule that can drive `optimizer` (one with an lr)."""
    if schedule is None:
        return None
    if not isinstance(schedule, Schedule):
        raise TypeError(
            f"schedule must be None or a schedule from optim.schedules such as "
            f"StepLR(step_size=10, gamma=0.5), got {schedule!r}"
        )
    if not hasattr(optimizer, "lr"):
        raise TypeError(f"schedule needs an optimizer with an lr attribute, got {optimizer!r}")
    return schedule


class ScheduledLR:
    """lrs[k] = schedule's lr of update k + 1, computed when asked (a sweep's grid of lrs
    for every step would not fit in memory)."""

    def __init__(self, schedule, base_lr):
        self.schedule, self.base_lr = schedule, base_lr

    def __getitem__(self, k):
        with np.errstate(over="ignore", under="ignore"):
            return self.schedule._lr(self.base_lr, np.asarray(k))


def prepared(optimizer):
    """Reset `optimizer` (if it can be) and return (template, step, set_lr) for a runner's loop:
    template: an `Optimizer` whose `update` is the checked template, so that `step` is its
    public unchecked `step` (arguments checked once by the runner), else its own `update`;
    set_lr(optimizer, "lr", value) sets a schedule's lr (`Optimizer` checks lr > 0 when it is
    set; a schedule may reach 0, and was checked already)."""
    template = isinstance(optimizer, Optimizer) and type(optimizer).update is Optimizer.update
    if callable(getattr(optimizer, "reset", None)):
        optimizer.reset()
    set_lr = object.__setattr__ if isinstance(optimizer, Optimizer) else setattr
    return template, optimizer.step if template else optimizer.update, set_lr


def walk(optimizer, surface, start, steps, lrs=None, noise=None):
    """Reset `optimizer` and yield (k, params, grads, loss, bad) for k = 0 ... steps.

    lrs: None, or lrs[k] the lr to set before update k + 1; the optimizer's own lr is put
    back when the walk ends (also when it is closed early). noise: None, or noise[k] of shape
    (..., 2) broadcasting to start's, added to the gradient update k + 1 sees (the yielded
    grads stay the surface's).

    params and grads are {'x': ..., 'y': ...}; bad is the int code per batch member of
    what went wrong at this step (0: nothing, see REASONS). Members that went wrong earlier
    stay frozen at their last good point. The arrays are reused: copy what you keep. The
    walk ends early once every member has gone wrong.

    params and grads are checked once, at the start: they keep their keys, shapes and dtypes,
    so later steps go through the optimizer's public, unchecked `step` (`Optimizer.step`). An
    object with an `update` of its own (a learner's class, a subclass that wraps `update`)
    goes through that `update` at every step; one without `reset()` starts as it is.
    """
    template, step, set_lr = prepared(optimizer)
    own_lr = optimizer.lr if lrs is not None else None
    try:
        yield from _walk(optimizer, surface, start, steps, template, step, lrs, noise, set_lr)
    finally:
        if lrs is not None:
            set_lr(optimizer, "lr", own_lr)


def _walk(optimizer, surface, start, steps, template, step, lrs, noise, set_lr):
    """`walk`'s loop: the optimizer is reset, its step and its lr setter chosen."""
    hyperparameters = optimizer.hyperparameters if isinstance(optimizer, Optimizer) else {}
    low, high = region(surface)
    params = {"x": start[..., 0].copy(), "y": start[..., 1].copy()}
    last = {key: value.copy() for key, value in params.items()}
    alive = np.ones(start.shape[:-1], dtype=bool)
    bad = np.zeros(start.shape[:-1], dtype=np.int8)
    grads = None  # computed at the end of each step, used by the next
    with np.errstate(all="ignore"):
        for k in range(steps + 1):
            if k:
                if lrs is not None:
                    set_lr(optimizer, "lr", lrs[k - 1])
                if noise is not None:
                    draw = noise[k - 1]
                    grads = {"x": grads["x"] + draw[..., 0], "y": grads["y"] + draw[..., 1]}
                step(params, grads)
                if not template:  # a slide-style update may rebind params[key] to a float
                    params = {key: np.asarray(value, dtype=float) for key, value in params.items()}
                x, y = params["x"], params["y"]
                near = (low[0] <= x) & (x <= high[0]) & (low[1] <= y) & (y <= high[1])
                bad = np.zeros_like(bad)  # NaN fails `near` too; tell the two apart only then
                if not near.all():
                    finite = np.isfinite(x) & np.isfinite(y)
                    bad[alive & ~finite], bad[alive & finite & ~near] = 1, 2
                    alive &= near
                for key in params:
                    if not alive.all():
                        np.copyto(params[key], last[key], where=~alive)
                    np.copyto(last[key], params[key])
            gx, gy = surface.gradient(params["x"], params["y"])
            grads = {"x": np.asarray(gx, dtype=float), "y": np.asarray(gy, dtype=float)}
            if k == 0:
                check_update_args(params, grads, hyperparameters)
            yield k, params, grads, surface.value(params["x"], params["y"]), bad
            if not alive.any():
                return


def run(optimizer, surface, start=None, steps=100, tol=1e-6, schedule=None, noise=0.0, seed=None):
    """Run `optimizer` on `surface` from `start` (default: the surface's) for `steps` updates.

    `start` may be one point (x, y) or a batch of shape (..., 2). The optimizer is reset first.
    Any object with `update(params, grads)` runs, e.g. a class written as on the slides: it is
    reset if it has `reset()` (else give a fresh one), its state is recorded if it is an
    `Optimizer`.

    schedule: a learning-rate schedule from `optim.schedules`; the optimizer's lr is the base,
    update k + 1 uses schedule.lr_at(lr, k), and the optimizer's lr is put back afterwards.
    `Trajectory.lrs` has the lr of every update.
    noise: σ >= 0; each gradient component the optimizer sees gets an independent N(0, σ²)
    draw from np.random.default_rng(seed) (seed: None for fresh randomness, or a whole number
    >= 0), all drawn at the start in the order (step, *batch, (x, y)): the same seed gives the
    same run, and each member of a batch of starts its own noise. The stored losses and
    gradients stay the surface's own; `Trajectory.noise` has the draws. noise=0 draws nothing:
    the run is the plain one exactly.
    """
    if isinstance(optimizer, type) or not callable(getattr(optimizer, "update", None)):
        example = f"{optimizer.__name__}()" if isinstance(optimizer, type) else "SGD(lr=0.1)"
        raise TypeError(
            f"optimizer must be an optimizer object such as {example} or "
            f"optim.OPTIMIZERS['Adam'](lr=0.1), got {optimizer!r}"
        )
    surface = get_surface(surface)
    start, steps = as_start(surface, start), check_steps(steps)
    tol = check_positive("tol", "tolerance", tol, single=True)
    schedule, (noise, seed) = check_schedule(schedule, optimizer), check_noise(noise, seed)
    batch = start.shape[:-1]
    if schedule is not None:
        base = optimizer.lr
        lrs = schedule.lr_at(base, np.arange(steps).reshape(-1, *[1] * np.ndim(base)))
    elif isinstance(optimizer, Optimizer):
        lrs = np.array(np.broadcast_to(optimizer.lr, (steps, *np.shape(optimizer.lr))))
    else:
        lrs = None  # an object of its own may change its lr as it goes: not known here
    draws = np.random.default_rng(seed).normal(0.0, noise, (steps, *batch, 2)) if noise else None
    positions, gradients = np.zeros((2, steps + 1, *batch, 2))
    losses = np.zeros((steps + 1, *batch))
    names = optimizer.state_names if isinstance(optimizer, Optimizer) else ()
    states = {name: np.zeros((steps + 1, *batch, 2)) for name in names}
    diverged_at, reason = np.full(batch, -1), np.zeros(batch, dtype=np.int8)
    stored = 0
    walker = walk(optimizer, surface, start, steps, None if schedule is None else lrs, draws)
    try:
        for k, params, grads, loss, bad in walker:
            diverged_at[bad > 0], reason[bad > 0] = k, bad[bad > 0]
            if batch == () and bad:
                break
            # Each coordinate assigned on its own: np.stack costs more than the step itself.
            positions[k, ..., 0], positions[k, ..., 1] = params["x"], params["y"]
            gradients[k, ..., 0], gradients[k, ..., 1] = grads["x"], grads["y"]
            losses[k] = loss
            for name, history in states.items():
                state = getattr(optimizer, name)
                if state:
                    history[k, ..., 0], history[k, ..., 1] = state["x"], state["y"]
            stored = k + 1
    finally:
        walker.close()  # puts the optimizer's own lr back, also after a break or an error
    # A batch member that went wrong keeps its last state too, as walk keeps its last point.
    for member in np.argwhere(diverged_at > 0) if batch else []:
        member, last = tuple(member), diverged_at[tuple(member)] - 1
        for history in states.values():
            history[(slice(last + 1, stored), *member)] = history[(last, *member)]
    # Converged: from the first step of the final stretch within tol (a passing dip is not).
    within = np.abs(losses[:stored] - surface.min_value) <= tol
    stays = np.flip(np.logical_and.accumulate(np.flip(within, 0), axis=0), 0)
    converged_at = np.where(stays.any(axis=0) & (diverged_at < 0), stays.argmax(axis=0), -1)
    if batch == ():
        converged_at, diverged_at = (None if v < 0 else int(v) for v in (converged_at, diverged_at))
        reason = REASONS.get(int(reason))
    else:
        reason = np.vectorize(lambda code: REASONS.get(code, ""), otypes=[str])(reason)
    return Trajectory(
        optimizer=describe(optimizer),
        surface=surface.name,
        positions=positions[:stored],
        losses=losses[:stored],
        gradients=gradients[:stored],
        states={name: history[:stored] for name, history in states.items()},
        diverged_at=diverged_at,
        reason=reason,
        converged_at=converged_at,
        lrs=None if lrs is None else lrs[: max(stored - 1, 0)],
        noise=None if draws is None else draws[: max(stored - 1, 0)],
    )
