"""Static figures for the lecture: paths on contours, one panel per optimizer, 3D, loss curves.

Every function returns a pyplot-free `Figure` (see `plotting.new_figure`): a notebook shows it
once through its PNG repr, and tests need no display. Trajectories are given as a list of
`Trajectory` (labelled by their optimizer) or as a dict label -> Trajectory. A run that
diverged ends in a red X with the step where it left ("발산 (diverged) at step k").
"""

import re

import numpy as np
from matplotlib.colors import is_color_like
from matplotlib.ticker import MaxNLocator

from optim import style
from optim.inner import inner_state
from optim.optimizers import OPTIMIZERS
from optim.plotting import (
    NOTE_STEP,
    PathView,
    check_axes,
    diverged_mark,
    draw_loss_axes,
    draw_surface,
    loss_curve,
    new_figure,
    note_transform,
    stack_notes,
    wrap_title,
)
from optim.surfaces import get_surface
from optim.trajectory import Trajectory, run
from optim.validation import check_finite, check_whole

MAX_RESOLUTION = 1000
"""`plot_3d` draws at most this many points a side."""

BOOK_SETTINGS = {
    "SGD": {"lr": 0.95},
    "Momentum": {"lr": 0.1},
    "AdaGrad": {"lr": 1.5},
    "Adam": {"lr": 0.3},
}
"""The settings of the reference book's figure 6-8 (x²/20 + y² from (−7, 2), 30 steps)."""


def book_runs(steps=30):
    """The four runs of the book's figure 6-8, as {'SGD (lr=0.95)': Trajectory, ...}."""
    return {
        f"{name} (lr={settings['lr']})": run(
            OPTIMIZERS[name](**settings), "book", (-7.0, 2.0), steps
        )
        for name, settings in BOOK_SETTINGS.items()
    }


def optimizer_name(trajectory):
    """The class name in `trajectory.optimizer`, e.g. 'Momentum' for 'Momentum(lr=0.1, ...)'."""
    return trajectory.optimizer.split("(", 1)[0]


def default_label(trajectory):
    """The optimizer's repr without eps, e.g. 'Adam(lr=0.3, beta1=0.9, beta2=0.999)'."""
    return re.sub(r",? ?eps=[^,)]*", "", trajectory.optimizer)


def entries(trajectories, labels=None, colors=None, surface=None):
    """[(label, colour, trajectory)], checked: single starts, on `surface`, labels matching.

    `trajectories` is one Trajectory, a list of them, or a dict label -> Trajectory.

    Colours default to the optimizer's lecture colour; a colour already taken (two runs of
    the same optimizer) is replaced by black, then greys, never another optimizer's colour.
    """
    if isinstance(trajectories, Trajectory):
        trajectories = [trajectories]
    if isinstance(trajectories, dict):
        labels = list(trajectories) if labels is None else labels
        where, trajectories = list(trajectories), list(trajectories.values())
    elif isinstance(trajectories, (str, bytes)) or not np.iterable(trajectories):
        raise TypeError(
            f"trajectories must be a Trajectory from run(...), a list of them, or a dict "
            f"label -> Trajectory; got {type(trajectories).__name__} {trajectories!r}"
        )
    else:
        trajectories = list(trajectories)
        where = range(len(trajectories))
    for key, trajectory in zip(where, trajectories):
        if not isinstance(trajectory, Trajectory):
            raise TypeError(
                f"trajectories[{key!r}] must be a Trajectory from run(...), got "
                f"{type(trajectory).__name__} {trajectory!r}"
            )
    labels = [default_label(t) for t in trajectories] if labels is None else labels
    for name, given, valid in (("labels", labels, is_label), ("colors", colors, is_color_like)):
        if given is None:
            continue
        if isinstance(given, (str, bytes)) or not np.iterable(given):
            raise TypeError(f"{name} must be a list, one per trajectory, got {given!r}")
        if len(list(given)) != len(trajectories):
            raise ValueError(f"got {len(list(given))} {name} for {len(trajectories)} trajectories")
        for i, item in enumerate(given):
            if not valid(item):
                kind = "a str" if name == "labels" else "a matplotlib colour such as 'C0'"
                raise ValueError(f"{name}[{i}] must be {kind}, got {item!r}")
    labels = list(labels)
    for trajectory in trajectories:
        if trajectory.positions.ndim != 2:
            raise ValueError(
                "plot one start at a time: got a batch of positions with shape "
                f"{trajectory.positions.shape}; pick one, e.g. with run(..., start=(x, y))"
            )
        if surface is not None and trajectory.surface != surface.name:
            raise ValueError(f"a trajectory on {trajectory.surface!r} drawn on {surface.name!r}")
    if colors is None:
        colors = []
        for trajectory in trajectories:
            color = style.COLORS.get(optimizer_name(trajectory), style.INK)
            if color in colors:
                color = next((c for c in style.EXTRA_COLORS if c not in colors), color)
            colors.append(color)
    return list(zip(labels, colors, trajectories))


