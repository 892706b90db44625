"""Drawing a surface and trajectories on it: the pieces every figure, explorer and GIF share.

The background (contours, minima) is drawn once per surface; a `PathView` owns the moving
parts of one trajectory and `show(trajectory, k)` only updates their data.
"""

import io

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from optim import style
from optim.surfaces import get_surface
from optim.validation import check_whole

MAX_RESOLUTION = 2000
"""`draw_surface` evaluates at most this many points a side (4 million)."""

GAP_FLOOR = 1e-16
"""Loss gaps are drawn on a log axis; a gap of exactly 0 is shown at this floor."""


def new_figure(width=11.0, height=5.0):
    """A pyplot-free Figure with an Agg canvas (no double display in notebooks, cheap PNGs)."""
    fig = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def png_bytes(fig):
    """Render `fig` to PNG bytes."""
    buffer = io.BytesIO()
    fig.canvas.print_png(buffer)
    return buffer.getvalue()


def show_figures_as_png(shell):
    """Let IPython `shell` display a pyplot-free Figure as PNG, unless something already does.

    Without `%matplotlib inline` (whose own formatter takes precedence) a Figure returned by a
    cell would show only as "<Figure size ...>".
    """
    formatter = shell.display_formatter.formatters["image/png"]
    try:
        formatter.lookup_by_type(Figure)
    except KeyError:
        formatter.for_type(Figure, png_bytes)


def check_axes(ax):
    """`ax` if it is a matplotlib Axes (e.g. from fig.add_subplot() or plt.subplots())."""
    if not isinstance(ax, Axes):
        raise TypeError(
            f"ax must be a matplotlib Axes, e.g. from plt.subplots(), got {type(ax).__name__} "
            f"{ax!r}"
        )
    return ax


def contour_levels(surface, z):
    """Contour levels for the values z: log-spaced above the minimum where the surface asks."""
    if surface.log_scale:
        gap = z - surface.min_value
        low = max(np.percentile(gap, 0.5), 1e-3 * gap.max(), GAP_FLOOR)
        return surface.min_value + np.geomspace(low, gap.max(), 20)
    return np.linspace(z.min(), z.max(), 20)


def draw_surface(ax, surface, resolution=150):
    """Contours of `surface` over its window, its minima as stars, labels and limits.

    Returns the lowest and highest value on the grid.
    """
    ax, surface = check_axes(ax), get_surface(surface)
    resolution = check_whole("resolution", resolution, 2, MAX_RESOLUTION)
    xmin, xmax, ymin, ymax = surface.window
    x, y = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    z = surface.value(x, y)
    levels = contour_levels(surface, z)
    ax.contourf(x, y, z, levels=levels, cmap="Greys", alpha=0.35, extend="both")
    ax.contour(x, y, z, levels=levels, colors="0.45", linewidths=0.8)
    for mx, my in surface.minima:
        ax.plot(mx, my, "*", color=style.MINIMUM_COLOR, ms=16, mec="k", zorder=5)
    ax.set(xlim=(xmin, xmax), ylim=(ymin, ymax), title=surface.title)
    ax.set_xlabel(surface.axis_labels[0])
    ax.set_ylabel(surface.axis_labels[1])
    return float(z.min()), float(z.max())


def status_text(trajectory, k):
    """Korean status of `trajectory` at step k: moving, converged at c, or diverged at d."""
    if trajectory.diverged_at is not None and k >= trajectory.steps:
        return f"발산 (diverged) at step {trajectory.diverged_at}: {trajectory.reason}"
    if trajectory.converged_at is not None and k >= trajectory.converged_at:
        return f"수렴 (converged) at step {trajectory.converged_at}"
    return "이동 중 (moving)"


def next_step(trajectory, k):
    """The displacement from position k to k + 1 (for Momentum, its velocity); 0 at the end."""
    if k < trajectory.steps:
        return trajectory.positions[k + 1] - trajectory.positions[k]
    return np.zeros(2)


