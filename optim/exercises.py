"""Exercises that check themselves (직접 해 보기): one short Korean verdict, and True or False.

    check(MyMomentum, "Momentum", lr=0.1, momentum=0.9)
    check_function(my_step, "gradient_descent_step")

`check` runs the learner's class and `optim.OPTIMIZERS[reference]`, built with the same
settings, for STEPS updates of a (2, 3) array 'W' and a (3,) array 'b' under fixed gradients
(each element keeps its sign; sizes 0.5 to 1.5). It passes if every parameter after every step
is within STRICT times the reference's largest move. Otherwise it looks, in order, for an
exception, state shared between instances, params never changed, a known mistake of
`optim.mistakes` (within LOOSE times the smaller largest move, with the given settings and
with each non-default setting halved), and a setting that changes nothing when halved.

`check_function` calls a function on the fixed CASES. The moving average starts at x_0 = p_0,
as the slide's recursion reads; starting from 0, as the optimizers' state does, passes with a
note. The numerical gradient must be the central difference: at h = 1e-4 its error (~1e-9)
is far inside the tolerance, while a one-sided difference (off by ~h/2·f'' ≈ 1e-4) fails,
with a message saying why. Nothing is random, so the same code always gets the same text.
"""

import inspect
import math
import re
import warnings

import numpy as np

from optim.mistakes import CASES, FUNCTIONS, STATE, T_ZERO, optimizer_mistakes
from optim.optimizers import OPTIMIZERS

STEPS, STRICT, LOOSE = 12, 1e-6, 1e-3
OTHER = "알려진 실수와는 다릅니다: 식을 참조 구현과 한 줄씩 비교해 보세요."


class _Verdict(Exception):
    """A failure, carrying the lines to print."""

    def __init__(self, *texts):
        super().__init__(texts)
        self.lines = [line for text in texts for line in text.splitlines()]


