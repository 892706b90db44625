# %% [markdown] slideshow={"slide_type": "slide"}
# # 03. 확률적 경사하강법 (SGD, Stochastic Gradient Descent)
#
# 02에서는 경사하강법으로 함수의 최솟점과 직선의 $(a, b)$를 찾았습니다. 신경망의 매개변수는
# 가중치 행렬 여러 개입니다. 이번에는 그 매개변수 **W 전체**를 한꺼번에 움직이는 가장 단순한
# 최적화 알고리즘, SGD를 봅니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 갱신식 $W \leftarrow W - \alpha \frac{\partial L}{\partial W}$를 슬라이드의 `SGD` 클래스로
#    직접 쓰고, `optim.SGD`와 같은 결과를 내는지 확인할 수 있습니다.
# 2. 한 걸음을 **탐색 방향** (search direction)과 **보폭** (step length)으로 나누어 설명할 수 있습니다.
# 3. 길쭉한 그릇 모양의 손실에서 SGD가 **지그재그**로 움직이는 이유를 조건수 (condition number)로 설명할 수 있습니다.
# 4. 미니배치 (minibatch) 크기가 경로의 **잡음**을 어떻게 바꾸는지, 잡음 속에서 학습률을 줄여 가면 (학습률 스케줄) 왜 자리를 잡는지 숫자와 그림으로 보일 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import SGD, explore, get_surface, run, sweep
from optim.exercises import check
from optim.figures import plot_loss, plot_paths
from optim.minibatch import (
    MinibatchGradient,
    data_surface,
    gradient_noise,
    make_data,
    run_minibatch,
)
from optim.plotting import draw_surface

SEED = 0  # the one seed of this notebook: the data set and the minibatch order

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 갱신식: 기울기의 반대쪽으로 한 걸음
#
# 손실 $L$을 줄이려면 매개변수 $W$를 **기울기의 반대 방향**으로 조금 옮깁니다.
#
# $$W(t+1) = W(t) - \alpha \frac{\partial L}{\partial W}$$
#
# - $\alpha$: 학습률 (learning rate), 기울기에 곱하는 양수
# - $\frac{\partial L}{\partial W}$: 손실의 기울기 (gradient). $W$와 같은 모양의 배열입니다.
#
# 02의 $x_{i+1} = x_i - \alpha \frac{df}{dx}(x_i)$와 똑같은 식을, 이제 배열이 여러 개 든 사전
# (dict) `params`의 **모든 항목에 한꺼번에** 적용합니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# 슬라이드의 `SGD` 클래스를 그대로 옮겨 봅니다. `update(params, grads)`는 `params`의
# 배열을 **제자리에서 (in place)** 바꿉니다.
#
# 작은 차이 하나: 슬라이드의 코드는 `params.key()`를 부르는데, 파이썬 사전의 메서드는
# `keys()`입니다. 슬라이드 그대로 실행하면 `AttributeError`가 나니, 여기서는 `keys()`로 씁니다.


