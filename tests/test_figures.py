"""Static figures: the artists they hold, diverged runs marked, every surface in 3D, no warnings.

Each figure is drawn on its Agg canvas too, so that a missing glyph (a font warning) fails the
test; the book's comparison is also encoded as PNG (the encoding adds no warning, only time).
"""

import matplotlib.colors as mcolors
import numpy as np
import pytest
from collisions import assert_no_collisions
from matplotlib.figure import Figure
from matplotlib.quiver import Quiver

from optim import OPTIMIZERS, SGD, SURFACES, AdaGrad, Adam, Momentum, run, style
from optim.controls import slider_range
from optim.figures import book_runs, plot_3d, plot_comparison, plot_loss, plot_paths
from optim.plotting import draw_surface, new_figure, png_bytes, wrap_title


def rendered(fig, png=False):
    """`fig` after drawing it on its Agg canvas, the draw `png_bytes` makes before encoding
    (the draw is where font warnings come from); with `png`, encoded as PNG too."""
    assert isinstance(fig, Figure)
    if png:
        assert png_bytes(fig).startswith(b"\x89PNG")
    else:
        fig.canvas.draw()
    return fig


def labelled_lines(ax):
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


@pytest.fixture(scope="module")
def book():
    return book_runs()


@pytest.fixture(scope="module")
def book_comparison(book):
    """The book's four runs side by side, drawn once: its panels and its texts are checked by
    two tests, which only read it."""
    return rendered(plot_comparison("book", book), png=True)


@pytest.fixture(scope="module")
def diverging():
    trajectory = run(SGD(lr=1.2), "book", steps=40)
    # y_k = 2 (1 - 2 * 1.2)^k = 2 (-1.4)^k leaves the 10 window heights (|y| <= 100) at k = 12:
    # 1.4^11 = 40.5 < 50 < 1.4^12 = 56.7 (x_k = -7 * 0.88^k only shrinks).
    assert trajectory.diverged_at == 12
    return trajectory


def test_book_runs_are_the_reference_figure_settings(book):
    assert list(book) == ["SGD (lr=0.95)", "Momentum (lr=0.1)", "AdaGrad (lr=1.5)", "Adam (lr=0.3)"]
    for trajectory in book.values():
        assert trajectory.steps == 30 and trajectory.surface == "book"
        np.testing.assert_array_equal(trajectory.positions[0], [-7.0, 2.0])
    assert book["Momentum (lr=0.1)"].optimizer == "Momentum(lr=0.1, momentum=0.9)"


def test_plot_paths_draws_one_labelled_path_per_trajectory(book):
    fig = rendered(plot_paths("book", book))
    (ax,) = fig.axes
    paths = labelled_lines(ax)
    assert [line.get_label() for line in paths] == list(book)
    for line, trajectory in zip(paths, book.values()):
        np.testing.assert_array_equal(line.get_xydata(), trajectory.positions)
    assert [text.get_text() for text in ax.get_legend().get_texts()] == list(book)
    single = labelled_lines(rendered(plot_paths("book", book["Adam (lr=0.3)"])).axes[0])
    assert [line.get_label() for line in single] == ["Adam(lr=0.3, beta1=0.9, beta2=0.999)"]
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("x", "y")
    assert ax.get_title() == SURFACES["book"].title
    assert not any(isinstance(c, Quiver) for c in ax.collections)


def test_colours_follow_the_optimizer_and_stay_distinct():
    runs = [run(SGD(lr=lr), "book", steps=5) for lr in (0.1, 0.2)] + [
        run(Adam(lr=0.3), "book", steps=5)
    ]
    (ax,) = rendered(plot_paths("book", runs)).axes
    colors = [mcolors.to_hex(line.get_color()).upper() for line in labelled_lines(ax)]
    assert colors[0] == style.COLORS["SGD"] and colors[2] == style.COLORS["Adam"]
    assert colors[1] == "#000000"  # the second SGD run: black, not another optimizer's colour
    assert [line.get_label() for line in labelled_lines(ax)] == [
        "SGD(lr=0.1)",
        "SGD(lr=0.2)",
        "Adam(lr=0.3, beta1=0.9, beta2=0.999)",  # eps is left out of default labels
    ]


def test_arrows_mark_every_step_and_a_given_axes_is_used():
    trajectory = run(SGD(lr=0.3), "book", steps=15)
    ax = new_figure(9, 4.6).add_subplot()
    fig = rendered(plot_paths("book", [trajectory], labels=["SGD"], arrows=True, ax=ax))
    assert fig is ax.figure and fig.axes == [ax]
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    np.testing.assert_allclose(quiver.U, np.diff(trajectory.positions[:, 0]))
    assert len(quiver.U) == 15


