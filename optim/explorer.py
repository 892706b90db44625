"""Sliders that animate optimizers on a 2D loss surface: one optimizer, or a race of several.

A slider change recomputes only the trajectory it affects and redraws only the moving
artists (see `TrajectoryScene`); the contours are drawn once per surface. A Play button steps
through the run; a click on the contour panel moves the start there. A page without a kernel
shows instead an animated GIF of the runs, from step 0 to the last. An explorer of one
optimizer opens half-way along its path, where the arrows are long enough to read; a race
opens at the last step, where the result shows.

Every explorer also offers a learning-rate schedule (the chosen one's own sliders; its lr(t)
dashed on a second axis of the loss panel) and gradient noise σ with a fixed seed; in a race
both apply to every optimizer alike. A toggle turns the right panel from the loss to each
run's inner state (`optim.inner_panel`: effective lr or velocity per coordinate); the stored
GIF always shows the loss.
"""

from dataclasses import dataclass

import ipywidgets as widgets
import numpy as np

from optim import style
from optim.controls import (
    SLIDERS,
    STYLE,
    ExactSlider,
    hyperparameter_slider,
    noise_stops,
    optimizer_class,
    settings_of,
)
from optim.defaults import sensible_settings
from optim.gif import gif_bytes, img_tag
from optim.plotting import status_text
from optim.scene import (
    LiveFigure,
    TrajectoryScene,
    clicked_point,
    describe,
    live_image,
    watch_clicks,
)
from optim.schedule_controls import ScheduleControls
from optim.surfaces import SURFACES, get_surface
from optim.trajectory import as_start, check_noise, check_steps, run

MAX_STEPS = 5000
"""At most about 0.4 s per slider move (`make bench`: 12,000 to 20,000 steps/s)."""
ARROWS_LEGEND = (  # as large as the readout's other lines (a <small> was 11 px)
    "화살표: <b>검정</b> = 내리막 방향 −∇L (downhill), "
    "<b style='color:{color}'>색</b> = 다음 걸음 (next step)"
)
STORED_FRAMES = 26
"""At most this many frames (steps 0 to the last, evenly spread: every 4th of 100) in the GIF a
page without a kernel shows. They are drawn at the live figure's size on its background as
drawn (no second full draw), about 0.3 s when the explorer is displayed (`make bench`); a test
keeps the lecture's largest two under 250 kB."""
STORED_INTERVAL, STORED_HOLD = 100, 1500  # ms per frame; the last one's, before the loop


@dataclass
class Entry:
    """One optimizer in an explorer: its class, settings, sliders and run."""

    cls: type
    settings: dict
    sliders: dict
    color: str
    trajectory: object = None

    def optimizer(self):
        return self.cls(**self.settings)

    def label(self):
        values = ", ".join(
            f"{name}={value:.3g}" for name, value in self.settings.items() if name in SLIDERS
        )
        return f"{self.cls.__name__} ({values})"


def checked_setup(surface, start, steps):
    """(surface, start, steps) of an explorer, checked: the start inside the start sliders'
    range (the surface's window), at most MAX_STEPS steps."""
    surface = get_surface(surface)
    start = as_start(surface, start)
    if start.shape != (2,):
        raise ValueError(f"start must be one point (x, y), got {start!r}")
    xmin, xmax, ymin, ymax = surface.window
    if not (xmin <= start[0] <= xmax and ymin <= start[1] <= ymax):
        raise ValueError(
            f"start ({start[0]:g}, {start[1]:g}) is outside the start sliders, which span "
            f"the {surface.name} surface's window: x in [{xmin:g}, {xmax:g}], "
            f"y in [{ymin:g}, {ymax:g}]"
        )
    steps = check_steps(steps, minimum=1, maximum=None)  # MAX_STEPS below says why
    if steps > MAX_STEPS:
        raise ValueError(
            f"steps must be at most {MAX_STEPS} in an explorer, which reruns on every slider "
            f"move, got {steps}; use run() for longer runs"
        )
    return surface, start, steps


