"""A map of how an optimizer fares over a grid of two settings, with one run drawn beside it.

The map comes from one vectorised `sweep` (no loop over settings). Moving the lr and
momentum sliders moves a crosshair on the map and redraws only that setting's trajectory.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import LogNorm, Normalize

from optim import style
from optim.controls import SLIDERS, STYLE, hyperparameter_slider, optimizer_class, settings_of
from optim.plotting import PathView, draw_surface, status_text
from optim.scene import LiveFigure, Scene, live_image
from optim.surfaces import SURFACES, get_surface
from optim.sweep import sweep
from optim.trajectory import run
from optim.validation import check_positive, check_unit_interval

METRICS = {
    "loss": "최종 손실 − 최솟값 (final loss − min)",
    "steps": "수렴까지 걸음 수 (steps to converge)",
}
MAX_SIZE = 1000
"""A map runs size × size settings at once: at most a million."""
# Cells without a value are hatched on white: no colour of the cividis scale looks like that.
NO_VALUE = {"facecolor": "white", "hatch": "//", "edgecolor": "#444444"}


def map_values(result, surface, metric):
    """The array to colour and its colour scale; NaN cells (diverged, never converged) are
    left empty and show the hatched background.

    'loss': the final loss gap to the minimum on a log scale (the loss itself where the
    minimum is unknown); 'steps': the number of steps to converge.
    """
    if metric == "loss" and np.isfinite(surface.min_value):
        values = np.maximum(result.final_loss - surface.min_value, 1e-16)
    elif metric == "loss":
        values = result.final_loss
    else:
        values = np.where(result.converged_at >= 0, result.converged_at, np.nan).astype(float)
    if np.isnan(values).all():
        return values, Normalize(0, 1)
    low, high = np.nanmin(values), np.nanmax(values)
    if metric == "loss" and np.isfinite(surface.min_value):
        return values, LogNorm(vmin=low, vmax=max(high, low * 10))
    return values, Normalize(vmin=low, vmax=max(high, low + 1))


class ConvergenceMap(LiveFigure):
    """Final loss (or steps to converge) over a grid of lr and a second setting."""

    def __init__(self, optimizer, surface, steps, size, second, lr_range, second_range, **chosen):
        self.cls = optimizer_class(optimizer)
        self.second, self.steps = second, steps
        self.axes = {
            "lr": np.geomspace(*lr_range, size),
            second: np.linspace(*second_range, size),
        }
        if second not in self.cls().hyperparameters:
            raise ValueError(f"{self.cls.__name__} has no setting {second!r} to map against lr")
        values, _ = settings_of(self.cls, chosen, shown=())
        self.settings = values
        self.sliders = {name: hyperparameter_slider(name, values[name]) for name in ("lr", second)}
        self.surface = widgets.Dropdown(
            options=[(s.title, name) for name, s in SURFACES.items()],
            value=get_surface(surface).name,
            description="surface",
            style=STYLE,
        )
        self.metric = widgets.Dropdown(
            options=[(label, key) for key, label in METRICS.items()],
            value="loss",
            description="map",
            style=STYLE,
        )
        self.image = live_image()
        self.readout = widgets.HTML()
        self.scene = Scene(width=13.0, height=5.5)
        self._redraw()
        for slider in self.sliders.values():
            slider.observe(lambda _: self._show(), names="value")
        self.surface.observe(lambda _: self._redraw(), names="value")
        self.metric.observe(lambda _: self._redraw(recompute=False), names="value")
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.surface, self.metric]),
                widgets.HBox(list(self.sliders.values())),
                self.image,
                self.readout,
            ]
        )

    def _redraw(self, recompute=True):
        surface = get_surface(self.surface.value)
        if recompute:
            self.result = sweep(self.cls, surface, steps=self.steps, **self.axes)
        self.scene.forget()
        self.scene.fig.clear()
        self.map_ax, self.path_ax = self.scene.fig.subplots(1, 2)
        values, norm = map_values(self.result, surface, self.metric.value)
        lr, other = self.axes["lr"], self.axes[self.second]
        self.map_ax.patch.set(**NO_VALUE)
        mesh = self.map_ax.pcolormesh(
            lr, other, values.T, norm=norm, cmap="cividis", shading="nearest"
        )
        label = METRICS[self.metric.value]
        if self.metric.value == "loss" and not np.isfinite(surface.min_value):
            label = "최종 손실 (final loss)"
        self.scene.fig.colorbar(mesh, ax=self.map_ax, label=label)
        self.map_ax.set(xscale="log", xlabel="lr", ylabel=self.second)
        if np.isnan(values).all():
            self.map_ax.text(
                0.5, 0.5, "값이 있는 설정이 없습니다\n(no setting has a value)", ha="center",
                va="center", transform=self.map_ax.transAxes, fontsize=15,
            )  # fmt: skip
        self.map_ax.set_title(
            f"{self.cls.__name__}, {self.steps} steps (빗금: 발산/미수렴)", fontsize=14
        )
        # White with a black outline: visible on every colour of the map.
        (self.cross,) = self.map_ax.plot([], [], "+", color="white", ms=24, mew=3.5)
        self.cross.set_path_effects([patheffects.withStroke(linewidth=7, foreground="black")])
        draw_surface(self.path_ax, surface)
        self.view = PathView(self.path_ax, style.COLORS[self.cls.__name__])
        self.scene.track(self.cross, *self.view.artists())
        self._show()

    def _show(self):
        for name, slider in self.sliders.items():
            self.settings[name] = slider.value
        lr, other = self.settings["lr"], self.settings[self.second]
        trajectory = run(self.cls(**self.settings), self.surface.value, steps=self.steps)
        self.cross.set_data([lr], [other])
        self.view.show(trajectory, trajectory.steps)
        self.readout.value = (
            f"<b>lr={lr:.4g}, {self.second}={other:.4g}</b>: "
            f"loss {trajectory.losses[-1]:.6g} · {status_text(trajectory, self.steps)}"
        )
        self.image.value = self.scene.frame()

    def summary(self):
        size = len(self.axes["lr"])
        name, where = self.cls.__name__, self.surface.value
        return f"{name} on {where}: {size} x {size} settings, {self.steps} steps"


def convergence_map(
    optimizer="Momentum",
    surface="book",
    steps=200,
    size=100,
    second="momentum",
    lr_range=(1e-4, 1.0),
    second_range=(0.0, 0.99),
    **chosen,
):
    """A convergence map over (lr, `second`) with the run at the chosen setting beside it.

    Example: convergence_map("Momentum", "rosenbrock", lr=1e-3, momentum=0.9).
    """
    whole = isinstance(size, (int, np.integer)) and not isinstance(size, (bool, np.bool_))
    if not whole or not 2 <= size <= MAX_SIZE:
        raise ValueError(f"size must be a whole number from 2 to {MAX_SIZE}, got {size!r}")
    others = [name for name in SLIDERS if name != "lr"]
    if second not in others:
        raise ValueError(f"second must be one of {others}, got {second!r}")
    lr_range = check_range("lr_range", "lr range", lr_range, check_positive)
    second_range = check_range("second_range", f"{second} range", second_range, check_unit_interval)
    return ConvergenceMap(
        optimizer, surface, steps, int(size), second, lr_range, second_range, **chosen
    )


def check_range(name, description, pair, check):
    """(low, high) with low < high, each value passing `check` (e.g. `check_positive`)."""
    try:
        low, high = pair
    except (TypeError, ValueError):
        raise ValueError(
            f"Invalid {description}: {pair!r} ({name} must be a pair (low, high))"
        ) from None
    low, high = (check(name, description, value, single=True) for value in (low, high))
    if not low < high:
        raise ValueError(
            f"Invalid {description}: {pair!r} ({name} must be (low, high), low < high)"
        )
    return low, high
