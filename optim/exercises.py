"""Exercises that check themselves (직접 해 보기): a Korean verdict, a hint, the answer on request.

    check(MyMomentum, "Momentum", lr=0.1, momentum=0.9)
    check(MyMomentum, "Momentum", lr=0.1, momentum=0.9, answer=True)
    check_function(my_step, "gradient_descent_step")
    check_function(my_step, "gradient_descent_step", answer=True)

A failing verdict is one line (where the learner's result first differs, with the expected
value and the one it got), then a hint that says where to look without giving the fix, then
how to see the answer. With `answer=True` the hint gives way to the diagnosis and the fix.
A passing verdict, and the note for an acceptable variant, is the same either way.

`check` runs the learner's class and the reference `optim.OPTIMIZERS[reference]` (as it was
when this module was imported), built with the same settings, for STEPS updates of a (2, 3)
array 'W' and a (3,) array 'b' under fixed gradients (each element keeps its sign; sizes 0.5
to 1.5). It passes if every parameter after every step is within STRICT times the
reference's largest move. Otherwise it looks, in order, for an exception, state shared
between instances, params never changed, a known mistake of `optim.mistakes` (within LOOSE
times the smaller largest move, with the given settings and with each non-default setting
halved), and a setting that changes nothing when halved.

`check_function` calls a function on the fixed CASES. The moving average starts at x_0 = p_0,
as the slide's recursion reads; starting from 0, as the optimizers' state does, passes with a
note. The numerical gradient must be the central difference: at h = 1e-4 its error (~1e-9)
is far inside the tolerance, while a one-sided difference (off by ~h/2·f'' ≈ 1e-4) fails,
with a hint saying where to look.

The learner's code is not trusted. The expected answers are computed before it runs, from
objects it never sees; it gets fresh copies of the parameters, gradients, settings and case
arguments; its results must be real numbers (not complex, bool, text or objects) of the
right shape; it may run for TIME_LIMIT seconds in all (`optim.guard.Budget`); SystemExit and
any other exception it raises become a verdict (KeyboardInterrupt still interrupts); and if
it changes the references or the checker's own tables, they are put back and it fails.
Nothing is random, so the same code always gets the same text.
"""

import copy
import inspect
import math
import numbers
import re
import sys
import warnings

import numpy as np

from optim import guard, mistakes, optimizers
from optim.mistakes import (
    CASES,
    FORMULAS,
    FUNCTIONS,
    REFERENCES,
    SPECIFIC,
    STATE,
    T_ZERO,
    T_ZERO_HINT,
    optimizer_mistakes,
)

STEPS, STRICT, LOOSE = 12, 1e-6, 1e-3
TIME_LIMIT = 5.0
"""Seconds the learner's code may run in one check, over all its calls."""
SHOWN = 6
"""At most this many numbers of an array are printed; longer arrays are summarised."""
ASK = "정답을 보려면 answer=True를 더해 다시 실행하세요."
OTHER_HINT = "알려진 실수와는 다릅니다. 식을 슬라이드와 한 줄씩 비교해 보세요."
OTHER = "알려진 실수와는 다릅니다. 맞는 식은 {}입니다."
TIMEOUT_HINT = "끝나지 않는 반복문이 있는지 보세요. 반복문마다 끝나는 조건이 언젠가 참이 되나요?"
EXIT_HINT = (
    "exit()나 sys.exit()는 파이썬 전체를 끝내려고 합니다. 제출하는 코드에서는 부르지 마세요."
)


class _Verdict(Exception):
    """A failure: its first line, a hint (where to look) and the answer (the diagnosis and fix)."""

    timeout = False  # the learner's code used up its time: no later probe may hide that

    def __init__(self, first, hint="", answer=""):
        super().__init__(first)
        self.first, self.hint, self.answer = first, hint, answer

    def lines(self, answer):
        if answer and self.answer:
            body = [self.answer]
        else:
            body = [f"힌트: {self.hint}"] * bool(self.hint) + [ASK] * bool(self.answer)
        return [line for text in (self.first, *body) for line in text.splitlines()]


