"""What the exercises know: the usual wrong versions, with Korean diagnoses, and fixed cases.

`optim.exercises` runs a learner's code beside these. When the learner's results match one of
the wrong versions, its message says what went wrong. A mistake with a `note` is no error at
all (where ε sits; where an average starts): the checker passes it and prints the note.
CASES holds the arguments each exercise function is called with, and its right answer.
"""

import math
from dataclasses import dataclass

import numpy as np

from optim.ema import ema
from optim.optimizers import OPTIMIZERS

STATE = {"Momentum": "self.v", "Nesterov": "self.v", "AdaGrad": "self.h", "RMSprop": "self.h"}
STATE["Adam"] = "self.m, self.v"
"""The state a learner keeps, by reference name, as the slides name it."""


@dataclass(frozen=True)
class Mistake:
    message: str  # the diagnosis, one or two lines
    make: object  # optimizers: settings -> object with update(params, grads); else the function
    note: str | None = None  # acceptable variants only: printed with the pass


def _patched(name, step):
    """The reference `name`, except that each key is updated by `step(opt, key, params, grads)`."""

    def update(self, params, grads):
        self._begin(params, grads)
        for key in params:
            step(self, key, params, grads)

    cls = type(name, (OPTIMIZERS[name],), {"update": update})
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

    def step(o, k, p, g):
        o.v[k] = velocity(o, o.v[k], g[k])
        p[k] += move(o, o.v[k], g[k])

    return _patched(name, step)


def _ema(gamma, h, g2):
    return gamma * h + (1 - gamma) * g2


def _sum(gamma, h, g2):
    return h + g2


def _scaled(name, average=_ema, root=np.sqrt, eps_inside=False):
    """h ← average(γ, h, g²) (AdaGrad: h + g²); W ← W − α g / (root(h) + ε)."""

    def step(o, k, p, g):
        o.h[k] = average(getattr(o, "decay_rate", None), o.h[k], g[k] ** 2)
        scale = np.sqrt(o.h[k] + o.eps) if eps_inside else root(o.h[k]) + o.eps
        p[k] -= o.lr * g[k] / scale

    return _patched(name, step)


def _adam(alpha_inside=False, swap=False, correct=True, t=lambda t: t, slide_code=False):
    def step(o, k, p, g):
        o.m[k] = o.beta1 * o.m[k] + (1 - o.beta1) * (o.lr if alpha_inside else 1.0) * g[k]
        o.v[k] = o.beta2 * o.v[k] + (1 - o.beta2) * g[k] ** 2
        c1, c2 = (1 - o.beta1 ** t(o.t[k]), 1 - o.beta2 ** t(o.t[k])) if correct else (1.0, 1.0)
        if slide_code:  # the slide's listing: corrections folded into lr_t, ε on the raw root
            p[k] -= o.lr * np.sqrt(c2) / c1 * o.m[k] / (np.sqrt(o.v[k]) + o.eps)
        else:
            m, v = (o.v[k] / c2, o.m[k] / c1) if swap else (o.m[k] / c1, o.v[k] / c2)
            p[k] -= o.lr * m / (np.sqrt(v) + o.eps)

    return _patched("Adam", step)