class PathView:
    """The moving parts of one trajectory on a surface's Axes."""

    def __init__(self, ax, color, label=None, arrows=True, slot=0):
        xmin, xmax, ymin, ymax = ax.get_xlim() + ax.get_ylim()
        self.window = (xmin, xmax, ymin, ymax)
        self.arrow_length = 0.12 * max(xmax - xmin, ymax - ymin)
        (self.path,) = ax.plot([], [], "-o", color=color, ms=3, label=label, zorder=6)
        (self.point,) = ax.plot([], [], "o", color=color, ms=11, mec="k", zorder=8)
        self.note = ax.text(
            0.02, 0.03 + 0.09 * slot, "", transform=ax.transAxes, color=color, fontsize=15,
            fontweight="bold", zorder=10, bbox={"facecolor": "white", "edgecolor": color},
        )  # fmt: skip
        # The X where a run left sits on the window's edge: drawn whole, over the note, and
        # left out of the layout, so that it never shifts the axes.
        (self.diverged,) = ax.plot(
            [], [], "X", color=style.DIVERGED_COLOR, ms=22, mec="k", zorder=11, clip_on=False
        )
        self.diverged.set_in_layout(False)
        self.note.set_visible(False)
        self.arrows = None
        if arrows:
            self.arrows = ax.quiver(
                [0, 0], [0, 0], [0, 0], [0, 0],
                color=[style.GRADIENT_COLOR, color], edgecolor="k", linewidth=0.8,
                angles="xy", scale_units="xy", scale=1, width=0.006, zorder=7,
            )  # fmt: skip

    def artists(self):
        """Everything this view moves, for a `Scene` to track."""
        moving = [self.path, self.point, self.diverged, self.note]
        return moving if self.arrows is None else [*moving, self.arrows]

    def show(self, trajectory, k):
        """Draw `trajectory` up to step k (clipped to what it has)."""
        k = min(k, trajectory.steps)
        xy = trajectory.positions[: k + 1]
        self.path.set_data(xy[:, 0], xy[:, 1])
        self.point.set_data(xy[-1:, 0], xy[-1:, 1])
        ended = trajectory.diverged_at is not None and k == trajectory.steps
        xmin, xmax, ymin, ymax = self.window
        last = np.clip(xy[-1], (xmin, ymin), (xmax, ymax))  # at the edge if it flew off
        self.diverged.set_data([last[0]] if ended else [], [last[1]] if ended else [])
        self.note.set_visible(ended)
        self.note.set_text(f"발산 (diverged) at step {trajectory.diverged_at}" if ended else "")
        if self.arrows is not None:
            # Downhill direction, full length at the start, shrinking with the gradient.
            g, first = trajectory.gradients[k], np.hypot(*trajectory.gradients[0])
            norm = np.hypot(*g)
            scale = self.arrow_length * min(1.0, norm / first) / norm if norm > 0 else 0.0
            downhill = -g * scale
            uv = np.array([downhill, next_step(trajectory, k)])
            self.arrows.set_offsets(np.repeat(xy[-1:], 2, axis=0))
            self.arrows.set_UVC(uv[:, 0], uv[:, 1])


def draw_loss_axes(ax, surface, steps, value_range):
    """Axes for loss against step, with fixed limits so that frames never rescale them.

    Where the minimum is known, the gap to it is drawn on a log scale from 1e-10 up to the
    power of ten at or above the highest gap in the view window (at least 1); otherwise the
    loss itself over `value_range`.
    """
    surface = get_surface(surface)
    low, high = value_range
    ax.set_xlabel("걸음 (step)")
    ax.set_xlim(0, max(steps, 1))
    if np.isfinite(surface.min_value):
        ax.set_yscale("log")
        ax.set_ylabel("손실 − 최솟값 (loss − min)")
        top = max(high - surface.min_value, 1.0)
        ax.set_ylim(1e-10, 10 ** np.ceil(np.log10(top)))
        ax.yaxis.set_major_formatter(FuncFormatter(power_of_ten))
        ax.yaxis.set_minor_formatter(NullFormatter())
    else:
        ax.set_ylabel("손실 (loss)")
        ax.set_ylim(low - 0.1 * (high - low), high)
    ax.grid(True, alpha=0.3)


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value, _position=None):
    """Tick label 10⁻³ in plain text (mathtext would need a minus sign NanumGothic lacks)."""
    exponent = int(round(np.log10(value)))
    return "10" + str(exponent).translate(SUPERSCRIPT)


def loss_curve(trajectory, surface):
    """The y-values `draw_loss_axes` expects for this trajectory."""
    surface = get_surface(surface)
    if np.isfinite(surface.min_value):
        return np.maximum(trajectory.losses - surface.min_value, GAP_FLOOR)
    return trajectory.losses
