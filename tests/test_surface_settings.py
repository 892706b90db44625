"""A surface change gives each optimizer the surface's sensible lr, unless the learner moved it,
and the convergence map an lr axis of its own; a setting off the map shows at the map's edge."""

import numpy as np
import pytest
from test_explorer import undrawn  # noqa: F401 (a fixture: no frames drawn)

from optim import OPTIMIZERS, SURFACES, convergence_map, explore, race, run, sweep
from optim.controls import slider_range
from optim.convergence import INSET
from optim.defaults import sensible_settings

ALL = {name: {"lr": 0.1} for name in OPTIMIZERS}
CHANGED = "곡면에 맞춰 lr을 바꿨습니다"
KEPT = "직접 옮긴 lr은 그대로 둡니다"


def lrs(explorer):
    return [entry.sliders["lr"].value for entry in explorer.entries]


def test_each_surface_gives_every_optimizer_an_lr_that_does_not_diverge():
    """Every optimizer at its sensible settings on every surface, run as the explorer runs it:
    an lr the slider can show, and no run diverges within 500 steps (as in 06), so none
    within the explorer's 100 either. On the saddle, which has no bottom, a longer run leaves
    the window, but only after step 200, having slowed there."""
    low, high = slider_range("lr")
    for surface in SURFACES:
        for name, cls in OPTIMIZERS.items():
            settings = sensible_settings(name, surface)
            assert low <= settings["lr"] <= high, (name, surface, settings)
            diverged = run(cls(**settings), surface, steps=500).diverged_at
            if surface == "saddle":
                assert diverged is None or diverged > 200, name
            else:
                assert diverged is None, (name, surface, diverged)


@pytest.mark.usefixtures("undrawn")
def test_a_race_switched_to_every_surface_takes_each_surfaces_lr():
    """A race of all six from the book (lr 0.1 each: Momentum diverged at step 2 on Rosenbrock
    and Beale) switched to every surface: every lr is the surface's sensible one, the readout
    says so, and no run diverges within the explorer's 100 steps."""
    explorer = race(ALL, "book", steps=100)
    assert lrs(explorer) == [0.1] * len(OPTIMIZERS)  # the cell's values first, exactly
    for surface in [s for s in SURFACES if s != "book"] + ["book"]:
        explorer.surface.value = surface
        assert lrs(explorer) == [sensible_settings(name, surface)["lr"] for name in OPTIMIZERS]
        assert CHANGED in explorer.readout.value
        for entry in explorer.entries:
            assert entry.trajectory.diverged_at is None, (entry.cls.__name__, surface)


@pytest.mark.parametrize("surface", ["rosenbrock", "beale"])
@pytest.mark.usefixtures("undrawn")
def test_momentum_at_the_lectures_lr_now_runs_on_rosenbrock_and_beale(surface):
    explorer = explore("Momentum", "book", lr=0.1, momentum=0.9)
    assert "곡면" not in explorer.readout.value  # nothing changed yet
    explorer.surface.value = surface
    lr = sensible_settings("Momentum", surface)["lr"]
    assert explorer.entries[0].settings["lr"] == lr
    assert explorer.entries[0].sliders["lr"].box.value == f"{lr:.4g}"
    assert f"{CHANGED}: {lr:.4g}." in explorer.readout.value
    assert explorer.entries[0].trajectory.diverged_at is None


@pytest.mark.usefixtures("undrawn")
def test_a_slider_the_learner_moved_is_kept_until_the_next_surface_change():
    explorer = explore("Momentum", "book", lr=0.1, momentum=0.9)
    lr = explorer.entries[0].sliders["lr"]
    lr.slider.value -= 20  # one decade down by the slider's handle, as in the browser: 0.01
    assert lr.value == pytest.approx(0.01)
    explorer.surface.value = "himmelblau"
    assert lr.value == pytest.approx(0.01)
    assert f"{KEPT}: 0.01." in explorer.readout.value and CHANGED not in explorer.readout.value
    explorer.surface.value = "beale"  # not moved since the last change: the surface's own
    assert lr.value == sensible_settings("Momentum", "beale")["lr"]
    lr.box.value = "0.0005"  # typed into the box
    explorer.surface.value = "rosenbrock"
    assert lr.value == 0.0005


@pytest.mark.usefixtures("undrawn")
def test_the_lr_follows_a_momentum_the_learner_moved():
    explorer = explore("Momentum", "book", lr=0.1, momentum=0.9)
    explorer.entries[0].sliders["momentum"].value = 0.5
    explorer.surface.value = "rosenbrock"
    assert explorer.entries[0].settings == sensible_settings("Momentum", "rosenbrock", momentum=0.5)
    assert explorer.entries[0].settings["momentum"] == 0.5


@pytest.mark.usefixtures("undrawn")
def test_in_a_race_only_the_moved_lr_stays():
    settings = {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}}
    explorer = race(settings, "book", steps=30)
    explorer.entries[2].sliders["lr"].value = 0.5
    explorer.surface.value = "rosenbrock"
    expected = [sensible_settings(name, "rosenbrock")["lr"] for name in ("SGD", "Momentum")]
    assert lrs(explorer) == [*expected, 0.5]
    assert f"{CHANGED}: SGD {expected[0]:.4g}, Momentum {expected[1]:.4g}." in (
        explorer.readout.value
    )
    assert f"{KEPT}: AdaGrad 0.5." in explorer.readout.value


