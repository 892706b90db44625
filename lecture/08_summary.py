# %% [markdown] slideshow={"slide_type": "slide"}
# # 08. 정리 (Summary): 여섯 옵티마이저를 한자리에
#
# 지금까지 경사하강법 (gradient descent)에서 시작해 SGD, 모멘텀 (Momentum)과 그 변형인 네스테로프
# (Nesterov), 아다그라드 (AdaGrad), 알엠에스프롭 (RMSprop), 아담 (Adam)까지 하나씩 만들어 보았습니다.
# 이렇게 매개변수를 갱신하는 방법 하나하나를 **옵티마이저** (optimizer, 최적화 알고리즘)라고 부릅니다.
# 이 노트북에서는 모두를 같은 곡면 위에서 **경주** (race)시키고, 설정에 따라 결과가 어떻게 달라지는지
# **수렴 지도** (convergence map)로 한눈에 봅니다. 이제부터는 범례와 같이 클래스 이름 (SGD, Momentum,
# Nesterov, AdaGrad, RMSprop, Adam)으로 부릅니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 여섯 갱신식이 무엇을 기억하고 (상태, state) 어떤 하이퍼파라미터 (hyperparameter: 학습률 α나 모멘텀 계수처럼
#    학습이 찾아 주지 않고 사람이 미리 정하는 값)를 쓰는지 비교할 수 있습니다.
# 2. 참고서 (『밑바닥부터 시작하는 딥러닝』)의 비교 그림을 직접 다시 그리고 읽을 수 있습니다.
# 3. 수렴 지도에서 잘 되는 설정과 발산하는 설정의 경계를 찾고, 그 모양을 설명할 수 있습니다.
# 4. 자주 묻는 질문 (어떤 옵티마이저를, 어떤 학습률로?)에 이 강의의 실험을 근거로 답할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import (
    OPTIMIZERS,
    CosineAnnealingLR,
    LinearLR,
    Momentum,
    SequentialLR,
    convergence_map,
    race,
    run,
    sweep,
)
from optim.exercises import check
from optim.figures import book_runs, plot_comparison, plot_loss, plot_paths
from optim.minibatch import data_surface, make_data, run_minibatch

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 여섯 갱신식 한눈에 보기
#
# $g = \partial L / \partial W$라고 쓰면:
#
# | 방법 | 상태 (state) | 갱신 (update) |
# |---|---|---|
# | SGD | 없음 | $W \leftarrow W - \alpha g$ |
# | Momentum | 속도 $V$ | $V \leftarrow mV - \alpha g,\; W \leftarrow W + V$ |
# | Nesterov | 속도 $V$ | $V \leftarrow mV - \alpha g,\; W \leftarrow W + mV - \alpha g$ |
# | AdaGrad | 제곱합 $h$ | $h \leftarrow h + g^2,\; W \leftarrow W - \alpha g / (\sqrt{h} + \epsilon)$ |
# | RMSprop | 이동평균 $h$ | $h \leftarrow \gamma h + (1-\gamma) g^2,\; W \leftarrow W - \alpha g / (\sqrt{h} + \epsilon)$ |
# | Adam | $m, v, t$ | $m \leftarrow \beta_1 m + (1-\beta_1) g,\; v \leftarrow \beta_2 v + (1-\beta_2) g^2,\; W \leftarrow W - \alpha \hat m / (\sqrt{\hat v} + \epsilon)$ |
#
# Nesterov는 "미리 보는" 방법입니다: 원래 식은 속도만큼 미리 가 본 곳 $W + mV$에서 기울기를 재는데
# (Sutskever 외, 2013), 04에서 보였듯이 변수를 바꾸어 쓰면 위 표의 식과 같은 방법이 됩니다.
# 모두 `optim`에 슬라이드와 같은 모양 (`update(params, grads)`)으로 들어 있습니다.

