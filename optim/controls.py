"""The sliders of the explorers, one per constructor argument, labelled with its name, and
the noise slider's stops. The schedule choice and its sliders: `optim.schedule_controls`."""

import ipywidgets as widgets
import numpy as np
import traitlets

from optim.optimizers import OPTIMIZERS, Optimizer
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
        self._syncing, self._picking, self.log_scale, self.whole = False, False, log, whole
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

    def pick(self, value):
        """Set `value` exactly (what a run uses), its box showing 4 significant digits as
        for a stop: a value the figure chose (a clicked cell of a map), not one typed."""
        self._picking = True
        try:
            self.value = float(value)
            self._show()  # also when the value did not change
        finally:
            self._picking = False

    def text(self, value):
        """The box's text: 4 significant digits for a stop, a value they show exactly or one
        `pick` set, else every digit the value has (a typed value shows as typed)."""
        short = f"{value:.4g}"
        exact = float(short) == value or value in self.stops or self._picking
        return short if exact else repr(value)

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


def noise_stops(surface):
    """The noise slider's stops: 0 (exact gradients), then 10 a decade over three decades up
    to the power of ten at or above |∇L| at the surface's start, the size of the first
    gradient a run sees: at the top the noise is as large as that gradient."""
    surface = get_surface(surface)
    scale = float(np.hypot(*surface.gradient(*surface.start)))
    top = 10.0 ** np.ceil(np.log10(scale)) if scale > 0 else 1.0
    return np.concatenate([[0.0], top * 10.0 ** (np.arange(-30, 1) / 10)])
