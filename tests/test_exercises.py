"""The self-checking exercises: learner-style code, right and wrong, gets the right verdict.

The classes and functions below are written the way a learner would write them (the slides'
own listings, their errata, the usual slips), independently of `optim.mistakes`.
"""

import ast
import inspect
import math
import pathlib
import re
import signal
import sys
import threading
import time
from fractions import Fraction

import numpy as np
import pytest
from reference import SlideSGD

import optim
from optim import OPTIMIZERS, exercises, mistakes
from optim.exercises import ASK, check, check_function
from optim.mistakes import FUNCTIONS, optimizer_mistakes

SETTINGS = {
    "SGD": {"lr": 0.1},
    "Momentum": {"lr": 0.1, "momentum": 0.9},
    "Nesterov": {"lr": 0.1, "momentum": 0.8},
    "AdaGrad": {"lr": 0.1},
    "RMSprop": {"lr": 0.1, "decay_rate": 0.9},
    "Adam": {"lr": 0.1},
}


def verdict(capsys, candidate, reference, answer=False, **settings):
    """(passed, printed text); the text is one to three lines of Korean, nothing on stderr."""
    # a cell shows only the verdict
    assert check(candidate, reference, answer=answer, **settings) is None
    out = capsys.readouterr()
    assert out.err == ""
    assert 1 <= len(out.out.splitlines()) <= 3, out.out
    assert "Traceback" not in out.out and " at 0x" not in out.out
    return out.out.startswith("통과!"), out.out


def function_verdict(capsys, candidate, name, answer=False):
    assert check_function(candidate, name, answer=answer) is None
    out = capsys.readouterr()
    assert out.err == "" and 1 <= len(out.out.splitlines()) <= 3, out.out
    return out.out.startswith("통과!"), out.out


# --- SGD ------------------------------------------------------------------------------------


class SlideSGDTypo(SlideSGD):  # the slide's listing, as printed
    def update(self, params, grads):
        for key in params.key():
            params[key] -= self.lr * grads[key]


class UphillSGD(SlideSGD):
    def update(self, params, grads):
        for key in params:
            params[key] += self.lr * grads[key]


class NoLrSGD(SlideSGD):
    def update(self, params, grads):
        for key in params:
            params[key] -= grads[key]


class HardCodedLrSGD(SlideSGD):
    def __init__(self, lr=0.01):
        self.lr = 0.01


class LocalNameSGD(SlideSGD):
    def update(self, params, grads):
        for key in params:
            param = params[key]
            param = param - self.lr * grads[key]


class ReturningSGD(SlideSGD):
    def update(self, params, grads):
        return {key: params[key] - self.lr * grads[key] for key in params}


class RebindingSGD(SlideSGD):  # allowed: the dict entries change
    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key]


class SquaredSGD(SlideSGD):  # no known mistake
    def update(self, params, grads):
        for key in params:
            params[key] -= self.lr * grads[key] ** 3


# --- Momentum and Nesterov ------------------------------------------------------------------


class SlideMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum
        self.v = None

    def update(self, params, grads):
        if self.v is None:
            self.v = {}
            for key, val in params.items():
                self.v[key] = np.zeros_like(val)
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class TorchMomentum(SlideMomentum):  # b <- m b + g; W <- W - lr b: the same for constant lr
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] + grads[key]
            params[key] -= self.lr * self.v[key]


class LrTwiceMomentum(SlideMomentum):
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.lr * self.v[key]


class WrongTermMomentum(SlideMomentum):
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * (self.v[key] - self.lr * grads[key])
            params[key] += self.v[key]


class ForgetfulMomentum(SlideMomentum):
    def update(self, params, grads):
        self.v = {}
        for key, val in params.items():
            self.v[key] = np.zeros_like(val)
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class SharedMomentum:
    v = {}  # one dict for every instance

    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class UphillMomentum(SlideMomentum):
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] -= self.v[key]


class HardCodedLrMomentum(SlideMomentum):
    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(0.01, momentum)


class RightNesterov(SlideMomentum):
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.momentum * self.v[key] - self.lr * grads[key]


class BookNesterov(SlideMomentum):  # Deep Learning from Scratch, common/optimizer.py
    def update(self, params, grads):
        self.v = self.v or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.v[key] *= self.momentum
            self.v[key] -= self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]


# --- AdaGrad and RMSprop --------------------------------------------------------------------


class SlideAdaGrad:  # the slide's code: eps inside the root
    def __init__(self, lr=0.01):
        self.lr = lr
        self.h = None

    def update(self, params, grads):
        if self.h is None:
            self.h = {}
            for key, val in params.items():
                self.h[key] = np.zeros_like(val)
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + 1e-7)


class OutsideAdaGrad(SlideAdaGrad):
    def update(self, params, grads):
        self.h = self.h or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + 1e-7)


class SlideFormulaAdaGrad(SlideAdaGrad):  # the slide's formula: + where - belongs
    def update(self, params, grads):
        self.h = self.h or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] * grads[key]
            params[key] += self.lr * grads[key] / np.sqrt(self.h[key] + 1e-7)


class NoRootAdaGrad(SlideAdaGrad):
    def update(self, params, grads):
        self.h = self.h or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (self.h[key] + 1e-7)


