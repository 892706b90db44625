"""The sliders of the explorers, one per constructor argument, labelled with its name."""

import ipywidgets as widgets
import numpy as np

from optim.optimizers import OPTIMIZERS, Optimizer

# name -> (widget class, its range and step); lr moves on a log scale (base 10 exponents).
SLIDERS = {
    "lr": (widgets.FloatLogSlider, {"base": 10, "min": -4, "max": 1, "step": 0.05}),
    "momentum": (widgets.FloatSlider, {"min": 0.0, "max": 0.99, "step": 0.01}),
    "decay_rate": (widgets.FloatSlider, {"min": 0.0, "max": 0.999, "step": 0.001}),
    "beta1": (widgets.FloatSlider, {"min": 0.0, "max": 0.999, "step": 0.001}),
    "beta2": (widgets.FloatSlider, {"min": 0.0, "max": 0.9999, "step": 0.0001}),
}
STYLE = {"description_width": "initial"}
WIDE = widgets.Layout(width="420px")


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
    kind, spec = SLIDERS[name]
    if kind is widgets.FloatLogSlider:
        return spec["base"] ** spec["min"], spec["base"] ** spec["max"]
    return spec["min"], spec["max"]


def hyperparameter_slider(name, value):
    """A slider for constructor argument `name`, starting at `value` (checked against its range)."""
    low, high = slider_range(name)
    if not low <= value <= high:
        raise ValueError(f"{name}={value!r} is outside the slider's range [{low:g}, {high:g}]")
    kind, spec = SLIDERS[name]
    readout = ".4g" if name == "lr" else ".4f"
    return kind(
        value=value,
        description=name,
        readout_format=readout,
        style=STYLE,
        layout=WIDE,
        **spec,
    )


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