def _verdict(judge, *args):
    """Print the judge's lines, and nothing else: a cell ending in `check(...)` shows only them.
    numpy warnings are off; nan and inf are judged as values."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            lines = judge(*args)
        except _Verdict as verdict:
            lines = verdict.lines
    print("\n".join(lines))


def _plain(text):
    """The first line of `text`, without memory addresses (they change from run to run)."""
    return re.sub(r" at 0x[0-9a-fA-F]+", "", (text.strip().splitlines() or [""])[0])


def _error(where, exc, hint=""):
    """'오류가 났습니다: <where>에서 TypeError: message', and a hint."""
    text = _plain(str(exc))
    name = type(exc).__name__ + (f": {text}" if text else "")
    return _Verdict(f"오류가 났습니다: {where}에서 {name}", hint)


def _show(value):
    value = np.asarray(value, dtype=float)
    numbers = [f"{x:.6g}" for x in value.flat]
    return numbers[0] if value.ndim == 0 else f"[{', '.join(numbers)}]"


def check(candidate, reference, **settings):
    """Run the optimizer class `candidate` beside the reference named `reference`."""
    if reference not in OPTIMIZERS:
        raise ValueError(f"unknown reference {reference!r}; choose from {list(OPTIMIZERS)}")
    OPTIMIZERS[reference](**settings)  # invalid settings are the caller's error: raise here
    _verdict(_judge, candidate, reference, settings)


def _problem():
    """The start, and gradients whose element i has sign (−1)^i and size 1 + sin(0.9k + 1.3i)/2."""
    start = {"W": np.array([[0.5, -0.3, 0.8], [-0.6, 0.2, -0.9]]), "b": np.array([0.4, -0.7, 0.1])}
    index = {"W": np.arange(6).reshape(2, 3), "b": np.arange(6, 9)}
    grads = [
        {key: (-1.0) ** i * (1 + 0.5 * np.sin(0.9 * k + 1.3 * i)) for key, i in index.items()}
        for k in range(STEPS)
    ]
    return start, grads


def _run(optimizer, start, grads, name=None):
    """Parameters after each step, {key: (STEPS, *shape)}. With a name, errors are verdicts."""
    params, seen = {k: v.copy() for k, v in start.items()}, {}
    for step, grad in enumerate(grads, 1):
        try:
            optimizer.update(params, {key: value.copy() for key, value in grad.items()})
        except Exception as exc:
            if name is None:
                raise
            hint = T_ZERO if isinstance(exc, ZeroDivisionError) and name == "Adam" else ""
            if isinstance(exc, AttributeError) and getattr(exc, "name", None) == "key":
                hint = "슬라이드 SGD 코드의 params.key()는 params.keys()의 오타입니다."
            raise _error(f"{step}단계 update", exc, hint) from None
        for key, value in start.items():
            try:
                now = np.array(params[key], dtype=float).reshape(value.shape)
            except (KeyError, TypeError, ValueError):
                raise _Verdict(
                    f"틀렸습니다: {step}단계 뒤 params[{key!r}]가 "
                    f"shape {value.shape}의 배열이 아닙니다."
                ) from None
            seen.setdefault(key, []).append(now)
    return {key: np.array(values) for key, values in seen.items()}


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
                return (
                    f"틀렸습니다: {step + 1}단계 params[{key!r}][{', '.join(map(str, at))}] — "
                    f"기대값 (expected) {_show(b[at])}, 실제값 (got) {_show(a[at])}."
                )
    return ""  # pragma: no cover - only called when there is a difference


def _judge(candidate, name, settings):
    if not isinstance(candidate, type):
        raise _Verdict("클래스 자체를 넘기세요: check(MyOptimizer, ...) 처럼 괄호 없이 씁니다.")
    start, grads = _problem()

    def run(call):
        try:
            optimizer = candidate(**call)
        except Exception as exc:
            args = ", ".join(f"{key}={value!r}" for key, value in call.items())
            tip = f"생성자가 키워드 인자 {', '.join(call)}를 받는지 확인하세요."
            tip *= isinstance(exc, TypeError)
            raise _error(f"{candidate.__name__}({args})", exc, tip) from None
        return _run(optimizer, start, grads, name)

    def path(mistake, call=settings):
        try:
            return _run(mistake.make(call), start, grads)
        except Exception:
            return None

    def gap(a, b):
        """Relative to the smaller of the two runs' largest moves (a slow variant is no match
        for a fast candidate), or to the reference's if one of them never moves."""
        if a is None or b is None:
            return math.inf
        return _gap(a, b, min(_moved(a, start), _moved(b, start)) or scale)

    got, again = run(settings), run(settings)
    expected = _run(OPTIMIZERS[name](**settings), start, grads)
    scale = _moved(expected, start)
    if _gap(got, again, scale) > 0:
        raise _Verdict(
            "틀렸습니다: 상태가 인스턴스 사이에 공유됩니다 (shared state): "
            "새로 만든 두 번째 옵티마이저가 같은 입력에 다르게 움직입니다.",
            "상태를 클래스 변수(class attribute)로 두지 말고, __init__ 안에서 "
            f"{STATE.get(name, 'self.v').split(',')[0]} = None 처럼 인스턴스마다 만드세요.",
        )
    if all((got[key] == start[key]).all() for key in start):
        raise _Verdict(
            "틀렸습니다: 매개변수가 바뀌지 않았습니다 (params unchanged).",
            "update는 받은 params를 바꿔야 합니다: params[key] -= ... 또는 params[key] = ... "
            "지역 변수에만 대입하거나 새 dict를 돌려주면 반영되지 않습니다.",
        )
    success = f"통과! {OPTIMIZERS[name](**settings)!r}: {STEPS}단계 모두 참조 구현과 일치합니다."
    mistakes, off = optimizer_mistakes(name), _gap(got, expected, scale)
    if off <= STRICT:
        notes = [m.note for m in mistakes if m.note and gap(got, path(m)) < min(off, STRICT)]
        return [success, *notes[:1]]
    first = _first_difference(got, expected, scale)
    # Probes: each setting that differs from the default, halved. A known mistake must explain
    # the candidate under every probe too, and a setting whose probe changes nothing is ignored.
    defaults, probes = inspect.signature(OPTIMIZERS[name]).parameters, []
    for key, value in settings.items():
        if not np.array_equal(value, defaults[key].default):
            call = {**settings, key: value * 0.5 if np.any(value) else 0.5}
            try:
                probes.append((key, call, run(call)))
            except _Verdict:
                continue
    for mistake in mistakes:
        own = path(mistake)
        near = max([gap(got, own)] + [gap(g, path(mistake, c)) for _, c, g in probes])
        if near <= LOOSE and (mistake.note or gap(own, expected) > LOOSE):
            if mistake.note and off <= LOOSE:
                return [success, mistake.note]
            raise _Verdict(first, mistake.message)
    finite = all(np.isfinite(values).all() for values in got.values())
    for key, _, probe in probes:
        if finite and _gap(probe, got, 1) == 0:
            raise _Verdict(
                first,
                f"생성자에 준 {key}={settings[key]!r} 값이 쓰이지 않습니다 (setting ignored): "
                f"{key}를 바꿔도 결과가 같습니다. "
                f"__init__에서 self.{key} = {key} 로 저장해 쓰세요.",
            )
    raise _Verdict(first, OTHER)


