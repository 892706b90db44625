"""Learning-rate schedules against PyTorch's own values and against closed forms by hand."""

import dataclasses
import math

import numpy as np
import pytest

import optim
from optim.schedules import (
    SCHEDULES,
    CosineAnnealingLR,
    ExponentialLR,
    LinearLR,
    Schedule,
    SequentialLR,
    StepLR,
)

# Recorded with torch 2.14.1 (CPU, from PyPI) in a throw-away venv by this script, which
# printed the dict entries below as they stand (get_last_lr()[0] before update t + 1):
#
#     import warnings
#     import torch
#     from torch.optim.lr_scheduler import (
#         CosineAnnealingLR, ExponentialLR, LinearLR, SequentialLR, StepLR)
#     warnings.simplefilter("ignore")
#     CASES = {
#         "StepLR(3, 0.5)": (0.1, 12, lambda o: StepLR(o, 3, 0.5)),
#         "ExponentialLR(0.9)": (0.1, 12, lambda o: ExponentialLR(o, 0.9)),
#         "CosineAnnealingLR(4, 0.01)": (0.1, 20, lambda o: CosineAnnealingLR(o, 4, 0.01)),
#         "CosineAnnealingLR(5)": (1.0, 12, lambda o: CosineAnnealingLR(o, 5)),
#         "LinearLR()": (0.1, 8, lambda o: LinearLR(o)),
#         "LinearLR(0.5, 0.0, 4)": (0.2, 8, lambda o: LinearLR(o, 0.5, 0.0, 4)),
#         "SequentialLR([LinearLR(0.25, 1.0, 4), CosineAnnealingLR(6, 0.001)], [4])": (
#             0.1, 16, lambda o: SequentialLR(
#                 o, [LinearLR(o, 0.25, 1.0, 4), CosineAnnealingLR(o, 6, 0.001)], milestones=[4])),
#         "SequentialLR([StepLR(2, 0.5), ExponentialLR(0.8), LinearLR(0.5, 1.0, 3)], [3, 7])": (
#             0.1, 14, lambda o: SequentialLR(
#                 o, [StepLR(o, 2, 0.5), ExponentialLR(o, 0.8), LinearLR(o, 0.5, 1.0, 3)], [3, 7])),
#     }
#     for name, (base, n, make) in CASES.items():
#         optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=base)
#         scheduler = make(optimizer)
#         lrs = []
#         for t in range(n):
#             lrs.append(scheduler.get_last_lr()[0])  # the lr of update t + 1
#             optimizer.step()
#             scheduler.step()
#         print(f"{name!r}: ({base}, {lrs!r}),")
TORCH = {
    "StepLR(3, 0.5)": (
        0.1,
        [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125, 0.0125],
    ),
    "ExponentialLR(0.9)": (
        0.1,
        [
            0.1,
            0.09000000000000001,
            0.08100000000000002,
            0.07290000000000002,
            0.06561000000000002,
            0.05904900000000002,
            0.05314410000000002,
            0.04782969000000002,
            0.043046721000000024,
            0.03874204890000002,
            0.03486784401000002,
            0.03138105960900001,
        ],
    ),
    "CosineAnnealingLR(4, 0.01)": (
        0.1,
        [
            0.1,
            0.08681980515339464,
            0.05500000000000001,
            0.023180194846605363,
            0.01,
            0.023180194846605363,
            0.05500000000000002,
            0.08681980515339469,
            0.10000000000000006,
            0.0868198051533947,
            0.05500000000000005,
            0.023180194846605412,
            0.01,
            0.023180194846605363,
            0.054999999999999924,
            0.08681980515339449,
            0.09999999999999988,
            0.08681980515339452,
            0.05499999999999996,
            0.02318019484660539,
        ],
    ),
    "CosineAnnealingLR(5)": (
        1.0,
        [
            1.0,
            0.9045084971874737,
            0.6545084971874737,
            0.3454915028125263,
            0.09549150281252632,
            0.0,
            0.09549150281252627,
            0.34549150281252644,
            0.6545084971874741,
            0.9045084971874743,
            1.0000000000000004,
            0.9045084971874745,
        ],
    ),
    "LinearLR()": (
        0.1,
        [
            0.03333333333333333,
            0.04666666666666667,
            0.060000000000000005,
            0.07333333333333335,
            0.08666666666666668,
            0.1,
            0.1,
            0.1,
        ],
    ),
    "LinearLR(0.5, 0.0, 4)": (
        0.2,
        [0.1, 0.07500000000000001, 0.05000000000000001, 0.025000000000000005, 0.0, 0.0, 0.0, 0.0],
    ),
    "SequentialLR([LinearLR(0.25, 1.0, 4), CosineAnnealingLR(6, 0.001)], [4])": (
        0.1,
        [
            0.025,
            0.043750000000000004,
            0.06250000000000001,
            0.08125000000000002,
            0.1,
            0.09336825748732973,
            0.07525000000000001,
            0.0505,
            0.025750000000000012,
            0.007631742512670284,
            0.001,
            0.007631742512670284,
            0.025750000000000002,
            0.05050000000000004,
            0.07525000000000008,
            0.0933682574873298,
        ],
    ),
    "SequentialLR([StepLR(2, 0.5), ExponentialLR(0.8), LinearLR(0.5, 1.0, 3)], [3, 7])": (
        0.1,
        [
            0.1,
            0.1,
            0.05,
            0.1,
            0.08000000000000002,
            0.06400000000000002,
            0.051200000000000016,
            0.05,
            0.06666666666666667,
            0.08333333333333333,
            0.09999999999999999,
            0.09999999999999999,
            0.09999999999999999,
            0.09999999999999999,
        ],
    ),
}