def _verdict(answer, judge, *args):
    """Print the judge's lines, and nothing else: a cell ending in `check(...)` shows only them.
    numpy warnings are off; nan and inf are judged as values. Whatever the learner's code
    replaced in the references or in the checker's tables is put back, and it fails."""
    watch = guard.Watch(_watched())
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            lines = judge(*args)
        except _Verdict as verdict:
            lines = verdict.lines(answer)
        finally:
            changed = watch.undo()
    if changed:
        lines = [
            f"틀렸습니다: 제출한 코드가 채점에 쓰는 참조를 바꾸었습니다 ({_cut(changed, 120)}).",
            "바뀐 것은 되돌렸습니다. 제출하는 코드는 받은 params만 바꾸어야 합니다.",
        ]
    print("\n".join(lines))


def _watched():
    """Everything a learner's code could replace to make itself pass, or a later check fail."""
    spaces = guard.spaces_of(*REFERENCES.values())
    spaces.update(guard.module_spaces(sys.modules[__name__], mistakes, optimizers, guard))
    spaces["optim.OPTIMIZERS"] = optimizers.OPTIMIZERS
    for table in ("STATE", "FUNCTIONS", "SPECIFIC", "CASES", "FORMULAS", "REFERENCES"):
        spaces[f"optim.mistakes.{table}"] = getattr(mistakes, table)
    for table, value in [*FUNCTIONS.items(), *SPECIFIC.items()]:
        spaces[f"optim.mistakes[{table!r}]"] = value
    return spaces


def _cut(text, width):
    return text if len(text) <= width else text[: width - 1] + "…"


def _plain(text):
    """The first line of `text`, without memory addresses (they change from run to run), cut
    to 200 characters."""
    return _cut(re.sub(r" at 0x[0-9a-fA-F]+", "", (text.strip().splitlines() or [""])[0]), 200)


def _error(where, exc, hint=""):
    """'오류가 났습니다: <where>에서 TypeError: message', and a hint."""
    try:
        text = _plain(str(exc))
    except Exception:  # a learner's exception whose str() itself fails
        text = ""
    name = type(exc).__name__ + (f": {text}" if text else "")
    if isinstance(exc, SystemExit):
        hint = EXIT_HINT
    return _Verdict(f"오류가 났습니다: {where}에서 {name}", hint)


def _learner(budget, where, function, *args, explain=None):
    """Call the learner's code: a timeout, SystemExit or any other exception becomes a verdict
    (KeyboardInterrupt does not). `explain(exc)` gives the hint and the answer for an exception."""
    try:
        return budget.call(function, *args)
    except KeyboardInterrupt:
        raise
    except guard.Timeout:
        verdict = _Verdict(
            f"틀렸습니다: {where}에서 {budget.seconds:g}초가 지나도 끝나지 않았습니다 (시간 초과).",
            TIMEOUT_HINT,
        )
        verdict.timeout = True
        raise verdict from None
    except BaseException as exc:  # noqa: BLE001 - the learner's code may raise anything
        verdict = _error(where, exc)
        if explain is not None and not isinstance(exc, SystemExit):
            verdict.hint, verdict.answer = explain(exc)
        raise verdict from None


def _show(value):
    """Numbers to six digits; an array of more than SHOWN numbers as its ends and its size."""
    value = np.asarray(value, dtype=float)
    numbers_ = [f"{x:.6g}" for x in value.flat[:SHOWN]]
    if value.ndim == 0:
        return numbers_[0]
    if value.size > SHOWN:
        numbers_ = [*numbers_[:3], "…", f"{value.flat[-1]:.6g}"]
        return f"[{', '.join(numbers_)}] (shape {value.shape})"
    return f"[{', '.join(numbers_)}]"


