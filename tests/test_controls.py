"""The sliders keep the value a lecture cell asks for, exactly, and take an exactly typed one."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest
from test_explorer import undrawn  # noqa: F401 (a fixture: no frames drawn)

import optim
from optim.controls import SLIDERS, hyperparameter_slider, slider_range, stops

LECTURE = Path(__file__).resolve().parents[1] / "lecture"


def func_name(node):
    return node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id


def lecture_calls():
    """(notebook, call source) for every explore(...) / race(...) a lecture runs or suggests in
    its text (`optim.race(...)` in backticks)."""
    calls = []
    for path in sorted(LECTURE.glob("[0-9]*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and func_name(node) in ("explore", "race")
            ):
                calls.append((path.stem, ast.get_source_segment(source, node)))
        for code in re.findall(r"`((?:optim\.)?(?:explore|race)\(.*?\))`", source):
            calls.append((path.stem, code))
    return calls


CALLS = lecture_calls()


def requested(call):
    """The call's settings: {optimizer: {name: value}} and its start (None if not a literal)."""
    node = ast.parse(call, mode="eval").body
    keywords = {k.arg: k.value for k in node.keywords}
    start = keywords.pop("start", None)
    try:
        start = ast.literal_eval(start) if start is not None else None
    except ValueError:
        start = "not a literal"
    if func_name(node) == "race":
        return ast.literal_eval(node.args[0]), start
    name = ast.literal_eval(node.args[0]) if node.args else "Momentum"
    run_settings = ("steps", "schedule", "noise", "seed")  # of the run, not the optimizer
    settings = {k: ast.literal_eval(v) for k, v in keywords.items() if k not in run_settings}
    return {name: settings}, start


def noise_asked(call):
    """The call's noise σ if it gives one as a literal, else None."""
    node = ast.parse(call, mode="eval").body
    given = [k.value for k in node.keywords if k.arg == "noise" and is_literal(k.value)]
    return ast.literal_eval(given[0]) if given else None


def is_literal(node):
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def build(call):
    """The explorer the call makes (a start that is not a literal: the surface's default; a
    surface that is not a literal, as 09's loss slice: the default surface)."""
    node = ast.parse(call, mode="eval").body
    node.keywords = [k for k in node.keywords if k.arg != "start" or is_literal(k.value)]
    if len(node.args) > 1 and not is_literal(node.args[1]):
        del node.args[1:]
    return eval(compile(ast.Expression(node), "<lecture>", "eval"), vars(optim) | {"optim": optim})


def test_the_lecture_has_explorers_to_check():
    kinds = {re.match(r"(?:optim\.)?(\w+)", call).group(1) for _, call in CALLS}
    assert len(CALLS) >= 9 and kinds == {"explore", "race"}


@pytest.mark.usefixtures("undrawn")  # settings, sliders and runs, not pixels
@pytest.mark.parametrize(("notebook", "call"), CALLS, ids=[f"{n}:{c[:40]}" for n, c in CALLS])
def test_every_lecture_explorer_uses_and_shows_exactly_its_settings(notebook, call):
    settings, start = requested(call)
    explorer = build(call)
    assert [e.cls.__name__ for e in explorer.entries] == list(settings)
    for entry, wanted in zip(explorer.entries, settings.values(), strict=True):
        for name, value in wanted.items():
            assert entry.settings[name] == value, (notebook, name)
            if name in entry.sliders:
                control = entry.sliders[name]
                assert control.value == value and float(control.box.value) == value
        assert entry.optimizer().hyperparameters.items() >= wanted.items()
        label = entry.label()
        for name, value in wanted.items():
            assert f"{name}={value:.3g}" in label
    noise = noise_asked(call)
    if noise is not None:
        assert explorer.noise.value == noise and float(explorer.noise.box.value) == noise
    if isinstance(start, tuple):
        assert (explorer.x0.value, explorer.y0.value) == start
        assert tuple(explorer.entries[0].trajectory.positions[0]) == start


def test_lr_stops_are_the_lectures_stops():
    """20 stops a decade, computed as the lecture computes them: 10 ** (k / 20)."""
    lr = stops("lr")
    np.testing.assert_array_equal(lr[20:], 10.0 ** (np.arange(-60, 21) / 20))
    assert slider_range("lr") == (1e-4, 10.0)
    assert stops("momentum")[90] == 0.9 and stops("beta2")[-1] == 0.9999


@pytest.mark.parametrize("name", SLIDERS)
def test_a_value_between_stops_is_kept_and_shown(name):
    low, high = slider_range(name)
    between = 0.0123456 if name == "lr" else (low + high) / 2 + 1.234e-5
    control = hyperparameter_slider(name, between)
    assert control.value == between and float(control.box.value) == between
    assert control.slider.readout is False  # the box is the readout


