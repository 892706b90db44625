"""Trajectories drawn step by step: deterministic HTML for notebooks, small GIFs for slides.

`animate` draws as the explorers do (contours, a `PathView` per trajectory, a loss panel)
as a matplotlib `FuncAnimation`, so every matplotlib writer can export it. `to_html` and
`save_gif` feed its frames to matplotlib's `HTMLWriter` (the page of `to_jshtml`) and
`PillowWriter`: the static parts are drawn once and the moving ones blitted on top (as the
explorers do), and the frames share one colour palette, which keeps files small.
"""

import base64
import contextlib
import hashlib
import io
import numbers
import os
import pathlib
import re
import secrets
import signal
import tempfile
import threading
from html import escape

import numpy as np
from matplotlib.animation import Animation, FuncAnimation, HTMLWriter, PillowWriter
from PIL import Image

from optim import style
from optim.figures import entries
from optim.plotting import PathView, draw_loss_axes, draw_surface, loss_curve
from optim.scene import Scene
from optim.surfaces import get_surface
from optim.validation import check_within

FPS_RANGE = (0.01, 100)
"""GIF frames last a whole number of hundredths of a second, at most 65535 (655 s)."""


def frame_steps(frames, last):
    """The step each frame shows: every step 0..last (None), the first n (an int), or as given."""
    if frames is None:
        return list(range(last + 1))
    if isinstance(frames, (int, np.integer)) and not isinstance(frames, bool):
        if not 1 <= frames <= last + 1:
            raise ValueError(f"frames must be from 1 to {last + 1} (steps 0..{last}), got {frames}")
        return list(range(frames))
    steps = list(frames) if np.iterable(frames) else []
    if not steps or not all(is_step(k, last) for k in steps):
        raise ValueError(
            f"frames must be None, a count, or a non-empty list of steps in 0..{last}; "
            f"got {frames!r}"
        )
    return [int(k) for k in steps]


def check_interval(interval):
    """Milliseconds per frame: one number from 10 to 100,000 (FPS_RANGE as a frame's length)."""
    low, high = 1000 / FPS_RANGE[1], 1000 / FPS_RANGE[0]
    return check_within("interval", "frame interval (milliseconds)", interval, low, high, True)


def is_step(k, last):
    return isinstance(k, (int, np.integer)) and not isinstance(k, bool) and 0 <= k <= last