def _real(value):
    """`value` as a float array if it holds real numbers only; else a Korean phrase saying what
    it holds instead (complex, bool, text, ...)."""
    try:
        array = np.asarray(value)
    except Exception:  # ragged lists, objects whose __array__ fails
        return None, "숫자 배열로 바꿀 수 없는 값"
    kind = array.dtype.kind
    if kind in "iuf":
        return array.astype(float), ""
    if kind == "c":
        return None, "복소수 (complex)"
    if kind == "b":
        return None, "참/거짓 값 (bool)"
    if kind in "US":
        return None, "문자열"
    if kind == "O":
        items = list(array.flat)
        if items and all(isinstance(x, numbers.Real) and not isinstance(x, bool) for x in items):
            try:
                return array.astype(float), ""
            except (TypeError, ValueError, OverflowError):
                pass
        if any(isinstance(x, numbers.Complex) and not isinstance(x, numbers.Real) for x in items):
            return None, "복소수 (complex)"
    return None, "숫자가 아닌 값" if array.ndim == 0 else "숫자가 아닌 값이 섞인 배열"


def _flag(answer):
    if not isinstance(answer, (bool, np.bool_)):
        raise TypeError(f"answer must be True or False, not {answer!r}")
    return bool(answer)


def check(candidate, reference, /, *, answer=False, **settings):
    """Run the optimizer class `candidate` beside the reference named `reference`.
    `answer=True` shows the diagnosis and the fix instead of a hint."""
    if not isinstance(reference, str) or reference not in REFERENCES:
        raise ValueError(f"unknown reference {reference!r}; choose from {list(REFERENCES)}")
    answer = _flag(answer)
    settings = copy.deepcopy(settings)  # the caller's arrays are neither used nor changed
    REFERENCES[reference](**copy.deepcopy(settings))  # invalid settings are the caller's error
    _verdict(answer, _judge, candidate, reference, settings)


def _problem():
    """The start, and gradients whose element i has sign (−1)^i and size 1 + sin(0.9k + 1.3i)/2."""
    start = {"W": np.array([[0.5, -0.3, 0.8], [-0.6, 0.2, -0.9]]), "b": np.array([0.4, -0.7, 0.1])}
    index = {"W": np.arange(6).reshape(2, 3), "b": np.arange(6, 9)}
    grads = [
        {key: (-1.0) ** i * (1 + 0.5 * np.sin(0.9 * k + 1.3 * i)) for key, i in index.items()}
        for k in range(STEPS)
    ]
    return start, grads


def _fresh(arrays):
    return {key: value.copy() for key, value in arrays.items()}


def _run(optimizer, start, grads):
    """Parameters after each step, {key: (STEPS, *shape)}, for a trusted optimizer."""
    params, seen = _fresh(start), {key: [] for key in start}
    for grad in grads:
        optimizer.update(params, _fresh(grad))
        for key in start:
            seen[key].append(np.array(params[key], dtype=float))
    return {key: np.array(values) for key, values in seen.items()}


def _update_error(name):
    """(hint, answer) for an exception raised by the learner's update."""

    def explain(exc):
        if isinstance(exc, ZeroDivisionError) and name == "Adam":
            return T_ZERO_HINT, T_ZERO
        if isinstance(exc, AttributeError) and getattr(exc, "name", None) == "key":
            return (
                "params는 사전 (dict)입니다. 사전에 그런 이름의 메서드가 있는지 확인해 보세요.",
                "슬라이드 SGD 코드의 params.key()는 params.keys()의 오타입니다.",
            )
        return "", ""

    return explain


def _learner_run(budget, optimizer, start, grads, name):
    """Parameters after each step of the learner's optimizer; its faults are verdicts."""
    params, seen = _fresh(start), {key: [] for key in start}
    for step, grad in enumerate(grads, 1):
        # the attribute lookup too is the learner's code (a class may lack update)
        _learner(
            budget,
            f"{step}번째 update",
            _update,
            optimizer,
            params,
            _fresh(grad),
            explain=_update_error(name),
        )
        for key, value in start.items():
            seen[key].append(_learner_value(budget, params, key, value.shape, step))
    return {key: np.array(values) for key, values in seen.items()}


def _update(optimizer, params, grads):
    optimizer.update(params, grads)


