"""optim.landscape: the 2D slice of a trained network's loss, as a Surface."""

import dataclasses

import numpy as np
import pytest

from optim import Adam, run
from optim.digits import load_digits
from optim.explorer import explore
from optim.landscape import digits_slice, directions, filter_normalized, loss_slice
from optim.network import MLP, train
from optim.plotting import draw_surface, loss_limits, new_figure
from optim.surfaces import get_surface


@pytest.fixture(scope="module")
def trained():
    """A small network trained a little on 300 digits, and those digits."""
    X, y = load_digits().X_train[:300], load_digits().y_train[:300]
    net = MLP([64, 8, 6, 10], seed=3)  # two hidden layers: the slice's backward crosses both
    train(net, Adam(lr=0.01), (X, y, X, y), iters=60, batch_size=50)
    return net, X, y


def projected(net, X, y, theta, d1, d2, a, b):
    """(∂f/∂a, ∂f/∂b) from the network's own loss_and_grads at θ + a d1 + b d2."""
    probe = MLP(net.sizes)
    for key, p in probe.params.items():
        p[...] = theta[key] + a * d1[key] + b * d2[key]
    _, grads = probe.loss_and_grads(X, y)
    return tuple(sum(np.vdot(grads[k], d[k]) for k in grads) for d in (d1, d2))


def test_the_origin_is_the_trained_networks_loss(trained):
    net, X, y = trained
    surface = loss_slice(net, X, y, seed=1)
    loss, _ = net.loss_and_grads(X, y)
    assert float(surface.value(0.0, 0.0)) == pytest.approx(loss, rel=1e-12)
    assert surface.value(np.zeros((2, 3)), 0.0) == pytest.approx(np.full((2, 3), loss))


def test_digits_slice_cuts_notebook_09s_network_through_its_trained_weights():
    """MLP [64, 32, 10] seed 0, 500 Adam updates on the digits: the slice's origin is that
    network's loss on the whole train set, and a point off it is the loss moved along d1, d2."""
    data = load_digits()
    net = MLP([64, 32, 10], seed=0)
    result = train(net, Adam(), data, iters=500, seed=0)
    surface = digits_slice()
    assert float(surface.value(0.0, 0.0)) == pytest.approx(result.final_loss, rel=1e-12)
    d1, d2 = directions(net.params, seed=0)
    moved = MLP([64, 32, 10])
    for key, p in moved.params.items():
        p[...] = net.params[key] + 0.3 * d1[key] - 0.5 * d2[key]
    loss, _ = moved.loss_and_grads(data.X_train, data.y_train)
    assert float(surface.value(0.3, -0.5)) == pytest.approx(loss, rel=1e-12)
    assert surface.window == (-1.0, 1.0, -1.0, 1.0)


def test_values_away_from_the_origin_are_the_networks_loss_there(trained):
    net, X, y = trained
    surface = loss_slice(net, X, y, seed=1)
    d1, d2 = directions(net.params, seed=1)
    a, b = np.array([0.3, -0.7, 1.2]), np.array([-0.4, 0.9, 0.05])
    for ai, bi, value in zip(a, b, surface.value(a, b)):
        probe = MLP(net.sizes)
        for key, p in probe.params.items():
            p[...] = net.params[key] + ai * d1[key] + bi * d2[key]
        assert float(value) == pytest.approx(probe.loss_and_grads(X, y)[0], rel=1e-10)


def test_gradient_matches_finite_differences_and_the_networks_backward(trained):
    net, X, y = trained
    surface = loss_slice(net, X, y, seed=2)
    d1, d2 = directions(net.params, seed=2)
    h = 1e-6
    for a, b in [(0.0, 0.0), (0.4, -0.3), (-0.9, 0.8)]:
        ga, gb = map(float, surface.gradient(a, b))
        fa = float(surface.value(a + h, b) - surface.value(a - h, b)) / (2 * h)
        fb = float(surface.value(a, b + h) - surface.value(a, b - h)) / (2 * h)
        assert (ga, gb) == pytest.approx((fa, fb), rel=1e-5, abs=1e-8)
        assert (ga, gb) == pytest.approx(projected(net, X, y, net.params, d1, d2, a, b), rel=1e-9)


def test_gradient_broadcasts_like_every_surfaces(trained):
    net, X, y = trained
    surface = loss_slice(net, X, y)
    a, b = np.array([[0.1], [0.5]]), np.array([-0.2, 0.3, 0.0])
    ga, gb = surface.gradient(a, b)
    assert ga.shape == gb.shape == (2, 3)
    single = tuple(map(float, surface.gradient(0.5, 0.0)))
    assert (ga[1, 2], gb[1, 2]) == pytest.approx(single, rel=1e-9)


def test_filter_normalisation_gives_each_column_its_weights_norm(trained):
    net, _, _ = trained
    for d in directions(net.params, seed=5):
        for key, W in net.params.items():
            if key.startswith("W"):
                assert np.linalg.norm(d[key], axis=0) == pytest.approx(
                    np.linalg.norm(W, axis=0), rel=1e-12
                )
                # whole blocks too, as the sum of the columns' squares
                assert np.linalg.norm(d[key]) == pytest.approx(np.linalg.norm(W), rel=1e-12)
            else:
                assert d[key].shape == W.shape and not d[key].any()  # biases stay put


