"""The trajectory runner and the settings sweep, against closed forms and single runs."""

import numpy as np
import pytest
from reference import SlideSGD

from optim import (
    SGD,
    AdaGrad,
    Adam,
    CosineAnnealingLR,
    ExponentialLR,
    LinearLR,
    Momentum,
    SequentialLR,
    StepLR,
    get_surface,
    run,
    sweep,
)
from optim.trajectory import FAR


def test_sgd_on_the_book_surface_follows_the_closed_form():
    """f = x^2/20 + y^2: x_k = (1 - lr/10)^k x0 and y_k = (1 - 2 lr)^k y0."""
    lr, k = 0.3, np.arange(31)
    traj = run(SGD(lr=lr), "book", start=(-7.0, 2.0), steps=30)
    np.testing.assert_allclose(traj.positions[:, 0], -7.0 * (1 - lr / 10) ** k, rtol=1e-12)
    np.testing.assert_allclose(
        traj.positions[:, 1], 2.0 * (1 - 2 * lr) ** k, rtol=1e-12, atol=1e-300
    )
    x, y = traj.positions.T
    np.testing.assert_allclose(traj.losses, x**2 / 20 + y**2, rtol=1e-12)
    np.testing.assert_allclose(traj.gradients, np.stack([x / 10, 2 * y], axis=-1), rtol=1e-12)
    assert traj.diverged_at is None and traj.reason is None


def test_momentum_velocity_is_the_step_taken():
    traj = run(Momentum(lr=0.05, momentum=0.8), "rosenbrock", start=(-1.0, 1.5), steps=50)
    np.testing.assert_array_equal(traj.states["v"][0], [0.0, 0.0])
    np.testing.assert_allclose(traj.states["v"][1:], np.diff(traj.positions, axis=0), atol=1e-12)


def test_adam_state_has_both_moments():
    traj = run(Adam(lr=0.1, beta1=0.5, beta2=0.9), "book", steps=5)
    g1 = traj.gradients[0]
    np.testing.assert_allclose(traj.states["m"][1], 0.5 * g1, rtol=1e-12)
    np.testing.assert_allclose(traj.states["v"][1], 0.1 * g1**2, rtol=1e-12)


def test_converged_at_is_where_the_loss_stays_within_tol():
    """A setting (found with a sweep) whose loss dips below tol and climbs back out before it
    settles: converged_at is the step from which the loss stays within tol, not the dip."""
    traj = run(
        Momentum(lr=1.0009051199327372, momentum=0.5671356783919598), "book", steps=300, tol=1e-10
    )
    within = traj.losses <= 1e-10
    last_outside = int(np.flatnonzero(~within)[-1])
    dips = np.flatnonzero(within[:last_outside])
    assert dips.size > 0  # within tol once before the last step outside it
    assert traj.converged_at == last_outside + 1 > dips[0]


def test_a_run_that_leaves_the_window_stops_there_without_warnings():
    """SGD with lr 1.5 on the book surface: y_k = (-2)^k y0 grows until it is far away."""
    surface = get_surface("book")
    xmin, xmax, ymin, ymax = surface.window
    centre, reach = (ymin + ymax) / 2, FAR * (ymax - ymin)
    k = next(k for k in range(1, 100) if abs(2.0 * (-2.0) ** k - centre) > reach)
    traj = run(SGD(lr=1.5), "book", start=(-7.0, 2.0), steps=100)
    assert (traj.diverged_at, traj.reason) == (k, "left the window")
    assert traj.steps == k - 1
    assert np.isfinite(traj.positions).all()


def test_a_run_that_overflows_is_marked_non_finite():
    traj = run(SGD(lr=1e308), "book", start=(-7.0, 2.0), steps=10)
    assert (traj.diverged_at, traj.reason) == (1, "non-finite")
    np.testing.assert_array_equal(traj.positions, [[-7.0, 2.0]])


def test_batch_of_starts_marks_each_member():
    starts = np.array([[-7.0, 2.0], [3.0, 0.1], [-7.0, 4.0]])
    traj = run(SGD(lr=0.95), "book", start=starts, steps=40)
    singles = [run(SGD(lr=0.95), "book", start=s, steps=40) for s in starts]
    for i, single in enumerate(singles):
        np.testing.assert_allclose(traj.positions[:, i], single.positions, rtol=1e-12)
    assert traj.positions.shape == (41, 3, 2)
    assert list(traj.diverged_at) == [-1, -1, -1]


