# %% [markdown] slideshow={"slide_type": "slide"}
# # 07. 아담 (Adam)
#
# Momentum은 기울기의 **평균 방향**을 기억해서 관성을 얻었고, RMSprop은 기울기 **크기**의 평균으로
# 매개변수마다 보폭을 맞췄습니다. 아담(Adam, *adaptive moment estimation*)은 이 둘을 합칩니다.
# 그리고 두 평균이 0에서 출발해서 생기는 치우침을 **편향 보정**(bias correction)으로 바로잡습니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 1차 모멘트 $m$(기울기의 평균)과 2차 모멘트 $v$(기울기 제곱의 평균)가 각각 무슨 일을 하는지 설명할 수 있습니다.
# 2. 편향 보정 $\hat m = m/(1-\beta_1^t)$, $\hat v = v/(1-\beta_2^t)$가 왜 필요한지 처음 몇 걸음의 숫자로 보일 수 있습니다.
# 3. Adam의 갱신식을 코드로 쓰고, β1, β2를 바꾸며 경로가 어떻게 변하는지 실험할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import Adam, explore, run
from optim.ema import bias
from optim.exercises import check
from optim.figures import plot_inner_state, plot_paths
from optim.inner import inner_state

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 두 개의 이동 평균
#
# $g = \frac{\partial L}{\partial W}$, $t = 1, 2, \ldots$는 갱신 횟수입니다. 두 평균 모두 0에서 출발합니다.
#
# $$m \leftarrow \beta_1 m + (1-\beta_1)\, g \qquad \text{(1차 모멘트: 기울기의 평균, Momentum처럼 방향을 기억)}$$
#
# $$v \leftarrow \beta_2 v + (1-\beta_2)\, g \odot g \qquad \text{(2차 모멘트: 기울기 제곱의 평균, RMSprop의 } h \text{)}$$
#
# $$\hat m = \frac{m}{1-\beta_1^t}, \qquad \hat v = \frac{v}{1-\beta_2^t} \qquad \text{(편향 보정)}$$
#
# $$W \leftarrow W - \alpha \frac{\hat m}{\sqrt{\hat v} + \epsilon}$$
#
# 기본값은 $\alpha = 0.001$, $\beta_1 = 0.9$, $\beta_2 = 0.999$입니다(Kingma & Ba, 2015, Algorithm 1).
# $\epsilon$은 `optim`에서 책을 따라 $10^{-7}$이고, 논문과 PyTorch의 기본값은 $10^{-8}$입니다.
# 두 평균은 06 노트북의 지수 이동 평균 그대로이고, $\beta = 1 - \alpha_{\text{EMA}}$입니다.