def _learner_value(budget, params, key, shape, step):
    """params[key] after a step, as a float array of the start's shape, or a verdict."""
    where = f"{step}번째 걸음 뒤 params[{key!r}]"
    if key not in params:
        raise _Verdict(
            f"틀렸습니다: {where}가 없습니다.", "update에서 params의 키를 지우거나 바꾸지 마세요."
        )
    now, what = _learner(budget, where, _real, params[key])
    if now is None:
        raise _Verdict(
            f"틀렸습니다: {where}가 실수 배열이 아니라 {what}입니다.",
            "매개변수는 실수여야 합니다. update의 식에 실수가 아닌 값이 섞이지 않았는지 보세요.",
        )
    if now.shape != shape:
        raise _Verdict(
            f"틀렸습니다: {where}의 shape가 {now.shape}입니다. 기댓값 (expected)은 {shape}입니다.",
            "update는 매개변수의 모양을 바꾸면 안 됩니다. 식에서 모양이 바뀌는 곳이 있는지 보세요.",
        )
    return now


def _gap(a, b, scale):
    """Largest difference over `scale`; nan and inf count as equal only to themselves."""
    worst = 0.0
    for key in a:
        same = (a[key] == b[key]) | (np.isnan(a[key]) & np.isnan(b[key]))
        diff = np.where(same, 0.0, np.nan_to_num(np.abs(a[key] - b[key]), nan=np.inf))
        worst = max(worst, float(diff.max()) / scale)
    return worst


def _moved(path, start):
    """The largest finite distance from the start over all steps (0 if none)."""
    moves = [np.abs(path[key] - start[key]) for key in start]
    finite = [float(m[np.isfinite(m)].max()) for m in moves if np.isfinite(m).any()]
    return max(finite, default=0.0)


def _first_difference(got, expected, scale):
    for step in range(STEPS):
        for key in got:
            a, b = got[key][step], expected[key][step]
            bad = np.argwhere(~(np.abs(a - b) <= STRICT * scale))
            if len(bad):
                at = tuple(bad[0])
                where = f"params[{key!r}][{', '.join(map(str, at))}]"
                return (
                    f"틀렸습니다: {step + 1}번째 걸음 뒤 {where} — "
                    f"기댓값 (expected) {_show(b[at])}, 실제값 (got) {_show(a[at])}."
                )
    return ""  # pragma: no cover - only called when there is a difference


class _Trial:
    """One `check`: the learner's class, the reference's name and settings, the fixed problem,
    the reference's run (computed first, before any of the learner's code runs) and the
    learner's time budget."""

    def __init__(self, candidate, name, settings):
        self.candidate, self.name, self.settings = candidate, name, settings
        self.start, self.grads = _problem()
        reference = REFERENCES[name]
        try:
            self.expected = _run(reference(**copy.deepcopy(settings)), self.start, self.grads)
        except Exception as exc:
            raise ValueError(
                f"{name} cannot run with these settings on W {self.start['W'].shape} and b "
                f"{self.start['b'].shape}: {exc}"
            ) from None
        self.passed = (
            f"통과! {reference(**copy.deepcopy(settings))!r}: "
            f"{STEPS}걸음 모두 참조 구현과 일치합니다."
        )
        self.scale = _moved(self.expected, self.start)
        self.budget = guard.Budget(TIME_LIMIT)

    def learner(self, settings):
        """The learner's parameters after each step, built with `settings`; faults are verdicts."""
        args = ", ".join(f"{key}={value!r}" for key, value in settings.items())
        tip = f"생성자가 받는 키워드 인자를 확인해 보세요: {', '.join(settings)}."
        optimizer = _learner(
            self.budget,
            f"{self.candidate.__name__}({args})",
            lambda: self.candidate(**copy.deepcopy(settings)),
            explain=lambda exc: (tip * (isinstance(exc, TypeError) and bool(settings)), ""),
        )
        return _learner_run(self.budget, optimizer, self.start, self.grads, self.name)

    def mistake(self, mistake, settings=None):
        """The parameters after each step of a known mistake (None if it cannot run)."""
        settings = self.settings if settings is None else settings
        try:
            return _run(mistake.build(copy.deepcopy(settings)), self.start, self.grads)
        except Exception:
            return None

    def gap(self, a, b):
        """Relative to the smaller of the two runs' largest moves (a slow variant is no match
        for a fast candidate), or to the reference's if one of them never moves."""
        if a is None or b is None:
            return math.inf
        return _gap(a, b, min(_moved(a, self.start), _moved(b, self.start)) or self.scale)

    def probes(self):
        """[(setting, settings, learner's run)]: each setting that differs from the default,
        halved. A probe whose run fails is left out, unless the learner's time ran out."""
        defaults, probes = inspect.signature(REFERENCES[self.name]).parameters, []
        for key, value in self.settings.items():
            if not np.array_equal(value, defaults[key].default):
                call = {**self.settings, key: value * 0.5 if np.any(value) else 0.5}
                try:
                    probes.append((key, call, self.learner(call)))
                except _Verdict as verdict:
                    if verdict.timeout:
                        raise
        return probes


