# %% [markdown] slideshow={"slide_type": "slide"}
# # 04. 모멘텀 (Momentum)
#
# 03에서 SGD는 길쭉한 골짜기를 가로질러 지그재그로 튀고, 골짜기를 따라서는 느리게
# 기어갔습니다. 모멘텀 (momentum, 관성)을 쓰는 최적화 방법 Momentum은 매개변수에 **속도**를 주어 이 두 문제를 함께 줄입니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 갱신식 $V \leftarrow mV - \alpha \frac{\partial L}{\partial W}$, $W \leftarrow W + V$를
#    슬라이드의 `Momentum` 클래스로 쓰고 `optim.Momentum`과 비교할 수 있습니다.
# 2. 한 걸음을 **관성** $mV$와 **기울기의 힘** $-\alpha\nabla L$의 합으로 그림에서 읽을 수 있습니다.
# 3. Momentum이 지그재그를 줄이고 골짜기를 따라 **가속**하는 이유를 설명할 수 있습니다.
# 4. 모멘텀 $m$이 너무 크면 (0.99) 왜 오히려 느려지는지 숫자로 보일 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import SGD, Momentum, Nesterov, explore, get_surface, run, sweep
from optim.exercises import check
from optim.figures import plot_loss, plot_paths
from optim.plotting import draw_surface

book = get_surface("book")  # f(x, y) = x²/20 + y², the elongated bowl of 03
START = (-7.0, 2.0)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 직관: 골짜기를 굴러 내려가는 공
#
# 경사면에 공을 놓으면 공은 기울기만큼 **밀리고**, 이미 가진 속도는 **유지**하려 합니다 (관성, inertia).
# 바닥의 마찰 (friction)은 매번 속도를 조금씩 빼앗습니다.
#
# - **골짜기를 가로지르는 방향**: 기울기가 한 번은 위로, 한 번은 아래로 밉니다. 반대로 미는
#   힘이 속도 안에서 **서로 상쇄**되어 지그재그가 줄어듭니다.
# - **골짜기를 따라가는 방향**: 기울기가 매번 같은 쪽으로 밉니다. 속도가 **쌓여서** 가속합니다.
#
# 모멘텀 $m$ ($0 \le m < 1$)은 한 걸음이 지나도 남는 속도의 비율입니다. $m = 0.9$면 속도의
# 10%를 마찰로 잃습니다. $m = 0$이면 관성이 없으니 SGD와 같습니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ## 갱신식
#
# $$V(t) = m\,V(t-1) - \alpha \frac{\partial L}{\partial W}, \qquad W(t+1) = W(t) + V(t)$$
#
# - $V$: 속도 (velocity). 처음에는 0이고, **호출과 호출 사이에 기억**해야 하는 상태 (state)입니다.
# - $m$: 모멘텀 (`momentum`), $\alpha$: 학습률 (`lr`).
#
# 기울기가 계속 $g$로 같다면 속도는 $-\alpha g\,(1 + m + m^2 + \dots) \to -\frac{\alpha g}{1-m}$로
# 커집니다. $m = 0.9$면 같은 학습률의 SGD보다 **최대 10배** 빨리 갑니다.

# %%
lr, m, g = 0.1, 0.9, 1.0
sgd_step = -lr * g
v = 0.0
for step in range(1, 51):
    v = m * v - lr * g
    if step in (1, 2, 10, 50):
        print(
            f"걸음 {step:2d}: 속도 V = {v:.4f}  "
            f"(SGD의 한 걸음 -αg = {sgd_step}의 {v / sgd_step:.2f}배)"
        )