# %% slideshow={"slide_type": "fragment"}
print(Adam())

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 기호 정리 (notation): 같은 글자, 다른 뜻
#
# 슬라이드, 앞의 노트북, 이 노트북이 같은 것을 다른 글자로 부릅니다. 이 노트북에서는 오른쪽 두 열을 씁니다.
#
# | 뜻 | 04 Momentum | 06 RMSprop | 슬라이드의 Adam | 이 노트북 | 코드 (`optim.Adam`, 슬라이드 코드) |
# |---|---|---|---|---|---|
# | 1차 모멘트: 기울기의 평균 (방향) | 속도 $V$ (`v`), 비슷한 역할 | — | $V$ | $m$ | `m` |
# | 2차 모멘트: 기울기 제곱의 평균 (크기) | — | $h$ (`h`) | $h$ | $v$ | `v` |
# | 1차 모멘트의 계수 (관성) | $m$ (`momentum`) | — | $\gamma_1$ | $\beta_1$ | `beta1` |
# | 2차 모멘트의 계수 | — | $\gamma$ (`decay_rate`) | $\gamma_2$ | $\beta_2$ | `beta2` |
#
# 즉 슬라이드의 $\gamma_1, \gamma_2$는 $\beta_1, \beta_2$와 **같은 것**입니다. 조심할 곳은 두 군데입니다.
# 04에서 $m$은 **숫자 하나**(모멘텀 계수 0.9)였지만 여기서 $m$은 매개변수마다 있는 **벡터**(1차 모멘트)이고,
# 계수의 자리는 $\beta_1$이 맡습니다. 또 `v`라는 이름도 겹칩니다. Momentum 코드의 `self.v`는 속도 $V$이고,
# Adam 코드의 `self.v`는 2차 모멘트(슬라이드 수식의 $h$)입니다. Adam에서 속도에 가까운 것은 `m`입니다.

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **슬라이드와 다른 점.** 슬라이드의 수식은 두 군데가 다릅니다.
# >
# > 첫째, 1차 모멘트를 $(1-\gamma_1)\,\alpha\,\frac{\partial L}{\partial W}$로 적어 학습률 α가 평균 **안에** 들어가
# > 있습니다. 04의 Momentum에서는 $V$ 안에 α가 있는 것이 맞았습니다. 거기서는 $W \leftarrow W + V$라서 $V$ 자체가 한
# > 걸음이고, α는 $V$ 안에서 한 번만 곱해지기 때문입니다. Adam은 마지막 갱신식이 이미 α를 곱하므로, $V$ 안에도 α가
# > 있으면 α가 **두 번** 곱해집니다. 그러면 $\hat V/\sqrt{\hat h}$는 기울기의 크기와 상관없는 비(기울기가 일정하면
# > $\pm 1$)가 아니라 그 α배가 되어, 보폭이 α가 아니라 $\alpha^2$이 됩니다.
# >
# > 둘째, 마지막 갱신식은 $\hat h / \sqrt{\hat V}$로 두 모멘트의 자리가 **바뀌어** 있습니다. 올바른 식은
# > 1차 모멘트(슬라이드의 $V$)를 2차 모멘트(슬라이드의 $h$)의 제곱근으로 나눈 $\alpha\, \hat V / \sqrt{\hat h}$입니다.
# >
# > 다행히 그 아래의 **코드는 맞습니다**. 아래에서 확인합니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 코드로 한 번 써 보기 (논문의 Algorithm 1)


# %% slideshow={"slide_type": "fragment"}
class MyAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0  # number of updates so far
        self.m, self.v = {}, {}  # first and second moments

    def update(self, params, grads):
        self.t += 1
        for key in params.keys():
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


# %% [markdown] slideshow={"slide_type": "subslide"}
# 슬라이드의 코드는 두 보정을 학습률 하나로 모아 `lr_t = lr * sqrt(1 - β2^t) / (1 - β1^t)`로 씁니다.
# $\hat m / \sqrt{\hat v} = \frac{\sqrt{1-\beta_2^t}}{1-\beta_1^t} \cdot \frac{m}{\sqrt v}$이므로 같은 식이고,
# ε이 들어가는 자리만 조금 다릅니다. 또 `m += (1 - β1) * (g - m)`은 $m \leftarrow \beta_1 m + (1-\beta_1) g$를
# 풀어 쓴 것입니다.


# %% slideshow={"slide_type": "fragment"}
class SlideAdam:
    """The slide's listing (with its state created up front)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2 = lr, beta1, beta2
        self.iter = 0
        self.m, self.v = None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2**self.iter) / (1.0 - self.beta1**self.iter)
        for key in params.keys():
            self.m[key] += (1 - self.beta1) * (grads[key] - self.m[key])
            self.v[key] += (1 - self.beta2) * (grads[key] ** 2 - self.v[key])
            params[key] -= lr_t * self.m[key] / (np.sqrt(self.v[key]) + 1e-7)


# %% [markdown] slideshow={"slide_type": "fragment"}
# 책의 그릇 $x^2/20 + y^2$에서 $(-7, 2)$부터 30걸음(α = 0.3, 책의 그림과 같은 설정)을 세 가지로 돌려 비교합니다.


# %% slideshow={"slide_type": "fragment"}
def walk(optimizer, steps=30, start=(-7.0, 2.0)):
    """Positions after `steps` updates on the book's bowl, through the slide interface."""
    surface = optim.get_surface("book")
    params = {"x": np.array(start[0]), "y": np.array(start[1])}
    for _ in range(steps):
        gx, gy = surface.gradient(params["x"], params["y"])
        optimizer.update(params, {"x": gx, "y": gy})
    return np.array([params["x"], params["y"]])


