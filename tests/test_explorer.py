"""The explorers as a learner uses them: sliders, Play, surfaces, extremes and bad input."""

import base64
import html
import io
import json
import re

import numpy as np
import pytest
from collisions import assert_no_collisions
from PIL import Image
from test_animation import decoded

from optim import OPTIMIZERS, SGD, SURFACES, convergence_map, explore, race, run, sweep
from optim.controls import slider_range
from optim.defaults import sensible_settings
from optim.plotting import status_text
from optim.scene import Scene

EXPLORER_STEPS = 60
# Drawing is what costs (a start or steps move redraws the whole figure, ~0.3 s): each
# optimizer's extremes are drawn on one surface, a different one for each (every surface's
# numbers are checked without drawing), and the race on the two surfaces left over.
DRAWN = dict(zip(OPTIMIZERS, SURFACES, strict=False))
RACE_DRAWN = [surface for surface in SURFACES if surface not in DRAWN.values()]


@pytest.fixture
def undrawn(monkeypatch):
    """For a test of numbers, controls, readouts and artists' data, not of pixels: the
    explorers it makes give no frames (each would be a draw, a full one, ~0.5 s, when limits
    or the surface change). The frames are checked by the tests that draw: every control and
    schedule at its extremes, the race, the surface switches, the stored GIFs."""
    monkeypatch.setattr(Scene, "frame", lambda self: b"")


def set_unseen(control, value):
    """Set `control` back to `value` without making the frame nobody looks at (a full draw
    when limits change): the scene keeps what changed, and the next frame made draws it."""
    frame = Scene.frame
    Scene.frame = lambda self: b""
    try:
        control.value = value
    finally:
        Scene.frame = frame


def shown_image(explorer):
    """The explorer's image, its frame made now if `set_unseen` left it unmade (a control
    then set to the value it had changes nothing, and makes no frame)."""
    if not explorer.image.value:
        explorer.image.value = explorer.scene.frame()
    return explorer.image.value


def image_size(data):
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
        return image.size


def explorer_settings(name, surface):
    """The settings an explorer of `name` shows on `surface` (its lr the surface's own)."""
    return {**OPTIMIZERS[name]().hyperparameters, **sensible_settings(name, surface)}


def check_marked(trajectory, steps, case):
    """Finite numbers; the readout's status at the last step says diverged or converged."""
    assert np.isfinite(trajectory.positions).all(), case
    assert np.isfinite(trajectory.losses).all(), case
    status = status_text(trajectory, steps)
    if trajectory.diverged_at is not None:
        assert status.startswith(f"발산 (diverged) at step {trajectory.diverged_at}: "), case
    elif trajectory.converged_at is not None:
        assert status == f"수렴 (converged) at step {trajectory.converged_at}", case


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_slider_extreme_on_every_surface_runs_and_is_marked(name):
    """Each slider at its minimum and maximum, the others at what the explorer shows, on each
    surface, computed by `run` as the explorer calls it: finite numbers, and a run that
    diverged says so at the last step. The same settings in one `sweep` agree with `run` on
    where each run diverged or converged and on its final loss."""
    cls = OPTIMIZERS[name]
    for surface in SURFACES:
        settings = explorer_settings(name, surface)
        start = SURFACES[surface].start
        for setting in [key for key in settings if key != "eps"]:  # eps has no slider
            values = slider_range(setting)
            axes = {key: [value] for key, value in settings.items()} | {setting: list(values)}
            swept = sweep(cls, surface, EXPLORER_STEPS, start, **axes)
            diverged, converged = swept.diverged_at.ravel(), swept.converged_at.ravel()
            for i, value in enumerate(values):
                case = f"{name} on {surface}, {setting}={value}"
                trajectory = run(cls(**settings | {setting: value}), surface, start, EXPLORER_STEPS)
                check_marked(trajectory, EXPLORER_STEPS, case)
                assert diverged[i] == (trajectory.diverged_at or -1), case  # never at step 0
                assert converged[i] == (
                    -1 if trajectory.converged_at is None else trajectory.converged_at
                ), case
                final = swept.final_loss.ravel()[i]
                if trajectory.diverged_at is None:
                    assert final == trajectory.losses[-1], case
                else:
                    assert np.isnan(final), case
        xmin, xmax, ymin, ymax = SURFACES[surface].window
        moves = [((x0, start[1]), EXPLORER_STEPS) for x0 in (xmin, xmax)]
        moves += [((start[0], y0), EXPLORER_STEPS) for y0 in (ymin, ymax)]
        moves += [(start, steps) for steps in (1, 500)]  # the steps slider's ends
        for point, steps in moves:
            trajectory = run(cls(**settings), surface, point, steps)
            check_marked(trajectory, steps, f"{name} on {surface} from {point}, {steps} steps")


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_every_slider_extreme_renders_without_collisions(name):
    """Each slider at its minimum and maximum in a live explorer, on the surface `DRAWN` gives
    this optimizer: a picture, never an error, texts apart, the run the one `run` computes,
    and a run that diverged marked in the readout."""
    surface = DRAWN[name]
    settings = explorer_settings(name, surface)  # as a switch to the surface sets them
    explorer = explore(name, surface, steps=EXPLORER_STEPS, **settings)
    entry = explorer.entries[0]
    controls = [*entry.sliders.values(), explorer.x0, explorer.y0, explorer.steps]
    for control in controls:
        default = control.value
        for extreme in (control.min, control.max):
            control.value = extreme
            assert image_size(shown_image(explorer)) == (1100, 500)
            case = f"{name} on {surface}, {control.description}={extreme}"
            assert_no_collisions(explorer.scene.fig, case)
            trajectory = entry.trajectory
            start, steps = (explorer.x0.value, explorer.y0.value), explorer.steps.value
            expected = run(entry.optimizer(), surface, start, steps)
            np.testing.assert_array_equal(trajectory.positions, expected.positions, case)
            assert np.isfinite(trajectory.positions).all()
            if trajectory.diverged_at is not None:
                assert "발산 (diverged)" in explorer.readout.value
        if control is not controls[-1]:  # the last needs no undoing
            set_unseen(control, default)