def check_function(candidate, name):
    """Call the learner's function `candidate` on the fixed cases of the exercise `name`."""
    if name not in CASES:
        raise ValueError(f"unknown exercise {name!r}; choose from {list(CASES)}")
    _verdict(_judge_function, candidate, name)


def _same(value, expected):
    value, expected = np.asarray(value, dtype=float), np.asarray(expected, dtype=float)
    return value.shape == expected.shape and np.allclose(
        value, expected, rtol=1e-6, atol=1e-8, equal_nan=True
    )


def _call(function, args):
    return function(*(arg.copy() if isinstance(arg, np.ndarray) else arg for arg in args))


def _judge_function(candidate, name):
    parameters, answer, cases = CASES[name]
    got = [_result(candidate, name, args) for args in cases]
    wrong = [i for i, args in enumerate(cases) if not _same(got[i], _call(answer, args))]
    passed = f"통과! {len(cases)}가지 경우 모두 맞습니다."
    if not wrong:
        return [passed]
    args = cases[wrong[0]]
    first = (
        f"틀렸습니다: {_label(name, args)} 에서 기대값 (expected) "
        f"{_show(_call(answer, args))}, 실제값 (got) {_show(got[wrong[0]])}."
    )
    for mistake in FUNCTIONS[name]:
        if all(_same(value, _call(mistake.make, args)) for value, args in zip(got, cases)):
            if mistake.note:
                return [passed, mistake.note]
            raise _Verdict(first, mistake.message)
    raise _Verdict(first, OTHER.replace("참조 구현과 한 줄씩 비교해", "다시 확인해"))


def _result(candidate, name, args):
    """The candidate's answer for one case as a float array; its errors become verdicts."""
    try:
        value = _call(candidate, args)
    except Exception as exc:
        hint = f"{name}({CASES[name][0]}) 형태인지 확인하세요." * isinstance(exc, TypeError)
        if isinstance(exc, ZeroDivisionError) and name == "bias_correction":
            hint = FUNCTIONS[name][1].message
        raise _error(_label(name, args) + " ", exc, hint) from None
    if value is None:
        raise _Verdict("틀렸습니다: 결과를 돌려주지 않았습니다 (return이 빠졌습니다).")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        shown = _plain(repr(value))
        raise _Verdict(
            f"틀렸습니다: {_label(name, args)} 에서 숫자 대신 {shown}를 돌려주었습니다."
        ) from None


def _label(name, args):
    """'x=3, grad=2, lr=0.1': the arguments of one case."""
    shown = [repr(a) if callable(a) else _show(a) for a in args]
    return ", ".join(f"{p}={a}" for p, a in zip(CASES[name][0].split(", "), shown))
