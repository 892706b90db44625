# %% [markdown] slideshow={"slide_type": "slide"}
# # 06. 알엠에스프롭 (RMSprop)
#
# AdaGrad는 기울기 제곱을 **모두 더해서**, 한 번 큰 기울기를 만나면 유효 학습률(effective learning rate)
# $\alpha/(\sqrt{h}+\epsilon)$이 영영 회복되지 않았습니다. RMSprop은 합 대신 **최근 기울기 제곱의 평균**을 씁니다.
# 오래된 기울기는 조금씩 잊히므로 유효 학습률이 다시 커질 수 있습니다. 그 평균이 슬라이드의 **지수 이동 평균**입니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 지수 이동 평균(exponential moving average, EMA) $x_k = \alpha p_k + (1-\alpha)x_{k-1}$을 풀어 써서
#    각 값의 가중치 $\alpha(1-\alpha)^i$를 구하고, $\alpha = 2/(N+1)$의 뜻을 설명할 수 있습니다.
# 2. RMSprop의 갱신식 $h \leftarrow \gamma h + (1-\gamma) g^2$을 코드로 쓰고, 0에서 출발한 $h$ 때문에 첫 걸음의
#    보폭이 α의 10배가 된다는 것을 설명할 수 있습니다.
# 3. 오래된 기울기를 잊는 것이 AdaGrad의 멈춤을 어떻게 고치는지, 또 AdaGrad도 학습률을 잘 고르면 어디까지 가는지
#    학습률 훑기(sweep)로 보일 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import AdaGrad, RMSprop, explore, run
from optim.ema import alpha_for_window, ema, ema_weights, mean_age, window_weight
from optim.exercises import check
from optim.figures import plot_paths
from optim.inner import inner_state

COLORS = optim.style.COLORS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 지수 이동 평균 (exponential moving average)
#
# 값 $p_1, p_2, \ldots$가 하나씩 들어올 때, 평균 $x$를 새 값 쪽으로 **조금만** 당겨 갱신합니다.
#
# $$x_k = \alpha\, p_k + (1 - \alpha)\, x_{k-1}, \qquad \alpha = \frac{2}{N + 1}$$
#
# $\alpha$는 새 값에 주는 몫이고, 나머지 $1-\alpha$는 지금까지의 평균에 줍니다.
# (여기의 $\alpha$는 학습률이 아니라 **새 값의 가중치**입니다. 슬라이드가 같은 글자를 쓰니 헷갈리지 마세요.)
# $N$은 "대략 최근 몇 개를 평균하는가"이고, $N$이 클수록 $\alpha$가 작아져 천천히 변합니다.

# %% slideshow={"slide_type": "fragment"}
for n in [1, 3, 9, 19, 99, 199]:
    print(f"N = {n:3d}  →  α = 2/(N+1) = {float(alpha_for_window(n)):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 풀어 쓰면 가중치가 보인다
#
# $x_{k-1}$ 자리에 그 정의 $\alpha p_{k-1} + (1-\alpha) x_{k-2}$를 넣고, 다시 $x_{k-2}$를 넣고 ...
# 를 $N$ 번 반복하면 (슬라이드의 전개)
#
# $$x_k = \alpha p_k + \alpha(1-\alpha) p_{k-1} + \alpha(1-\alpha)^2 p_{k-2} + \cdots
#       = \alpha \sum_{i=0}^{N-1} (1-\alpha)^i\, p_{k-i} \;+\; (1-\alpha)^N x_{k-N}$$
#
# 즉 $i$ 걸음 전의 값 $p_{k-i}$는 가중치 $\alpha(1-\alpha)^i$를 받습니다. 한 걸음 멀어질 때마다
# $(1-\alpha)$배씩 **지수적으로** 작아지므로 "지수" 이동 평균입니다. 오래된 값은 결코 0이 되지는
# 않지만 점점 잊힙니다.
#
# 손으로 확인: $\alpha = 0.5$, 값 1, 2, 3, 시작 $x_0 = 0$이면
# $x_1 = 0.5$, $x_2 = 0.5\cdot 2 + 0.5 \cdot 0.5 = 1.25$, $x_3 = 0.5 \cdot 3 + 0.5 \cdot 1.25 = 2.125$입니다.

# %% slideshow={"slide_type": "fragment"}
print("ema([1, 2, 3], α=0.5) =", ema([1, 2, 3], 0.5))
print("풀어 쓴 식으로 x_3   =", np.dot(ema_weights(0.5, 3), [3, 2, 1]) + 0.5**3 * 0.0)

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 가중치를 그려 보기
#
# $N = 5$와 $N = 20$의 가중치 $\alpha(1-\alpha)^i$입니다. 진한 막대가 최근 $N$ 개(창, window),
# 옅은 막대가 그보다 오래된 값입니다.

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5), layout="constrained", sharey=True)
color = "0.3"  # grey: these are averaging windows, not optimizers
for ax, n in zip(axes, [5, 20]):
    alpha = float(alpha_for_window(n))
    ages = np.arange(3 * n)
    weights = ema_weights(alpha, ages.size)
    recent = f"최근 {n}개: 합 {window_weight(alpha, n):.3f}"
    ax.bar(ages[:n], weights[:n], color=color, label=recent)
    ax.bar(ages[n:], weights[n:], color=color, alpha=0.3, label="더 오래된 값")
    ax.set(title=f"N = {n}, α = {alpha:.4f}", xlabel="몇 걸음 전의 값인가 (i)")
    ax.legend()