class ForgetfulAdaGrad(SlideAdaGrad):
    def update(self, params, grads):
        h = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            h[key] += grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(h[key]) + 1e-7)


class LearnerRMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, average=None):
        self.lr, self.decay_rate, self.h = lr, decay_rate, None
        self.average = average or (lambda g, h, g2: g * h + (1 - g) * g2)

    def update(self, params, grads):
        self.h = self.h or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] = self.average(self.decay_rate, self.h[key], grads[key] ** 2)
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + 1e-7)


def rmsprop(average):
    class Variant(LearnerRMSprop):
        def __init__(self, lr=0.01, decay_rate=0.99):
            super().__init__(lr, decay_rate, average)

    return Variant


# --- Adam -----------------------------------------------------------------------------------


class SlideAdam:  # the slide's code
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.iter = 0
        self.m = None
        self.v = None

    def update(self, params, grads):
        if self.m is None:
            self.m, self.v = {}, {}
            for key, val in params.items():
                self.m[key] = np.zeros_like(val)
                self.v[key] = np.zeros_like(val)

        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)

        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])

            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


class LearnerAdam(SlideAdam):
    """Kingma & Ba, with switches for the usual slips."""

    alpha_inside = swap = no_correction = t_after = t_stuck = forget = False

    def update(self, params, grads):
        if self.m is None or self.forget:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        if not (self.t_after or self.t_stuck):
            self.iter += 1
        t = 1 if self.t_stuck else self.iter
        for key in params:
            g = grads[key]
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * g * (
                self.lr if self.alpha_inside else 1
            )
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * g**2
            m_hat, v_hat = self.m[key] / (1 - self.beta1**t), self.v[key] / (1 - self.beta2**t)
            if self.no_correction:
                m_hat, v_hat = self.m[key], self.v[key]
            if self.swap:
                m_hat, v_hat = v_hat, m_hat
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + 1e-7)
        if self.t_after:
            self.iter += 1


def adam(**slips):
    return type("Adam_" + "_".join(slips), (LearnerAdam,), slips)


class FloatLrAdam(SlideAdam):  # counts t after use, in Python floats: 1 / 0 raises
    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        lr_t = self.lr * math.sqrt(1 - self.beta2**self.iter) / (1 - self.beta1**self.iter)
        self.iter += 1
        for key in params:
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# --- check ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize("custom", [False, True], ids=["defaults", "settings"])
def test_every_reference_passes_against_itself(capsys, name, custom):
    settings = SETTINGS[name] if custom else {}
    passed, text = verdict(capsys, OPTIMIZERS[name], name, **settings)
    assert passed
    assert text == f"통과! {OPTIMIZERS[name](**settings)!r}: 12걸음 모두 참조 구현과 일치합니다.\n"


PASSING = [
    (SlideSGD, "SGD", None),
    (RebindingSGD, "SGD", None),
    (SlideMomentum, "Momentum", None),
    (TorchMomentum, "Momentum", None),
    (RightNesterov, "Nesterov", None),
    (SlideAdaGrad, "AdaGrad", "ε을 제곱근 안에 넣었습니다"),
    (OutsideAdaGrad, "AdaGrad", None),
    (LearnerRMSprop, "RMSprop", "ε을 제곱근 안에 넣었습니다"),
    (SlideAdam, "Adam", "슬라이드 코드처럼 보정을 학습률(lr_t)에 합치고"),
    (LearnerAdam, "Adam", None),
]


@pytest.mark.parametrize("custom", [False, True], ids=["defaults", "settings"])
@pytest.mark.parametrize("candidate, name, note", PASSING, ids=lambda x: getattr(x, "__name__", x))
def test_right_code_passes_with_a_note_where_eps_sits_elsewhere(
    capsys, candidate, name, note, custom
):
    settings = {k: v for k, v in SETTINGS[name].items() if k in ("lr", "momentum", "decay_rate")}
    passed, text = verdict(capsys, candidate, name, **(settings if custom else {}))
    assert passed and text.startswith("통과! ")
    if note:
        assert text.splitlines()[1].startswith("참고: ") and note in text.splitlines()[1]
    else:
        assert len(text.splitlines()) == 1


