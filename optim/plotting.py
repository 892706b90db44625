"""Drawing a surface and trajectories on it: the pieces every figure, explorer and GIF share.

The background (contours, minima) is drawn once per surface; a `PathView` owns the moving
parts of one trajectory and `show(trajectory, k)` only updates their data.
"""

import io

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullFormatter
from matplotlib.transforms import ScaledTranslation, Transform

from optim import style
from optim.surfaces import get_surface
from optim.validation import check_whole

MAX_RESOLUTION = 2000
"""`draw_surface` evaluates at most this many points a side (4 million)."""

GAP_FLOOR = 1e-16
"""Loss gaps are drawn on a log axis; a gap of exactly 0 is shown at this floor."""

TITLE_WIDTH = 48
"""Characters in a line of a surface's title: a longer title (Beale's) breaks into lines."""


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
    """Contour levels for the values z: log-spaced above the minimum where the surface asks
    (above 0 where the minimum is not known: such a log surface is positive)."""
    if surface.log_scale:
        base = surface.min_value if np.isfinite(surface.min_value) else 0.0
        gap = z - base
        low = max(np.percentile(gap, 0.5), 1e-3 * gap.max(), GAP_FLOOR)
        return base + np.geomspace(low, gap.max(), 20)
    return np.linspace(z.min(), z.max(), 20)


def draw_surface(ax, surface, resolution=None):
    """Contours of `surface` over its window, its minima as stars, labels and limits, on a
    grid of `resolution` points per axis (default: the surface's own, 150 for most).

    Returns the lowest and highest value on the grid.
    """
    ax, surface = check_axes(ax), get_surface(surface)
    resolution = surface.resolution if resolution is None else resolution
    resolution = check_whole("resolution", resolution, 2, MAX_RESOLUTION)
    xmin, xmax, ymin, ymax = surface.window
    x, y = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    z = surface.value(x, y)
    levels = contour_levels(surface, z)
    ax.contourf(x, y, z, levels=levels, cmap="Greys", alpha=0.35, extend="both")
    ax.contour(x, y, z, levels=levels, colors="0.45", linewidths=0.8)
    for mx, my in surface.minima:
        ax.plot(mx, my, "*", color=style.MINIMUM_COLOR, ms=16, mec="k", zorder=5)
    ax.set(xlim=(xmin, xmax), ylim=(ymin, ymax), title=wrap_title(surface.title))
    ax.set_xlabel(surface.axis_labels[0])
    ax.set_ylabel(surface.axis_labels[1])
    ax.tick_params(axis="x", pad=6)  # the first x label clear of the lowest y label
    return float(z.min()), float(z.max())


def wrap_title(title, width=TITLE_WIDTH):
    """`title` in lines of at most `width` characters, broken only outside parentheses and
    before a '+', so that no bracket and no term is split: 'f = (a + b)² + (c + d)²' may
    become 'f = (a + b)²' and '+ (c + d)²'."""
    words, depth = [""], 0
    for char in title:
        depth += (char == "(") - (char == ")")
        if char == " " and depth == 0 and words[-1] != "+":
            words.append("")
        else:
            words[-1] += char
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] += " " + word
    return "\n".join(lines)


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


class InsideAxes(Transform):
    """Display coordinates pulled `margin` points inside the box of `ax`, at draw time: a mark
    of that half-size stays whole inside the axes, off the title and the tick labels, at
    whatever size the layout gives the axes."""

    input_dims = output_dims = 2

    def __init__(self, ax, margin):
        super().__init__()
        self.ax, self.margin = ax, margin
        self.set_children(ax.bbox)

    def transform_non_affine(self, values):
        box, inset = self.ax.bbox, self.margin * self.ax.figure.dpi / 72
        low, high = (box.x0 + inset, box.y0 + inset), (box.x1 - inset, box.y1 - inset)
        return np.clip(values, low, np.maximum(low, high))