axes[0].set_ylabel("가중치 α(1 − α)ⁱ")
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 최근 $N$ 개의 가중치를 더하면 등비수열의 합
#
# $$\alpha \sum_{i=0}^{N-1} (1-\alpha)^i = \alpha \cdot \frac{1 - (1-\alpha)^N}{1 - (1-\alpha)} = 1 - (1-\alpha)^N$$
#
# 이고, 나머지 $(1-\alpha)^N$이 전개의 마지막 항 $x_{k-N}$의 몫입니다. $\alpha = 2/(N+1)$이면
# $N$이 커질수록 $1 - e^{-2}$에 다가갑니다. 평균의 86% 남짓을 최근 $N$ 개가 만든다는 뜻입니다.

# %% slideshow={"slide_type": "fragment"}
for n in [1, 3, 5, 20, 199]:
    alpha = float(alpha_for_window(n))
    print(
        f"N = {n:3d}: 가중치의 합 {ema_weights(alpha, n).sum():.6f}"
        f"  =  1 − (1 − α)^N = {window_weight(alpha, n):.6f}"
    )
print(f"N → ∞ 의 극한 1 − e⁻² = {1 - np.exp(-2):.6f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# **왜 하필 $2/(N+1)$일까?** 평균 속 값들이 평균 몇 걸음 전의 것인지(가중치로 잰 평균 나이)를 보면,
# EMA는 $\sum_i i\,\alpha(1-\alpha)^i = (1-\alpha)/\alpha$이고, 최근 $N$ 개의 단순 평균은
# 나이 $0, 1, \ldots, N-1$의 평균 $(N-1)/2$입니다. $\alpha = 2/(N+1)$이면 둘이 **정확히 같습니다**.
# 같은 만큼 "과거를 보는" 평균이 되도록 맞춘 값입니다.

# %% slideshow={"slide_type": "fragment"}
for n in [3, 9, 19, 199]:
    age = mean_age(float(alpha_for_window(n)))
    print(f"N = {n:3d}: EMA의 평균 나이 {age:6.2f},  단순 평균 {(n - 1) / 2:6.2f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 합 대신 평균: 잊는 것이 왜 도움이 될까
#
# 기울기 제곱 $g^2$이 처음 10걸음은 100이고 그 뒤로는 1인 상황을 생각해 봅시다(로젠브록에서 가파른 벽을
# 내려와 완만한 골짜기에 들어선 것과 비슷합니다). AdaGrad의 합과 EMA를 비교합니다. 학습률 α와
# 헷갈리지 않도록 EMA의 새 값 가중치는 이제부터 $\alpha_{\text{EMA}}$로 씁니다(여기서는 $\alpha_{\text{EMA}} = 0.1$).

# %% slideshow={"slide_type": "fragment"}
squared = np.r_[np.full(10, 100.0), np.ones(90)]  # g² for steps 1 ... 100
total = np.cumsum(squared)  # AdaGrad's h
average = ema(squared, 0.1)  # RMSprop's h with decay_rate γ = 0.9
lr = 0.01
print(" 걸음 k   합 h      EMA h     유효 학습률 α/√h (합)   유효 학습률 α/√h (EMA)")
for k in [10, 11, 20, 50, 100]:
    h_sum, h_ema = total[k - 1], average[k - 1]
    rate_sum, rate_ema = lr / np.sqrt(h_sum), lr / np.sqrt(h_ema)
    print(
        f"{k:6d}   {h_sum:7.1f}   {h_ema:7.3f}         {rate_sum:.6f}               {rate_ema:.6f}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 합은 1000을 넘은 뒤 줄지 않아서 유효 학습률이 0.0003 근처에 묶이지만, EMA는 큰 값들을 잊고 1 근처로
# 돌아와 유효 학습률이 원래의 α = 0.01 가까이 회복됩니다. 10걸음째 EMA가 100이 아니라 65인 것은 0에서
# 출발했기 때문입니다. 이 **출발 치우침**(start-up bias)은 아래에서 RMSprop의 첫 걸음을 키우고,
# 다음 노트북의 Adam은 편향 보정으로 이를 바로잡습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## RMSprop의 갱신식
#
# 기울기 제곱의 EMA를 $h$로 씁니다. 슬라이드처럼 $\gamma = 1 - \alpha_{\text{EMA}}$(코드에서는 `decay_rate`)로 쓰면
#
# $$h \leftarrow \gamma\, h + (1 - \gamma)\, g \odot g$$
#
# $$W \leftarrow W - \alpha \frac{1}{\sqrt{h} + \epsilon} \odot g$$
#
# 여기의 $\alpha$는 학습률이고, $\alpha/(\sqrt{h}+\epsilon)$이 좌표마다의 유효 학습률입니다. 둘째 줄은 AdaGrad와 같고,
# 첫째 줄만 "합"에서 "평균"으로 바뀌었습니다. $\epsilon$은 0으로 나누지 않게 하는 작은 수로, 이 강의의 `optim`은
# 책(밑바닥부터 시작하는 딥러닝)을 따라 $10^{-7}$을 씁니다. Adam 논문과 PyTorch의 기본값은 $10^{-8}$입니다.
#
# 책의 기본값 $\gamma = 0.99$는 $\alpha_{\text{EMA}} = 0.01$, 즉 $N = 199$ 개쯤의 창입니다. 이 방법을 처음 소개한
# Hinton의 강의(Coursera "Neural Networks for Machine Learning", 2012, 6강)는 $\gamma = 0.9$, 즉 $N = 19$ 개쯤의
# 짧은 창을 제안했습니다. PyTorch의 기본값은 책과 같은 0.99입니다.

# %% slideshow={"slide_type": "fragment"}
print(f"optim.RMSprop의 기본값: decay_rate γ = {RMSprop().decay_rate}, eps ε = {RMSprop().eps:.0e}")
for gamma in [0.9, 0.99, 0.999]:
    print(
        f"γ = {gamma:<5} → α_EMA = 1 − γ = {1 - gamma:.3f} → "
        f"N = 2/α_EMA − 1 = {2 / (1 - gamma) - 1:.0f}"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 이름의 유래: RMS + Rprop
#
# $\sqrt{h}$는 최근 기울기 제곱 평균의 제곱근(root mean square, RMS)입니다. 뒤의 "prop"은 무엇을 전파한다는
# 뜻이 아니라 **Rprop**(resilient backpropagation)에서 왔습니다. Rprop은 기울기의 **부호**만 보고, 좌표마다
# 따로 정한 보폭으로 움직이는 방법입니다. 데이터 전체의 기울기로는 잘 되지만 미니배치에서는 문제가 됩니다.
# Hinton의 예처럼 한 가중치가 아홉 미니배치에서 기울기 +0.1, 열 번째에서 −0.9를 받으면, 기울기의 합은 0이라 제자리에
# 있어야 하는데 부호만 더하면 +8이 되어 한쪽으로 끌려갑니다.

# %% slideshow={"slide_type": "fragment"}
minibatch_grads = np.r_[np.full(9, 0.1), -0.9]
print(f"기울기의 합 {minibatch_grads.sum():+.1f},  부호의 합 {np.sign(minibatch_grads).sum():+.0f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# RMSprop은 부호 대신 $g/\sqrt{h}$를 씁니다. 이웃한 미니배치들은 같은 $\sqrt{h}$로 나뉘므로 크기의 비가 살아 있고,
# 그러면서도 Rprop처럼 기울기의 크기와 상관없이 비슷한 보폭으로 움직입니다. "미니배치에서도 쓸 수 있게 만든
# Rprop"이라서 RMSprop입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 출발 치우침: 첫 보폭은 α의 10배
#
# $h$는 0에서 출발하므로 첫 걸음에서 $h_1 = (1-\gamma)\, g_1^2$, 즉 $\sqrt{h_1} = \sqrt{1-\gamma}\,|g_1|$입니다.
# 그래서 첫 걸음의 보폭은 기울기의 크기와 상관없이 좌표마다
#
# $$\alpha \frac{|g_1|}{\sqrt{1-\gamma}\,|g_1|} = \frac{\alpha}{\sqrt{1-\gamma}} = \frac{\alpha}{\sqrt{0.01}} = 10\,\alpha \qquad (\gamma = 0.99)$$
#
# 입니다. 기울기가 계속 같은 $g$라면 $h_k = (1-\gamma^k)\,g^2$이므로 $k$번째 보폭은 $\alpha/\sqrt{1-\gamma^k}$이고,
# 수백 걸음에 걸쳐 천천히 α로 내려옵니다. 책과 PyTorch의 RMSprop도 이 치우침을 그대로 둡니다.
# 07의 Adam은 같은 치우침을 **편향 보정**(bias correction)으로 없앱니다.

# %% slideshow={"slide_type": "fragment"}
surface = optim.get_surface("rosenbrock")
first = run(RMSprop(lr=0.01), "rosenbrock", start=(-1.5, 2.0), steps=1)
g1 = np.array(surface.gradient(-1.5, 2.0))
print(f"출발점 (−1.5, 2)의 기울기 g₁ = ({g1[0]:.0f}, {g1[1]:.0f})")
step = np.abs(first.positions[1] - first.positions[0]) / 0.01
print(f"α = 0.01일 때 첫 걸음의 |Δx|/α = {step[0]:.4f}, |Δy|/α = {step[1]:.4f}")
k = np.array([1, 2, 5, 10, 50, 100, 300, 500])
ratios = 1 / np.sqrt(1 - 0.99**k)
print("같은 g가 계속될 때 k번째 보폭 / α: ", ", ".join(f"k={n} {r:.2f}" for n, r in zip(k, ratios)))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 코드로 한 번 써 보기
#
# AdaGrad의 클래스에서 `h`를 갱신하는 한 줄만 바뀝니다.


# %% slideshow={"slide_type": "fragment"}
class MyRMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = {}  # moving average of squared gradients

    def update(self, params, grads):
        for key in params.keys():
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


# %% [markdown] slideshow={"slide_type": "fragment"}
# 로젠브록 위에서 200걸음을 돌려 `optim.RMSprop`과 비교하고, 상태 `h`가 정말 기울기 제곱의 EMA인지도 확인합니다.

# %% slideshow={"slide_type": "fragment"}
surface = optim.get_surface("rosenbrock")
mine, params, seen = MyRMSprop(lr=0.01), {"x": np.array(-1.5), "y": np.array(2.0)}, []
for _ in range(200):
    gx, gy = surface.gradient(params["x"], params["y"])
    seen.append(gx)
    mine.update(params, {"x": gx, "y": gy})
reference = run(RMSprop(lr=0.01), "rosenbrock", start=(-1.5, 2.0), steps=200)
difference = np.abs(np.array([params["x"], params["y"]]) - reference.positions[-1]).max()
print(f"MyRMSprop와 optim.RMSprop의 200걸음 뒤 위치 차이: {difference}")
print(f"h_x 와 ema(gx², 1 − γ) 의 차이: {abs(mine.h['x'] - ema(np.square(seen), 0.01)[-1]):.1e}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## AdaGrad vs RMSprop: 로젠브록에서 경주
#
# 같은 학습률 α = 0.01, 같은 출발점 $(-1.5, 2)$에서 1000걸음씩 갑니다.

# %% slideshow={"slide_type": "fragment"}
runs = {
    "AdaGrad (α = 0.01)": run(AdaGrad(lr=0.01), "rosenbrock", steps=1000),
    "RMSprop (α = 0.01, γ = 0.99)": run(RMSprop(lr=0.01), "rosenbrock", steps=1000),
}
for name, trajectory in runs.items():
    distance = np.linalg.norm(trajectory.positions[-1] - 1.0)
    print(
        f"{name:30s}: 1000걸음 뒤 손실 {trajectory.losses[-1]:.4f}, 최솟점까지 거리 {distance:.4f}"
    )

# %% slideshow={"slide_type": "fragment"}
plot_paths("rosenbrock", runs, title="같은 α로 1000걸음: 잊지 못하는 AdaGrad, 잊는 RMSprop")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 차이는 유효 학습률 $\alpha/(\sqrt{h}+\epsilon)$에서 나옵니다(로그 눈금, $x$ 좌표). 먼저, $k = 1$에서 두 곡선이
# 이미 10배 벌어져 있는 것은 잊기 때문이 아니라 위에서 본 **출발 치우침** 때문입니다. AdaGrad는 $h_1 = g_1^2$이고
# RMSprop은 $h_1 = 0.01\,g_1^2$입니다. 잊는 효과는 그다음에 보입니다. AdaGrad의 유효 학습률은 내려가기만 하고,
# RMSprop의 유효 학습률은 처음 몇 걸음 줄어든 뒤 완만한 골짜기에 들어서면 다시 올라갑니다.

# %% slideshow={"slide_type": "fragment"}
fig, ax = plt.subplots(figsize=(10, 4.5), layout="constrained")
rates = {}
for (name, trajectory), color in zip(runs.items(), [COLORS["AdaGrad"], COLORS["RMSprop"]]):
    rates[name] = 0.01 / (np.sqrt(trajectory.states["h"][:, 0]) + 1e-7)  # index k: after step k
    ax.semilogy(np.arange(1, 1001), rates[name][1:], color=color, label=name)
ax.set(
    xlabel="걸음 k",
    ylabel="x의 유효 학습률 α/(√h + ε)",
    title="AdaGrad는 회복하지 못하고, RMSprop은 회복한다",
)
ax.grid(True, alpha=0.3)
ax.legend()
plt.show()
for name, rate in rates.items():
    low = rate[1:].argmin() + 1
    print(
        f"{name:30s}: x의 유효 학습률  1걸음 {rate[1]:.1e}, "
        f"가장 낮을 때 {rate[low]:.1e} ({low}걸음), "
        f"100걸음 {rate[100]:.1e}, 1000걸음 {rate[1000]:.1e}"
    )
adagrad_rate, rmsprop_rate = rates.values()
print(f"1걸음에서의 비 RMSprop / AdaGrad = {rmsprop_rate[1] / adagrad_rate[1]:.2f}  (= 1/√(1 − γ))")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 잡음이 있을 때: RMSprop의 유효 학습률은 최근 기울기를 따라간다
#
# 05에서 본 대로, 기울기에 잡음이 있으면 AdaGrad의 $h$는 걸음마다 자라서 유효 학습률이 계속 줄어듭니다.
# RMSprop의 $h$는 **최근** 기울기 제곱의 평균이라, 잡음이 있으면 대략 $\sigma^2$ (최솟점 근처에서 기울기 제곱의 평균)에
# 머뭅니다. 책의 그릇에서 같은 α = 0.1, 같은 잡음 (σ = 1, 시드 0)으로 1000걸음을 비교하고, 잡음 없는 RMSprop도 봅니다.
# 유효 학습률은 `optim.inner.inner_state`로 읽습니다.

# %% slideshow={"slide_type": "fragment"}
noisy = {
    "AdaGrad, 잡음 σ = 1": run(AdaGrad(lr=0.1), "book", steps=1000, noise=1.0, seed=0),
    "RMSprop, 잡음 σ = 1": run(RMSprop(lr=0.1), "book", steps=1000, noise=1.0, seed=0),
    "RMSprop, 잡음 없음": run(RMSprop(lr=0.1), "book", steps=1000),
}
print(f"{'':20s}  x, y의 유효 학습률: 걸음 1 / 10 / 100 / 1000    걸음 100~1000에서 가장 작을 때")
for label, trajectory in noisy.items():
    rate = inner_state(trajectory).effective_lr
    shown = " / ".join(f"({rate[k - 1, 0]:.4g}, {rate[k - 1, 1]:.4g})" for k in [1, 10, 100, 1000])
    low = rate[99:].min(axis=0)
    print(f"{label:20s}  {shown}    ({low[0]:.4g}, {low[1]:.4g})")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 잡음이 있을 때 AdaGrad의 유효 학습률은 1000걸음째 0.0028까지 내려가고 계속 줄어드는 중이지만, RMSprop은 100걸음
# 뒤로 가장 작을 때도 $x$ 0.0875, $y$ 0.0889로 α/σ = 0.1 근처에 머뭅니다 (여기서는 σ = 1이라 α/σ가 α와 같습니다).
# **0으로 줄어들지 않습니다.** 잡음이 없으면 RMSprop은 최솟점에 다가가 기울기가 작아질수록 $h$도 작아져서, 유효
# 학습률이 오히려 α보다 커집니다 (1000걸음째 $x$ 87.99). 이것이 무슨 일을 일으키는지는 08의 5절에서 봅니다.
# 아래는 세 실행의 $x$ 유효 학습률입니다 (로그 눈금).

# %% slideshow={"slide_type": "fragment"}
fig, ax = plt.subplots(figsize=(10, 4.5), layout="constrained")
looks = [(COLORS["AdaGrad"], "-"), (COLORS["RMSprop"], "-"), (COLORS["RMSprop"], "--")]
for (label, trajectory), (color, line) in zip(noisy.items(), looks):
    state = inner_state(trajectory)
    ax.semilogy(state.step, state.effective_lr[:, 0], line, color=color, label=label)
ax.axhline(0.1, color="0.4", ls=":", label="학습률 α = 0.1")
ax.set(
    xlabel="걸음 k",
    ylabel="x의 유효 학습률 α/(√h + ε)",
    title="AdaGrad는 계속 줄고, RMSprop은 최근 기울기를 따라간다",
)
ax.grid(True, alpha=0.3)
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## AdaGrad는 학습률을 키우면 되지 않나?
#
# 10배(0.1), 100배(1.0)로 키워 보면 1000걸음 뒤의 손실은 아직 RMSprop에 못 미칩니다.

# %% slideshow={"slide_type": "fragment"}
for lr in [0.01, 0.1, 1.0]:
    loss = run(AdaGrad(lr=lr), "rosenbrock", steps=1000).losses[-1]
    print(f"AdaGrad lr={lr:<4}: 1000걸음 뒤 손실 {loss:.4f}")
print(f"RMSprop lr=0.01: 1000걸음 뒤 손실 {runs['RMSprop (α = 0.01, γ = 0.99)'].losses[-1]:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 하지만 세 점으로는 알 수 없습니다. 슬라이더를 더 올리는 학생은 다른 답을 얻습니다. 그래서 lr 슬라이더의 눈금
# 81개(0.001부터 10까지, 10배마다 20칸)를 모두 돌려 봅니다. `lr`에 배열을 주면 한 번의 계산으로 81개 실행이
# 함께 돌아갑니다(`optim.sweep`과 같은 방식). RMSprop의 손실은 골짜기에서 오르내리므로 마지막 한 걸음의 값은
# 우연에 좌우됩니다. 그래서 **마지막 100걸음 동안의 가장 큰 손실**을 재고, 1000걸음과 3000걸음 두 길이로 봅니다.
# `nan`은 발산입니다.

# %% slideshow={"slide_type": "fragment"}
lrs = 10.0 ** (np.arange(-60, 21) / 20)  # the lr slider's stops from 0.001 to 10
starts = np.broadcast_to([-1.5, 2.0], (lrs.size, 2))
worst = {}  # (name, steps) -> the largest loss of the last 100 steps, one per lr
for optimizer in [AdaGrad(lr=lrs), RMSprop(lr=lrs)]:
    trajectory = run(optimizer, "rosenbrock", start=starts, steps=3000)
    for steps in [1000, 3000]:
        diverged = (trajectory.diverged_at >= 0) & (trajectory.diverged_at <= steps)
        loss = trajectory.losses[steps - 99 : steps + 1].max(axis=0)
        worst[type(optimizer).__name__, steps] = np.where(diverged, np.nan, loss)

print("      α" + "".join(f"{name:>9s} {steps}" for name, steps in worst))
for i in range(0, lrs.size, 5):
    print(f"{lrs[i]:7.4g}" + "".join(f"{loss[i]:14.3g}" for loss in worst.values()))
print()
for (name, steps), loss in worst.items():
    best = np.nanargmin(loss)
    near = lrs[loss <= 10 * loss[best]]
    print(
        f"{name:7s} {steps}걸음: 가장 좋은 α = {lrs[best]:.4g}, 손실 {loss[best]:.2g}"
        f" (옆 눈금 {lrs[best - 1]:.4g}: {loss[best - 1]:.2g},"
        f" {lrs[best + 1]:.4g}: {loss[best + 1]:.2g});"
        f" 최선의 10배 안에 드는 눈금 {near.size}개 (α = {near.min():.4g} … {near.max():.4g})"
    )
middle = (lrs >= 0.1) & (lrs <= 1.0)
for steps in [1000, 3000]:
    loss = worst["AdaGrad", steps][middle]
    print(f"AdaGrad, α = 0.1 … 1, {steps}걸음: 손실 {loss.min():.3g} … {loss.max():.3g}")

# %% slideshow={"slide_type": "fragment"}
fig, axes = plt.subplots(1, 2, figsize=(13, 4.5), layout="constrained", sharey=True)
for ax, steps in zip(axes, [1000, 3000]):
    for name in ["AdaGrad", "RMSprop"]:
        ax.loglog(lrs, worst[name, steps], "o-", markersize=3, color=COLORS[name], label=name)
    ax.set(title=f"{steps}걸음", xlabel="학습률 α")
    ax.grid(True, alpha=0.3)
axes[0].set_ylabel("마지막 100걸음의 가장 큰 손실")
axes[0].legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "subslide"}
# 표와 그림이 보여 주는 것은 다음과 같습니다.
#
# - **α를 잘 고른 AdaGrad는 RMSprop보다 낮게 내려갑니다.** α = 1.778이면 1000걸음에서 0.0031로, RMSprop이 어떤
#   α로도 닿지 못한 값(가장 좋을 때 0.096)보다 낮습니다. 3000걸음에서도 0.00028로 RMSprop의 최선 0.0026보다 낮습니다.
#   "AdaGrad는 RMSprop을 이길 수 없다"는 틀린 말입니다. 슬라이더로 1.778 근처를 움직여 보면 직접 확인할 수 있습니다.
# - **그 α는 기본값 0.01의 100배가 넘습니다.** 잊지 못하는 $h$가 출발점의 기울기 $g_1 = (-155, -50)$의 제곱을 끝까지
#   품고 있으므로 $x$의 유효 학습률은 $\alpha/155$를 넘지 못합니다. AdaGrad의 좋은 α는 이렇게 처음 만난 기울기의
#   크기에 묶여 있습니다. RMSprop은 그 기울기를 잊으므로 좋은 α가 기본값 근처에 있습니다.
# - **AdaGrad의 최선은 눈금 하나뿐입니다.** 최선의 10배 안에 드는 눈금이 AdaGrad는 하나, RMSprop은 1000걸음에서 25개,
#   3000걸음에서 19개입니다. AdaGrad는 $h_1 = g_1^2$이라 첫 보폭이 좌표마다 α입니다. α가 2 가까이면 출발하자마자
#   $(-1.5, 2)$에서 $(0.278, 3.778)$로, 그림 밖까지 건너뛰고, 어디에 떨어지느냐가 결과를 가릅니다(아래 셀). 그래서 바로 옆
#   눈금만 가도 10배 넘게 나빠집니다. RMSprop도 α가 0.1을 넘으면 결과가 들쭉날쭉하지만, 그 범위는 모두 최선보다 한참 나쁩니다.
# - **걸음 수가 바뀌면 좋은 α도 바뀝니다.** AdaGrad의 α = 0.1 … 1은 1000걸음에서 손실이 1.39 넘게 남지만
#   3000걸음에서는 모두 0.1 아래로 내려갑니다. RMSprop의 가장 좋은 α도 0.007079(1000걸음)에서 0.002512(3000걸음)로
#   작아집니다. 그 이유는 바로 다음에 봅니다.
#
# 정리하면, AdaGrad가 느린 것은 α가 작아서만도, 잊지 못해서만도 아닙니다. 잊지 못하는 $h$ 때문에 **AdaGrad의 α는
# 처음 만난 기울기의 크기와 돌릴 걸음 수에 맞춰 따로 찾아야 하고, 그 최선은 좁습니다.** RMSprop은 잊기 때문에 기본값
# 근처의 넓은 범위에서 비슷한 결과를 냅니다.

# %% slideshow={"slide_type": "fragment"}
jump = run(AdaGrad(lr=1.778), "rosenbrock", start=(-1.5, 2.0), steps=1).positions
print(
    f"AdaGrad(lr=1.778)의 첫 걸음: ({jump[0, 0]}, {jump[0, 1]}) "
    f"→ ({jump[1, 0]:.3f}, {jump[1, 1]:.3f})"
)
print(f"x의 유효 학습률의 상한 α/|g₁ₓ| = α/{abs(g1[0]):.0f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### RMSprop의 바닥: 보폭이 0으로 줄지 않는다
#
# RMSprop의 유효 학습률은 AdaGrad처럼 계속 줄지 않으므로, 최솟점 근처에서도 $g/\sqrt{h}$가 대략 $\pm 1$이 되어 보폭이
# 좌표마다 α 정도로 남습니다. α = 0.01로 20000걸음을 가면 3000걸음 무렵부터 손실이 거의 한 값에 머물고, 끝에는
# 두 점 사이를 오가며 두 좌표가 모두 α씩, 즉 보폭 $\sqrt{2}\,\alpha$로 움직입니다. α를 줄이면 바닥도 내려갑니다. 그래서 오래 돌릴수록 RMSprop의 가장 좋은
# α가 작아지고, 실제 학습에서는 학습률을 서서히 줄이는 스케줄(learning-rate schedule)과 함께 쓰기도 합니다.

# %% slideshow={"slide_type": "fragment"}
for lr in [0.01, 0.0025]:
    trajectory = run(RMSprop(lr=lr), "rosenbrock", steps=20_000)
    losses = ", ".join(f"{k}걸음 {trajectory.losses[k]:.4g}" for k in [3000, 10_000, 20_000])
    step = np.linalg.norm(trajectory.positions[-1] - trajectory.positions[-2])
    distance = np.linalg.norm(trajectory.positions[-1] - 1.0)
    print(
        f"RMSprop α = {lr}: 손실 {losses}; 마지막 보폭 {step:.5f} (√2·α = {np.sqrt(2) * lr:.5f}), "
        f"최솟점까지 {distance:.4f}"
    )

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# lr과 decay_rate(γ) 슬라이더가 있습니다. 로젠브록에서 500걸음으로 시작합니다.
#
# 이렇게 해 보세요:
#
# 1. decay_rate를 0으로 내려 보세요. $h = g^2$이 되어 매 걸음 $g/\sqrt{h} = \pm 1$, 즉 모든 좌표가 α씩
#    움직입니다. Rprop처럼 기울기의 **부호**만 쓰는 셈입니다. α = 0.01이면 두 점 사이를 오가며 손실이 5.97에서 멈춥니다.
# 2. decay_rate를 0.999로 올려 보세요. 창이 $N = 1999$개로 길어져 처음의 큰 기울기를 오래 기억하므로, 500걸음 뒤
#    손실이 γ = 0.99일 때보다 높게 남습니다(AdaGrad처럼 느려집니다).
# 3. lr을 0.1로 올려 보세요. 보폭이 커서 좁은 골짜기의 벽 사이를 튀고, 손실 그래프가 가끔 크게 치솟습니다.
#    500걸음 뒤의 손실은 α = 0.01일 때보다 조금 낮지만, 골짜기 중간을 오락가락할 뿐 최솟점 $(1, 1)$에 자리 잡지는
#    못합니다.
# 4. surface를 책의 예로 바꿔 AdaGrad의 그림(05 노트북)과 비교해 보세요.

# %% slideshow={"slide_type": "subslide"}
explore("RMSprop", "rosenbrock", lr=0.01, decay_rate=0.99, steps=500)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 지수 이동 평균 $x_k = \alpha p_k + (1-\alpha)x_{k-1}$은 $i$ 걸음 전의 값에 가중치 $\alpha(1-\alpha)^i$를
#   줍니다. 최근 $N$ 개의 가중치 합은 $1 - (1-\alpha)^N$입니다.
# - $\alpha = 2/(N+1)$이면 EMA의 평균 나이가 최근 $N$ 개 단순 평균의 평균 나이 $(N-1)/2$와 같습니다.
# - RMSprop: $h \leftarrow \gamma h + (1-\gamma) g^2$, $W \leftarrow W - \alpha\, g/(\sqrt{h}+\epsilon)$.
#   $\gamma$ = `decay_rate` $= 1 - \alpha_{\text{EMA}}$. 이름은 RMS와 Rprop에서 왔습니다.
# - $h$가 0에서 출발하므로 첫 걸음의 보폭은 좌표마다 $\alpha/\sqrt{1-\gamma}$, $\gamma = 0.99$면 α의 10배입니다.
#   07의 Adam은 이 출발 치우침을 편향 보정으로 없앱니다.
# - AdaGrad는 기울기 제곱을 **합**해서 유효 학습률이 줄기만 하지만, RMSprop은 **평균**을 내서 오래된 기울기를
#   잊으므로 유효 학습률이 회복됩니다. 같은 α = 0.01이면 로젠브록에서 1000걸음 뒤 손실이 크게 차이 납니다.
# - 기울기에 잡음이 있으면 AdaGrad의 유효 학습률은 계속 줄지만, RMSprop의 것은 최근 기울기를 따라 α/σ 근처에 머뭅니다.
# - AdaGrad도 α를 기본값의 100배 넘게 키우면 이길 수 있지만, 그 α는 처음 만난 기울기의 크기와 걸음 수에 달려 있고
#   최선은 눈금 하나로 좁습니다. RMSprop은 기본값 근처의 넓은 범위에서 비슷하게 갑니다. 대신 최솟점 근처에서도
#   보폭이 좌표마다 α 정도로 남아 α가 정하는 바닥에 머뭅니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `YourRMSprop`은 RMSprop을 옮겨 쓰다가 한 줄이 틀렸습니다. `check`를 돌려 힌트를 읽고 고쳐 보세요.
# 힌트로 부족하면 `check(YourRMSprop, "RMSprop", answer=True)`로 답을 볼 수 있습니다.


# %% slideshow={"slide_type": "fragment"}
class YourRMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = {}

    def update(self, params, grads):
        for key in params.keys():
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


check(YourRMSprop, "RMSprop")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 고쳐서 `check`가 통과하게 만들어 보세요. 덤으로: 기울기가 늘 같은 값 $g$라면 이 클래스의 `h`는 어디로
# 다가갈까요? 그러면 보폭은 올바른 RMSprop보다 몇 배 짧아질까요?
#
# <details><summary>정답 보기</summary>
#
# 이 `h`는 평균이 아니라 **새는 합**(leaky sum)입니다. 새 값에 $(1-\gamma)$를 곱해야 가중치의 합이 1이 되어
# 평균이 됩니다.
#
# ```python
# self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] ** 2
# ```
#
# 덤의 답: 새는 합은 $h = \gamma h + g^2$의 고정점 $g^2/(1-\gamma)$로 다가갑니다. $\gamma = 0.99$이면
# 평균의 100배이므로 $\sqrt{h}$는 10배, 보폭은 10분의 1이 됩니다.
#
# </details>
