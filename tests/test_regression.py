"""The slides' regression run: losses, gradients, the recovered start and the printed table."""

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from optim import regression as reg

ROOT = Path(__file__).resolve().parent.parent
# The slides beside the repository (../shared/lecture/); in a clone without them the table
# embedded below is the truth.
SLIDES = ROOT.parent / "shared" / "lecture" / "slides-ko.md"
ROW = re.compile(
    r"Epoch: (\d+), RMSE = (-?\d+\.\d{4}), 기울기 a = (-?\d+\.\d{4}), y 절편 b = (-?\d+\.\d{4})$"
)
# The slide's printed table (its independent truth; the package never sees it).
SLIDE_TABLE = """\
Epoch: 0, RMSE = 114.2489, 기울기 a = 7.5434, y 절편 b = 80.5910
Epoch: 100, RMSE = 30.2481, 기울기 a = -11.4110, y 절편 b = 74.0875
Epoch: 200, RMSE = 28.6267, 기울기 a = -10.7494, y 절편 b = 70.1156
Epoch: 300, RMSE = 27.0053, 기울기 a = -10.0840, y 절편 b = 66.1443
Epoch: 400, RMSE = 25.3839, 기울기 a = -9.4185, y 절편 b = 62.1731
Epoch: 500, RMSE = 23.7625, 기울기 a = -8.7530, y 절편 b = 58.2018
Epoch: 600, RMSE = 22.1412, 기울기 a = -8.0875, y 절편 b = 54.2305
Epoch: 700, RMSE = 20.5198, 기울기 a = -7.4221, y 절편 b = 50.2593
Epoch: 800, RMSE = 18.8984, 기울기 a = -6.7566, y 절편 b = 46.2880
Epoch: 900, RMSE = 17.2770, 기울기 a = -6.0911, y 절편 b = 42.3167
Epoch: 1000, RMSE = 15.6556, 기울기 a = -5.4256, y 절편 b = 38.3455
Epoch: 1100, RMSE = 14.0342, 기울기 a = -4.7602, y 절편 b = 34.3742
Epoch: 1200, RMSE = 12.4129, 기울기 a = -4.0947, y 절편 b = 30.4029
Epoch: 1300, RMSE = 10.7915, 기울기 a = -3.4292, y 절편 b = 26.4316
Epoch: 1400, RMSE = 9.1701, 기울기 a = -2.7637, y 절편 b = 22.4604
Epoch: 1500, RMSE = 7.5487, 기울기 a = -2.0983, y 절편 b = 18.4891
Epoch: 1600, RMSE = 5.9273, 기울기 a = -1.4328, y 절편 b = 14.5178
Epoch: 1700, RMSE = 4.3059, 기울기 a = -0.7673, y 절편 b = 10.5466
Epoch: 1800, RMSE = 2.6846, 기울기 a = -0.1018, y 절편 b = 6.5753
Epoch: 1900, RMSE = 1.0632, 기울기 a = 0.5636, y 절편 b = 2.6040
Epoch: 2000, RMSE = 1.5416, 기울기 a = 0.6112, y 절편 b = 0.6709
Epoch: 2100, RMSE = 1.5419, 기울기 a = 0.6851, y 절편 b = 0.2030
Epoch: 2200, RMSE = 1.5419, 기울기 a = 0.7117, y 절편 b = 0.0406
Epoch: 2300, RMSE = 1.5419, 기울기 a = 0.7211, y 절편 b = -0.0159
Epoch: 2400, RMSE = 1.5419, 기울기 a = 0.7244, y 절편 b = -0.0355
Epoch: 2500, RMSE = 1.5419, 기울기 a = 0.7256, y 절편 b = -0.0423
Epoch: 2600, RMSE = 1.5419, 기울기 a = 0.7259, y 절편 b = -0.0446
Epoch: 2700, RMSE = 1.5419, 기울기 a = 0.7261, y 절편 b = -0.0455
Epoch: 2800, RMSE = 1.5419, 기울기 a = 0.7261, y 절편 b = -0.0457
Epoch: 2900, RMSE = 1.5419, 기울기 a = 0.7262, y 절편 b = -0.0458
Epoch: 3000, RMSE = 1.5419, 기울기 a = 0.7262, y 절편 b = -0.0459"""


def parse(text):
    """Rows (epoch, RMSE, a, b) of every line of `text` in the slide's format."""
    rows = [ROW.match(line.strip()) for line in text.splitlines()]
    return np.array([[float(v) for v in m.groups()] for m in rows if m])


@pytest.fixture(scope="module")
def slide():
    return parse(SLIDES.read_text(encoding="utf-8") if SLIDES.exists() else SLIDE_TABLE)


@pytest.mark.skipif(not SLIDES.exists(), reason=f"no slides at {SLIDES}")
def test_embedded_table_is_the_slides():
    np.testing.assert_array_equal(parse(SLIDES.read_text(encoding="utf-8")), parse(SLIDE_TABLE))