def _judge(candidate, name, settings):
    """The lines of a pass, or the verdict of the first check that fails: a class is given, its
    instances keep their own state, it moves the params, it matches the reference, or else a
    known mistake, an ignored setting, or no known mistake explains how it differs."""
    if not isinstance(candidate, type):
        raise _Verdict("클래스 자체를 넘기세요. check(MyOptimizer, ...)처럼 괄호 없이 씁니다.")
    trial = _Trial(candidate, name, settings)
    got = trial.learner(settings)
    _own_state(trial, got)
    _moves(trial, got)
    mistakes_, off = optimizer_mistakes(name), _gap(got, trial.expected, trial.scale)
    if off <= STRICT:  # passed; the note of an acceptable variant that fits it even better
        notes = [m.note for m in mistakes_ if m.note and trial.gap(got, trial.mistake(m)) < off]
        return [trial.passed, *notes[:1]]
    first = _first_difference(got, trial.expected, trial.scale)
    probes = trial.probes()
    passed_with_note = _known_mistake(trial, got, probes, mistakes_, first, off)
    if passed_with_note:
        return passed_with_note
    _ignored_setting(trial, got, probes, first)
    raise _Verdict(first, OTHER_HINT, OTHER.format(FORMULAS[name]))


def _own_state(trial, got):
    """A second, new instance must move exactly as the first did: no state between them."""
    state = STATE.get(trial.name, "self.v").split(",")[0]
    if _gap(got, trial.learner(trial.settings), trial.scale) > 0:
        raise _Verdict(
            "틀렸습니다: 새로 만든 두 번째 옵티마이저가 같은 입력에 첫 번째와 다르게 움직입니다.",
            f"상태({state})를 어디에 두었는지 보세요. 인스턴스마다 따로 생기나요?",
            "상태가 인스턴스 사이에 공유됩니다 (shared state).\n"
            "상태를 클래스 변수 (class attribute)로 두지 말고, __init__ 안에서 "
            f"{state} = None처럼 인스턴스마다 만드세요.",
        )


def _moves(trial, got):
    """The learner's update must change the params it is given."""
    if all((got[key] == trial.start[key]).all() for key in trial.start):
        raise _Verdict(
            f"틀렸습니다: {STEPS}걸음 동안 매개변수가 하나도 바뀌지 않았습니다.",
            "update가 받은 params 사전 안의 값을 바꾸나요? "
            "계산한 새 값이 어디에 저장되는지 보세요.",
            "update는 받은 params를 바꿔야 합니다: params[key] -= ... 또는 params[key] = ...\n"
            "지역 변수에만 대입하거나 새 사전을 돌려주면 반영되지 않습니다.",
        )


def _known_mistake(trial, got, probes, mistakes_, first, off):
    """The first known mistake that explains the learner's run, under every probe too: its
    verdict, or for an acceptable variant close enough to the reference, the pass and its note
    (returned). None if no known mistake fits."""
    for mistake in mistakes_:
        own = trial.mistake(mistake)
        near = max(
            [trial.gap(got, own)] + [trial.gap(g, trial.mistake(mistake, c)) for _, c, g in probes]
        )
        if near <= LOOSE and (mistake.note or trial.gap(own, trial.expected) > LOOSE):
            if mistake.note and off <= LOOSE:
                return [trial.passed, mistake.note]
            raise _Verdict(first, mistake.hint, mistake.message)
    return None


