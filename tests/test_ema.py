"""The exponential moving average against hand-derived values and closed forms."""

import numpy as np
import pytest

from optim import Adam, RMSprop
from optim.ema import (
    alpha_for_window,
    bias,
    bias_correction,
    ema,
    ema_weights,
    mean_age,
    window_weight,
)


def test_alpha_for_window_by_hand():
    assert alpha_for_window(1) == 1.0
    assert alpha_for_window(3) == 0.5
    assert alpha_for_window(9) == 0.2
    assert alpha_for_window(19) == pytest.approx(0.1, rel=1e-15)
    assert alpha_for_window(np.array([1, 3])) == pytest.approx([1.0, 0.5])


@pytest.mark.parametrize("n", [0, -1, 0.5])
def test_alpha_for_window_rejects_short_windows(n):
    with pytest.raises(ValueError, match="window N"):
        alpha_for_window(n)


def test_ema_by_hand():
    # alpha = 1/2, start 0: 1/2, (2 + 1/2)/2 = 5/4, (3 + 5/4)/2 = 17/8
    assert ema([1, 2, 3], 0.5) == pytest.approx([0.5, 1.25, 2.125], rel=1e-15)
    # start 4: (1 + 4)/2 = 5/2, (2 + 5/2)/2 = 9/4
    assert ema([1, 2], 0.5, start=4) == pytest.approx([2.5, 2.25], rel=1e-15)


def test_ema_of_constant_from_zero_is_biased_by_one_minus_beta_to_the_t():
    alpha, p, t = 0.1, 3.0, np.arange(1, 51)
    x = ema(np.full(50, p), alpha)
    assert x == pytest.approx(p * (1 - 0.9**t), rel=1e-12)
    assert x == pytest.approx(p * bias(0.9, t), rel=1e-12)
    assert bias_correction(x, 0.9, t) == pytest.approx(np.full(50, p), rel=1e-12)


def test_alpha_one_keeps_only_the_newest_value():
    values = np.array([4.0, -1.0, 7.0])
    assert ema(values, 1.0, start=100.0) == pytest.approx(values)


def test_ema_works_along_the_first_axis():
    values = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 30.0]])
    assert ema(values, 0.5) == pytest.approx(np.array([[0.5, 5.0], [1.25, 12.5], [2.125, 21.25]]))


def test_expansion_over_a_window_matches_the_recursion():
    """x_k = α Σ_{i<N} (1−α)^i p_{k−i} + (1−α)^N x_{k−N}, the slides' expansion."""
    rng = np.random.default_rng(0)
    p, alpha, n = rng.normal(size=30), 0.2, 7
    x = ema(p, alpha, start=1.5)  # x[j] is x_{j+1}
    k = 29  # index of x_30
    expanded = np.dot(ema_weights(alpha, n), p[k::-1][:n]) + (1 - alpha) ** n * x[k - n]
    assert x[k] == pytest.approx(expanded, rel=1e-12)


def test_weights_by_hand_and_their_sum():
    assert ema_weights(0.5, 4) == pytest.approx([0.5, 0.25, 0.125, 0.0625], rel=1e-15)
    assert window_weight(0.5, 4) == pytest.approx(0.9375, rel=1e-15)
    for n in (1, 5, 10, 20):
        alpha = alpha_for_window(n)
        assert ema_weights(alpha, n).sum() == pytest.approx(window_weight(alpha, n), rel=1e-12)
    # all weights together sum to 1 (geometric series)
    assert ema_weights(0.1, 2000).sum() == pytest.approx(1.0, rel=1e-12)


def test_window_weight_tends_to_one_minus_e_to_the_minus_two():
    """(1 − 2/(N+1))^N → e^{−2}: the last N values carry about 86.5 % for large N."""
    n = 1_000_000
    assert window_weight(alpha_for_window(n), n) == pytest.approx(1 - np.exp(-2), rel=1e-5)


def test_mean_age_matches_the_plain_average_of_n_values():
    # alpha = 1/2: ages 0, 1, 2, ... with weights 1/2, 1/4, 1/8, ... average to 1
    assert mean_age(0.5) == 1.0
    for n in (1, 3, 9, 19, 99):
        alpha = alpha_for_window(n)
        ages = np.arange(20_000)
        assert np.dot(ages, ema_weights(alpha, ages.size)) == pytest.approx(mean_age(alpha))
        assert mean_age(alpha) == pytest.approx(np.arange(n).mean(), abs=1e-12)


@pytest.mark.parametrize("alpha", [0.0, -0.1, 1.5])
def test_alpha_out_of_range_is_rejected(alpha):
    with pytest.raises(ValueError, match="alpha"):
        ema([1.0], alpha)


def test_bias_correction_rejects_t_zero():
    with pytest.raises(ValueError, match="t must be a whole number >= 1"):
        bias_correction(1.0, 0.9, 0)