EPS = "ε을 제곱근 안에 넣었습니다 (sqrt(h + eps))."
EPS_FAR = EPS + " 보통은 괜찮지만 이 설정에서는 차이가 큽니다: √h + ε 로 쓰세요."
EPS_NOTE = "참고: " + EPS + " 슬라이드의 AdaGrad 코드와 같은 방식이고, 차이가 아주 작아 괜찮습니다."
SLIDE_ADAM = "슬라이드 코드처럼 보정을 학습률(lr_t)에 합치고 ε을 보정 전의 √v에 더했습니다."
NO_ROOT = "제곱근이 빠졌습니다 (missing sqrt): W ← W − α·(∂L/∂W) / (√h + ε) 입니다."
EMA = "h ← γ·h + (1 − γ)·(∂L/∂W)² 입니다."
WRONG_TERM = "모멘텀 m이 엉뚱한 항에 곱해졌습니다 (momentum on the wrong term): "
NESTEROV = "이 강의의 식은 W ← W + m·V − α·∂L/∂W 입니다 (V는 방금 갱신한 속도)."
T_ZERO = (
    "t가 0인 채로 보정해서 1 − β^0 = 0 으로 나눕니다 (division by zero).\n"
    "update 맨 앞에서 t를 1 늘린 다음 m̂, v̂를 계산하세요 (t = 1, 2, 3, ...)."
)
SPECIFIC = {
    "Momentum": [
        Mistake(
            "학습률이 두 번 곱해졌습니다 (lr applied twice): "
            "V에 이미 α가 들어 있으니 W ← W + V 입니다.",
            _momentum(
                "Momentum", lambda o, v, g: o.momentum * v - o.lr * g, lambda o, v, g: o.lr * v
            ),
        ),
        Mistake(
            WRONG_TERM + "V ← m·V − α·∂L/∂W, 곧 m은 이전 속도 V에만 곱합니다.",
            _momentum("Momentum", lambda o, v, g: o.momentum * (v - o.lr * g), lambda o, v, g: v),
        ),
        Mistake(
            WRONG_TERM + "V ← m·V − α·∂L/∂W, 곧 m은 기울기가 아니라 이전 속도 V에 곱합니다.",
            _momentum("Momentum", lambda o, v, g: v - o.momentum * o.lr * g, lambda o, v, g: v),
        ),
    ],
    "Nesterov": [
        Mistake(
            "앞질러 보기(look-ahead)가 빠져 보통 모멘텀과 같습니다. " + NESTEROV,
            _momentum("Nesterov", lambda o, v, g: o.momentum * v - o.lr * g, lambda o, v, g: v),
        ),
        Mistake(
            "새 V에 m²를 곱했습니다 (밑바닥부터 시작하는 딥러닝의 코드). " + NESTEROV,
            _momentum(
                "Nesterov",
                lambda o, v, g: o.momentum * v - o.lr * g,
                lambda o, v, g: o.momentum**2 * v - (1 + o.momentum) * o.lr * g,
            ),
        ),
    ],
    "AdaGrad": [
        Mistake(EPS_FAR, _scaled("AdaGrad", _sum, eps_inside=True), EPS_NOTE),
        Mistake(NO_ROOT, _scaled("AdaGrad", _sum, root=lambda h: h)),
    ],
    "RMSprop": [
        Mistake(EPS_FAR, _scaled("RMSprop", eps_inside=True), EPS_NOTE),
        Mistake(
            "이동 평균이 아니라 합을 씁니다 (sum, as in AdaGrad): " + EMA, _scaled("RMSprop", _sum)
        ),
        Mistake(
            "(1 − γ)가 빠졌습니다 (missing 1 − γ): " + EMA,
            _scaled("RMSprop", lambda gamma, h, g2: gamma * h + g2),
        ),
        Mistake(
            "γ와 1 − γ가 바뀌었습니다 (swapped): " + EMA,
            _scaled("RMSprop", lambda gamma, h, g2: (1 - gamma) * h + gamma * g2),
        ),
        Mistake(NO_ROOT, _scaled("RMSprop", root=lambda h: h)),
    ],
    "Adam": [
        Mistake(
            SLIDE_ADAM + " 보통은 괜찮지만 이 설정에서는 차이가 큽니다: "
            "W ← W − α·m̂ / (√v̂ + ε) 로 쓰세요.",
            _adam(slide_code=True),
            "참고: " + SLIDE_ADAM + " 차이가 아주 작아 괜찮습니다.",
        ),
        Mistake(
            "편향 보정이 빠졌습니다 (no bias correction): "
            "m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t) 로 나눈 값을 쓰세요.",
            _adam(correct=False),
        ),
        Mistake(
            "슬라이드의 아담 식 그대로입니다: "
            "α가 1차 모멘트 평균 안에 있고, 두 모멘트가 바뀌었습니다.\n"
            "슬라이드 아래의 코드가 맞습니다: m ← β1·m + (1 − β1)·g, W ← W − α·m̂ / (√v̂ + ε).",
            _adam(alpha_inside=True, swap=True),
        ),
        Mistake(
            "1차 모멘트 평균 안에 α가 들어갔습니다 (슬라이드 식의 오류): "
            "m ← β1·m + (1 − β1)·g 이고, α는 마지막에 한 번만 곱합니다.",
            _adam(alpha_inside=True),
        ),
        Mistake(
            "갱신식에서 두 모멘트가 바뀌었습니다 (슬라이드 식의 오류, ĥ and V̂ swapped): "
            "W ← W − α·m̂ / (√v̂ + ε) 입니다.",
            _adam(swap=True),
        ),
        Mistake(
            "t가 늘어나지 않습니다 (t not incremented): "
            "보정에 쓰는 t는 update를 부를 때마다 1씩 늘어야 합니다 (t = 1, 2, 3, ...).",
            _adam(t=lambda t: 1),
        ),
        Mistake(T_ZERO, _adam(t=lambda t: t - 1)),
    ],
}