def test_a_race_of_all_six_keeps_its_texts_apart():
    """Every lr at its minimum, then at its maximum (all six diverge: six notes, six X marks),
    at the first and at the last step, on the surfaces no optimizer's extremes were drawn on:
    titles, labels, legend, notes and marks never collide. (Every run's numbers, on every
    surface, are checked by test_every_slider_extreme_on_every_surface_runs_and_is_marked,
    this race's among them.)"""
    explorer = race({name: {"lr": 0.01} for name in OPTIMIZERS}, steps=EXPLORER_STEPS)
    sliders = [entry.sliders["lr"] for entry in explorer.entries]
    for surface in RACE_DRAWN:
        explorer.surface.value = surface
        for lr in slider_range("lr"):
            for slider in sliders:
                slider.value = lr
            for step in (0, explorer.step.max):
                explorer.step.value = step
                assert_no_collisions(explorer.scene.fig, f"race on {surface}, lr={lr}, {step=}")


def test_slider_change_recomputes_only_the_trajectory():
    explorer = explore("Momentum", "rosenbrock", lr=1e-3, momentum=0.9, steps=80)
    background = explorer.scene._background
    explorer.entries[0].sliders["lr"].value = 2e-3
    explorer.entries[0].sliders["momentum"].value = 0.5
    expected = run(Momentum_(lr=2e-3, momentum=0.5), "rosenbrock", steps=80)
    np.testing.assert_array_equal(explorer.entries[0].trajectory.positions, expected.positions)
    assert explorer.scene._background is background  # contours were not drawn again
    assert "momentum=0.5" in explorer.summary()


def Momentum_(**settings):
    return OPTIMIZERS["Momentum"](**settings)


def test_step_slider_draws_the_path_so_far(undrawn):
    explorer = explore("SGD", "book", lr=0.3, steps=40)
    explorer.step.value = 7
    x, y = explorer.scene.views[0].path.get_data()
    np.testing.assert_array_equal(np.c_[x, y], explorer.entries[0].trajectory.positions[:8])
    assert "step 7/40" in explorer.readout.value


def test_diverging_run_is_marked_at_its_step(undrawn):
    explorer = explore("SGD", "book", lr=10.0, steps=100)
    trajectory = explorer.entries[0].trajectory
    assert trajectory.diverged_at is not None
    view = explorer.scene.views[0]
    assert len(view.diverged.get_xdata()) == 1
    assert view.note.get_text() == f"발산 (diverged) at step {trajectory.diverged_at}"
    explorer.step.value = 0  # before the end: moving, no marker
    assert len(view.diverged.get_xdata()) == 0 and not view.note.get_visible()


def test_surface_change_resets_the_start_to_the_surfaces_default(undrawn):
    explorer = explore("Adam", "book", lr=0.1)
    explorer.surface.value = "regression_mse"
    surface = SURFACES["regression_mse"]
    assert (explorer.x0.value, explorer.y0.value) == pytest.approx(surface.start, abs=1e-9)
    assert explorer.x0.description == "a₀" and explorer.y0.description == "b₀"
    assert explorer.entries[0].trajectory.surface == "regression_mse"


def test_race_sliders_change_their_own_optimizer_only(undrawn):
    settings = {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}}
    explorer = race(settings, "book", start=(-7.0, 2.0), steps=30)
    before = [e.trajectory for e in explorer.entries]
    explorer.entries[1].sliders["lr"].value = 0.05
    after = [e.trajectory for e in explorer.entries]
    assert after[0] is before[0] and after[2] is before[2] and after[1] is not before[1]
    for label in ["SGD (lr=0.95)", "Momentum (lr=0.05, momentum=0.9)", "AdaGrad (lr=1.5)"]:
        assert label in explorer.readout.value
    (legend,) = explorer.scene.fig.legends  # under the panels, off the moving paths
    names = [text.get_text() for text in legend.get_texts()]
    assert names == ["SGD", "Momentum", "AdaGrad", "출발 (start)"]


def stored_gif(bundle):
    """(GIF bytes, alt text) of the <img> a page without a kernel shows."""
    (data, alt) = re.fullmatch(
        r'<img src="data:image/gif;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', bundle["text/html"]
    ).groups()
    return base64.b64decode(data), html.unescape(alt)


def test_display_offers_the_widget_an_animated_gif_and_text():
    """Without a kernel (GitHub, nbviewer, nbconvert's HTML), the runs move: a GIF of steps
    0 to 100 in 26 frames (every 4th step), the first at step 0, the last at step 100, as the
    scene draws them, on the live figure's background."""
    explorer = explore("RMSprop", "beale", lr=0.01)
    step, image = explorer.step.value, explorer.image.value
    background = explorer.scene._background
    bundle = explorer._repr_mimebundle_()
    assert explorer.scene._background is background  # drawn on the live background: no redraw
    assert "application/vnd.jupyter.widget-view+json" in bundle and "image/png" not in bundle
    assert bundle["text/plain"] == "RMSprop (lr=0.01, decay_rate=0.99) on beale, 100 steps"
    gif, alt = stored_gif(bundle)
    assert alt == (
        "RMSprop (lr=0.01, decay_rate=0.99)의 궤적이 빌 곡면에서 100걸음 움직이는 애니메이션 / "
        "Animation: RMSprop (lr=0.01, decay_rate=0.99) taking 100 steps on the beale surface"
    )
    frames = decoded(gif)
    assert len(frames) == 26 and frames[0].shape == (500, 1100, 3)  # the live figure's size
    first, last = explorer.scene.frames([0, 100])
    for ours, scene in ((frames[0], first), (frames[-1], last)):
        assert np.abs(ours.astype(float) - np.asarray(scene, dtype=float)).mean() < 2
    assert not np.array_equal(frames[0], frames[-1])
    assert explorer.step.value == step and explorer.image.value == image  # the widget as it was
    assert explorer.scene.k == step
    assert explorer.scene.counter.get_text() == ""  # the live readout says the step