def test_a_diverged_run_is_marked_with_an_x_and_the_step(diverging):
    (ax,) = rendered(plot_paths("book", [diverging])).axes
    marks = [line for line in ax.get_lines() if line.get_marker() == "X" and len(line.get_xdata())]
    assert len(marks) == 1
    xmin, xmax, ymin, ymax = SURFACES["book"].window
    x, y = marks[0].get_xydata()[0]
    assert xmin <= x <= xmax and ymin <= y <= ymax  # at the window's edge, not off the figure
    notes = [t.get_text() for t in ax.texts if t.get_visible()]
    assert notes == ["발산 (diverged) at step 12"]


def test_plot_comparison_has_one_titled_panel_per_optimizer(book, book_comparison):
    fig = book_comparison
    assert [ax.get_title() for ax in fig.axes] == list(book)
    assert all(len(labelled_lines(ax)) == 0 and len(ax.get_lines()) >= 4 for ax in fig.axes)
    three = dict(list(book.items())[:3])
    assert len(rendered(plot_comparison("book", three)).axes) == 3  # the fourth cell is removed


def test_plot_loss_is_a_log_gap_per_trajectory_with_the_divergence_marked(book, diverging):
    runs = {"Momentum": book["Momentum (lr=0.1)"], "SGD lr=1.2": diverging}
    (ax,) = rendered(plot_loss(runs, "book")).axes
    assert ax.get_yscale() == "log" and ax.get_xlabel() == "걸음 (step)"
    assert ax.get_ylabel() == "손실 − 최솟값 (loss − min)"
    curves = labelled_lines(ax)
    assert [line.get_label() for line in curves] == list(runs)
    np.testing.assert_array_equal(curves[1].get_ydata(), diverging.losses)
    assert any(line.get_marker() == "X" for line in ax.get_lines())
    assert "발산 (diverged) at step 12" in [t.get_text() for t in ax.texts]
    low, high = ax.get_ylim()
    assert low <= min(c.get_ydata().min() for c in curves)
    assert high >= max(c.get_ydata().max() for c in curves)


def test_plot_loss_without_a_minimum_shows_the_loss_itself():
    trajectory = run(SGD(lr=0.1), "saddle", steps=20)
    (ax,) = rendered(plot_loss([trajectory], "saddle")).axes
    assert ax.get_yscale() == "linear" and ax.get_ylabel() == "손실 (loss)"


@pytest.mark.parametrize("name", list(SURFACES))
def test_plot_3d_builds_for_every_surface_with_a_trajectory(name):
    surface = SURFACES[name]
    trajectory = run(Adam(lr=0.05), name, steps=50)
    fig = rendered(plot_3d(name, [trajectory], resolution=30))
    (ax,) = fig.axes
    assert ax.name == "3d" and ax.get_title() == wrap_title(surface.title)
    expected = (
        "log₁₀(1 + f − 최솟값)" if surface.log_scale else "f({}, {})".format(*surface.axis_labels)
    )
    assert ax.get_zlabel() == expected
    stars = [line for line in ax.get_lines() if line.get_marker() == "*"]
    assert len(stars) == len(surface.minima)
    (path,) = labelled_lines(ax)
    z = path.get_data_3d()[2]
    assert np.isfinite(z[0])  # the start is inside the window
    zmin, zmax = ax.get_zlim()
    assert np.all((z[np.isfinite(z)] >= zmin) & (z[np.isfinite(z)] <= zmax))


@pytest.mark.parametrize("name", list(SURFACES))
def test_texts_stay_inside_and_apart_for_every_optimizer_at_an_lr_extreme(name):
    """All six optimizers at the lr slider's lowest or highest value (where most diverge),
    the two taking turns over the surfaces: titles, labels, tick labels, legends, notes and X
    marks inside the figure, off each other, and no legend over a path. (Drawing is what
    costs; the runs at both extremes on every surface are checked without drawing in
    test_explorer.py.)"""
    lr = slider_range("lr")[list(SURFACES).index(name) % 2]
    runs = {key: run(cls(lr=lr), name, steps=60) for key, cls in OPTIMIZERS.items()}
    for make in (plot_paths, plot_comparison):
        assert_no_collisions(rendered(make(name, runs)), f"{make.__name__} on {name}, {lr=}")
    assert_no_collisions(rendered(plot_loss(runs, name)), f"plot_loss on {name}, {lr=}")
    # In 3D the X marks fall where mplot3d projects the window's edge: texts only.
    three_d = rendered(plot_3d(name, runs, resolution=30))
    assert_no_collisions(three_d, f"plot_3d on {name}, {lr=}", marks=False)


def test_the_lectures_race_figures_keep_their_texts_apart(book_comparison):
    """08's figures: the book's comparison, the races on three surfaces, the saddle."""
    settings = {
        "SGD": {"lr": 1e-3},
        "Momentum": {"lr": 1e-3, "momentum": 0.9},
        "AdaGrad": {"lr": 0.1},
        "RMSprop": {"lr": 0.01},
        "Adam": {"lr": 0.05},
    }
    assert_no_collisions(book_comparison, "08's book comparison")
    for surface in ["rosenbrock", "beale", "himmelblau"]:
        runs = {key: run(OPTIMIZERS[key](**kw), surface, steps=300) for key, kw in settings.items()}
        fig = rendered(plot_paths(surface, runs, title="300걸음"))
        assert_no_collisions(fig, f"08's race on {surface}")
    saddle = {key: run(OPTIMIZERS[key](lr=0.05), "saddle", (-1.8, 0.001), 40) for key in settings}
    assert_no_collisions(rendered(plot_paths("saddle", saddle)), "08's saddle")