def optimizer_mistakes(name):
    """The known mistakes for the reference `name`, in the order they are tried."""
    ref, state = OPTIMIZERS[name], STATE.get(name)
    sign = (
        "부호가 반대입니다 (wrong sign): "
        "매개변수가 기울기 방향, 곧 손실이 커지는 오르막으로 갑니다.\n"
        "기울기 항은 빼야 합니다 (W ← W − ...)."
    )
    if name == "AdaGrad":
        sign += " 슬라이드의 아다그라드 식은 − 자리에 +로 잘못 적혀 있습니다."
    found = [*SPECIFIC.get(name, []), Mistake(sign, lambda s: _Wrapped(ref(**s), negate=True))]
    forget = (
        f"상태가 update 호출 사이에 유지되지 않습니다 (state not kept): {state}를 매번 0으로 "
        f"새로 만들지 않나요?\n{state}는 처음 한 번만 만들고, 그 뒤로는 갱신해 가며 계속 쓰세요."
    )
    for how in ("all", "state") if state else ():
        found.append(Mistake(forget, lambda s, how=how: _Wrapped(ref(**s), forget=how)))
    lr_missing = (
        "학습률을 곱하지 않았습니다 (lr missing): lr = 1일 때와 같습니다. self.lr를 곱하세요."
    )
    return [*found, Mistake(lr_missing, lambda s: ref(**{**s, "lr": 1.0}))]


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
    "{} 차분({} difference)입니다. 틀린 방법은 아니지만 오차가 h에 비례해 기준을 넘습니다.\n"
    "중앙 차분 (f(x + h) − f(x − h)) / (2h) 을 쓰세요: 오차가 h²에 비례해 훨씬 작습니다."
)
GD = " 새 x는 x − lr·grad 입니다."
BIAS = " t번째 보정은 m / (1 − β^t) 입니다."
FUNCTIONS = {
    "gradient_descent_step": [
        Mistake(
            "부호가 반대입니다 (wrong sign): 오르막으로 갔습니다." + GD, lambda x, g, lr: x + lr * g
        ),
        Mistake("학습률을 곱하지 않았습니다 (lr missing)." + GD, lambda x, g, lr: x - g),
        Mistake("새 x가 아니라 이동량만 돌려주었습니다." + GD, lambda x, g, lr: -lr * g),
    ],
    "numerical_gradient": [
        Mistake(ONE_SIDED.format("전진", "forward"), lambda *a: _differences(*a, "forward")),
        Mistake(ONE_SIDED.format("후진", "backward"), lambda *a: _differences(*a, "backward")),
        Mistake(
            "두 성분의 순서가 바뀌었습니다 (swapped): (df/dx, df/dy) 순서로 돌려주세요.",
            lambda *a: _differences(*a, "swapped"),
        ),
        Mistake(
            "2h가 아니라 h로 나누어 값이 두 배입니다: (f(x + h) − f(x − h)) / (2h) 입니다.",
            lambda *a: _differences(*a, "over h"),
        ),
    ],
    "ema": [
        Mistake(
            "첫 평균을 0에서 시작했습니다.",
            lambda p, alpha: ema_values(p, alpha, start=0.0),
            "참고: x_0 = p_0 대신 0에서 시작했습니다 (옵티마이저의 상태처럼). 그래도 맞지만, "
            "앞쪽 평균이 0 쪽으로 치우칩니다: 아담의 편향 보정이 이것을 고칩니다.",
        ),
        Mistake(
            "α와 1 − α가 바뀌었습니다 (swapped): x_k = α·p_k + (1 − α)·x_(k−1), "
            "곧 새 값에 α를, 이전 평균에 1 − α를 곱합니다.",
            lambda p, alpha: ema_values(p, 1 - alpha),
        ),
    ],
    "bias_correction": [
        Mistake("t가 하나 큽니다 (off by one)." + BIAS, lambda m, b, t: m / (1 - b ** (t + 1))),
        Mistake(
            "t가 하나 작습니다 (off by one)." + BIAS + " t = 1이면 1 − β 로 나눕니다.",
            lambda m, b, t: m / (1 - b ** (t - 1)),
        ),
        Mistake(
            "곱하지 말고 나누세요: m̂ = m / (1 − β^t). 0에서 시작한 평균은 작게 치우쳐 있습니다.",
            lambda m, b, t: m * (1 - b**t),
        ),
    ],
}
"""For each exercise function, its known mistakes in the order tried (`make` is the function)."""