FAILING = [
    (UphillSGD, "SGD", "부호가 반대입니다."),
    (NoLrSGD, "SGD", "학습률을 곱하지 않았습니다."),
    (HardCodedLrSGD, "SGD", "lr=0.1 값이 쓰이지 않습니다."),
    (LocalNameSGD, "SGD", "update는 받은 params를 바꿔야 합니다"),
    (ReturningSGD, "SGD", "새 사전을 돌려주면 반영되지 않습니다"),
    (SquaredSGD, "SGD", "알려진 실수와는 다릅니다. 맞는 식은 W ← W − α·∂L/∂W입니다."),
    (LrTwiceMomentum, "Momentum", "학습률이 두 번 곱해졌습니다."),
    (WrongTermMomentum, "Momentum", "모멘텀 m을 엉뚱한 항에 곱했습니다."),
    (ForgetfulMomentum, "Momentum", "상태가 update 호출 사이에 유지되지 않습니다."),
    (SharedMomentum, "Momentum", "상태가 인스턴스 사이에 공유됩니다 (shared state)."),
    (UphillMomentum, "Momentum", "부호가 반대입니다."),
    (HardCodedLrMomentum, "Momentum", "lr=0.1 값이 쓰이지 않습니다."),
    (SlideMomentum, "Nesterov", "앞질러 보기 (look-ahead)가 빠져"),
    (BookNesterov, "Nesterov", "새 V에 m의 제곱을 곱했습니다"),
    (SlideFormulaAdaGrad, "AdaGrad", "슬라이드의 AdaGrad 식에는 − 자리에 +가"),
    (NoRootAdaGrad, "AdaGrad", "제곱근이 빠졌습니다."),
    (ForgetfulAdaGrad, "AdaGrad", "self.h를 매번 0으로 새로 만들지 않나요?"),
    (rmsprop(lambda g, h, g2: h + g2), "RMSprop", "이동 평균이 아니라 AdaGrad처럼 합을 씁니다"),
    (rmsprop(lambda g, h, g2: g * h + g2), "RMSprop", "새 항에 (1 − γ)를 곱하지 않았습니다"),
    (rmsprop(lambda g, h, g2: (1 - g) * h + g * g2), "RMSprop", "γ와 1 − γ가 서로 바뀌었습니다"),
    (adam(no_correction=True), "Adam", "편향 보정 (bias correction)이 빠졌습니다."),
    (adam(alpha_inside=True), "Adam", "1차 모멘트 평균 안에 α가 들어갔습니다"),
    (adam(swap=True), "Adam", "갱신식에서 두 모멘트가 서로 바뀌었습니다"),
    (adam(alpha_inside=True, swap=True), "Adam", "슬라이드의 Adam 식 그대로입니다"),
    (adam(t_stuck=True), "Adam", "t가 늘어나지 않습니다."),
    (adam(t_after=True), "Adam", "1 − β^0 = 0으로 나눕니다."),
    (adam(forget=True), "Adam", "self.m, self.v를 매번 0으로 새로 만들지 않나요?"),
    (FloatLrAdam, "Adam", "1번째 update에서 ZeroDivisionError"),
    (FloatLrAdam, "Adam", "update 맨 앞에서 t를 1 늘린 다음"),
    (SlideSGDTypo, "SGD", "params.key()는 params.keys()의 오타입니다"),
]


@pytest.mark.parametrize(
    "candidate, name, phrase", FAILING, ids=lambda x: getattr(x, "__name__", x)
)
def test_known_bugs_get_their_diagnosis_on_request(capsys, candidate, name, phrase):
    passed, text = verdict(capsys, candidate, name, answer=True, **SETTINGS[name])
    assert not passed
    assert phrase in text
    assert text.startswith(("틀렸습니다: ", "오류가 났습니다: "))
    assert "힌트: " not in text and ASK not in text


@pytest.mark.parametrize(
    "candidate, name, phrase", FAILING, ids=lambda x: getattr(x, "__name__", x)
)
def test_by_default_known_bugs_get_a_hint_and_not_the_answer(capsys, candidate, name, phrase):
    answer = verdict(capsys, candidate, name, answer=True, **SETTINGS[name])[1].splitlines()
    passed, text = verdict(capsys, candidate, name, **SETTINGS[name])
    lines = text.splitlines()
    assert not passed and lines[0] == answer[0]
    assert len(lines) == 3 and lines[1].startswith("힌트: ") and lines[2] == ASK
    assert phrase in lines[0] or phrase not in text  # the diagnosis waits for answer=True
    assert not set(answer[1:]) & set(lines[1:])


@pytest.mark.parametrize(
    "candidate, name",
    [(UphillSGD, "SGD"), (WrongTermMomentum, "Momentum"), (adam(swap=True), "Adam")],
    ids=["SGD", "Momentum", "Adam"],
)
def test_known_bugs_are_found_with_default_settings_too(capsys, candidate, name):
    passed, text = verdict(capsys, candidate, name, answer=True)
    assert not passed and "알려진 실수와는 다릅니다" not in text


def test_first_difference_names_step_key_element_and_six_digit_values(capsys):
    _, text = verdict(capsys, ForgetfulMomentum, "Momentum", lr=0.1)
    first = re.fullmatch(
        r"틀렸습니다: 2번째 걸음 뒤 params\['W'\]\[0, 0\] — "
        r"기댓값 \(expected\) (\S+), 실제값 \(got\) (\S+)\.",
        text.splitlines()[0],
    )
    assert first, text
    for shown in first.groups():
        assert float(shown) == float(f"{float(shown):.6g}") and len(shown.lstrip("-0.")) <= 7


def test_settings_that_are_not_the_defaults_are_probed(capsys):
    # lr=0.1 applied twice moves like lr=0.01, the default: the probe at lr=0.05 tells them apart
    def answer(candidate, **settings):
        return verdict(capsys, candidate, "Momentum", answer=True, **settings)[1]

    assert "두 번" in answer(LrTwiceMomentum, lr=0.1)
    assert "쓰이지 않습니다" in answer(HardCodedLrMomentum, lr=0.1)
    # a hard-coded lr equal to the setting is no mistake
    assert verdict(capsys, HardCodedLrMomentum, "Momentum", lr=0.01)[0]
    # momentum is ignored in effect when V is recreated each step: that is the diagnosis
    assert "유지되지 않습니다" in answer(ForgetfulMomentum, momentum=0.5)