def test_same_optimizer_twice_gives_the_same_run():
    opt = Adam(lr=0.2)
    first, second = run(opt, "beale", steps=50), run(opt, "beale", steps=50)
    np.testing.assert_array_equal(first.positions, second.positions)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"start": (1.0,)}, "start must be a point"),
        ({"start": (np.nan, 1.0)}, "start must be finite"),
        ({"steps": -1}, "steps must be a whole number"),
        ({"steps": 2.5}, "steps must be a whole number"),
        ({"tol": 0}, r"Invalid tolerance: 0.0 \(tol must be finite and > 0\)"),
        ({"tol": "small"}, "Invalid tolerance: 'small'"),
        # The book window is x in [-10, 10], y in [-5, 5]: 10 widths around (0, 0).
        (
            {"start": (1000, 0)},
            r"start \(1000, 0\) is too far .* x in \[-200, 200\] and y in \[-100, 100\]",
        ),
        ({"start": [(-7, 2), (0, -100.5)]}, r"start \(0, -100.5\) is too far"),
        ({"start": "ab"}, r"start must be a point \(x, y\) of numbers .*got 'ab'"),
        ({"start": ("1", "2")}, r"start must be a point .*got \('1', '2'\)"),
        ({"start": [[1, 2], [3]]}, r"start must be a point .*got \[\[1, 2\], \[3\]\]"),
        ({"steps": 10**30}, "steps must be a whole number from 0 to 1,000,000, got 1000000000"),
        ({"steps": True}, "steps must be a whole number"),
        ({"tol": [1e-3, 1e-4]}, r"Invalid tolerance: \[0.001, 0.0001\] \(tol must be a single"),
    ],
)
def test_bad_run_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        run(SGD(), "book", **kwargs)


def test_sweep_equals_separate_runs():
    lrs, moms = np.array([0.01, 0.1, 0.9, 1.9]), np.array([0.0, 0.5, 0.9])
    result = sweep(Momentum, "book", steps=80, lr=lrs, momentum=moms)
    assert result.final_loss.shape == (4, 3)
    for i, lr in enumerate(lrs):
        for j, mom in enumerate(moms):
            single = run(Momentum(lr=lr, momentum=mom), "book", steps=80)
            if single.diverged_at is None:
                assert result.final_loss[i, j] == pytest.approx(single.losses[-1], rel=1e-12)
                assert result.diverged_at[i, j] == -1
            else:
                assert np.isnan(result.final_loss[i, j])
                assert result.diverged_at[i, j] == single.diverged_at
            expected = -1 if single.converged_at is None else single.converged_at
            assert result.converged_at[i, j] == expected
    assert (result.diverged_at > 0).any() and (result.converged_at > 0).any()


def test_sweep_rejects_bad_axes():
    with pytest.raises(ValueError, match="at least one"):
        sweep(Momentum, "book")
    with pytest.raises(ValueError, match="momentum must be a non-empty 1D"):
        sweep(Momentum, "book", lr=[0.1], momentum=[[0.5]])
    with pytest.raises(ValueError, match="Invalid momentum value: 1.0"):
        sweep(Momentum, "book", lr=[0.1], momentum=[0.5, 1.0])
    with pytest.raises(ValueError, match="Invalid tolerance: -1.0"):
        sweep(Momentum, "book", tol=-1, lr=[0.1])
    with pytest.raises(ValueError, match=r"tol must be a single number"):
        sweep(Momentum, "book", tol=[1e-3], lr=[0.1])
    with pytest.raises(ValueError, match=r"Invalid learning rate: \['0.1'\] \(lr must be a num"):
        sweep(Momentum, "book", lr=["0.1"])
    with pytest.raises(ValueError, match=r"Momentum has no setting \['beta1'\]; it has \['lr',"):
        sweep(Momentum, "book", lr=[0.1], beta1=[0.9])
    for wrong in ("Momentum", Momentum(), None):
        with pytest.raises(TypeError, match="sweep needs an optimizer class such as Momentum"):
            sweep(wrong, "book", lr=[0.1])


