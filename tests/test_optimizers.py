"""The optimizers against hand-derived steps, closed forms and independent references."""

import math

import numpy as np
import pytest
import reference
from hypothesis import given
from hypothesis import strategies as st

from optim import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

ALL = [SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam]
TINY = 1e-300  # eps must be > 0; sqrt(h) + TINY == sqrt(h) exactly for every h in these tests


def steps_on(optimizer, grad, start, steps):
    """Drive `optimizer` through the slide interface on a 2D function with gradient `grad`."""
    params = {"x": np.array(start[0]), "y": np.array(start[1])}
    for _ in range(steps):
        gx, gy = grad(float(params["x"]), float(params["y"]))
        optimizer.update(params, {"x": np.array(gx), "y": np.array(gy)})
    return [float(params["x"]), float(params["y"])]


def constant_grad_steps(optimizer, n, grad=2.0, start=1.0):
    """Positions after each of n updates with the same gradient."""
    params, seen = {"w": np.array([start])}, []
    for _ in range(n):
        optimizer.update(params, {"w": np.array([grad])})
        seen.append(float(params["w"][0]))
    return seen


# Hand-derived: parameter 1.0, gradient 2.0 at every step.
HAND = [
    (SGD(lr=0.1), [0.8, 0.6]),
    (Momentum(lr=0.1, momentum=0.9), [0.8, 0.8 - 0.38]),  # v1 = -0.2, v2 = 0.9 v1 - 0.2
    (
        Nesterov(lr=0.1, momentum=0.9),
        [1 - 0.38, 1 - 0.38 - 0.542],
    ),  # m v - lr g with v = -0.2, -0.38
    (AdaGrad(lr=0.1, eps=TINY), [0.9, 0.9 - 0.2 / math.sqrt(8)]),  # h = 4, then 8
    (RMSprop(lr=0.1, decay_rate=0.9, eps=TINY), [1 - 0.2 / math.sqrt(0.4), None]),
    (Adam(lr=0.1, eps=TINY), [0.9, 0.8]),  # bias-corrected moments are exactly g and g^2
]


@pytest.mark.parametrize("optimizer, expected", HAND, ids=lambda o: type(o).__name__)
def test_first_steps_by_hand(optimizer, expected):
    seen = constant_grad_steps(optimizer, 2)
    if expected[1] is None:  # RMSprop step 2: h = 0.9 * 0.4 + 0.4 = 0.76
        expected = [expected[0], expected[0] - 0.2 / math.sqrt(0.76)]
    assert seen == pytest.approx(expected, rel=1e-12)


REFERENCE_CASES = [
    (SGD(lr=1e-3), lambda g, s, n: reference.sgd(g, s, n, 1e-3)),
    (Momentum(lr=1e-4, momentum=0.9), lambda g, s, n: reference.momentum(g, s, n, 1e-4, 0.9)),
    (
        Nesterov(lr=1e-4, momentum=0.9),
        lambda g, s, n: reference.momentum(g, s, n, 1e-4, 0.9, nesterov=True),
    ),
    (AdaGrad(lr=0.1, eps=1e-12), lambda g, s, n: reference.adagrad(g, s, n, 0.1, 1e-12)),
    (
        RMSprop(lr=0.01, decay_rate=0.99, eps=1e-12),
        lambda g, s, n: reference.rmsprop(g, s, n, 0.01, 0.99, 1e-12),
    ),
    (
        Adam(lr=0.01, beta1=0.9, beta2=0.999, eps=1e-12),
        lambda g, s, n: reference.adam(g, s, n, 0.01, 0.9, 0.999, 1e-12),
    ),
]


@pytest.mark.parametrize("optimizer, ref", REFERENCE_CASES, ids=lambda o: type(o).__name__)
def test_200_rosenbrock_steps_match_published_algorithm(optimizer, ref):
    start = (-1.2, 1.0)
    ours = steps_on(optimizer, reference.rosenbrock_grad, start, 200)
    theirs = ref(reference.rosenbrock_grad, start, 200)
    assert ours != pytest.approx(list(start), abs=1e-3)  # it really moved
    assert ours == pytest.approx(theirs, rel=1e-9)


finite = st.floats(-100, 100, allow_nan=False)
rate = st.floats(1e-4, 1.0)