def test_the_stored_gif_is_the_same_for_the_same_explorer():
    """Same settings, same bytes: nbval and git see no change when a notebook is rebuilt."""
    first, second = (explore("Momentum", lr=0.1, momentum=0.9) for _ in range(2))
    assert first._repr_mimebundle_()["text/html"] == second._repr_mimebundle_()["text/html"]


LECTURE_RACE = {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}}


@pytest.mark.parametrize(
    "make",
    [
        lambda: explore("RMSprop", "rosenbrock", lr=0.01, decay_rate=0.99, steps=500),  # 06
        lambda: race({**LECTURE_RACE, "Adam": {"lr": 0.3}}, "book", start=(-7, 2), steps=30),  # 08
    ],
)
def test_the_lectures_largest_stored_gifs_stay_small(make):
    """The longest explorer run and the race of the lecture (the largest GIFs, 120 and 106 kB
    when measured): under 250 kB each, so a notebook with its figures stays under 2 MB."""
    gif, _ = stored_gif(make()._repr_mimebundle_())
    assert len(gif) <= 250_000


def test_live_frame_looks_like_the_still():
    """The widget's JPEG frame differs from the lossless PNG of the same frame by less than the
    eye sees: at quality 90 the 99.9th percentile of the error is already 14 levels of 255."""
    explorer = explore("Momentum", "rosenbrock", steps=200)
    with Image.open(io.BytesIO(explorer.image.value)) as live:
        assert live.format == "JPEG"
        live = np.asarray(live.convert("RGB"), dtype=float)
    with Image.open(io.BytesIO(explorer.scene.png())) as still:
        still = np.asarray(still.convert("RGB"), dtype=float)
    assert live.shape == still.shape == (500, 1100, 3)
    error = np.abs(live - still)
    assert error.mean() < 0.75 and np.percentile(error, 99.9) <= 10


def test_convergence_map_matches_the_sweep_and_follows_the_sliders():
    cmap = convergence_map(
        "Momentum", "book", steps=50, size=12, lr_range=(1e-4, 1.0), lr=0.1, momentum=0.5
    )
    expected = sweep(
        OPTIMIZERS["Momentum"],
        "book",
        steps=50,
        lr=np.geomspace(1e-4, 1.0, 12),
        momentum=np.linspace(0, 0.99, 12),
    )
    np.testing.assert_array_equal(cmap.result.final_loss, expected.final_loss)
    cmap.sliders["momentum"].value = 0.8
    assert list(cmap.cross.get_xdata()) == [0.1] and list(cmap.cross.get_ydata()) == [0.8]
    assert "momentum=0.8" in cmap.readout.value
    cmap.metric.value = "steps"
    image_size(cmap.image.value)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: explore("Adamax"), "Unknown optimizer 'Adamax'"),
        (lambda: explore("SGD", lr=100.0), r"lr=100.0 is outside the slider's range"),
        (lambda: explore("Momentum", momentum=1.0), "Invalid momentum value: 1.0"),
        (lambda: explore("SGD", momentum=0.9), r"SGD has no setting \['momentum'\]"),
        (lambda: explore("SGD", "moon"), "moon"),
        (lambda: explore("SGD", start=(1.0, 2.0, 3.0)), "start must be"),
        (lambda: explore("SGD", steps=-5), "steps must be a whole number"),
        (lambda: explore("SGD", steps=0), "steps must be a whole number >= 1, got 0"),
        (lambda: explore("SGD", steps=10**7), "steps must be at most 5000 in an explorer"),
        (
            lambda: explore("SGD", "book", start=(50, 0)),
            r"start \(50, 0\) is outside the start sliders.*x in \[-10, 10\], y in \[-5, 5\]",
        ),
        (lambda: race({}), "race needs at least one optimizer"),
        (lambda: convergence_map("SGD"), "SGD has no setting 'momentum'"),
        (lambda: convergence_map(size=1), "size must be a whole number from 2 to 1000, got 1"),
        (lambda: explore(["SGD"]), r"Unknown optimizer \['SGD'\]; optimizer must be one of"),
    ],
)
def test_bad_input_says_what_is_wrong(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda: explore("SGD", lr=np.array([0.1, 0.2])), "settings must be single numbers"),
        (lambda: race(["SGD", "Adam"]), r"race needs a dict .*got \['SGD', 'Adam'\]"),
        (lambda: race({"SGD": 0.1}), r"race needs a dict .*got \{'SGD': 0.1\}"),
        (
            lambda: explore(SGD(lr=0.1)),
            r"not an optimizer object SGD\(lr=0.1\); give its settings as keywords: "
            r"\('SGD', lr=0.1\)",
        ),
    ],
)
def test_wrong_kinds_of_input_say_what_is_expected(make, message):
    with pytest.raises(TypeError, match=message):
        make()


def test_slider_ranges_cover_the_lecture_settings():
    low, high = slider_range("lr")
    assert low <= 1e-3 and high >= 1.5  # Adam's default and AdaGrad's lr in the book figure
    assert slider_range("beta2")[1] >= 0.999