class TrajectoryAnimation(FuncAnimation):
    """Trajectories on a surface (left) and their loss curves (right), one step per frame.

    Frame i shows step `steps[i]` of every trajectory (a run that ended stays at its end).
    A black ring marks each start and a dot each current loss, so the first frame already
    shows where the runs begin, on loss axes whose labels and limits stay as they are; the
    legend sits under both panels, off the paths.
    The moving artists are tracked by a `Scene`: `images` blits them onto the static parts,
    and `save` (used by every matplotlib writer) draws them inside `Scene.still()`.
    """

    def __init__(
        self, surface, trajectories, labels=None, frames=None, interval=100, arrows=None,
        colors=None, width=11.0, height=5.0,
    ):  # fmt: skip
        self.surface = get_surface(surface)
        self.items = entries(trajectories, labels, colors, self.surface)
        if not self.items:
            raise ValueError("animate needs at least one trajectory")
        self.last = max(trajectory.steps for _, _, trajectory in self.items)
        self.steps = frame_steps(frames, self.last)
        self.interval = check_interval(interval)
        if arrows is not None and not isinstance(arrows, (bool, np.bool_)):
            raise ValueError(f"arrows must be True, False or None (automatic), got {arrows!r}")
        arrows = len(self.items) == 1 if arrows is None else bool(arrows)
        self.scene = Scene(width, height)
        fig = self.scene.fig
        ax, loss_ax = fig.subplots(1, 2, width_ratios=[3, 2])
        low, high = draw_surface(ax, self.surface)
        losses = np.concatenate([trajectory.losses for _, _, trajectory in self.items])
        value_range = (min(low, losses.min()), max(high, losses.max()))  # a diverging run too
        draw_loss_axes(loss_ax, self.surface, self.last, value_range)
        self.views, self.curves, self.dots, self.losses = [], [], [], []
        for slot, (label, color, trajectory) in enumerate(self.items):
            view = PathView(ax, color, label=label, arrows=arrows, slot=slot)
            (curve,) = loss_ax.plot([], [], color=color)
            (dot,) = loss_ax.plot([], [], "o", color=color, ms=9, mec="k", clip_on=False)
            self.views.append(view)
            self.curves.append(curve)
            self.dots.append(dot)
            self.losses.append(loss_curve(trajectory, self.surface))
            moving = [a for a in view.artists() if a is not view.diverged]
            self.scene.track(*moving, view.diverged, curve, dot)  # blitted in this order
        starts = np.unique([trajectory.positions[0] for _, _, trajectory in self.items], axis=0)
        (self.start,) = ax.plot(
            starts[:, 0], starts[:, 1], "o", ms=20, mfc="none", mec=style.INK, mew=2.5, zorder=9,
            label="출발 (start)",
        )  # fmt: skip
        self.legend = figure_legend(fig, len(self.items) + 1)
        (self.counter,) = self.scene.track(loss_ax.set_title(" ", fontweight="bold"))
        self.draw(self.last)
        fig.canvas.draw()
        fig.set_layout_engine("none")  # one layout for every frame: no jitter, no solve per frame
        super().__init__(
            fig, self.draw, frames=self.steps, interval=interval, blit=False, cache_frame_data=False
        )
        # Made for export, not for a GUI timer: deleting it unrendered is no mistake to warn of.
        self._draw_was_started = True

    def draw(self, k):
        """Show step k of every trajectory; returns the moving artists."""
        for view, curve, dot, loss, (_, _, trajectory) in zip(
            self.views, self.curves, self.dots, self.losses, self.items
        ):
            view.show(trajectory, k)
            shown = min(k, trajectory.steps) + 1
            curve.set_data(np.arange(shown), loss[:shown])
            bottom = dot.axes.get_ylim()[0]  # a loss below the axis: its dot sits on the axis
            dot.set_data([shown - 1], [max(loss[shown - 1], bottom)])
        self.counter.set_text(f"step {k} / {self.last}")
        return self.scene.moving

    def images(self, dpi=80):
        """Every frame as an RGB image at `dpi`: static parts drawn once, moving ones blitted."""
        fig, dpi_before = self.scene.fig, self.scene.fig.dpi
        fig.set_dpi(dpi)
        self.scene.invalidate()
        try:
            for k in self.steps:
                self.draw(k)
                yield self.scene.image()
        finally:
            fig.set_dpi(dpi_before)
            self.scene.invalidate()

    def save(self, filename, *args, **kwargs):
        """`Animation.save` with the moving artists drawn as ordinary ones."""
        with self.scene.still():
            super().save(filename, *args, **kwargs)
        self.scene.invalidate()

    @property
    def description(self):
        """What the animation shows, in Korean and English: the alt text of its HTML and GIF."""
        labels = ", ".join(label for label, _, _ in self.items)
        place, steps = self.surface.title.split(":")[0], self.steps[-1]
        return (
            f"{labels}의 궤적이 {place} 곡면에서 {steps}걸음 움직이는 애니메이션 / "
            f"Animation: {labels} taking {steps} steps on the {self.surface.name} surface"
        )

    def __repr__(self):
        names = ", ".join(label for label, _, _ in self.items)
        return f"<animation of {names} on {self.surface.name}: {len(self.steps)} frames>"

    def _repr_html_(self):
        return to_html(self)