def test_initial_values_step_to_the_first_row_by_finite_differences():
    """p0 - lr ∇RMSE(p0) is the slide's first row, with ∇ by central differences of a plain
    RMSE on the slide's data (x = 2, 4, 6, 8 and, by its y_row[0] slip, y = x)."""
    p0 = np.array(reg.slide_initial_values())
    x = np.array([2.0, 4.0, 6.0, 8.0])

    def rmse(p):
        return np.sqrt(np.mean((p[0] * x + p[1] - x) ** 2))

    h = 1e-6
    gradient = [(rmse(p0 + h * e) - rmse(p0 - h * e)) / (2 * h) for e in np.eye(2)]
    np.testing.assert_allclose(p0 - 0.1 * np.array(gradient), [7.5434, 80.5910], rtol=0, atol=1e-6)


def test_one_step_from_the_start_gives_the_first_row():
    run = reg.gradient_descent(*reg.slide_initial_values(), reg.SLIDE_LR, 1, y=reg.SLIDE_TARGETS)
    np.testing.assert_allclose([run.a[0], run.b[0]], reg.SLIDE_FIRST_ROW, rtol=0, atol=5e-5)


def test_initial_values_raise_when_the_iteration_does_not_converge(monkeypatch):
    monkeypatch.setattr(reg, "_ROUNDS", 3)  # it needs 5
    with pytest.raises(RuntimeError, match="did not converge in 3 rounds"):
        reg.slide_initial_values()


def test_rows_match_every_number_of_the_slide(slide):
    rows = reg.slide_rows()
    assert slide.shape == rows.shape == (31, 4)
    np.testing.assert_array_equal(rows[:, 0], np.arange(0, 3001, 100))
    assert np.max(np.abs(rows - slide)) <= 3e-4


def test_table_is_printed_in_the_slide_format(slide):
    lines = reg.slide_table().splitlines()
    assert len(lines) == 31 and all(ROW.match(line) for line in lines)
    assert np.max(np.abs(parse("\n".join(lines)) - slide)) <= 3e-4 + 1e-12


def test_table_is_a_two_point_oscillation_at_the_end(slide):
    cycle = reg.two_point_cycle(*reg.slide_initial_values())
    assert cycle[:, 2] == pytest.approx(slide[-1, 1], abs=5e-5)
    assert cycle[:, 2] == pytest.approx(reg.cycle_rmse(), rel=1e-7)
    assert cycle[:, 2].sum() == pytest.approx(2 * reg.cycle_rmse(), rel=1e-12)
    np.testing.assert_allclose(cycle[0, :2], slide[-1, 2:], atol=3e-4)
    for p, q in [(cycle[0], cycle[1]), (cycle[1], cycle[0])]:
        run = reg.gradient_descent(p[0], p[1], reg.SLIDE_LR, 1, y=reg.SLIDE_TARGETS)
        np.testing.assert_allclose([run.a[0], run.b[0]], q[:2], atol=1e-10)


def test_fixing_the_targets_and_the_loss_reaches_least_squares():
    run = reg.gradient_descent(*reg.slide_initial_values(), 0.03, 5000, loss="mse")
    np.testing.assert_allclose([run.a[-1], run.b[-1]], [2.3, 79.0], atol=1e-8)
    assert run.loss[-1] == pytest.approx(reg.mse(2.3, 79.0))


def test_least_squares_is_polyfit():
    assert reg.least_squares() == pytest.approx((2.3, 79.0), abs=1e-12)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=10), rng.normal(size=10)
    np.testing.assert_allclose(reg.least_squares(x, y), np.polyfit(x, y, 1), atol=1e-12)


coordinate = st.floats(-100, 100, allow_nan=False)


@pytest.mark.parametrize("loss", ["rmse", "mse"])
@given(a=coordinate, b=coordinate, fit_scores=st.booleans())
def test_gradient_matches_finite_differences(loss, a, b, fit_scores):
    value, gradient = reg.LOSSES[loss]
    y = reg.SCORES if fit_scores else reg.SLIDE_TARGETS
    if value(a, b, y=y) < 1e-3:  # the RMSE has a kink at an exact fit
        return
    h = 1e-6 * (1 + abs(a) + abs(b))
    numeric = [
        (value(a + h, b, y=y) - value(a - h, b, y=y)) / (2 * h),
        (value(a, b + h, y=y) - value(a, b - h, y=y)) / (2 * h),
    ]
    exact = gradient(a, b, y=y)
    np.testing.assert_allclose(exact, numeric, rtol=1e-6, atol=1e-6 * np.hypot(*exact))


