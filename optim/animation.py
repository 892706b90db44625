"""Trajectories drawn step by step: GIFs for slides, the same GIF as an <img> for notebooks.

`animate` draws as the explorers do (a `TrajectoryScene`: the static parts drawn once, the
moving ones blitted on top). `save_gif` writes its frames with Pillow (`optim.gif`: one
palette for every frame, which keeps files small); `to_html` embeds the same GIF in an <img>,
whose bytes depend only on the frames (stable under nbval and git).
"""

import contextlib
import numbers
import os
import pathlib
import secrets
import signal
import threading

import matplotlib
import numpy as np

from optim.figures import entries
from optim.gif import gif_bytes, img_tag, write_gif
from optim.scene import TrajectoryScene, describe
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


class TrajectoryAnimation:
    """Trajectories on a surface (left) and their loss curves (right), one step per frame.

    Frame i shows step `steps[i]` of every trajectory (a run that ended stays at its end),
    drawn by `scene` (a `TrajectoryScene`, as in the explorers). Not a matplotlib animation:
    `images` gives the frames, `save_gif` and `to_html` write them with Pillow.
    """

    def __init__(
        self,
        surface,
        trajectories,
        labels=None,
        frames=None,
        interval=100,
        arrows=None,
        colors=None,
        width=11.0,
        height=5.0,
    ):
        surface = get_surface(surface)
        self.items = entries(trajectories, labels, colors, surface)
        if not self.items:
            raise ValueError("animate needs at least one trajectory")
        self.last = max(trajectory.steps for _, _, trajectory in self.items)
        self.steps = frame_steps(frames, self.last)
        self.interval = check_interval(interval)
        if arrows is not None and not isinstance(arrows, (bool, np.bool_)):
            raise ValueError(f"arrows must be True, False or None (automatic), got {arrows!r}")
        arrows = len(self.items) == 1 if arrows is None else bool(arrows)
        labels, colors, runs = zip(*self.items, strict=True)
        self.scene = TrajectoryScene(surface, labels, colors, arrows, width, height)
        self.scene.set_runs(runs, self.last)
        self.scene.show(self.last)

    @property
    def surface(self):
        return self.scene.surface

    def images(self, dpi=80):
        """Every frame as an RGB image at `dpi`: static parts drawn once, moving ones blitted."""
        return self.scene.frames(self.steps, dpi)

    @property
    def description(self):
        """What the animation shows, in Korean and English: the alt text of its HTML and GIF."""
        labels = [label for label, _, _ in self.items]
        return describe(labels, self.surface, self.steps[-1])

    def __repr__(self):
        names = ", ".join(label for label, _, _ in self.items)
        return f"<animation of {names} on {self.surface.name}: {len(self.steps)} frames>"

    def _repr_html_(self):
        return to_html(self)


def animate(
    surface, trajectories, labels=None, frames=None, interval=100, arrows=None, colors=None
):
    """An animation of `trajectories` (a list, or a dict label -> Trajectory) on `surface`.

    frames: None for every step, an int n for steps 0..n-1, or the steps to show (e.g.
    `range(0, 501, 5)`). interval: milliseconds per frame. arrows: the gradient and step
    arrows at the current point (default: only when there is one trajectory).
    """
    return TrajectoryAnimation(surface, trajectories, labels, frames, interval, arrows, colors)


def to_html(animation, dpi=80, alt=None):
    """`animation` as an animated GIF in an <img> (a data URI), with `alt` as its text.

    By default the alt text is the animation's `description`. The same frames give the same
    string, so notebook outputs stay stable under nbval and git. Raises ValueError if the
    GIF does not fit under `rcParams['animation.embed_limit']` (MB), as matplotlib's player.
    """
    gif = gif_bytes(animation.images(dpi), animation.interval)
    limit = matplotlib.rcParams["animation.embed_limit"] * 1024**2
    if len(gif) * 4 / 3 >= limit:  # as base64
        raise ValueError(
            "the frames do not fit under rcParams['animation.embed_limit'] (MB); show fewer, "
            "e.g. animate(..., frames=range(0, steps + 1, 5)), or lower dpi"
        )
    return img_tag(gif, alt or animation.description)


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

    animation_or_args: an animation from `animate`, or its arguments as a tuple or a dict.
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
            animation = as_animation(animation_or_args)
            frames = animation.images(dpi)
            if callback is not None:
                frames = reported(frames, callback, len(animation.steps))
            with open(unfinished, "wb") as file:
                write_gif(file, frames, int(1000 / fps), animation.description)
            os.replace(unfinished, path)
        finally:
            close()
            if os.path.exists(unfinished):
                os.unlink(unfinished)
    return path


def as_animation(animation_or_args):
    """A `TrajectoryAnimation`, or one made from the arguments of `animate`."""
    if isinstance(animation_or_args, dict):
        return animate(**animation_or_args)
    if isinstance(animation_or_args, tuple):
        return animate(*animation_or_args)
    if isinstance(animation_or_args, TrajectoryAnimation):
        return animation_or_args
    raise TypeError(
        "save_gif needs an animation from animate() or the arguments of animate (a tuple or a "
        f"dict), got {type(animation_or_args).__name__}"
    )


def reported(frames, callback, total):
    """The `frames`, calling callback(i, total) once frame i has been used."""
    for i, frame in enumerate(frames):
        yield frame
        callback(i, total)


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
