"""What the exercises know: the usual wrong versions, each with a hint and an answer in Korean.

`optim.exercises` runs a learner's code beside these. When the learner's results match one of
the wrong versions, the checker prints its `hint` (where to look, never the corrected formula)
and, on request (`answer=True`), its `message` (what went wrong and how to fix it). A mistake
with a `note` is no error at all (where ε sits; where an average starts): the checker passes it
and prints the note. FORMULAS holds the right update of each reference, the answer when no
known mistake fits. CASES holds, for each exercise function, its parameters, its right answer
and a function that builds its arguments afresh, so that no learner's code ever gets an object
the checker uses itself.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optim.ema import ema
from optim.optimizers import OPTIMIZERS

STATE = {"Momentum": "self.v", "Nesterov": "self.v", "AdaGrad": "self.h", "RMSprop": "self.h"}
STATE["Adam"] = "self.m, self.v"
"""The state a learner keeps, by reference name, as the slides name it."""

REFERENCES = dict(OPTIMIZERS)
"""The reference classes as imported: a learner's code that edits `optim.OPTIMIZERS` is not
believed."""


@dataclass(frozen=True)
class OptimizerMistake:
    """A wrong optimizer class, for `check`: `build(settings)` gives an object with
    update(params, grads) that makes this mistake."""

    message: str  # the answer: the diagnosis and the fix, one or two lines
    build: Callable[[dict], object]
    note: str | None = None  # acceptable variants only: printed with the pass
    hint: str = ""  # where to look, without the fix; every mistake without a note has one


@dataclass(frozen=True)
class FunctionMistake:
    """A wrong exercise function, for `check_function`: `function(*case)` is its answer."""

    message: str  # the answer: the diagnosis and the fix, one or two lines
    function: Callable
    note: str | None = None  # acceptable variants only: printed with the pass
    hint: str = ""  # where to look, without the fix; every mistake without a note has one


def _patched(name, step):
    """The reference `name`, except that each parameter's math is `step(opt, w, g, t, *state)`,
    which returns (new w, new state) as `Optimizer._step` does."""
    cls = type(name, (OPTIMIZERS[name],), {"_step": step})
    return lambda settings: cls(**settings)


class _Wrapped:
    """The reference, fed negated gradients or made to forget its state before every step."""

    def __init__(self, inner, negate=False, forget=None):
        self.inner, self.negate, self.forget = inner, negate, forget

    def update(self, params, grads):
        if self.forget:  # "all": state and step count t; "state": state only
            t = self.inner.t
            self.inner.reset()
            self.inner.t = {} if self.forget == "all" else t
        sign = -1.0 if self.negate else 1.0
        self.inner.update(params, {key: sign * grad for key, grad in grads.items()})


def _momentum(name, velocity, move):
    """V ← velocity(o, V, g); W ← W + move(o, V, g)."""

    def step(o, w, g, t, v):
        v = velocity(o, v, g)
        return w + move(o, v, g), {"v": v}

    return _patched(name, step)


def _ema(gamma, h, g2):
    return gamma * h + (1 - gamma) * g2


def _sum(gamma, h, g2):
    return h + g2


def _scaled(name, average=_ema, root=np.sqrt, eps_inside=False):
    """h ← average(γ, h, g²) (AdaGrad: h + g²); W ← W − α g / (root(h) + ε)."""

    def step(o, w, g, t, h):
        h = average(getattr(o, "decay_rate", None), h, g**2)
        scale = np.sqrt(h + o.eps) if eps_inside else root(h) + o.eps
        return w - o.lr * g / scale, {"h": h}

    return _patched(name, step)


def _adam(alpha_inside=False, swap=False, correct=True, count=lambda t: t, slide_code=False):
    """Adam with a wrong step; `count(t)` is the t used in the corrections."""

    def step(o, w, g, t, m, v):
        m = o.beta1 * m + (1 - o.beta1) * (o.lr if alpha_inside else 1.0) * g
        v = o.beta2 * v + (1 - o.beta2) * g**2
        c1, c2 = (1 - o.beta1 ** count(t), 1 - o.beta2 ** count(t)) if correct else (1.0, 1.0)
        if slide_code:  # the slide's listing: corrections folded into lr_t, ε on the raw root
            return w - o.lr * np.sqrt(c2) / c1 * m / (np.sqrt(v) + o.eps), {"m": m, "v": v}
        top, bottom = (v / c2, m / c1) if swap else (m / c1, v / c2)
        return w - o.lr * top / (np.sqrt(bottom) + o.eps), {"m": m, "v": v}

    return _patched("Adam", step)


EPS = "ε을 제곱근 안에 넣었습니다 (√(h + ε))."
EPS_FAR = EPS + " 보통은 괜찮지만 이 설정에서는 차이가 큽니다. 분모를 √h + ε 꼴로 쓰세요."
EPS_NOTE = "참고: " + EPS + " 슬라이드의 AdaGrad 코드와 같은 방식이고, 차이가 아주 작아 괜찮습니다."
EPS_HINT = (
    "ε을 어디에 더했는지 보세요. 이 설정처럼 ε이 크면 더하는 자리에 따라 결과가 크게 달라집니다."
)
SLIDE_ADAM = "슬라이드 코드처럼 보정을 학습률(lr_t)에 합치고 ε을 보정 전의 √v에 더했습니다."
NO_ROOT = "제곱근이 빠졌습니다. W ← W − α·(∂L/∂W) / (√h + ε)입니다."
NO_ROOT_HINT = (
    "분모를 다시 보세요. h는 기울기를 제곱해 모은 값입니다. "
    "기울기와 같은 단위로 되돌리려면 h에 무엇을 해야 할까요?"
)
EMA = "h ← γ·h + (1 − γ)·(∂L/∂W)²입니다."
WRONG_TERM = (
    "모멘텀 m을 엉뚱한 항에 곱했습니다. V ← m·V − α·∂L/∂W, 곧 m은 이전 속도 V에만 곱합니다."
)
WRONG_TERM_HINT = "모멘텀 m이 어느 항에 곱해지는지 슬라이드의 속도 식과 한 항씩 비교해 보세요."
NESTEROV = "이 강의의 Nesterov 식은 W ← W + m·V − α·∂L/∂W입니다 (V는 방금 갱신한 속도)."
T_ZERO = (
    "t가 0인 채로 보정해서 1 − β^0 = 0으로 나눕니다.\n"
    "update 맨 앞에서 t를 1 늘린 다음 m̂, v̂를 계산하세요 (t = 1, 2, 3, ...)."
)
T_ZERO_HINT = "첫 update에서 t는 얼마이고, 그때 보정의 분모 1 − β^t는 얼마인가요?"
SPECIFIC = {
    "Momentum": [
        OptimizerMistake(
            "학습률이 두 번 곱해졌습니다. V에 이미 α가 들어 있으니 W ← W + V입니다.",
            _momentum(
                "Momentum", lambda o, v, g: o.momentum * v - o.lr * g, lambda o, v, g: o.lr * v
            ),
            hint="한 번의 update에서 학습률 α가 몇 번 곱해지는지 세어 보세요.",
        ),
        OptimizerMistake(
            WRONG_TERM,
            _momentum("Momentum", lambda o, v, g: o.momentum * (v - o.lr * g), lambda o, v, g: v),
            hint=WRONG_TERM_HINT,
        ),
        OptimizerMistake(
            WRONG_TERM,
            _momentum("Momentum", lambda o, v, g: v - o.momentum * o.lr * g, lambda o, v, g: v),
            hint=WRONG_TERM_HINT,
        ),
    ],
    "Nesterov": [
        OptimizerMistake(
            "앞질러 보기 (look-ahead)가 빠져 Momentum과 같습니다. " + NESTEROV,
            _momentum("Nesterov", lambda o, v, g: o.momentum * v - o.lr * g, lambda o, v, g: v),
            hint=(
                "결과가 Momentum과 똑같습니다. Nesterov는 W를 옮길 때 속도 V 말고 무엇을 더 쓰나요?"
            ),
        ),
        OptimizerMistake(
            "새 V에 m의 제곱을 곱했습니다 (『밑바닥부터 시작하는 딥러닝』의 코드). "
            "그 계수는 갱신 전의 V에 곱해야 맞습니다.\n" + NESTEROV,
            _momentum(
                "Nesterov",
                lambda o, v, g: o.momentum * v - o.lr * g,
                lambda o, v, g: o.momentum**2 * v - (1 + o.momentum) * o.lr * g,
            ),
            hint=(
                "W 갱신식에서 V에 곱하는 계수를 보세요. "
                "그 V는 갱신 전의 속도인가요, 갱신 후의 속도인가요?"
            ),
        ),
    ],
    "AdaGrad": [
        OptimizerMistake(
            EPS_FAR, _scaled("AdaGrad", _sum, eps_inside=True), EPS_NOTE, hint=EPS_HINT
        ),
        OptimizerMistake(NO_ROOT, _scaled("AdaGrad", _sum, root=lambda h: h), hint=NO_ROOT_HINT),
    ],
    "RMSprop": [
        OptimizerMistake(EPS_FAR, _scaled("RMSprop", eps_inside=True), EPS_NOTE, hint=EPS_HINT),
        OptimizerMistake(
            "이동 평균이 아니라 AdaGrad처럼 합을 씁니다. " + EMA,
            _scaled("RMSprop", _sum),
            hint="h가 오래된 기울기를 잊어 가나요? 지금 식을 AdaGrad의 h 식과 비교해 보세요.",
        ),
        OptimizerMistake(
            "새 항에 (1 − γ)를 곱하지 않았습니다. " + EMA,
            _scaled("RMSprop", lambda gamma, h, g2: gamma * h + g2),
            hint="h 식의 두 항에 곱하는 계수를 보세요. 두 계수를 더하면 1이 되나요?",
        ),
        OptimizerMistake(
            "γ와 1 − γ가 서로 바뀌었습니다. " + EMA,
            _scaled("RMSprop", lambda gamma, h, g2: (1 - gamma) * h + gamma * g2),
            hint=(
                "h 식의 두 계수를 보세요. γ가 1에 가까우면 이전 h와 새 기울기 제곱 가운데 "
                "어느 쪽에 더 큰 가중치를 주어야 할까요?"
            ),
        ),
        OptimizerMistake(NO_ROOT, _scaled("RMSprop", root=lambda h: h), hint=NO_ROOT_HINT),
    ],
    "Adam": [
        OptimizerMistake(
            SLIDE_ADAM + " 보통은 괜찮지만 이 설정에서는 차이가 큽니다. "
            "갱신식을 W ← W − α·m̂ / (√v̂ + ε) 꼴로 쓰세요.",
            _adam(slide_code=True),
            "참고: " + SLIDE_ADAM + " 차이가 아주 작아 괜찮습니다.",
            hint=(
                "편향 보정을 어느 값에 적용했는지, "
                "ε을 보정 전과 보정 뒤 가운데 어느 제곱근에 더했는지 보세요."
            ),
        ),
        OptimizerMistake(
            "편향 보정 (bias correction)이 빠졌습니다. "
            "m과 v를 각각 (1 − β1^t), (1 − β2^t)로 나눈 m̂, v̂를 쓰세요.",
            _adam(correct=False),
            hint=(
                "m과 v는 0에서 시작합니다. 처음 몇 걸음에서 0 쪽으로 치우친 값을 무엇이 바로잡나요?"
            ),
        ),
        OptimizerMistake(
            "슬라이드의 Adam 식 그대로입니다. "
            "α가 1차 모멘트 평균 안에 있고, 갱신식의 두 모멘트가 서로 바뀌었습니다.\n"
            "슬라이드 아래의 코드가 맞습니다: m ← β1·m + (1 − β1)·g, W ← W − α·m̂ / (√v̂ + ε).",
            _adam(alpha_inside=True, swap=True),
            hint=(
                "슬라이드의 Adam 식과 그 아래 코드를 비교해 보세요. 어디에 α를 곱하고, "
                "갱신식의 분자와 분모에는 각각 어느 모멘트가 들어가나요?"
            ),
        ),
        OptimizerMistake(
            "1차 모멘트 평균 안에 α가 들어갔습니다. 슬라이드의 식에 있는 오류입니다. "
            "m ← β1·m + (1 − β1)·g이고, α는 마지막 갱신식에서 한 번만 곱합니다.",
            _adam(alpha_inside=True),
            hint=(
                "학습률 α가 몇 군데에서 곱해지는지 세어 보세요. "
                "1차 모멘트 m을 계산하는 줄도 보세요."
            ),
        ),
        OptimizerMistake(
            "갱신식에서 두 모멘트가 서로 바뀌었습니다. 슬라이드의 식에도 분자에 ĥ, 분모에 V̂가 "
            "바뀌어 적혀 있습니다. W ← W − α·m̂ / (√v̂ + ε)입니다.",
            _adam(swap=True),
            hint="갱신식의 분자와 분모에 각각 어느 모멘트가 들어가는지 확인해 보세요.",
        ),
        OptimizerMistake(
            "t가 늘어나지 않습니다. "
            "보정에 쓰는 t는 update를 부를 때마다 1씩 늘어야 합니다 (t = 1, 2, 3, ...).",
            _adam(count=lambda t: 1),
            hint="편향 보정에 쓰는 t를 걸음마다 출력해 보세요. 값이 어떻게 변하나요?",
        ),
        OptimizerMistake(T_ZERO, _adam(count=lambda t: t - 1), hint=T_ZERO_HINT),
    ],
}

FORMULAS = {
    "SGD": "W ← W − α·∂L/∂W",
    "Momentum": "V ← m·V − α·∂L/∂W, W ← W + V",
    "Nesterov": "V ← m·V − α·∂L/∂W, W ← W + m·V − α·∂L/∂W",
    "AdaGrad": "h ← h + (∂L/∂W)², W ← W − α·(∂L/∂W) / (√h + ε)",
    "RMSprop": "h ← γ·h + (1 − γ)·(∂L/∂W)², W ← W − α·(∂L/∂W) / (√h + ε)",
    "Adam": (
        "t ← t + 1, m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², "
        "m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t), W ← W − α·m̂ / (√v̂ + ε)"
    ),
    "gradient_descent_step": "새 x = x − lr·grad",
    "numerical_gradient": (
        "중앙 차분 df/dx ≈ (f(x + h, y) − f(x − h, y)) / (2h), "
        "df/dy ≈ (f(x, y + h) − f(x, y − h)) / (2h)"
    ),
    "ema": "x_0 = p_0, x_k = α·p_k + (1 − α)·x_(k−1)",
    "bias_correction": "m̂ = m / (1 − β^t)",
    "affine_backward_W": "dW = xᵀ·dout (x: (N, 입력), dout: (N, 출력))",
}
"""The right update of each reference and the right formula of each exercise function."""


def optimizer_mistakes(name):
    """The known mistakes for the reference `name`, in the order they are tried."""
    ref, state = REFERENCES[name], STATE.get(name)
    sign = (
        "부호가 반대입니다. 매개변수가 기울기 방향, 곧 손실이 커지는 오르막으로 갑니다.\n"
        "기울기 항은 빼야 합니다 (W ← W − ...)."
    )
    if name == "AdaGrad":
        sign += " 슬라이드의 AdaGrad 식에는 − 자리에 +가 잘못 적혀 있습니다."
    sign_hint = "매개변수가 어느 쪽으로 움직이는지 보세요. 기울기 방향은 손실이 커지는 쪽입니다."
    found = [
        *SPECIFIC.get(name, []),
        OptimizerMistake(sign, lambda s: _Wrapped(ref(**s), negate=True), hint=sign_hint),
    ]
    forget = (
        f"상태가 update 호출 사이에 유지되지 않습니다. {state}를 매번 0으로 새로 만들지 않나요?\n"
        f"{state}는 처음 한 번만 만들고, 그 뒤로는 갱신해 가며 계속 쓰세요."
    )
    forget_hint = (
        f"첫 걸음은 맞고 그 뒤가 다릅니다. {state}를 만드는 줄이 "
        "update를 부를 때마다 실행되지 않는지 따라가 보세요."
    )
    for how in ("all", "state") if state else ():
        found.append(
            OptimizerMistake(
                forget, lambda s, how=how: _Wrapped(ref(**s), forget=how), hint=forget_hint
            )
        )
    lr_missing = "학습률을 곱하지 않았습니다. 결과가 lr = 1일 때와 같습니다. self.lr을 곱하세요."
    lr_hint = (
        "결과가 학습률을 1로 둔 것과 같습니다. 생성자에서 받은 학습률을 update의 어디에서 쓰나요?"
    )
    return [*found, OptimizerMistake(lr_missing, lambda s: ref(**{**s, "lr": 1.0}), hint=lr_hint)]


def ema_values(values, alpha, start=None):
    """`optim.ema.ema`, starting from the first value unless `start` is given."""
    return ema(values, alpha, start=values[0] if start is None else start)


def _differences(f, x, y, h, kind):
    """(df/dx, df/dy) by a one-sided or central difference, or a wrong central one."""
    if kind == "forward":
        return (f(x + h, y) - f(x, y)) / h, (f(x, y + h) - f(x, y)) / h
    if kind == "backward":
        return (f(x, y) - f(x - h, y)) / h, (f(x, y) - f(x, y - h)) / h
    dx, dy = (f(x + h, y) - f(x - h, y)) / (2 * h), (f(x, y + h) - f(x, y - h)) / (2 * h)
    return (dy, dx) if kind == "swapped" else (2 * dx, 2 * dy)


ONE_SIDED = (
    "{} 차분 ({} difference)입니다. 틀린 방법은 아니지만 오차가 h에 비례해 기준을 넘습니다.\n"
    "중앙 차분을 쓰세요: (f(x + h) − f(x − h)) / (2h). 오차가 h²에 비례해 훨씬 작습니다."
)
ONE_SIDED_HINT = (
    "f를 어느 두 점에서 계산했는지 보세요. x에서 한쪽으로만 움직이면 오차가 h에 비례합니다."
)
GD = " 새 x는 x − lr·grad입니다."
BIAS = " t번째 보정은 m / (1 − β^t)입니다."
FUNCTIONS = {
    "gradient_descent_step": [
        FunctionMistake(
            "부호가 반대입니다. 오르막으로 갔습니다." + GD,
            lambda x, g, lr: x + lr * g,
            hint=(
                "x가 어느 쪽으로 움직였는지 보세요. "
                "grad가 양수이면 x는 커져야 할까요, 작아져야 할까요?"
            ),
        ),
        FunctionMistake(
            "학습률을 곱하지 않았습니다." + GD,
            lambda x, g, lr: x - g,
            hint="받은 학습률 lr을 식에서 쓰고 있나요?",
        ),
        FunctionMistake(
            "새 x가 아니라 이동량만 돌려주었습니다." + GD,
            lambda x, g, lr: -lr * g,
            hint="돌려주는 값이 무엇인지 보세요. 새 위치인가요, 움직인 양인가요?",
        ),
    ],
    "numerical_gradient": [
        FunctionMistake(
            ONE_SIDED.format("전진", "forward"),
            lambda *a: _differences(*a, "forward"),
            hint=ONE_SIDED_HINT,
        ),
        FunctionMistake(
            ONE_SIDED.format("후진", "backward"),
            lambda *a: _differences(*a, "backward"),
            hint=ONE_SIDED_HINT,
        ),
        FunctionMistake(
            "두 성분의 순서가 바뀌었습니다. (df/dx, df/dy) 순서로 돌려주세요.",
            lambda *a: _differences(*a, "swapped"),
            hint="돌려주는 두 값이 각각 어느 변수로 미분한 값인지 확인해 보세요.",
        ),
        FunctionMistake(
            "2h가 아니라 h로 나누어 값이 두 배입니다. (f(x + h) − f(x − h)) / (2h)입니다.",
            lambda *a: _differences(*a, "over h"),
            hint="값이 정답의 정확히 두 배입니다. x − h에서 x + h까지의 거리는 얼마인가요?",
        ),
    ],
    "ema": [
        FunctionMistake(
            "첫 평균을 0에서 시작했습니다.",
            lambda p, alpha: ema_values(p, alpha, start=0.0),
            "참고: x_0 = p_0 대신 0에서 시작했습니다 (옵티마이저의 상태처럼). 그래도 맞지만, "
            "앞쪽 평균이 0 쪽으로 치우칩니다. Adam의 편향 보정이 이것을 고칩니다.",
        ),
        FunctionMistake(
            "α와 1 − α가 서로 바뀌었습니다. x_k = α·p_k + (1 − α)·x_(k−1), "
            "곧 새 값에 α를, 이전 평균에 1 − α를 곱합니다.",
            lambda p, alpha: ema_values(p, 1 - alpha),
            hint=(
                "새 값 p_k와 이전 평균 x_(k−1)에 곱하는 두 계수를 보세요. "
                "α가 작을수록 평균은 천천히 따라가야 합니다."
            ),
        ),
    ],
    "bias_correction": [
        FunctionMistake(
            "t가 하나 큽니다 (off by one)." + BIAS,
            lambda m, b, t: m / (1 - b ** (t + 1)),
            hint="t번째 걸음에서 β를 몇 번 곱하는지 지수를 세어 보세요.",
        ),
        FunctionMistake(
            "t가 하나 작습니다 (off by one)." + BIAS + " t = 1이면 1 − β로 나눕니다.",
            lambda m, b, t: m / (1 - b ** (t - 1)),
            hint="t에 1을 넣어 분모를 계산해 보세요. 어떤 값이 나오나요?",
        ),
        FunctionMistake(
            "곱하지 말고 나누세요. m̂ = m / (1 − β^t)입니다. "
            "0에서 시작한 평균은 작게 치우쳐 있습니다.",
            lambda m, b, t: m * (1 - b**t),
            hint=(
                "0에서 시작한 평균은 참값보다 작습니다. "
                "보정한 값은 m보다 커야 할까요, 작아야 할까요?"
            ),
        ),
    ],
    "affine_backward_W": [
        FunctionMistake(
            "N으로 한 번 더 나누었습니다. dW = xᵀ·dout입니다. 손실의 평균 1/N은 "
            "SoftmaxWithLoss의 dout에 이미 들어 있습니다.",
            lambda x, dout: x.T @ dout / len(x),
            hint="배치 크기 N으로 나누는 일을 어느 층이 이미 했는지 보세요.",
        ),
        FunctionMistake(
            "곱하는 순서가 바뀌어 dW의 모양이 W와 다릅니다. dW = xᵀ·dout입니다.",
            lambda x, dout: dout.T @ x,
            hint="dW는 W와 모양이 같아야 합니다. x와 dout의 모양으로 곱을 맞춰 보세요.",
        ),
    ],
}
"""For each exercise function, its known mistakes in the order tried."""


class _Function:
    """A test function f(x, y), shown as its formula. Learners get these and nothing more: the
    exact gradients live apart, in GRADIENTS."""

    def __init__(self, text, f):
        self.text, self.f = text, f

    def __call__(self, x, y):
        return self.f(x, y)

    def __repr__(self):
        return self.text


TESTS = {
    "x² + 3y²": (lambda x, y: x**2 + 3 * y**2, lambda x, y: (2 * x, 6 * y)),
    "x³·y − y²": (lambda x, y: x**3 * y - y**2, lambda x, y: (3 * x**2 * y, x**3 - 2 * y)),
    "sin(x)·exp(y)": (
        lambda x, y: math.sin(x) * math.exp(y),
        lambda x, y: (math.cos(x) * math.exp(y), math.sin(x) * math.exp(y)),
    ),
}
"""formula: (f, its exact gradient)."""


def _gradient(f, x, y, h):
    """The exact gradient of the test function `f` (looked up by its formula in TESTS)."""
    return TESTS[f.text][1](x, y)


def _functions(*points):
    return [(_Function(text, TESTS[text][0]), x, y, 1e-4) for text, (x, y) in zip(TESTS, points)]


CASES = {
    "gradient_descent_step": (
        "x, grad, lr",
        lambda x, grad, lr: x - lr * grad,
        lambda: [
            (3.0, 2.0, 0.1),
            (np.array([1.0, -2.0]), np.array([0.5, -1.5]), 0.2),
            (-1.0, -4.0, 0.05),
        ],
    ),
    "numerical_gradient": (
        "f, x, y, h",
        _gradient,
        lambda: _functions(
            (1.5, -0.5),
            (1.2, 0.8),
            (0.3, 0.7),
        ),
    ),
    "ema": (
        "values, alpha",
        ema_values,
        lambda: [
            (np.array([1.0, 3.0, 2.0, 5.0, 4.0]), 0.4),
            (np.array([10.0, 0, 0, 0, 20, 20]), 0.1),
        ],
    ),
    "affine_backward_W": (
        "x, dout",
        lambda x, dout: x.T @ dout,
        lambda: [
            (np.array([[1.0, 2.0, -1.0], [0.5, -1.5, 2.0]]), np.array([[0.2, -0.4], [0.3, 0.1]])),
            (np.array([[2.0, 0.0, 1.0]]), np.array([[0.5, -0.5]])),
            (np.arange(12.0).reshape(4, 3) - 5, np.array([[1.0, 0], [0, 1], [-1, 2], [0.5, 0.5]])),
        ],
    ),
    "bias_correction": (
        "m, beta, t",
        lambda m, beta, t: m / (1 - beta**t),
        lambda: [
            (np.float64(0.1), np.float64(0.9), 1),
            (np.array([0.02, -0.05]), np.float64(0.99), 2),
            (np.float64(0.5), np.float64(0.999), 10),
        ],
    ),
}
"""name: (parameters, the right answer, a function that builds the cases afresh). Each call
builds new objects, so whatever a learner's code does to its arguments stays with that call.
Scalars a learner may divide by zero are numpy floats, so that 1/0 gives inf instead of raising."""