def is_label(label):
    """A legend label: a str (a number or None would be no label, or fail in a repr)."""
    return isinstance(label, str)


def draw_path(ax, trajectory, color, label=None, arrows=False, slot=0):
    """The whole of `trajectory` on a surface's Axes; arrows=True marks each step's direction."""
    view = PathView(ax, color, label=label, arrows=False, slot=slot)
    view.show(trajectory, trajectory.steps)
    if arrows and trajectory.steps:
        xy = trajectory.positions
        step = np.diff(xy, axis=0)
        ax.quiver(
            xy[:-1, 0],
            xy[:-1, 1],
            step[:, 0],
            step[:, 1],
            color=color,
            angles="xy",
            scale_units="xy",
            scale=1,
            width=0.004,
            headwidth=5,
            headlength=6,
            zorder=7,
        )
    return view


BESIDE = (1.02, 0.0, "left", "bottom")
"""Where `diverged_note` stacks notes by default: beside the axes, from the bottom right up."""


def diverged_note(ax, trajectory, color, slot, corner=BESIDE):
    """'발산 (diverged) at step k', one line per slot, stacked from `corner` (x, y, ha, va in
    axes fractions). Beside the axes no X or curve can lie under it."""
    x, y, ha, va = corner
    write = ax.text2D if hasattr(ax, "text2D") else ax.text
    return write(
        x,
        y,
        f"발산 (diverged) at step {trajectory.diverged_at}",
        ha=ha,
        va=va,
        color=color,
        transform=note_transform(ax, NOTE_STEP * slot * (1 if va == "bottom" else -1)),
        fontsize=14,
        fontweight="bold",
        bbox={"facecolor": "white", "edgecolor": color},
    )


def legend_beside(ax):
    """The legend to the right of the axes, at the top: it never covers a curve or a note."""
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), borderaxespad=0)


def plot_paths(surface, trajectories, labels=None, colors=None, arrows=False, ax=None, title=None):
    """Contours of `surface` with every trajectory's path on them, and a legend."""
    surface = get_surface(surface)
    items = entries(trajectories, labels, colors, surface)
    fig = new_figure(10, 6) if ax is None else check_axes(ax).figure
    ax = fig.add_subplot() if ax is None else ax
    draw_surface(ax, surface)
    views = [
        draw_path(ax, trajectory, color, label, arrows, slot)
        for slot, (label, color, trajectory) in enumerate(items)
    ]
    stack_notes(views)
    if items:  # placed when drawn, where it covers the fewest paths; drawn over them
        ax.legend(loc="best", framealpha=0.9).set_zorder(12)
    if title is not None:
        ax.set_title(title)
    return fig