def test_a_diverged_member_stays_frozen_while_the_others_go_on():
    """Member 1 (Adam, lr 1000) leaves at step 1; its later updates must not move it."""
    starts = np.array([[-7.0, 2.0], [-7.0, 2.0]])
    traj = run(Adam(lr=np.array([0.1, 1000.0])), "book", start=starts, steps=60)
    assert list(traj.diverged_at) == [-1, 1] and list(traj.reason) == ["", "left the window"]
    np.testing.assert_array_equal(traj.positions[:, 1], np.broadcast_to(starts[1], (61, 2)))
    for history in traj.states.values():  # and keeps the state at its last point: the start's
        np.testing.assert_array_equal(history[:, 1], 0.0)
    alone = run(Adam(lr=0.1), "book", start=starts[0], steps=60)
    np.testing.assert_allclose(traj.positions[:, 0], alone.positions, rtol=1e-12)


def test_a_start_near_the_edge_of_the_region_is_followed():
    """SGD on the book surface from (199, 0): x_1 = 199 (1 - lr/10), and nothing diverged."""
    traj = run(SGD(lr=1e-3), "book", start=(199.0, 0.0), steps=1)
    assert traj.diverged_at is None
    np.testing.assert_allclose(traj.positions[1], [199.0 * (1 - 1e-4), 0.0], rtol=1e-12)


def test_zero_steps_keeps_only_the_start():
    traj = run(SGD(), "book", start=(-7.0, 2.0), steps=0)
    np.testing.assert_array_equal(traj.positions, [[-7.0, 2.0]])
    assert traj.losses.tolist() == [49 / 20 + 4]


def test_adagrad_with_a_zero_gradient_coordinate_stays_on_its_axis():
    """From (-7, 0): ∂L/∂y = 2y = 0 at every step, so y stays 0 and nothing diverges."""
    traj = run(AdaGrad(lr=0.5), "book", start=(-7.0, 0.0), steps=20)
    assert traj.diverged_at is None and traj.steps == 20
    np.testing.assert_array_equal(traj.positions[:, 1], np.zeros(21))


@pytest.mark.parametrize(
    "optimizer, message",
    [(SGD, r"such as SGD\(\)"), ("SGD", r"OPTIMIZERS\['Adam'\].*got 'SGD'"), (None, "got None")],
)
def test_run_needs_an_optimizer_object(optimizer, message):
    with pytest.raises(TypeError, match=message):
        run(optimizer, "book")


def test_run_follows_a_subclass_that_writes_its_own_update():
    """Doubling every gradient before SGD's update is SGD with twice the learning rate."""

    class DoubledSGD(SGD):
        def update(self, params, grads):
            super().update(params, {key: 2 * grad for key, grad in grads.items()})

    doubled = run(DoubledSGD(lr=0.1), "book", steps=20)
    np.testing.assert_allclose(doubled.positions, run(SGD(lr=0.2), "book", steps=20).positions)


class SlideAdaGrad:
    """AdaGrad written as on the slides (eps inside the root): state made in update."""

    def __init__(self, lr=0.01):
        self.lr, self.h = lr, None

    def update(self, params, grads):
        if self.h is None:
            self.h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + 1e-300)


class RebindingSGD:
    """The slide's SGD, but `params[key] = ...` rebinds each entry to a new value."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key]


def test_run_takes_any_object_with_update():
    """A class as on the slides runs as the package's own does (same steps, no state kept)."""
    slide = run(SlideAdaGrad(lr=1.5), "book", steps=30)
    ours = run(AdaGrad(lr=1.5, eps=1e-300), "book", steps=30)
    np.testing.assert_allclose(slide.positions, ours.positions, rtol=1e-13)
    assert slide.optimizer == "SlideAdaGrad" and slide.states == {}
    rebinding = run(RebindingSGD(lr=0.3), "book", start=np.full((3, 2), -7.0), steps=20)
    np.testing.assert_allclose(
        rebinding.positions,
        run(SGD(lr=0.3), "book", start=np.full((3, 2), -7.0), steps=20).positions,
    )
    far = run(RebindingSGD(lr=2.0), "book", start=(-7.0, 2.0), steps=50)  # y ← −3 y: leaves
    assert far.reason == "left the window" and far.steps == far.diverged_at - 1


