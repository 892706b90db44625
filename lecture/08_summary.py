# %% [markdown] slideshow={"slide_type": "slide"}
# # 08. 정리 (Summary): 여섯 옵티마이저를 한자리에
#
# 지금까지 경사하강법 (gradient descent)에서 시작해 SGD, 모멘텀 (Momentum), 아다그라드
# (AdaGrad), 알엠에스프롭 (RMSProp), 아담 (Adam)까지 하나씩 만들어 보았습니다. 이렇게 매개변수를
# 갱신하는 방법 하나하나를 **옵티마이저** (optimizer, 최적화 알고리즘)라고 부릅니다. 이 노트북에서는
# 모두를 같은 곡면 위에서 **경주 (race)** 시키고, 설정에 따라 결과가 어떻게 달라지는지
# **수렴 지도** (convergence map)로 한눈에 봅니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 여섯 갱신식이 무엇을 기억하고 (상태, state) 어떤 하이퍼파라미터 (hyperparameter: 학습률 α나 모멘텀 계수처럼
#    학습이 찾아 주지 않고 사람이 미리 정하는 값)를 쓰는지 비교할 수 있습니다.
# 2. 참고서 (『밑바닥부터 시작하는 딥러닝』)의 비교 그림을 직접 다시 그리고 읽을 수 있습니다.
# 3. 수렴 지도에서 잘 되는 설정과 발산하는 설정의 경계를 찾고, 그 모양을 설명할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import numpy as np

from optim import OPTIMIZERS, Momentum, convergence_map, get_surface, race, run, sweep
from optim.exercises import check
from optim.figures import book_runs, plot_comparison, plot_paths

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 여섯 갱신식 한눈에 보기
#
# $g = \partial L / \partial W$라고 쓰면:
#
# | 방법 | 상태 (state) | 갱신 (update) |
# |---|---|---|
# | SGD | 없음 | $W \leftarrow W - \alpha g$ |
# | 모멘텀 | 속도 $V$ | $V \leftarrow mV - \alpha g,\; W \leftarrow W + V$ |
# | 네스테로프 (Nesterov) | 속도 $V$ | $V \leftarrow mV - \alpha g,\; W \leftarrow W + mV - \alpha g$ |
# | 아다그라드 | 제곱합 $h$ | $h \leftarrow h + g^2,\; W \leftarrow W - \alpha g / (\sqrt{h} + \epsilon)$ |
# | 알엠에스프롭 | 이동평균 $h$ | $h \leftarrow \gamma h + (1-\gamma) g^2,\; W \leftarrow W - \alpha g / (\sqrt{h} + \epsilon)$ |
# | 아담 | $m, v, t$ | $m \leftarrow \beta_1 m + (1-\beta_1) g,\; v \leftarrow \beta_2 v + (1-\beta_2) g^2,\; W \leftarrow W - \alpha \hat m / (\sqrt{\hat v} + \epsilon)$ |
#
# 모두 `optim`에 슬라이드와 같은 모양 (`update(params, grads)`)으로 들어 있습니다.