def _ignored_setting(trial, got, probes, first):
    """A setting whose halving changes nothing is not used by the learner's update."""
    finite = all(np.isfinite(values).all() for values in got.values())
    for key, _, probe in probes:
        if finite and _gap(probe, got, 1) == 0:
            raise _Verdict(
                first,
                f"{key} 값을 바꿔도 결과가 같습니다. 생성자에서 받은 {key} 값을 update에서 쓰나요?",
                f"생성자에 준 {key}={trial.settings[key]!r} 값이 쓰이지 않습니다. "
                f"__init__에서 self.{key} = {key}처럼 저장해 두고 update에서 쓰세요.",
            )


def check_function(candidate, name, /, *, answer=False):
    """Call the learner's function `candidate` on the fixed cases of the exercise `name`.
    `answer=True` shows the diagnosis and the fix instead of a hint."""
    if not isinstance(name, str) or name not in CASES:
        raise ValueError(f"unknown exercise {name!r}; choose from {list(CASES)}")
    _verdict(_flag(answer), _judge_function, candidate, name)


def _same(value, expected):
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and np.allclose(
        value, expected, rtol=1e-6, atol=1e-8, equal_nan=True
    )


def _call(function, args):
    return function(*(arg.copy() if isinstance(arg, np.ndarray) else arg for arg in args))


def _judge_function(candidate, name):
    parameters, right, cases = CASES[name]
    if not callable(candidate):
        raise _Verdict(
            f"함수 자체를 넘기세요. check_function(my_function, {name!r})처럼 괄호 없이 씁니다."
        )
    # first, before any of the learner's code runs, on arguments it never gets
    expected = [np.asarray(_call(right, args), dtype=float) for args in cases()]
    budget = guard.Budget(TIME_LIMIT)
    got = [_result(budget, candidate, name, args) for args in cases()]
    wrong = [i for i, value in enumerate(got) if not _same(value, expected[i])]
    passed = f"통과! {len(got)}가지 경우 모두 맞습니다."
    if not wrong:
        return [passed]
    first = (
        f"틀렸습니다: {_label(name, cases()[wrong[0]])}에서 기댓값 (expected) "
        f"{_show(expected[wrong[0]])}, 실제값 (got) {_show(got[wrong[0]])}."
    )
    for mistake in FUNCTIONS[name]:
        if all(_same(value, _call(mistake.function, args)) for value, args in zip(got, cases())):
            if mistake.note:
                return [passed, mistake.note]
            raise _Verdict(first, mistake.hint, mistake.message)
    raise _Verdict(first, OTHER_HINT.replace("식을", "식과 코드를"), OTHER.format(FORMULAS[name]))


def _result(budget, candidate, name, args):
    """The candidate's answer for one case as a float array; its faults become verdicts."""
    where, zero = _label(name, args), FUNCTIONS[name][1] if name == "bias_correction" else None

    def explain(exc):
        if isinstance(exc, ZeroDivisionError) and zero is not None:
            return zero.hint, zero.message
        return f"{name}({CASES[name][0]}) 형태인지 확인해 보세요." * isinstance(exc, TypeError), ""

    value = _learner(budget, where, _call, candidate, args, explain=explain)
    if value is None:
        raise _Verdict(
            "틀렸습니다: 결과를 돌려주지 않았습니다. 함수 끝에 return이 있는지 확인해 보세요."
        )
    array, what = _learner(budget, where, _real, value)
    if array is None:
        shown = _learner(budget, where, lambda: _plain(repr(value)))
        raise _Verdict(
            f"틀렸습니다: {where}에서 돌려준 값이 실수가 아니라 {what}입니다: {_cut(shown, 60)}",
            "돌려주는 값이 실수 (또는 실수의 배열)인지 확인해 보세요.",
        )
    return array


def _label(name, args):
    """'x=3, grad=2, lr=0.1': the arguments of one case."""
    shown = [repr(a) if callable(a) else _show(a) for a in args]
    return ", ".join(f"{p}={a}" for p, a in zip(CASES[name][0].split(", "), shown))