def widget_tree(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from widget_tree(child)


def test_widget_states_are_valid_json_on_every_surface(undrawn):
    """The frontend rejects NaN/inf in widget state ('Out of range float values'). (The
    image's bytes are no JSON and are left out: no frame is drawn.)"""
    explorer = explore("Momentum")
    for surface in SURFACES:
        explorer.surface.value = surface
        for widget in widget_tree(explorer.widget):
            state = {k: v for k, v in widget.get_state().items() if not isinstance(v, bytes)}
            json.dumps(state, allow_nan=False, default=str)


def test_play_pressed_at_the_end_starts_over(undrawn):
    explorer = explore("SGD", "book", lr=0.3, steps=40)
    explorer.step.value = explorer.play.value = 40
    explorer.play.playing = True
    assert explorer.play.value == 0  # the step slider follows in the browser (jslink)


def test_halfway_step_halves_the_path_length():
    """Steps of lengths 3, 1, 1, 1 (a path of 6): half (3) is reached at step 1; 1, 1, 1, 3:
    at step 3 (travelled 1, 2, 3)."""
    from types import SimpleNamespace

    from optim.explorer import halfway_step

    def path(*lengths, diverged_at=None):
        x = np.concatenate([[0.0], np.cumsum(lengths)])
        positions = np.stack([x, np.zeros_like(x)], axis=1)
        return SimpleNamespace(positions=positions, steps=len(lengths), diverged_at=diverged_at)

    assert halfway_step(path(3, 1, 1, 1)) == 1
    assert halfway_step(path(1, 1, 1, 3)) == 3
    assert halfway_step(path(0, 0)) == 2  # never moved: the end
    assert halfway_step(path(1, 1, 1, 3, diverged_at=5)) == 4  # diverged: its mark, at the end


def test_explorer_opens_mid_run_with_arrows_a_race_at_the_end(undrawn):
    """The still a page without a kernel shows: mid-run, where the next step is visible."""
    explorer = explore("Momentum", "book", lr=0.1, momentum=0.9, steps=100)
    trajectory, k = explorer.entries[0].trajectory, explorer.step.value
    assert 0 < k < 100 and explorer.play.value == k
    assert f"step {k}/100" in explorer.readout.value
    travelled = np.cumsum(np.hypot(*np.diff(trajectory.positions, axis=0).T))
    assert travelled[k - 2] < travelled[-1] / 2 <= travelled[k - 1]
    arrows = explorer.scene.views[0].arrows
    step_arrow = arrows.U[1], arrows.V[1]
    assert np.hypot(*step_arrow) > 0.01
    diverging = explore("SGD", "book", lr=1.5, steps=100)
    assert diverging.step.value == diverging.entries[0].trajectory.steps  # the X shows
    assert race({"SGD": {"lr": 0.5}, "Adam": {"lr": 0.3}}, steps=60).step.value == 60


def test_the_loss_axes_reach_a_diverging_runs_losses_and_come_back(undrawn):
    """As in the GIFs: the loss panel widens for a run that diverges (its whole loss curve
    shows), and returns to the surface's own range when the run converges again."""
    explorer = explore("SGD", "book", lr=0.3, steps=40)
    loss_ax = explorer.scene.loss_ax
    assert loss_ax.get_ylim() == (1e-10, 100.0)  # the book's window: gaps up to 50
    explorer.entries[0].sliders["lr"].value = 1.5  # y_k = 2 (-2)^k: leaves the window
    trajectory = explorer.entries[0].trajectory
    assert trajectory.diverged_at is not None
    assert trajectory.losses.max() > 100 and loss_ax.get_ylim()[1] >= trajectory.losses.max()
    explorer.entries[0].sliders["lr"].value = 0.3
    assert loss_ax.get_ylim() == (1e-10, 100.0)


def click_event(fig, ax, point, shown_width):
    """The dict ipyevents sends for a click on the image of `fig` shown `shown_width` pixels
    wide (its height in proportion), at the pixel where `ax` draws the data `point`."""
    width, height = fig.canvas.get_width_height()
    scale = shown_width / width
    x, y = ax.transData.transform(point)
    return {
        "type": "click",
        "offsetX": x * scale,
        "offsetY": (height - y) * scale,  # the browser counts from the top
        "boundingRectWidth": shown_width,
        "boundingRectHeight": height * scale,
    }


@pytest.mark.parametrize("surface, point", [("book", (3.7, -2.1)), ("rosenbrock", (0.52, 2.38))])
@pytest.mark.parametrize("shown_width", [1100, 533.5])
def test_a_click_on_the_contours_moves_the_start_to_the_nearest_stops(surface, point, shown_width):
    """A point drawn at some pixel, clicked there on an image shown at its own size or about
    half of it, becomes the start (each coordinate at its slider's nearest stop, here the point
    itself nudged by a third of a stop), and every run starts there."""
    make = (
        (lambda s: explore("Momentum", s))
        if shown_width == 1100
        else lambda s: race({"SGD": {}, "Adam": {}}, s)
    )
    explorer = make(surface)
    nudged = np.add(point, [(s.stops[1] - s.stops[0]) / 3 for s in (explorer.x0, explorer.y0)])
    before = explorer.image.value
    explorer.on_click(click_event(explorer.scene.fig, explorer.scene.ax, nudged, shown_width))
    assert (explorer.x0.value, explorer.y0.value) == point
    assert point[0] in explorer.x0.stops and point[1] in explorer.y0.stops
    for entry in explorer.entries:
        np.testing.assert_array_equal(entry.trajectory.positions[0], point)
        optimizer = entry.optimizer()
        expected = run(optimizer, surface, point, explorer.steps.value)
        np.testing.assert_array_equal(entry.trajectory.positions, expected.positions)
    assert explorer.step.value == explorer.steps.value and explorer.image.value != before


def test_a_click_outside_the_contours_changes_nothing():
    """On the loss panel, the figure's margin, outside the image or without a position: the
    start, the runs and the image stay as they were."""
    explorer = explore("Momentum", "book")
    fig, ax, loss_ax = explorer.scene.fig, explorer.scene.ax, explorer.scene.loss_ax
    width, height = fig.canvas.get_width_height()
    state = (explorer.x0.value, explorer.y0.value, explorer.image.value, explorer.step.value)
    trajectory = explorer.entries[0].trajectory
    on_loss = click_event(fig, loss_ax, (5, np.mean(loss_ax.get_ylim())), 700)
    below = click_event(fig, ax, (0, -5.3), 700)  # under the axes, over the tick labels
    corner = {**on_loss, "offsetX": 1.0, "offsetY": 1.0}
    beyond = {**on_loss, "offsetX": 800.0}
    for event in (on_loss, below, corner, beyond, {"type": "click"}, {**on_loss, "offsetX": None}):
        explorer.on_click(event)
        now = (explorer.x0.value, explorer.y0.value, explorer.image.value, explorer.step.value)
        assert now == state and explorer.entries[0].trajectory is trajectory, event


@pytest.mark.parametrize("wider", [True, False])
def test_a_click_on_a_picture_centred_in_a_box_of_another_shape(wider):
    """On a slide the image's box can be wider (or taller) than the picture, which CSS
    object-fit: contain centres in it at its own proportions (at 1920x1080: a 908 px picture in
    a 1118.75 px box). The click counts from the picture's corner; one on the margin beside
    the picture does nothing."""
    explorer = explore("Momentum", "book")
    event = click_event(explorer.scene.fig, explorer.scene.ax, (3.7, -2.1), 908)
    axis, size = ("X", "Width") if wider else ("Y", "Height")
    grown = 1.25 * event[f"boundingRect{size}"]
    margin = (grown - event[f"boundingRect{size}"]) / 2
    in_margin = {**event, f"offset{axis}": margin / 2, f"boundingRect{size}": grown}
    explorer.on_click(in_margin)
    assert (explorer.x0.value, explorer.y0.value) == (-7, 2)  # the book's start, unmoved
    shifted = event[f"offset{axis}"] + margin
    explorer.on_click({**event, f"offset{axis}": shifted, f"boundingRect{size}": grown})
    assert (explorer.x0.value, explorer.y0.value) == (3.7, -2.1)


SCHEDULE_SLIDERS = {
    "constant": [],
    "StepLR": ["step_size", "gamma"],
    "ExponentialLR": ["gamma"],
    "CosineAnnealingLR": ["T_max", "eta_min"],
    "LinearLR": ["start_factor", "end_factor", "total_iters"],
    "warmup_cosine": ["warmup", "start_factor", "T_max", "eta_min"],
}


def test_switching_the_schedule_shows_only_its_sliders(undrawn):
    explorer = explore("Momentum", "book", lr=0.1, steps=80)
    assert explorer.schedule.choice.value == "constant" and explorer.schedule.row.children == ()
    for key, names in SCHEDULE_SLIDERS.items():
        explorer.schedule.choice.value = key
        assert [s.description for s in explorer.schedule.row.children] == names, key
    assert explorer.schedule.sliders["CosineAnnealingLR"]["T_max"].value == 80  # the run's steps


def check_runs_exactly(explorer, case):
    """Every entry's run is `run(..., schedule=, noise=, seed=)` with the controls' values,
    and at the last step each lr(t) line holds the run's lrs (or no line without a schedule)."""
    schedule = explorer.schedule.schedule()
    explorer.step.value = explorer.steps.value
    for slot, entry in enumerate(explorer.entries):
        start, steps = (explorer.x0.value, explorer.y0.value), explorer.steps.value
        expected = run(
            entry.optimizer(),
            explorer.surface.value,
            start,
            steps,
            schedule=schedule,
            noise=explorer.noise.value,
            seed=explorer.seed,
        )
        np.testing.assert_array_equal(entry.trajectory.positions, expected.positions, case)
        np.testing.assert_array_equal(entry.trajectory.lrs, expected.lrs, case)
        if schedule is None:
            assert explorer.scene.lr_ax is None and len(shown_axes(explorer)) == 2, case
        else:
            x, y = explorer.scene.lr_lines[slot].get_data()
            np.testing.assert_array_equal(y, expected.lrs, case)
            np.testing.assert_array_equal(x, np.arange(len(expected.lrs)), case)
            assert explorer.scene.lr_lines[slot].get_linestyle() == "--"
            assert explorer.scene.lr_lines[slot].get_color() == entry.color
            assert explorer.scene.lr_ax.get_yscale() == "log"
            assert explorer.scene.lr_ax.get_ylabel() == "학습률 lr (점선)"


def test_the_schedule_and_noise_controls_run_exactly_run(undrawn):
    """Each schedule at its opening settings and with every slider moved, noise on: the runs
    are those of `run` with the same schedule, noise and seed, the lr(t) lines their lrs."""
    explorer = explore("Momentum", "book", lr=0.1, steps=60)
    explorer.noise.value = 0.1
    for key in SCHEDULE_SLIDERS:
        explorer.schedule.choice.value = key
        check_runs_exactly(explorer, key)
        for slider in explorer.schedule.row.children:
            slider.slider.value = len(slider.stops) // 3  # a third of the way along
            check_runs_exactly(explorer, f"{key}, {slider.description}={slider.value}")
    race_ = race({"SGD": {"lr": 0.5}, "Adam": {"lr": 0.3}}, schedule="StepLR", noise=0.2)
    check_runs_exactly(race_, "race")
    assert "모든 optimizer에 같은 스케줄" in race_.readout.value
    assert "모든 optimizer에 같은 잡음" in race_.readout.value
    # one schedule, one noise: every optimizer saw the same draws
    np.testing.assert_array_equal(
        race_.entries[0].trajectory.noise, race_.entries[1].trajectory.noise
    )


def test_the_readout_says_the_lr_at_the_current_step(undrawn):
    explorer = explore("SGD", "book", lr=0.5, steps=40, schedule=optim_schedules().StepLR(10, 0.5))
    for k, lr in [(0, 0.5), (9, 0.5), (10, 0.25), (39, 0.0625)]:
        explorer.step.value = k
        assert f"lr {lr:.4g} ·" in explorer.readout.value, k
        line = explorer.scene.lr_lines[0]
        assert line.get_ydata()[-1] == lr and len(line.get_ydata()) == k + 1
    assert "StepLR(step_size=10, gamma=0.5)" in explorer.readout.value
    explorer.step.value = 40  # after the last update (no lr recorded): the schedule's next
    assert f"lr {0.5 * 0.5**4:.4g} ·" in explorer.readout.value


def optim_schedules():
    from optim import schedules

    return schedules


@pytest.mark.parametrize(
    "key", ["StepLR", "ExponentialLR", "CosineAnnealingLR", "LinearLR", "warmup_cosine"]
)
def test_a_schedule_object_sets_the_sliders(key, undrawn):
    s = optim_schedules()
    schedule = {
        "StepLR": s.StepLR(10, 0.3),
        "ExponentialLR": s.ExponentialLR(0.95),
        "CosineAnnealingLR": s.CosineAnnealingLR(50, 0.001),
        "LinearLR": s.LinearLR(0.25, 0.5, 20),
        "warmup_cosine": s.SequentialLR([s.LinearLR(0.1, 1.0, 10), s.CosineAnnealingLR(90)], [10]),
    }[key]
    explorer = explore("Adam", "book", lr=0.3, steps=100, schedule=schedule)
    assert explorer.schedule.choice.value == key
    assert explorer.schedule.schedule() == schedule
    check_runs_exactly(explorer, key)


def test_a_schedule_that_drives_lr_to_zero_is_shown_and_is_no_error():
    """LinearLR down to 0 at update 30: the run stops where it is, the lr line drops off the
    lr axis' bottom, the readout says lr 0; the figure keeps its texts apart."""
    s = optim_schedules()
    explorer = explore("SGD", "book", lr=0.5, steps=60, schedule=s.LinearLR(1.0, 0.0, 30))
    explorer.step.value = 60
    trajectory = explorer.entries[0].trajectory
    assert trajectory.diverged_at is None and (trajectory.lrs[30:] == 0).all()
    assert (trajectory.positions[31:] == trajectory.positions[30]).all()
    assert "lr 0 ·" in explorer.readout.value
    assert (explorer.scene.lr_lines[0].get_ydata()[30:] == 0).all()
    assert_no_collisions(explorer.scene.fig, "lr to 0")
    explorer.schedule.choice.value = "CosineAnnealingLR"  # T_max = steps: lr(60) = 0
    explorer.schedule.sliders["CosineAnnealingLR"]["T_max"].value = 20  # 0 at t = 20, then up
    assert explorer.entries[0].trajectory.lrs[20] == 0
    image_size(explorer.image.value)


def test_noise_at_zero_is_the_exact_run_and_its_draws_stay_fixed(undrawn):
    explorer = explore("Momentum", "rosenbrock", lr=1e-3, steps=50)
    exact = run(Momentum_(lr=1e-3, momentum=0.9), "rosenbrock", steps=50)
    assert explorer.noise.min == 0 and explorer.noise.max == 1000  # |∇L(start)| = 163
    explorer.noise.value = explorer.noise.stops[15]
    noisy = explorer.entries[0].trajectory
    assert not np.array_equal(noisy.positions, exact.positions)
    explorer.entries[0].sliders["lr"].value = 2e-3  # the same draws: only lr changed
    np.testing.assert_array_equal(explorer.entries[0].trajectory.noise, noisy.noise)
    explorer.entries[0].sliders["lr"].value = 1e-3
    explorer.noise.value = 0
    np.testing.assert_array_equal(explorer.entries[0].trajectory.positions, exact.positions)
    assert explorer.entries[0].trajectory.noise is None
    assert "noise" not in explorer.summary() and "잡음" not in explorer.readout.value


def test_the_noise_slider_spans_the_surfaces_gradient_scale(undrawn):
    """0, then 10 stops a decade over three decades up to the power of ten at or above
    |∇L| at the surface's start; a surface change keeps the level relative to that."""
    explorer = explore("SGD", "book", lr=0.3, noise=0.1, seed=3)
    assert explorer.noise.stops[0] == 0 and explorer.noise.max == 10  # |∇L(start)| = 4.06
    np.testing.assert_allclose(explorer.noise.stops[1:], 10 * 10.0 ** (np.arange(-30, 1) / 10))
    assert "σ = 0.1, seed 3" in explorer.readout.value
    assert explorer.entries[0].trajectory.noise is not None
    explorer.schedule.choice.value = "StepLR"
    explorer.surface.value = "rosenbrock"
    assert explorer.noise.max == 1000 and explorer.noise.value == pytest.approx(10)
    check_runs_exactly(explorer, "after a surface change")  # the lr axis drawn again


def test_whole_number_schedule_settings_follow_the_steps(undrawn):
    explorer = explore("SGD", "book", lr=0.3, steps=100, schedule="CosineAnnealingLR")
    t_max = explorer.schedule.sliders["CosineAnnealingLR"]["T_max"]
    step_size = explorer.schedule.sliders["StepLR"]["step_size"]
    assert t_max.value == 100 and step_size.value == 25
    explorer.steps.value = 200
    assert t_max.value == 200 and t_max.max == 200 and step_size.value == 25
    explorer.steps.value = 10
    assert t_max.value == 10 and step_size.value == 10
    check_runs_exactly(explorer, "steps 10")
    t_max.box.value = "4.6"  # a typed number: the nearest whole number
    assert t_max.value == 5 and explorer.schedule.schedule().T_max == 5


def shown_axes(explorer):
    """The axes a frame shows (the hidden panel's are left out)."""
    return [ax for ax in explorer.scene.fig.axes if ax.get_visible()]


def test_no_schedule_shows_nothing_extra():
    """Back to a constant lr: the second axis is gone and the frame is as it was."""
    explorer = explore("Momentum", "book", lr=0.1, steps=60)
    before = np.asarray(explorer.scene.image())
    explorer.schedule.choice.value = "ExponentialLR"
    assert len(shown_axes(explorer)) == 3
    explorer.schedule.choice.value = "constant"
    assert explorer.scene.lr_ax is None and explorer.scene.lr_lines == []
    np.testing.assert_array_equal(np.asarray(explorer.scene.image()), before)


def test_the_schedule_and_noise_panel_at_its_extremes_keeps_texts_apart():
    """Every schedule slider and the noise slider at its minimum and maximum, on Rosenbrock,
    at the last step: a picture, texts apart, the runs those of `run`."""
    explorer = explore("Adam", "rosenbrock", lr=0.1, steps=EXPLORER_STEPS)
    for key in SCHEDULE_SLIDERS:
        set_unseen(explorer.schedule.choice, key)  # each extreme below makes its frame
        for control in [*explorer.schedule.row.children, explorer.noise]:
            default = control.value
            for extreme in (control.min, control.max):
                control.value = extreme
                case = f"{key}, {control.description}={extreme}"
                check_runs_exactly(explorer, case)
                assert image_size(shown_image(explorer)) == (1100, 500)
                assert_no_collisions(explorer.scene.fig, case)
            set_unseen(control, default)


def test_a_start_change_moves_the_ring_without_a_full_draw():
    """The start ring is a moving artist: a new start keeps the background, and each frame is
    pixel for pixel the one an explorer opened at that start draws (its background drawn
    anew), and the one a full draw (every artist drawn as an ordinary one) gives, within the
    tolerance test_animation allows blitting."""
    from test_animation import full_draw

    explorer = explore("Momentum", "book", lr=0.1, steps=60)
    background = explorer.scene._background
    explorer.x0.value = -5.0
    explorer.y0.value = 3.0
    assert explorer.scene._background is background
    np.testing.assert_array_equal(explorer.scene.start.get_xydata(), [[-5.0, 3.0]])
    fresh = explore("Momentum", "book", start=(-5.0, 3.0), lr=0.1, steps=60)
    for step in (0, 30, 60):
        explorer.step.value = fresh.step.value = step
        blitted = np.asarray(explorer.scene.image())
        np.testing.assert_array_equal(np.asarray(fresh.scene.image()), blitted)
        assert np.abs(full_draw(explorer.scene).astype(float) - blitted).mean() < 1


def test_the_stored_gif_shows_the_schedule_and_the_noise():
    explorer = explore("SGD", "book", lr=0.5, steps=50, schedule="warmup_cosine", noise=0.5)
    bundle = explorer._repr_mimebundle_()
    assert (
        "schedule SequentialLR(" in bundle["text/plain"]
        and "noise 0.5 (seed 0)" in bundle["text/plain"]
    )
    frames = decoded(stored_gif(bundle)[0])
    assert len(frames) == 26 and frames[0].shape == (500, 1100, 3)
    (last,) = explorer.scene.frames([50])
    assert np.abs(frames[-1].astype(float) - np.asarray(last, dtype=float)).mean() < 2


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: explore(schedule="cosine"), ValueError, r"Unknown schedule 'cosine'"),
        (lambda: explore(schedule=3), TypeError, r"schedule must be None, a name"),
        (
            lambda: explore(steps=100, schedule=optim_schedules().StepLR(500)),
            ValueError,
            r"schedule: step_size=500 is outside the StepLR slider's range \[1, 100\]",
        ),
        (
            lambda: explore(
                schedule=optim_schedules().SequentialLR(
                    [optim_schedules().StepLR(5), optim_schedules().ExponentialLR(0.9)], [10]
                )
            ),
            ValueError,
            r"the explorer's SequentialLR is a warm-up then a cosine",
        ),
        (lambda: explore(noise=-0.1), ValueError, r"noise"),
        (lambda: explore(noise=np.inf), ValueError, r"noise"),
        (lambda: explore("SGD", noise=50.0), ValueError, r"noise=50.0 is outside the noise"),
        (lambda: explore(seed=1.5), ValueError, r"seed must be a whole number"),
        (lambda: race({"SGD": {}}, seed=-1), ValueError, r"seed must be a whole number"),
        (lambda: explore(seed=None), ValueError, r"seed must be a whole number >= 0 in an"),
    ],
)
def test_bad_schedule_noise_and_seed_say_what_is_wrong(make, error, message):
    with pytest.raises(error, match=message):
        make()