@given(x0=finite, c=st.floats(0.01, 10), lr=st.floats(1e-3, 0.1), n=st.integers(1, 50))
def test_sgd_on_quadratic_is_the_closed_form(x0, c, lr, n):
    """f = c x^2 / 2, f' = c x, so x_n = (1 - lr c)^n x0."""
    opt, params = SGD(lr=lr), {"x": np.array(x0)}
    for _ in range(n):
        opt.update(params, {"x": c * params["x"]})
    assert float(params["x"]) == pytest.approx((1 - lr * c) ** n * x0, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("cls", [Momentum, Nesterov])
@given(lr=rate, start=finite, seed=st.integers(0, 2**32 - 1))
def test_zero_momentum_is_sgd(cls, lr, start, seed):
    grads = np.random.default_rng(seed).normal(size=(10, 3))
    a, b = {"w": np.full(3, start)}, {"w": np.full(3, start)}
    heavy, plain = cls(lr=lr, momentum=0.0), SGD(lr=lr)
    for g in grads:
        heavy.update(a, {"w": g})
        plain.update(b, {"w": g})
    np.testing.assert_allclose(a["w"], b["w"], rtol=1e-12, atol=1e-12)


@given(
    lr=rate,
    beta1=st.floats(0, 0.999),
    beta2=st.floats(0, 0.999),
    g=st.lists(st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3), min_size=1, max_size=5),
)
def test_adam_first_step_has_length_lr_per_coordinate(lr, beta1, beta2, g):
    w = np.zeros(len(g))
    Adam(lr=lr, beta1=beta1, beta2=beta2, eps=TINY).update({"w": w}, {"w": np.array(g)})
    np.testing.assert_allclose(w, -lr * np.sign(g), rtol=1e-9)


@pytest.mark.parametrize("optimizer", [AdaGrad(lr=0.3, eps=TINY), RMSprop(lr=0.3, eps=TINY)])
def test_adaptive_first_step_is_lr_times_sign(optimizer):
    """AdaGrad: h = g^2; RMSprop: h = (1-γ) g^2, so its first step is lr/sqrt(1-γ)."""
    w = np.zeros(3)
    optimizer.update({"w": w}, {"w": np.array([5.0, -0.01, 300.0])})
    scale = 1 / math.sqrt(1 - getattr(optimizer, "decay_rate", 0.0))
    np.testing.assert_allclose(w, [-0.3 * scale, 0.3 * scale, -0.3 * scale], rtol=1e-12)


def test_adagrad_steps_shrink_like_one_over_sqrt_t():
    """Constant gradient g: h_t = t g^2, so step t is lr / sqrt(t)."""
    seen = constant_grad_steps(AdaGrad(lr=1.0, eps=TINY), 100, grad=3.0, start=0.0)
    steps = -np.diff([0.0, *seen])
    np.testing.assert_allclose(steps, 1 / np.sqrt(np.arange(1, 101)), rtol=1e-12)


@pytest.mark.parametrize("cls", ALL)
def test_reset_forgets_state_and_instances_do_not_share(cls):
    used, fresh, other = cls(), cls(), cls()
    constant_grad_steps(used, 5)
    constant_grad_steps(other, 3, grad=-7.0)
    used.reset()
    assert used.t == {}
    assert all(getattr(used, name) == {} for name in cls.state_names)
    assert constant_grad_steps(used, 4) == constant_grad_steps(fresh, 4)


@pytest.mark.parametrize("cls", [Momentum, Nesterov, RMSprop, Adam])
def test_array_hyperparameters_sweep_equals_separate_runs(cls):
    """One run with lr of shape (3, 1) and the other setting of shape (1, 2) = 6 scalar runs."""
    second = {Momentum: "momentum", Nesterov: "momentum", RMSprop: "decay_rate", Adam: "beta1"}[cls]
    lrs, others = np.array([1e-3, 1e-2, 0.1]), np.array([0.5, 0.9])
    grid = cls(lr=lrs[:, None], **{second: others[None, :]})
    w = np.full((3, 2), 1.5)
    for _ in range(20):
        grid.update({"w": w}, {"w": 2 * w - 1})
    for i, lr in enumerate(lrs):
        for j, other in enumerate(others):
            single, v = cls(lr=lr, **{second: other}), np.array(1.5)
            for _ in range(20):
                single.update({"w": v}, {"w": 2 * v - 1})
            assert w[i, j] == pytest.approx(float(v), rel=1e-12)