class Raising(SlideSGD):
    def update(self, params, grads):
        raise ValueError("boom")


class NoKeywords:
    def __init__(self):
        pass


class WrongShape(SlideSGD):
    def update(self, params, grads):
        params["W"] = params["W"][0]


def test_exceptions_are_reported_in_one_line_with_type_and_message(capsys):
    passed, text = verdict(capsys, Raising, "SGD")
    assert not passed and text == "오류가 났습니다: 1번째 update에서 ValueError: boom\n"
    passed, text = verdict(capsys, NoKeywords, "SGD", lr=0.1)
    assert not passed
    assert text.startswith("오류가 났습니다: NoKeywords(lr=0.1)에서 TypeError: ")
    assert text.endswith("\n힌트: 생성자가 받는 키워드 인자를 확인해 보세요: lr.\n")
    passed, text = verdict(capsys, WrongShape, "SGD")
    assert not passed
    assert text.startswith("틀렸습니다: 1번째 걸음 뒤 params['W']의 shape가 (3,)입니다. ")
    assert "기댓값 (expected)은 (2, 3)입니다." in text


class EpsAdaGrad(SlideAdaGrad):
    def __init__(self, lr=0.01, eps=1e-7):
        super().__init__(lr)
        self.eps = eps

    def update(self, params, grads):
        self.h = self.h or {key: np.zeros_like(val) for key, val in params.items()}
        for key in params:
            self.h[key] += grads[key] ** 2
            params[key] -= self.lr * grads[key] / np.sqrt(self.h[key] + self.eps)


def test_eps_inside_the_root_is_fine_unless_eps_is_large(capsys):
    passed, text = verdict(capsys, EpsAdaGrad, "AdaGrad", lr=0.1, eps=1e-3)
    assert passed and "참고: ε을 제곱근 안에 넣었습니다" in text
    passed, text = verdict(capsys, EpsAdaGrad, "AdaGrad", answer=True, lr=0.1, eps=0.5)
    assert not passed and "이 설정에서는 차이가 큽니다. 분모를 √h + ε 꼴로 쓰세요." in text


class RaisingAdam(SlideAdam):
    def update(self, params, grads):
        raise KeyError("m")


def test_hints_come_only_with_the_errors_they_explain(capsys):
    passed, text = verdict(capsys, RaisingAdam, "Adam")
    assert not passed and text == "오류가 났습니다: 1번째 update에서 KeyError: 'm'\n"


def test_numpy_error_state_and_warning_filters_are_left_alone(capsys):
    before = np.geterr()
    verdict(capsys, adam(t_after=True), "Adam")
    assert np.geterr() == before
    with pytest.warns(RuntimeWarning):
        np.array([1.0]) / 0.0


def test_an_instance_instead_of_a_class_is_explained(capsys):
    passed, text = verdict(capsys, SlideSGD(), "SGD")
    assert not passed and "클래스 자체를 넘기세요" in text


def test_the_callers_mistakes_raise():
    with pytest.raises(ValueError, match="unknown reference 'Adagrad'"):
        check(SlideSGD, "Adagrad")
    with pytest.raises(ValueError, match="Invalid learning rate"):
        check(SlideSGD, "SGD", lr=-1)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize("custom", [False, True], ids=["defaults", "settings"])
def test_each_known_mistake_gets_its_own_diagnosis(capsys, name, custom):
    """No mistake in the catalogue is shadowed by an earlier one that moves the same way."""
    settings = SETTINGS[name] if custom else {}
    for mistake in optimizer_mistakes(name):

        class Wrapped:
            def __init__(self, make=mistake.build, **s):
                self.inner = make(s)

            def update(self, params, grads):
                self.inner.update(params, grads)

        passed, text = verdict(capsys, Wrapped, name, answer=True, **settings)
        if mistake.note:
            assert passed and text.splitlines()[1] == mistake.note
        else:
            assert not passed and text.splitlines()[1:] == mistake.message.splitlines()
            passed, text = verdict(capsys, Wrapped, name, **settings)
            assert text.splitlines()[1:] == [f"힌트: {mistake.hint}", ASK]


@pytest.mark.parametrize(
    "candidate, name",
    [(SharedMomentum, "Momentum"), (SquaredSGD, "SGD"), (FloatLrAdam, "Adam"), (SlideAdam, "Adam")],
    ids=["shared", "generic", "exception", "note"],
)
def test_the_same_code_gets_the_same_text_every_time(capsys, candidate, name):
    for answer in (False, True):
        texts = {verdict(capsys, candidate, name, answer, **SETTINGS[name])[1] for _ in range(3)}
        assert len(texts) == 1


# --- check_function -------------------------------------------------------------------------


def gradient_descent_step(x, grad, lr):
    return x - lr * grad


def numerical_gradient(f, x, y, h=1e-4):
    return (f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)


def ema(values, alpha):
    out = [values[0]]
    for p in values[1:]:
        out.append(alpha * p + (1 - alpha) * out[-1])
    return np.array(out)


def ema_from_zero(values, alpha):
    out, x = [], 0.0
    for p in values:
        x = alpha * p + (1 - alpha) * x
        out.append(x)
    return out