# The inner-state toggle: the right panel turned from the loss to each run's inner state.
EVERY_KIND = {
    "SGD": {"lr": 0.5},
    "Momentum": {"lr": 0.1},
    "Nesterov": {"lr": 0.1},
    "AdaGrad": {"lr": 1.5},
    "RMSprop": {"lr": 0.3},
    "Adam": {"lr": 0.3},
}


def inner_expected(trajectory, ax, k):
    """What the inner panel should show of `trajectory` at step k on `ax`: `inner_state`'s
    effective lr or velocity over steps 1 .. k, inside the axis' limits."""
    from optim.inner import inner_state

    state = inner_state(trajectory)
    values = state.velocity if state.velocity is not None else state.effective_lr
    shown = min(k, len(state.step))
    return state.step[:shown], np.clip(values[:shown], *ax.get_ylim())


def test_the_inner_state_toggle_shows_each_runs_inner_state_without_a_rerun(monkeypatch):
    from optim.schedules import StepLR

    explorer = race(EVERY_KIND, "book", start=(-7, 2), steps=60, schedule=StepLR(20, 0.5))
    scene, trajectories = explorer.scene, [e.trajectory for e in explorer.entries]
    assert scene.panel == "loss" and scene.inner is None  # made when first shown

    def no_rerun(*args, **kwargs):
        raise AssertionError("the toggle ran an optimizer again")

    monkeypatch.setattr("optim.explorer.run", no_rerun)
    explorer.panel.value = "inner"
    assert [t for t, _ in scene.inner.states] == trajectories
    assert not scene.loss_ax.get_visible() and not scene.lr_ax.get_visible()
    assert scene.inner.lr_ax.get_visible() and scene.inner.v_ax.get_visible()  # both kinds
    assert not any(line.get_visible() for line in (*scene.curves, *scene.lr_lines))
    for k in (1, 25, 60):
        explorer.step.value = k
        for entry, group in zip(explorer.entries, scene.inner.artists, strict=True):
            *lines, dots, mark = group
            kind = "v" if entry.cls.__name__ in ("Momentum", "Nesterov") else "lr"
            ax = scene.inner.v_ax if kind == "v" else scene.inner.lr_ax
            assert lines[0].axes is ax, entry.cls.__name__
            steps, values = inner_expected(entry.trajectory, ax, k)
            for column, line in enumerate(lines):
                np.testing.assert_array_equal(line.get_xdata(), steps)
                np.testing.assert_allclose(line.get_ydata(), values[:, column], rtol=1e-12)
            np.testing.assert_allclose(dots.get_ydata(), values[-1], rtol=1e-12)
            assert list(dots.get_xdata()) == [k, k] and not len(mark.get_xdata())
        image_size(explorer.image.value)  # a frame was made
        assert_no_collisions(scene.fig, f"inner state of a race of six, {k=}")
    # SGD's effective lr is the schedule's lr: halved at step 21 and 41
    sgd = scene.inner.artists[0][0].get_ydata()
    assert sgd[0] == 0.5 and sgd[20] == 0.25 and sgd[40] == 0.125
    explorer.panel.value = "loss"
    assert scene.loss_ax.get_visible() and not scene.inner.lr_ax.get_visible()
    assert all(line.get_visible() for line in (*scene.curves, *scene.lr_lines))
    assert not any(a.get_visible() for group in scene.inner.artists for a in group)