@pytest.mark.parametrize("name", TORCH)
def test_values_equal_pytorchs(name):
    """PyTorch updates the lr step by step; the closed forms here agree to rounding, also past
    CosineAnnealingLR's T_max (a cosine of period 2 T_max) and across SequentialLR's hand-over."""
    base, expected = TORCH[name]
    schedule = eval(name, vars(optim.schedules))
    t = np.arange(len(expected))
    np.testing.assert_allclose(schedule.lr_at(base, t), expected, rtol=1e-14, atol=1e-15)
    for step, value in enumerate(expected):  # one t at a time: a float, the same value
        lr = schedule.lr_at(base, step)
        assert type(lr) is float and lr == pytest.approx(value, rel=1e-14, abs=1e-15)


def test_step_lr_closed_form():
    """StepLR: base * gamma ** (t // step_size), written out for t = 0 ... 9."""
    lrs = StepLR(step_size=4, gamma=0.5).lr_at(0.8, np.arange(10))
    np.testing.assert_array_equal(lrs, [0.8] * 4 + [0.4] * 4 + [0.2] * 2)


def test_exponential_lr_closed_form():
    t = np.arange(6)
    np.testing.assert_allclose(ExponentialLR(gamma=0.5).lr_at(3.0, t), 3.0 / 2.0**t, rtol=1e-15)
    np.testing.assert_array_equal(ExponentialLR(gamma=1.0).lr_at(0.3, t), 0.3)


def test_cosine_at_start_middle_end_and_beyond():
    """(1 + cos(pi t / T)) / 2 is 1, 1/2, 0 at t = 0, T/2, T; 1/2 and 1 at 3T/2 and 2T."""
    base, low = 0.5, 0.1
    schedule = CosineAnnealingLR(T_max=10, eta_min=low)
    lrs = schedule.lr_at(base, np.array([0, 5, 10, 15, 20]))
    middle = (base + low) / 2
    np.testing.assert_allclose(lrs, [base, middle, low, middle, base], rtol=1e-15)
    # t = 1: cos(pi/10) = sqrt((5 + sqrt 5) / 8)
    cos = math.sqrt((5 + math.sqrt(5)) / 8)
    assert schedule.lr_at(base, 1) == pytest.approx(low + (base - low) * (1 + cos) / 2, rel=1e-15)


