"""The explorers' right panel in its second view: each run's inner state, step by step.

`InnerPanel` shares the loss panel's place in a `TrajectoryScene` (the same grid cell; only
one of the two shows). Per run and coordinate it draws what `optim.inner.inner_state` finds:
the effective lr (SGD α, AdaGrad and RMSprop α/(√h + ε), Adam α/(√v̂ + ε), a schedule's α
included) on a log axis, or Momentum's and Nesterov's velocity V on a linear one (on the
right, beside the effective lr, when a race has both kinds); x solid, y dashed, in the run's
colour, with a dot at the current step. A run that diverged ends in the white X of the
contour panel. The states are computed once per trajectory: showing a step costs no rerun.
"""

import numpy as np
from matplotlib.ticker import FuncFormatter, MaxNLocator

from optim import style
from optim.inner import inner_state
from optim.plotting import decades, diverged_mark, log_powers, step_axis
from optim.surfaces import get_surface

LINESTYLES = ("-", "--")  # x, y


class InnerPanel:
    """The effective-lr axes and the velocity axes of the right panel, and each run's lines."""

    def __init__(self, scene):
        self.scene = scene
        fig, spec = scene.fig, scene.loss_ax.get_subplotspec()
        self.lr_ax = fig.add_subplot(spec)
        self.v_ax = fig.add_subplot(spec)
        self.v_ax.patch.set_visible(False)  # the effective lr's grid shows through
        self.states, self.kinds, self.artists = [], [], []  # per slot
        self.shown, self._limits = False, None

    def clear(self):
        """A new surface: empty axes, no runs (`set_runs` draws them again)."""
        for group in self.artists:
            for artist in group:
                self.scene.moving.remove(artist)
        for ax in self.axes():
            ax.clear()
        self.v_ax.patch.set_visible(False)
        self.states, self.kinds, self.artists, self._limits = [], [], [], None

    def axes(self):
        return [self.lr_ax, self.v_ax]

    def both(self):
        """Whether the runs need both axes (the velocity's then on the right)."""
        return self._used() == self.axes()

    def _used(self):
        """The axes the runs need: the effective lr's, the velocity's or both."""
        return [ax for ax, kind in ((self.lr_ax, "lr"), (self.v_ax, "v")) if kind in self.kinds]

    def set_shown(self, shown):
        """Show the panel (its axes in the layout, its artists drawn) or hide it."""
        self.shown = shown
        used = self._used() if shown else []
        for ax in self.axes():
            ax.set_visible(ax in used)
            ax.set_in_layout(ax in used)
        for group in self.artists:
            for artist in group:
                artist.set_visible(shown)

    def set_runs(self, trajectories):
        """The inner state of each run (computed again only for a new trajectory); the axes
        drawn again when their limits change. Returns True if they did (a new background)."""
        old = {id(t): state for t, state in self.states}
        self.states = [(t, old.get(id(t)) or inner_state(t)) for t in trajectories]
        kinds = ["v" if state.velocity is not None else "lr" for _, state in self.states]
        if kinds != self.kinds:
            self._make_artists(kinds)
        limits = (self.scene.last, *self._value_limits())
        if limits == self._limits:
            return False
        self._limits = limits
        self._draw_axes(*limits)
        return True

    def _make_artists(self, kinds):
        """Per run: x and y lines, the dots at the current step, the X of a divergence."""
        for group in self.artists:
            for artist in group:
                self.scene.moving.remove(artist)
                artist.remove()
        self.kinds, self.artists = kinds, []
        for kind, color in zip(kinds, self.scene.colors, strict=True):
            ax = self.lr_ax if kind == "lr" else self.v_ax
            lines = [ax.plot([], [], ls, color=color, lw=1.8)[0] for ls in LINESTYLES]
            (dots,) = ax.plot([], [], "o", color=color, ms=7, mec="k", clip_on=False)
            mark = diverged_mark(ax, ms=14)
            group = [*lines, dots, mark]
            self.scene.track(*group)
            self.artists.append(group)
        self.set_shown(self.shown)

    def _value_limits(self):
        """(effective lr's, velocity's) limits: whole decades around every effective lr; ±
        a 1-2-5 number above every |V|. Rounded so that small setting changes keep them."""
        lrs, vs = [], []
        for _, state in self.states:
            values = state.velocity if state.velocity is not None else state.effective_lr
            values = values[np.isfinite(values)]
            (vs if state.velocity is not None else lrs).append(np.abs(values))
        lrs = np.concatenate(lrs) if lrs else np.zeros(0)
        lrs = lrs[lrs > 0]
        lr_limits = decades(lrs.min(), lrs.max()) if lrs.size else (1e-4, 1.0)
        top = float(np.concatenate(vs).max()) if vs and np.concatenate(vs).size else 0.0
        return lr_limits, (-nice_ceiling(top), nice_ceiling(top))

    def _draw_axes(self, last, lr_limits, v_limits):
        """Labels, scales and limits; with both kinds the velocity's axis on the right."""
        x, y = get_surface(self.scene.surface).axis_labels
        key = f"실선 {x}, 점선 {y}"  # under the axes: a y label as long reached the title
        both = self.both()
        for ax in self.axes():
            step_axis(ax, last, f"걸음 (step) · {key}")
        log_powers(self.lr_ax)
        self.lr_ax.set_ylim(lr_limits)
        self.lr_ax.set_ylabel("유효 학습률 (effective lr)")
        self.lr_ax.grid(True, alpha=0.3)
        self.v_ax.set_ylim(v_limits)
        self.v_ax.axhline(0, color=style.EXTRA_COLORS[2], lw=1, zorder=0)
        self.v_ax.set_ylabel("속도 V (velocity)")
        self.v_ax.yaxis.set_major_locator(MaxNLocator(4, steps=[1, 2, 5, 10], symmetric=True))
        self.v_ax.yaxis.set_major_formatter(FuncFormatter(short_number))
        self.v_ax.yaxis.set_label_position("right" if both else "left")
        self.v_ax.yaxis.set_ticks_position("right" if both else "left")
        self.v_ax.xaxis.set_visible(not both)  # the effective lr's x axis serves both
        self.v_ax.grid(False)
        if not both:
            self.v_ax.grid(True, alpha=0.3)
        self.v_ax.patch.set_visible(not both)
        self.set_shown(self.shown)

    def show(self, k):
        """Step k (a run that ended stays at its end): lines over steps 1 .. k, dots at k."""
        for (trajectory, state), group, kind in zip(
            self.states, self.artists, self.kinds, strict=True
        ):
            *lines, dots, mark = group
            values = state.velocity if kind == "v" else state.effective_lr
            ax = self.v_ax if kind == "v" else self.lr_ax
            low, high = ax.get_ylim()
            shown = min(k, len(state.step))
            drawn = np.where(np.isfinite(values[:shown]), values[:shown], np.nan)
            if kind == "lr":  # 0 (a schedule's end) on the axis' floor, shown as such
                drawn = np.where(drawn > 0, drawn, low)
            drawn = np.clip(drawn, low, high)
            for column, line in enumerate(lines):
                line.set_data(state.step[:shown], drawn[:, column])
            at = drawn[shown - 1] if shown else np.zeros(0)
            dots.set_data(np.full(at.size, shown), at)
            ended = trajectory.diverged_at is not None and k >= trajectory.steps and shown > 0
            mark.set_data([shown] if ended else [], [at[0]] if ended else [])


def nice_ceiling(value):
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (1 for 0)."""
    if not value > 0 or not np.isfinite(value):
        return 1.0
    power = 10.0 ** np.floor(np.log10(value))
    return float(next(m * power for m in (1, 2, 5, 10) if m * power >= value * (1 - 1e-12)))


def short_number(value, _position=None):
    """A tick label without trailing zeros, with a true minus sign: −0.5, 0, 2."""
    return f"{value:g}".replace("-", "−")
