"""The explorers' learning-rate schedule choice: a dropdown of `optim.schedules` kinds, each
with its own sliders (`ScheduleControls`), and the settings each choice opens with."""

import dataclasses

import ipywidgets as widgets
import numpy as np

from optim.controls import NARROW, STYLE, ExactSlider, stops
from optim.schedules import CosineAnnealingLR, ExponentialLR, LinearLR, SequentialLR, StepLR

# The explorers' schedule choice: key -> the dropdown's label. "warmup_cosine" is
# SequentialLR([LinearLR(start_factor, 1.0, warmup), CosineAnnealingLR(T_max, eta_min)],
# milestones=[warmup]), the warm-up + cosine of transformer training.
SCHEDULE_CHOICES = {
    "constant": "없음 (constant lr)",
    "StepLR": "StepLR",
    "ExponentialLR": "ExponentialLR",
    "CosineAnnealingLR": "CosineAnnealingLR",
    "LinearLR": "LinearLR (warm-up)",
    "warmup_cosine": "warm-up + cosine (SequentialLR)",
}
FACTOR_STOPS = np.round(np.linspace(0.01, 1.0, 100), 10)  # gamma, start_factor: > 0
END_STOPS = np.round(np.linspace(0.0, 1.0, 101), 10)  # end_factor may be 0
GAMMA_STOPS = np.round(np.linspace(0.8, 1.0, 201), 10)  # ExponentialLR: per update
ETA_MIN_STOPS = np.concatenate([[0.0], stops("lr")])  # an lr, not a factor; 0 allowed
WHOLE = ("step_size", "T_max", "total_iters", "warmup")