class TrajectoryExplorer(LiveFigure):
    """Optimizers on one surface with sliders, a Play button and a live figure."""

    def __init__(self, entries, surface="book", start=None, steps=100, arrows=True, **randomness):
        """randomness: schedule=None, noise=0.0, seed=0 (as `explore` takes them)."""
        self.entries, self.arrows = entries, arrows
        self._moving_start = False  # True while a surface change moves the start and lr sliders
        # (slot, setting) the learner moved (slider or box) since opening or the last surface
        # change: a surface change keeps those and sets the others' lr to the surface's own.
        self._moved, self._notice = set(), ""
        surface, start, steps = checked_setup(surface, start, steps)
        self._make_controls(surface, start, steps)
        self._make_schedule_and_noise(surface, steps, **randomness)
        self._make_figure(surface)
        self._watch_controls()
        self.widget = self._layout()

    def _make_controls(self, surface, start, steps):
        """The run's controls (surface, steps, start), Play and the step slider, the readout."""
        self.steps = widgets.IntSlider(steps, 1, max(500, steps), description="steps")
        # the registered surfaces, and a Surface object given (optim.landscape's slice) by name
        self.surfaces = {**SURFACES, surface.name: surface}
        self.surface = widgets.Dropdown(
            options=[(s.title, name) for name, s in self.surfaces.items()],
            value=surface.name,
            description="surface",
            style=STYLE,
            layout=widgets.Layout(width="560px"),
        )
        self.x0, self.y0 = (
            ExactSlider(f"{label}₀", value, start_stops(low, high))
            for label, value, (low, high) in zip(
                surface.axis_labels, start, np.reshape(surface.window, (2, 2)), strict=True
            )
        )
        self.play = widgets.Play(value=steps, min=0, max=steps, interval=50, description="Play")
        self.step = widgets.IntSlider(steps, 0, steps, description="step")
        widgets.jslink((self.play, "value"), (self.step, "value"))
        self.image = live_image()
        self.clicks = watch_clicks(self.image, self.on_click)
        self.panel = widgets.ToggleButtons(  # what the right panel shows; no label: one row
            options=[("손실 (loss)", "loss"), ("내부 상태 (inner state)", "inner")],
            value="loss",
            style={"button_width": "auto"},
            tooltips=[
                "걸음마다의 손실 (loss per step)",
                "좌표별 유효 학습률 또는 속도 (effective lr or velocity per coordinate)",
            ],
        )
        self.readout = widgets.HTML()

    def _make_schedule_and_noise(self, surface, steps, schedule=None, noise=0.0, seed=0):
        """The schedule choice with its sliders, the noise slider σ and the fixed seed: every
        setting draws the same N(0, 1) numbers, scaled by σ, so moving lr with noise on shows
        the effect of lr, not of a new draw."""
        noise, seed = check_noise(noise, seed)
        if seed is None:
            raise ValueError("seed must be a whole number >= 0 in an explorer (one fixed seed)")
        self.seed = seed
        values = noise_stops(surface)
        if noise > values[-1]:
            raise ValueError(
                f"noise={noise!r} is outside the noise slider's range [0, {values[-1]:g}] on "
                f"the {surface.name} surface (up to |∇L| at its start, rounded up to a power "
                f"of ten)"
            )
        self.noise = ExactSlider("noise σ", noise, values, log=True)
        self.schedule = ScheduleControls(schedule, steps)

    def _make_figure(self, surface):
        """The scene with every run computed, shown half-way (with arrows) or at the end."""
        names = [entry.cls.__name__ for entry in self.entries]  # the settings: in the readout
        colors = [entry.color for entry in self.entries]
        self.scene = TrajectoryScene(surface, names, colors, self.arrows, counter=False)
        self._rerun(self.entries)
        if self.arrows:
            self.play.value = self.step.value = halfway_step(self.entries[0].trajectory)
        self._show()

    def _watch_controls(self):
        for slot, entry in enumerate(self.entries):
            for name, slider in entry.sliders.items():
                slider.observe(
                    lambda _, e=entry, key=(slot, name): self._on_setting(e, key), names="value"
                )
        self.surface.observe(self._on_surface, names="value")
        for control in (self.x0, self.y0, self.steps):
            control.observe(self._on_run, names="value")
        for control in (self.noise, *self.schedule.controls()):
            control.observe(self._on_every_run, names="value")
        self.play.observe(self._on_play, names="playing")
        self.panel.observe(self._on_panel, names="value")
        self.step.observe(lambda _: self._show(), names="value")

    def _layout(self):
        return widgets.VBox(
            [
                widgets.VBox([self._slider_row(e) for e in self.entries]),
                widgets.HBox([self.surface, self.steps]),
                widgets.HBox([self.x0, self.y0]),
                widgets.HBox([self.schedule.choice, self.noise, self.panel]),
                self.schedule.row,  # the chosen schedule's sliders
                self.image,
                # Top-aligned: stretched to the readout's height, Play became a tall grey box.
                widgets.HBox(
                    [self.play, self.step, self.readout],
                    layout=widgets.Layout(align_items="flex-start"),
                ),
            ]
        )

    def _slider_row(self, entry):
        name = widgets.HTML(f"<b style='color:{entry.color}'>{entry.cls.__name__}</b>")
        return widgets.HBox([name, *entry.sliders.values()])

    def _set_start_range(self, surface, start):
        xmin, xmax, ymin, ymax = surface.window
        self.x0.set_stops(start_stops(xmin, xmax), start[0])
        self.y0.set_stops(start_stops(ymin, ymax), start[1])

    def _compute(self, entry):
        for name, slider in entry.sliders.items():
            entry.settings[name] = slider.value
        start = (self.x0.value, self.y0.value)
        surface = self.surfaces[self.surface.value]
        entry.trajectory = run(
            entry.optimizer(), surface, start, self.steps.value, **self.randomness()
        )

    def randomness(self):
        """The schedule, noise and seed every run of the explorer gets, as `run` takes them."""
        return {"schedule": self.schedule.schedule(), "noise": self.noise.value, "seed": self.seed}

    def _rerun(self, entries):
        """Run `entries` again and give the scene every run."""
        for entry in entries:
            self._compute(entry)
        self._set_runs()

    def _set_runs(self):
        on = self.schedule.choice.value != "constant"
        bases = [entry.settings["lr"] for entry in self.entries] if on else None
        trajectories = [entry.trajectory for entry in self.entries]
        self.scene.set_runs(trajectories, self.steps.value, bases)

    def _show(self):
        k = self.step.value
        self.scene.show(k)
        lines, schedule = [], self.schedule.schedule()
        for entry in self.entries:
            trajectory = entry.trajectory
            at = min(k, trajectory.steps)
            now = "" if schedule is None else f" · lr {scheduled_lr(entry, schedule, k):.4g}"
            lines.append(
                f"<span style='color:{entry.color}'>●</span> {entry.label()}: "
                f"loss {trajectory.losses[at]:.6g}{now} · {status_text(trajectory, k)}"
            )
        lines += self.randomness_lines(schedule)
        if self.arrows:
            lines.append(ARROWS_LEGEND.format(color=self.entries[0].color))
        notice = f"<br>{self._notice}" if self._notice else ""
        self.readout.value = f"<b>step {k}/{self.steps.value}</b>{notice}<br>" + "<br>".join(lines)
        self.image.value = self.scene.frame()

    def _on_panel(self, change):
        """The right panel turned to the loss or to the inner state: the runs as they are."""
        self.scene.set_panel(change["new"])
        self._show()

    def _on_play(self, change):
        """Play pressed at the last step: start again from step 0 (ipywidgets would just stop)."""
        if change["new"] and self.play.value >= self.play.max:
            self.play.value = 0

    def _on_setting(self, entry, key):
        if self._moving_start:  # a surface change sets it; `_on_run` then reruns everything
            return
        self._moved.add(key)
        self._notice = ""
        self._rerun([entry])
        self._show()

    def randomness_lines(self, schedule):
        """The readout's lines on the schedule and the noise, when they are on."""
        every = len(self.entries) > 1
        lines = []
        if schedule is not None:
            lines.append(
                f"학습률 스케줄 (schedule): {schedule!r}, lr(t) = 점선 (dashed)"
                + (" · 모든 optimizer에 같은 스케줄, 각자의 lr에서 시작" if every else "")
            )
        if self.noise.value:
            lines.append(
                f"기울기 잡음 (gradient noise) σ = {self.noise.value:.4g}, seed {self.seed}"
                + (" · 모든 optimizer에 같은 잡음" if every else "")
            )
        return lines

    def _on_every_run(self, _change=None):
        """The schedule or the noise changed: every run again, at the same step."""
        if self._moving_start:
            return
        self._rerun(self.entries)
        self._show()

    def _on_run(self, _change=None):
        """Start, steps or surface changed: recompute every run and show it whole."""
        if self._moving_start:
            return
        steps = self.steps.value
        self.play.max = self.step.max = steps
        self._moving_start = True  # whole-number schedule settings follow steps: no rerun
        try:
            self.schedule.set_steps(steps)
        finally:
            self._moving_start = False
        self._rerun(self.entries)
        if self.step.value != steps:
            self.step.value = steps  # its observer shows the frame
        else:
            self._show()

    def on_click(self, event):
        """A click on the contour panel moves the start there, to the start sliders' nearest
        stops, and reruns everything; a click anywhere else does nothing."""
        point = clicked_point(event, self.scene.fig, self.scene.ax)
        if point is None:
            return
        start = [nearest_stop(s.stops, v) for s, v in zip((self.x0, self.y0), point, strict=True)]
        if start == [self.x0.value, self.y0.value]:
            return
        self._moving_start = True  # one rerun for both sliders
        try:
            self.x0.value, self.y0.value = start
        finally:
            self._moving_start = False
        self._on_run()

    def _on_surface(self, _change):
        surface = self.surfaces[self.surface.value]
        self._moving_start = True
        try:
            self._set_start_range(surface, surface.start)
            self._notice = self._follow_surface(surface)
            # the same level relative to the new surface's gradients
            values = noise_stops(surface)
            self.noise.set_stops(values, self.noise.value * values[-1] / self.noise.max)
        finally:
            self._moving_start = False
        self.x0.description, self.y0.description = (f"{label}₀" for label in surface.axis_labels)
        self.scene.set_surface(surface)
        self._on_run()

    def _follow_surface(self, surface):
        """Set each lr the learner has not moved to the surface's sensible one (derived for
        the optimizer's momentum as it stands); return the readout's line saying so."""
        changed, kept = [], []
        for slot, entry in enumerate(self.entries):
            name, slider = entry.cls.__name__, entry.sliders["lr"]
            if (slot, "lr") in self._moved:
                kept.append((name, slider.value))
                continue
            held = {k: entry.settings[k] for k in ("momentum",) if k in entry.settings}
            slider.value = sensible_settings(name, surface, **held)["lr"]
            changed.append((name, slider.value))
        self._moved.clear()
        return surface_notice(changed, kept, len(self.entries) > 1)

    def summary(self):
        names = " vs ".join(e.label() for e in self.entries)
        extra = self.randomness()
        schedule = "" if extra["schedule"] is None else f", schedule {extra['schedule']!r}"
        noise = f", noise {extra['noise']:.4g} (seed {self.seed})" if extra["noise"] else ""
        return f"{names} on {self.surface.value}, {self.steps.value} steps{schedule}{noise}"

    def stored_steps(self):
        """The steps the stored GIF shows: 0 to the last, at most STORED_FRAMES of them."""
        last = self.steps.value
        return np.unique(np.linspace(0, last, min(last + 1, STORED_FRAMES)).round().astype(int))

    def gif(self):
        """The runs as they stand (at first display: the explorer's default run), from step 0
        to the last, as GIF bytes: what a page without a kernel shows."""
        steps = self.stored_steps()
        durations = [STORED_INTERVAL] * (len(steps) - 1) + [STORED_HOLD]
        return gif_bytes(self.scene.frames(steps), durations, self.description())

    def description(self):
        labels = [entry.label() for entry in self.entries]
        return describe(labels, self.surfaces[self.surface.value], self.steps.value)

    def stored_view(self):
        """An animated GIF in an <img>: nbconvert's HTML exporter (used by nbviewer) ranks
        text/html but not image/gif. Its bytes depend only on the runs (stable under nbval)."""
        return {"text/html": img_tag(self.gif(), self.description())}