def diverged_mark(ax, ms):
    """The X where a run left (no point yet): white, edged in black, seen on any background,
    above the notes. Pulled inside the axes by its half-size and edge, so that a point at the
    window's edge is drawn whole and covers no title or tick label."""
    (mark,) = ax.plot(
        [],
        [],
        "X",
        color=style.DIVERGED_COLOR,
        ms=ms,
        mec="k",
        zorder=11,
        clip_on=False,
        transform=ax.transData + InsideAxes(ax, ms / 2 + 1),
    )
    mark.set_in_layout(False)
    return mark


class PathView:
    """The moving parts of one trajectory on a surface's Axes."""

    def __init__(self, ax, color, label=None, arrows=True, slot=0):
        xmin, xmax, ymin, ymax = ax.get_xlim() + ax.get_ylim()
        self.window = (xmin, xmax, ymin, ymax)
        self.arrow_length = 0.12 * max(xmax - xmin, ymax - ymin)
        (self.path,) = ax.plot([], [], "-o", color=color, ms=3, label=label, zorder=6)
        (self.point,) = ax.plot([], [], "o", color=color, ms=11, mec="k", zorder=8)
        self.note = ax.text(
            0.02,
            0.03,
            "",
            transform=note_transform(ax, NOTE_STEP * slot),
            color=color,
            fontsize=15,
            fontweight="bold",
            zorder=10,
            bbox={"facecolor": "white", "edgecolor": color},
        )
        self.diverged = diverged_mark(ax, ms=22)
        self.note.set_visible(False)
        self.arrows = None
        if arrows:
            self.arrows = ax.quiver(
                [0, 0],
                [0, 0],
                [0, 0],
                [0, 0],
                color=[style.GRADIENT_COLOR, color],
                edgecolor="k",
                linewidth=0.8,
                angles="xy",
                scale_units="xy",
                scale=1,
                width=0.006,
                zorder=7,
            )

    def artists(self):
        """Everything this view moves, for a `Scene` to track."""
        moving = [self.path, self.point, self.diverged, self.note]
        return moving if self.arrows is None else [*moving, self.arrows]

    def mark_fraction(self):
        """Where the X is, in fractions of the window (0 to 1 each way)."""
        xmin, xmax, ymin, ymax = self.window
        x, y = self.diverged.get_xydata()[0]
        return (x - xmin) / (xmax - xmin), (y - ymin) / (ymax - ymin)

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


NOTE_CORNERS = (
    (0.02, 0.03, "left", "bottom"),
    (0.02, 0.97, "left", "top"),
    (0.98, 0.03, "right", "bottom"),
    (0.98, 0.97, "right", "top"),
)
"""Where `stack_notes` may put the notes, in this order: (x, y, ha, va) in axes fractions."""
NOTE_STEP = 30  # points from one stacked note to the next (a note is 27 points high)


def note_transform(ax, points):
    """Axes fractions moved up by `points` (down if negative), at whatever size the axes get."""
    return ax.transAxes + ScaledTranslation(0, points / 72, ax.figure.dpi_scale_trans)


def stack_notes(views):
    """Stack the shown notes of `views` (on one Axes) in the first corner that no X covers.

    A note is assumed to span at most 60 % of the axes' width (it does in every lecture figure).
    """
    shown = [view for view in views if view.note.get_visible()]
    if not shown:
        return
    ax = shown[0].note.axes
    marks = [view.mark_fraction() for view in views if len(view.diverged.get_xdata())]
    height = ax.bbox.height * 72 / ax.figure.dpi  # in points
    reach = 0.03 + (NOTE_STEP * len(shown) + 12) / height  # the notes and half an X beyond

    def free(corner):
        _, _, ha, va = corner
        across = (lambda fx: fx < 0.6) if ha == "left" else (lambda fx: fx > 0.4)
        along = (lambda fy: fy < reach) if va == "bottom" else (lambda fy: fy > 1 - reach)
        return not any(across(fx) and along(fy) for fx, fy in marks)

    x, y, ha, va = next((corner for corner in NOTE_CORNERS if free(corner)), NOTE_CORNERS[0])
    step = NOTE_STEP if va == "bottom" else -NOTE_STEP
    for slot, view in enumerate(shown):
        view.note.set(position=(x, y), ha=ha, va=va, transform=note_transform(ax, step * slot))