def schedule_defaults(key, steps):
    """The settings a schedule choice opens with, tied to the run's `steps`."""
    warmup = max(1, round(steps / 10))
    return {
        "constant": {},
        "StepLR": {"step_size": max(1, steps // 4), "gamma": 0.5},
        # lr falls to 1/100 of the base over the run (at the slider's nearest stop)
        "ExponentialLR": {"gamma": float(np.clip(round(0.01 ** (1 / steps), 3), 0.8, 1.0))},
        "CosineAnnealingLR": {"T_max": steps, "eta_min": 0.0},
        "LinearLR": {"start_factor": 1 / 3, "end_factor": 1.0, "total_iters": warmup},
        "warmup_cosine": {
            "warmup": warmup,
            "start_factor": 0.1,
            "T_max": max(1, steps - warmup),
            "eta_min": 0.0,
        },
    }[key]


def schedule_settings(schedule, steps):
    """(choice key, {setting: value}) for explore's `schedule`: None, a key of
    SCHEDULE_CHOICES, or a schedule object of one of those kinds."""
    if schedule is None:
        return "constant", {}
    if isinstance(schedule, str):
        if schedule not in SCHEDULE_CHOICES:
            raise ValueError(
                f"Unknown schedule {schedule!r}; schedule must be None, a schedule object or "
                f"one of {list(SCHEDULE_CHOICES)}"
            )
        return schedule, schedule_defaults(schedule, steps)
    if isinstance(schedule, StepLR | ExponentialLR | CosineAnnealingLR | LinearLR):
        fields = dataclasses.asdict(schedule)  # its settings, by name
        return type(schedule).__name__, fields
    if isinstance(schedule, SequentialLR):
        parts, milestones = schedule.schedules, schedule.milestones
        if (
            len(parts) == 2
            and isinstance(parts[0], LinearLR)
            and isinstance(parts[1], CosineAnnealingLR)
            and parts[0].end_factor == 1.0
            and parts[0].total_iters == milestones[0]
        ):
            return "warmup_cosine", {
                "warmup": milestones[0],
                "start_factor": parts[0].start_factor,
                "T_max": parts[1].T_max,
                "eta_min": parts[1].eta_min,
            }
        raise ValueError(
            f"schedule={schedule!r}: the explorer's SequentialLR is a warm-up then a cosine, "
            f"SequentialLR([LinearLR(s, 1.0, w), CosineAnnealingLR(T, eta_min)], "
            f"milestones=[w]); run() takes any schedule"
        )
    raise TypeError(
        f"schedule must be None, a name such as 'StepLR' or a schedule from optim.schedules "
        f"such as StepLR(step_size=10, gamma=0.5), got {schedule!r}"
    )


def schedule_stops(name, steps):
    """The stops of a schedule setting's slider; whole-number settings span 1 .. steps."""
    if name in WHOLE:
        return np.arange(1, max(steps, 1) + 1, dtype=float)
    return {
        "gamma": FACTOR_STOPS,
        "start_factor": FACTOR_STOPS,
        "end_factor": END_STOPS,
        "eta_min": ETA_MIN_STOPS,
    }[name]


class ScheduleControls:
    """The schedule dropdown and the chosen schedule's own sliders (the others hidden).

    `choice` is the dropdown and `row` the chosen schedule's sliders (it wraps), to lay out;
    `controls()` every control whose change reruns the explorer; `schedule()` the chosen
    schedule as an `optim.schedules` object (None for a constant lr). Whole-number settings
    span 1 .. steps; `set_steps` follows a change of the run's steps (a slider at its top,
    as T_max opens, stays at the top).
    """

    def __init__(self, schedule, steps):
        chosen, values = schedule_settings(schedule, steps)
        self.sliders = {}
        for key in SCHEDULE_CHOICES:
            settings = schedule_defaults(key, steps) | (values if key == chosen else {})
            self.sliders[key] = {
                name: self._slider(key, name, value, steps) for name, value in settings.items()
            }
        self.choice = widgets.Dropdown(
            options=[(label, key) for key, label in SCHEDULE_CHOICES.items()],
            value=chosen,
            description="schedule",
            style=STYLE,
        )
        self.row = widgets.HBox(layout=widgets.Layout(flex_flow="row wrap"))
        self.choice.observe(lambda _: self._show_chosen(), names="value")
        self._show_chosen()
        self.schedule()  # every setting checked with the schedules' own messages

    @staticmethod
    def _slider(key, name, value, steps):
        if key == "ExponentialLR" and name == "gamma":
            values = GAMMA_STOPS
        else:
            values = schedule_stops(name, steps)
        if not values[0] <= value <= values[-1]:
            raise ValueError(
                f"schedule: {name}={value!r} is outside the {key} slider's range "
                f"[{values[0]:g}, {values[-1]:g}] (whole-number settings span 1 .. steps)"
            )
        return ExactSlider(
            name, value, values, log=name == "eta_min", layout=NARROW, whole=name in WHOLE
        )

    def _show_chosen(self):
        self.row.children = tuple(self.sliders[self.choice.value].values())

    def controls(self):
        return [self.choice] + [s for group in self.sliders.values() for s in group.values()]

    def values(self):
        return {name: slider.value for name, slider in self.sliders[self.choice.value].items()}

    def schedule(self):
        """The chosen schedule with the sliders' values, or None for a constant lr."""
        key, v = self.choice.value, self.values()
        whole = {name: int(v[name]) for name in WHOLE if name in v}
        if key == "constant":
            return None
        if key == "StepLR":
            return StepLR(whole["step_size"], v["gamma"])
        if key == "ExponentialLR":
            return ExponentialLR(v["gamma"])
        if key == "CosineAnnealingLR":
            return CosineAnnealingLR(whole["T_max"], v["eta_min"])
        if key == "LinearLR":
            return LinearLR(v["start_factor"], v["end_factor"], whole["total_iters"])
        warmup = LinearLR(v["start_factor"], 1.0, whole["warmup"])
        cosine = CosineAnnealingLR(whole["T_max"], v["eta_min"])
        return SequentialLR([warmup, cosine], [whole["warmup"]])

    def set_steps(self, steps):
        """Whole-number sliders span 1 .. steps; one at its old top moves to the new one."""
        for group in self.sliders.values():
            for name, slider in group.items():
                if name in WHOLE:
                    value = steps if slider.value == slider.max else min(slider.value, steps)
                    slider.set_stops(schedule_stops(name, steps), value)