def test_the_inner_panel_follows_a_slider_and_keeps_unchanged_states(undrawn):
    explorer = explore("AdaGrad", "book", lr=1.5, steps=50)
    explorer.panel.value = "inner"
    state = explorer.scene.inner.states[0][1]
    explorer.step.value = 10  # no new run: the same state
    assert explorer.scene.inner.states[0][1] is state
    explorer.entries[0].sliders["lr"].value = 0.5  # a new run: its state
    trajectory = explorer.entries[0].trajectory
    assert explorer.scene.inner.states[0][0] is trajectory
    (line, _, dots, _) = explorer.scene.inner.artists[0]
    steps, values = inner_expected(trajectory, line.axes, explorer.step.value)
    np.testing.assert_allclose(line.get_ydata(), values[:, 0], rtol=1e-12)
    assert line.axes.get_xlabel() == "걸음 (step) · 실선 x, 점선 y"
    assert not explorer.scene.inner.v_ax.get_visible()  # no velocity in this run


def test_a_diverged_run_ends_in_an_x_on_the_inner_panel_with_no_nan_drawn():
    explorer = race({"SGD": {"lr": 10.0}, "Momentum": {"lr": 0.1}}, "book", steps=100)
    explorer.panel.value = "inner"
    scene = explorer.scene
    trajectory = explorer.entries[0].trajectory
    assert trajectory.diverged_at is not None
    *lines, dots, mark = scene.inner.artists[0]
    for line in lines:
        assert np.isfinite(line.get_ydata()).all() and len(line.get_ydata()) == trajectory.steps
    assert list(mark.get_xdata()) == [trajectory.steps]  # the X at its last step
    assert_no_collisions(scene.fig, "inner panel, a diverged run")
    explorer.step.value = 0  # before the end: nothing drawn, no X
    assert not len(lines[0].get_xdata()) and not len(mark.get_xdata())