# %%
class SlideSGD:
    """The slide's SGD: W <- W - lr * dL/dW for every array in params (with keys(), not key())."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]


# %% [markdown] slideshow={"slide_type": "fragment"}
# 가중치 행렬과 편향이 든 작은 `params`에서 한 걸음: 모든 항목이 $-\alpha \cdot$ 기울기만큼 움직입니다.

# %%
params = {"W": np.array([[1.0, -2.0], [0.5, 3.0]]), "b": np.array([0.1, -0.1])}
grads = {"W": np.array([[0.4, -1.0], [0.0, 2.0]]), "b": np.array([1.0, -1.0])}
SlideSGD(lr=0.1).update(params, grads)
print("W =", params["W"].tolist())
print("b =", params["b"].tolist())

# %% [markdown] slideshow={"slide_type": "subslide"}
# 이제 `optim.SGD`와 비교합니다. 손실 곡면은 참고서 『밑바닥부터 시작하는 딥러닝』 (이하 '책')의 예
# $f(x, y) = \frac{x^2}{20} + y^2$이고, 매개변수는 $W = (x, y)$ 두 개입니다.
# 같은 출발점 $(-7, 2)$, 같은 학습률 0.95로 30걸음.
# 직접 쓴 반복문 (loop)과 `optim.run`의 결과가 **모든 걸음에서** 같아야 합니다.

# %%
book = get_surface("book")
lr, steps = 0.95, 30

mine = SlideSGD(lr=lr)
params = {"x": np.array(-7.0), "y": np.array(2.0)}
path = [(params["x"].item(), params["y"].item())]
for _ in range(steps):
    gx, gy = book.gradient(params["x"], params["y"])
    mine.update(params, {"x": gx, "y": gy})
    path.append((params["x"].item(), params["y"].item()))

reference = run(SGD(lr=lr), book, start=(-7.0, 2.0), steps=steps)
print(f"직접 쓴 SGD의 마지막 점: ({path[-1][0]:.6f}, {path[-1][1]:.6f})")
difference = np.abs(np.array(path) - reference.positions).max()
print(f"optim.SGD와의 최대 차이 (31개 점 전체): {difference}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 차이가 0입니다. 이제부터는 `optim.SGD`를 씁니다. (`optim`의 클래스는 같은 식에
# 잘못된 학습률을 막는 검사와 `reset()`만 더한 것입니다.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 탐색 방향과 보폭 (search direction vs step length)
#
# 한 걸음 $-\alpha \nabla L$은 두 부분으로 나눌 수 있습니다.
#
# $$-\alpha \nabla L \;=\; \underbrace{\alpha \lVert \nabla L \rVert}_{\text{보폭}} \cdot
# \underbrace{\left(-\frac{\nabla L}{\lVert \nabla L \rVert}\right)}_{\text{탐색 방향}}$$
#
# - **탐색 방향**: 음의 기울기 방향. 그 자리에서 손실이 가장 빨리 줄어드는 방향이고,
#   등고선 (contour)에 **수직**입니다.
# - **보폭** (step length): 실제로 내디딘 걸음의 길이 $\lVert W_{\text{new}} - W_{\text{old}} \rVert$입니다.
#   슬라이드는 이것을 **탐색 거리**라고 부르는데, 이 강의에서는 이제부터 **보폭**이라는 한 단어로
#   씁니다. SGD의 보폭은 $\alpha \lVert \nabla L \rVert$라서, 학습률이 고정이어도 최솟점 근처에서는
#   기울기가 작아지니 보폭도 저절로 짧아집니다.
#
# 조심할 점: "가장 빨리 내려가는 방향"이 "최솟점을 향하는 방향"은 **아닙니다**.

# %%
start = np.array([-7.0, 2.0])
g = np.array(book.gradient(*start))
direction = -g / np.linalg.norm(g)
to_minimum = -start / np.linalg.norm(start)
angle = np.degrees(np.arccos(direction @ to_minimum))
print(f"출발점 (-7, 2)의 기울기 ∇L = ({g[0]:.2f}, {g[1]:.2f}), 크기 |∇L| = {np.linalg.norm(g):.4f}")
print(f"탐색 방향 -∇L/|∇L| = ({direction[0]:.4f}, {direction[1]:.4f})")
print(f"최솟점 (0, 0)을 향하는 방향 = ({to_minimum[0]:.4f}, {to_minimum[1]:.4f})")
print(f"두 방향 사이의 각도: {angle:.1f}°")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 학습률을 0.3으로 고정하고 15걸음 걸어가면 보폭이 어떻게 변할까요? 보폭은 정의대로 경로의 점 사이
# 거리 $\lVert W_{k} - W_{k-1} \rVert$로 재고, $\alpha \lVert \nabla L \rVert$와 같은지도 봅니다.

# %%
walk = run(SGD(lr=0.3), book, start=(-7.0, 2.0), steps=15)
lengths = np.linalg.norm(np.diff(walk.positions, axis=0), axis=1)  # |W_k - W_(k-1)|, k = 1..15
grad_norms = np.linalg.norm(walk.gradients[:-1], axis=1)  # |∇L| where each step starts
for k in (1, 2, 3, 6, 11, 15):
    g_norm, length = grad_norms[k - 1], lengths[k - 1]
    print(f"걸음 {k:2d}: 걸음을 시작한 점의 |∇L| = {g_norm:.4f}, 보폭 = {length:.4f}")
same = np.abs(lengths - 0.3 * grad_norms).max() < 1e-12
print(f"15걸음 모두 보폭 = 0.3 × |∇L| (차이 < 1e-12): {same}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 곳곳의 **탐색 방향**을 모두 같은 길이의 화살표로 그려 봅니다. 화살표는 등고선에 수직이라
# 대부분 **위아래**를 가리킵니다. 최솟점 ★은 한가운데에 있는데도 그렇습니다.

# %%
fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
draw_surface(ax, book)
gx, gy = np.meshgrid(np.linspace(-8, 8, 7), np.linspace(-4, 4, 5))
ux, uy = book.gradient(gx, gy)
norm = np.maximum(np.hypot(ux, uy), 1e-12)  # the minimum itself has no direction
arrow = dict(angles="xy", scale_units="xy", scale=0.7, width=0.005, zorder=6)
ax.quiver(gx, gy, -ux / norm, -uy / norm, color=optim.style.GRADIENT_COLOR, **arrow)
ax.plot([-7, 0], [2, 0], "--", color="k", lw=1.5, label="(−7, 2)에서 최솟점을 향하는 방향")
ax.legend(loc="lower right", fontsize=12, framealpha=0.9)
ax.set_title("탐색 방향: −∇L / |∇L| (길이는 모두 같게 그림)")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 이번에는 실제 걸음입니다. 화살표의 길이가 **보폭** $\alpha \lVert \nabla L \rVert$입니다.
# 학습률은 그대로인데 걸음이 점점 짧아지고, 방향은 처음에는 아래로 (골짜기를 가로질러),
# 나중에야 오른쪽으로 (골짜기를 따라) 바뀝니다.

# %%
fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
title = "보폭: 화살표 하나 = 한 걸음 −α∇L"
plot_paths(book, [walk], labels=["SGD (lr=0.3), 15걸음"], arrows=True, title=title, ax=ax)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. 길쭉한 그릇에서의 지그재그 (zig-zag)
#
# 책의 그림처럼 학습률 0.95로 30걸음 가 봅니다. $y$ 방향으로는 골짜기를 가로질러
# 이리저리 튀고, $x$ 방향 (골짜기를 따라 최솟점으로 가는 방향)으로는 조금씩만 나아갑니다.

# %%
zigzag = run(SGD(lr=0.95), book, start=(-7.0, 2.0), steps=30)
fig, ax = plt.subplots(figsize=(9, 4.6), layout="constrained")
plot_paths(book, [zigzag], labels=["SGD (lr=0.95), 30걸음"], ax=ax)
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 왜 지그재그일까?
#
# 기울기는 $\nabla L = \left(\frac{x}{10},\; 2y\right)$입니다. 같은 거리만큼 떨어져 있어도
# $y$ 쪽 기울기가 $x$ 쪽보다 **20배** 큽니다 ($2$ 대 $\frac{1}{10}$). 그래서 기울기는 거의 골짜기를
# **가로지르는** 쪽을 가리키고, 골짜기를 **따라가는** 쪽 성분은 아주 작습니다.
#
# 두 축이 따로 움직이므로 한 걸음을 정확히 쓸 수 있습니다.
#
# $$x_{k+1} = \left(1 - \tfrac{\alpha}{10}\right) x_k, \qquad y_{k+1} = (1 - 2\alpha)\, y_k$$
#
# $\alpha = 0.95$이면 $y$의 배수는 $1 - 1.9 = -0.9$: **매 걸음 부호가 바뀝니다** (지그재그).
# $x$의 배수는 $0.905$: 골짜기를 따라서는 느리게 갑니다.

# %%
x, y = zigzag.positions.T
print(f"공식: x 배수 1 - α/10 = {1 - 0.95 / 10:.4f}, y 배수 1 - 2α = {1 - 2 * 0.95:.4f}")
print(f"실제 경로의 비율 x_(k+1)/x_k: {np.unique(np.round(x[1:] / x[:-1], 10))}")
print(f"실제 경로의 비율 y_(k+1)/y_k: {np.unique(np.round(y[1:] / y[:-1], 10))}")
print(f"30걸음 동안 y의 부호가 바뀐 횟수: {np.sum(np.sign(y[1:]) != np.sign(y[:-1]))}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 조건수 (condition number)
#
# 곡면이 방향마다 얼마나 다르게 휘었는지는 02에서 본 **헤세 행렬** (Hessian, 2차 도함수를 모은 행렬)의
# **고윳값** (eigenvalue) $\lambda$로 잽니다. 여기서는 $\lambda_x = 0.1$, $\lambda_y = 2$이고, 그 비율이
# **조건수** $\kappa = \lambda_{\max} / \lambda_{\min}$입니다.
#
# - 발산하지 않으려면 가장 가파른 방향이 버텨야 합니다: $|1 - \alpha \lambda_{\max}| < 1$, 즉 $\alpha < 2/\lambda_{\max}$.
# - 그런데 그 $\alpha$로는 가장 완만한 방향의 배수 $1 - \alpha \lambda_{\min}$이 1에 가깝습니다.
# - 학습률 하나로 낼 수 있는 가장 좋은 배수는 $\frac{\kappa - 1}{\kappa + 1}$입니다
#   ($\alpha = \frac{2}{\lambda_{\min} + \lambda_{\max}}$일 때).
#
# $\kappa$가 클수록 (그릇이 길쭉할수록) SGD는 느려집니다.

# %%
hessian = np.diag([0.1, 2.0])  # second derivatives of x²/20 + y²
lam = np.linalg.eigvalsh(hessian)
kappa = lam[-1] / lam[0]
best_lr = 2 / (lam[0] + lam[-1])
print(f"고윳값 λ = {lam.tolist()}, 조건수 κ = {kappa:.1f}")
print(f"발산하지 않는 학습률: α < 2/λ_max = {2 / lam[-1]:.2f}")
print(
    f"배수를 가장 작게 하는 학습률 α = {best_lr:.4f}, "
    f"그때 한 걸음의 배수 (κ-1)/(κ+1) = {(kappa - 1) / (kappa + 1):.4f}"
)
lam_ill = np.linalg.eigvalsh(np.diag([0.2, 4.0]))  # the 'ill_conditioned' bowl 0.1x² + 2y²
print(
    f"길쭉한 그릇 0.1x² + 2y²: λ = {lam_ill.tolist()}, κ = {lam_ill[-1] / lam_ill[0]:.1f}, "
    f"발산 경계 2/λ_max = {2 / lam_ill[-1]:.2f}"
)

# %% [markdown] slideshow={"slide_type": "subslide"}
# 학습률을 0.05부터 1.05까지 0.05 간격으로 바꿔 가며, 손실이 최솟값에서 $10^{-6}$ 안으로 들어와
# 그 뒤로 머물기까지 걸린 걸음 수를 `optim.sweep`으로 한 번에 재 봅니다 (최대 3000걸음).

# %%
rates = np.round(np.arange(0.05, 1.06, 0.05), 2)
result = sweep(SGD, book, steps=3000, lr=rates)
for rate, conv, div in zip(rates, result.converged_at, result.diverged_at):
    if conv >= 0:
        status = f"{conv}걸음에 수렴"
    elif div >= 0:
        status = f"{div}걸음에 발산"
    else:
        status = "3000걸음 안에 수렴하지 못함"
    print(f"lr = {rate:<4}: {status}")
fastest = np.where(result.converged_at >= 0, result.converged_at, np.inf).argmin()
fastest_steps = result.converged_at[fastest]
print(f"가장 빠른 lr = {rates[fastest]} ({fastest_steps}걸음), 이론의 최적 α = {best_lr:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# - 0.05처럼 작으면 골짜기를 따라 기어가느라 천 걸음이 넘게 걸립니다.
# - 이 격자에서는 lr을 키울수록 빨라지다가 0.95에서 가장 빠릅니다. 위에서 계산한 α ≈ 0.9524 바로 옆이고,
#   그 대신 지그재그가 가장 심합니다 ($y$의 배수 $-0.9$).
# - 정확히 1.0이면 $y$의 배수가 $-1$: $y$가 2와 −2 사이를 영원히 오갑니다.
# - 1.0을 넘으면 $|1 - 2\alpha| > 1$이라 튀는 폭이 커지다가 발산합니다.
#
# 그렇다면 α = 0.9524 자체가 걸음 수로도 가장 빠를까요? 0.90~0.98을 0.005 간격으로 더 촘촘히 재고,
# α = 0.9524도 함께 재 봅니다.

# %%
near = np.round(np.arange(0.90, 0.9801, 0.005), 3)
near_counts = sweep(SGD, book, steps=3000, lr=[*near, best_lr]).converged_at
fast = near_counts[:-1].argmin()
print(f"0.90~0.98 (0.005 간격)에서 가장 빠른 lr = {near[fast]} ({near_counts[fast]}걸음)")
print(f"α = {best_lr:.4f}: {near_counts[-1]}걸음")
print(f"출발점 (-7, 2)의 손실: x 쪽 x²/20 = {(-7.0) ** 2 / 20:.2f}, y 쪽 y² = {2.0**2:.2f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 아닙니다. α = 0.9524가 가장 좋게 만드는 것은 **한 걸음의 배수**, 곧 오래 걸었을 때의 속도입니다.
# 그 α에서는 두 방향이 똑같이 0.9048배씩 줄어서, 출발할 때 손실의 더 큰 몫을 가진 $y$ 쪽이 끝까지
# $x$ 쪽과 함께 남습니다. lr을 조금 낮추면 $x$ 쪽은 아주 조금 느려지지만 $y$ 쪽이 훨씬 빨리 사라져서,
# $10^{-6}$이라는 정해진 기준에는 몇 걸음 먼저 닿습니다. 정해진 기준까지의 걸음 수는 배수만이 아니라
# 출발점에도 달려 있습니다. 04의 Nesterov와 08의 수렴 지도에서 같은 일을 다시 봅니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 미니배치 잡음 (minibatch noise): '확률적'인 이유
#
# 지금까지는 기울기를 정확히 알았습니다. 실제 학습에서 손실은 데이터 $N$개에 대한 평균입니다.
#
# $$L(W) = \frac{1}{N}\sum_{i=1}^{N} \ell_i(W), \qquad \nabla L = \frac{1}{N}\sum_{i=1}^{N} \nabla \ell_i$$
#
# $N$이 수백만이면 한 걸음마다 모든 데이터를 보는 것은 너무 비쌉니다. 그래서 무작위로 뽑은
# **미니배치** $B$개로 기울기를 **추정**합니다: $\hat g_B = \frac{1}{B}\sum_{i \in \text{batch}} \nabla \ell_i$.
# 이 추정에 섞인 우연이 SGD의 'S' (stochastic, 확률적)입니다.
#
# 실험용 데이터: $y = 2x + 1 + \text{잡음}$에서 뽑은 점 200개 (시드 고정). 직선 $y = ax + b$의
# 평균 제곱 오차 (MSE)가 $(a, b)$ 평면 위의 손실 곡면이 됩니다.

# %%
data = make_data(n=200, slope=2.0, intercept=1.0, noise=1.0, seed=SEED)
loss = data_surface(data)
a_best, b_best = loss.minima[0]
print(
    f"데이터 {len(data.x)}개, 최소제곱해 (a, b) = ({a_best:.4f}, {b_best:.4f}), "
    f"최소 MSE = {loss.min_value:.4f}"
)
print(f"출발점 (a, b) = {loss.start}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 미니배치 기울기는 하나하나는 틀리지만, **평균으로는 맞습니다**. 한 에폭 (epoch)은 모든 예제를
# **꼭 한 번씩** 쓰는 동안입니다. 여기서는 데이터 200개를 섞은 뒤 크기 20씩 10개의 미니배치로 나누어
# 차례로 씁니다. 한 에폭 동안의 미니배치 기울기 10개를 평균하면 전체 기울기와 같습니다.
# (02처럼 전체 배치를 쓰면 한 걸음이 곧 한 에폭입니다.)

# %%
at = loss.start
full = np.array(loss.gradient(*at))
estimate = MinibatchGradient(data, batch_size=20, seed=SEED)
batches = np.array([estimate(*at) for _ in range(10)])
print(f"전체 기울기: ({full[0]:8.4f}, {full[1]:8.4f})")
for k in range(3):
    print(f"미니배치 {k + 1}: ({batches[k, 0]:8.4f}, {batches[k, 1]:8.4f})")
print(f"10개의 평균: ({batches.mean(0)[0]:8.4f}, {batches.mean(0)[1]:8.4f})")
gap = np.abs(batches.mean(0) - full).max()
print(f"평균과 전체 기울기의 차이가 1e-12보다 작은가: {gap < 1e-12}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 하나의 추정이 틀리는 정도는 정확한 식이 있습니다. 예제별 기울기가 평균에서 흩어진 정도를
# $s^2 = \frac{1}{N}\sum_i \lVert \nabla \ell_i - \nabla L \rVert^2$라 하면 (비복원 추출, sampling without replacement)
#
# $$\sqrt{E\,\lVert \hat g_B - \nabla L \rVert^2} = \sqrt{\frac{s^2}{B}\cdot\frac{N-B}{N-1}}$$
#
# 즉 잡음은 대략 $1/\sqrt{B}$로 줄고, $B = N$이면 0입니다. 출발점의 전체 기울기 크기와 비교해 봅시다.

# %%
print(f"출발점의 |∇L| = {np.linalg.norm(full):.4f}")
for size in (1, 10, 50, 200):
    print(
        f"B = {size:3d}: 출발점 잡음 {gradient_noise(*at, data, size):7.4f}, "
        f"최솟점에서의 잡음 {gradient_noise(a_best, b_best, data, size):.4f}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# $B = 1$이면 잡음이 기울기 자체보다 큽니다. 그리고 최솟점에서는 $\nabla L = 0$인데도 미니배치
# 기울기는 0이 아닙니다: 고정된 학습률로는 최솟점 **근처에서 계속 흔들립니다**.

# %% [markdown] slideshow={"slide_type": "subslide"}
# 같은 SGD (lr = 0.1), 같은 출발점, 60걸음. 바뀌는 것은 배치 크기뿐입니다.

# %%
sizes = {"전체 배치 (B=200)": 200, "미니배치 B=10": 10, "미니배치 B=1": 1}
noisy = {
    label: run_minibatch(SGD(lr=0.1), data, size, steps=60, seed=SEED)
    for label, size in sizes.items()
}
colors = ["#000000", "#999999", optim.style.COLORS["SGD"]]  # all SGD: black, grey, SGD's own
fig, ax = plt.subplots(figsize=(8.5, 5.2), layout="constrained")
plot_paths(loss, noisy, colors=colors, title="같은 SGD, 다른 배치 크기", ax=ax)
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 손실 (전체 데이터로 잰 값)을 로그 축으로 보면 차이가 더 분명합니다. 전체 배치는 계속
# 내려가고, 미니배치는 어느 높이 (잡음의 바닥)에서 더 내려가지 못하고 출렁입니다.

# %%
plot_loss(noisy, loss, colors=colors)

# %%
for label, traj in noisy.items():
    gap = traj.losses[30:] - loss.min_value
    print(f"{label}: 걸음 30~60의 평균 (손실 - 최솟값) = {gap.mean():.2e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그러면 왜 미니배치를 쓸까요? **계산량**을 같게 놓고 비교하면 답이 보입니다. 데이터를 한 번
# 훑는 (1 에폭) 동안 전체 배치는 1걸음, $B = 10$은 20걸음, $B = 1$은 200걸음을 갑니다.

# %%
for size in (200, 10, 1):
    epoch = run_minibatch(SGD(lr=0.1), data, size, steps=200 // size, seed=SEED)
    print(
        f"B = {size:3d}: 1 에폭 = {epoch.steps:3d}걸음, 그 뒤 (손실 - 최솟값) = "
        f"{epoch.losses[-1] - loss.min_value:.4f}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 미니배치의 순서는 시드에 따라 달라집니다. 시드 20개 (0~19)로 같은 비교를 되풀이해 봅니다.

# %%
gaps = {}
for size in (200, 10, 1):
    epochs = [run_minibatch(SGD(lr=0.1), data, size, steps=200 // size, seed=s) for s in range(20)]
    gaps[size] = np.array([epoch.losses[-1] for epoch in epochs]) - loss.min_value
    low, high = gaps[size].min(), gaps[size].max()
    print(f"B = {size:3d}: 1 에폭 뒤 (손실 - 최솟값), 시드 20개의 범위 {low:.4f} ~ {high:.4f}")
print(f"같은 시드에서 B = 10이 B = 1보다 낮은 경우: 20개 중 {np.sum(gaps[10] < gaps[1])}개")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 시드 20개 모두에서, 같은 계산으로 미니배치가 전체 배치보다 훨씬 멀리 갑니다. 그리고 20개 모두에서
# $B = 10$이 $B = 1$보다 더 내려갑니다: $B = 1$은 걸음 수가 열 배지만 잡음도 커서 바닥 근처에서 크게
# 흔들립니다 (두 범위가 겹치는 것은 시드마다 운이 달라서입니다). 작은 배치일수록 걸음은 싸지만 잡음이 크고,
# 큰 배치일수록 정확하지만 비쌉니다. 실제 학습에서는 그 사이의 크기를 고릅니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ### 잡음 속에서 멈추려면: 학습률을 줄여 가기 (learning-rate schedule)
#
# 잡음의 바닥은 학습률이 일정해서 생깁니다. 최솟점에서도 한 걸음은 $-\alpha \times (\text{잡음})$이니, 경로는
# α에 비례하는 폭으로 계속 흔들립니다. 그렇다면 처음에는 큰 α로 빨리 내려가고, 나중에는 α를 줄여서
# 흔들림을 가라앉히면 됩니다. 걸음마다 학습률을 정해 주는 규칙이 **학습률 스케줄** (learning-rate schedule)입니다.
#
# 미니배치 잡음은 어떤 곡면에서든 흉내 낼 수 있습니다. `run(..., noise=σ, seed=s)`는 옵티마이저가 보는
# 기울기의 각 성분에 평균 0, 표준편차 σ인 정규분포 잡음을 더합니다. 평균으로는 맞고 하나하나는 틀린,
# 미니배치 기울기와 같은 성질입니다. 책의 그릇 $\frac{x^2}{20} + y^2$에서 SGD (lr = 0.5), σ = 1로
# 300걸음을 세 가지 학습률로 걸어 봅니다.
#
# - 일정한 학습률 (constant)
# - `ExponentialLR(gamma=0.99)`: 걸음마다 0.99배
# - `CosineAnnealingLR(T_max=300)`: 코사인의 반 주기를 따라 300걸음 동안 0까지
#
# 이름과 뜻은 PyTorch의 `torch.optim.lr_scheduler`와 같습니다. `lr_at(α, t)`는 이미 $t$걸음을 간 뒤,
# 곧 $t+1$번째 걸음의 학습률입니다.

# %%
schedules = {
    "일정한 lr": None,
    "ExponentialLR(0.99)": optim.ExponentialLR(gamma=0.99),
    "CosineAnnealingLR(300)": optim.CosineAnnealingLR(T_max=300),
}
for label, schedule in schedules.items():
    shown = [0.5 if schedule is None else schedule.lr_at(0.5, t) for t in (0, 100, 200, 299)]
    print(f"{label:22s}: 걸음 1, 101, 201, 300의 lr = " + ", ".join(f"{lr:.4f}" for lr in shown))

# %% [markdown] slideshow={"slide_type": "subslide"}
# 시드 하나로는 운일 수 있으니, 잡음의 시드 20개 (0~19)로 되풀이해서 300걸음 뒤의 (손실 − 최솟값)을 봅니다.
# 세 학습률은 시드마다 같은 잡음을 받습니다.

# %%
SIGMA, SEEDS = 1.0, range(20)
runs = {  # runs[label][s]: the run with the noise of seed s
    label: [run(SGD(lr=0.5), book, steps=300, schedule=sch, noise=SIGMA, seed=s) for s in SEEDS]
    for label, sch in schedules.items()
}
final = {label: np.array([t.losses[-1] for t in each]) for label, each in runs.items()}  # min is 0
for label, losses in final.items():
    lower = np.sum(losses < final["일정한 lr"])
    print(
        f"{label:22s}: 평균 {losses.mean():.4f}, 범위 {losses.min():.4f} ~ {losses.max():.4f}, "
        f"일정한 lr보다 낮은 시드 {lower}/20"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 줄여 가는 두 스케줄 모두 시드 20개 모두에서 일정한 lr보다 낮게 끝나고, 평균은 10분의 1 아래입니다.
# 흔들림의 높이는 식으로도 구할 수 있습니다. 한 좌표의 곡률이 $\lambda$이면 그 좌표는
# $w \leftarrow (1 - \alpha\lambda) w - \alpha \xi$ ($\xi$는 잡음)로 움직이고, 오래 가면 손실에 평균
# $\frac{\alpha \sigma^2}{2(2 - \alpha\lambda)}$씩 남습니다. 두 좌표 ($\lambda = 0.1, 2$)를 더한 값과,
# 일정한 lr로 걸음 101~300 동안 잰 평균을 비교합니다.

# %%
floor = sum(0.5 * SIGMA**2 / (2 * (2 - 0.5 * lam)) for lam in (0.1, 2.0))
measured = np.mean([trajectory.losses[101:].mean() for trajectory in runs["일정한 lr"]])
print(
    f"식: Σ ασ²/(2(2 − αλ)) = {floor:.4f}, 측정 (시드 20개, 걸음 101~300의 평균) = {measured:.4f}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 식과 측정이 거의 같습니다. α가 작을수록 높이도 낮아집니다 ($\alpha\lambda$가 작으면 거의 α에 비례합니다). 그래서 α를 줄여 가면 바닥도 함께
# 내려갑니다. 아래 왼쪽은 세 학습률의 lr(t), 오른쪽은 시드 0의 손실입니다. 일정한 lr의 손실은 끝까지 같은 폭으로
# 오르내리고, 코사인 스케줄의 손실은 lr이 0에 다가가는 마지막 100걸음 동안 잦아들어 한 높이에 자리 잡습니다.

# %%
seed0 = {label: each[0] for label, each in runs.items()}  # seed 0
colors = ["#999999", "#000000", optim.style.COLORS["SGD"]]  # all SGD: grey, black, SGD's own
fig, (left, right) = plt.subplots(1, 2, figsize=(15, 5), layout="constrained")
for (label, trajectory), color in zip(seed0.items(), colors):
    left.plot(np.arange(1, 301), trajectory.lrs, color=color, label=label)
left.set(xlabel="걸음 (step)", ylabel="lr", title="SGD의 학습률 lr(t), α = 0.5")
left.grid(True, alpha=0.3)
left.legend()
shown = {label: seed0[label] for label in ("일정한 lr", "CosineAnnealingLR(300)")}
plot_loss(shown, book, colors=[colors[0], colors[2]], ax=right)
right.set_title("잡음 σ = 1, 시드 0")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# 검은 화살표는 탐색 방향 $-\nabla L$, 다홍색 화살표 (SGD의 색)는 실제 걸음입니다.
#
# **이렇게 해 보세요**
#
# 1. lr을 0.95에서 **1.0**으로, 다시 한 칸 위 **1.122**로 올려 보세요. 지그재그가 멈추지 않다가 발산합니다 (3절의 $\alpha < 1$).
# 2. lr을 **0.1**로 낮추고 steps를 500으로 늘려 보세요. 지그재그는 없지만 골짜기를 기어갑니다.
# 3. lr 0.5 근처 (슬라이더 눈금 0.5012)를 찾아보세요: $y$의 배수 $1-2\alpha$가 거의 0이 되어 **한 걸음에** 골짜기 바닥 ($y \approx 0$)에 닿습니다.
# 4. surface를 **길쭉한 그릇** (ill_conditioned)으로 바꿔 보세요. $\lambda_{\max} = 4$이니 발산 경계는 lr = 0.5입니다.
# 5. 출발점 $y_0$를 0으로 놓으면? 기울기가 골짜기를 따라가니 지그재그가 사라집니다.

# %% slideshow={"slide_type": "subslide"}
explore("SGD", "book", lr=0.95)

# %% [markdown] slideshow={"slide_type": "subslide"}
# 아래 탐색기에는 잡음 (noise)과 학습률 스케줄 (schedule)을 고르는 칸이 있습니다. 위의 실험과 같은 설정
# (lr 0.5, 잡음 σ = 1, 시드 0, 300걸음)에 `CosineAnnealingLR(300)`로 시작합니다. 손실 그래프에는 lr(t)가 함께 그려집니다.
#
# 1. schedule을 "없음 (constant lr)"으로 바꿔 보세요. 경로가 최솟점 둘레를 계속 돌아다닙니다.
# 2. noise를 0으로 내려 보세요. 잡음이 없으면 일정한 lr로도 최솟점에 닿습니다. 흔들림은 잡음 때문입니다.
# 3. ExponentialLR이나 StepLR로 바꾸고 그 슬라이더를 움직여 보세요. lr을 너무 일찍 줄이면 최솟점에 닿기 전에 멈춥니다.

# %% slideshow={"slide_type": "subslide"}
explore("SGD", "book", lr=0.5, steps=300, noise=1.0, schedule=optim.CosineAnnealingLR(T_max=300))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - SGD: $W \leftarrow W - \alpha \frac{\partial L}{\partial W}$. `params`의 모든 배열에 같은 식을 적용합니다 (슬라이드의 `key()`가 아니라 `keys()`로 반복합니다).
# - 한 걸음 = **탐색 방향** $-\nabla L / \lVert\nabla L\rVert$ × **보폭** $\alpha \lVert\nabla L\rVert$. 방향은 등고선에 수직이고, 최솟점을 향하지 않을 수 있습니다.
# - 길쭉한 그릇 (조건수 $\kappa$가 큼)에서는 기울기가 골짜기를 가로지르는 쪽을 가리켜 **지그재그**로 튀고, 골짜기를 따라서는 느립니다. 학습률 하나로는 두 방향을 다 만족시킬 수 없습니다.
# - 미니배치 기울기는 평균으로는 정확하지만 하나하나는 잡음이 있고, 잡음은 약 $1/\sqrt{B}$로 줄어듭니다. 같은 계산량이면 미니배치가 훨씬 빨리 내려갑니다.
# - 잡음이 있으면 학습률이 일정한 SGD는 최솟점 둘레에서 α가 정하는 높이로 계속 흔들립니다. 학습률 스케줄 (`ExponentialLR`, `CosineAnnealingLR`)로 lr을 줄여 가면 흔들림이 가라앉습니다 (시드 20개 모두에서 더 낮게 끝남).
#
# 다음 노트북 04의 Momentum은 지그재그를 **관성**으로 줄입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `MySGD`는 갱신식을 사전 컴프리헨션 (dict comprehension) 한 줄로 쓰고, 새 매개변수를 돌려주기까지
# 합니다. 식만 보면 $W - \alpha \frac{\partial L}{\partial W}$ 그대로인데, `check`는 통과시키지 않습니다.


# %%
class MySGD:
    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        params = {key: params[key] - self.lr * grads[key] for key in params}
        return params


check(MySGD, "SGD")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **과제**: `check`가 보여 주는 힌트를 읽고, `MySGD`를 고쳐서 `check(MySGD, "SGD")`가 통과하게 해 보세요.
# 힌트만으로 모르겠으면 `check(MySGD, "SGD", answer=True)`로 답을 볼 수 있습니다.
#
# 생각해 볼 점: 이 강의의 `run`도, 신경망의 학습 반복문도 `optimizer.update(params, grads)`처럼
# 부르기만 하고 돌려받는 값은 쓰지 않습니다. 그러면 `update`가 끝난 뒤 부른 쪽의 `params`에는 무엇이
# 들어 있을까요?
#
# 다 고쳤다면 일부러 `-`를 `+`로 바꿔서 `check`가 무엇이라고 하는지도 보세요.
#
# <details><summary>정답 보기</summary>
#
# `update` 안에서 `params = {...}`라고 쓰면 **지역 변수** `params`가 새 사전을 가리킬 뿐이고,
# 부른 쪽이 가진 사전은 그대로입니다. 돌려준 값은 아무도 받지 않으니 매개변수는 한 번도 바뀌지 않습니다.
# 받은 사전의 배열을 **제자리에서** 바꾸어야 합니다 (슬라이드의 코드와 같은 방식).
#
# ```python
# class MySGD:
#     def __init__(self, lr=0.01):
#         self.lr = lr
#
#     def update(self, params, grads):
#         for key in params.keys():
#             params[key] -= self.lr * grads[key]
#
#
# check(MySGD, "SGD")
# ```
#
# `params[key] = params[key] - self.lr * grads[key]`도 통과합니다. 배열은 새로 만들지만, 부른 쪽과
# 같은 사전의 항목을 바꾸기 때문입니다. `-`를 `+`로 바꾸면 기울기 **방향**, 곧 오르막으로 가니
# 손실이 커집니다 (경사 '상승').
# </details>