BOWLS = ["book", "ill_conditioned", "himmelblau", "regression_mse"]


@pytest.mark.parametrize("name", ["Momentum", "Nesterov", "Adam"])
@pytest.mark.usefixtures("undrawn")
def test_the_map_switched_from_08s_has_cells_with_a_value_on_every_surface(name):
    """08's map (book, lr 0.01–2) on each other surface, its grid as a switch makes it (the
    surface's own lr axis): never all hatched (Rosenbrock was, every run diverged), a quarter
    of the cells or more with a value where there is a minimum, and where the surface is a
    bowl, some converged cells. The map itself is switched to Rosenbrock once: that grid's
    sweep, and no "no value" note."""
    second = {"Adam": "beta1"}.get(name, "momentum")
    cmap = convergence_map(name, "book", steps=200, size=16, second=second, lr_range=(1e-2, 2.0))
    results = {}
    for surface in [s for s in SURFACES if s != "book"]:
        axes = {"lr": np.geomspace(*cmap.lr_range(surface), 16), second: cmap.axes[second]}
        result = results[surface] = sweep(OPTIMIZERS[name], surface, steps=200, **axes)
        finite = np.isfinite(result.final_loss).mean()
        assert finite >= (0.25 if SURFACES[surface].minima else 0.1), (surface, finite)
        if surface in BOWLS:
            assert (result.converged_at >= 0).any(), surface
    cmap.surface.value = "rosenbrock"
    np.testing.assert_array_equal(cmap.result.final_loss, results["rosenbrock"].final_loss)
    texts = [text.get_text() for text in cmap.map_ax.texts]
    assert not any("값이 있는 설정이 없습니다" in text for text in texts)


def test_the_maps_lr_axis_and_lr_follow_the_surface_but_not_a_range_the_caller_gave():
    """(Drawn: the one test that shows a map after a surface switch.)"""
    cmap = convergence_map("Momentum", "book", steps=50, size=8, lr_range=(0.01, 2.0), lr=0.1)
    assert cmap.axes["lr"][[0, -1]] == pytest.approx([0.01, 2.0])
    cmap.surface.value = "rosenbrock"
    low, high = cmap.axes["lr"][[0, -1]]
    assert 1e-4 <= low < 1e-3 and 1e-3 < high < 0.01  # about the bound 3.98/λ, λ ≈ 2092
    assert cmap.sliders["lr"].value == sensible_settings("Momentum", "rosenbrock")["lr"]
    assert f"{CHANGED}: 0.0009." in cmap.readout.value
    assert bytes(cmap.image.value[:2]) == b"\xff\xd8"  # a JPEG frame of the switched map
    cmap.sliders["lr"].value = 0.002
    cmap.surface.value = "book"
    assert cmap.axes["lr"][[0, -1]] == pytest.approx([0.01, 2.0])  # the caller's, on book
    assert cmap.sliders["lr"].value == 0.002 and f"{KEPT}: 0.002." in cmap.readout.value


TO_RIGHT = "lr = 5: 지도의 범위 (0.01–2) 밖이라 지도 오른쪽 끝에 ▶"
TO_LEFT = "lr = 0.001: 지도의 범위 (0.01–2) 밖이라 지도 왼쪽 끝에 ◀"
ABOVE = "momentum = 0.9: 지도의 범위 (0–0.5) 밖이라 지도 위쪽 끝에 ▲"


@pytest.mark.parametrize(
    "lr, momentum, marker, fraction, texts",
    [
        (5.0, 0.3, ">", (1 - INSET, None), [TO_RIGHT]),
        (0.001, 0.3, "<", (INSET, None), [TO_LEFT]),
        (0.1, 0.9, "^", (None, 1 - INSET), [ABOVE]),
        (5.0, 0.9, ">", (1 - INSET, 1 - INSET), [TO_RIGHT, ABOVE]),  # the corner
    ],
)
def test_a_setting_off_the_map_shows_at_its_edge_and_the_readout_says_so(
    lr, momentum, marker, fraction, texts
):
    cmap = convergence_map(
        "Momentum",
        "book",
        steps=20,
        size=8,
        lr_range=(0.01, 2.0),
        second_range=(0.0, 0.5),
        lr=0.3,
        momentum=0.3,
    )
    assert list(cmap.cross.get_xdata()) == [0.3] and not list(cmap.edge.get_xdata())
    cmap.sliders["lr"].value, cmap.sliders["momentum"].value = lr, momentum
    assert not list(cmap.cross.get_xdata())
    assert cmap.edge.get_marker() == marker
    where = [cmap.edge.get_xdata()[0], cmap.edge.get_ydata()[0]]
    for got, expected in zip(where, fraction, strict=True):
        assert INSET <= got <= 1 - INSET
        if expected is not None:
            assert got == pytest.approx(expected)
    assert all(text in cmap.readout.value for text in texts)
    # Drawn inside the map's axes, whole: visible in the frame.
    cmap.scene.frame()
    box = cmap.edge.get_window_extent()
    axes = cmap.map_ax.get_window_extent()
    assert axes.x0 <= box.x0 and box.x1 <= axes.x1 and axes.y0 <= box.y0 and box.y1 <= axes.y1
    cmap.sliders["lr"].value, cmap.sliders["momentum"].value = 0.3, 0.3  # back on the map
    assert list(cmap.cross.get_xdata()) == [0.3] and not list(cmap.edge.get_xdata())