def figure_legend(fig, entries, most_columns=3):
    """The legend of every axes, under them in as many columns (up to 3) as the width takes;
    each further row makes the figure taller, so that the axes keep their size."""
    renderer = fig.canvas.get_renderer()
    for columns in range(min(entries, most_columns), 0, -1):
        legend = fig.legend(loc="outside lower center", ncols=columns, fontsize=12, frameon=False)
        if columns == 1 or legend.get_window_extent(renderer).width <= fig.bbox.width:
            break
        legend.remove()
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + 0.3 * (-(-entries // columns) - 1))
    return legend


def animate(
    surface, trajectories, labels=None, frames=None, interval=100, arrows=None, colors=None
):
    """An animation of `trajectories` (a list, or a dict label -> Trajectory) on `surface`.

    frames: None for every step, an int n for steps 0..n-1, or the steps to show (e.g.
    `range(0, 501, 5)`). interval: milliseconds per frame. arrows: the gradient and step
    arrows at the current point (default: only when there is one trajectory).
    """
    return TrajectoryAnimation(surface, trajectories, labels, frames, interval, arrows, colors)


def lecture_palette(frame, colors=96):
    """A palette image: white, the lecture's colours, and the commonest other ones of `frame`.

    Colours of the frame within 8 levels of one of ours are left out: Pillow maps pixels to a
    palette through a coarse cache, which would otherwise turn white into a near-white grey.
    """
    own = ["#FFFFFF", style.INK, style.DIVERGED_COLOR, style.MINIMUM_COLOR, *style.COLORS.values()]
    own = np.array([[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in dict.fromkeys(own)])
    found = np.array(frame.quantize(colors, dither=Image.Dither.NONE).getpalette()[: 3 * colors])
    found = found.reshape(-1, 3)
    distinct = np.abs(found[:, None, :] - own[None, :, :]).max(axis=2).min(axis=1) >= 8
    palette = Image.new("P", (1, 1))
    palette.putpalette(np.concatenate([own, found[distinct]]).ravel().tolist())
    return palette


class SharedPalette:
    """Quantizes frames to the palette of the first one (so unchanged pixels stay the same)."""

    palette = None

    def quantize(self, image):
        if self.palette is None:
            self.palette = lecture_palette(image)
        return image.quantize(palette=self.palette, dither=Image.Dither.NONE)

    def grab_frame(self, **savefig_kwargs):
        """The frame of an arbitrary animation, drawn in full by savefig."""
        buffer = io.BytesIO()
        self.fig.savefig(buffer, **{**savefig_kwargs, "format": "rgba", "dpi": self.dpi})
        image = Image.frombuffer("RGBA", self.frame_size, buffer.getbuffer(), "raw", "RGBA", 0, 1)
        self.add(image.convert("RGB"))


class GifWriter(SharedPalette, PillowWriter):
    """matplotlib's PillowWriter with palette frames: Pillow then stores only what moved.

    A `comment` (e.g. the animation's description) goes into the GIF's comment extension.
    """

    comment = None

    def _supports_transparency(self):
        return False  # matplotlib then puts every frame on the figure's opaque face colour

    def add(self, image):
        self._frames.append(self.quantize(image))

    def finish(self):
        if self._frames:  # nothing to write when drawing failed (the error is on its way)
            if self.comment:
                self._frames[0].info["comment"] = self.comment  # Pillow writes it once
            super().finish()


class JsWriter(SharedPalette, HTMLWriter):
    """matplotlib's HTMLWriter (the page of `to_jshtml`) with palette PNG frames."""

    def add(self, image):
        if self._hit_limit:
            return
        buffer = io.BytesIO()
        self.quantize(image).save(buffer, format="png")
        data = base64.encodebytes(buffer.getvalue()).decode("ascii")
        self._total_bytes += len(data)
        if self._total_bytes >= self._bytes_limit:
            self._hit_limit = True  # to_html says so
        else:
            self._saved_frames.append(data)


def render(animation, writer, path, dpi, progress=None):
    """Feed every frame of `animation` to `writer`, which writes `path`."""
    if not isinstance(animation, TrajectoryAnimation):
        animation.save(str(path), writer=writer, dpi=dpi, progress_callback=progress)
        return
    with writer.saving(animation.scene.fig, str(path), dpi):
        for i, image in enumerate(animation.images(dpi)):
            writer.add(image)
            if progress is not None:
                progress(i, len(animation.steps))


def to_html(animation, dpi=80, default_mode="loop", alt=None):
    """The `to_jshtml` page of `animation`, with a stable element id instead of a random one.

    The id is a hash of the page, so the same frames give the same string and notebook
    outputs stay stable under nbval and git. The frame image gets `alt` as its text (by
    default the animation's `description`). Raises ValueError if the frames do not fit
    under `rcParams['animation.embed_limit']` (matplotlib would drop the rest).
    """
    fps = 1000 / getattr(animation, "interval", 100)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder, "animation.html")
        writer = JsWriter(fps=fps, embed_frames=True, default_mode=default_mode)
        render(animation, writer, path, dpi)
        html = path.read_text()
    if writer._hit_limit:
        raise ValueError(
            "the frames do not fit under rcParams['animation.embed_limit'] (MB); show fewer, "
            "e.g. animate(..., frames=range(0, steps + 1, 5)), or lower dpi"
        )
    ids = set(re.findall(r'id="_anim_img([0-9a-f]{32})"', html))
    if len(ids) != 1:
        raise RuntimeError(f"expected one animation id in HTMLWriter's page, found {len(ids)}")
    (random_id,) = ids
    alt = alt or getattr(animation, "description", "애니메이션 (animation)")
    image = f'<img id="_anim_img{random_id}"'
    html = html.replace(image, f'{image} alt="{escape(alt)}"', 1)
    stable_id = hashlib.sha256(html.replace(random_id, "").encode()).hexdigest()[:32]
    return html.replace(random_id, stable_id)


def new_gif_file(path):
    """An empty file beside `path` (which must end in .gif); clear errors name the path.

    It is made with the usual permissions (unlike `tempfile`'s private ones), since it
    becomes the GIF once complete.
    """
    path = pathlib.Path(path)
    if path.suffix.lower() != ".gif":
        raise ValueError(f"a GIF path must end in .gif, got {str(path)!r}")
    if path.is_dir():
        raise IsADirectoryError(f"cannot write the GIF {path}: it is a folder")
    unfinished = path.with_name(f".{path.stem}-{secrets.token_hex(4)}.gif")
    try:
        with open(unfinished, "xb"):
            pass
    except OSError as error:
        reason = error.strerror or str(error)
        raise type(error)(
            error.errno, f"cannot write the GIF {path} in the folder {path.parent}: {reason}"
        ) from error
    return path, unfinished


def progress_callback(progress):
    """(callback(frame, total), close) for `progress`: None, True (a tqdm bar) or a callable."""
    if progress is None or progress is False:
        return None, lambda: None
    if progress is True:
        from tqdm.auto import tqdm

        bars = []  # made at the first frame, when the total is known

        def update(frame, total):
            if not bars:
                bars.append(tqdm(total=total, unit="frame", desc="GIF"))
            bars[0].update(1)

        return update, lambda: [bar.close() for bar in bars]
    if not callable(progress):
        raise ValueError(
            f"progress must be None, True or a callable(frame, total), got {progress!r}"
        )
    return progress, lambda: None


def save_gif(animation_or_args, path, fps=10, progress=None, dpi=80):
    """Write an animation to the GIF file `path` and return the path.

    animation_or_args: an `Animation`, or the arguments of `animate` as a tuple or a dict.
    progress: None, True for a tqdm bar, or a callable(frame, total) called after each frame.
    The folder is checked before anything is drawn; the file appears only once complete.
    """
    low, high = FPS_RANGE
    if not is_number(fps) or not low <= fps <= high:
        raise ValueError(
            f"fps must be a number from {low:g} to {high:g} (a GIF frame lasts 10 ms to "
            f"655 s), got {fps!r}"
        )
    if not is_number(dpi) or not 10 <= dpi <= 600:
        raise ValueError(f"dpi must be a number in [10, 600], got {dpi!r}")
    callback, close = progress_callback(progress)
    with sigterm_raises():
        path, unfinished = new_gif_file(path)
        try:
            if isinstance(animation_or_args, dict):
                animation = animate(**animation_or_args)
            elif isinstance(animation_or_args, tuple):
                animation = animate(*animation_or_args)
            elif isinstance(animation_or_args, Animation):
                animation = animation_or_args
            else:
                raise TypeError(
                    "save_gif needs an Animation or the arguments of animate (a tuple or a "
                    f"dict), got {type(animation_or_args).__name__}"
                )
            writer = GifWriter(fps=float(fps))
            writer.comment = getattr(animation, "description", None)
            render(animation, writer, unfinished, dpi, callback)
            os.replace(unfinished, path)
        finally:
            close()
            if os.path.exists(unfinished):
                os.unlink(unfinished)
    return path


def is_number(value):
    """True for a real number (numpy's too), False for a bool or anything else."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


class Terminated(BaseException):
    """SIGTERM arrived while a file was being written (see `sigterm_raises`)."""


@contextlib.contextmanager
def sigterm_raises():
    """Inside, SIGTERM raises `Terminated`, as Ctrl-C raises KeyboardInterrupt, so that the
    `finally` clauses remove unfinished files; then the signal goes to its previous handler
    (by default the process ends, as it would have). Only in the main thread."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGTERM) if main else None
    if previous in (None, signal.SIG_IGN):  # not ours to change, or to be ignored anyway
        yield
        return

    def terminate(signum, frame):
        raise Terminated

    signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except Terminated:
        signal.signal(signal.SIGTERM, previous)
        os.kill(os.getpid(), signal.SIGTERM)
        raise SystemExit(128 + signal.SIGTERM) from None  # if the previous handler returned
    finally:
        signal.signal(signal.SIGTERM, previous)