def scheduled_lr(entry, schedule, k):
    """The lr of update k + 1 of `entry`'s run: recorded in its `lrs`, or (after the run's
    last update) the schedule's."""
    lrs = entry.trajectory.lrs
    return float(lrs[k]) if k < len(lrs) else schedule.lr_at(entry.settings["lr"], k)


def surface_notice(changed, kept, names=True):
    """The readout's line after a surface change: the lrs set to the surface's sensible ones
    and those kept because the learner moved them; (name, lr) pairs."""

    def listed(pairs):
        return ", ".join(f"{n} {v:.4g}" if names else f"{v:.4g}" for n, v in pairs)

    parts = []
    if changed:
        parts.append(f"곡면에 맞춰 lr을 바꿨습니다: {listed(changed)}.")
    if kept:
        parts.append(f"직접 옮긴 lr은 그대로 둡니다: {listed(kept)}.")
    return " ".join(parts)


def nearest_stop(stops, value):
    """The stop closest to `value` (the lower one of a tie)."""
    return float(stops[int(np.argmin(np.abs(np.asarray(stops) - value)))])


def start_stops(low, high):
    """The start sliders' stops: 200 steps across the surface's window."""
    return np.round(np.linspace(low, high, 201), 10)


def halfway_step(trajectory):
    """The first step k at which the path travelled reaches half its whole length; the last
    step of a run that diverged, so that its mark shows."""
    if trajectory.diverged_at is not None:
        return trajectory.steps
    lengths = np.hypot(*np.diff(trajectory.positions, axis=0).T)
    travelled = np.cumsum(lengths)
    if not travelled.size or not np.isfinite(travelled[-1]) or travelled[-1] == 0:
        return trajectory.steps
    return int(np.searchsorted(travelled, travelled[-1] / 2)) + 1


