r"""Learning-rate schedules, named and defined as in `torch.optim.lr_scheduler`.

A schedule is a small frozen object with one method: `lr_at(base_lr, t)`, the learning rate
of update number t + 1, where t = 0, 1, 2, ... counts the updates already made (PyTorch's
`last_epoch` after t calls of `scheduler.step()`, with `optimizer.step()` before each).
`base_lr` is the optimizer's own `lr`; it and t may be numpy arrays, which broadcast, so a
whole run's (or a whole grid's) learning rates come from one call.

`run(optimizer, surface, ..., schedule=StepLR(10, 0.5))` applies one. PyTorch changes the
optimizer's lr step by step (its "chainable" form); the closed forms below give the same
values up to rounding (within a few units in the last place), also after CosineAnnealingLR's
T_max, where PyTorch's recursion keeps going as a cosine of period 2 T_max.
"""

from dataclasses import dataclass

import numpy as np

from optim.validation import check_at_least, check_positive, check_whole, check_within


class Schedule:
    """Common part: `lr_at` checks its arguments once and calls the subclass's `_lr`."""

    def lr_at(self, base_lr, t):
        """The learning rate of update t + 1 (t = updates already made, from 0).

        base_lr: the optimizer's lr, a number > 0 or an array of them; t: a whole number
        >= 0 or an array of them. Returns a float, or an array of the broadcast shape.
        """
        base_lr = check_positive("base_lr", "learning rate", base_lr)
        t = check_whole("t", t, 0, single=False)
        try:
            np.broadcast_shapes(np.shape(base_lr), t.shape)
        except ValueError:
            raise ValueError(
                f"base_lr of shape {np.shape(base_lr)} and t of shape {t.shape} do not "
                f"broadcast against each other"
            ) from None
        with np.errstate(over="ignore", under="ignore"):
            lr = self._lr(base_lr, t)
        return float(lr) if np.ndim(lr) == 0 else lr

    def _lr(self, base_lr, t):
        """`lr_at` without its checks: t an int array, base_lr a float or a float array."""
        raise NotImplementedError


@dataclass(frozen=True)
class StepLR(Schedule):
    r"""Multiply the lr by `gamma` every `step_size` updates.

    .. math:: \alpha_t = \alpha \, \gamma^{\lfloor t / s \rfloor}

    α is base_lr, s is `step_size` (a whole number >= 1), γ is `gamma` (> 0).
    """

    step_size: int
    gamma: float = 0.1

    def __post_init__(self):
        object.__setattr__(self, "step_size", check_whole("step_size", self.step_size, 1))
        object.__setattr__(
            self, "gamma", check_positive("gamma", "decay factor", self.gamma, single=True)
        )

    def _lr(self, base_lr, t):
        return base_lr * self.gamma ** (t // self.step_size)


@dataclass(frozen=True)
class ExponentialLR(Schedule):
    r"""Multiply the lr by `gamma` at every update.

    .. math:: \alpha_t = \alpha \, \gamma^{t}

    α is base_lr, γ is `gamma` (> 0; below 1 it decays, above 1 it grows).
    """

    gamma: float

    def __post_init__(self):
        object.__setattr__(
            self, "gamma", check_positive("gamma", "decay factor", self.gamma, single=True)
        )

    def _lr(self, base_lr, t):
        return base_lr * self.gamma**t


@dataclass(frozen=True)
class CosineAnnealingLR(Schedule):
    r"""Half a cosine from the base lr down to `eta_min` over `T_max` updates.

    .. math:: \alpha_t = \eta_{min} + (\alpha - \eta_{min}) \, \frac{1 + \cos(\pi t / T_{max})}{2}

    α is base_lr. After T_max the formula goes on: the lr climbs back to α at 2 T_max and so
    on, a cosine of period 2 T_max, as PyTorch's recursive form does (no restarts; for those
    PyTorch has CosineAnnealingWarmRestarts). `eta_min` (>= 0) is an lr, not a factor.
    """

    T_max: int
    eta_min: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "T_max", check_whole("T_max", self.T_max, 1))
        object.__setattr__(
            self,
            "eta_min",
            check_at_least("eta_min", "minimum learning rate", self.eta_min, 0, single=True),
        )

    def _lr(self, base_lr, t):
        return self.eta_min + (base_lr - self.eta_min) * (1 + np.cos(np.pi * t / self.T_max)) / 2