# %%
for name, cls in OPTIMIZERS.items():
    print(f"{name:9s} 상태 {cls.state_names or '없음'!s:12s} 기본값 {cls().hyperparameters}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 참고서의 비교 그림 다시 그리기
#
# 참고서는 $f(x, y) = \frac{x^2}{20} + y^2$ 위에서 $(-7, 2)$에서 출발해 30걸음씩 네 방법을
# 비교합니다. 학습률은 SGD 0.95, 모멘텀 0.1, 아다그라드 1.5, 아담 0.3입니다.
# 이 곡면은 $x$ 방향으로는 완만하고 $y$ 방향으로는 가파른, 길쭉한 그릇입니다.

# %%
book = book_runs(steps=30)
for label, trajectory in book.items():
    x, y = trajectory.positions[-1]
    print(f"{label:22s} 30걸음 후 ({x:8.4f}, {y:8.4f}), 손실 {trajectory.losses[-1]:.6f}")

# %% slideshow={"slide_type": "subslide"}
plot_comparison("book", book)

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그림 읽기:
#
# - **SGD**는 가파른 $y$ 방향으로 크게 튀며 지그재그로 갑니다. 기울기가 골짜기를 가로지르는
#   쪽을 가리키기 때문입니다 (03).
# - **모멘텀**은 공처럼 굴러 최솟점을 지나쳤다가 돌아오지만, $x$ 방향의 작은 기울기가
#   속도에 쌓여 SGD보다 멀리 갑니다 (04).
# - **아다그라드**는 매개변수마다 걸음을 나누어 $y$의 큰 기울기를 눌러 주므로 거의 곧장
#   갑니다 (05).
# - **아담**은 모멘텀처럼 휘어 돌면서도 걸음 크기가 lr 정도로 고르게 유지됩니다 (07).
#
# 위에 찍힌 숫자대로, 이 설정에서는 아다그라드가 가장 낮은 손실에 도착합니다. 하지만 이것은
# **이 곡면, 이 출발점, 이 학습률**의 결과일 뿐입니다. 다음 절에서 곡면을 바꿔 봅니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. 여러 곡면에서의 경주
#
# 같은 설정으로 세 곡면을 달려 봅니다. 로젠브록 (Rosenbrock)은 좁고 휘어진 골짜기,
# 빌 (Beale)은 평평한 고원과 가파른 벽, 힘멜블라우 (Himmelblau)는 최솟점이 네 개인 곡면입니다.
# 최솟값이 없는 안장점 (saddle)은 그다음에 따로 봅니다.

# %%
def pad(text, width, right=False):
    """`text` padded to `width` columns of a monospace font, where a Hangul letter takes two."""
    space = " " * (width - sum(2 if "가" <= ch <= "힣" else 1 for ch in text))
    return space + text if right else text + space


SETTINGS = {
    "SGD": {"lr": 1e-3},
    "Momentum": {"lr": 1e-3, "momentum": 0.9},
    "AdaGrad": {"lr": 0.1},
    "RMSprop": {"lr": 0.01},
    "Adam": {"lr": 0.05},
}
SURFACES = ["rosenbrock", "beale", "himmelblau"]
races = {
    surface: {name: run(OPTIMIZERS[name](**kw), surface, steps=300) for name, kw in SETTINGS.items()}
    for surface in SURFACES
}

print(pad("300걸음 후 손실", 16) + "".join(pad(name, 12, right=True) for name in SETTINGS))
for surface, runs in races.items():
    cells = []
    for trajectory in runs.values():
        if trajectory.diverged_at is not None:
            cells.append(f"발산@{trajectory.diverged_at}")
        else:
            cells.append(f"{trajectory.losses[-1]:.4g}")
    print(pad(surface, 16) + "".join(pad(cell, 12, right=True) for cell in cells))

# %% slideshow={"slide_type": "subslide"}
plot_paths("rosenbrock", races["rosenbrock"], title="로젠브록: 300걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 안장점 (saddle): 기울기가 0에 가까운 곳
#
# 안장점 $f(x, y) = x^2 - y^2$는 $x$ 방향으로는 그릇, $y$ 방향으로는 언덕입니다. 출발점을 거의
# $x$ 축 위 $(-1.8,\ 0.001)$에 두면 기울기 $(2x, -2y)$가 처음에는 거의 안장점 $(0, 0)$ 쪽만 가리킵니다.
# 다섯 방법 모두 같은 학습률 0.05로 40걸음 갑니다. 표에는 안장점에 가장 가까이 간 거리,
# $|y| > 1$이 되어 안장점을 벗어난 걸음, 40걸음 뒤의 손실을 적습니다.
#
# 이 곡면은 아래로 끝이 없어서 (unbounded below) 최솟값이 없고, $y$ 방향으로 멀리 갈수록 손실이
# 음수로 한없이 내려갑니다. 그래서 여기서는 손실이 **음수이고 낮을수록 안장점에서 더 멀리 빠져나간 것**입니다.

# %%
SADDLE_START = (-1.8, 0.001)
saddle = {
    name: run(OPTIMIZERS[name](**kw), "saddle", start=SADDLE_START, steps=40)
    for name, kw in {
        "Momentum": {"lr": 0.05, "momentum": 0.9},
        "SGD": {"lr": 0.05},  # drawn after Momentum, whose path covers the same stretch of y = 0
        "AdaGrad": {"lr": 0.05},
        "RMSprop": {"lr": 0.05},
        "Adam": {"lr": 0.05},
    }.items()
}
headers = ["안장점과 가장 가까운 거리", "|y| > 1 이 된 걸음", "40걸음 뒤 손실"]
widths = [28, 22, 19]
print(pad("lr = 0.05", 10) + "".join(pad(head, w, right=True) for head, w in zip(headers, widths)))
for name, trajectory in saddle.items():
    closest = np.hypot(*trajectory.positions.T).min()
    escaped = np.flatnonzero(np.abs(trajectory.positions[:, 1]) > 1)
    escaped = str(escaped[0]) if escaped.size else "아직"  # 아직: not yet
    cells = [f"{closest:.3f}", escaped, f"{trajectory.losses[-1]:.4g}"]
    print(pad(name, 10) + "".join(pad(cell, w, right=True) for cell, w in zip(cells, widths)))

# %% slideshow={"slide_type": "subslide"}
plot_paths("saddle", saddle, title="안장점: lr = 0.05, 40걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# - **SGD**는 $x$ 방향으로만 내려가 안장점 바로 옆까지 오고, 그 뒤로는 거기서 머뭇거립니다.
#   $y$ 방향의 걸음이 $2\alpha |y|$라서 $y$가 작으면 걸음도 작고, 40걸음이 끝날 때까지 빠져나가지 못합니다.
#   손실이 거의 0인 것은 안장점 (값 0) 바로 옆에 있기 때문입니다.
# - **모멘텀**도 안장점 근처까지 오지만, 쌓인 속도로 안장점을 지나쳤다가 돌아오는 사이 $y$ 방향의 작은
#   기울기도 속도에 쌓여 (04의 가속) 빠져나갑니다.
# - 기울기를 제곱근으로 나누는 **아다그라드·알엠에스프롭·아담**은 $y$의 아주 작은 기울기도 $x$와 비슷한
#   크기의 걸음으로 바꿉니다. 그래서 안장점에 들르지 않고 처음부터 대각선으로 빠져나갑니다. 아다그라드는
#   걸음이 줄어들어 (05) 가장 느려서, 40걸음 뒤에도 아직 $|y| < 1$이고 $x$ 방향의 그릇을 다 내려오지 못해
#   손실이 양수입니다.
#
# 어느 방법도 모든 곡면에서 이기지는 못합니다: 이것이 실제로 여러 옵티마이저를 시험해 보는 이유입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### 직접 경주시켜 보기
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다 (커널이 없는 화면에서는 정지 그림).
# 아래에서 곡면을 고르고, 각 옵티마이저의 `lr` 슬라이더를 움직인 뒤 ▶ (Play)를 눌러 보세요.
#
# - 책의 곡면에서 SGD의 lr을 1.0 위로 올리면? ($y$ 방향 곡률이 2이므로 lr > 1에서 발산합니다.)
# - 로젠브록에서 아담의 lr을 0.5로 올리면 골짜기를 따라가나요, 튀어 나가나요?

# %% slideshow={"slide_type": "subslide"}
race(
    {"SGD": {"lr": 0.95}, "Momentum": {"lr": 0.1}, "AdaGrad": {"lr": 1.5}, "Adam": {"lr": 0.3}},
    "book",
    start=(-7.0, 2.0),
    steps=30,
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 수렴 지도 (convergence map)
#
# 한 번에 한 설정씩 보는 대신, **(lr, momentum) 격자 전체**를 한꺼번에 돌려 봅니다.
# `sweep`은 lr과 momentum을 200 × 200 배열로 만들어 옵티마이저 **하나**에 넣고 한 번에
# 계산합니다 (파이썬 반복문 없이 numpy 브로드캐스팅으로). 아래에서는 300걸음을 돌려 수렴한 칸과
# 발산한 칸을 셉니다.

# %%
lrs, momenta = np.geomspace(1e-2, 2.0, 200), np.linspace(0.0, 0.99, 200)
result = sweep(Momentum, "book", steps=300, tol=1e-10, lr=lrs, momentum=momenta)
converged = result.converged_at >= 0
diverged = result.diverged_at >= 0
print(f"설정 {converged.size}개 중 수렴 {converged.sum()}개, 발산 {diverged.sum()}개")
steps = np.where(converged, result.converged_at, np.iinfo(int).max)
i, j = np.unravel_index(steps.argmin(), steps.shape)
print(f"가장 빨리 수렴한 설정: lr = {lrs[i]:.3f}, momentum = {momenta[j]:.3f}, {steps[i, j]}걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 이차 함수에서는 가장 빠른 모멘텀 설정을 식으로 구할 수 있습니다 (Polyak의 heavy ball).
# 곡률이 가장 큰 방향과 작은 방향의 곡률을 $L$, $\mu$라 하면
# $\alpha^* = 4/(\sqrt{L} + \sqrt{\mu})^2$, $m^* = \left(\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}\right)^2$,
# $\kappa = L/\mu$입니다. 책의 곡면은 $L = 2$ ($y^2$), $\mu = 0.1$ ($x^2/20$) 입니다.

# %%
L, mu = 2.0, 0.1
kappa = L / mu
lr_best = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
m_best = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
at_best = run(Momentum(lr=lr_best, momentum=m_best), "book", steps=300, tol=1e-10)
print(f"이론의 최적: lr = {lr_best:.3f}, momentum = {m_best:.3f} -> {at_best.converged_at}걸음")
print(f"책의 설정 lr = 0.1, momentum = 0.9 -> {run(Momentum(lr=0.1), 'book', steps=300, tol=1e-10).converged_at}걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 지도에서 찾은 가장 빠른 칸은 이론값 근처에 있습니다 (정확히 같지 않은 것은 출발점에 따라
# 처음 몇 걸음이 다르기 때문입니다).
#
# 아래 지도는 100 × 100 칸을 200걸음씩 돌린 것입니다. 각 칸의 색은 200걸음 뒤의 손실 − 최솟값, 빗금은
# 발산했거나 값이 없는 칸입니다. 발산 경계 (오른쪽 빗금의 왼쪽 끝)는 momentum이 클수록 **오른쪽**
# (큰 lr)으로 물러납니다. 모멘텀 (heavy ball)은 $\alpha\lambda_{\max} < 2(1 + m)$일 때 발산하지 않고,
# 책의 곡면 ($\lambda_{\max} = 2$)에서는 lr < 1 + m 이기 때문입니다 (04의 $z^2 - (1 + m - \alpha\lambda)z + m = 0$
# 에서 $z = -1$을 넣으면 나옵니다). 대신 momentum이 1에 가까운 위쪽 띠에서는 흔들림이 오래 남아 200걸음
# 안에 다 줄지 않습니다.
#
# 네스테로프는 다릅니다. 같은 방법으로 $z^2 - (1 + m)(1 - \alpha\lambda)z + m(1 - \alpha\lambda) = 0$에서
# 경계는 $\alpha\lambda_{\max} < 2(1 + m)/(1 + 2m)$이고, momentum이 클수록 오히려 **작은** lr에서 발산합니다.
# 발산하기 시작하는 lr을 재어 봅니다.

# %%
edge_lrs = np.linspace(0.5, 2.0, 1501)
for name, limit in [("Momentum", lambda m: 1 + m), ("Nesterov", lambda m: (1 + m) / (1 + 2 * m))]:
    edge = sweep(OPTIMIZERS[name], "book", steps=300, lr=edge_lrs, momentum=[0.5, 0.9])
    first = [edge_lrs[np.argmax(edge.diverged_at[:, j] >= 0)] for j in range(2)]
    print(f"{name:9s} 발산하는 가장 작은 lr: m = 0.5 → {first[0]:.3f} (식 {limit(0.5):.3f}), "
          f"m = 0.9 → {first[1]:.3f} (식 {limit(0.9):.3f})")

# %% [markdown] slideshow={"slide_type": "subslide"}
# JupyterLab에서 실행하면 슬라이더가 나타납니다 (커널이 없는 화면에서는 정지 그림).
# `lr`, `momentum` 슬라이더를 움직이면 + 표시가 지도 위를 움직이고, 오른쪽에 그
# 설정의 궤적이 그려집니다. `map`에서 "수렴까지 걸음 수"로 바꾸거나 곡면을 바꿔 보세요.

# %% slideshow={"slide_type": "subslide"}
convergence_map("Momentum", "book", steps=200, size=100, lr_range=(1e-2, 2.0), lr=0.1, momentum=0.9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 비교표
#
# | 방법 | 기억하는 것 (state) | 하이퍼파라미터 | 잘하는 것 | 흔한 실패 |
# |---|---|---|---|---|
# | SGD | 없음 | lr | 단순하고 예측하기 쉬움 | 길쭉한 골짜기에서 지그재그; lr이 크면 발산 |
# | 모멘텀 | 속도 V | lr, momentum | 골짜기를 따라 가속, 잡음을 평균 | 최솟점을 지나쳐 출렁임; lr이 $2(1+m)/\lambda_{\max}$를 넘으면 발산 |
# | 네스테로프 | 속도 V | lr, momentum | 미리 보고 멈춰서 출렁임이 적음 | 모멘텀보다 **작은** lr에서 발산 ($\alpha\lambda_{\max} < 2(1+m)/(1+2m)$; 모멘텀은 $2(1+m)$) |
# | 아다그라드 | 제곱합 h | lr, eps | 매개변수마다 알맞은 걸음 | h가 계속 커져 걸음이 0으로: 멈춤 |
# | 알엠에스프롭 | 이동평균 h | lr, decay_rate, eps | 오래된 기울기를 잊어 멈추지 않음 | 최솟점 근처에서 lr 크기로 흔들림 |
# | 아담 | m, v, t | lr, beta1, beta2, eps | 대부분의 문제에서 무난한 기본값 | 최솟점 근처에서 흔들림; 편향 보정이 없으면 처음 걸음이 너무 큼 (07) |

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 모든 방법은 $W \leftarrow W - (\text{걸음})$입니다. 차이는 걸음을 만들 때 **무엇을 기억하느냐**
#   (속도, 기울기 제곱의 합이나 평균)에 있습니다.
# - 어떤 방법도 모든 곡면에서 가장 빠르지는 않습니다. 곡면의 모양 (조건수, 안장점, 평평한 곳)과
#   하이퍼파라미터가 결과를 정합니다.
# - 수렴 지도는 "좋은 설정"이 한 점이 아니라 **영역**이고, 그 가장자리에 발산이 있다는 것을 보여 줍니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise): 네스테로프 모멘텀
#
# 네스테로프 (Nesterov)는 속도로 한 걸음 **미리 가 본** 곳을 기준으로 움직입니다:
# $V \leftarrow mV - \alpha g$, $W \leftarrow W + mV - \alpha g$.
# 아래 구현에는 실수가 하나 있습니다. 검사기의 말을 읽고 고쳐 보세요.

# %%
class MyNesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            v = self.v.get(key, np.zeros_like(params[key]))
            v = self.momentum * v - self.lr * grads[key]
            params[key] += self.momentum * v - self.lr * grads[key]


check(MyNesterov, "Nesterov", lr=0.1, momentum=0.9)

# %% [markdown]
# <details><summary>정답 보기</summary>
#
# 속도를 계산만 하고 `self.v`에 저장하지 않아, 매번 0에서 다시 시작합니다. 마지막 줄 앞에
# `self.v[key] = v`를 넣으면 됩니다.
#
# ```python
# def update(self, params, grads):
#     for key in params:
#         v = self.v.get(key, np.zeros_like(params[key]))
#         v = self.momentum * v - self.lr * grads[key]
#         self.v[key] = v
#         params[key] += self.momentum * v - self.lr * grads[key]
# ```
# </details>
