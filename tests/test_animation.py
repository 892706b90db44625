"""Animations: one frame per step, deterministic HTML, valid small GIFs, clear errors."""

import base64
import errno
import gc
import html
import io
import os
import re
import signal
import warnings

import matplotlib
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation
from PIL import Image

from optim import SGD, Adam, Momentum, animation, run
from optim.animation import TrajectoryAnimation, animate, save_gif, to_html
from optim.gif import lecture_palette
from optim.plotting import new_figure


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.fixture(scope="module")
def race():
    return {
        "Momentum": run(Momentum(lr=0.1), "book", steps=8),
        "Adam": run(Adam(lr=0.3), "book", steps=8),
        # y_k = 2 (-1.4)^k passes |y| = 100 at k = 12 (1.4^12 = 56.7 > 50): stored 0..11
        "SGD lr=1.2": run(SGD(lr=1.2), "book", steps=40),
    }


@pytest.fixture(scope="module")
def short():
    return [run(Momentum(lr=0.1), "book", steps=4)]


def test_one_frame_per_step_and_k_plus_one_points_at_step_k(race):
    anim = animate("book", race)
    scene = anim.scene
    assert anim.steps == list(range(12))  # 0 .. the longest run's last stored step
    for k in anim.steps:
        scene.show(k)
        for view, curve, trajectory in zip(scene.views, scene.curves, race.values()):
            shown = min(k, trajectory.steps) + 1  # a run that ended stays at its end
            assert len(view.path.get_xdata()) == shown and len(curve.get_xdata()) == shown
            np.testing.assert_array_equal(
                view.point.get_xydata()[0], trajectory.positions[shown - 1]
            )
        assert scene.counter.get_text() == f"step {k} / 11"
    diverged = scene.views[2]
    assert len(diverged.diverged.get_xdata()) == 1 and diverged.note.get_visible()
    assert diverged.note.get_text() == "발산 (diverged) at step 12"
    scene.show(5)
    assert len(diverged.diverged.get_xdata()) == 0 and not diverged.note.get_visible()


def test_frames_choose_the_steps_shown(race):
    assert animate("book", race, frames=3).steps == [0, 1, 2]
    assert animate("book", race, frames=range(0, 12, 5)).steps == [0, 5, 10]
    for bad in (0, 13, [], [0, 12], [-1], [1.5], True):
        with pytest.raises(ValueError, match="frames"):
            animate("book", race, frames=bad)


def test_arrows_only_for_a_single_trajectory(race, short):
    assert all(view.arrows is None for view in animate("book", race).scene.views)
    assert animate("book", short).scene.views[0].arrows is not None
    assert animate("book", short, arrows=False).scene.views[0].arrows is None


def test_repr_is_stable_and_unrendered_animations_do_not_warn(short):
    anim = animate("book", short, labels=["모멘텀"])
    assert repr(anim) == "<animation of 모멘텀 on book: 5 frames>"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        del anim
        gc.collect()


def gif_of(html_text):
    """The GIF bytes of the data URI in an <img> tag."""
    (data,) = re.findall(r'<img src="data:image/gif;base64,([A-Za-z0-9+/=]+)" alt=', html_text)
    return base64.b64decode(data)


def decoded(gif):
    """Every frame of a GIF (bytes or a path) as an RGB array, as Pillow decodes it."""
    with Image.open(io.BytesIO(gif) if isinstance(gif, bytes) else gif) as image:
        frames = []
        for k in range(image.n_frames):
            image.seek(k)
            frames.append(np.asarray(image.convert("RGB")))
        return frames


def test_to_html_is_an_animated_gif_the_same_for_the_same_frames(short):
    first = to_html(animate("book", short))
    second = animate("book", short)._repr_html_()  # a new figure, drawn again
    assert first == second
    with Image.open(io.BytesIO(gif_of(first))) as gif:
        assert gif.format == "GIF" and gif.n_frames == 5 and gif.info["loop"] == 0
        assert gif.info["duration"] == 100  # the animation's interval