def bias_correction(m, beta, t):
    return m / (1 - beta**t)


@pytest.mark.parametrize(
    "candidate, name",
    [
        (gradient_descent_step, "gradient_descent_step"),
        (numerical_gradient, "numerical_gradient"),
        (ema, "ema"),
        (bias_correction, "bias_correction"),
    ],
)
def test_right_functions_pass(capsys, candidate, name):
    passed, text = function_verdict(capsys, candidate, name)
    assert passed and text == f"통과! {3 if name != 'ema' else 2}가지 경우 모두 맞습니다.\n"


def test_an_average_started_at_zero_passes_with_a_note(capsys):
    passed, text = function_verdict(capsys, ema_from_zero, "ema")
    assert passed and text.splitlines()[1].startswith("참고: x_0 = p_0 대신 0에서 시작했습니다")


WRONG_FUNCTIONS = [
    (lambda x, grad, lr: x + lr * grad, "gradient_descent_step", "부호가 반대입니다"),
    (lambda x, grad, lr: x - grad, "gradient_descent_step", "학습률을 곱하지 않았습니다"),
    (lambda x, grad, lr: -lr * grad, "gradient_descent_step", "이동량만 돌려주었습니다"),
    (
        lambda x, grad, lr: x - lr * grad**2,
        "gradient_descent_step",
        "맞는 식은 새 x = x − lr·grad입니다.",
    ),
    (
        lambda f, x, y, h=1e-4: ((f(x + h, y) - f(x, y)) / h, (f(x, y + h) - f(x, y)) / h),
        "numerical_gradient",
        "전진 차분 (forward difference)입니다.",
    ),
    (
        lambda f, x, y, h=1e-4: tuple(reversed(numerical_gradient(f, x, y, h))),
        "numerical_gradient",
        "두 성분의 순서가 바뀌었습니다.",
    ),
    (
        lambda f, x, y, h=1e-4: tuple(2 * d for d in numerical_gradient(f, x, y, h)),
        "numerical_gradient",
        "2h가 아니라 h로 나누어",
    ),
    (lambda values, alpha: ema(values, 1 - alpha), "ema", "α와 1 − α가 서로 바뀌었습니다."),
    (lambda values, alpha: ema(values, alpha)[-1], "ema", "실제값 (got) 3.4768."),
    (lambda m, beta, t: m / (1 - beta ** (t + 1)), "bias_correction", "t가 하나 큽니다"),
    (lambda m, beta, t: m / (1 - beta ** (t - 1)), "bias_correction", "t가 하나 작습니다"),
    (lambda m, beta, t: m * (1 - beta**t), "bias_correction", "곱하지 말고 나누세요"),
]


@pytest.mark.parametrize("candidate, name, phrase", WRONG_FUNCTIONS)
def test_wrong_functions_get_their_diagnosis(capsys, candidate, name, phrase):
    passed, text = function_verdict(capsys, candidate, name, answer=True)
    assert not passed and phrase in text and text.startswith("틀렸습니다: ")
    passed, text = function_verdict(capsys, candidate, name)
    lines = text.splitlines()
    assert not passed and len(lines) == 3 and lines[1].startswith("힌트: ") and lines[2] == ASK
    assert phrase in lines[0] or phrase not in text


def test_function_diagnoses_name_the_case_and_values(capsys):
    _, text = function_verdict(capsys, lambda x, grad, lr: x + lr * grad, "gradient_descent_step")
    assert (
        text.splitlines()[0]
        == "틀렸습니다: x=3, grad=2, lr=0.1에서 기댓값 (expected) 2.8, 실제값 (got) 3.2."
    )
    _, text = function_verdict(
        capsys, lambda m, beta, t: m / (1 - beta ** (t - 1)), "bias_correction"
    )
    assert "실제값 (got) inf." in text


def test_function_errors_and_missing_returns_are_reported(capsys):
    def no_return(x, grad, lr):
        x - lr * grad

    def raises(x, grad, lr):
        raise KeyError("lr")

    passed, text = function_verdict(capsys, no_return, "gradient_descent_step")
    assert not passed and "함수 끝에 return이 있는지 확인해 보세요" in text
    passed, text = function_verdict(capsys, raises, "gradient_descent_step")
    assert text == "오류가 났습니다: x=3, grad=2, lr=0.1에서 KeyError: 'lr'\n"
    passed, text = function_verdict(capsys, lambda f, x, y: (0.0, 0.0), "numerical_gradient")
    assert not passed and "TypeError" in text and "numerical_gradient(f, x, y, h) 형태인지" in text
    passed, text = function_verdict(capsys, lambda x, grad, lr: "x", "gradient_descent_step")
    assert not passed and "돌려준 값이 실수가 아니라 문자열입니다: 'x'" in text
    with pytest.raises(ValueError, match="unknown exercise"):
        check_function(ema, "moving_average")


@pytest.mark.parametrize("name", list(FUNCTIONS))
def test_each_known_function_mistake_gets_its_own_diagnosis(capsys, name):
    for mistake in FUNCTIONS[name]:
        passed, text = function_verdict(capsys, mistake.function, name, answer=True)
        assert passed == bool(mistake.note)
        assert text.splitlines()[1:] == (mistake.note or mistake.message).splitlines()
        if not mistake.note:
            passed, text = function_verdict(capsys, mistake.function, name)
            assert text.splitlines()[1:] == [f"힌트: {mistake.hint}", ASK]