class _Function:
    """A test function f(x, y) with its exact gradient, shown as its formula."""

    def __init__(self, text, f, grad):
        self.text, self.f, self.grad = text, f, grad

    def __call__(self, x, y):
        return self.f(x, y)

    def __repr__(self):
        return self.text


F1 = _Function("x² + 3y²", lambda x, y: x**2 + 3 * y**2, lambda x, y: (2 * x, 6 * y))
F2 = _Function("x³·y − y²", lambda x, y: x**3 * y - y**2, lambda x, y: (3 * x**2 * y, x**3 - 2 * y))
F3 = _Function(
    "sin(x)·exp(y)",
    lambda x, y: math.sin(x) * math.exp(y),
    lambda x, y: (math.cos(x) * math.exp(y), math.sin(x) * math.exp(y)),
)
CASES = {
    "gradient_descent_step": ("x, grad, lr", lambda x, grad, lr: x - lr * grad, [
        (3.0, 2.0, 0.1), (np.array([1.0, -2.0]), np.array([0.5, -1.5]), 0.2), (-1.0, -4.0, 0.05),
    ]),
    "numerical_gradient": ("f, x, y, h", lambda f, x, y, h: f.grad(x, y), [
        (F1, 1.5, -0.5, 1e-4), (F2, 1.2, 0.8, 1e-4), (F3, 0.3, 0.7, 1e-4),
    ]),
    "ema": ("values, alpha", ema_values, [
        (np.array([1.0, 3.0, 2.0, 5.0, 4.0]), 0.4), (np.array([10.0, 0, 0, 0, 20, 20]), 0.1),
    ]),
    "bias_correction": ("m, beta, t", lambda m, beta, t: m / (1 - beta**t), [
        (np.float64(0.1), np.float64(0.9), 1), (np.array([0.02, -0.05]), np.float64(0.99), 2),
        (np.float64(0.5), np.float64(0.999), 10),
    ]),
}  # fmt: skip
"""name: (parameters, the right answer, cases). Scalars a learner may divide by zero are numpy
floats, so that 1/0 gives inf instead of raising."""