def explore(
    optimizer="Momentum",
    surface="book",
    start=None,
    steps=100,
    schedule=None,
    noise=0.0,
    seed=0,
    **settings,
):
    """An explorer for one optimizer: a slider for each of its hyperparameters (not eps).

    schedule: None (a constant lr), a name from `optim.schedule_controls.SCHEDULE_CHOICES` (its
    default settings) or a schedule object (its settings become the sliders' values);
    noise: the gradient noise σ >= 0, within the noise slider's range; seed: the fixed seed
    of the noise, the same for every setting.
    """
    cls = optimizer_class(optimizer)
    values, shown = settings_of(cls, settings, shown=cls().hyperparameters)
    sliders = {name: hyperparameter_slider(name, values[name]) for name in shown}
    entry = Entry(cls, values, sliders, style.COLORS[cls.__name__])
    randomness = {"schedule": schedule, "noise": noise, "seed": seed}
    return TrajectoryExplorer([entry], surface, start, steps, **randomness)


def race(optimizers, surface="book", start=None, steps=100, schedule=None, noise=0.0, seed=0):
    """Several optimizers on one surface, each with its own lr slider and colour.

    `optimizers` maps a name to its settings, e.g. {'SGD': {'lr': 0.95}, 'Adam': {'lr': 0.3}}.
    schedule, noise, seed: as in `explore`, the same for every optimizer (each schedule
    starts from the optimizer's own lr; every run sees the same noise draws).
    """
    if not isinstance(optimizers, dict) or not all(
        isinstance(s, dict) for s in optimizers.values()
    ):
        raise TypeError(
            "race needs a dict of optimizer name -> settings dict, e.g. "
            f"{{'SGD': {{'lr': 0.95}}, 'Adam': {{'lr': 0.3}}}}, got {optimizers!r}"
        )
    entries = []
    for name, settings in optimizers.items():
        cls = optimizer_class(name)
        values, _ = settings_of(cls, settings, shown=())
        sliders = {"lr": hyperparameter_slider("lr", values["lr"])}
        entries.append(Entry(cls, values, sliders, style.COLORS[cls.__name__]))
    if not entries:
        raise ValueError("race needs at least one optimizer, e.g. {'SGD': {'lr': 0.1}}")
    randomness = {"schedule": schedule, "noise": noise, "seed": seed}
    return TrajectoryExplorer(entries, surface, start, steps, len(entries) == 1, **randomness)
