"""The optimizer's inner state against hand loops of the slides' updates, bad input, its figure.

The truths here are plain numpy loops of the slides' formulas on the book's surface
f = x²/20 + y², whose gradient is (x/10, 2y); `optim` only produces the runs being checked.
"""

import numpy as np
import pytest
from collisions import assert_no_collisions

from optim import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop, StepLR, run
from optim.figures import plot_inner_state
from optim.inner import inner_state
from optim.plotting import new_figure, png_bytes

START, STEPS, EPS = np.array([-7.0, 2.0]), 30, 1e-7


def book_gradient(w):
    return np.array([w[0] / 10, 2 * w[1]])


def hand_loop(kind, lr, steps=STEPS, **settings):
    """{name: (steps, 2)} of what the slides' update computes at each step, in plain numpy."""
    w, h, m, v = START.copy(), np.zeros(2), np.zeros(2), np.zeros(2)
    rows = []
    for k in range(1, steps + 1):
        g = book_gradient(w)
        if kind == "AdaGrad":
            h = h + g * g
            rate = lr / (np.sqrt(h) + EPS)
            w = w - rate * g
            rows.append({"effective_lr": rate, "h": h})
        elif kind == "RMSprop":
            h = settings["decay_rate"] * h + (1 - settings["decay_rate"]) * g * g
            rate = lr / (np.sqrt(h) + EPS)
            w = w - rate * g
            rows.append({"effective_lr": rate, "h": h})
        elif kind == "Adam":
            b1, b2 = settings["beta1"], settings["beta2"]
            m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
            m_hat, v_hat = m / (1 - b1**k), v / (1 - b2**k)
            rate = lr / (np.sqrt(v_hat) + EPS)
            w = w - rate * m_hat
            rows.append({"effective_lr": rate, "m_hat": m_hat, "v_hat": v_hat})
        elif kind in ("Momentum", "Nesterov"):
            v = settings["momentum"] * v - lr * g
            w = w + (v if kind == "Momentum" else settings["momentum"] * v - lr * g)
            rows.append({"velocity": v})
        rows[-1]["gradient"] = g
    return {name: np.array([row[name] for row in rows]) for name in rows[0]}


CASES = [
    (AdaGrad, 1.5, {}),
    (RMSprop, 0.3, {"decay_rate": 0.9}),
    (Adam, 0.3, {"beta1": 0.8, "beta2": 0.99}),
    (Momentum, 0.1, {"momentum": 0.9}),
    (Nesterov, 0.1, {"momentum": 0.8}),
]


@pytest.mark.parametrize(("cls", "lr", "settings"), CASES, ids=lambda c: getattr(c, "__name__", ""))
def test_inner_state_equals_a_hand_loop_of_the_slides_update(cls, lr, settings):
    state = inner_state(run(cls(lr=lr, **settings), "book", START, STEPS))
    truth = hand_loop(cls.__name__, lr, **settings)
    assert set(state.arrays()) | {"gradient"} == set(truth)
    for name, expected in truth.items():
        np.testing.assert_allclose(getattr(state, name), expected, rtol=1e-12, err_msg=name)
    np.testing.assert_array_equal(state.step, np.arange(1, STEPS + 1))
    np.testing.assert_array_equal(state.lr, np.full(STEPS, lr))
    assert state.name == cls.__name__


def test_adagrad_h_is_the_sum_of_squared_gradients_and_its_rate_only_falls():
    trajectory = run(AdaGrad(lr=1.5), "book", START, STEPS)
    state = inner_state(trajectory)
    gradients = book_gradient(trajectory.positions[:-1].T).T  # g_k at the point before step k
    np.testing.assert_allclose(state.h, np.cumsum(gradients**2, axis=0), rtol=1e-12)
    assert (np.diff(state.effective_lr, axis=0) <= 0).all()  # h only grows
    # With noise the gradients never vanish: h_k grows like k σ², the rate like 1/√k.
    noisy = inner_state(run(AdaGrad(lr=1.5), "book", START, 400, noise=0.5, seed=0))
    assert (noisy.effective_lr[-1] < noisy.effective_lr[99] * 0.6).all()


def test_rmsprop_forgets_so_its_rate_climbs_back_where_adagrads_cannot():
    rms = inner_state(run(RMSprop(lr=0.3), "book", START, STEPS)).effective_lr
    assert (rms[-1] > rms.min(axis=0)).all()  # it rose again after its lowest point


def test_adam_first_step_is_lr_times_the_sign_of_the_gradient():
    trajectory = run(Adam(lr=0.3), "book", START, 1)
    state = inner_state(trajectory)
    g = book_gradient(START)
    # t = 1: m̂_1 = g_1 and v̂_1 = g_1², whatever β1 and β2 are
    np.testing.assert_allclose(state.m_hat[0], g, rtol=1e-12)
    np.testing.assert_allclose(state.v_hat[0], g**2, rtol=1e-12)
    np.testing.assert_allclose(state.effective_lr[0], 0.3 / (np.abs(g) + EPS), rtol=1e-12)
    step = trajectory.positions[1] - trajectory.positions[0]
    np.testing.assert_allclose(step, -0.3 * np.sign(g) * np.abs(g) / (np.abs(g) + EPS))