def test_typed_value_is_kept_exactly_and_the_handle_goes_to_the_nearest_stop():
    control = hyperparameter_slider("lr", 0.1)
    control.box.value = "0.95"
    assert control.value == 0.95 and control.box.value == "0.95"
    assert control.stops[control.slider.value] == 1.0  # 10 ** (-0.45 / 20) rounds to stop 0
    control.box.value = " 1e-3 "
    assert control.value == 0.001 and control.box.value == "0.001"


def test_moving_the_slider_goes_to_a_stop_and_shows_four_digits():
    control = hyperparameter_slider("lr", 0.95)
    control.slider.value -= 1
    assert control.value == 10 ** (-1 / 20) and control.box.value == "0.8913"


def test_typed_text_out_of_range_is_clipped_and_nonsense_is_undone():
    control = hyperparameter_slider("momentum", 0.9)
    control.box.value = "2"
    assert control.value == 0.99 and control.box.value == "0.99"
    control.box.value = "fast"
    assert control.value == 0.99 and control.box.value == "0.99"
    control.box.value = "nan"
    assert control.value == 0.99 and control.box.value == "0.99"


@pytest.mark.usefixtures("undrawn")  # settings, sliders and runs, not pixels
def test_a_start_between_stops_is_kept():
    a0, b0 = optim.SURFACES["regression_mse"].start
    explorer = optim.explore("SGD", "regression_mse", start=(a0, b0), steps=20, lr=0.03)
    assert (explorer.x0.value, explorer.y0.value) == (a0, b0)
    assert explorer.entries[0].trajectory.positions[0].tolist() == [a0, b0]
    assert float(explorer.x0.box.value) == a0


def test_a_log_slider_whose_first_stop_is_zero_holds_zero_and_typed_values():
    """The noise slider: 0 (exact gradients) and then log-spaced stops; no log(0) warning."""
    from optim.controls import ExactSlider, noise_stops

    values = noise_stops("book")
    control = ExactSlider("noise σ", 0.0, values, log=True)
    assert control.value == 0 and control.slider.value == 0 and control.box.value == "0"
    control.box.value = "0.0123"
    assert control.value == 0.0123 and control.stops[control.slider.value] == pytest.approx(
        0.01259, rel=1e-3
    )
    control.slider.value = 0
    assert control.value == 0


def test_a_whole_number_slider_rounds_what_is_typed():
    from optim.controls import ExactSlider

    control = ExactSlider("T_max", 10, np.arange(1, 101.0), whole=True)
    control.box.value = "7.4"
    assert control.value == 7 and control.box.value == "7"
    control.box.value = "1000"
    assert control.value == 100


def test_schedule_settings_name_what_is_wrong():
    from optim.schedule_controls import ScheduleControls, schedule_settings
    from optim.schedules import CosineAnnealingLR, ExponentialLR

    assert schedule_settings(None, 100) == ("constant", {})
    assert schedule_settings(ExponentialLR(0.9), 100) == ("ExponentialLR", {"gamma": 0.9})
    with pytest.raises(ValueError, match=r"schedule: T_max=200 is outside .*\[1, 100\]"):
        ScheduleControls(CosineAnnealingLR(200), 100)
    with pytest.raises(ValueError, match=r"schedule: gamma=0.5 is outside the ExponentialLR"):
        ScheduleControls(ExponentialLR(0.5), 100)
    controls = ScheduleControls("warmup_cosine", 100)  # warm-up 10, then a cosine over 90
    assert controls.values() == {"warmup": 10, "start_factor": 0.1, "T_max": 90, "eta_min": 0.0}
    assert controls.schedule().lr_at(1.0, 10) == 1.0 and controls.schedule().lr_at(1.0, 100) == 0


def test_the_schedule_controls_live_in_their_own_module():
    """One concern per file: controls.py keeps the sliders, schedule_controls.py the
    schedule choice (the explorer takes it from there)."""
    import optim.controls
    import optim.explorer
    import optim.schedule_controls

    for name in ("ScheduleControls", "SCHEDULE_CHOICES", "schedule_settings", "schedule_stops"):
        assert not hasattr(optim.controls, name)
        assert hasattr(optim.schedule_controls, name)
    assert optim.explorer.ScheduleControls is optim.schedule_controls.ScheduleControls


def test_a_picked_value_is_exact_and_its_box_short():
    """`pick` (a clicked map cell) keeps the value exact for the run, the box short as the
    readout shows it; a typed value still shows every digit it has."""
    from optim.controls import ExactSlider

    slider = ExactSlider("lr", 0.1, stops("lr"), log=True)
    slider.pick(0.012589254117941673)
    assert slider.value == 0.012589254117941673 and slider.box.value == "0.01259"
    slider.value = 0.0123456789
    assert slider.box.value == "0.0123456789"