def test_run_checks_arguments_once_then_steps_unchecked(monkeypatch):
    """The runner checks params and grads at the start; every update then goes through
    Optimizer.step, not update (whose checks would cost as much as the step itself)."""
    import optim.optimizers

    calls = []
    monkeypatch.setattr(optim.optimizers, "check_update_args", lambda *a: calls.append(a))
    traj = run(Adam(lr=0.1), "book", steps=25)
    assert calls == [] and traj.steps == 25


def test_run_checks_hyperparameter_shapes_against_the_start():
    with pytest.raises(ValueError, match=r"lr has shape \(3,\).*params\['x'\] of shape \(\)"):
        run(SGD(lr=np.array([0.1, 0.2, 0.3])), "book", steps=5)


# Learning-rate schedules in run and sweep.


def test_run_records_the_lr_of_every_update_as_lr_at_gives_it():
    schedule = SequentialLR([LinearLR(0.1, 1.0, 10), CosineAnnealingLR(40, 0.001)], [10])
    traj = run(Adam(lr=0.2), "beale", steps=50, schedule=schedule)
    assert traj.lrs.shape == (50,) and traj.steps == 50
    np.testing.assert_array_equal(traj.lrs, [schedule.lr_at(0.2, t) for t in range(50)])


def test_a_plain_run_records_its_constant_lr():
    traj = run(Momentum(lr=0.05), "book", steps=7)
    np.testing.assert_array_equal(traj.lrs, np.full(7, 0.05))


def test_a_constant_schedule_is_no_schedule_exactly():
    plain = run(Momentum(lr=0.05, momentum=0.9), "rosenbrock", start=(-1.0, 1.5), steps=300)
    for constant in (ExponentialLR(1.0), StepLR(1000, 0.5), LinearLR(1.0, 1.0, 3)):
        scheduled = run(
            Momentum(lr=0.05, momentum=0.9),
            "rosenbrock",
            start=(-1.0, 1.5),
            steps=300,
            schedule=constant,
        )
        np.testing.assert_array_equal(scheduled.positions, plain.positions)
        np.testing.assert_array_equal(scheduled.states["v"], plain.states["v"])
        np.testing.assert_array_equal(scheduled.lrs, plain.lrs)