@dataclass(frozen=True)
class LinearLR(Schedule):
    r"""A straight line from `start_factor` α to `end_factor` α over `total_iters` updates,
    then constant: a warm-up with the defaults.

    .. math:: \alpha_t = \alpha \left(s + (e - s) \frac{\min(t, T)}{T}\right)

    s is `start_factor` in (0, 1], e is `end_factor` in [0, 1], T is `total_iters` (>= 1).
    """

    start_factor: float = 1 / 3
    end_factor: float = 1.0
    total_iters: int = 5

    def __post_init__(self):
        start = check_within(
            "start_factor", "start factor", self.start_factor, 0, 1, single=True, open_low=True
        )
        end = check_within("end_factor", "end factor", self.end_factor, 0, 1, single=True)
        object.__setattr__(self, "start_factor", start)
        object.__setattr__(self, "end_factor", end)
        object.__setattr__(self, "total_iters", check_whole("total_iters", self.total_iters, 1))

    def _lr(self, base_lr, t):
        done = np.minimum(t, self.total_iters) / self.total_iters
        return base_lr * (self.start_factor + (self.end_factor - self.start_factor) * done)


@dataclass(frozen=True)
class SequentialLR(Schedule):
    r"""One schedule after another: `schedules[i]` from update `milestones[i - 1]` on.

    .. math:: \alpha_t = \text{schedules}[i].\text{lr\_at}(\alpha, t - m_{i-1}),
        \quad m_{i-1} \le t < m_i \quad (m_{-1} = 0)

    Each schedule starts over from its own t = 0 at its milestone, from the base lr α, as in
    PyTorch. Example: warm-up then cosine, SequentialLR([LinearLR(0.1, 1.0, 10),
    CosineAnnealingLR(90)], milestones=[10]). One milestone fewer than schedules, increasing
    whole numbers >= 1.
    """

    schedules: tuple
    milestones: tuple

    def __post_init__(self):
        try:
            schedules, milestones = tuple(self.schedules), tuple(self.milestones)
        except TypeError:
            raise TypeError(
                f"schedules and milestones must be sequences, got {self.schedules!r} and "
                f"{self.milestones!r}"
            ) from None
        if not schedules:
            raise ValueError("schedules must hold at least one schedule, got none")
        for i, schedule in enumerate(schedules):
            if not isinstance(schedule, Schedule):
                raise TypeError(
                    f"schedules[{i}] must be a schedule such as StepLR(10, 0.5), got {schedule!r}"
                )
        if len(milestones) != len(schedules) - 1:
            raise ValueError(
                f"milestones must hold one fewer value than schedules: {len(schedules)} "
                f"schedules need {len(schedules) - 1} milestones, got {len(milestones)}"
            )
        milestones = tuple(check_whole("milestones", m, 1) for m in milestones)
        if any(b <= a for a, b in zip(milestones, milestones[1:])):
            raise ValueError(f"milestones must increase, got {list(milestones)}")
        object.__setattr__(self, "schedules", schedules)
        object.__setattr__(self, "milestones", milestones)

    def _lr(self, base_lr, t):
        lr = self.schedules[0]._lr(base_lr, t)
        for schedule, milestone in zip(self.schedules[1:], self.milestones):
            later = schedule._lr(base_lr, np.maximum(t - milestone, 0))
            lr = np.where(t >= milestone, later, lr)
        return lr


SCHEDULES = {
    cls.__name__: cls for cls in (StepLR, ExponentialLR, CosineAnnealingLR, LinearLR, SequentialLR)
}
"""Every schedule by name."""