def test_sgd_effective_lr_is_its_lr_and_a_schedule_is_followed():
    state = inner_state(run(SGD(lr=0.5), "book", START, 6, schedule=StepLR(2, 0.5)))
    factors = 0.5 ** (np.arange(6) // 2)  # StepLR(2, 0.5): 1, 1, 0.5, 0.5, 0.25, 0.25
    expected = 0.5 * factors
    np.testing.assert_allclose(state.lr, expected)
    np.testing.assert_allclose(state.effective_lr, np.stack([expected, expected], axis=1))
    adagrad = run(AdaGrad(lr=1.5), "book", START, 6, schedule=StepLR(2, 0.5))
    np.testing.assert_allclose(
        inner_state(adagrad).effective_lr,
        1.5 * factors[:, None] / (np.sqrt(adagrad.states["h"][1:]) + EPS),
        rtol=1e-12,
    )


def test_noise_is_in_the_gradient_the_optimizer_saw():
    trajectory = run(AdaGrad(lr=1.5), "book", START, 5, noise=0.3, seed=1)
    state = inner_state(trajectory)
    seen = trajectory.gradients[:-1] + trajectory.noise
    np.testing.assert_allclose(state.gradient, seen)
    np.testing.assert_allclose(state.h, np.cumsum(seen**2, axis=0), rtol=1e-12)


def test_a_diverged_run_gives_the_steps_it_made():
    trajectory = run(SGD(lr=1.2), "book", START, 40)
    assert trajectory.diverged_at == 12
    assert inner_state(trajectory).effective_lr.shape == (trajectory.steps, 2) == (11, 2)


class SlideSGD:
    def __init__(self, lr=0.1):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key]


class SlideAdaGrad(SlideSGD):
    h = None


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: "AdaGrad", TypeError, "must be a Trajectory"),
        (lambda: run(Adam(lr=0.1), "book", [[1, 1], [2, 2]], 3), ValueError, "one start"),
        (lambda: run(SlideAdaGrad(), "book", START, 3), ValueError, "recorded no inner state"),
        (
            lambda: run(SlideAdaGrad(), "book", START, 3, schedule=StepLR(2, 0.5)),
            ValueError,
            "recorded no inner state",
        ),
    ],
)
def test_bad_input_is_a_clear_error(make, error, message):
    with pytest.raises(error, match=message):
        inner_state(make())


def test_a_repr_without_the_settings_is_a_clear_error():
    trajectory = run(Adam(lr=0.3), "book", START, 3)
    trajectory.optimizer = "Adam"
    with pytest.raises(ValueError, match="needs the optimizer's beta1"):
        inner_state(trajectory)


FIGURE_CASES = [
    (AdaGrad(lr=1.5), ["effective_lr", "gradient"]),
    (RMSprop(lr=0.3), ["effective_lr", "gradient"]),
    (Adam(lr=0.3), ["effective_lr", "m_hat"]),
    (Momentum(lr=0.1), ["velocity"]),
    (SGD(lr=0.95), ["effective_lr"]),
]


@pytest.mark.parametrize(("optimizer", "panels"), FIGURE_CASES, ids=lambda c: repr(c)[:8])
def test_plot_inner_state_draws_each_coordinate_and_keeps_texts_apart(optimizer, panels):
    trajectory = run(optimizer, "book", START, STEPS)
    fig = plot_inner_state(trajectory)
    assert png_bytes(fig).startswith(b"\x89PNG")
    assert_no_collisions(fig, repr(optimizer))
    state = inner_state(trajectory)
    assert len(fig.axes) == len(panels)
    for ax, name in zip(fig.axes, panels):
        x, y = (line for line in ax.get_lines() if line.get_label() in ("x", "y"))
        values = getattr(state, name)
        values = np.abs(values) if ax.get_yscale() == "log" else values
        np.testing.assert_allclose(x.get_ydata(), values[:, 0])
        np.testing.assert_allclose(y.get_ydata(), values[:, 1])
        assert ax.get_xlabel() == "걸음 (step)"
    assert fig.axes[0].get_yscale() == ("linear" if panels == ["velocity"] else "log")
    labels = [text.get_text() for text in fig.axes[-1].get_legend().get_texts()]
    assert labels[:2] == ["x", "y"]
    assert ("학습률 α (lr)" in labels) == (panels in (FIGURE_CASES[0][1], FIGURE_CASES[2][1]))


def test_plot_inner_state_on_given_axes_and_a_diverged_run():
    fig = new_figure(8, 5)
    ax = fig.add_subplot()
    assert plot_inner_state(run(Adam(lr=0.3), "book", START, 10), ax=ax) is fig
    assert len(fig.axes) == 1 and ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="give 1 to 1 Axes"):
        plot_inner_state(run(Momentum(lr=0.1), "book", START, 3), ax=[ax, ax])
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes"):
        plot_inner_state(run(SGD(lr=0.1), "book", START, 3), ax="left")
    diverged = plot_inner_state(run(SGD(lr=1.2), "book", START, 40))
    png_bytes(diverged)
    assert_no_collisions(diverged, "diverged")
    assert any("발산" in text.get_text() for text in diverged.axes[-1].texts)