def test_rmsprop_state_is_the_ema_of_squared_gradients():
    grads = np.array([1.0, -2.0, 0.5, 3.0])
    opt = RMSprop(lr=0.1, decay_rate=0.8)
    params, seen = {"w": np.array(0.0)}, []
    for g in grads:
        opt.update(params, {"w": np.array(g)})
        seen.append(float(opt.h["w"]))
    assert seen == pytest.approx(ema(grads**2, 0.2), rel=1e-12)


def test_adam_moments_are_emas_and_their_corrections():
    grads = np.array([1.0, -2.0, 0.5, 3.0])
    opt = Adam(lr=0.1, beta1=0.9, beta2=0.99)
    params, m, v = {"w": np.array(0.0)}, [], []
    for g in grads:
        opt.update(params, {"w": np.array(g)})
        m.append(float(opt.m["w"]))
        v.append(float(opt.v["w"]))
    assert m == pytest.approx(ema(grads, 0.1), rel=1e-12)
    assert v == pytest.approx(ema(grads**2, 0.01), rel=1e-12)
    t = np.arange(1, 5)
    assert bias_correction(m, 0.9, t)[0] == pytest.approx(grads[0], rel=1e-12)


# Bad input (issue 10): a clear error naming the argument and the value, never a numpy message
# or a string silently read as a number.
@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: ema([1, 2], "0.5"), "Invalid alpha: '0.5' (alpha must be a number, got str)"),
        (lambda: ema([1, 2], None), "Invalid alpha: None (alpha must be a number"),
        (lambda: ema([1, 2], np.array([0.5, 0.5])), "(alpha must be a single number)"),
        (lambda: ema([1, 2], True), "Invalid alpha: True (alpha must be a real number)"),
        (lambda: ema([1, 2], 0.0), "Invalid alpha: 0.0 (alpha must lie in (0, 1])"),
        (lambda: ema(["1", "2"], 0.5), "Invalid values: ['1', '2'] (values must be a number"),
        (lambda: ema([[1], [2, 3]], 0.5), "Invalid values: [[1], [2, 3]] (values must be"),
        (lambda: ema([True, False], 0.5), "(values must be a real number)"),
        (lambda: ema(5, 0.5), "Invalid values: 5.0 (values must be a sequence"),
        (lambda: ema([1, 2], 0.5, start="a"), "Invalid start value: 'a' (start must be"),
        (lambda: ema([1, 2], 0.5, start=[1, 2]), "start has shape (2,), which does not"),
        (lambda: alpha_for_window("3"), "Invalid window N: '3' (n must be a number, got str)"),
        (lambda: alpha_for_window(None), "Invalid window N: None (n must be a number"),
        (lambda: alpha_for_window(np.inf), "Invalid window N: inf (n must be finite and >= 1)"),
        (lambda: ema_weights(0.5, "3"), "n must be a whole number from 0 to 1,000,000, got '3'"),
        (lambda: ema_weights(0.5, -1), "n must be a whole number from 0 to 1,000,000, got -1"),
        (lambda: ema_weights(0.5, 2.5), "n must be a whole number from 0 to 1,000,000, got 2.5"),
        (lambda: ema_weights(0.5, 10**30), "n must be a whole number from 0 to 1,000,000"),
        (lambda: window_weight(0.5, -1), "Invalid window n: -1.0 (n must be finite and >= 0)"),
        (lambda: window_weight(0.5, "3"), "Invalid window n: '3' (n must be a number"),
        (lambda: mean_age("a"), "Invalid alpha: 'a' (alpha must be a number, got str)"),
        (lambda: bias(0.9, "2"), "t must be a whole number >= 0 (or an array of them), got '2'"),
        (lambda: bias("0.9", 2), "Invalid decay beta: '0.9' (beta must be a number, got str)"),
        (lambda: bias(1.5, 2), "Invalid decay beta: 1.5 (beta must lie in [0, 1))"),
        (lambda: bias_correction(1.0, 0.9, "2"), "t must be a whole number >= 1 (or an array"),
        (lambda: bias_correction(1.0, 0.9, 1.5), "t must be a whole number >= 1"),
        (lambda: bias_correction(1.0, 1.0, 2), "Invalid decay beta: 1.0 (beta must lie in"),
        (lambda: bias_correction("1", 0.9, 2), "Invalid EMA value x: '1' (x must be a number"),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert str(error.value).startswith(message) or message in str(error.value)


def test_valid_input_gives_exact_values_and_n_may_be_a_list():
    assert ema([1, 2, 3], 0.5).tolist() == [0.5, 1.25, 2.125]
    assert bias(0.9, np.arange(1, 3)) == pytest.approx([0.1, 0.19], rel=1e-15)
    corrected = bias_correction(np.array([0.02, -0.05]), 0.99, 2)
    assert corrected.tolist() == (np.array([0.02, -0.05]) / (1 - 0.99**2)).tolist()
    assert window_weight(0.5, [1, 2]).tolist() == [0.5, 0.75]