# --- the answer on request ------------------------------------------------------------------


def test_answer_true_on_right_code_just_passes(capsys):
    assert verdict(capsys, SlideSGD, "SGD", answer=True, lr=0.1) == verdict(
        capsys, SlideSGD, "SGD", lr=0.1
    )
    assert function_verdict(capsys, ema_from_zero, "ema", answer=True) == function_verdict(
        capsys, ema_from_zero, "ema"
    )


def test_answer_cannot_clash_with_a_setting_and_unknown_keywords_still_raise():
    for cls in OPTIMIZERS.values():
        assert "answer" not in inspect.signature(cls).parameters
    with pytest.raises(TypeError, match="unexpected keyword argument 'lrate'"):
        check(SlideSGD, "SGD", lrate=0.1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'hint'"):
        check(SlideSGD, "SGD", hint=True)
    with pytest.raises(TypeError, match="answer must be True or False"):
        check(SlideSGD, "SGD", answer="yes")
    with pytest.raises(TypeError, match="answer must be True or False"):
        check_function(ema, "ema", answer=1)
    with pytest.raises(TypeError):  # not positionally: a third argument is never the answer
        check_function(ema, "ema", True)
    with pytest.raises(ValueError, match="unknown reference"):
        check(SlideSGD, ["SGD"])  # not a TypeError about hashing
    with pytest.raises(ValueError, match="unknown exercise"):
        check_function(ema, ["ema"])


def _strings(path):
    """Every string constant with Hangul in a module (f-string parts too)."""
    tree = ast.parse(pathlib.Path(path).read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.search("[가-힣]", node.value)
    ]


KOREAN = _strings(exercises.__file__) + _strings(mistakes.__file__)


def test_every_mistake_has_a_hint_that_points_without_giving_the_fix():
    every = [m for name in OPTIMIZERS for m in optimizer_mistakes(name)]
    every += [m for ms in FUNCTIONS.values() for m in ms]
    for mistake in every:
        if mistake.note and mistake.message == "첫 평균을 0에서 시작했습니다.":
            continue  # always passes: its note is all it prints
        hint = mistake.hint
        assert hint and hint.endswith((".", "?")), mistake.message
        assert not re.search(r"[←=≈√/]|\bsqrt\b", hint), hint  # no formula
        assert hint not in mistake.message and mistake.message not in hint
        assert hint.rstrip(".?").endswith(("요", "니다", "까")), hint  # 합니다체 or -세요/-나요


@pytest.mark.parametrize("text", KOREAN)
def test_messages_are_korean_without_half_english_parentheses(text):
    assert "기대값" not in text
    for inside in re.findall(r"\(([^()]*)\)", text):
        if re.search("[가-힣]", inside):  # a Korean aside holds no English words
            assert not re.search(r"[A-Za-z]{3,}", inside.replace("update", "")), inside
        elif re.fullmatch(r"[A-Za-z -]+", inside):  # an English gloss is a term, not a clause
            assert len(inside.split()) <= 3 and not re.search(r"\b(and|as|not|in)\b", inside)
    # a particle right after a formula, code or number is attached to it
    assert not re.search(r"[A-Za-z0-9)²ε] (을|를|이|가|은|는|로|으로|입니다|이고)(?=[ .,]|$)", text)
    assert not re.search(r"(어요|에요|아요|해요|예요|죠)[.!?]", text)
    assert not re.search(r"아다그라드|알엠에스프롭|아담|RMSProp|걸음 크기|탐색 거리", text)


# --- learner code cannot change the checker or the references -------------------------------


def test_a_function_that_replaces_the_gradient_it_is_given_cannot_pass_or_poison(capsys):
    def poison(f, x, y, h):
        f.grad = lambda x, y: (0.0, 0.0)
        return 0.0, 0.0

    passed, text = function_verdict(capsys, poison, "numerical_gradient")
    assert not passed and "기댓값 (expected) [3, -3]" in text  # 2x = 3, 6y = -3 at (1.5, -0.5)
    passed, _ = function_verdict(capsys, numerical_gradient, "numerical_gradient")
    assert passed


def test_the_test_function_given_to_a_learner_carries_no_exact_gradient(capsys):
    passed, text = function_verdict(capsys, lambda f, x, y, h: f.grad(x, y), "numerical_gradient")
    assert not passed and "AttributeError" in text
    passed, _ = function_verdict(capsys, numerical_gradient, "numerical_gradient")
    assert passed


def test_a_function_that_edits_the_cases_or_mistakes_fails_and_they_are_put_back(capsys):
    cases, hints = mistakes.CASES["gradient_descent_step"], FUNCTIONS["ema"][1]

    def cheat(x, grad, lr):
        mistakes.CASES["gradient_descent_step"] = ("x, grad, lr", lambda *a: 0, lambda: [])
        FUNCTIONS["ema"][1] = None
        return x - lr * grad

    passed, text = function_verdict(capsys, cheat, "gradient_descent_step")
    assert not passed and "제출한 코드가 채점에 쓰는 참조를 바꾸었습니다" in text
    assert mistakes.CASES["gradient_descent_step"] is cases and FUNCTIONS["ema"][1] is hints
    assert function_verdict(capsys, gradient_descent_step, "gradient_descent_step")[0]


class HijackingSGD(SquaredSGD):
    """Registers itself as the reference, then does its own wrong thing."""

    def __init__(self, lr=0.01):
        super().__init__(lr)
        optim.OPTIMIZERS["SGD"] = HijackingSGD
        optim.optimizers.OPTIMIZERS["SGD"] = HijackingSGD


class RewritingSGD(SquaredSGD):
    """Makes the reference class itself do what this one does."""

    def __init__(self, lr=0.01):
        super().__init__(lr)
        optim.SGD._step = lambda self, w, g, t: (w - self.lr * g**3, {})


@pytest.mark.parametrize("cheat", [HijackingSGD, RewritingSGD])
def test_an_optimizer_that_edits_the_reference_fails_and_it_is_put_back(capsys, cheat):
    step = optim.SGD._step
    passed, text = verdict(capsys, cheat, "SGD", lr=0.1)
    assert not passed and "바뀐 것은 되돌렸습니다" in text
    assert optim.OPTIMIZERS["SGD"] is optim.SGD and optim.SGD._step is step
    assert verdict(capsys, SlideSGD, "SGD", lr=0.1)[0]
    assert not verdict(capsys, SquaredSGD, "SGD", lr=0.1)[0]


class DoublingSGD(SlideSGD):
    """Doubles an array lr in place: the reference must not see the change."""

    def __init__(self, lr=0.01):
        lr *= 2
        super().__init__(lr)


def test_settings_arrays_are_copied_for_the_learner(capsys):
    lr = np.array(0.05)
    passed, text = verdict(capsys, DoublingSGD, "SGD", answer=True, lr=lr)
    assert not passed and "lr=array(0.05)" not in text
    assert lr == 0.05  # the caller's array is untouched


class GradZeroingSGD(SlideSGD):
    """Zeroes the gradients it is given after using them, and keeps the params it saw."""

    def update(self, params, grads):
        super().update(params, grads)
        for key in grads:
            grads[key][...] = 0
        self.seen = params


def test_what_a_learner_does_to_its_gradients_stays_with_it(capsys):
    assert verdict(capsys, GradZeroingSGD, "SGD", lr=0.1)[0]


# --- learner results must be real numbers of the right shape --------------------------------


class ComplexSGD(SlideSGD):
    def update(self, params, grads):
        for key in params:
            params[key] = params[key] - self.lr * grads[key] + 3j


class ReshapedSGD(SlideSGD):
    """Right values, wrong shape: reshaping back would hide it."""

    def update(self, params, grads):
        for key in params:
            params[key] = (params[key] - self.lr * grads[key]).reshape(-1)


class HugeSGD(SlideSGD):
    def update(self, params, grads):
        params["W"] = np.zeros(10**6)


class BoolSGD(SlideSGD):
    def update(self, params, grads):
        for key in params:
            params[key] = params[key] > 0


@pytest.mark.parametrize(
    "candidate, phrase",
    [
        (ComplexSGD, "복소수 (complex)"),
        (BoolSGD, "참/거짓 값 (bool)"),
        (ReshapedSGD, "shape가 (6,)입니다. 기댓값 (expected)은 (2, 3)입니다."),
        (HugeSGD, "shape가 (1000000,)입니다."),
    ],
    ids=["complex", "bool", "reshaped", "huge"],
)
def test_optimizer_results_must_be_real_arrays_of_the_right_shape(capsys, candidate, phrase):
    passed, text = verdict(capsys, candidate, "SGD", lr=0.1)
    assert not passed and phrase in text
    assert text.startswith("틀렸습니다: 1번째 걸음 뒤 params['W']")
    assert len(text) < 300


@pytest.mark.parametrize(
    "result, phrase",
    [
        (lambda x, grad, lr: x - lr * grad + 5j, "복소수 (complex)"),
        (lambda x, grad, lr: complex(x - lr * grad), "복소수 (complex)"),
        (lambda x, grad, lr: str(x - lr * grad), "문자열"),
        (lambda x, grad, lr: True, "참/거짓 값 (bool)"),
        (lambda x, grad, lr: [x - lr * grad, None], "숫자가 아닌 값이 섞인 배열"),
        (lambda x, grad, lr: object(), "숫자가 아닌 값"),
        (lambda x, grad, lr: [[1.0], [1.0, 2.0]], "숫자 배열로 바꿀 수 없는 값"),
    ],
    ids=["complex", "complex-scalar", "text", "bool", "none-inside", "object", "ragged"],
)
def test_function_results_must_be_real_numbers(capsys, result, phrase):
    passed, text = function_verdict(capsys, result, "gradient_descent_step")
    assert not passed and f"에서 돌려준 값이 실수가 아니라 {phrase}입니다: " in text


def test_real_numbers_of_any_python_type_are_accepted(capsys):
    def step(x, grad, lr):
        return x - lr * grad

    for kind in (
        lambda v: np.float64(v),
        lambda v: np.asarray(v).tolist(),
        lambda v: np.array([Fraction(x).limit_denominator(10**6) for x in np.ravel(v)]).reshape(
            np.shape(v)
        ),
    ):
        passed, text = function_verdict(
            capsys, lambda x, grad, lr, kind=kind: kind(step(x, grad, lr)), "gradient_descent_step"
        )
        assert passed, text


def test_a_million_numbers_print_as_a_short_summary(capsys):
    passed, text = function_verdict(
        capsys, lambda x, grad, lr: np.zeros(10**6), "gradient_descent_step"
    )
    assert not passed and len(text) < 300
    assert "실제값 (got) [0, 0, 0, …, 0] (shape (1000000,))." in text


def test_long_exception_messages_and_broken_exceptions_are_cut_short(capsys):
    class Broken(Exception):
        def __str__(self):
            raise RuntimeError("no text")

    def long(x, grad, lr):
        raise ValueError("x" * 10**6)

    def broken(x, grad, lr):
        raise Broken

    passed, text = function_verdict(capsys, long, "gradient_descent_step")
    assert not passed and len(text) < 300
    passed, text = function_verdict(capsys, broken, "gradient_descent_step")
    assert text == "오류가 났습니다: x=3, grad=2, lr=0.1에서 Broken\n"


def test_something_other_than_a_function_is_explained(capsys):
    passed, text = function_verdict(capsys, (0.0, 0.0), "numerical_gradient")
    assert not passed and "함수 자체를 넘기세요" in text


# --- time limit, SystemExit, Ctrl-C ---------------------------------------------------------


class LoopingSGD(SlideSGD):
    def update(self, params, grads):
        while True:
            pass


class SleepingSGD(SlideSGD):
    def __init__(self, lr=0.01):
        time.sleep(100)


class StubbornSGD(SlideSGD):
    """Catches the first interruption and returns as if nothing happened."""

    def update(self, params, grads):
        try:
            while True:
                pass
        except BaseException:
            super().update(params, grads)


@pytest.fixture
def short_limit(monkeypatch):
    monkeypatch.setattr(exercises, "TIME_LIMIT", 0.3)
    handler = signal.getsignal(signal.SIGALRM)
    yield
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler


@pytest.mark.parametrize(
    "candidate, where",
    [(LoopingSGD, "1번째 update"), (SleepingSGD, "SleepingSGD()"), (StubbornSGD, "1번째 update")],
    ids=["loop", "sleep", "stubborn"],
)
def test_code_that_runs_too_long_gets_a_verdict(capsys, short_limit, candidate, where):
    began = time.monotonic()
    passed, text = verdict(capsys, candidate, "SGD")
    assert time.monotonic() - began < 3
    assert not passed
    assert text.startswith(f"틀렸습니다: {where}에서 0.3초가 지나도 끝나지 않았습니다 (시간 초과).")
    assert "\n힌트: 끝나지 않는 반복문이 있는지 보세요." in text


def test_a_function_that_runs_too_long_gets_a_verdict(capsys, short_limit):
    def forever(x, grad, lr):
        while True:
            x = x - lr * grad

    passed, text = function_verdict(capsys, forever, "gradient_descent_step")
    assert not passed and "0.3초가 지나도 끝나지 않았습니다" in text


def test_the_time_limit_is_for_all_calls_together(capsys, short_limit):
    class Slow(SlideSGD):
        def update(self, params, grads):
            time.sleep(0.01)  # 12 steps, two runs: 0.24 s, then the probe at lr=0.05 passes 0.3 s
            params["W"] -= 1.0

    passed, text = verdict(capsys, Slow, "SGD", lr=0.1)
    assert not passed and "초가 지나도 끝나지 않았습니다" in text


def test_without_the_main_thread_the_check_runs_without_a_limit(capsys):
    out = []
    thread = threading.Thread(target=lambda: out.append(check(SlideSGD, "SGD", lr=0.1)))
    thread.start()
    thread.join()
    assert capsys.readouterr().out.startswith("통과!")


class ExitingSGD(SlideSGD):
    def update(self, params, grads):
        sys.exit(3)


class InterruptedSGD(SlideSGD):
    def update(self, params, grads):
        raise KeyboardInterrupt


def test_exit_is_a_verdict_and_ctrl_c_still_interrupts(capsys):
    passed, text = verdict(capsys, ExitingSGD, "SGD")
    assert not passed and text.startswith("오류가 났습니다: 1번째 update에서 SystemExit: 3\n")
    assert "exit()나 sys.exit()는" in text
    passed, text = function_verdict(capsys, lambda x, grad, lr: exit(), "gradient_descent_step")
    assert not passed and "SystemExit" in text
    with pytest.raises(KeyboardInterrupt):
        check(InterruptedSGD, "SGD")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


class NoUpdate:
    def __init__(self, lr=0.01):
        self.lr = lr

    def step(self, params, grads):  # named after torch, not the slides
        pass


def test_a_class_without_update_gets_a_verdict(capsys):
    passed, text = verdict(capsys, NoUpdate, "SGD")
    assert not passed
    assert text.startswith("오류가 났습니다: 1번째 update에서 AttributeError: 'NoUpdate' object")


def test_settings_the_reference_cannot_run_with_are_the_callers_error():
    with pytest.raises(ValueError, match=r"SGD cannot run with these settings on W \(2, 3\)"):
        check(SlideSGD, "SGD", lr=np.array([0.1, 0.2]))