def test_the_stored_gif_shows_the_loss_whichever_panel_is_shown():
    """One explorer's GIF with the loss panel shown, then with the inner panel: the same bytes
    (a GIF is drawn anew on each call, and is the same for the same runs: test above)."""
    explorer = explore("Adam", "book", lr=0.3, steps=30)
    loss = explorer.gif()
    explorer.panel.value = "inner"
    assert explorer.gif() == loss
    assert explorer.scene.panel == "inner" and explorer.scene.inner.lr_ax.get_visible()
    with pytest.raises(ValueError, match="panel must be one of"):
        explorer.scene.set_panel("velocity")


@pytest.mark.parametrize("panel", ["loss", "inner"])
def test_a_second_y_axis_on_the_right_keeps_a_long_title_off_the_ticks(panel):
    """Himmelblau's title (47 characters) over the contour panel made narrower by the lr(t)
    axis (a schedule, loss view) or by the velocity axis (Momentum beside Adam, inner view)."""
    from optim.schedules import StepLR

    explorer = race(
        {"Momentum": {"lr": 0.01}, "Adam": {"lr": 0.1}}, "himmelblau", schedule=StepLR(20, 0.5)
    )
    explorer.panel.value = panel
    explorer.scene.image()
    assert_no_collisions(explorer.scene.fig, f"himmelblau, {panel} view with a second y axis")
    assert "\n" in explorer.scene.ax.get_title()
