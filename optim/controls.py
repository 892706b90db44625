"""The sliders of the explorers, one per constructor argument, labelled with its name; the
schedule choice with its own sliders (`ScheduleControls`) and the noise slider's stops."""

import dataclasses

import ipywidgets as widgets
import numpy as np
import traitlets

from optim.optimizers import OPTIMIZERS, Optimizer
from optim.schedules import CosineAnnealingLR, ExponentialLR, LinearLR, SequentialLR, StepLR
from optim.surfaces import get_surface

# name -> (scale, its range and step); lr moves on a log scale (base 10 exponents, 20 stops a
# decade: the "slider stops" the lecture quotes, 10 ** (k / 20)).
SLIDERS = {
    "lr": ("log", {"base": 10, "min": -4, "max": 1, "step": 0.05}),
    "momentum": ("linear", {"min": 0.0, "max": 0.99, "step": 0.01}),
    "decay_rate": ("linear", {"min": 0.0, "max": 0.999, "step": 0.001}),
    "beta1": ("linear", {"min": 0.0, "max": 0.999, "step": 0.001}),
    "beta2": ("linear", {"min": 0.0, "max": 0.9999, "step": 0.0001}),
}
STYLE = {"description_width": "initial"}
WIDE = widgets.Layout(width="420px")
BOX = widgets.Layout(width="7.5em")
NARROW = widgets.Layout(width="300px")


class ExactSlider(widgets.HBox):
    """A slider over fixed stops with a number box beside it; `value` is what the box shows.

    The slider (an IntSlider over the stops' indices) moves the value from stop to stop; the box
    shows the value and takes any typed number in [min, max] exactly, and the handle then sits
    at the nearest stop. ipywidgets' own float sliders cannot hold a value between their stops:
    the browser snaps it as soon as the slider renders (lr 0.95 on a log slider of 20 stops a
    decade became 1.0), and snaps a typed one back.
    """

    value = traitlets.Float()

    def __init__(self, description, value, stops, log=False, layout=WIDE, whole=False):
        self._syncing, self.log_scale, self.whole = False, log, whole
        self.slider = widgets.IntSlider(
            description=description, readout=False, style=STYLE, layout=layout
        )
        self.box = widgets.Text(continuous_update=False, layout=BOX)
        super().__init__([self.slider, self.box])
        self.set_stops(stops, value)
        self.slider.observe(self._on_slider, names="value")
        self.box.observe(self._on_box, names="value")

    @property
    def min(self):
        return float(self.stops[0])

    @property
    def max(self):
        return float(self.stops[-1])

    @property
    def description(self):
        return self.slider.description

    @description.setter
    def description(self, text):
        self.slider.description = text

    def set_stops(self, stops, value):
        """New stops (ascending) and a value among or between them."""
        self.stops = np.asarray(stops, dtype=float)
        self._syncing = True
        try:
            self.slider.max = len(self.stops) - 1
        finally:
            self._syncing = False
        self.value = float(value)
        self._show()  # also when the value did not change

    def text(self, value):
        """The box's text: 4 significant digits for a stop or a value they show exactly,
        else every digit the value has."""
        short = f"{value:.4g}"
        return short if float(short) == value or value in self.stops else repr(value)

    @traitlets.validate("value")
    def _clip(self, proposal):
        value = min(max(float(proposal["value"]), self.min), self.max)
        return float(round(value)) if self.whole else value

    @traitlets.observe("value")
    def _on_value(self, _change):
        self._show()

    def _show(self):
        measure = log_measure(self.stops) if self.log_scale else (lambda v: v)
        nearest = int(np.argmin(np.abs(measure(self.stops) - measure(self.value))))
        self._syncing = True
        try:
            self.slider.value = nearest
            self.box.value = self.text(self.value)
        finally:
            self._syncing = False

    def _on_slider(self, change):
        if not self._syncing:
            self.value = float(self.stops[change["new"]])

    def _on_box(self, change):
        if self._syncing:
            return
        try:
            typed = float(change["new"].strip())
        except ValueError:
            typed = np.nan
        if np.isfinite(typed):
            self.value = typed
        self._show()  # the clipped value, or the old one for text that is not a number


def log_measure(stops):
    """log, with 0 (a log slider's first stop may be 0, e.g. no noise) put a decade below
    the smallest positive stop, so the handle's nearest stop is found without -inf."""
    floor = np.min(stops[stops > 0]) / 10 if (stops > 0).any() else 1.0
    return lambda v: np.log(np.maximum(v, floor))


def stops(name):
    """Every value the slider for `name` stops at, ascending."""
    scale, spec = SLIDERS[name]
    if scale == "log":
        per_decade = round(1 / spec["step"])  # 10 ** (k / 20), as the lecture computes them
        k = np.arange(round(spec["min"] * per_decade), round(spec["max"] * per_decade) + 1)
        return float(spec["base"]) ** (k / per_decade)
    count = round((spec["max"] - spec["min"]) / spec["step"]) + 1
    return np.round(np.linspace(spec["min"], spec["max"], count), 10)


def optimizer_class(optimizer):
    """The optimizer class for a name like 'Adam' (or the class itself)."""
    if isinstance(optimizer, type) and optimizer in OPTIMIZERS.values():
        return optimizer
    if isinstance(optimizer, Optimizer):
        settings = "".join(f", {k}={v!r}" for k, v in optimizer.hyperparameters.items())
        raise TypeError(
            f"optimizer must be a name such as 'SGD', not an optimizer object {optimizer!r}; "
            f"give its settings as keywords: ({type(optimizer).__name__!r}{settings})"
        )
    if not isinstance(optimizer, str) or optimizer not in OPTIMIZERS:
        raise ValueError(
            f"Unknown optimizer {optimizer!r}; optimizer must be one of {list(OPTIMIZERS)}"
        )
    return OPTIMIZERS[optimizer]


def slider_range(name):
    """(lowest, highest) value the slider for `name` can show."""
    values = stops(name)
    return float(values[0]), float(values[-1])


def hyperparameter_slider(name, value):
    """A slider for constructor argument `name`, starting at `value` (checked against its range)."""
    low, high = slider_range(name)
    if not low <= value <= high:
        raise ValueError(f"{name}={value!r} is outside the slider's range [{low:g}, {high:g}]")
    return ExactSlider(name, value, stops(name), log=SLIDERS[name][0] == "log")


def settings_of(cls, settings, shown):
    """The optimizer's defaults updated by `settings`; unknown names raise ValueError."""
    values = cls().hyperparameters
    unknown = set(settings) - set(values)
    if unknown:
        raise ValueError(f"{cls.__name__} has no setting {sorted(unknown)}; it has {list(values)}")
    for name, value in settings.items():
        if np.ndim(value) != 0:
            raise TypeError(
                f"{name}={value!r}: an explorer's settings must be single numbers, one per slider"
            )
    values.update(settings)
    cls(**values)  # validate now, with the optimizer's own messages
    return values, [name for name in values if name in SLIDERS and name in shown]


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


def noise_stops(surface):
    """The noise slider's stops: 0 (exact gradients), then 10 a decade over three decades up
    to the power of ten at or above |∇L| at the surface's start, the size of the first
    gradient a run sees: at the top the noise is as large as that gradient."""
    surface = get_surface(surface)
    scale = float(np.hypot(*surface.gradient(*surface.start)))
    top = 10.0 ** np.ceil(np.log10(scale)) if scale > 0 else 1.0
    return np.concatenate([[0.0], top * 10.0 ** (np.arange(-30, 1) / 10)])