# %%
for name, cls in OPTIMIZERS.items():
    print(f"{name:9s} 상태 {cls.state_names or '없음'!s:12s} 기본값 {cls().hyperparameters}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 참고서의 비교 그림 다시 그리기
#
# 참고서는 $f(x, y) = \frac{x^2}{20} + y^2$ 위에서 $(-7, 2)$에서 출발해 30걸음씩 네 방법을
# 비교합니다. 학습률은 SGD 0.95, Momentum 0.1, AdaGrad 1.5, Adam 0.3입니다.
# 이 곡면은 $x$ 방향으로는 완만하고 $y$ 방향으로는 가파른, 길쭉한 그릇입니다.
# 마지막 열의 보폭 (step length)은 실제로 움직인 거리 $\lVert W_{k} - W_{k-1} \rVert$입니다.

# %%
book = book_runs(steps=30)
for label, trajectory in book.items():
    x, y = trajectory.positions[-1]
    lengths = np.linalg.norm(np.diff(trajectory.positions, axis=0), axis=1)
    print(
        f"{label:18s} 30걸음 후 ({x:7.4f}, {y:7.4f}), 손실 {trajectory.losses[-1]:.6f}, "
        f"보폭 첫 걸음 {lengths[0]:.3f} → 30걸음째 {lengths[-1]:.3f}"
    )

# %% slideshow={"slide_type": "subslide"}
plot_comparison("book", book)

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그림 읽기:
#
# - **SGD**는 가파른 $y$ 방향으로 크게 튀며 지그재그로 갑니다. 기울기 벡터가 골짜기를 가로지르는
#   쪽을 가리키기 때문입니다 (03).
# - **Momentum**은 공처럼 굴러 최솟점을 지나쳤다가 돌아오지만, $x$ 방향의 작은 기울기가
#   속도에 쌓여 SGD보다 멀리 갑니다 (04): 30걸음 뒤 $x$가 이미 0을 넘어 있습니다.
# - **AdaGrad**는 매개변수마다 보폭을 따로 나누어 $y$의 큰 기울기를 눌러 주므로 거의 곧장
#   갑니다 (05). 대신 보폭이 빨리 줄어, 30걸음째에는 첫 걸음의 100분의 1도 되지 않습니다.
# - **Adam**은 Momentum처럼 휘어 돌면서도, 보폭이 기울기의 크기와 거의 상관없이 천천히 변합니다.
#   첫 걸음에서는 두 좌표가 각각 lr = 0.3만큼 움직여 보폭이 $0.3\sqrt{2} \approx 0.424$이고 (07),
#   30걸음째에도 그 4분의 1이 넘습니다.
#
# 위에 찍힌 숫자대로, 이 설정에서는 AdaGrad가 가장 낮은 손실에 도착합니다. 하지만 이것은
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
    surface: {
        name: run(OPTIMIZERS[name](**kw), surface, steps=300) for name, kw in SETTINGS.items()
    }
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
# 이 표의 설정에서는 Momentum이 세 곡면 모두에서 가장 낮습니다. 그런데 2절의 책 설정에서는 AdaGrad가
# 가장 낮았습니다. 학습률을 방법마다 하나씩 정해 두고 비교하면, 순위는 방법보다 **학습률을 얼마나
# 잘 골랐는지**를 더 많이 보여 줍니다. 그래서 이번에는 방법마다, 곡면마다 lr을 $10^{-4}$에서 10까지
# 로그 간격 41개 값으로 모두 돌려 보고 (`sweep`), 300걸음 뒤 손실이 가장 낮은 lr끼리 비교합니다.
# Momentum과 Nesterov의 momentum은 0.9로 둡니다.

# %%
tuned_lrs = np.geomspace(1e-4, 10.0, 41)
print(pad("lr을 고른 뒤", 12) + "".join(pad(name, 15, right=True) for name in OPTIMIZERS))
for surface in ["book", *SURFACES]:
    cells = []
    for cls in OPTIMIZERS.values():
        loss = sweep(cls, surface, steps=300, lr=tuned_lrs).final_loss
        best = np.nanargmin(loss)
        value = f"{loss[best]:.0e}" if loss[best] else "0"
        cells.append(f"{value} @{tuned_lrs[best]:.2g}")
    print(pad(surface, 12) + "".join(pad(cell, 15, right=True) for cell in cells))

# %% [markdown] slideshow={"slide_type": "fragment"}
# 칸마다 "300걸음 뒤 가장 낮은 손실 @ 그때의 lr"입니다. lr을 골라 주면 1등이 곡면마다 바뀝니다:
# 책의 곡면에서는 AdaGrad가 부동소수점의 0에 닿고, 로젠브록과 빌에서는 Adam이 가장 낮고, 힘멜블라우에서는
# 여러 방법이 0에 닿아 비깁니다. 네 곡면 모두에서 이기는 방법은 없습니다. 가장 좋은 lr도 방법마다
# 천 배 넘게 다르기도 합니다 (로젠브록에서 Nesterov 0.001, Adam 1.8). 다만 이것도 "300걸음"이라는 조건의 결과입니다:
# 책의 곡면에서 RMSprop은 더 가면 최솟점 근처에서 흔들리는 상태로 돌아갑니다 (5절).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 안장점 (saddle): 기울기가 0에 가까운 곳
#
# 안장점 $f(x, y) = x^2 - y^2$는 $x$ 방향으로는 그릇, $y$ 방향으로는 언덕입니다. 출발점을 거의
# $x$ 축 위 $(-1.8,\ 0.001)$에 두면 기울기 $(2x, -2y)$가 처음에는 거의 안장점 $(0, 0)$ 쪽만 가리킵니다.
# 다섯 방법 모두 같은 학습률 0.05로 40걸음 갑니다. 표에는 안장점에 가장 가까이 간 거리,
# $|y| > 1$이 되어 안장점을 벗어난 걸음, 40걸음 뒤의 손실을 적습니다.
#
# 이 곡면은 아래로 끝이 없어서 (unbounded below) 최솟값이 없고, $y$ 방향으로 멀리 갈수록 손실이
# 음수로 한없이 내려갑니다. 그래서 여기서는 손실이 **음수이고 낮을수록** 안장점에서 더 멀리 빠져나간 것입니다.

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
#   $y$ 방향의 보폭이 $2\alpha |y|$라서 $y$가 작으면 보폭도 작고, 40걸음이 끝날 때까지 빠져나가지 못합니다.
#   손실이 거의 0인 것은 안장점 (값 0) 바로 옆에 있기 때문입니다.
# - **Momentum**도 안장점 근처까지 오지만, 쌓인 속도로 안장점을 지나쳤다가 돌아오는 사이 $y$ 방향의 작은
#   기울기도 속도에 쌓여 (04의 가속) 빠져나갑니다.
# - 기울기를 기울기 제곱 (합이나 평균)의 제곱근으로 나누는 **AdaGrad, RMSprop, Adam**은 $y$의 아주 작은 기울기도 $x$와 비슷한
#   크기의 걸음으로 바꿉니다. 그래서 안장점에 들르지 않고 처음부터 대각선으로 움직입니다. 이것이 정하는
#   것은 **방향**입니다. 빠져나가는 **빠르기**는 좌표마다의 보폭이 정하고, 셋의 보폭은 처음부터 다릅니다.
#   아래에서 처음 세 걸음의 $y$ 보폭을 봅니다.

# %%
for name in ["AdaGrad", "RMSprop", "Adam"]:
    dy = np.abs(np.diff(saddle[name].positions[:4, 1]))  # the first three steps
    shown = ", ".join(f"{d:.4f}" for d in dy)
    print(f"{name:8s} y 방향 보폭: {shown}  (α = 0.05의 {dy[0] / 0.05:.1f}배로 시작)")
gamma = OPTIMIZERS["RMSprop"]().decay_rate
print(
    f"RMSprop의 첫 보폭 (좌표마다) α / √(1 − γ) = "
    f"0.05 / √{1 - gamma:.2f} = {0.05 / np.sqrt(1 - gamma):.3f}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# - **RMSprop**이 2걸음 만에 빠져나가는 주된 이유는 06의 출발 치우침 (start-up bias)입니다. $h$가 0에서
#   출발하고 보정이 없어서, 첫 걸음에서는 $h = (1 - \gamma) g^2$이고 $\sqrt{h} = \sqrt{1 - \gamma}\,|g|$입니다.
#   그래서 첫 보폭은 좌표마다 $\alpha / \sqrt{1 - \gamma}$, $\gamma = 0.99$에서 **$10\alpha$** = 0.5입니다. 위 숫자대로
#   두 걸음 동안 $y$가 약 0.5씩 움직여 $|y| > 1$이 됩니다. 그 뒤로는 $h$가 쌓이면서 보폭이 줄어듭니다.
# - **Adam**은 편향 보정 (07) 덕분에 첫 보폭이 좌표마다 정확히 $\alpha$ = 0.05입니다. 보폭이 $\alpha$ 안팎이면
#   $|y|$가 1을 넘기까지 약 $1 / 0.05 = 20$걸음이 걸리고, 표의 20걸음이 바로 그것입니다.
# - **AdaGrad**도 첫 보폭은 $\alpha$이지만, $h$가 계속 쌓여 보폭이 줄어들므로 (05) 가장 느립니다. 40걸음 뒤에도
#   아직 $|y| < 1$이고 $x$ 방향의 그릇을 다 내려오지 못해 손실이 양수입니다.
#
# 그러니 이 표는 "RMSprop이 안장점에 가장 강하다"가 아니라, **같은 α에서 RMSprop의 처음 걸음이 10배 크다**는
# 것을 보여 줍니다. 방법을 비교할 때는 같은 α가 같은 보폭을 뜻하지 않는다는 점을 기억하세요.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### 직접 경주시켜 보기
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# 아래에서 곡면을 고르고, 각 옵티마이저의 `lr` 슬라이더를 움직인 뒤 ▶ (Play)를 눌러 보세요.
#
# - 책의 곡면에서 SGD의 lr을 1.0 위로 올리면? ($y$ 방향 곡률이 2이므로 lr > 1에서 발산합니다.)
# - 로젠브록에서 Adam의 lr을 0.5로 올리면 골짜기를 따라가나요, 튀어 나가나요?

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
# 계산합니다 (파이썬 반복문 없이 numpy 브로드캐스팅으로). 아래에서는 책의 곡면에서 $(-7, 2)$부터
# 300걸음을 돌려, 손실이 $10^{-10}$ 안으로 들어와 끝까지 머문 칸 (수렴)과 발산한 칸을 셉니다.

# %%
lrs, momenta = np.geomspace(1e-2, 2.0, 200), np.linspace(0.0, 0.99, 200)
result = sweep(Momentum, "book", steps=300, tol=1e-10, lr=lrs, momentum=momenta)
converged = result.converged_at >= 0
diverged = result.diverged_at >= 0
print(f"설정 {converged.size}개 중 수렴 {converged.sum()}개, 발산 {diverged.sum()}개")
steps = np.where(converged, result.converged_at, np.iinfo(int).max)
i, j = np.unravel_index(steps.argmin(), steps.shape)
map_best = {"lr": lrs[i], "momentum": momenta[j]}
print(f"가장 빨리 수렴한 설정: lr = {lrs[i]:.3f}, momentum = {momenta[j]:.3f}, {steps[i, j]}걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 이차 함수에서는 한 걸음마다 오차가 줄어드는 비율을 가장 작게 만드는 Momentum 설정을 식으로 구할 수 있습니다
# (Polyak의 heavy ball). 곡률이 가장 큰 방향과 작은 방향의 곡률을 $L$, $\mu$라 하면
# $\alpha^* = 4/(\sqrt{L} + \sqrt{\mu})^2$, $m^* = \left(\frac{\sqrt{\kappa} - 1}{\sqrt{\kappa} + 1}\right)^2$,
# $\kappa = L/\mu$입니다. 책의 곡면은 $L = 2$ ($y^2$), $\mu = 0.1$ ($x^2/20$)입니다.

# %%
L, mu = 2.0, 0.1
kappa = L / mu
lr_best = 4 / (np.sqrt(L) + np.sqrt(mu)) ** 2
m_best = ((np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)) ** 2
polyak = {"lr": lr_best, "momentum": m_best}
at_best = run(Momentum(**polyak), "book", steps=300, tol=1e-10)
print(f"이론의 최적: lr = {lr_best:.3f}, momentum = {m_best:.3f} -> {at_best.converged_at}걸음")
book_setting = run(Momentum(lr=0.1), "book", steps=300, tol=1e-10)
print(f"책의 설정 lr = 0.1, momentum = 0.9 -> {book_setting.converged_at}걸음")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 왜 "이론의 최적"이 지도에서 지는가: 겹근
#
# 이론의 최적이 36걸음, 지도의 칸이 29걸음입니다. 출발점 탓이 아닙니다. 두 설정이 재는 것이 다릅니다.
#
# 책의 곡면에서는 $x$와 $y$가 따로 움직이므로, 곡률이 $\lambda$인 한 방향만 보면 됩니다 ($\lambda = 0.1$ 또는 2).
# 최솟점에서 벗어난 양 (부호가 있는 오차)을 $e_k$라 하면 $V_{k+1} = mV_k - \alpha\lambda e_k$, $e_{k+1} = e_k + V_{k+1}$이고, 두 칸짜리
# 상태로 쓰면
#
# $$\begin{pmatrix} e_{k+1} \\ e_k \end{pmatrix} = \begin{pmatrix} 1 + m - \alpha\lambda & -m \\ 1 & 0 \end{pmatrix} \begin{pmatrix} e_k \\ e_{k-1} \end{pmatrix}$$
#
# 입니다. 이 2 × 2 행렬의 고윳값 $z$가 04의 $z^2 - (1 + m - \alpha\lambda)z + m = 0$의 두 근이고, 두 근의 곱은 $m$입니다.
#
# - 두 근이 복소수이면 크기가 둘 다 $\rho = \sqrt{m}$이고, $e_k \propto \rho^k \cos(k\theta + \varphi)$: 한 걸음에 $\rho$배씩 줄며 흔들립니다.
# - 두 근이 같으면 (겹근, $(1 + m - \alpha\lambda)^2 = 4m$) 행렬을 대각화할 수 없고, $e_k = (a + bk)\,z^k$:
#   $\rho^k$ 앞에 **$k$가 하나 더 곱해집니다.**
#
# Polyak의 설정은 느린 방향 ($\lambda = \mu$)과 빠른 방향 ($\lambda = L$)을 **둘 다 정확히 겹근**에 놓아서
# ($1 + m - \alpha\mu = 2\sqrt{m}$, $1 + m - \alpha L = -2\sqrt{m}$) 두 방향의 $\rho$ 가운데 큰 쪽을 가장 작게
# 만든 설정입니다. 그래서 $k \to \infty$일 때의 비율 (점근적 수렴률, asymptotic rate)은 가장 좋지만, 오차는
# $\rho^k$가 아니라 $k\rho^k$처럼 줄어듭니다. 두 설정의 근을 찍어 봅니다.


# %%
def roots(lr, momentum, curvature):
    """The two roots of z² − (1 + m − αλ) z + m = 0: the eigenvalues of the 2 × 2 step matrix."""
    matrix = np.array([[1 + momentum - lr * curvature, -momentum], [1.0, 0.0]])
    return np.linalg.eigvals(matrix)


for label, setting in [("이론의 최적", polyak), ("지도의 칸", map_best)]:
    for lam in (mu, L):
        z = roots(setting["lr"], setting["momentum"], lam)
        shown = ", ".join(
            f"{r.real:+.4f}" + (f"{r.imag:+.4f}j" if abs(r.imag) > 1e-6 else "") for r in z
        )
        print(f"{pad(label, 11)} λ = {lam:3}: 근 {shown}, 크기 {np.abs(z).max():.4f}")
rho_polyak, rho_map = np.sqrt(m_best), np.sqrt(map_best["momentum"])
k = np.arange(1, 1001)
late = k[(k * rho_polyak**k >= rho_map**k)].max() + 1
print(f"k·{rho_polyak:.4f}^k 가 다시 {rho_map:.4f}^k 보다 작아져 그대로 머무는 것은 k = {late}부터")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 이론의 최적에서는 두 방향 모두 겹근 ($+0.6345$ 두 번, $-0.6345$ 두 번)이고, 지도의 칸에서는 두 방향 모두
# 크기 0.6503의 복소수 근입니다. 0.6503은 0.6345보다 조금 크지만 $k$가 곱해지지 않습니다. 곱해진 $k$가
# 비율의 차이 $(0.6503/0.6345)^k$에 따라잡히려면 (앞에 붙는 상수를 뺀 어림으로) 200걸음이 넘게 걸립니다. 그 전에 멈추는
# 목표라면 지도의 칸이 먼저 도착합니다. 이것을 출발점 20개 (시드 0으로 뽑은 무작위 점)와 여러 허용 오차로 확인합니다.
# 손실 $10^{-100}$은 실제로는 쓸모없는 목표이지만, 점근적 수렴률의 차이가 드러나는 곳을 보려고 넣었습니다.

# %%
rng = np.random.default_rng(0)
starts = np.column_stack([rng.uniform(-10, 10, 20), rng.uniform(-5, 5, 20)])
headers = ["(-7, 2)에서: 최적 / 칸", "무작위 20곳 중앙값: 최적 / 칸", "칸이 빠른 곳"]
widths = [26, 32, 14]
print(pad("허용 오차", 10) + "".join(pad(head, w, right=True) for head, w in zip(headers, widths)))
for tol in [1e-6, 1e-10, 1e-14, 1e-30, 1e-100]:
    book_start = [
        run(Momentum(**s), "book", steps=600, tol=tol).converged_at for s in (polyak, map_best)
    ]
    a, b = (
        run(Momentum(**s), "book", start=starts, steps=600, tol=tol).converged_at
        for s in (polyak, map_best)
    )
    cells = [
        f"{book_start[0]} / {book_start[1]}",
        f"{np.median(a):g} / {np.median(b):g}",
        f"{(b < a).sum()}/20",
    ]
    print(pad(f"{tol:.0e}", 10) + "".join(pad(c, w, right=True) for c, w in zip(cells, widths)))

# %% [markdown] slideshow={"slide_type": "fragment"}
# 실제로 쓰는 허용 오차 ($10^{-6}$에서 $10^{-14}$)에서는 20곳 모두에서 지도의 칸이 이론의 최적보다 빠릅니다.
# 허용 오차를 한없이 조이면 언젠가 이론의 최적이 이깁니다: 위 표의 $10^{-100}$ 줄이 그것입니다.
# 정리하면, Polyak의 설정은 **한 걸음당 점근적 수렴률**을 최소로 하는 설정이지, **정해진 허용 오차까지의
# 걸음 수**를 최소로 하는 설정이 아닙니다. 지도는 후자를 잽니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 발산 경계: Momentum과 Nesterov
#
# 아래 지도는 100 × 100 칸을 200걸음씩 돌린 것입니다. 각 칸의 색은 200걸음 뒤의 손실 − 최솟값, 빗금은
# 발산했거나 값이 없는 칸입니다. 발산 경계 (오른쪽 빗금의 왼쪽 끝)는 momentum이 클수록 **오른쪽**
# (큰 lr)으로 물러납니다. Momentum (heavy ball)은 $\alpha\lambda_{\max} < 2(1 + m)$일 때 발산하지 않고,
# 책의 곡면 ($\lambda_{\max} = 2$)에서는 lr < 1 + m이기 때문입니다 (위의 $z^2 - (1 + m - \alpha\lambda)z + m = 0$에
# $z = -1$을 넣으면 나옵니다). 대신 momentum이 1에 가까운 위쪽 띠에서는 근의 크기 $\sqrt{m}$이 1에 가까워
# 흔들림이 오래 남고, 200걸음 안에 다 줄지 않습니다.
#
# Nesterov는 다릅니다. 같은 방법으로 $z^2 - (1 + m)(1 - \alpha\lambda)z + m(1 - \alpha\lambda) = 0$에서
# 경계는 $\alpha\lambda_{\max} < 2(1 + m)/(1 + 2m)$이고, momentum이 클수록 오히려 **작은** lr에서 발산합니다.
# 발산하기 시작하는 lr을 재어 봅니다.

# %%
edge_lrs = np.linspace(0.5, 2.0, 1501)
for name, limit in [("Momentum", lambda m: 1 + m), ("Nesterov", lambda m: (1 + m) / (1 + 2 * m))]:
    edge = sweep(OPTIMIZERS[name], "book", steps=300, lr=edge_lrs, momentum=[0.5, 0.9])
    first = [edge_lrs[np.argmax(edge.diverged_at[:, j] >= 0)] for j in range(2)]
    print(
        f"{name:9s} 발산하는 가장 작은 lr: m = 0.5 → {first[0]:.3f} (식 {limit(0.5):.3f}), "
        f"m = 0.9 → {first[1]:.3f} (식 {limit(0.9):.3f})"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 그렇다면 Nesterov가 Momentum보다 나은 곳은 어디일까요? 위의 200 × 200 격자를 Nesterov로도 돌려,
# 둘 다 수렴한 칸에서 걸음 수를 비교합니다.

# %%
nesterov = sweep(OPTIMIZERS["Nesterov"], "book", steps=300, tol=1e-10, lr=lrs, momentum=momenta)
a, b = result.converged_at, nesterov.converged_at
both = (a >= 0) & (b >= 0)
print(
    f"둘 다 수렴한 칸 {both.sum()}개: Nesterov가 빠름 {(b < a)[both].sum()}, "
    f"같음 {(b == a)[both].sum()}, Momentum이 빠름 {(b > a)[both].sum()}"
)
for low, high in [(0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.0)]:
    band = both & ((low <= momenta) & (momenta < high))[None, :]
    print(
        f"  momentum {low:.1f} 이상 {high:.1f} 미만: "
        f"Nesterov가 빠름 {(b < a)[band].sum():4d}칸 / {band.sum():4d}칸"
    )
print(f"가장 빠른 칸: Momentum {a[a >= 0].min()}걸음, Nesterov {b[b >= 0].min()}걸음")

# %% [markdown] slideshow={"slide_type": "fragment"}
# Nesterov가 앞서는 곳은 momentum이 큰 (0.8 이상) 띠입니다. 04에서 본 대로, 미리 본 기울기가 지나치기 전에
# 속도를 줄여 주어 큰 momentum의 긴 흔들림을 빨리 잦아들게 합니다. momentum이 작은 곳과 가장 빠른 칸에서는
# Momentum이 앞섭니다. "Nesterov가 늘 낫다"가 아니라 "momentum이 클 때 낫다"입니다.
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면에서는 처음 설정의 정지 그림이 나옵니다.
# `lr`, `momentum` 슬라이더를 움직이면 + 표시가 지도 위를 움직이고, 오른쪽에 그
# 설정의 궤적이 그려집니다. 지도의 한 칸을 누르면 (click) 슬라이더가 그 칸의 설정으로 옮겨 가고, + 표시와
# 오른쪽 궤적도 그 칸의 것으로 바뀝니다. `map`에서 "수렴까지 걸음 수"로 바꾸거나 곡면을 바꿔 보세요.

# %% slideshow={"slide_type": "subslide"}
convergence_map("Momentum", "book", steps=200, size=100, lr_range=(1e-2, 2.0), lr=0.1, momentum=0.9)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 최솟점 근처에서 멈추지 못하는 경우: RMSprop과 Adam
#
# RMSprop과 Adam은 기울기를 "최근 기울기 크기"로 나누므로, 최솟점 근처에서 기울기가 작아져도 보폭은
# 그만큼 작아지지 않습니다. 그래서 최솟점 근처에서 멈추지 못하고 흔들릴 수 있습니다. 언제 그런지
# 여러 lr로 재어 봅니다. 책의 곡면과 로젠브록에서 lr을 0.01부터 1까지 로그 간격 21개 값으로 6000걸음씩
# 돌리고, 3000걸음 무렵 (2500~3000걸음)과 끝 (5500~6000걸음)의 가장 큰 손실을 비교합니다.
#
# - **수렴**: 끝의 가장 큰 손실이 $10^{-12}$ 아래
# - **흔들림**: 그렇지 않고, 3000걸음을 더 가도 가장 큰 손실이 10분의 1로도 줄지 않음
# - **내려가는 중**: 나머지

# %%
hover_lrs = np.geomspace(0.01, 1.0, 21)
HOVER = [
    ("RMSprop", {"decay_rate": 0.99}),
    ("RMSprop", {"decay_rate": 0.9}),
    ("Adam", {"beta2": 0.999}),
    ("Adam", {"beta2": 0.99}),
    ("Adam", {"beta2": 0.9}),
]
STARTS = {"book": (-7.0, 2.0), "rosenbrock": (-1.5, 2.0)}
print(
    pad("곡면", 12)
    + pad("설정", 24)
    + "".join(pad(h, 14, right=True) for h in ["수렴", "흔들림", "내려가는 중"])
    + pad("흔들린 가장 작은 lr", 22, right=True)
)
for surface, start in STARTS.items():
    for name, setting in HOVER:
        settings = {key: np.full(21, value) for key, value in setting.items()}
        optimizer = OPTIMIZERS[name](lr=hover_lrs, **settings)
        losses = run(optimizer, surface, start=np.broadcast_to(start, (21, 2)), steps=6000).losses
        middle, end = losses[2500:3001].max(axis=0), losses[5500:].max(axis=0)
        done = end <= 1e-12
        hovering = ~done & (end > 0.1 * middle)
        counts = [done.sum(), hovering.sum(), (~done & ~hovering).sum()]
        low = f"{hover_lrs[hovering].min():.3f}" if hovering.any() else "-"
        label = f"{name} " + ", ".join(f"{key} {value}" for key, value in setting.items())
        print(
            pad(surface, 12)
            + pad(label, 24)
            + "".join(pad(f"{c}", 14, right=True) for c in counts)
            + pad(low, 22, right=True)
        )

# %% [markdown] slideshow={"slide_type": "subslide"}
# 세 가지가 보입니다.
#
# - **RMSprop**은 두 곡면의 어떤 lr에서도 수렴하지 않습니다 (책의 곡면에서는 21개 모두 흔들림). 책의 곡면에서 끝은 좌표마다 $-\alpha/2$와 $+\alpha/2$ 사이를
#   오가는 왕복입니다. 왕복에서는 기울기의 크기가 매번 같으므로 $h$가 $g^2$에 다가가고, 보폭이
#   $\alpha\, g / \sqrt{h} = \alpha$로 고정되기 때문입니다. 그때 손실은 $(\alpha/2)^2 (1/20 + 1)$입니다 (아래에서 확인합니다).
# - **Adam**은 기본값 $\beta_2 = 0.999$이면 책의 곡면에서 21개 중 16개가 수렴하고, 흔들린 5개는 모두 lr이
#   0.316 이상입니다. 로젠브록에서는 lr이 0.016만 되어도 흔들립니다. $v$가 과거의 큰 기울기를 약 1000걸음 동안
#   기억해서, 기울기가 줄면 한동안 보폭도 함께 줄어들기 때문입니다. 다만 "한동안"입니다 (아래에서 더 오래 돌립니다).
# - $\beta_2$를 줄이면 (0.99, 0.9) $v$가 최근 기울기만 기억해 Adam도 RMSprop처럼 모든 lr에서 흔들립니다.

# %%
rms = run(OPTIMIZERS["RMSprop"](lr=0.1), "book", steps=6000)
last_two = np.round(rms.positions[-2:], 4)
print(f"RMSprop lr = 0.1, 6000걸음: 마지막 두 점 {last_two[0]}, {last_two[1]}")
print(f"손실 {rms.losses[-1]:.6f}, (α/2)²·(1/20 + 1) = {(0.1 / 2) ** 2 * (1 / 20 + 1):.6f}")

# %% slideshow={"slide_type": "subslide"}
hover_runs = {
    "Adam (lr = 0.1, β2 = 0.999)": run(OPTIMIZERS["Adam"](lr=0.1), "book", steps=3000),
    "Adam (lr = 0.1, β2 = 0.9)": run(OPTIMIZERS["Adam"](lr=0.1, beta2=0.9), "book", steps=3000),
    "RMSprop (lr = 0.1)": run(OPTIMIZERS["RMSprop"](lr=0.1), "book", steps=3000),
}
plot_loss(hover_runs, "book")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 그림의 3000걸음 동안 $\beta_2 = 0.999$인 Adam은 계속 내려가고 ($10^{-16}$ 아래는 그림의 바닥에 붙여 그렸습니다),
# $\beta_2 = 0.9$인 Adam은 일찍부터 같은 높이에서 흔들립니다. RMSprop은 한때 최솟점에 바짝 다가갔다가
# 600걸음 무렵 다시 튀어 나옵니다. 기울기가 작아지면 $h$도 잊혀 작아지고, 유효 학습률 $\alpha/(\sqrt{h} + \epsilon)$이
# 커지기 때문입니다. 가파른 $y$ 방향 (곡률 2)의 유효 학습률이 1을 넘으면 (SGD가 lr > 1에서 발산하는 것과 같은
# 조건) 아주 작던 $y$가 걸음마다 커지고, 왕복의 크기에서 멈춥니다.

# %%
h_y = hover_runs["RMSprop (lr = 0.1)"].states["h"][1:, 1]
losses = hover_runs["RMSprop (lr = 0.1)"].losses
over = 1 + np.flatnonzero(0.1 / (np.sqrt(h_y) + 1e-7) > 1)[0]
back = np.flatnonzero((losses > 1e-6) & (np.arange(losses.size) > over))[0]
print(
    f"RMSprop: 가장 낮은 손실 {losses.min():.1e}, y의 유효 학습률이 1을 넘은 걸음 {over}, "
    f"손실이 다시 1e-6을 넘은 걸음 {back}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# **기본값의 Adam도 결국 같은 일을 겪습니다.** 위 표의 "수렴"은 6000걸음까지의 이야기입니다. $\beta_2 = 0.999$인
# $v$는 RMSprop의 $h$ ($\gamma = 0.99$)보다 열 배 오래 기억할 뿐이라서, 최솟점에 바짝 붙어 기울기가 아주 작은 채로
# 수천 걸음이 지나면 $v$도 그 작은 기울기에 맞춰지고, 유효 학습률이 커져 다시 튀어 나옵니다. Adam
# ($\beta_2 = 0.999$)을 20000걸음까지 돌려, 손실이 $10^{-12}$ 아래로 내려간 뒤 다시 $10^{-6}$을 넘는지 봅니다.


# %%
def rebound(losses):
    """(first step with loss <= 1e-12, first later step with loss > 1e-6), -1 where none."""
    low = np.argmax(losses <= 1e-12, axis=0)
    low = np.where((losses <= 1e-12).any(axis=0), low, -1)
    later = (losses > 1e-6) & (np.arange(losses.shape[0])[:, None] > low) & (low >= 0)
    return low, np.where(later.any(axis=0), np.argmax(later, axis=0), -1)


book_starts = np.broadcast_to(STARTS["book"], (21, 2))  # one run per lr, all from one start
book_long = run(OPTIMIZERS["Adam"](lr=hover_lrs), "book", start=book_starts, steps=20_000)
low, back = rebound(book_long.losses)
rebounds = back[back >= 0]
print(
    f"책의 곡면, lr {hover_lrs[0]:.2f} … {hover_lrs[-1]:.0f} (21개): "
    f"1e-12 아래에 닿은 lr {np.sum(low >= 0)}개, "
    f"그 뒤 다시 1e-6을 넘은 lr {rebounds.size}개 ({rebounds.min()}~{rebounds.max()}걸음)"
)
rosen_lrs = np.array([0.001, 0.01])
rosen_starts = np.broadcast_to(STARTS["rosenbrock"], (2, 2))
rosen_long = run(OPTIMIZERS["Adam"](lr=rosen_lrs), "rosenbrock", start=rosen_starts, steps=20_000)
rosen_losses = rosen_long.losses
for lr, first, again, losses in zip(rosen_lrs, *rebound(rosen_losses), rosen_losses.T):
    print(
        f"로젠브록, lr = {lr}: {first}걸음에 1e-12 아래, {again}걸음에 다시 1e-6 위, "
        f"그 뒤 가장 큰 손실 {losses[again:].max():.1e}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 책의 곡면의 21개 lr 모두, 로젠브록에서는 기본값 lr = 0.001까지도 최솟점에 한 번 붙었다가 다시 튀어 나옵니다.
# 위 표에서 $\beta_2 = 0.999$인 Adam의 "수렴"은 6000걸음에서 멈춰 본 결과였던 셈입니다. $\beta_2$를 줄이면
# 이 일이 훨씬 일찍 일어나 6000걸음 안에 보입니다.
#
# 실제 학습에서는 기울기에 **잡음**이 있습니다 (03의 미니배치). 그러면 최솟점 근처에서 흔들리는 것은
# RMSprop과 Adam만이 아닙니다. 03의 데이터 200개에 미니배치 10개로 여섯 방법 모두 2000걸음씩 가서,
# 마지막 500걸음의 평균 "손실 − 최솟값"을 봅니다.

# %%
data = make_data(seed=0)
minimum = data_surface(data).min_value
earlier = []
print(
    pad("미니배치 10개", 14)
    + "".join(pad(f"lr = {lr}", 12, right=True) for lr in [0.01, 0.03, 0.1])
)
for name in OPTIMIZERS:
    cells = []
    for lr in [0.01, 0.03, 0.1]:
        noisy = run_minibatch(OPTIMIZERS[name](lr=lr), data, 10, steps=2000, seed=0)
        cells.append(f"{np.mean(noisy.losses[-500:]) - minimum:.1e}")
        if name == "AdaGrad":  # the same run 500 steps earlier: is it still coming down?
            earlier.append(f"{np.mean(noisy.losses[-1000:-500]) - minimum:.1e}")
    print(pad(name, 14) + "".join(pad(cell, 12, right=True) for cell in cells))
print(pad("AdaGrad 이전", 14) + "".join(pad(cell, 12, right=True) for cell in earlier))

# %% [markdown] slideshow={"slide_type": "fragment"}
# 잡음이 있으면 AdaGrad를 뺀 다섯 방법 모두 최솟점 근처에 머물 뿐 닿지 못하고, 그 높이는 lr이 클수록 높습니다.
# 잡음 속의 흔들림은 Adam만의 실패가 아니라, 학습률이 일정한 방법의 공통된 성질입니다. AdaGrad는 다릅니다.
# 유효 학습률이 저절로 줄어드므로 (05) 세 lr 모두 2000걸음이 지나도 아직 내려오는 중이고 (마지막 줄
# "AdaGrad 이전"은 같은 실행의 그 전 500걸음으로, 세 lr 모두 더 높습니다), 작은 lr일수록 멀리 남아 있습니다. 그래서
# 실제 학습에서는 학습률이 일정한 방법을 쓸 때 학습 후반에 lr을 줄여 갑니다 (학습률 스케줄, learning-rate schedule).
#
# Momentum이 "잡음을 평균해 준다"는 말도 표로 확인할 수 있습니다. 같은 lr끼리 보면 Momentum은 SGD보다 한 자릿수
# 넘게 높이 흔들립니다. 속도가 기울기를 쌓아서 실제 보폭이 lr의 $1/(1-m)$배, momentum 0.9면 10배가 되기
# 때문입니다. 보폭이 같은 것끼리, 곧 lr = 0.01의 Momentum과 lr = 0.1의 SGD를 비교하면 높이가 비슷합니다.
# 같은 보폭에서 잡음을 줄여 주지는 않는다는 뜻입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 학습률 스케줄: 워밍업 + 코사인 (warm-up + cosine)
#
# 03에서 잡음 속의 SGD는 lr을 줄여 가면 자리를 잡았습니다. 요즘 신경망 학습에서 흔한 스케줄은 그 앞에
# **워밍업** (warm-up)을 붙인 것입니다. 처음 몇 %의 걸음 동안 lr을 작은 값에서 α까지 직선으로 올리고
# (`LinearLR`), 그 뒤로는 코사인의 반 주기를 따라 0까지 내립니다 (`CosineAnnealingLR`). 둘을 잇는 것이
# `SequentialLR`이고, `milestones`는 다음 스케줄로 넘어가는 걸음입니다. 여기서는 300걸음 중 처음 30걸음이
# 워밍업입니다 (α의 0.1배에서 출발).
#
# 이름과 인자는 PyTorch의 `torch.optim.lr_scheduler`와 같습니다. PyTorch에서는 각 스케줄의 첫 인자로 옵티마이저를
# 넘긴다는 것만 다릅니다: `SequentialLR(opt, [LinearLR(opt, start_factor=0.1, total_iters=30), CosineAnnealingLR(opt, T_max=270)], milestones=[30])`.

# %%
warmup_cosine = SequentialLR(
    [LinearLR(start_factor=0.1, total_iters=30), CosineAnnealingLR(T_max=270)], milestones=[30]
)
shown = ", ".join(f"t={t} {warmup_cosine.lr_at(1.0, t):.4f}" for t in [0, 15, 29, 30, 165, 299])
print(f"lr_at(α, t) / α: {shown}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 책의 그릇에서 Adam에 잡음 σ = 1을 주고 (`noise=1.0`), lr 슬라이더의 눈금 81개 (0.001~10) 각각을 일정한 lr과
# 워밍업 + 코사인으로 300걸음씩 돌립니다. 잡음의 시드 20개 (0~19)로 되풀이해 마지막 손실의 평균을 봅니다. 두 방법은
# 시드마다 같은 잡음을 받습니다.

# %%
stops = 10.0 ** (np.arange(-60, 21) / 20)  # the lr slider's stops from 0.001 to 10
final = {}
for label, schedule in [("일정한 lr", None), ("워밍업 + 코사인", warmup_cosine)]:
    losses = [
        sweep(OPTIMIZERS["Adam"], "book", steps=300, schedule=schedule, noise=1.0, seed=s, lr=stops)
        for s in range(20)
    ]
    final[label] = np.mean([result.final_loss for result in losses], axis=0)
constant, scheduled = final.values()
print(pad("lr", 10) + "".join(pad(label, 18, right=True) for label in final))
for i in range(0, stops.size, 10):
    print(
        pad(f"{stops[i]:.4g}", 10)
        + pad(f"{constant[i]:.3g}", 18, True)
        + pad(f"{scheduled[i]:.3g}", 18, True)
    )
for label, loss in final.items():
    print(f"{label}: 가장 낮은 평균 손실 {loss.min():.3g} (lr = {stops[loss.argmin()]:.4g})")
lower = scheduled < constant
print(
    f"워밍업 + 코사인이 더 낮은 눈금: 81개 중 {lower.sum()}개, "
    f"lr = {stops[lower].min():.4g} ~ {stops[lower].max():.4g}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 스케줄이 늘 이기지는 않습니다. lr이 0.1413 이상인 38개 눈금에서는 워밍업 + 코사인이 더 낮게 끝납니다. 큰 lr의
# 흔들림을 끝의 작은 lr이 가라앉히기 때문입니다. lr이 그보다 작으면 오히려 일정한 lr이 낫습니다. 작은 lr은
# 흔들림이 작은 대신 최솟점까지 가는 데 걸음이 모자란데, 스케줄은 그 lr을 처음과 끝에서 더 줄이기 때문입니다.
# 각자 가장 좋은 lr끼리 비교하면 워밍업 + 코사인이 조금 낮고, 그 lr은 일정한 lr의 최선보다 큽니다.
# 스케줄을 쓰면 lr을 더 크게 잡을 수 있다는 뜻입니다. 표의 lr 0.3162~10 네 줄에서 워밍업 + 코사인의 손실은 0.0332~0.0974로,
# lr을 30배 넘게 바꿔도 크게 달라지지 않습니다. lr = 1 (시드 0)의 lr(t)와 손실입니다.

# %%
pair = {
    label: run(OPTIMIZERS["Adam"](lr=1.0), "book", steps=300, schedule=schedule, noise=1.0, seed=0)
    for label, schedule in [("일정한 lr", None), ("워밍업 + 코사인", warmup_cosine)]
}
colors = ["#999999", optim.style.COLORS["Adam"]]  # both Adam: grey and Adam's own colour
fig, (left, right) = plt.subplots(1, 2, figsize=(15, 5), layout="constrained")
for (label, trajectory), color in zip(pair.items(), colors):
    left.plot(np.arange(1, trajectory.steps + 1), trajectory.lrs, color=color, label=label)
left.set(xlabel="걸음", ylabel="lr", title="Adam (lr = 1)의 lr(t)")
left.grid(True, alpha=0.3)
left.legend()
plot_loss(pair, "book", colors=colors, ax=right)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. 비교표
#
# | 방법 | 기억하는 것 (state) | 하이퍼파라미터 | 잘하는 것 | 흔한 실패 |
# |---|---|---|---|---|
# | SGD | 없음 | lr | 단순하고 예측하기 쉬움 | 길쭉한 골짜기에서 지그재그; lr이 $2/\lambda_{\max}$를 넘으면 발산 |
# | Momentum | 속도 V | lr, momentum | 골짜기를 따라 가속 (04) | 최솟점을 지나쳐 출렁임; 같은 lr이면 잡음 속에서 SGD보다 높이 흔들림 (5절); lr이 $2(1+m)/\lambda_{\max}$를 넘으면 발산 |
# | Nesterov | 속도 V | lr, momentum | momentum이 클 때 (0.8 이상) Momentum보다 빨리 잦아듦 (4절) | Momentum보다 **작은** lr에서 발산 ($\alpha\lambda_{\max} < 2(1+m)/(1+2m)$) |
# | AdaGrad | 제곱합 h | lr, eps | 매개변수마다 알맞은 보폭 | h가 계속 커져 보폭이 계속 줄어듦 (05); 알맞은 lr이 걸음 수와 곡면에 따라 달라짐 |
# | RMSprop | 이동평균 h | lr, decay_rate, eps | 오래된 기울기를 잊어 보폭이 줄어들지 않음 (06) | 처음 걸음이 $\alpha/\sqrt{1-\gamma}$로 큼 (3절, 06의 출발 치우침); 최솟점 근처에서 보폭 lr로 왕복 (5절) |
# | Adam | m, v, t | lr, beta1, beta2, eps | 보폭이 기울기 크기에 덜 민감; 편향 보정으로 처음 걸음이 lr (07) | 최솟점에 붙은 뒤 v가 작은 기울기에 맞춰지면 다시 튀어 나옴 (beta2가 작을수록 일찍, 5절) |
#
# 잡음이 있는 기울기에서는 AdaGrad를 뺀 다섯 방법 모두 최솟점 근처에서 흔들리고, lr이 클수록 더 높이 흔들립니다 (5절).

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. 자주 묻는 질문 (Q&A)
#
# **Q1. 어떤 옵티마이저를 써야 하나요?**
# 모든 문제에서 이기는 방법은 없습니다. 3절에서 lr을 곡면마다 골라 주어도 1등이 곡면마다 바뀌었습니다.
# 큰 벤치마크에서도 결론이 같습니다: Schmidt 외 (2021)는 여러 딥러닝 과제에서 어느 옵티마이저도 늘 앞서지
# 않았고, 기본값의 옵티마이저 몇 개를 시험해 보는 것이 한 옵티마이저의 하이퍼파라미터를 오래 조정하는 것과
# 비슷하게 좋았다고 보고합니다. 실무에서는 보통 Adam (lr = 0.001)으로 시작하고, 이미지 분류처럼 오래 연구된
# 과제에서는 Momentum (momentum 0.9)과 학습률 스케줄을 쓰는 경우가 많습니다 (예: He 외, 2016의 ResNet).
#
# **Q2. Adam이 SGD보다 일반화 (generalization)가 나쁠 때가 있다는데, 왜인가요?**
# Wilson 외 (2017)는 여러 과제에서 Adam 같은 적응형 방법이 학습 손실은 비슷하거나 낮은데도 **시험 데이터**에서는
# 잘 조정한 SGD나 Momentum보다 나쁜 경우를 보였습니다. 그 일부는 가중치 감쇠 (weight decay)를 Adam에 L2 항으로
# 넣는 방식 탓이었고, Loshchilov와 Hutter (2019)의 AdamW가 이를 떼어 내 차이를 많이 줄였습니다. 원인은
# 아직 연구 중입니다. 이 강의의 2차원 곡면에는 시험 데이터가 없으므로 **이 노트북들로는 일반화를 보일 수
# 없습니다**: 여기서 재는 것은 학습 손실을 얼마나 빨리 줄이느냐뿐입니다.
#
# **Q3. 학습률은 얼마로 시작하나요?**
# Adam은 논문과 이 패키지의 기본값 0.001이 흔한 출발점입니다. SGD와 Momentum에는 모든 문제에 맞는 값이 없습니다.
# 0.001, 0.01, 0.1, 1처럼 10배 간격으로 짧게 돌려 보고, 손실이 줄어드는 가장 큰 값 근처에서 3배 간격으로
# 좁혀 가세요. 3절의 표처럼 알맞은 lr은 방법과 곡면에 따라 천 배 넘게 달라지기도 하고, 02의 2절은 너무 작은 lr과
# 너무 큰 lr이 어떻게 보이는지, 4절의 수렴 지도는 좋은 설정이 한 점이 아니라 영역이라는 것을 보여 줍니다.
#
# **Q4. 발산하지 않는 가장 큰 lr을 쓰면 가장 빠르지 않나요?**
# 아닙니다. 책의 곡면에서 SGD는 $y$ 방향 (곡률 2)에서 한 걸음마다 오차가 $|1 - 2\alpha|$배가 되어 lr이 1을 넘으면
# 발산합니다. 그런데 1 바로 아래에서는 이 비율이 1에 가까워 $y$가 거의 줄지 않고 부호만 바뀌며 오래 흔들립니다.
# 가장 빠른 lr은 두 방향의 비율 $|1 - 0.1\alpha|$와 $|1 - 2\alpha|$가 같아지는 $2/(0.1 + 2)$로, 경계보다 조금
# 안쪽입니다. 게다가 잡음이 있으면 5절에서 본 대로 lr이 클수록 최솟점 근처에서 더 높이 흔들립니다.

# %%
for lr in [0.5, 0.9, 2 / (0.1 + 2), 0.99, 0.999]:
    factor = max(abs(1 - 0.1 * lr), abs(1 - 2 * lr))
    reached = run(OPTIMIZERS["SGD"](lr=lr), "book", steps=5000, tol=1e-10).converged_at
    reached = f"{reached}걸음" if reached is not None else "5000걸음 안에 못 닿음"
    print(f"SGD lr = {lr:.3f}: 한 걸음 비율 {factor:.4f}, 손실 1e-10까지 {reached}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Q5. eps (ε)는 무엇에 쓰나요?**
# $\sqrt{h}$가 0일 때 0으로 나누지 않게 하는 안전장치입니다. 어떤 매개변수의 기울기가 계속 0이면 $h = 0$이고,
# ε이 없으면 $0/0$ = nan이 됩니다. 또 유효 학습률 $\alpha/(\sqrt{h} + \epsilon)$이 $\alpha/\epsilon$보다 커질 수
# 없게 막아 줍니다. 이 패키지의 ε은 참고서와 같은 $10^{-7}$이고, Adam 논문과 PyTorch의 Adam은 $10^{-8}$을 씁니다.
# 보통은 결과에 거의 영향이 없지만, ε을 크게 하면 기울기가 작은 곳에서 나눗셈의 효과가 약해집니다.

# %%
eps = OPTIMIZERS["AdaGrad"]().eps
g = np.float64(0.0)
with np.errstate(invalid="ignore"):
    print(
        f"기울기 0, h = 0: ε 없이 {g / np.sqrt(g * g)}, "
        f"ε = {eps:g}이면 {g / (np.sqrt(g * g) + eps)}"
    )
print(f"유효 학습률의 상한 α/ε (α = 0.001): {0.001 / eps:g}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **Q6. 슬라이드의 식과 코드가 다른 곳이 있는데, 어느 쪽이 맞나요?**
# 수식과 코드가 다르면 코드 쪽이 맞습니다. 슬라이드의 AdaGrad 식에서 + 부호는 −가 맞고 (05), Adam 식에서는 α가 1차 모멘트의 평균 안에 들어가 있고
# $\hat h$와 $\hat V$의 자리가 바뀌어 있습니다 (07). 코드의 오타는 SGD 코드의 `params.key()` 하나이고, `params.keys()`가 맞습니다 (03).
#
# **Q7. Nesterov는 Momentum보다 항상 좋은가요?**
# 아닙니다. 4절의 지도에서 Nesterov는 momentum이 클 때 더 빨랐지만, momentum이 작을 때는 Momentum이 더 빨랐고,
# momentum이 0보다 크면 같은 momentum의 Momentum보다 더 작은 lr에서 발산합니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 모든 방법은 $W \leftarrow W - (\text{걸음})$입니다. 차이는 걸음을 만들 때 **무엇을 기억하느냐**
#   (속도, 기울기 제곱의 합이나 평균)에 있습니다.
# - 어떤 방법도 모든 곡면에서 가장 빠르지는 않습니다. 곡면의 모양 (조건수, 안장점, 평평한 곳)과
#   하이퍼파라미터, 걸음 수가 순위를 정합니다. 같은 α도 방법마다 다른 보폭을 뜻합니다.
# - 수렴 지도는 "좋은 설정"이 한 점이 아니라 **영역**이고, 그 가장자리에 발산이 있다는 것을 보여 줍니다.
#   이론의 최적 (Polyak)은 점근적 수렴률의 최적이고, 정해진 허용 오차까지의 걸음 수는 지도에서 잽니다.
# - RMSprop과 Adam은 최솟점 근처에서 보폭이 줄지 않아 흔들릴 수 있고, 잡음이 있으면 학습률이 일정한 다른 방법들도 흔들립니다.
# - 학습률 스케줄 (워밍업 + 코사인: `SequentialLR([LinearLR(...), CosineAnnealingLR(...)], milestones)`, 이름은 PyTorch의 `torch.optim.lr_scheduler`와 같음)은 잡음 속에서 큰 lr의 흔들림을 끝에서 가라앉힙니다. 작은 lr에서는 일정한 lr이 더 나았습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise): Nesterov의 한 걸음
#
# Nesterov의 갱신은 $V \leftarrow mV - \alpha g$, $W \leftarrow W + mV - \alpha g$입니다 (둘째 줄의 $V$는 방금 갱신한 속도).
# 아래 구현은 속도를 잘 저장하고 다시 쓰지만, 매개변수를 움직이는 부분이 이 식과 다릅니다.
# 검사기를 실행해 메시지를 읽고, 식을 $V$를 갱신하기 **전**의 속도로 풀어 써서 코드와 비교해 고쳐 보세요.
# 힌트만으로 어렵다면 `check(MyNesterov, "Nesterov", lr=0.1, momentum=0.9, answer=True)`로 답을 볼 수 있습니다.


# %%
class MyNesterov:
    def __init__(self, lr=0.01, momentum=0.9):
        self.lr, self.momentum = lr, momentum
        self.v = {}

    def update(self, params, grads):
        for key in params:
            if key not in self.v:
                self.v[key] = np.zeros_like(params[key])
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.momentum * self.momentum * self.v[key]
            params[key] -= (1 + self.momentum) * self.lr * grads[key]


check(MyNesterov, "Nesterov", lr=0.1, momentum=0.9)

# %% [markdown]
# <details><summary>정답 보기</summary>
#
# 갱신 전의 속도를 $V$, 갱신 후를 $V' = mV - \alpha g$라 하면 올바른 걸음은
# $mV' - \alpha g = m(mV - \alpha g) - \alpha g = m^2 V - (1 + m)\alpha g$입니다. 위 코드는 이 식을 옮겼지만,
# 그때는 이미 `self.v[key]`가 $V'$로 바뀐 뒤라서 $m^2 V'$를 더합니다. 참고서 (『밑바닥부터 시작하는 딥러닝』)의
# Nesterov 코드가 바로 이 모양입니다. 방금 갱신한 속도를 쓰려면 $mV' - \alpha g$로 씁니다.
#
# ```python
# def update(self, params, grads):
#     for key in params:
#         if key not in self.v:
#             self.v[key] = np.zeros_like(params[key])
#         self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
#         params[key] += self.momentum * self.v[key] - self.lr * grads[key]
# ```
# </details>
