# %% [markdown] slideshow={"slide_type": "slide"}
# # 05. 아다그라드 (AdaGrad)
#
# 경사하강법은 모든 매개변수를 **같은 학습률 α**로 움직입니다. 그런데 어떤 방향은 가파르고
# 어떤 방향은 완만하다면, 하나의 α로 둘 다 만족시킬 수 있을까요? AdaGrad (adaptive gradient)는
# 매개변수마다 α에 곱하는 배수를 **스스로 조절**해서 이 문제에 답합니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 학습률이 너무 작을 때와 너무 클 때 무슨 일이 생기는지, 왜 하나의 α로는 부족한지 설명할 수 있습니다.
# 2. AdaGrad의 갱신식 $h \leftarrow h + g^2,\; W \leftarrow W - \alpha\, g/(\sqrt{h}+\epsilon)$을
#    코드로 쓰고, 매개변수마다 보폭이 달라지는 이유를 말할 수 있습니다.
# 3. AdaGrad의 보폭이 왜 0으로 줄어드는지, 그래서 최솟점에 닿기 전에 멈춰 버릴 수 있는지 숫자로 보일 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import SGD, AdaGrad, explore, run
from optim.exercises import check
from optim.figures import plot_inner_state, plot_paths
from optim.inner import inner_state

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 학습률의 딜레마 (the learning-rate dilemma)
#
# 경사하강법의 한 걸음은 학습률 α에 비례합니다. 슬라이드의 두 그림처럼
#
# - **α가 너무 작으면** 한 걸음이 너무 짧아 최솟점까지 한참 걸리고,
# - **α가 너무 크면** 골짜기를 가로질러 이리저리 튀다가 심하면 점점 멀어집니다 (발산, diverge).
#
# 책의 예 $f(x, y) = \frac{x^2}{20} + y^2$에서 확인해 봅시다. 이 그릇은 $y$ 방향이 $x$ 방향보다
# 훨씬 가파릅니다.

