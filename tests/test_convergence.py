"""The convergence map against closed-form theory, and its errors for bad settings."""

import numpy as np
import pytest
from test_explorer import undrawn  # noqa: F401 (a fixture: no frames drawn)

from optim import Momentum, convergence_map, get_surface, run
from optim.convergence import map_values


@pytest.mark.usefixtures("undrawn")  # the map's numbers, not its pixels
def test_the_map_shows_divergence_where_heavy_ball_theory_says():
    """On x²/20 + y² (curvatures 0.1 and 2), heavy-ball momentum diverges exactly when
    lr · 2 > 2 (1 + momentum), i.e. lr > 1 + momentum (the y direction). Cells 10 % on
    either side of that line must be diverged (no value) and not diverged (a value)."""
    cmap = convergence_map("Momentum", "book", steps=200, size=40, lr_range=(0.05, 3.0))
    values, _ = map_values(cmap.result, get_surface("book"), "loss")
    lr, momentum = np.meshgrid(cmap.axes["lr"], cmap.axes["momentum"], indexing="ij")
    limit = 1 + momentum
    assert np.isnan(values[lr > 1.1 * limit]).all()
    inside = (lr < 0.9 * limit) & (lr > 0.2)
    assert inside.sum() > 100 and np.isfinite(values[inside]).all()


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"second": "eps"}, "second must be one of ['momentum', 'decay_rate', 'beta1', 'beta2']"),
        ({"second": "lr"}, "second must be one of"),
        ({"lr_range": (0, 1)}, "Invalid lr range: 0.0 (lr_range must be finite and > 0)"),
        ({"lr_range": (1.0, 0.1)}, "low < high"),
        ({"lr_range": (0.1,)}, "Invalid lr range: (0.1,) (lr_range must be a pair (low, high))"),
        ({"lr_range": (1e-3, 0.1, 1)}, "Invalid lr range: (0.001, 0.1, 1) (lr_range must be a"),
        ({"lr_range": ("1e-3", 1)}, "Invalid lr range: '1e-3' (lr_range must be a number"),
        ({"second_range": (0.5,)}, "Invalid momentum range: (0.5,) (second_range must be a pair"),
        ({"second_range": (0.5, 1.0)}, "Invalid momentum range: 1.0 (second_range must lie in"),
        ({"size": "abc"}, "size must be a whole number from 2 to 1000, got 'abc'"),
        ({"size": 2.5}, "size must be a whole number from 2 to 1000, got 2.5"),
        ({"size": 10**6}, "size must be a whole number from 2 to 1000, got 1000000"),
    ],
)
def test_bad_map_settings_are_named(settings, message):
    with pytest.raises(ValueError) as error:
        convergence_map("Momentum", "book", **{"size": 4, **settings})
    assert message in str(error.value)


def test_a_click_on_a_cell_shows_that_settings_run():
    """A click inside a cell (off its centre, on a map shown at 800 px) sets lr and momentum
    to that cell's, moves the crosshair there and shows the run `run` computes at those
    settings; the readout gives both and the steps to converge that the map's sweep found."""
    from test_explorer import click_event

    cmap = convergence_map("Momentum", "book", steps=100, size=12, lr_range=(1e-3, 1.0))
    lr_cells, momentum_cells = cmap.axes["lr"], cmap.axes["momentum"]
    i, j = 10, 4
    assert cmap.result.converged_at[i, j] > 0  # a cell with steps to converge
    off_centre = (lr_cells[i] * (lr_cells[1] / lr_cells[0]) ** 0.3, momentum_cells[j] - 0.02)
    cmap.on_click(click_event(cmap.scene.fig, cmap.map_ax, off_centre, 800))
    lr, momentum = cmap.sliders["lr"].value, cmap.sliders["momentum"].value
    assert lr == lr_cells[i] and momentum == 0.36  # the cell's 0.36000000000000004: the stop
    assert abs(momentum - momentum_cells[j]) < 1e-15
    assert list(cmap.cross.get_xdata()) == [lr] and list(cmap.cross.get_ydata()) == [momentum]
    expected = run(Momentum(lr=lr, momentum=momentum), "book", steps=100)
    np.testing.assert_array_equal(cmap.view.path.get_xydata(), expected.positions)
    assert expected.converged_at == cmap.result.converged_at[i, j]
    readout = cmap.readout.value
    assert f"lr={lr:.4g}, momentum=0.36" in readout
    assert f"steps to converge: {expected.converged_at}" in readout
    # The boxes show the cell's settings as the readout does, not every digit of the lr.
    assert lr != float(f"{lr:.4g}")  # a cell between the slider's stops
    assert cmap.sliders["lr"].box.value == f"{lr:.4g}"
    assert cmap.sliders["momentum"].box.value == "0.36"


def test_a_click_off_the_map_changes_nothing():
    from test_explorer import click_event

    cmap = convergence_map("Momentum", "book", steps=50, size=6, lr=0.1, momentum=0.5)
    state = (cmap.sliders["lr"].value, cmap.sliders["momentum"].value, cmap.image.value)
    for event in (
        click_event(cmap.scene.fig, cmap.path_ax, (0.0, 0.0), 900),  # the run's panel
        click_event(cmap.scene.fig, cmap.map_ax, (cmap.axes["lr"][2], 1.2), 900),  # above
        {"type": "click", "offsetX": 3, "offsetY": 3},  # no bounding box
    ):
        cmap.on_click(event)
        assert (cmap.sliders["lr"].value, cmap.sliders["momentum"].value, cmap.image.value) == state