def test_the_gif_holds_the_scenes_frames(short):
    """Decoded, each GIF frame is the scene's frame mapped to the first frame's palette."""
    anim = animate("book", short, labels=["Momentum"])
    frames = list(anim.images(dpi=50))
    palette = lecture_palette(frames[0])
    expected = [np.asarray(f.quantize(palette=palette, dither=0).convert("RGB")) for f in frames]
    gif = decoded(gif_of(to_html(anim, dpi=50)))
    assert len(gif) == len(expected) == 5
    for ours, theirs in zip(gif, expected):
        np.testing.assert_array_equal(ours, theirs)
    for ours, frame in zip(gif, frames):
        assert np.abs(ours.astype(float) - np.asarray(frame, dtype=float)).mean() < 2
    assert not np.array_equal(gif[0], gif[-1])


def test_to_html_refuses_what_does_not_fit_under_the_embed_limit(short):
    with matplotlib.rc_context({"animation.embed_limit": 0.001}):  # 1 kB
        with pytest.raises(ValueError, match="embed_limit"):
            to_html(animate("book", short), dpi=40)


def test_save_gif_writes_every_frame_at_the_asked_size(tmp_path, race):
    calls = []
    path = save_gif(
        animate("book", race), tmp_path / "race.gif", progress=lambda *a: calls.append(a)
    )
    assert path == tmp_path / "race.gif"
    with Image.open(path) as gif:
        # 11 x 5 in at 80 dpi: the legend's 4 entries take one row
        assert gif.format == "GIF" and gif.n_frames == 12 and gif.size == (880, 400)
        assert gif.info["duration"] == 100 and gif.info["loop"] == 0
    assert calls == [(i, 12) for i in range(12)]
    assert os.listdir(tmp_path) == ["race.gif"]  # no temporary file left
    assert path.stat().st_mode & 0o777 == 0o666 & ~current_umask()


def test_save_gif_takes_the_arguments_of_animate_and_a_tqdm_bar(tmp_path, short, capsys):
    path = save_gif(("book", short), tmp_path / "a.gif", fps=5, dpi=40, progress=True)
    with Image.open(path) as gif:
        assert gif.n_frames == 5 and gif.size == (440, 200) and gif.info["duration"] == 200
    assert "5/5" in capsys.readouterr().err
    path = save_gif({"surface": "book", "trajectories": short, "frames": 2}, tmp_path / "b.gif")
    with Image.open(path) as gif:
        assert gif.n_frames == 2


def full_draw(scene):
    """The scene's figure drawn in full, moving artists as ordinary ones (no blitting)."""
    for artist in scene.moving:
        artist.set_animated(False)
    try:
        scene.fig.canvas.draw()
        return np.asarray(scene.fig.canvas.buffer_rgba())[..., :3].copy()
    finally:
        for artist in scene.moving:
            artist.set_animated(True)


def test_blitted_frames_match_a_full_draw(short):
    """The fast path (static parts once, moving ones blitted) draws what a full draw draws."""
    anim = animate("book", short)
    for k, image in zip(anim.steps, anim.images(dpi=50)):
        scene_k = anim.scene.k
        whole = full_draw(anim.scene)
        assert scene_k == k and whole.shape == np.asarray(image).shape
        assert np.abs(whole.astype(float) - np.asarray(image, dtype=float)).mean() < 1


def test_save_gif_takes_only_animations_of_trajectories(tmp_path):
    """A matplotlib FuncAnimation is no longer written (that took matplotlib's writers)."""
    fig = new_figure(3, 2)
    anim = FuncAnimation(fig, lambda k: None, frames=4)
    with pytest.raises(TypeError, match=r"an animation from animate\(\) or the arguments"):
        save_gif(anim, tmp_path / "squares.gif")
    anim._draw_was_started = True  # silence matplotlib's warning about an unrun animation
    assert os.listdir(tmp_path) == []


def test_save_gif_checks_the_path_before_drawing(tmp_path, short):
    never = {"surface": "book", "trajectories": short}
    missing = tmp_path / "no such folder" / "a.gif"
    with pytest.raises(FileNotFoundError, match=re.escape(str(missing))):
        save_gif(never, missing)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match=re.escape(str(blocker / "a.gif"))):
        save_gif(never, blocker / "a.gif")
    (tmp_path / "folder.gif").mkdir()
    with pytest.raises(IsADirectoryError, match="it is a folder"):
        save_gif(never, tmp_path / "folder.gif")
    with pytest.raises(ValueError, match="must end in .gif"):
        save_gif(never, tmp_path / "a.png")
    with pytest.raises(ValueError, match="fps"):
        save_gif(never, tmp_path / "a.gif", fps=0)
    with pytest.raises(ValueError, match="dpi"):
        save_gif(never, tmp_path / "a.gif", dpi=-80)
    with pytest.raises(ValueError, match="progress"):
        save_gif(never, tmp_path / "a.gif", progress="yes")
    with pytest.raises(TypeError, match="animation from animate.. or the arguments"):
        save_gif([1, 2], tmp_path / "a.gif")
    assert sorted(os.listdir(tmp_path)) == ["file.txt", "folder.gif"]  # nothing left behind