def loss_scale(surface):
    """How the loss panel shows the loss: "gap", the gap to the known minimum on a log axis;
    "log", the loss itself on a log axis (a log surface whose minimum is not known, NaN, such
    as a slice of a network's loss); "linear", the loss itself (the saddle)."""
    if np.isfinite(surface.min_value):
        return "gap"
    return "log" if surface.log_scale and np.isnan(surface.min_value) else "linear"


def draw_loss_axes(ax, surface, steps, value_range):
    """Axes for loss against step, with fixed limits so that frames never rescale them.

    Where the minimum is known, the gap to it is drawn on a log scale from 1e-10 up to the
    power of ten at or above the highest gap in the view window (at least 1). Where it is not
    known on a log surface, the loss itself on a log scale between the powers of ten around
    `value_range`; otherwise the loss itself over `value_range`.
    """
    surface = get_surface(surface)
    _, ylim = loss_limits(surface, steps, value_range)
    step_axis(ax, steps)
    scale = loss_scale(surface)
    ax.set_ylabel("손실 − 최솟값 (loss − min)" if scale == "gap" else "손실 (loss)")
    if scale != "linear":
        log_powers(ax)
    ax.set_ylim(ylim)
    ax.grid(True, alpha=0.3)


def step_axis(ax, last, label="걸음 (step)"):
    """x: steps 0 .. `last` (at least 1), whole-number ticks, labelled `label`."""
    ax.set_xlabel(label)
    ax.set_xlim(0, max(last, 1))
    ax.xaxis.set_major_locator(MaxNLocator("auto", integer=True, steps=[1, 2, 2.5, 5, 10]))
    ax.tick_params(axis="x", pad=6)  # the end labels clear of the lowest y labels


def log_powers(ax):
    """y on a log scale, its ticks labelled 10ᵏ in plain text and no minor labels."""
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(FuncFormatter(power_of_ten))
    ax.yaxis.set_minor_formatter(NullFormatter())


def decades(low, high):
    """(10ᵃ, 10ᵇ): the powers of ten at or below `low` > 0 and at or above `high`, at least
    a decade apart, so that values moving within them keep the limits."""
    bottom, top = np.floor(np.log10(low)), np.ceil(np.log10(high))
    return float(10.0**bottom), float(10.0 ** max(top, bottom + 1))


def loss_limits(surface, steps, value_range):
    """The (xlim, ylim) of `draw_loss_axes`: a figure redraws its loss axes when they change."""
    surface = get_surface(surface)
    low, high = value_range
    xlim = (0, max(steps, 1))
    scale = loss_scale(surface)
    if scale == "gap":
        top = max(high - surface.min_value, 1.0)
        return xlim, (1e-10, float(10 ** np.ceil(np.log10(top))))
    if scale == "log":
        return xlim, decades(max(low, GAP_FLOOR), max(high, GAP_FLOOR))
    return xlim, (low - 0.1 * (high - low), high)


SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value, _position=None):
    """Tick label 10⁻³ in plain text (mathtext would need a minus sign NanumGothic lacks)."""
    exponent = int(round(np.log10(value)))
    return "10" + str(exponent).translate(SUPERSCRIPT)


def loss_curve(trajectory, surface):
    """The y-values `draw_loss_axes` expects for this trajectory."""
    surface = get_surface(surface)
    scale = loss_scale(surface)
    if scale == "gap":
        return np.maximum(trajectory.losses - surface.min_value, GAP_FLOOR)
    return np.maximum(trajectory.losses, GAP_FLOOR) if scale == "log" else trajectory.losses