@pytest.mark.parametrize("cls", [Momentum, Nesterov, AdaGrad, RMSprop, Adam])
def test_reuse_on_parameters_of_a_new_shape_asks_for_reset(cls):
    optimizer = cls()
    optimizer.update({"w": np.zeros(2)}, {"w": np.ones(2)})
    w = np.zeros(3)
    with pytest.raises(ValueError, match=r"params\['w'\] has shape \(3,\).*\(2,\).*reset\(\)"):
        optimizer.update({"w": w}, {"w": np.ones(3)})
    np.testing.assert_array_equal(w, np.zeros(3))
    assert optimizer.t == {"w": 1}
    optimizer.reset()
    assert constant_grad_steps(optimizer, 3) == constant_grad_steps(cls(), 3)


def test_adam_counts_steps_per_parameter():
    """Layers updated in separate calls: each one's first step is lr·sign(g), as in PyTorch.

    With a constant gradient the corrected moments are exactly g and g², so every step is lr:
    three steps of 0.1 from 1.0 give 0.7 (a shared count gave 0.72876).
    """
    adam, W, b = Adam(lr=0.1, eps=TINY), np.array([1.0]), np.array([1.0])
    adam.update({}, {})  # nothing to update: nothing is counted
    assert adam.t == {}
    for _ in range(3):
        adam.update({"b": b}, {"b": np.array([-3.0])})
        adam.update({"W": W}, {"W": np.array([5.0])})
    assert adam.t == {"b": 3, "W": 3}
    assert W[0] == pytest.approx(0.7, rel=1e-12)
    assert b[0] == pytest.approx(1.3, rel=1e-12)


def test_a_parameter_first_seen_later_gets_its_own_first_step():
    adam, w, late = Adam(lr=0.1, eps=TINY), np.array([0.0]), np.array([0.0, 0.0])
    for _ in range(5):
        adam.update({"w": w}, {"w": np.array([1.0])})
    adam.update({"w": w, "late": late}, {"w": np.array([1.0]), "late": np.array([0.02, -7.0])})
    np.testing.assert_allclose(late, [-0.1, 0.1], rtol=1e-12)
    assert adam.t == {"w": 6, "late": 1}


def snapshot(optimizer, params):
    """Copies of params, of every state array and of the step counts."""
    arrays = {("params", key): value for key, value in params.items()}
    for name in optimizer.state_names:
        arrays.update({(name, key): value for key, value in getattr(optimizer, name).items()})
    return {where: value.copy() for where, value in arrays.items()}, dict(optimizer.t)


@pytest.mark.parametrize("cls", ALL)
def test_an_update_that_fails_on_a_later_key_changes_nothing(cls):
    """Under errstate(all='raise'), g = 1e200 overflows g² (float32 params: the new value)."""
    dtype = np.float32 if cls in (SGD, Momentum, Nesterov) else np.float64
    optimizer = cls(lr=0.5)
    params = {"a": np.array([1.0], dtype=dtype), "b": np.array([1.0], dtype=dtype)}
    optimizer.update(params, {"a": [1.0], "b": [1.0]})
    arrays, t = snapshot(optimizer, params)
    with np.errstate(all="raise"), pytest.raises(FloatingPointError):
        optimizer.update(params, {"a": [1.0], "b": [1e200]})
    arrays_after, t_after = snapshot(optimizer, params)
    assert t_after == t == {"a": 1, "b": 1}
    assert arrays_after.keys() == arrays.keys()
    for where, value in arrays.items():
        np.testing.assert_array_equal(arrays_after[where], value, err_msg=str(where))


def test_array_hyperparameters_are_copied_and_read_only():
    lr = np.array([0.1, 0.2])
    sgd = SGD(lr=lr)
    lr[0] = -1.0  # the caller's array: no longer the optimizer's
    w = np.array([1.0, 1.0])
    sgd.update({"w": w}, {"w": np.array([1.0, 1.0])})
    np.testing.assert_allclose(w, [0.9, 0.8], rtol=1e-15)  # downhill, with the lr given
    with pytest.raises(ValueError, match="read-only"):
        sgd.lr[0] = -1.0