print(f"극한 -αg/(1-m) = {-lr * g / (1 - m):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 슬라이드의 `Momentum` 클래스를 그대로 옮깁니다 (슬라이드의 코드는 이대로 맞습니다).
# 속도 `self.v`는 첫 호출에서 `params`와 같은 모양의 0으로 만들어지고, 그 뒤로 계속 남습니다.


# %%
class SlideMomentum:
    """The slide's Momentum: v <- momentum * v - lr * grad, then params <- params + v."""

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


# %% [markdown] slideshow={"slide_type": "fragment"}
# 책의 그릇 $f = \frac{x^2}{20} + y^2$에서 $(-7, 2)$부터 lr = 0.1, m = 0.9로 30걸음.
# 직접 쓴 반복문과 `optim.Momentum`이 모든 걸음에서 같은지 봅니다.

# %%
mine = SlideMomentum(lr=0.1, momentum=0.9)
params = {"x": np.array(START[0]), "y": np.array(START[1])}
path = [START]
for _ in range(30):
    gx, gy = book.gradient(params["x"], params["y"])
    mine.update(params, {"x": gx, "y": gy})
    path.append((params["x"].item(), params["y"].item()))

ball = run(Momentum(lr=0.1, momentum=0.9), book, start=START, steps=30)
print(f"직접 쓴 Momentum의 마지막 점: ({path[-1][0]:.6f}, {path[-1][1]:.6f})")
difference = np.abs(np.array(path) - ball.positions).max()
print(f"optim.Momentum과의 최대 차이 (31개 점 전체): {difference}")
print(
    f"마지막 속도: 직접 쓴 것 ({mine.v['x']:.6f}, {mine.v['y']:.6f}), "
    f"optim ({ball.states['v'][-1][0]:.6f}, {ball.states['v'][-1][1]:.6f})"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 같습니다. 이제부터 `optim.Momentum`을 씁니다. (`optim`은 속도를 처음부터 명시적인 상태로
# 두고 `reset()`으로 0으로 되돌립니다. `run`은 시작할 때 `reset()`을 부릅니다.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 속도 화살표: 한 걸음 = 관성 + 기울기의 힘
#
# 갱신식을 화살표로 읽으면
#
# $$\underbrace{V(t)}_{\text{실제 걸음}} = \underbrace{m\,V(t-1)}_{\text{관성}} + \underbrace{\left(-\alpha \nabla L\right)}_{\text{기울기의 힘}}$$
#
# 그래서 Momentum의 보폭은 $\lVert V(t) \rVert$이고, SGD처럼 $\alpha \lVert \nabla L \rVert$가 아닙니다.
# 위 30걸음 경로에서 몇 걸음을 골라 숫자로 나눠 봅니다. 두 화살표의 합이 실제 걸음과 같아야 합니다.

# %%
v_hist, g_hist, xy = ball.states["v"], ball.gradients, ball.positions
for k in (2, 5, 7):
    inertia, push = 0.9 * v_hist[k], -0.1 * g_hist[k]
    step = xy[k + 1] - xy[k]
    print(
        f"걸음 {k} → {k + 1}: 관성 mV = ({inertia[0]:6.3f}, {inertia[1]:6.3f}), "
        f"기울기의 힘 -α∇L = ({push[0]:6.3f}, {push[1]:6.3f}), "
        f"합 = ({step[0]:6.3f}, {step[1]:6.3f})"
    )
decomposed = 0.9 * v_hist[:-1] - 0.1 * g_hist[:-1]
gap = np.abs(decomposed - np.diff(xy, axis=0)).max()
print(f"30걸음 모두에서 관성 + 기울기의 힘 = 실제 걸음 (차이 < 1e-12): {gap < 1e-12}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 경로의 앞부분을 확대해서 그립니다 (가로세로 같은 비율). 파란 화살표 (관성)의 끝에 검은 화살표
# (기울기의 힘)를 이어 붙이면, 그 끝이 다음 점입니다. 회색 화살표가 실제 걸음입니다.
#
# - 걸음 2: 관성과 기울기의 힘이 모두 아래쪽: 속도가 **붙습니다**.
# - 걸음 5: 공은 아래로 달리는데 기울기의 힘은 **위로** 밉니다: 아래로 가는 속도에 **브레이크**가 걸립니다.
# - 걸음 7: 아래로 가던 속도는 거의 다 사라지고 방향이 바뀝니다. 그동안 **오른쪽** 성분은 계속 쌓였습니다.

# %%
fig, ax = plt.subplots(figsize=(9, 8), layout="constrained")
draw_surface(ax, book)
ax.plot(xy[:, 0], xy[:, 1], "-o", color="0.3", ms=5, lw=1.5, zorder=4, label="Momentum 경로")
arrow = dict(angles="xy", scale_units="xy", scale=1, width=0.008, headwidth=3.5, headlength=4.5)
note = dict(textcoords="offset points", va="center", fontsize=14, fontweight="bold", zorder=9)
for k in (2, 5, 7):
    inertia, push = 0.9 * v_hist[k], -0.1 * g_hist[k]
    parts = [  # where the arrow starts, the arrow, its colour, its zorder, its legend label
        (xy[k], inertia + push, "0.55", 6, "실제 걸음 V"),
        (xy[k], inertia, optim.style.COLORS["Momentum"], 7, "관성 mV"),
        (xy[k] + inertia, push, optim.style.GRADIENT_COLOR, 8, "기울기의 힘 −α∇L"),
    ]
    for tail, vector, color, z, label in parts:
        ax.quiver(*tail, *vector, color=color, zorder=z, label=label if k == 2 else None, **arrow)
    offset, ha = ((-10, 0), "right") if k < 7 else ((0, 16), "center")  # left of it, or above
    ax.annotate(f"걸음 {k}", xy[k], xytext=offset, ha=ha, **note)
ax.set(xlim=(-7.6, -4.4), ylim=(-1.9, 2.3), aspect="equal")
ax.set_title("한 걸음 = 관성 + 기울기의 힘")
ax.legend(loc="upper right", fontsize=12, framealpha=0.95)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. SGD와 Momentum: 길쭉한 그릇에서
#
# 세 경로를 30걸음씩 비교합니다.
#
# - SGD, lr = 0.1: 지그재그는 없지만 골짜기를 따라 기어갑니다.
# - SGD, lr = 0.95: 빠르지만 매 걸음 골짜기를 가로질러 튑니다 (03의 그림).
# - Momentum, lr = 0.1, m = 0.9: 같은 작은 학습률인데 속도가 쌓여 멀리 갑니다.

# %%
settings = {
    "SGD (lr=0.1)": (SGD, {"lr": 0.1}),
    "SGD (lr=0.95)": (SGD, {"lr": 0.95}),
    "Momentum (lr=0.1, m=0.9)": (Momentum, {"lr": 0.1, "momentum": 0.9}),
}
paths = {
    label: run(cls(**kw), book, start=START, steps=30) for label, (cls, kw) in settings.items()
}
colors = [optim.style.INK, optim.style.COLORS["SGD"], optim.style.COLORS["Momentum"]]
plot_paths(book, paths, colors=colors, title="30걸음: SGD 두 가지와 Momentum")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 숫자로 보면: 30걸음 뒤 $x$ (골짜기를 따라 얼마나 왔나, 최솟점은 $x = 0$), $y$의 부호가 바뀐 횟수
# (지그재그), 그리고 손실이 최솟값에서 $10^{-6}$ 안으로 들어오기까지의 걸음 수.

# %%
for label, (cls, kw) in settings.items():
    y = paths[label].positions[:, 1]
    flips = np.sum(np.sign(y[1:]) != np.sign(y[:-1]))
    long = run(cls(**kw), book, start=START, steps=2000)
    print(
        f"{label:25s}: 30걸음 뒤 x = {paths[label].positions[-1, 0]:7.3f}, "
        f"y 부호 바뀜 {flips:2d}번, 수렴까지 {long.converged_at}걸음"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 같은 학습률 0.1에서 Momentum은 SGD보다 몇 배 빨리 수렴합니다 (가속). lr = 0.95의 SGD와 비교하면
# 지그재그가 훨씬 적습니다: $y$는 매 걸음이 아니라 몇 걸음에 한 번씩만 부호가 바뀝니다 (부드러운 흔들림).
# 다만 수렴까지의 걸음 수만 보면, 위 표처럼 lr = 0.95의 SGD가 lr = 0.1의 Momentum보다 빠릅니다.
# Momentum이 앞서려면 lr도 함께 키워야 합니다: 4절 끝에서 (lr, m) 격자 전체를 돌려 보면 03에서 SGD가
# 가장 빨랐던 75걸음보다 훨씬 빠른 설정이 나옵니다 (08의 수렴 지도도 같은 그림입니다).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 모멘텀이 너무 크면: 0.99
#
# 마찰이 거의 없으면 공은 최솟점을 **지나쳐** (overshoot) 반대편으로 올라갔다가 다시 내려오기를
# 오래 반복합니다. lr = 0.1로 고정하고 $m$만 바꿔 봅니다.
#
# 걸음 수는 손실이 최솟값에서 $10^{-6}$ 안으로 들어와 **그 뒤로 계속 머무는** 첫 걸음입니다
# (흔들리며 잠깐 스쳐 지나간 것은 세지 않습니다). `sweep`으로 네 값을 한 번에 돌립니다.

# %%
ms = [0.0, 0.5, 0.9, 0.99]
result = sweep(Momentum, book, steps=4000, start=START, lr=[0.1], momentum=ms)
for m, k in zip(ms, result.converged_at[0]):
    print(f"m = {m:<4}: {k:4d}걸음에 수렴")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 손실 곡선으로 보면 $m = 0.99$는 크게 출렁이며 아주 천천히 내려갑니다.

# %%
runs = {m: run(Momentum(lr=0.1, momentum=m), book, start=START, steps=1600) for m in ms}
M_COLORS = {0.0: "#BBBBBB", 0.5: "#777777", 0.9: optim.style.COLORS["Momentum"], 0.99: "#000000"}
plot_loss({f"m = {m}": runs[m] for m in ms}, book, colors=[M_COLORS[m] for m in ms])

# %% [markdown] slideshow={"slide_type": "subslide"}
# 경로로 보면 (150걸음): 두 공 모두 최솟점을 지나치지만, $m = 0.9$의 흔들림은 금세 작아지고 $m = 0.99$의 공은
# 지나칠 때마다 반대편 멀리까지 올라가 150걸음이 지나도 그릇 안에서 크게 흔들립니다.

# %%
overshoot = {
    f"m = {m}": run(Momentum(lr=0.1, momentum=m), book, start=START, steps=150) for m in (0.9, 0.99)
}
for label, trajectory in overshoot.items():
    x = trajectory.positions[:, 0]
    print(
        f"{label}: x가 최솟점의 x = 0을 지나친 횟수 {np.sum(np.sign(x[1:]) != np.sign(x[:-1]))}, "
        f"걸음 100~150의 |x| 최대 {np.abs(x[100:]).max():.3f}"
    )
colors = [M_COLORS[0.9], M_COLORS[0.99]]
plot_paths(book, overshoot, colors=colors, title="150걸음: m = 0.9와 m = 0.99")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 왜 그럴까? 한 방향씩 보기
#
# 곡률이 $\lambda$인 방향에서 최솟점과의 차이 $e_k$는 $e_{k+1} = (1 + m - \alpha\lambda)\,e_k - m\,e_{k-1}$을
# 따릅니다. 한 걸음마다 줄어드는 비율은 $z^2 - (1 + m - \alpha\lambda)z + m = 0$의 큰 근의 크기입니다.
#
# - 근이 복소수이면 (흔들림) 그 크기는 정확히 $\sqrt{m}$: 마찰이 적을수록 흔들림이 늦게 잦아듭니다.
#   $m = 0.99$면 한 걸음에 $\sqrt{0.99} \approx 0.995$배밖에 줄지 않습니다.
# - 그릇에는 방향이 둘 ($\lambda = 0.1$과 $2$)이니 느린 쪽이 전체 속도를 정합니다.


# %%
def rate(lr, m, curvatures=(0.1, 2.0)):
    """The slowest per-step shrink factor of Momentum on a quadratic with these curvatures."""
    return max(np.abs(np.roots([1, -(1 + m - lr * lam), m])).max() for lam in curvatures)


for m in ms:
    r = rate(0.1, m)
    steps = np.log(1e-3) / np.log(r)  # r ** steps = 1/1000
    print(f"m = {m:<4}: 한 걸음 비율 {r:.4f}, 오차가 1000분의 1로 줄기까지 약 {steps:5.0f}걸음")
best = (1 - np.sqrt(0.1 * 0.1)) ** 2
print(
    f"lr = 0.1에서 비율이 가장 작은 m = (1 - √(αλ_min))² = {best:.2f}, "
    f"그때 비율 {rate(0.1, best):.4f}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 비율이 1에 가까울수록 걸음 수가 많습니다. 비율의 순서 (0.995 > 0.990 > 0.980 > 0.949)가 위에서
# 센 걸음 수의 순서와 같습니다. 네 값만 보지 말고, $m$을 0부터 0.99까지 0.01 간격으로 (슬라이더의
# 눈금 100개) 모두 돌려 봅니다.

# %%
grid = np.round(np.arange(0.0, 1.0, 0.01), 2)
counts = sweep(Momentum, book, steps=4000, start=START, lr=[0.1], momentum=grid).converged_at[0]
print(f"m 100개 중 4000걸음 안에 수렴한 것: {np.sum(counts >= 0)}개")
fastest = np.where(counts >= 0, counts, np.iinfo(int).max).argmin()
print(f"가장 빠른 m = {grid[fastest]}: {counts[fastest]}걸음")
for m in (0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
    print(f"m = {m:<4}: {counts[np.isclose(grid, m)][0]:4d}걸음")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 걸음 수가 가장 적은 $m$ (0.82)이 비율로 계산한 값 (0.81) 바로 옆입니다. $m$은 클수록 좋은 것이
# 아니라 **알맞은 값**이 있고, 그 값은 학습률과 곡면에 따라 달라집니다. 0.9는 흔히 쓰는 기본값일 뿐입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 덤: 네스테로프 (Nesterov) 모멘텀: 앞을 내다보기
#
# Momentum의 공은 기울기를 **지금 선 자리** $W$에서 잽니다. 그런데 이번 걸음에서 공은 기울기와 상관없이
# 관성만으로도 $W + mV$까지는 갑니다. 그렇다면 기울기를 **그 앞자리**에서 재는 편이 낫지 않을까요?
# 이것이 네스테로프 모멘텀 (Nesterov momentum, 이하 Nesterov)을 딥러닝에 소개한 Sutskever 외 (2013)의
# 형태 (look-ahead)입니다.
#
# $$V_t = mV_{t-1} - \alpha\nabla L(W_{t-1} + mV_{t-1}), \qquad W_t = W_{t-1} + V_t$$
#
# 공이 최솟점을 지나치려 할 때 앞자리 $W + mV$가 이미 최솟점 너머에 있으면, 그곳의 기울기는 벌써
# **뒤쪽**을 가리킵니다. 그래서 Momentum보다 먼저 브레이크가 걸립니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# `optim.Nesterov` (PyTorch의 `nesterov=True`와 같은 형태)의 코드는 모양이 다릅니다. 기울기를
# 자기가 선 자리 $\tilde W$에서 한 번만 잽니다.
#
# $$V_t = mV_{t-1} - \alpha\nabla L(\tilde W_{t-1}), \qquad \tilde W_t = \tilde W_{t-1} + mV_t - \alpha\nabla L(\tilde W_{t-1})$$
#
# 두 식은 같은 방법입니다. 코드의 $\tilde W$는 앞자리 $\tilde W_t = W_t + mV_t$이기 때문입니다.
# 위의 형태에 이 정의를 넣으면 첫째 식의 기울기는 $\nabla L(\tilde W_{t-1})$이 되어 코드의 첫째 식과 같고,
#
# $$\tilde W_t = W_{t-1} + V_t + mV_t = (\tilde W_{t-1} - mV_{t-1}) + V_t + mV_t
# = \tilde W_{t-1} + mV_t + \underbrace{(V_t - mV_{t-1})}_{=\,-\alpha\nabla L(\tilde W_{t-1})}$$
#
# 이 코드의 둘째 식입니다. 처음에는 $V_0 = 0$이니 $\tilde W_0 = W_0$: 두 형태는 같은 점에서 출발합니다.
# 숫자로 확인해 봅니다. 앞을 내다보는 형태를 반복문으로 직접 쓰고, 그 앞자리 $W + mV$를
# `optim.Nesterov`의 경로와 비교합니다 (lr = 0.1, m = 0.9, 200걸음).

# %%
lr, m = 0.1, 0.9
w, v = np.array(START), np.zeros(2)
look_ahead = [w + m * v]
for _ in range(200):
    v = m * v - lr * np.array(book.gradient(*(w + m * v)))
    w = w + v
    look_ahead.append(w + m * v)
code = run(Nesterov(lr=lr, momentum=m), book, start=START, steps=200)
difference = np.abs(np.array(look_ahead) - code.positions).max()
print(f"앞자리 W + mV와 optim.Nesterov의 점, 최대 차이 (201개 점): {difference:.1e}")
print(f"마지막 속도의 차이: {np.abs(v - code.states['v'][-1]).max():.1e}")
gap = np.linalg.norm(m * np.array(code.states["v"][1:11]), axis=1)  # |mV_t|, t = 1..10
print(f"같은 걸음의 W와 W + mV 사이 거리 |mV|, 첫 10걸음 중 최대: {gap.max():.3f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 차이는 반올림 오차 수준입니다. 두 형태는 같은 공을 따라가고, 코드는 공 자신 $W$ 대신 앞자리 $W + mV$를
# 기록할 뿐입니다 (두 점은 $mV$만큼 떨어져 있고, 공이 멈추면 만납니다).

# %% [markdown] slideshow={"slide_type": "subslide"}
# 브레이크는 얼마나 일찍 걸릴까요? 한 방향의 식을 같은 방법으로 풀면 Nesterov의 비율은
# $z^2 - (1 + m)(1 - \alpha\lambda)z + m(1 - \alpha\lambda) = 0$의 큰 근의 크기이고, 흔들리는 경우
# (복소수 근) 그 크기는 $\sqrt{m}$이 아니라 $\sqrt{m(1 - \alpha\lambda)}$로 조금 작습니다.
# 위의 `rate`에 Nesterov를 더해, 비율과 실제 걸음 수를 함께 봅니다 (lr = 0.1).


# %%
def nesterov_rate(lr, m, curvatures=(0.1, 2.0)):
    """The slowest per-step shrink factor of Nesterov on a quadratic with these curvatures."""
    return max(
        np.abs(np.roots([1, -(1 + m) * (1 - lr * lam), m * (1 - lr * lam)])).max()
        for lam in curvatures
    )


nesterov = sweep(Nesterov, book, steps=4000, start=START, lr=[0.1], momentum=grid)
nesterov_counts = nesterov.converged_at[0]
for m in (0.0, 0.5, 0.82, 0.9, 0.99):
    i = np.isclose(grid, m)
    print(
        f"m = {m:<4}: 비율 Momentum {rate(0.1, m):.4f}, Nesterov {nesterov_rate(0.1, m):.4f} | "
        f"걸음 수 Momentum {counts[i][0]:4d}, Nesterov {nesterov_counts[i][0]:4d}"
    )
faster = grid[(nesterov_counts >= 0) & (nesterov_counts < counts)]
slower = grid[(nesterov_counts >= 0) & (nesterov_counts > counts)]
print(
    f"m 100개 중 Nesterov가 더 빠른 m: {faster.size}개 ({faster.min()}~{faster.max()}), "
    f"더 느린 m: {slower.size}개 ({slower.min()}~{slower.max()})"
)
for tol in (1e-6, 1e-10, 1e-14):
    k_m, k_n = (
        run(cls(lr=0.1, momentum=0.82), book, start=START, steps=4000, tol=tol).converged_at
        for cls in (Momentum, Nesterov)
    )
    print(f"m = 0.82, 손실이 최솟값에서 {tol:.0e} 안으로: Momentum {k_m}걸음, Nesterov {k_n}걸음")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Nesterov가 늘 빠른 것은 **아닙니다**. lr = 0.1에서는 $m \ge 0.83$, 곧 흔들림이 문제인 큰 $m$에서만
# 빠르고 ($m = 0.99$에서는 절반 아래의 걸음), 그보다 작은 $m$에서는 같거나 느립니다.
#
# 비율이 작은 쪽이 대개 걸음 수도 적지만, $m = 0.82$에서는 Nesterov의 비율이 더 작은데도 $10^{-6}$까지는
# 더 오래 걸립니다. 비율은 오래 걸었을 때의 한 걸음당 속도라서, 03의 α = 0.9524처럼 정해진 기준까지의
# 걸음 수와는 어긋날 수 있습니다. 기준을 $10^{-10}$으로 엄하게 하면 $m = 0.82$에서도 Nesterov가 앞섭니다.
#
# 학습률까지 바꿔 가며 (슬라이더의 눈금 그대로) 격자 전체에서 세어 봅니다.

# %%
lrs = 10 ** np.arange(-2, 0.001, 0.05)  # the lr slider's stops from 0.01 to 1
on_grid = {
    cls: sweep(cls, book, steps=4000, start=START, lr=lrs, momentum=grid).converged_at
    for cls in (Momentum, Nesterov)
}
k_m, k_n = on_grid[Momentum], on_grid[Nesterov]
both_converge = (k_m >= 0) & (k_n >= 0)
large_m = both_converge & (grid >= 0.9)
print(
    f"(lr, m) {k_m.size}개 중 둘 다 수렴: {both_converge.sum()}개, "
    f"Momentum만 수렴: {np.sum((k_m >= 0) & (k_n < 0))}개, "
    f"Nesterov만 수렴: {np.sum((k_n >= 0) & (k_m < 0))}개"
)
print(
    f"둘 다 수렴한 곳에서 Nesterov가 빠름 {np.sum(both_converge & (k_n < k_m))}개, "
    f"느림 {np.sum(both_converge & (k_n > k_m))}개, 같음 {np.sum(both_converge & (k_n == k_m))}개"
)
print(f"그중 m ≥ 0.9인 {large_m.sum()}개에서 Nesterov가 빠름: {np.sum(large_m & (k_n < k_m))}개")
i, j = np.unravel_index(np.where(k_m >= 0, k_m, np.iinfo(int).max).argmin(), k_m.shape)
print(f"격자에서 Momentum이 가장 빠른 곳: lr = {lrs[i]:.3f}, m = {grid[j]}, {k_m[i, j]}걸음")
lam_max = 2.0
print(
    f"발산하지 않는 lr의 한계 (λ = 2, m = 0.9): Momentum {2 * 1.9 / lam_max:.3f}, "
    f"Nesterov {2 * 1.9 / (1 + 2 * 0.9) / lam_max:.3f}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 정리하면 Nesterov의 장점은 **큰 $m$의 흔들림을 일찍 잡는 것**입니다. $m \ge 0.9$에서는 대부분
# (둘 다 수렴한 370곳 중 341곳) 빠르지만, 격자 전체로 보면 오히려 느린 곳이 더 많고, 발산하지 않는 학습률의 범위도 더 좁습니다.
# 두 한계는 한 방향의 식 (위의 두 2차 방정식)에서 두 근의 크기가 1보다 작을 조건으로 나옵니다:
# Momentum은 $\alpha\lambda < 2(1 + m)$, Nesterov는 $\alpha\lambda < \frac{2(1 + m)}{1 + 2m}$입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# 슬라이더 `lr`과 `momentum`으로 공의 움직임을 바꿔 보세요. 검은 화살표는 $-\nabla L$의 방향,
# 파란 화살표는 실제 걸음 (= 속도 $V$)입니다. 두 화살표의 방향이 어긋나는 만큼이 관성 $mV$의 몫입니다.
#
# **이렇게 해 보세요**
#
# 1. momentum을 **0**으로: SGD와 똑같아집니다 (lr 0.1이면 골짜기를 기어감).
# 2. momentum을 **0.99**로: 공이 그릇 안을 크게 돌며 오래 흔들립니다. steps를 500으로 늘려 보세요.
# 3. lr은 0.1로 두고 momentum을 **0.82**로: 4절에서 센 대로 이 lr에서 가장 빨리 자리를 잡는 값입니다.
# 4. lr을 0.5 근처의 눈금 **0.5012**로 올리고 momentum 0.9: 어떻게 되나요? 다시 momentum을 낮추면?
# 5. surface를 **로젠브록** (rosenbrock)으로 바꾸고 lr = 0.001, momentum 0.9, steps 500으로: 휘어진 골짜기를 공이 따라갈까요? momentum 0과 비교해 보세요.
#
# SGD와 나란히 경주시키려면 새 셀에서 `optim.race({"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}}, "book")`를 실행해 보세요.

# %% slideshow={"slide_type": "subslide"}
explore("Momentum", "book", lr=0.1, momentum=0.9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - Momentum: $V \leftarrow mV - \alpha\frac{\partial L}{\partial W}$, $W \leftarrow W + V$. 속도 $V$는 0에서 시작해 **호출 사이에 기억**합니다. $m = 0$이면 SGD입니다.
# - 한 걸음 = 관성 $mV$ + 기울기의 힘 $-\alpha\nabla L$. 같은 쪽으로 미는 힘은 쌓여 **가속**하고 (최대 $\frac{1}{1-m}$배), 번갈아 미는 힘은 상쇄되어 **지그재그가 줄어듭니다**.
# - $m$이 너무 크면 (0.99) 마찰이 모자라 최솟점을 지나치며 오래 흔들립니다. 흔들리는 동안 오차는 한 걸음에 $\sqrt{m}$배로만 줄어듭니다.
# - Nesterov는 기울기를 앞자리 $W + mV$에서 재는 변형입니다. 코드의 식은 그 앞자리를 따라가는 같은 방법입니다. 흔들림을 더 일찍 잡아 큰 $m$ ($m \ge 0.9$)에서는 대부분 빠르지만, 작은 $m$에서는 같거나 느리고 발산하지 않는 학습률의 범위가 더 좁습니다.
#
# 다음 노트북 05의 AdaGrad는 다른 길을 택합니다: 매개변수마다 **유효 학습률을 따로** 조절합니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `MyMomentum`에는 흔한 실수가 하나 있습니다. `check`를 실행해서 힌트를 읽어 보세요.


# %%
class MyMomentum:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr = lr
        self.momentum = momentum

    def update(self, params, grads):
        self.v = {key: np.zeros_like(val) for key, val in params.items()}
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


check(MyMomentum, "Momentum")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **과제**: `check`가 보여 주는 힌트를 읽고, `MyMomentum`을 고쳐서 `check(MyMomentum, "Momentum")`이
# 통과하게 해 보세요. 힌트만으로 모르겠으면 `check(MyMomentum, "Momentum", answer=True)`로 답을 볼 수 있습니다.
#
# 생각해 볼 점: 두 번째로 `update`를 부를 때 $V$의 값은 얼마에서 시작하나요? 그렇다면 이 코드는
# 이 노트북의 어떤 다른 옵티마이저와 똑같이 움직일까요?
#
# <details><summary>정답 보기</summary>
#
# 속도 `self.v`는 처음 한 번만 (아직 `None`일 때) 0으로 만들고, 그 뒤로는 호출 사이에 남겨 두어야 합니다
# (슬라이드의 코드와 같습니다). 고치기 전의 코드는 `update`를 부를 때마다 `self.v`를 0으로 되돌렸습니다.
#
# ```python
# class MyMomentum:
#     def __init__(self, lr=0.01, momentum=0.9):
#         self.lr = lr
#         self.momentum = momentum
#         self.v = None
#
#     def update(self, params, grads):
#         if self.v is None:
#             self.v = {key: np.zeros_like(val) for key, val in params.items()}
#         for key in params.keys():
#             self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
#             params[key] += self.v[key]
#
#
# check(MyMomentum, "Momentum")
# ```
#
# 고치기 전의 코드는 매번 $V = -\alpha\nabla L$이니 **SGD와 똑같이** 움직입니다.
# </details>