def test_cosine_eta_min_above_the_base_climbs():
    """eta_min is an lr, not a factor: above the base, the cosine rises to it (as PyTorch)."""
    assert CosineAnnealingLR(T_max=2, eta_min=1.0).lr_at(0.5, 2) == pytest.approx(1.0)


def test_linear_lr_warm_up_and_after():
    """s + (e - s) min(t, T) / T: the defaults go 1/3, 7/15, 9/15, 11/15, 13/15, 1, 1, ..."""
    lrs = LinearLR().lr_at(1.5, np.arange(8))
    expected = 1.5 * np.array([5, 7, 9, 11, 13, 15, 15, 15]) / 15
    np.testing.assert_allclose(lrs, expected, rtol=1e-15)
    down = LinearLR(start_factor=1.0, end_factor=0.0, total_iters=4).lr_at(2.0, np.arange(7))
    np.testing.assert_allclose(down, [2.0, 1.5, 1.0, 0.5, 0, 0, 0], rtol=1e-15, atol=0)


def test_sequential_hands_over_with_each_schedule_restarting_at_its_own_t_zero():
    warm, decay = LinearLR(0.1, 1.0, 3), ExponentialLR(0.5)
    schedule = SequentialLR([warm, decay, StepLR(2, 0.1)], milestones=[3, 6])
    t = np.arange(10)
    lrs = schedule.lr_at(2.0, t)
    expected = [0.2, 0.8, 1.4, 2.0, 1.0, 0.5, 2.0, 2.0, 0.2, 0.2]
    np.testing.assert_allclose(lrs, expected, rtol=1e-14)
    # the same as each schedule on its own, with t counted from its milestone
    np.testing.assert_allclose(lrs[3:6], decay.lr_at(2.0, t[3:6] - 3), rtol=0)
    assert SequentialLR([decay], milestones=[]).lr_at(2.0, 4) == decay.lr_at(2.0, 4)


def test_lr_at_broadcasts_base_and_t():
    """A sweep over lr: an array base gives an array; base (3,) against t (5, 1) gives (5, 3)."""
    schedule = SequentialLR([LinearLR(0.5, 1.0, 2), CosineAnnealingLR(4, 0.01)], [2])
    base, t = np.array([0.1, 0.2, 0.4]), np.arange(5)[:, None]
    lrs = schedule.lr_at(base, t)
    assert lrs.shape == (5, 3)
    for i in range(5):
        for j in range(3):
            assert lrs[i, j] == schedule.lr_at(float(base[j]), i)
    assert isinstance(schedule.lr_at(base, 0), np.ndarray)


def test_repr_shows_the_settings_and_rebuilds_an_equal_schedule():
    schedules = [
        StepLR(step_size=3, gamma=0.5),
        ExponentialLR(gamma=0.9),
        CosineAnnealingLR(T_max=50, eta_min=0.001),
        LinearLR(start_factor=0.25, end_factor=1.0, total_iters=10),
        SequentialLR([LinearLR(0.25, 1.0, 10), CosineAnnealingLR(90)], milestones=[10]),
    ]
    assert repr(schedules[0]) == "StepLR(step_size=3, gamma=0.5)"
    assert repr(schedules[2]) == "CosineAnnealingLR(T_max=50, eta_min=0.001)"
    assert "milestones=(10,)" in repr(schedules[4]) and "T_max=90" in repr(schedules[4])
    for schedule in schedules:
        assert eval(repr(schedule), vars(optim.schedules)) == schedule


def test_defaults_are_pytorchs():
    assert StepLR(5).gamma == 0.1
    assert CosineAnnealingLR(5).eta_min == 0.0
    assert (LinearLR().start_factor, LinearLR().end_factor, LinearLR().total_iters) == (
        1 / 3,
        1.0,
        5,
    )