def test_rmse_gradient_is_zero_at_an_exact_fit():
    grid = np.array([1.0, 2.0]), np.array([0.0, 1.0])
    da, db = reg.rmse_gradient(*grid, y=reg.SLIDE_TARGETS)  # (1, 0) fits y = x exactly
    assert da[0] == db[0] == 0.0 and np.all(np.isfinite([da, db]))


@pytest.mark.parametrize("name", ["rmse", "mse"])
def test_losses_broadcast_over_grids(name):
    value, gradient = reg.LOSSES[name]
    a, b = np.meshgrid(np.linspace(-3, 5, 4), np.linspace(70, 90, 3))
    grid = [value(a, b), *gradient(a, b)]
    pointwise = [[value(p, q), *gradient(p, q)] for p, q in zip(a.ravel(), b.ravel(), strict=True)]
    np.testing.assert_allclose(np.reshape(grid, (3, -1)).T, pointwise, rtol=1e-14)


def test_gradient_descent_broadcasts_starts_and_learning_rates():
    run = reg.gradient_descent(np.zeros((2, 1)), 80.0, np.array([0.01, 0.02, 0.03]), 7, "mse")
    assert run.a.shape == run.b.shape == run.loss.shape == (7, 2, 3)
    single = reg.gradient_descent(0.0, 80.0, 0.02, 7, "mse")
    np.testing.assert_allclose(run.loss[:, 1, 1], single.loss, rtol=1e-15)


def test_gradient_descent_rejects_an_unknown_loss():
    with pytest.raises(ValueError, match="'mae'.*mse.*rmse"):
        reg.gradient_descent(0.0, 0.0, 0.1, 1, loss="mae")


def test_slide_targets_are_the_hours():
    np.testing.assert_array_equal(reg.SLIDE_TARGETS, reg.X)
    assert reg.SLIDE_TARGETS is not reg.X


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: reg.mse("a", 1), "Invalid a: 'a' (a must be a number, got str)"),
        (lambda: reg.mse(True, 1), "Invalid a: True (a must be a real number)"),
        (
            lambda: reg.rmse_gradient([1, 2], [1, 2, 3]),
            "a of shape (2,) and b of shape (3,) do not broadcast",
        ),
        (
            lambda: reg.mse(1, 1, [1, 2], [1, 2, 3]),
            "x and y must be two 1D arrays of one length >= 1, got shapes (2,) and (3,)",
        ),
        (lambda: reg.mse(1, 1, [], []), "x and y must be two 1D arrays of one length >= 1"),
        (lambda: reg.least_squares([1, 1], [1, 2]), "x must hold at least two different values"),
        (lambda: reg.least_squares([1], [1]), "x and y must be two 1D arrays of one length >= 2"),
        (
            lambda: reg.gradient_descent(1, 1, 0.1, -1),
            "steps must be a whole number from 0 to 1,000,000, got -1",
        ),
        (lambda: reg.gradient_descent(1, 1, 0.1, 2.5), "steps must be a whole number"),
        (
            lambda: reg.gradient_descent(1, 1, "0.1", 3),
            "Invalid learning rate: '0.1' (lr must be a number, got str)",
        ),
        (
            lambda: reg.gradient_descent(1, 1, -0.1, 3),
            "Invalid learning rate: -0.1 (lr must be finite and > 0)",
        ),
        (
            lambda: reg.gradient_descent("1", 1, 0.1, 3),
            "Invalid start a: '1' (a must be a number, got str)",
        ),
        (
            lambda: reg.gradient_descent([1, 2], [1, 2, 3], 0.1, 3),
            "a, b and lr must broadcast against each other",
        ),
        (lambda: reg.gradient_descent(1, 1, 0.1, 3, loss=["mse"]), "Unknown loss: ['mse']"),
        (lambda: reg.slide_rows(100, 0), "every must be a whole number >= 1, got 0"),
        (lambda: reg.slide_rows(-1), "last_epoch must be a whole number >= 0, got -1"),
        (lambda: reg.cycle_rmse(-1), "Invalid learning rate: -1.0 (lr must be finite and > 0)"),
        (lambda: reg.two_point_cycle(np.nan, 1), "Invalid start a: nan (a must be finite)"),
        (
            lambda: reg.two_point_cycle(1, 1, max_steps=-1),
            "max_steps must be a whole number >= 1, got -1",
        ),
        (
            lambda: reg.slide_initial_values(lr="a"),
            "Invalid learning rate: 'a' (lr must be a number",
        ),
    ],
)
def test_bad_input_is_refused_naming_the_argument(call, message):
    with pytest.raises(ValueError) as raised:
        call()
    assert str(raised.value).startswith(message)


def test_a_diverging_descent_is_a_result_without_warnings():
    run = reg.gradient_descent(1.0, 1.0, 1e200, 3, loss="mse")  # warnings are errors in tests
    assert np.isfinite(run.a[0]) and not np.isfinite(run.a[-1])