# %% slideshow={"slide_type": "fragment"}
for lr in [0.01, 0.95, 1.02]:
    trajectory = run(SGD(lr=lr), "book", steps=30)
    x, y = trajectory.positions[-1]
    print(
        f"SGD lr={lr:<4}: 30걸음 뒤 (x, y) = ({x:7.3f}, {y:7.3f}), 손실 {trajectory.losses[-1]:.4f}"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# 왜 그럴까요? 이차함수 $f = \frac{c}{2} w^2$에서 경사하강법의 한 걸음은
# $w \leftarrow w - \alpha c\, w = (1 - \alpha c)\, w$입니다. $|1 - \alpha c| < 1$, 즉
# $\alpha < 2/c$여야 줄어들고, $\alpha = 1/c$이면 한 번에 도착합니다.
# 곡률 (curvature) $c$는 방향마다 다릅니다.

# %% slideshow={"slide_type": "fragment"}
curvature = {"x": 1 / 10, "y": 2.0}  # second derivatives of x²/20 + y²
for name, c in curvature.items():
    print(
        f"{name} 방향: 곡률 c = {c:g}, 안정 조건 α < 2/c = {2 / c:g}, 가장 좋은 α = 1/c = {1 / c:g}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# $x$ 방향은 α = 10을 원하는데, $y$ 방향은 α가 1만 넘어도 발산합니다. **하나의 α로는 둘 다 만족시킬
# 수 없습니다.** 그림에서 α = 0.01은 거의 움직이지 못하고, α = 0.95는 $y$ 방향으로 지그재그를 그리며
# $x$ 방향으로는 느릿느릿 나아갑니다.

# %% slideshow={"slide_type": "subslide"}
dilemma = [run(SGD(lr=lr), "book", steps=30) for lr in (0.01, 0.95)]
plot_paths(
    "book",
    dilemma,
    labels=["α = 0.01 (너무 작음)", "α = 0.95 (y 방향에는 너무 큼)"],
    colors=[optim.style.INK, optim.style.COLORS["SGD"]],  # both SGD: no other optimizer's colour
    title="하나의 학습률로 두 방향을 모두 만족시킬 수 없다",
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 아이디어: 매개변수마다 자기 유효 학습률을
#
# 지금까지 기울기가 **컸던** 매개변수는 보폭을 줄이고, 기울기가 작았던 매개변수는 보폭을 크게
# 유지하자는 것이 AdaGrad의 생각입니다. 그래서 매개변수마다 지금까지의 기울기 제곱을
# **모두 더해** 둡니다. $g = \frac{\partial L}{\partial W}$라 쓰면
#
# $$h \leftarrow h + g \odot g$$
#
# $$W \leftarrow W - \alpha \frac{1}{\sqrt{h} + \epsilon} \odot g$$
#
# $\odot$는 원소별 곱입니다. 모든 계산이 **원소마다** 따로 일어나므로 매개변수마다 자기만의
# **유효 학습률** (effective learning rate) $\alpha / (\sqrt{h} + \epsilon)$을 갖게 됩니다.
# (이 강의에서 그냥 '학습률'이라고 하면 언제나 $\alpha$입니다.) $\epsilon$은 $h = 0$일 때 0으로 나누지
# 않게 해 주는 아주 작은 수로, 이 패키지는 책과 슬라이드의 코드처럼 $10^{-7}$을 씁니다.

# %% [markdown] slideshow={"slide_type": "fragment"}
# > **슬라이드와 다른 점.** 슬라이드의 수식은 갱신을 $W + \alpha \ldots$로 적었는데, 기울기의
# > **반대** 방향으로 가야 하므로 $-$가 맞습니다 (슬라이드의 코드는 `-=`로 올바르게 되어 있습니다).
# > 또 슬라이드의 코드는 $\epsilon$을 제곱근 **안**에 넣어 `np.sqrt(h + 1e-7)`로 쓰는데,
# > 여기서는 PyTorch처럼 **밖**에 둡니다. $h$가 아주 작지 않으면 둘의 차이는 작습니다. 아래에서 얼마나 작은지,
# > 언제 커지는지 봅니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 코드로 한 번 써 보기
#
# 슬라이드의 클래스와 같은 모양입니다. 다만 상태 `h`를 처음부터 명시적으로 만들고, ε을 인자로 받습니다.


# %% slideshow={"slide_type": "fragment"}
class MyAdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.h = {}  # sum of squared gradients, one entry per parameter

    def update(self, params, grads):
        for key in params.keys():
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


# %% [markdown] slideshow={"slide_type": "fragment"}
# 책의 그릇 위에서 30걸음을 돌려 `optim.AdaGrad`와 비교해 봅니다. 같은 식이므로 차이가 정확히 0이어야 합니다.

# %% slideshow={"slide_type": "fragment"}
surface = optim.get_surface("book")
mine, params = MyAdaGrad(lr=1.5), {"x": np.array(-7.0), "y": np.array(2.0)}
for _ in range(30):
    gx, gy = surface.gradient(params["x"], params["y"])
    mine.update(params, {"x": gx, "y": gy})
reference = run(AdaGrad(lr=1.5), "book", start=(-7.0, 2.0), steps=30)
difference = np.abs(np.array([params["x"], params["y"]]) - reference.positions[-1]).max()
print(f"MyAdaGrad와 optim.AdaGrad의 30걸음 뒤 위치 차이: {difference}")
print(f"optim.AdaGrad의 기본값: {AdaGrad()}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# ε을 제곱근 안에 넣으면? 두 형태는 나누는 수만 다릅니다: $\sqrt{h} + \epsilon$과 $\sqrt{h + \epsilon}$.
# 첫 걸음에서는 $h = g^2$이라 원래 $g/\sqrt{h} = \pm 1$이어야 합니다. $|g|$를 $10^{-6}$부터 1까지 바꿔 가며
# 두 형태의 $|g|/(\ldots)$를 비교합니다 ($\epsilon = 10^{-7}$).

# %% slideshow={"slide_type": "fragment"}
print("√h = |g|   ε 밖: |g|/(√h+ε)   ε 안: |g|/√(h+ε)   상대 차이")
for size in [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0]:
    outside = size / (np.sqrt(size**2) + 1e-7)  # here and in PyTorch
    inside = size / np.sqrt(size**2 + 1e-7)  # the slide's code
    print(
        f"{size:7.0e}   {outside:17.7f}   {inside:17.7f}   {abs(outside - inside) / outside:9.1e}"
    )
print(f"√ε = {np.sqrt(1e-7):.2e}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# $\sqrt{h}$가 $10^{-2}$ 이상이면 두 형태의 차이는 0.05% 아래라서 어느 쪽이든 괜찮습니다. 그러나 $\sqrt{h}$가
# $\sqrt{\epsilon} \approx 3.2 \times 10^{-4}$ 근처이거나 그보다 작으면 ε을 안에 넣은 쪽이 걸음을 크게 줄입니다
# (1이어야 할 값이 $10^{-4}$에서 0.30, $10^{-6}$에서 0.0032). ε을 밖에 두면 $10^{-6}$에서도 0.91입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 왜 방향마다 보폭이 달라질까
#
# 첫 걸음에서는 $h = g^2$이므로 $g / \sqrt{h} = g / |g| = \pm 1$입니다 ($\epsilon$을 빼면). 기울기의 크기와 상관없이
# **모든 좌표가 정확히 α만큼** 움직입니다. 출발점 $(-7, 2)$에서 기울기는 $(-0.7, 4)$로
# $y$ 쪽이 훨씬 크지만, 두 좌표 모두 1.5씩 움직입니다.

# %% slideshow={"slide_type": "fragment"}
adagrad = run(AdaGrad(lr=1.5), "book", steps=30)
gx, gy = adagrad.gradients[0]
dx, dy = adagrad.positions[1] - adagrad.positions[0]
print(f"첫 기울기 (gx, gy) = ({gx:.1f}, {gy:.1f})")
print(f"첫 걸음 (Δx, Δy) = ({dx:.6f}, {dy:.6f})")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그다음부터는 $y$ 쪽의 $h$가 훨씬 빨리 쌓여서, $y$의 유효 학습률 $\alpha / (\sqrt{h}+\epsilon)$이
# $x$보다 훨씬 작아집니다. 가파른 $y$ 방향은 **더 많이 감속**되고 완만한 $x$ 방향은 큰 유효 학습률을
# 유지합니다. $y$의 유효 학습률은 $y$ 방향의 안정 조건 (1 미만) 아래로 내려오고, $x$의 유효 학습률은
# 1보다 큽니다. 같은 α = 1.5의 SGD라면 $y$ 방향에서 발산했을 것입니다.

# %% slideshow={"slide_type": "fragment"}
h = adagrad.states["h"]  # h after step k, shape (steps + 1, 2)
print(" 걸음 k   x의 유효 학습률   y의 유효 학습률")
for k in [1, 2, 5, 10, 30]:
    rate_x, rate_y = 1.5 / (np.sqrt(h[k]) + 1e-7)
    print(f"{k:6d}   {rate_x:15.4f}   {rate_y:15.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그 결과를 30걸음 뒤의 손실로 비교합니다. SGD는 03에서 가장 빨랐던 α = 0.95와, 0.01부터 0.99까지
# 0.01 간격의 학습률 99개 중 가장 좋은 것을 봅니다. $y$의 부호가 바뀐 횟수는 지그재그를 셉니다.

# %% slideshow={"slide_type": "fragment"}
sgd = run(SGD(lr=0.95), "book", steps=30)
sgd_rates = np.round(np.arange(0.01, 1.0, 0.01), 2)
sgd_best = optim.sweep(SGD, "book", steps=30, lr=sgd_rates).final_loss
print(
    f"30걸음 뒤 손실: SGD(lr=0.95) {sgd.losses[-1]:.5f}, AdaGrad(lr=1.5) {adagrad.losses[-1]:.5f}"
)
best = sgd_best.argmin()
print(f"SGD의 학습률 99개 중 가장 좋은 것: lr = {sgd_rates[best]}, 손실 {sgd_best[best]:.5f}")
for name, trajectory in [("SGD(lr=0.95)", sgd), ("AdaGrad(lr=1.5)", adagrad)]:
    y = trajectory.positions[:, 1]
    print(f"{name}: 30걸음 동안 y의 부호가 바뀐 횟수 {np.sum(np.sign(y[1:]) != np.sign(y[:-1]))}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 30걸음 뒤 AdaGrad의 손실은 학습률 99개의 어느 SGD보다도 작고, $y$는 한 번도 부호를 바꾸지 않습니다
# (지그재그가 없습니다).

# %% slideshow={"slide_type": "fragment"}
plot_paths(
    "book",
    [sgd, adagrad],
    labels=["SGD (α = 0.95)", "AdaGrad (α = 1.5)"],
    colors=[optim.style.COLORS["SGD"], optim.style.COLORS["AdaGrad"]],
    title="AdaGrad는 가파른 y 방향을 더 많이 감속한다",
)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 왜 보폭이 0으로 줄어들까
#
# $h$는 기울기 제곱의 **합**이라서 절대 줄지 않습니다. 기울기가 늘 같은 값 $g$라면 $t$번째 걸음에서
# $h = t\, g^2$이고, 보폭은
#
# $$\text{보폭}_t = \alpha \frac{|g|}{\sqrt{t\, g^2}} = \frac{\alpha}{\sqrt{t}}$$
#
# 입니다. 기울기가 그대로여도 보폭은 $1/\sqrt{t}$로 줄어듭니다. α = 0.1, $g = 1$로 확인해 봅시다.

# %% slideshow={"slide_type": "fragment"}
opt, w = AdaGrad(lr=0.1), {"w": np.array(0.0)}  # eps = 1e-7 is far below the printed digits
previous, steps = 0.0, {}
for t in range(1, 10_001):
    opt.update(w, {"w": np.array(1.0)})  # the same gradient g = 1 every time
    steps[t], previous = previous - float(w["w"]), float(w["w"])
for t in [1, 4, 16, 100, 10_000]:
    print(f"t = {t:6d}: 보폭 {steps[t]:.6f},  α/√t = {0.1 / np.sqrt(t):.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 그래서 멀리 있는 최솟점까지 가기가 점점 힘들어집니다. $T$걸음 동안 간 거리는
# $\sum_{t=1}^{T} \alpha/\sqrt{t} \approx 2\alpha\sqrt{T}$로 $\sqrt{T}$에 비례할 뿐이고,
# 같은 α의 SGD는 $\alpha T$를 갑니다.

# %% slideshow={"slide_type": "fragment"}
for T in [10, 100, 1000, 10_000]:
    adagrad_distance = sum(steps[t] for t in range(1, T + 1))
    print(
        f"T = {T:6d}: AdaGrad {adagrad_distance:8.2f}   (2α√T = {0.2 * np.sqrt(T):6.2f})"
        f"   SGD {0.1 * T:7.1f}"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 책의 그릇에서: 잡음이 없을 때와 있을 때
#
# 실제 곡면에서는 기울기가 일정하지 않습니다. 위의 AdaGrad (α = 1.5)를 책의 그릇에서 1000걸음 돌리면서,
# 좌표마다의 유효 학습률 $\alpha/(\sqrt{h_k}+\epsilon)$을 `optim.inner.inner_state`로 걸음마다 읽어 봅니다.
# 한 번은 정확한 기울기로, 한 번은 03처럼 미니배치 잡음을 흉내 내어 기울기의 각 성분에 표준편차 σ = 1의
# 잡음을 더해서 (`noise=1.0, seed=0`) 돌립니다.

# %% slideshow={"slide_type": "fragment"}
pair = {
    "잡음 없음": run(AdaGrad(lr=1.5), "book", steps=1000),
    "잡음 σ = 1": run(AdaGrad(lr=1.5), "book", steps=1000, noise=1.0, seed=0),
}
rates = {label: inner_state(trajectory).effective_lr for label, trajectory in pair.items()}
print(" 걸음 k   잡음 없음: x, y의 유효 학습률   잡음 σ = 1: x, y의 유효 학습률   √k × (σ = 1의 x)")
for k in [1, 10, 100, 1000]:
    (cx, cy), (nx, ny) = rates["잡음 없음"][k - 1], rates["잡음 σ = 1"][k - 1]
    print(f"{k:6d}   {cx:12.4f} {cy:10.4f}   {nx:18.4f} {ny:10.4f}   {np.sqrt(k) * nx:18.3f}")
clean = pair["잡음 없음"]
print(
    f"잡음 없음: 1000걸음 뒤 손실 {clean.losses[-1]:.1e}, |∇L| {np.hypot(*clean.gradients[-1]):.1e}"
)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 잡음이 없으면 유효 학습률은 처음 몇십 걸음 동안 줄어든 뒤 **한 값에 머뭅니다** ($x$ 1.1763, $y$ 0.3629).
# 최솟점에 다가가며 기울기가 0으로 가니 $h$에 더해지는 $g^2$도 0으로 가서, $h$가 더 자라지 않기 때문입니다.
# 잡음이 있으면 다릅니다. 최솟점 근처에서도 $g^2$이 평균 $\sigma^2$씩 계속 더해져 $h \approx k\sigma^2$이 되므로,
# 유효 학습률은 $\alpha/(\sigma\sqrt{k})$처럼 **계속 줄어듭니다**. 마지막 열의 $\sqrt{k}$배가 α/σ = 1.5 근처에
# 머무는 것이 그 표시입니다. 왼쪽은 잡음이 없을 때, 오른쪽은 잡음이 있을 때입니다 (로그 눈금; 회색 점선은 학습률 α,
# 검은 점선은 $\alpha/(\sigma\sqrt{k})$).

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(15, 5), layout="constrained", sharey=True)
for ax, (label, trajectory) in zip(axes, pair.items()):
    plot_inner_state(trajectory, ax=ax)
    ax.set_title(f"AdaGrad (α = 1.5), {label}")
k = np.arange(1, 1001)
axes[1].plot(k, 1.5 / np.sqrt(k), ":", color="k", label="α/(σ√k)")
axes[0].get_legend().remove()  # one legend, beside the right panel
axes[1].legend(loc="upper left", bbox_to_anchor=(1.02, 1))
axes[1].set_ylabel("")
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ### 큰 기울기 한 번을 영원히 기억한다: 로젠브록 함수
#
# 더 곤란한 경우는 처음에 **큰 기울기**를 만났을 때입니다. 로젠브록 (Rosenbrock) 함수의 출발점
# $(-1.5, 2)$는 가파른 벽 위라서 첫 기울기가 큽니다. 그 제곱이 $h$에 들어가면, 완만한 바나나 모양
# 골짜기에 내려온 뒤에도 유효 학습률이 다시 커지지 않습니다.

# %% slideshow={"slide_type": "fragment"}
slow = run(AdaGrad(lr=0.1), "rosenbrock", steps=3000)
h = slow.states["h"]
print(" 걸음 k   손실      최솟점까지 거리   |gx|      |gy|      x의 유효 학습률  y의 유효 학습률")
for k in [0, 1, 10, 100, 1000, 3000]:
    gx, gy = np.abs(slow.gradients[k])
    distance = np.hypot(*(slow.positions[k] - 1.0))
    rate = 0.1 / (np.sqrt(h[k]) + 1e-7) if k else (np.nan, np.nan)
    print(
        f"{k:6d}   {slow.losses[k]:7.4f}   {distance:10.4f}   {gx:8.3f}  {gy:8.3f}"
        f"   {rate[0]:11.2e}    {rate[1]:11.2e}"
    )
gx, gy = np.abs(slow.gradients[10:1001]).T  # every step from 10 to 1000, not only the rows above
print(f"걸음 10~1000의 |gx|: {gx.min():.2f}~{gx.max():.2f}, |gy|: {gy.min():.2f}~{gy.max():.2f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 출발점의 기울기 $|g_x| = 155$가 $h$에 들어가자마자 $x$의 유효 학습률은 α = 0.1의 155분의 1인
# $6.45 \times 10^{-4}$로 떨어지고, 그 뒤 걸음 10부터 1000까지 기울기의 두 성분이 0.8~2.2로 작아져도 거의 그대로입니다.
# 최솟점 $(1, 1)$까지 2.6 넘게 남았는데 보폭이 작아 (아래에서 보듯 0.002 안팎), 1000걸음 뒤에도
# 1.675가 남았고 3000걸음을 가도 0.566이 남아 아직 도착하지 못했습니다.
#
# 아래 왼쪽은 처음 1000걸음의 경로입니다. 골짜기를 따라가고는 있지만 별 (최솟점)은 아직 멉니다.
# 오른쪽은 걸음마다의 보폭 $\lVert W_{k} - W_{k-1} \rVert$입니다 (로그 눈금).

# %% slideshow={"slide_type": "subslide"}
step_length = np.linalg.norm(np.diff(slow.positions, axis=0), axis=1)
fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5), layout="constrained")
plot_paths(
    "rosenbrock",
    [run(AdaGrad(lr=0.1), "rosenbrock", steps=1000)],
    labels=["AdaGrad (α = 0.1), 1000걸음"],
    ax=left,
)
right.semilogy(np.arange(1, step_length.size + 1), step_length, color=optim.style.COLORS["AdaGrad"])
right.set(xlabel="걸음 k", ylabel="보폭 ‖W(k) − W(k−1)‖", title="보폭: 네 걸음 만에 급히 줄어든다")
right.grid(True, alpha=0.3)
plt.show()
print("보폭, 걸음 1~4:", ", ".join(f"{length:.4f}" for length in step_length[:4]))
later = step_length[4:1000]  # steps 5 to 1000
print(
    f"걸음 5~1000의 보폭: 최소 {later.min():.2e}, 최대 {later.max():.2e} "
    f"(첫 걸음의 1/{step_length[0] / later.max():.0f} ~ 1/{step_length[0] / later.min():.0f})"
)
print(", ".join(f"걸음 {k}: {step_length[k - 1]:.2e}" for k in (100, 1000, 3000)))

# %% [markdown] slideshow={"slide_type": "fragment"}
# 첫 걸음의 보폭은 $\alpha\sqrt{2} \approx 0.1414$입니다 (두 좌표가 α씩). 넷째 걸음의 보폭은 벌써
# 첫 걸음의 20분의 1 아래입니다. 그다음이 더 중요합니다. 걸음 5부터 1000까지 보폭은 $2 \times 10^{-3}$ 안팎 (첫 걸음의
# 83분의 1에서 56분의 1 사이)에 머뭅니다. 걸음 10부터는 기울기가 여전히 0.8~2.2로 남아 있는데도,
# 처음에 쌓인 $h$ 때문에 유효 학습률이 작게 묶여 있어서입니다. 1000걸음 뒤에는 최솟점에 다가가며
# 기울기 자체가 작아지니 보폭이 더 줄어, 3000걸음째에는 $3 \times 10^{-4}$입니다.

# %% [markdown] slideshow={"slide_type": "fragment"}
# 이것이 AdaGrad의 약점입니다. 유효 학습률이 저절로 줄어드는 것은 최솟점 근처에서는 좋지만,
# 과거를 **잊지 못하기** 때문에 너무 일찍 멈춰 설 수 있습니다. 다음 노트북의 RMSprop은 오래된 기울기를
# 조금씩 잊어서 이 문제를 풉니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# 슬라이더로 학습률을 바꾸고 ▶ (Play)로 걸음을 따라가 보세요. 검은 화살표는 내리막 방향 $-\nabla L$,
# 초록 화살표 (AdaGrad의 색)는 실제로 내디딘 걸음입니다.
#
# 이렇게 해 보세요:
#
# 1. lr을 0.1로 낮춰 보세요. 첫 걸음은 두 좌표 모두 0.1씩이고, 그 뒤로 보폭이 줄어들어 100걸음 뒤에도
#    최솟점까지 5.27이나 남습니다 (출발점에서는 7.28).
# 2. lr을 5 이상으로 올려 보세요. SGD라면 $y$ 방향에서 바로 발산할 값인데 (α < 1이어야 함), AdaGrad는
#    첫 걸음에 크게 튀고는 곧 진정되어 수렴합니다. 큰 기울기가 $h$에 쌓이면 유효 학습률이 저절로
#    작아지기 때문입니다. 아래 셀은 슬라이더의 lr 눈금 중 1 이상을 모두 돌려 봅니다.
# 3. lr을 0.1로 두고 surface를 로젠브록 (rosenbrock)으로 바꾼 뒤 steps를 500으로 늘려 보세요. 위에서 본
#    대로 네 걸음 만에 초록 화살표가 점처럼 작아집니다.
# 4. noise 슬라이더 옆의 **내부 상태** (inner state) 단추를 눌러 보세요. 오른쪽 그림에 손실 대신 두 좌표의 유효 학습률이
#    그려지고 (실선 $x$, 점선 $y$), 걸음 슬라이더와 ▶를 따라 자랍니다. 처음 설정 (lr 1.5)에서는 위 표의
#    잡음 없는 열과 같은 값입니다. lr을 바꾸면 곡선이 어떻게 달라지나요?

# %% slideshow={"slide_type": "fragment"}
stops = 10 ** np.arange(0, 1.001, 0.05)  # the lr slider's stops from 1 to 10
large = optim.sweep(AdaGrad, "book", steps=100, lr=stops)
for stop, converged in zip(stops, large.converged_at):
    status = f"{converged:2d}걸음에 수렴" if converged >= 0 else "100걸음 안에 수렴하지 못함"
    print(f"lr = {stop:6.3f}: {status}")
print(f"발산한 lr: {np.sum(large.diverged_at >= 0)}개")

# %% [markdown] slideshow={"slide_type": "fragment"}
# lr = 1은 100걸음 안에 손실이 최솟값의 $10^{-6}$ 안으로 들어오지 못하지만, 1.122부터 10까지는 모두
# 100걸음 안에 수렴하고, 발산하는 값은 하나도 없습니다.

# %% slideshow={"slide_type": "subslide"}
explore("AdaGrad", "book", lr=1.5, steps=100)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 하나의 학습률 α는 가파른 방향과 완만한 방향을 동시에 만족시키지 못합니다 (책의 그릇: $x$는 α = 10을,
#   $y$는 α < 1을 원함).
# - AdaGrad는 매개변수마다 기울기 제곱의 합 $h \leftarrow h + g^2$을 모으고
#   $W \leftarrow W - \alpha\, g / (\sqrt{h} + \epsilon)$로 움직입니다. 매개변수마다 유효 학습률
#   $\alpha / (\sqrt{h} + \epsilon)$이 따로 있고, 기울기가 컸던 방향일수록 감속합니다.
# - 첫 걸음은 모든 좌표가 α만큼 움직입니다 ($g/|g| = \pm 1$).
# - $h$는 줄지 않으므로 보폭은 0을 향해 줄어듭니다. 기울기가 일정하면 보폭은 $\alpha/\sqrt{t}$이고,
#   초반의 큰 기울기 하나가 유효 학습률을 계속 낮게 묶어 최솟점에 닿기 전에 멈춰 설 수 있습니다.
# - 유효 학습률은 기울기가 0으로 가면 더 줄지 않고 한 값에 머뭅니다 (잡음 없는 책의 그릇). 기울기에 잡음이 있으면
#   $h$가 걸음마다 $\sigma^2$쯤 자라서 유효 학습률이 $\alpha/(\sigma\sqrt{k})$처럼 계속 줄어듭니다.
# - 슬라이드의 수식은 +를 썼지만 −가 맞습니다. ε을 제곱근 안에 넣든 밖에 두든 $\sqrt{h}$가
#   $\sqrt{\epsilon}$보다 훨씬 크면 거의 같고, $\sqrt{h}$가 그 근처로 작아지면 ε을 안에 넣은 쪽의 걸음이
#   크게 줄어듭니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `YourAdaGrad`에는 흔한 실수가 하나 있습니다. `check`를 실행해서 힌트를 읽어 보세요.


# %% slideshow={"slide_type": "fragment"}
class YourAdaGrad:
    def __init__(self, lr=0.01, eps=1e-7):
        self.lr = lr
        self.eps = eps
        self.h = {}

    def update(self, params, grads):
        for key in params.keys():
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (self.h[key] + self.eps)


check(YourAdaGrad, "AdaGrad")

# %% [markdown] slideshow={"slide_type": "fragment"}
# **과제**: 한 줄을 고쳐서 `check(YourAdaGrad, "AdaGrad")`가 통과하게 해 보세요. 힌트만으로 모르겠으면
# `check(YourAdaGrad, "AdaGrad", answer=True)`로 답을 볼 수 있습니다.
#
# 생각해 볼 점: 이 노트북에서 AdaGrad의 첫 걸음은 기울기의 크기와 상관없이 모든 좌표가 α씩
# 움직였습니다. 이 코드로 기울기가 $g = 4$인 좌표의 첫 걸음을 손으로 계산하면 얼마인가요?
#
# <details><summary>정답 보기</summary>
#
# 제곱근이 빠졌습니다. 나누는 수는 $h$가 아니라 $\sqrt{h} + \epsilon$입니다.
#
# ```python
# params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)
# ```
#
# 제곱근이 없으면 첫 걸음은 $\alpha g / g^2 = \alpha / g$라서, $g = 4$인 좌표는 $\alpha/4$만 움직이고
# 기울기가 작은 좌표일수록 오히려 크게 움직입니다. $g$의 단위도 맞지 않습니다: $\sqrt{h}$는 $g$와
# 단위가 같아 $g/\sqrt{h}$에는 단위가 없지만, $g/h$는 $1/g$의 단위를 가집니다.
#
# </details>