def test_save_gif_names_a_folder_it_may_not_write_and_leaves_nothing(tmp_path, short, monkeypatch):
    """A read-only folder: its owner is refused by the system; root, who may write anywhere
    (as in CI), is refused by a faked `open`, so the test runs for both."""
    folder = tmp_path / "slides"
    folder.mkdir(mode=0o500)
    if os.geteuid() == 0:

        def refuse(file, mode="r", *args, **kwargs):
            if "x" in mode:
                raise PermissionError(errno.EACCES, "Permission denied")
            return real_open(file, mode, *args, **kwargs)

        real_open = open
        monkeypatch.setattr(animation, "open", refuse, raising=False)
    target = folder / "race.gif"
    try:
        with pytest.raises(PermissionError) as caught:
            save_gif(("book", short), target)
        assert os.listdir(folder) == []
    finally:
        folder.chmod(0o700)
    assert str(caught.value) == (
        f"[Errno 13] cannot write the GIF {target} in the folder {folder}: Permission denied"
    )


def test_a_write_that_fails_midway_leaves_no_file(tmp_path, short, monkeypatch):
    """The disk fills up while the GIF is written: the error goes on, the partial file goes."""

    def half_then_full(file, *args, **kwargs):
        file.write(b"GIF89a")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(animation, "write_gif", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        save_gif(("book", short), tmp_path / "a.gif")
    assert os.listdir(tmp_path) == []


def test_trajectory_animation_is_what_animate_returns(short):
    assert type(animate("book", short)) is TrajectoryAnimation


@pytest.mark.parametrize("interval", [0, -5, np.inf])
def test_interval_must_be_positive(short, interval):
    with pytest.raises(
        ValueError, match=r"Invalid frame interval.*interval must lie in \[10, 100000\]"
    ):
        animate("book", short, interval=interval)


@pytest.mark.parametrize("fps", [0.001, 0.0, 100.5, True, "8", np.nan])
def test_save_gif_refuses_an_fps_a_gif_cannot_hold(tmp_path, short, fps):
    """A GIF frame lasts 1 to 65535 hundredths of a second: fps 0.001 (1000 s) overflowed."""
    with pytest.raises(ValueError, match=r"fps must be a number from 0.01 to 100 .*got"):
        save_gif(("book", short), tmp_path / "a.gif", fps=fps)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize(
    "fps, duration", [(0.01, 100_000), (np.float64(100), 10), (np.int64(4), 250)]
)
def test_save_gif_writes_the_slowest_and_fastest_fps(tmp_path, short, fps, duration):
    with Image.open(save_gif(("book", short), tmp_path / "a.gif", fps=fps, dpi=20)) as gif:
        assert gif.info["duration"] == duration


def test_sigterm_while_saving_removes_the_unfinished_file_like_ctrl_c(tmp_path, short):
    """Then the signal goes on to the handler it had before (here one that records it)."""
    received = []

    def record(signum, frame):
        received.append(signum)

    def stop_at_frame_2(how):
        def progress(frame, total):
            if frame == 2:
                how()

        return progress

    previous = signal.signal(signal.SIGTERM, record)
    try:
        terminate = stop_at_frame_2(lambda: os.kill(os.getpid(), signal.SIGTERM))
        with pytest.raises(SystemExit) as stop:
            save_gif(("book", short), tmp_path / "a.gif", progress=terminate)
        assert stop.value.code == 128 + signal.SIGTERM
        assert received == [signal.SIGTERM]
        assert os.listdir(tmp_path) == []
        assert signal.getsignal(signal.SIGTERM) is record

        with pytest.raises(KeyboardInterrupt):
            save_gif(("book", short), tmp_path / "a.gif", progress=stop_at_frame_2(interrupt))
        assert os.listdir(tmp_path) == []
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupt():
    raise KeyboardInterrupt


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (
            {"interval": [100, 200]},
            "Invalid frame interval (milliseconds): [100, 200] (interval must be a single number)",
        ),
        (
            {"interval": 1e300},
            "Invalid frame interval (milliseconds): 1e+300 (interval must lie in [10, 100000])",
        ),
        ({"arrows": "no"}, "arrows must be True, False or None (automatic), got 'no'"),
        ({"labels": [3]}, "labels[0] must be a str, got 3"),
        ({"colors": ["nocolor"]}, "colors[0] must be a matplotlib colour"),
    ],
)
def test_animate_refuses_bad_arguments_naming_them(short, kwargs, message):
    with pytest.raises(ValueError) as raised:
        animate("book", short, **kwargs)
    assert str(raised.value).startswith(message)