def test_plot_3d_lifts_paths_above_the_surface_and_marks_divergence(diverging):
    trajectory = run(AdaGrad(lr=1.5), "book", steps=30)
    (ax,) = rendered(plot_3d("book", {"AdaGrad": trajectory, "SGD": diverging})).axes
    adagrad = labelled_lines(ax)[0]
    x, y, z = adagrad.get_data_3d()
    assert np.all(z > SURFACES["book"].value(x, y))
    assert any(line.get_marker() == "X" for line in ax.get_lines())
    assert "발산 (diverged) at step 12" in [t.get_text() for t in ax.texts]


def test_plot_3d_without_trajectories():
    (ax,) = rendered(plot_3d("regression_mse")).axes
    assert ax.get_legend() is None


def test_bad_input_is_refused_with_a_clear_message(book):
    batch = run(Momentum(lr=0.1), "book", start=[(-7.0, 2.0), (5.0, 1.0)], steps=5)
    with pytest.raises(ValueError, match="one start at a time"):
        plot_paths("book", [batch])
    with pytest.raises(ValueError, match="on 'book' drawn on 'rosenbrock'"):
        plot_paths("rosenbrock", book)
    with pytest.raises(ValueError, match="2 labels for 4 trajectories"):
        plot_paths("book", list(book.values()), labels=["a", "b"])
    with pytest.raises(ValueError, match="at least one"):
        plot_loss([], "book")


def test_figures_display_as_png_in_ipython_without_the_inline_magic():
    from IPython.core.interactiveshell import InteractiveShell

    from optim.plotting import new_figure, show_figures_as_png

    shell = InteractiveShell.instance()
    try:
        fig = new_figure(2, 2)
        data, _ = shell.display_formatter.format(fig)
        assert "image/png" not in data  # IPython alone shows only "<Figure size ...>"
        show_figures_as_png(shell)
        data, _ = shell.display_formatter.format(fig)
        assert data["image/png"].startswith(b"\x89PNG")
    finally:
        InteractiveShell.clear_instance()


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda t: plot_paths("book", {"a": 3}),
            TypeError,
            "trajectories['a'] must be a Trajectory from run(...), got int 3",
        ),
        (lambda t: plot_paths("book", [3]), TypeError, "trajectories[0] must be a Trajectory"),
        (
            lambda t: plot_paths("book", None),
            TypeError,
            "trajectories must be a Trajectory from run(...), a list of them",
        ),
        (lambda t: plot_paths("book", "SGD"), TypeError, "trajectories must be a Trajectory"),
        (
            lambda t: plot_paths("book", t, labels=5),
            TypeError,
            "labels must be a list, one per trajectory, got 5",
        ),
        (
            lambda t: plot_paths("book", [t], labels=[None]),
            ValueError,
            "labels[0] must be a str, got None",
        ),
        (
            lambda t: plot_paths("book", t, colors=["notacolor"]),
            ValueError,
            "colors[0] must be a matplotlib colour",
        ),
        (lambda t: plot_paths("book", t, ax=5), TypeError, "ax must be a matplotlib Axes"),
        (lambda t: plot_loss([t], "book", ax="x"), TypeError, "ax must be a matplotlib Axes"),
        (
            lambda t: plot_loss("book", [t]),
            ValueError,
            "surface must be a name such as 'book' or a Surface, got list",
        ),
        (
            lambda t: plot_comparison("book", {"a": t}, ncols=0),
            ValueError,
            "ncols must be a whole number >= 1, got 0",
        ),
        (
            lambda t: plot_comparison("book", {"a": t}, ncols="2"),
            ValueError,
            "ncols must be a whole number >= 1, got '2'",
        ),
        (
            lambda t: plot_3d("book", [t], resolution=0),
            ValueError,
            "resolution must be a whole number from 2 to 1,000, got 0",
        ),
        (
            lambda t: plot_3d("book", [t], resolution=10**6),
            ValueError,
            "resolution must be a whole number from 2 to 1,000",
        ),
        (
            lambda t: plot_3d("book", [t], elev="a"),
            ValueError,
            "Invalid elev: 'a' (elev must be a number, got str)",
        ),
        (
            lambda t: draw_surface(new_figure().add_subplot(), "book", resolution=1),
            ValueError,
            "resolution must be a whole number from 2 to 2,000, got 1",
        ),
        (
            lambda t: draw_surface(5, "book"),
            TypeError,
            "ax must be a matplotlib Axes, e.g. from plt.subplots(), got int 5",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, error, message):
    trajectory = run(SGD(lr=0.1), "book", steps=3)
    with pytest.raises(error) as raised:
        call(trajectory)
    assert str(raised.value).startswith(message)
