"""A map of how an optimizer fares over a grid of two settings, with one run drawn beside it.

The map comes from one vectorised `sweep` (no loop over settings). Moving the lr and
momentum sliders, or clicking a cell of the map, moves a crosshair on the map and redraws only
that setting's trajectory; a setting outside the map shows as an arrow at the map's edge, and
the readout says so. Each surface gets its own lr axis (`map_lr_range`) and, unless the
learner moved the lr slider, its own sensible lr (`sensible_settings`) when the surface
changes.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib import patheffects
from matplotlib.colors import LogNorm, Normalize

from optim import style
from optim.controls import (
    SLIDERS,
    STYLE,
    hyperparameter_slider,
    optimizer_class,
    settings_of,
    slider_range,
)
from optim.defaults import map_lr_range, sensible_settings
from optim.plotting import PathView, draw_surface, status_text
from optim.scene import LiveFigure, Scene, clicked_point, live_image, watch_clicks
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
# Where a setting outside the map points: (axis, beyond the high end?) -> marker, side, sign.
EDGES = {
    (0, True): (">", "오른쪽", "▶"),
    (0, False): ("<", "왼쪽", "◀"),
    (1, True): ("^", "위쪽", "▲"),
    (1, False): ("v", "아래쪽", "▼"),
}
INSET = 0.05
"""An arrow at the map's edge sits this far inside it (a fraction of the axes), whole."""


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
        self.second, self.steps, self.size = second, steps, size
        if second not in self.cls().hyperparameters:
            raise ValueError(f"{self.cls.__name__} has no setting {second!r} to map against lr")
        self.second_range = second_range
        # lr axes given by the caller, per surface (only the initial one can be given).
        self.lr_ranges = {} if lr_range is None else {get_surface(surface).name: lr_range}
        self.axes = {"lr": None, second: np.linspace(*second_range, size)}
        self._lr_moved, self._following, self._notice = False, False, ""
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
        self.clicks = watch_clicks(self.image, self.on_click)
        self.readout = widgets.HTML()
        self.scene = Scene(width=13.0, height=5.5)
        self._redraw()
        for slider in self.sliders.values():
            slider.observe(self._on_setting, names="value")
        self.surface.observe(self._on_surface, names="value")
        self.metric.observe(lambda _: self._redraw(recompute=False), names="value")
        self.widget = widgets.VBox(
            [
                widgets.HBox([self.surface, self.metric]),
                widgets.HBox(list(self.sliders.values())),
                self.image,
                self.readout,
            ]
        )

    def lr_range(self, surface):
        """The lr axis on `surface`: the caller's, else derived (`map_lr_range`) for the
        momenta the map shows, within the lr slider's range."""
        surface = get_surface(surface)
        if surface.name in self.lr_ranges:
            return self.lr_ranges[surface.name]
        momenta = self.second_range if self.second == "momentum" else None
        return map_lr_range(self.cls.__name__, surface, momenta, slider_range("lr"))

    def _on_setting(self, change):
        if self._following:
            return
        if change["owner"] is self.sliders["lr"]:
            self._lr_moved = True
        self._notice = ""
        self._show()

    def on_click(self, event):
        """A click on a cell of the map sets lr and the second setting to that cell's (a value
        within 1e-9 of a slider stop takes the stop; the handles sit at the nearest stops, the
        boxes show 4 significant digits as the readout does) and shows its run; a click
        anywhere else does nothing."""
        point = clicked_point(event, self.scene.fig, self.map_ax)
        if point is None:
            return
        measures = {"lr": np.log, self.second: lambda v: v}  # the map's own scales
        self._following = True  # one run for both sliders
        try:
            for (name, measure), value in zip(measures.items(), point, strict=True):
                cells = self.axes[name]
                cell = cells[int(np.argmin(np.abs(measure(cells) - measure(value))))]
                self.sliders[name].pick(on_stop(self.sliders[name].stops, float(cell)))
        finally:
            self._following = False
        self._lr_moved = True
        self._notice = ""
        self._show()

    def _on_surface(self, _change):
        """A new surface: its own lr axis, and its sensible lr unless the learner moved the
        lr slider since the map opened or the surface last changed."""
        surface = get_surface(self.surface.value)
        slider = self.sliders["lr"]
        if self._lr_moved:
            self._notice = f"직접 옮긴 lr은 그대로 둡니다: {slider.value:.4g}."
        else:
            held = {k: self.settings[k] for k in ("momentum",) if k in self.settings}
            self._following = True
            try:
                slider.value = sensible_settings(self.cls.__name__, surface, **held)["lr"]
            finally:
                self._following = False
            self._notice = f"곡면에 맞춰 lr을 바꿨습니다: {slider.value:.4g}."
        self._lr_moved = False
        self._redraw()

    def _redraw(self, recompute=True):
        surface = get_surface(self.surface.value)
        if recompute:
            self.axes["lr"] = np.geomspace(*self.lr_range(surface), self.size)
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
                0.5,
                0.5,
                "값이 있는 설정이 없습니다\n(no setting has a value)",
                ha="center",
                va="center",
                transform=self.map_ax.transAxes,
                fontsize=15,
            )
        self.map_ax.set_title(
            f"{self.cls.__name__}, {self.steps} steps (빗금: 발산/미수렴)", fontsize=14
        )
        # White with a black outline: visible on every colour of the map.
        (self.cross,) = self.map_ax.plot([], [], "+", color="white", ms=24, mew=3.5)
        self.cross.set_path_effects([patheffects.withStroke(linewidth=7, foreground="black")])
        # A setting outside the map: an arrow at the edge it lies beyond, in axes fractions.
        (self.edge,) = self.map_ax.plot(
            [],
            [],
            ">",
            color="white",
            ms=20,
            mec="black",
            mew=2.5,
            transform=self.map_ax.transAxes,
            clip_on=False,
        )
        self.map_ax.set_xlim(self.map_ax.get_xlim())  # the arrow must not move the limits
        self.map_ax.set_ylim(self.map_ax.get_ylim())
        draw_surface(self.path_ax, surface)
        self.view = PathView(self.path_ax, style.COLORS[self.cls.__name__])
        self.scene.track(self.cross, self.edge, *self.view.artists())
        self._show()

    def _show(self):
        for name, slider in self.sliders.items():
            self.settings[name] = slider.value
        lr, other = self.settings["lr"], self.settings[self.second]
        trajectory = run(self.cls(**self.settings), self.surface.value, steps=self.steps)
        outside = self._place_cross(lr, other)
        self.view.show(trajectory, trajectory.steps)
        lines = [
            f"<b>lr={lr:.4g}, {self.second}={other:.4g}</b>: "
            f"loss {trajectory.losses[-1]:.6g} · {outcome(trajectory)}",
            *outside,
        ]
        if self._notice:
            lines.append(self._notice)
        self.readout.value = "<br>".join(lines)
        self.image.value = self.scene.frame()

    def _place_cross(self, lr, other):
        """The crosshair at (lr, other) on the map, or, for a setting outside the map, an arrow
        at the edge it lies beyond; returns the readout's lines saying where it went."""
        limits = [self.map_ax.get_xlim(), self.map_ax.get_ylim()]
        # Axes fractions of the setting (log for lr), as the map draws them.
        spans = [np.log(limits[0]), np.asarray(limits[1])]
        values = [np.log(lr), other]
        fractions = [(v - s[0]) / (s[1] - s[0]) for v, s in zip(values, spans, strict=True)]
        lines, marker = [], None
        for axis, (name, value, fraction) in enumerate(
            zip(("lr", self.second), (lr, other), fractions, strict=True)
        ):
            if 0 <= fraction <= 1:
                continue
            high = fraction > 1
            symbol, side, arrow = EDGES[axis, high]
            marker = marker or symbol
            axis_values = self.axes[name]
            lines.append(
                f"{name} = {value:.4g}: 지도의 범위 ({axis_values[0]:.2g}–{axis_values[-1]:.2g}) "
                f"밖이라 지도 {side} 끝에 {arrow} 표시로 나타냅니다."
            )
        if marker is None:
            self.cross.set_data([lr], [other])
            self.edge.set_data([], [])
        else:
            self.cross.set_data([], [])
            self.edge.set_marker(marker)
            self.edge.set_data(*([min(max(f, INSET), 1 - INSET)] for f in fractions))
        return lines

    def summary(self):
        size = len(self.axes["lr"])
        name, where = self.cls.__name__, self.surface.value
        return f"{name} on {where}: {size} x {size} settings, {self.steps} steps"