def test_sgd_with_step_lr_matches_a_hand_loop_on_the_book_bowl():
    """f = x²/20 + y²: x ← x - α_k x / 10, y ← y - α_k 2y with α_k = 0.4 · 0.5^(k // 5)."""
    x, y, hand = -7.0, 2.0, [(-7.0, 2.0)]
    for k in range(20):
        lr = 0.4 * 0.5 ** (k // 5)
        x, y = x - lr * x / 10, y - lr * 2 * y
        hand.append((x, y))
    traj = run(SGD(lr=0.4), "book", start=(-7.0, 2.0), steps=20, schedule=StepLR(5, 0.5))
    np.testing.assert_allclose(traj.positions, hand, rtol=1e-13, atol=1e-300)


def test_run_puts_the_optimizers_own_lr_back():
    optimizer = SGD(lr=0.3)
    run(optimizer, "book", steps=10, schedule=ExponentialLR(0.5))
    assert optimizer.lr == 0.3
    run(optimizer, "book", steps=100, schedule=ExponentialLR(2.0))  # diverges: stops early
    assert optimizer.lr == 0.3
    lrs = np.array([0.1, 0.2])
    batch = Adam(lr=lrs)
    run(batch, "book", start=np.zeros((2, 2)) + [-7, 2], steps=5, schedule=StepLR(2))
    np.testing.assert_array_equal(batch.lr, lrs)


def test_a_diverged_run_keeps_the_lrs_of_the_updates_it_stored():
    traj = run(SGD(lr=0.3), "book", start=(-7.0, 2.0), steps=100, schedule=ExponentialLR(2.0))
    assert traj.diverged_at is not None
    assert traj.lrs.shape == (traj.steps,)
    np.testing.assert_allclose(traj.lrs, 0.3 * 2.0 ** np.arange(traj.steps), rtol=1e-15)


def test_a_schedule_that_reaches_zero_stops_the_run_where_it_is():
    schedule = LinearLR(1.0, 0.0, 5)
    traj = run(Momentum(lr=0.1, momentum=0.0), "book", steps=12, schedule=schedule)
    np.testing.assert_array_equal(traj.lrs[5:], 0.0)
    np.testing.assert_array_equal(traj.positions[6:], np.broadcast_to(traj.positions[5], (7, 2)))
    assert traj.diverged_at is None


def test_array_lrs_with_a_schedule_broadcast_with_the_batch():
    """lrs has shape (K, *lr shape); each member equals its own single run."""
    lrs = np.array([0.05, 0.2, 0.6])
    starts = np.tile([-7.0, 2.0], (3, 1))
    schedule = CosineAnnealingLR(30, eta_min=0.01)
    traj = run(SGD(lr=lrs), "book", start=starts, steps=30, schedule=schedule)
    assert traj.lrs.shape == (30, 3)
    for i, lr in enumerate(lrs):
        single = run(SGD(lr=lr), "book", steps=30, schedule=schedule)
        np.testing.assert_array_equal(traj.lrs[:, i], single.lrs)
        np.testing.assert_allclose(traj.positions[:, i], single.positions, rtol=1e-13)


def test_sweep_with_a_schedule_equals_separate_runs():
    lrs, moms = np.array([0.01, 0.1, 0.9, 1.9]), np.array([0.0, 0.5, 0.9])
    schedule = SequentialLR([LinearLR(0.2, 1.0, 5), StepLR(20, 0.5)], [5])
    result = sweep(Momentum, "book", steps=80, schedule=schedule, lr=lrs, momentum=moms)
    for i, lr in enumerate(lrs):
        for j, mom in enumerate(moms):
            single = run(Momentum(lr=lr, momentum=mom), "book", steps=80, schedule=schedule)
            if single.diverged_at is None:
                assert result.final_loss[i, j] == single.losses[-1]
            else:
                assert result.diverged_at[i, j] == single.diverged_at
            assert result.converged_at[i, j] == (
                -1 if single.converged_at is None else single.converged_at
            )
    plain = sweep(Momentum, "book", steps=80, lr=lrs, momentum=moms)
    assert not np.array_equal(plain.converged_at, result.converged_at)


def test_a_slide_style_class_takes_a_schedule_through_its_lr():
    optimizer = SlideSGD(lr=0.4)
    mine = run(optimizer, "book", steps=20, schedule=StepLR(5, 0.5))
    np.testing.assert_allclose(
        mine.positions, run(SGD(lr=0.4), "book", steps=20, schedule=StepLR(5, 0.5)).positions
    )
    assert optimizer.lr == 0.4
    assert run(optimizer, "book", steps=3).lrs is None  # its lr is its own business


@pytest.mark.parametrize("schedule", [0.5, "cosine", StepLR, lambda t: 0.1])
def test_run_and_sweep_refuse_a_non_schedule(schedule):
    with pytest.raises(TypeError, match="schedule must be None or a schedule"):
        run(SGD(lr=0.1), "book", steps=5, schedule=schedule)
    with pytest.raises(TypeError, match="schedule must be None or a schedule"):
        sweep(SGD, "book", steps=5, schedule=schedule, lr=[0.1])


def test_a_schedule_needs_an_optimizer_with_an_lr():
    class NoLR:
        def update(self, params, grads):
            pass

    with pytest.raises(TypeError, match="schedule needs an optimizer with an lr"):
        run(NoLR(), "book", steps=5, schedule=StepLR(2))


def test_the_lr_is_put_back_also_when_an_update_fails():
    class Fails(SGD):
        def update(self, params, grads):
            if self.t.get("x", 0) == 3:
                raise RuntimeError("step 4 fails")
            super().update(params, grads)

    optimizer = Fails(lr=0.2)
    with pytest.raises(RuntimeError, match="step 4 fails"):
        run(optimizer, "book", steps=10, schedule=ExponentialLR(0.5))
    assert optimizer.lr == 0.2