@pytest.mark.parametrize("value", [-5, "0.1", None, np.datetime64("2020-01-01")])
def test_assigning_a_bad_hyperparameter_raises_and_keeps_the_old_one(value):
    sgd = SGD(lr=0.1)
    with pytest.raises(ValueError, match=r"Invalid learning rate: .*\(lr must"):
        sgd.lr = value
    assert sgd.lr == 0.1
    w = np.array([1.0])
    sgd.update({"w": w}, {"w": np.array([2.0])})
    assert w[0] == pytest.approx(0.8, rel=1e-15)


def test_assigning_a_good_hyperparameter_is_used_at_the_next_step():
    momentum, w = Momentum(lr=0.1, momentum=0.5), np.array([0.0])
    momentum.update({"w": w}, {"w": np.array([1.0])})  # v = -0.1
    momentum.lr, momentum.momentum = 0.2, 0
    momentum.update({"w": w}, {"w": np.array([1.0])})  # v = 0 · v - 0.2
    assert w[0] == pytest.approx(-0.3, rel=1e-15)
    assert isinstance(momentum.momentum, float)


def test_real_numbers_of_any_type_are_accepted():
    from fractions import Fraction

    assert SGD(lr=Fraction(1, 10)).lr == 0.1
    assert SGD(lr=np.float32(0.5)).lr == 0.5
    assert Momentum(momentum=np.int64(0)).momentum == 0.0


@pytest.mark.parametrize(
    "make",
    [
        lambda w: {"a": w, "b": w},
        lambda w: {"a": w[:3], "b": w[2:]},  # overlapping views
        lambda w: {"a": w, "b": w.reshape(2, 2)},
    ],
    ids=["same array", "overlapping views", "reshaped view"],
)
def test_params_sharing_memory_are_refused(make):
    w = np.arange(4.0)
    params = make(w)
    grads = {key: np.ones(value.shape) for key, value in params.items()}
    with pytest.raises(ValueError, match=r"params\['a'\] and params\['b'\] share memory"):
        SGD(lr=0.5).update(params, grads)
    np.testing.assert_array_equal(w, [0.0, 1.0, 2.0, 3.0])


def test_views_that_do_not_overlap_are_updated_once_each():
    w = np.zeros(4)
    SGD(lr=0.5).update({"even": w[::2], "odd": w[1::2]}, {"even": [1, 2], "odd": [3, 4]})
    np.testing.assert_array_equal(w, [-0.5, -1.5, -1.0, -2.0])


def test_a_subclass_gives_only_the_math_of_one_parameter():
    """The template checks, zeroes new state, counts t per parameter and writes: `_step` only
    computes. Here a 'Heavy' SGD whose state s sums the gradients: w ← w − lr (g + s_old)."""

    class Heavy(SGD):
        state_names = ("s",)

        def _step(self, w, g, t, s):
            return w - self.lr * (g + s), {"s": s + g}

    heavy, params = Heavy(lr=0.5), {"w": np.array([1.0, 2.0])}
    heavy.update(params, {"w": [1, 1]})  # integer gradients: update makes them floats
    heavy.update(params, {"w": np.array([2.0, 0.0])})
    np.testing.assert_array_equal(params["w"], [1.0 - 0.5 - 0.5 * 3, 2.0 - 0.5 - 0.5 * 1])
    np.testing.assert_array_equal(heavy.s["w"], [3.0, 1.0])
    assert heavy.t == {"w": 2}


@pytest.mark.parametrize("cls", ALL)
def test_step_is_update_without_the_checks(cls):
    """On checked arguments `step` moves exactly as `update`; unlike update it accepts what
    it is given as it is (a list gradient is not turned into an array)."""
    checked, unchecked = cls(lr=0.1), cls(lr=0.1)
    a, b = {"w": np.array([1.0, -2.0])}, {"w": np.array([1.0, -2.0])}
    for g in ([0.5, -1.5], [2.0, 0.25], [-1.0, 1.0]):
        checked.update(a, {"w": g})
        unchecked.step(b, {"w": np.array(g)})
    np.testing.assert_array_equal(a["w"], b["w"])
    assert checked.t == unchecked.t == {"w": 3}
    with pytest.raises(ValueError, match=r"grads must have the same keys as params"):
        checked.update(a, {})