def outcome(trajectory):
    """The readout's word on a whole run: steps to converge, diverged, or not converged."""
    if trajectory.diverged_at is None and trajectory.converged_at is None:
        return f"미수렴 (not converged in {trajectory.steps} steps)"
    if trajectory.diverged_at is None:
        return (
            f"수렴까지 {trajectory.converged_at}걸음 (steps to converge: {trajectory.converged_at})"
        )
    return status_text(trajectory, trajectory.steps)


def on_stop(stops, value):
    """`value`, or the slider stop within 1e-9 (relative) of it: the map's axes are computed
    (0.35000000000000003), the slider's stops are rounded (0.35), and the box shows them short."""
    stop = stops[int(np.argmin(np.abs(stops - value)))]
    return float(stop) if abs(stop - value) <= 1e-9 * abs(value) else value


def convergence_map(
    optimizer="Momentum",
    surface="book",
    steps=200,
    size=100,
    second="momentum",
    lr_range=None,
    second_range=(0.0, 0.99),
    **chosen,
):
    """A convergence map over (lr, `second`) with the run at the chosen setting beside it.

    Example: convergence_map("Momentum", "rosenbrock", lr=1e-3, momentum=0.9).
    `lr_range` (low, high) is the lr axis on the initial surface; without it, and on every
    other surface, the axis is derived from the surface (`optim.defaults.map_lr_range`).
    """
    whole = isinstance(size, (int, np.integer)) and not isinstance(size, (bool, np.bool_))
    if not whole or not 2 <= size <= MAX_SIZE:
        raise ValueError(f"size must be a whole number from 2 to {MAX_SIZE}, got {size!r}")
    others = [name for name in SLIDERS if name != "lr"]
    if second not in others:
        raise ValueError(f"second must be one of {others}, got {second!r}")
    if lr_range is not None:
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