def test_animate_refuses_what_is_not_a_trajectory():
    with pytest.raises(TypeError, match=r"trajectories\['a'\] must be a Trajectory"):
        animate("book", {"a": 3})


def test_the_first_frame_shows_the_start_and_labelled_loss_axes(race):
    """Frame 0, as pixels: a black ring round the start with the last run's point inside, and
    that run's loss dot at step 0, on loss axes already scaled for every step to come."""
    anim = animate("book", race)
    ax, loss_ax = anim.scene.fig.axes
    frames = anim.images(dpi=80)
    first = np.asarray(next(frames), dtype=int)  # the figure is at 80 dpi until frames close

    def colour_at(axes, xy, offset=(0, 0)):
        x, y = axes.transData.transform(xy)
        return first[int(round(len(first) - y - offset[1])), int(round(x + offset[0]))]

    sgd = np.array([0xD5, 0x5E, 0x00])  # "SGD lr=1.2" is drawn last, on top
    start = race["SGD lr=1.2"].positions[0]
    np.testing.assert_allclose(colour_at(ax, start), sgd, atol=30)
    ring = 10 * 80 / 72  # the ring's radius: 10 points
    for offset in [(ring, 0), (-ring, 0), (0, ring), (0, -ring)]:
        assert colour_at(ax, start, offset).max() < 90, offset
    gap = race["SGD lr=1.2"].losses[0]  # the book's minimum is 0
    np.testing.assert_allclose(colour_at(loss_ax, (0, gap)), sgd, atol=30)
    frames.close()
    assert loss_ax.get_xlim() == (0, 11) and loss_ax.get_ylabel() == "손실 − 최솟값 (loss − min)"
    highest = max(trajectory.losses.max() for trajectory in race.values())
    assert loss_ax.get_ylim()[0] == 1e-10 and highest <= loss_ax.get_ylim()[1]


def test_the_legend_names_the_runs_and_the_start_under_both_panels(race):
    anim = animate("book", race)
    fig = anim.scene.fig
    anim.scene.image()  # a frame: the figure laid out
    renderer = fig.canvas.get_renderer()
    texts = [text.get_text() for text in anim.scene.legend.get_texts()]
    assert texts == ["Momentum", "Adam", "SGD lr=1.2", "출발 (start)"]
    legend = anim.scene.legend.get_window_extent(renderer)
    assert 0 <= legend.x0 and legend.x1 <= fig.bbox.width and 0 <= legend.y0
    assert all(legend.y1 < ax.get_tightbbox(renderer).y0 for ax in fig.axes)  # labels too


def test_html_and_gif_carry_a_korean_and_english_description_as_alt_text(tmp_path, short):
    anim = animate("book", {'Momentum "m=0.9"': short[0]})
    assert anim.description == (
        'Momentum "m=0.9"의 궤적이 책의 예 곡면에서 4걸음 움직이는 애니메이션 / '
        'Animation: Momentum "m=0.9" taking 4 steps on the book surface'
    )
    tag = to_html(anim, dpi=20)
    (alt,) = re.findall(r'<img src="data:image/gif;base64,[^"]+" alt="([^"]*)">', tag)
    assert html.unescape(alt) == anim.description
    assert to_html(anim, dpi=20, alt="slide 3").endswith('" alt="slide 3">')
    with Image.open(save_gif(anim, tmp_path / "a.gif", dpi=20)) as gif:
        assert gif.info["comment"].decode() == anim.description