def plot_comparison(surface, trajectories_by_name, arrows=False, ncols=2, title=None):
    """One panel per optimizer on the same surface, as in the book's figure 6-8."""
    surface = get_surface(surface)
    items = entries(trajectories_by_name, surface=surface)
    if not items:
        raise ValueError("plot_comparison needs at least one trajectory")
    ncols = min(check_whole("ncols", ncols, 1), len(items))
    nrows = -(-len(items) // ncols)
    fig = new_figure(6.5 * ncols, 4.6 * nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax, (label, color, trajectory) in zip(axes, items):
        draw_surface(ax, surface)
        stack_notes([draw_path(ax, trajectory, color, arrows=arrows)])
        ax.set_title(label, color=color, fontweight="bold")
    for ax in axes[len(items) :]:
        ax.remove()
    fig.suptitle(surface.title if title is None else title, fontsize=18)
    return fig


def height(surface, z):
    """The heights `plot_3d` draws and their axis label: log₁₀(1 + f − min) on log surfaces."""
    if surface.log_scale and np.isfinite(surface.min_value):
        return np.log10(1 + np.maximum(z - surface.min_value, 0)), "log₁₀(1 + f − 최솟값)"
    return z, "f({}, {})".format(*surface.axis_labels)


def plot_3d(surface, trajectories=(), elev=35, azim=-60, resolution=None, labels=None, colors=None):
    """`surface` in 3D with the trajectories lifted just above it and the minima as stars.

    `resolution` points a side: by default 80, or 160 on log-scaled surfaces, whose narrow
    valleys (Rosenbrock's) show saw teeth on a coarser grid.
    """
    surface = get_surface(surface)
    resolution = (160 if surface.log_scale else 80) if resolution is None else resolution
    resolution = check_whole("resolution", resolution, 2, MAX_RESOLUTION)
    elev, azim = (check_finite(n, n, v, single=True) for n, v in (("elev", elev), ("azim", azim)))
    items = entries(trajectories, labels, colors, surface)
    xmin, xmax, ymin, ymax = surface.window
    x, y = np.meshgrid(np.linspace(xmin, xmax, resolution), np.linspace(ymin, ymax, resolution))
    z, zlabel = height(surface, surface.value(x, y))
    lift = 0.02 * (z.max() - z.min())
    fig = new_figure(10, 7.5)
    # Drawn in zorder (not depth) order, so that paths and stars always stay on top.
    ax = fig.add_subplot(projection="3d", computed_zorder=False)
    ax.plot_surface(
        x,
        y,
        z,
        rcount=resolution,
        ccount=resolution,
        cmap="cividis",
        linewidth=0,
        antialiased=False,
        zorder=1,
    )
    for mx, my in surface.minima:
        mz = height(surface, surface.value(mx, my))[0] + lift
        ax.plot([mx], [my], [mz], "*", color=style.MINIMUM_COLOR, ms=20, mec="k", zorder=6)
    for slot, (label, color, trajectory) in enumerate(items):
        px, py = trajectory.positions.T
        inside = (xmin <= px) & (px <= xmax) & (ymin <= py) & (py <= ymax)
        pz = height(surface, surface.value(px, py))[0] + lift
        pz = np.where(inside, pz, np.nan)  # a path that leaves the window is cut at its edge
        ax.plot(px, py, pz, "-", color="white", lw=6, zorder=3)  # a halo on any background
        ax.plot(px, py, pz, "-o", color=color, ms=4, label=label, zorder=4)
        if trajectory.diverged_at is not None:
            ex, ey = np.clip(trajectory.positions[-1], (xmin, ymin), (xmax, ymax))
            ez = height(surface, surface.value(ex, ey))[0] + lift
            ax.plot([ex], [ey], [ez], "X", color=style.DIVERGED_COLOR, ms=20, mec="k", zorder=7)
            # mplot3d leaves room for nothing beside its axes: in the top right corner
            diverged_note(ax, trajectory, color, slot, corner=(0.98, 0.97, "right", "top"))
    ax.set(xlim=(xmin, xmax), ylim=(ymin, ymax), zlim=(z.min(), z.max() + lift))
    ax.set_xlabel(surface.axis_labels[0], labelpad=10)
    ax.set_ylabel(surface.axis_labels[1], labelpad=10)
    ax.set_zlabel(zlabel, labelpad=12)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_major_locator(MaxNLocator(5, steps=[1, 2, 2.5, 5, 10]))
    ax.set_title(wrap_title(surface.title))
    ax.view_init(elev=elev, azim=azim)
    if items:
        ax.legend(loc="upper left")
    return fig


def plot_loss(trajectories, surface, labels=None, colors=None, ax=None):
    """Loss − min against step on a log axis (the loss itself where the minimum is unknown)."""
    surface = get_surface(surface)
    items = entries(trajectories, labels, colors, surface)
    if not items:
        raise ValueError("plot_loss needs at least one trajectory")
    fig = new_figure(9, 5.5) if ax is None else check_axes(ax).figure
    ax = fig.add_subplot() if ax is None else ax
    curves = [loss_curve(trajectory, surface) for _, _, trajectory in items]
    losses = np.concatenate([trajectory.losses for _, _, trajectory in items])
    steps = max(trajectory.steps for _, _, trajectory in items)
    draw_loss_axes(ax, surface, steps, (float(losses.min()), float(losses.max())))
    if ax.get_yscale() == "log":
        lowest = min(float(curve.min()) for curve in curves)
        ax.set_ylim(bottom=min(10 ** np.floor(np.log10(lowest)), 1e-1))
        if any(t.diverged_at is not None for _, _, t in items):  # room for the X at the top
            ax.set_ylim(top=max(ax.get_ylim()[1], 10 * max(float(c.max()) for c in curves)))
    for slot, ((label, color, trajectory), curve) in enumerate(zip(items, curves)):
        ax.plot(np.arange(trajectory.steps + 1), curve, color=color, label=label)
        if trajectory.diverged_at is not None:
            diverged_mark(ax, ms=18).set_data([trajectory.steps], curve[-1:])
            diverged_note(ax, trajectory, color, slot)
    ax.set_title(wrap_title(surface.title))
    legend_beside(ax)
    return fig


INNER_PANELS = {
    "effective_lr": ("유효 학습률 (effective lr)", "log"),
    "gradient": ("|기울기 벡터 성분| (|gradient|)", "log"),
    "m_hat": ("편향 보정한 m̂ (bias-corrected m)", "linear"),
    "velocity": ("속도 V (velocity)", "linear"),
}
"""`plot_inner_state`'s panels: quantity -> (axis label, scale)."""


def inner_panels(state):
    """The quantities `plot_inner_state` draws for this optimizer, in panel order."""
    if state.velocity is not None:  # Momentum, Nesterov: no effective lr, the velocity
        return ["velocity"]
    if state.m_hat is not None:  # Adam
        return ["effective_lr", "m_hat"]
    if state.h is not None:  # AdaGrad, RMSprop: what the sum or average of g² is made of
        return ["effective_lr", "gradient"]
    return ["effective_lr"]  # SGD


def plot_inner_state(trajectory, ax=None):
    """Per coordinate (x solid, y dashed), step by step, what the optimizer does inside.

    Left: the effective lr on a log axis (AdaGrad, RMSprop: α/(√h + ε); Adam: α/(√v̂ + ε);
    SGD: α) with α dotted for comparison, beside it |g| (AdaGrad, RMSprop) or m̂ (Adam);
    Momentum and Nesterov: the velocity V. See `optim.inner.inner_state`.
    `ax`: None for a new figure, one Axes for the first panel only, or a list of Axes.
    """
    state = inner_state(trajectory)
    names = inner_panels(state)
    if ax is None:
        fig = new_figure(7.5 * len(names), 5.6)
        axes = list(fig.subplots(1, len(names), squeeze=False)[0])
        fig.suptitle(default_label(trajectory), color=style.COLORS.get(state.name, style.INK))
    else:
        axes = [ax] if not isinstance(ax, (list, tuple)) else list(ax)
        for each in axes:
            check_axes(each)
        if not 1 <= len(axes) <= len(names):
            raise ValueError(f"ax: give 1 to {len(names)} Axes for {state.name}, got {len(axes)}")
        fig = axes[0].figure
    color = style.COLORS.get(state.name, style.INK)
    coordinates = get_surface(trajectory.surface).axis_labels
    for ax, name in zip(axes, names):
        label, scale = INNER_PANELS[name]
        values = getattr(state, name)
        if scale == "log":
            values = np.abs(values)
        for column, (coordinate, line) in enumerate(zip(coordinates, ("-", "--"))):
            ax.plot(state.step, values[:, column], line, color=color, label=coordinate)
        if name == "effective_lr" and state.name != "SGD":  # SGD's effective lr is α itself
            ax.plot(state.step, state.lr, ":", color=style.EXTRA_COLORS[1], label="학습률 α (lr)")
        if scale == "log":
            ax.set_yscale("log")
        else:
            ax.axhline(0, color=style.EXTRA_COLORS[2], lw=1, zorder=0)
        ax.set_xlabel("걸음 (step)")
        ax.set_ylabel(label)
        ax.set_xlim(0, max(state.step[-1] if len(state.step) else 1, 1))
        ax.xaxis.set_major_locator(MaxNLocator("auto", integer=True, steps=[1, 2, 2.5, 5, 10]))
        ax.grid(True, alpha=0.3)
    handles = {}  # x and y from the first panel, α too: one legend for all panels
    for each in axes:
        for line in each.get_lines():
            if not line.get_label().startswith("_"):
                handles.setdefault(line.get_label(), line)
    axes[-1].legend(
        handles.values(),
        handles.keys(),
        loc="upper left",
        bbox_to_anchor=(1.02, 1),
        borderaxespad=0,
    )
    if trajectory.diverged_at is not None:
        diverged_note(axes[-1], trajectory, color, 0)
    return fig
