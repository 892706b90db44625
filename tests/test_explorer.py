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

EXPLORER_STEPS = 60
# Drawing is what costs (a start or steps move redraws the whole figure, ~0.3 s): each
# optimizer's extremes are drawn on one surface, a different one for each (every surface's
# numbers are checked without drawing), and the race on the two surfaces left over.
DRAWN = dict(zip(OPTIMIZERS, SURFACES, strict=False))
RACE_DRAWN = [surface for surface in SURFACES if surface not in DRAWN.values()]


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
            assert image_size(explorer.image.value) == (1100, 500)
            case = f"{name} on {surface}, {control.description}={extreme}"
            assert_no_collisions(explorer.scene.fig, case)
            trajectory = entry.trajectory
            start, steps = (explorer.x0.value, explorer.y0.value), explorer.steps.value
            expected = run(entry.optimizer(), surface, start, steps)
            np.testing.assert_array_equal(trajectory.positions, expected.positions, case)
            assert np.isfinite(trajectory.positions).all()
            if trajectory.diverged_at is not None:
                assert "발산 (diverged)" in explorer.readout.value
        if control is not controls[-1]:  # each full redraw costs; the last needs no undoing
            control.value = default


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


def test_step_slider_draws_the_path_so_far():
    explorer = explore("SGD", "book", lr=0.3, steps=40)
    explorer.step.value = 7
    x, y = explorer.scene.views[0].path.get_data()
    np.testing.assert_array_equal(np.c_[x, y], explorer.entries[0].trajectory.positions[:8])
    assert "step 7/40" in explorer.readout.value


def test_diverging_run_is_marked_at_its_step():
    explorer = explore("SGD", "book", lr=10.0, steps=100)
    trajectory = explorer.entries[0].trajectory
    assert trajectory.diverged_at is not None
    view = explorer.scene.views[0]
    assert len(view.diverged.get_xdata()) == 1
    assert view.note.get_text() == f"발산 (diverged) at step {trajectory.diverged_at}"
    explorer.step.value = 0  # before the end: moving, no marker
    assert len(view.diverged.get_xdata()) == 0 and not view.note.get_visible()


def test_surface_change_resets_the_start_to_the_surfaces_default():
    explorer = explore("Adam", "book", lr=0.1)
    explorer.surface.value = "regression_mse"
    surface = SURFACES["regression_mse"]
    assert (explorer.x0.value, explorer.y0.value) == pytest.approx(surface.start, abs=1e-9)
    assert explorer.x0.description == "a₀" and explorer.y0.description == "b₀"
    assert explorer.entries[0].trajectory.surface == "regression_mse"


def test_race_sliders_change_their_own_optimizer_only():
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


def test_widget_states_are_valid_json_on_every_surface():
    """The frontend rejects NaN/inf in widget state ('Out of range float values')."""
    explorer = explore("Momentum")
    for surface in SURFACES:
        explorer.surface.value = surface
        for widget in widget_tree(explorer.widget):
            state = {k: v for k, v in widget.get_state().items() if not isinstance(v, bytes)}
            json.dumps(state, allow_nan=False, default=str)


def test_play_pressed_at_the_end_starts_over():
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


def test_explorer_opens_mid_run_with_arrows_a_race_at_the_end():
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


def test_the_loss_axes_reach_a_diverging_runs_losses_and_come_back():
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