def test_directions_are_seeded_and_differ():
    params = MLP([5, 4, 3], seed=0).params
    d1, d2 = directions(params, seed=7)
    again = directions(params, seed=7)
    assert all(np.array_equal(d1[k], again[0][k]) for k in params)
    assert not np.allclose(d1["W1"], d2["W1"])
    zero = {"W1": np.zeros((2, 3)), "b1": np.ones(3)}
    assert not filter_normalized(zero, np.random.default_rng(0))["W1"].any()  # no 0/0


def test_slice_is_a_copy_and_the_explorer_and_runner_take_it(trained):
    net, X, y = trained
    copy = MLP(net.sizes)
    for key, p in copy.params.items():
        p[...] = net.params[key]
    surface = loss_slice(copy, X, y, extent=0.5, resolution=9)
    before = surface.value(0.0, 0.0)
    train(copy, Adam(lr=0.1), (X, y, X, y), iters=5)  # moves copy's weights, not the slice
    assert surface.value(0.0, 0.0) == before != copy.loss_and_grads(X, y)[0]
    trajectory = run(Adam(lr=0.05), surface, steps=20)
    assert trajectory.losses[-1] < trajectory.losses[0]
    explorer = explore("Adam", surface, lr=0.05, steps=20)
    assert explorer.surface.value == "network" and "network" in explorer.summary()
    explorer.entries[0].sliders["lr"].value = 0.02  # a slider change reruns on the slice
    first = explorer.entries[0].trajectory.losses[0]
    assert first == pytest.approx(float(surface.value(*surface.start)))
    explorer.surface.value = "book"
    explorer.surface.value = "network"  # and back: the slice is kept under its name
    assert explorer.scene.surface is surface
    ax = new_figure().add_subplot()
    low, high = draw_surface(ax, surface)  # its own 9 x 9 grid
    assert low <= before <= high


def test_the_slices_minimum_is_not_known_so_its_loss_panel_shows_the_loss_on_a_log_axis(trained):
    """min_value is NaN (0, the cross-entropy's bound, is never reached): the explorer's loss
    panel draws the loss itself between the powers of ten around every loss it shows, and no
    run counts as converged."""
    net, X, y = trained
    surface = loss_slice(net, X, y, extent=0.5, resolution=9)
    assert np.isnan(surface.min_value)
    explorer = explore("Adam", surface, lr=0.05, steps=20)
    trajectory = explorer.entries[0].trajectory
    assert trajectory.converged_at is None
    scene = explorer.scene
    ax = scene.loss_ax
    assert ax.get_yscale() == "log" and ax.get_ylabel() == "손실 (loss)"
    low, high = min(*scene.grid_range, trajectory.losses.min()), max(*scene.grid_range)
    bottom, top = ax.get_ylim()
    assert bottom == 10.0 ** np.floor(np.log10(low)) and top == 10.0 ** np.ceil(np.log10(high))
    assert bottom <= trajectory.losses.min() and trajectory.losses.max() <= top
    assert np.array_equal(scene.losses[0], trajectory.losses)  # the loss, not a gap to 0


def test_loss_limits_of_a_log_surface_with_an_unknown_minimum():
    """Powers of ten around the values: [0.105, 2.3] -> [0.1, 10], [0.5, 0.9] -> [0.1, 1]."""
    slice_like = dataclasses.replace(get_surface("book"), min_value=np.nan, log_scale=True)
    assert loss_limits(slice_like, 30, (0.105, 2.3)) == ((0, 30), (0.1, 10.0))
    assert loss_limits(slice_like, 30, (0.5, 0.9)) == ((0, 30), (0.1, 1.0))
    saddle = get_surface("saddle")  # min -inf, linear contours: the loss itself, linear
    assert loss_limits(saddle, 30, (-2.0, 2.0)) == ((0, 30), (-2.4, 2.0))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda net, X, y: loss_slice("net", X, y), TypeError, "one-run optim.network.MLP"),
        (
            lambda net, X, y: loss_slice(MLP(net.sizes, seed=[0, 1]), X, y),
            TypeError,
            "one-run",
        ),
        (lambda net, X, y: loss_slice(net, X[:5], y[:4]), ValueError, "must match"),
        (lambda net, X, y: loss_slice(net, X[:, :3], y), ValueError, "shape (N, 64)"),
        (lambda net, X, y: loss_slice(net, X, y + 20), ValueError, "labels y must lie"),
        (lambda net, X, y: loss_slice(net, X, y, extent=0), ValueError, "extent"),
        (lambda net, X, y: loss_slice(net, X, y, extent=np.inf), ValueError, "extent"),
        (lambda net, X, y: loss_slice(net, X, y, seed=-1), ValueError, "seed"),
        (lambda net, X, y: loss_slice(net, X, y, resolution=1), ValueError, "resolution"),
        (lambda net, X, y: loss_slice(net, X, y).value("a", 0), ValueError, "a"),
    ],
)
def test_bad_input(trained, call, error, message):
    net, X, y = trained
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        call(net, X, y)