reference = run(Adam(lr=0.3), "book", start=(-7.0, 2.0), steps=30).positions[-1]
print(f"MyAdam    과 optim.Adam 의 차이: {np.abs(walk(MyAdam(lr=0.3)) - reference).max()}")
print(f"SlideAdam 과 optim.Adam 의 차이: {np.abs(walk(SlideAdam(lr=0.3)) - reference).max():.1e}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 편향 보정: 0에서 출발한 평균은 처음에 작다
#
# $m$은 0에서 출발합니다. 기울기가 늘 같은 $g$라면 첫 걸음 뒤 $m_1 = 0.1\,g$ ($\beta_1 = 0.9$),
# 일반적으로 $m_t = (1-\beta_1^t)\,g$입니다. 평균이라면 $g$여야 하는데 처음에는 훨씬 작습니다.
# 그래서 $1-\beta_1^t$로 나누어 $\hat m_t = g$로 되돌립니다. $v$도 마찬가지인데 $\beta_2 = 0.999$라
# 치우침이 훨씬 큽니다: $v_1 = 0.001\, g^2$, 즉 $\sqrt{v_1} \approx 0.0316\,|g|$.

# %% slideshow={"slide_type": "fragment"}
beta1, beta2 = 0.9, 0.999
print(" t   1 − β1^t   1 − β2^t   √(1 − β2^t)")
for t in [1, 2, 5, 10, 100, 1000, 10_000]:
    print(
        f"{t:5d}   {bias(beta1, t):.4f}     {bias(beta2, t):.4f}     {np.sqrt(bias(beta2, t)):.4f}"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 처음 몇 걸음을 숫자로
#
# 책의 출발점에서의 기울기 $g = (-0.7, 4)$가 계속 들어온다고 하고, α = 0.3으로 보정이 있을 때와 없을 때의 걸음을 비교합니다.

# %% slideshow={"slide_type": "fragment"}
g, lr = np.array([-0.7, 4.0]), 0.3
m, v = np.zeros(2), np.zeros(2)
print(" t   m (y)    m̂ (y)   √v (y)   √v̂ (y)   보정 없는 걸음 Δy   보정한 걸음 (Δx, Δy)")
for t in range(1, 6):
    m = beta1 * m + (1 - beta1) * g
    v = beta2 * v + (1 - beta2) * g**2
    m_hat, v_hat = m / bias(beta1, t), v / bias(beta2, t)
    raw_step = -lr * m / np.sqrt(v)  # the actual move W_new - W, as Δ in 05
    corrected_step = -lr * m_hat / np.sqrt(v_hat)
    print(
        f"{t:2d}   {m[1]:.4f}   {m_hat[1]:.4f}   {np.sqrt(v[1]):.4f}   {np.sqrt(v_hat[1]):.4f}"
        f"        {raw_step[1]:.4f}           ({corrected_step[0]:.4f}, {corrected_step[1]:.4f})"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# 세 가지를 읽을 수 있습니다.
#
# - **$m$만 보면** 처음 보폭은 아주 작습니다. $m_1 = 0.1\,g$로 열 배나 작습니다. 분모를 보정된
#   $\sqrt{\hat v}$로 둔다면 첫 걸음의 보폭은 α의 10분의 1입니다.
# - 그런데 $\sqrt{v}$는 그보다 더 작아서($\sqrt{0.001} \approx 0.0316$), **둘 다 보정하지 않으면**
#   $m/\sqrt v$는 오히려 커지고 첫 걸음의 보폭이 α의 3.16배가 됩니다. 논문(Kingma & Ba, 3절·6.4절)이 경고하는
#   "처음의 너무 큰 걸음"입니다. 이 배율 $(1-\beta_1^t)/\sqrt{1-\beta_2^t}$은 $t = 12$에서 6.57배까지 커졌다가
#   천천히 1로 돌아옵니다.
# - **둘 다 보정하면** 기울기가 일정한 동안 $\hat m/\sqrt{\hat v} = g/|g| = \pm 1$이라서, 처음 보폭은
#   좌표마다 정확히 α입니다. 기울기의 크기와 상관없이 "α만큼" 간다는 것이 Adam의 보폭을 예측하기 쉽게 해 줍니다.
#
# 이것은 06에서 본 RMSprop의 **출발 치우침**과 같은 현상입니다. RMSprop은 $h$를 보정하지 않아서 첫 보폭이
# $\alpha/\sqrt{1-\gamma}$, $\gamma = 0.99$면 α의 10배였습니다. Adam의 $v$만 보면 같은 배율이
# $1/\sqrt{1-\beta_2} \approx 31.6$배이고, 보정하지 않은 $m$의 $1-\beta_1 = 0.1$이 곱해져 $31.6 \times 0.1 = 3.16$배가
# 됩니다. 편향 보정은 이 치우침을 처음부터 없애는 처방입니다.

# %% slideshow={"slide_type": "fragment"}
t = np.arange(1, 10_001)
ratio = bias(beta1, t) / np.sqrt(bias(beta2, t))  # (uncorrected step) / (corrected step)
print(
    f"보정하지 않은 보폭 / 보정한 보폭: t=1 {ratio[0]:.4f}, "
    f"최대 {ratio.max():.4f} (t={ratio.argmax() + 1}), t=10000 {ratio[-1]:.4f}"
)
print(f"m만 보정하지 않을 때 첫 보폭 / α = {bias(beta1, 1):.1f}")
print(f"v만 보정하지 않을 때 첫 보폭 / α = 1/√(1 − β2) = {1 / np.sqrt(bias(beta2, 1)):.1f}")
print(f"RMSprop(γ = 0.99)의 첫 보폭 / α = 1/√(1 − γ) = {1 / np.sqrt(1 - 0.99):.1f}  (06)")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 실제 경로에서 확인해 봅시다. `NoCorrectionAdam`은 위의 `MyAdam`에서 편향 보정만 뺀 클래스입니다. 상태는 책의 코드처럼
# 첫 `update`에서 만듭니다. `run`은 `update(params, grads)`가 있는 객체라면 무엇이든 돌립니다. 처음 몇 걸음의 보폭을 찍고
# 경로를 그립니다.


# %% slideshow={"slide_type": "fragment"}
class NoCorrectionAdam:
    """MyAdam without the bias correction: W ← W − α m / (√v + ε)."""

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v = None, None

    def update(self, params, grads):
        if self.m is None:  # the first update: zero moments shaped like the parameters
            self.m = {key: np.zeros_like(val) for key, val in params.items()}
            self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            params[key] -= self.lr * self.m[key] / (np.sqrt(self.v[key]) + self.eps)


runs = {
    "Adam (보정 있음)": run(Adam(lr=0.3), "book", steps=30),
    "보정 없는 Adam": run(NoCorrectionAdam(lr=0.3), "book", steps=30),
}
for name, trajectory in runs.items():
    lengths = np.abs(np.diff(trajectory.positions[:6], axis=0))
    shown = ", ".join(f"({dx:.3f}, {dy:.3f})" for dx, dy in lengths)
    print(f"{name:14s}: 처음 5걸음의 |Δx|, |Δy| = {shown}")
    x_most = trajectory.positions[:, 0].max()
    print(
        f"{'':14s}  가장 멀리 간 x {x_most:.3f} (최솟점은 x = 0), 30걸음 뒤 손실 {trajectory.losses[-1]:.4f}"
    )

# %% slideshow={"slide_type": "fragment"}
plot_paths(
    "book",
    runs,
    colors=[optim.style.COLORS["Adam"], optim.style.INK],  # black: a variant, not another optimizer
    title="보정이 없으면 처음 보폭이 너무 커서 크게 넘어간다",
)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 실제 실행의 속을 들여다보기: 보정은 언제까지 일을 하나
#
# 위의 표는 기울기가 일정하다고 놓고 계산했습니다. 실제 경로에서는 기울기가 걸음마다 바뀝니다.
# `optim.inner.inner_state`는 `run`이 기록한 $m_k, v_k$에서 걸음 $k$의 $\hat m_k$, $\hat v_k$와 유효 학습률
# $\alpha/(\sqrt{\hat v_k}+\epsilon)$을 돌려줍니다. 같은 실행 (책의 그릇, α = 0.3, 100걸음)에서 보정 전의 값
# $m_k = (1-\beta_1^k)\,\hat m_k$, $\alpha/(\sqrt{v_k}+\epsilon)$과 나란히 놓아, 보정이 무엇을 바꾸는지 봅니다 ($y$ 좌표).

# %% slideshow={"slide_type": "fragment"}
adam = run(Adam(lr=0.3), "book", steps=100)
state = inner_state(adam)
k = state.step[:, None]  # step numbers against both coordinates
raw_m = state.m_hat * bias(beta1, k)  # m_k, as recorded before the correction
raw_rate = 0.3 / (np.sqrt(state.v_hat * bias(beta2, k)) + 1e-7)  # α/(√v_k + ε)
print(" k   m̂ (y)     m (y)     1/(1 − β1^k)   α/(√v̂+ε) (y)   α/(√v+ε) (y)   1/√(1 − β2^k)")
for step in [1, 10, 30, 100]:
    i = step - 1
    print(
        f"{step:3d}   {state.m_hat[i, 1]:7.4f}   {raw_m[i, 1]:7.4f}   {1 / bias(beta1, step):12.3f}"
        f"   {state.effective_lr[i, 1]:13.4f}   {raw_rate[i, 1]:12.4f}"
        f"   {1 / np.sqrt(bias(beta2, step)):13.3f}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 두 보정은 일하는 기간이 다릅니다. $m$의 보정 $1/(1-\beta_1^k)$은 1걸음째 10배이지만 30걸음째에는 1.044배로,
# 그 뒤로는 $\hat m$과 $m$이 거의 같습니다. $v$의 보정 $1/\sqrt{1-\beta_2^k}$은 1걸음째 31.6배이고 100걸음째에도
# 3.2배가 남습니다 ($\beta_2 = 0.999$라 약 1000걸음의 평균이기 때문입니다). 그래서 보정하지 않은 유효 학습률
# $\alpha/(\sqrt{v}+\epsilon)$ (아래 왼쪽 그림의 회색)은 1걸음째 $y$에서 2.3717로, 보정한 값 0.075의 31.6배입니다. 같은 걸음에서
# $m$은 $\hat m$의 10분의 1이니, 둘을 곱한 보정 없는 첫 보폭은 위에서 본 대로 α의 3.16배가 됩니다. 보정한 쪽은
# 두 치우침을 처음부터 모두 없앱니다.

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(15, 5), layout="constrained")
plot_inner_state(adam, ax=list(axes))
axes[1].get_legend().remove()  # one legend in each panel instead, with the grey lines
for ax, values, name in [(axes[0], raw_rate, "α/(√v+ε)"), (axes[1], raw_m, "m")]:
    for column, (xy, line) in enumerate([("x", "-"), ("y", "--")]):
        ax.plot(state.step, values[:, column], line, color="0.6", label=f"보정 없음 {name}, {xy}")
axes[0].legend(loc="lower right", ncols=2, fontsize=11)
axes[1].legend(loc="upper right", fontsize=11)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# lr, beta1, beta2 슬라이더가 있습니다. 책의 그릇에서 α = 0.3으로 시작합니다.
#
# 이렇게 해 보세요:
#
# 1. beta1을 0으로 내려 보세요. 1차 모멘트가 그냥 $g$가 되어 편향 보정을 한 RMSprop이 됩니다.
#    관성이 없으니 $x$ 방향으로 최솟점을 지나치지 않습니다.
# 2. beta1을 0.99로 올려 보세요. 관성이 커져 최솟점을 한참 지나쳤다가 돌아옵니다. Momentum(04 노트북)과 비교해 보세요.
# 3. beta2를 0.5로 내려 보세요. $\hat v$가 최근 기울기만 보게 되어, 최솟점 근처에서도 보폭이 α의 몇 분의 1 크기로
#    남아 흔들립니다. 기본값 $\beta_2 = 0.999$에서는 마지막 걸음들의 보폭이 α의 30분의 1 아래로 줄어듭니다.
# 4. surface를 로젠브록으로 바꾸고 lr을 0.03 근처로 맞춰 보세요. AdaGrad, RMSprop과 비교하면 어떤가요?
# 5. noise 슬라이더 옆의 **내부 상태** (inner state) 단추를 누르고 beta2를 0.999와 0.5 사이에서 오가 보세요.
#    기본값에서는 $x$의 유효 학습률 $\alpha/(\sqrt{\hat v}+\epsilon)$이 걸음마다 조금씩 커지기만 하지만, 0.5에서는
#    걸음마다 오르내리며 훨씬 커집니다. 아래 셀이 두 경우를 숫자로 비교합니다.

# %% slideshow={"slide_type": "subslide"}
explore("Adam", "book", lr=0.3, steps=100)

# %% slideshow={"slide_type": "fragment"}
for beta2 in (0.999, 0.5):
    lr_x = inner_state(run(Adam(lr=0.3, beta2=beta2), "book", steps=100)).effective_lr[:, 0]
    ratios = lr_x[1:] / lr_x[:-1]
    print(
        f"beta2 = {beta2}: x의 유효 학습률 1걸음째 {lr_x[0]:.4f}, 100걸음째 {lr_x[-1]:.4f}; "
        f"한 걸음 사이의 변화 {ratios.min():.3f}배 ~ {ratios.max():.3f}배"
    )

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - Adam = Momentum의 1차 모멘트 $m$(방향) + RMSprop의 2차 모멘트 $v$(크기).
# - $W \leftarrow W - \alpha\, \hat m/(\sqrt{\hat v}+\epsilon)$, $\hat m = m/(1-\beta_1^t)$,
#   $\hat v = v/(1-\beta_2^t)$ (Kingma & Ba, 2015, Algorithm 1). $\epsilon$은 책을 따라 $10^{-7}$입니다.
# - 0에서 출발한 평균은 처음에 작습니다($m_1 = 0.1g$, $v_1 = 0.001g^2$). 보정하지 않으면 $\sqrt v$ 쪽이 더 작아서
#   첫 보폭이 α의 3.16배(최대 6.57배)로 커집니다. 06에서 RMSprop의 첫 보폭이 α의 10배였던 것과 같은 출발 치우침이고,
#   보정하면 처음 보폭은 좌표마다 α입니다.
# - 슬라이드의 수식은 α를 1차 모멘트 안에 넣어 α가 두 번 곱해지게 했고, 갱신식에서 두 모멘트의 자리를 바꿨습니다.
#   슬라이드의 코드는 맞습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `YourAdam`은 `MyAdam`을 조금 다르게 옮겨 쓴 것인데, 한 곳이 틀렸습니다. `check`를 돌려 보면 첫 걸음은
# 맞고 둘째 걸음부터 어긋납니다. 왜 그다음부터 틀릴까요? 힌트를 읽고 한 줄을 고쳐 보세요.
# 힌트로 부족하면 `check(YourAdam, "Adam", answer=True)`로 답을 볼 수 있습니다.


# %% slideshow={"slide_type": "fragment"}
class YourAdam:
    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m, self.v = {}, {}

    def update(self, params, grads):
        t = self.t + 1
        for key in params.keys():
            if key not in self.m:
                self.m[key] = np.zeros_like(params[key])
                self.v[key] = np.zeros_like(params[key])
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**t)
            v_hat = self.v[key] / (1 - self.beta2**t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


check(YourAdam, "Adam")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 고쳐서 `check`가 통과하게 만들어 보세요. 덤으로: 고치기 전의 코드로 기울기가 늘 같은 값 $g$인 채 오래
# 돌리면 $m \to g$, $v \to g^2$입니다. 그때 보폭은 α의 몇 배일까요? 위의 "편향 보정" 절의 숫자와 비교해 보세요.
#
# <details><summary>정답 보기</summary>
#
# `t = self.t + 1`은 지역 변수만 만들고 `self.t`는 0 그대로라서, 편향 보정에 쓰는 $t$가 매번 1입니다. 첫 걸음은
# 원래 $t = 1$이라 맞고, 둘째 걸음부터 틀립니다. 늘린 값을 저장해야 합니다.
#
# ```python
# self.t += 1
# t = self.t
# ```
#
# 덤의 답: $t$가 1에 머물면 $\hat m = m/0.1 \to 10g$, $\hat v = v/0.001 \to 1000g^2$이므로 보폭은
# $\alpha \cdot 10/\sqrt{1000} \approx 0.316\,\alpha$입니다. 보정하지 않은 Adam의 첫 보폭 3.16α와 거꾸로, 이번에는
# 보정이 지나쳐 보폭이 α의 3.16분의 1로 줄어듭니다.
#
# </details>