def test_settings_are_fixed_once_made():
    schedule = StepLR(3, 0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        schedule.gamma = -1.0


def test_exported_from_optim():
    for name, cls in SCHEDULES.items():
        assert getattr(optim, name) is cls and issubclass(cls, Schedule)
    assert set(SCHEDULES) == {
        "StepLR",
        "ExponentialLR",
        "CosineAnnealingLR",
        "LinearLR",
        "SequentialLR",
    }


BAD = [
    (lambda: StepLR(0), ValueError, "step_size"),
    (lambda: StepLR(2.0), ValueError, "step_size"),
    (lambda: StepLR(True), ValueError, "step_size"),
    (lambda: StepLR(3, gamma=0), ValueError, "gamma"),
    (lambda: StepLR(3, gamma=-0.5), ValueError, "gamma"),
    (lambda: StepLR(3, gamma=math.inf), ValueError, "gamma"),
    (lambda: StepLR(3, gamma="0.5"), ValueError, "gamma"),
    (lambda: ExponentialLR(math.nan), ValueError, "gamma"),
    (lambda: ExponentialLR([0.9, 0.8]), ValueError, "gamma"),
    (lambda: CosineAnnealingLR(0), ValueError, "T_max"),
    (lambda: CosineAnnealingLR(10.5), ValueError, "T_max"),
    (lambda: CosineAnnealingLR(10, eta_min=-0.1), ValueError, "eta_min"),
    (lambda: CosineAnnealingLR(10, eta_min=math.inf), ValueError, "eta_min"),
    (lambda: LinearLR(start_factor=0), ValueError, "start_factor"),
    (lambda: LinearLR(start_factor=1.5), ValueError, "start_factor"),
    (lambda: LinearLR(end_factor=-0.1), ValueError, "end_factor"),
    (lambda: LinearLR(end_factor=1.1), ValueError, "end_factor"),
    (lambda: LinearLR(total_iters=0), ValueError, "total_iters"),
    (lambda: LinearLR(total_iters=None), ValueError, "total_iters"),
    (lambda: SequentialLR([], []), ValueError, "schedules"),
    (lambda: SequentialLR([StepLR(2), StepLR(3)], []), ValueError, "milestones"),
    (lambda: SequentialLR([StepLR(2)], [5]), ValueError, "milestones"),
    (lambda: SequentialLR([StepLR(2)] * 3, [5, 5]), ValueError, "milestones must increase"),
    (lambda: SequentialLR([StepLR(2)] * 3, [6, 5]), ValueError, "milestones must increase"),
    (lambda: SequentialLR([StepLR(2)] * 2, [2.5]), ValueError, "milestones"),
    (lambda: SequentialLR([StepLR(2)] * 2, [0]), ValueError, "milestones"),
    (lambda: SequentialLR([StepLR(2), "cosine"], [5]), TypeError, r"schedules\[1\]"),
    (lambda: SequentialLR([StepLR(2), StepLR], [5]), TypeError, r"schedules\[1\]"),
    (lambda: SequentialLR(StepLR(2), 5), TypeError, "schedules and milestones"),
    (lambda: StepLR(2).lr_at(0.0, 1), ValueError, "base_lr"),
    (lambda: StepLR(2).lr_at(-0.1, 1), ValueError, "base_lr"),
    (lambda: StepLR(2).lr_at(math.nan, 1), ValueError, "base_lr"),
    (lambda: StepLR(2).lr_at(0.1, -1), ValueError, "t must"),
    (lambda: StepLR(2).lr_at(0.1, 1.0), ValueError, "t must"),
    (lambda: StepLR(2).lr_at(0.1, np.array([0, 1.5])), ValueError, "t must"),
    (lambda: StepLR(2).lr_at(np.ones(3), np.arange(4)), ValueError, "base_lr of shape"),
]


@pytest.mark.parametrize("make, error, message", BAD)
def test_bad_settings_raise_naming_the_argument(make, error, message):
    with pytest.raises(error, match=message):
        make()


def test_a_schedule_may_drive_the_lr_to_zero():
    assert LinearLR(1.0, 0.0, 2).lr_at(0.1, 5) == 0.0
    assert CosineAnnealingLR(4).lr_at(0.1, 4) == 0.0
