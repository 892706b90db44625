# %% [markdown] slideshow={"slide_type": "slide"}
# # 06. 알엠에스프롭 (RMSProp)
#
# 아다그라드는 기울기 제곱을 **모두 더해서** 한 번 큰 기울기를 만나면 학습률이 영영 회복되지 않았습니다.
# RMSProp(*root mean square propagation*)은 합 대신 **최근 기울기의 평균**을 씁니다. 오래된 기울기는
# 조금씩 잊히므로 학습률이 다시 커질 수 있습니다. 그 평균이 슬라이드의 **지수 이동 평균**입니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 지수 이동 평균(exponential moving average, EMA) $x_k = \alpha p_k + (1-\alpha)x_{k-1}$을 풀어 써서
#    각 값의 가중치 $\alpha(1-\alpha)^i$를 구하고, $\alpha = 2/(N+1)$의 뜻을 설명할 수 있습니다.
# 2. RMSProp의 갱신식 $h \leftarrow \gamma h + (1-\gamma) g^2$을 코드로 쓸 수 있습니다.
# 3. 오래된 기울기를 잊는 것이 왜 아다그라드의 멈춤을 고치는지 그림과 숫자로 보일 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import AdaGrad, RMSprop, explore, run
from optim.ema import alpha_for_window, ema, ema_weights, mean_age, window_weight
from optim.exercises import check
from optim.figures import plot_paths

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
# $(1-\alpha)$ 배씩 **지수적으로** 작아지므로 "지수" 이동 평균입니다. 오래된 값은 결코 0이 되지는
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
    ax.bar(ages[:n], weights[:n], color=color, label=f"최근 {n}개: 합 {window_weight(alpha, n):.3f}")
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
# **왜 하필 $2/(N+1)$ 일까?** 평균 속 값들이 평균 몇 걸음 전의 것인지(가중치로 잰 평균 나이)를 보면,
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
# 내려와 완만한 골짜기에 들어선 것과 비슷합니다). 아다그라드의 합과 EMA를 비교합니다. 학습률 α와
# 헷갈리지 않도록 EMA의 새 값 가중치는 이제부터 $\alpha_{\text{EMA}}$로 씁니다 (여기서는 $\alpha_{\text{EMA}} = 0.1$).

# %% slideshow={"slide_type": "fragment"}
squared = np.r_[np.full(10, 100.0), np.ones(90)]  # g² for steps 1 ... 100
total = np.cumsum(squared)  # AdaGrad's h
average = ema(squared, 0.1)  # RMSProp's h with decay_rate γ = 0.9
lr = 0.01
print(" 걸음 k   합 h      EMA h     학습률 α/√h (합)   학습률 α/√h (EMA)")
for k in [10, 11, 20, 50, 100]:
    h_sum, h_ema = total[k - 1], average[k - 1]
    rate_sum, rate_ema = lr / np.sqrt(h_sum), lr / np.sqrt(h_ema)
    print(f"{k:6d}   {h_sum:7.1f}   {h_ema:7.3f}      {rate_sum:.6f}          {rate_ema:.6f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 합은 1000을 넘은 뒤 줄지 않아서 학습률이 0.0003 근처에 묶이지만, EMA는 큰 값들을 잊고 1 근처로
# 돌아와 학습률이 원래의 α = 0.01 가까이 회복됩니다. (10걸음째 EMA가 100이 아니라 65인 것은 0에서
# 출발했기 때문입니다. 이 치우침(bias)은 다음 노트북의 아담이 바로잡습니다.)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## RMSProp의 갱신식
#
# 기울기 제곱의 EMA를 $h$로 씁니다. 슬라이드처럼 $\gamma = 1 - \alpha_{\text{EMA}}$ (코드에서는 `decay_rate`)로 쓰면
#
# $$h \leftarrow \gamma\, h + (1 - \gamma)\, g \odot g$$
#
# $$W \leftarrow W - \alpha \frac{1}{\sqrt{h} + \epsilon} \odot g$$
#
# 여기의 $\alpha$는 학습률입니다. 둘째 줄은 아다그라드와 같고, 첫째 줄만 "합"에서 "평균"으로 바뀌었습니다.
# $\sqrt{h}$는 최근 기울기의 제곱 평균의 제곱근(root mean square)이라서 이름이 RMSProp입니다.
# 기본값 $\gamma = 0.99$는 $\alpha_{\text{EMA}} = 0.01$, 즉 $N = 199$ 개쯤의 창입니다.

# %% slideshow={"slide_type": "fragment"}
for gamma in [0.9, 0.99, 0.999]:
    print(f"γ = {gamma:<5} → α_EMA = 1 − γ = {1 - gamma:.3f} → N = 2/α_EMA − 1 = {2 / (1 - gamma) - 1:.0f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 코드로 한 번 써 보기
#
# 아다그라드의 클래스에서 `h`를 갱신하는 한 줄만 바뀝니다.

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
# ## 아다그라드 vs RMSProp: 로젠브록에서 경주
#
# 같은 학습률 α = 0.01, 같은 출발점 $(-1.5, 2)$에서 1000걸음씩 갑니다.

# %% slideshow={"slide_type": "fragment"}
runs = {
    "AdaGrad (α = 0.01)": run(AdaGrad(lr=0.01), "rosenbrock", steps=1000),
    "RMSprop (α = 0.01, γ = 0.99)": run(RMSprop(lr=0.01), "rosenbrock", steps=1000),
}
for name, trajectory in runs.items():
    distance = np.linalg.norm(trajectory.positions[-1] - 1.0)
    print(f"{name:30s}: 1000걸음 뒤 손실 {trajectory.losses[-1]:.4f}, 최솟점까지 거리 {distance:.4f}")

# %% slideshow={"slide_type": "fragment"}
plot_paths("rosenbrock", runs, title="같은 α로 1000걸음: 잊지 못하는 AdaGrad, 잊는 RMSProp")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 차이는 학습률 $\alpha/(\sqrt{h}+\epsilon)$에서 나옵니다. 아다그라드의 학습률은 첫 걸음에 뚝 떨어진 뒤
# 내려가기만 하고, RMSProp의 학습률은 완만한 골짜기에 들어서면 다시 올라갑니다(로그 눈금, $x$ 좌표).

# %% slideshow={"slide_type": "fragment"}
fig, ax = plt.subplots(figsize=(10, 4.5), layout="constrained")
for (name, trajectory), color in zip(runs.items(), [COLORS["AdaGrad"], COLORS["RMSprop"]]):
    rate = 0.01 / (np.sqrt(trajectory.states["h"][1:, 0]) + 1e-7)
    ax.semilogy(np.arange(1, rate.size + 1), rate, color=color, label=name)
ax.set(xlabel="걸음 k", ylabel="x의 학습률 α/(√h + ε)", title="AdaGrad는 회복하지 못하고, RMSProp은 회복한다")
ax.grid(True, alpha=0.3)
ax.legend()
plt.show()
for name, trajectory in runs.items():
    rate = 0.01 / (np.sqrt(trajectory.states["h"][:, 0]) + 1e-7)
    print(f"{name:30s}: x의 학습률  1걸음 {rate[1]:.1e}, 100걸음 {rate[100]:.1e}, 1000걸음 {rate[1000]:.1e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# "아다그라드는 학습률을 키우면 되지 않나?" 10배, 100배로 키워도 1000걸음 뒤의 손실은 RMSProp에 못 미칩니다.
# 문제는 α의 크기가 아니라 **과거를 잊지 못하는 것**이기 때문입니다.

# %% slideshow={"slide_type": "fragment"}
for lr in [0.01, 0.1, 1.0]:
    loss = run(AdaGrad(lr=lr), "rosenbrock", steps=1000).losses[-1]
    print(f"AdaGrad lr={lr:<4}: 1000걸음 뒤 손실 {loss:.4f}")
print(f"RMSprop lr=0.01: 1000걸음 뒤 손실 {runs['RMSprop (α = 0.01, γ = 0.99)'].losses[-1]:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 대신 RMSProp의 학습률은 줄어들지 않으므로, 최솟점 근처에서도 한 걸음이 대략 α 크기로 남아 조금씩
# 흔들립니다. 그래서 실제 학습에서는 학습률을 서서히 줄이는 스케줄(learning-rate schedule)과 함께
# 쓰기도 합니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 움직여 보기 (explorer)
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다 (커널이 없는 화면에서는 정지 그림).
# lr과 decay_rate(γ) 슬라이더가 있습니다. 로젠브록에서 500걸음으로 시작합니다.
#
# 이렇게 해 보세요:
#
# 1. decay_rate를 0으로 내려 보세요. $h = g^2$이 되어 매 걸음 $g/\sqrt{h} = \pm 1$, 즉 모든 좌표가 α씩
#    움직입니다. 기울기의 **부호**만 쓰는 셈이에요.
# 2. decay_rate를 0.999로 올려 보세요. 기억이 길어져(N ≈ 2000) 처음의 큰 기울기를 오래 기억하므로
#    한동안 아다그라드처럼 느려집니다.
# 3. lr을 0.1로 올려 보세요. 처음에는 조금 더 빨리 골짜기를 따라 내려가지만, 걸음이 α 크기로 줄지 않아
#    좁은 골짜기의 벽 사이를 튀고 (손실 그래프가 가끔 크게 치솟습니다), 골짜기 중간에서 오락가락하며
#    최솟점 (1, 1)까지는 가지 못합니다. 학습률이 크다고 빨리 도착하는 것은 아닙니다.
# 4. surface를 책의 예로 바꿔 아다그라드의 그림(05 노트북)과 비교해 보세요.

# %% slideshow={"slide_type": "subslide"}
explore("RMSprop", "rosenbrock", lr=0.01, decay_rate=0.99, steps=500)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 지수 이동 평균 $x_k = \alpha p_k + (1-\alpha)x_{k-1}$은 $i$ 걸음 전의 값에 가중치 $\alpha(1-\alpha)^i$를
#   줍니다. 최근 $N$ 개의 가중치 합은 $1 - (1-\alpha)^N$입니다.
# - $\alpha = 2/(N+1)$이면 EMA의 평균 나이가 최근 $N$ 개 단순 평균의 평균 나이 $(N-1)/2$와 같습니다.
# - RMSProp: $h \leftarrow \gamma h + (1-\gamma) g^2$, $W \leftarrow W - \alpha\, g/(\sqrt{h}+\epsilon)$.
#   $\gamma$ = `decay_rate` $= 1 - \alpha_{\text{EMA}}$.
# - 아다그라드는 기울기 제곱을 **합**해서 학습률이 줄기만 하지만, RMSProp은 **평균**을 내서 오래된
#   기울기를 잊으므로 학습률이 회복됩니다. 로젠브록에서 같은 α로 1000걸음 뒤 손실이 크게 차이 납니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise)
#
# 아래 `LeakyRMSprop`은 평균 대신 **새는 합**(leaky sum)을 모읍니다. `(1 - decay_rate)`를 빠뜨렸기
# 때문이에요. `check`가 무엇이라고 하는지 보세요.

# %% slideshow={"slide_type": "fragment"}
class LeakyRMSprop:
    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        self.lr = lr
        self.decay_rate = decay_rate
        self.eps = eps
        self.h = {}

    def update(self, params, grads):
        for key in params.keys():
            if key not in self.h:
                self.h[key] = np.zeros_like(params[key])
            self.h[key] = self.decay_rate * self.h[key] + grads[key] ** 2  # a sum, not an average
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


check(LeakyRMSprop, "RMSprop")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 고쳐서 `check`가 통과하게 만들어 보세요. 덤으로: 기울기가 늘 같은 값 $g$ 라면 이 새는 합은 어디로
# 다가갈까요? 그러면 한 걸음은 원래보다 몇 배 짧아질까요?
#
# <details><summary>정답 보기</summary>
#
# 새 값에 $(1-\gamma)$를 곱해야 가중치의 합이 1이 되어 평균이 됩니다.
#
# ```python
# self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] ** 2
# ```
#
# 덤의 답: 새는 합은 $h = \gamma h + g^2$의 고정점 $g^2/(1-\gamma)$로 다가갑니다. $\gamma = 0.99$이면
# 평균의 100배이므로 $\sqrt{h}$는 10배, 한 걸음은 10분의 1이 됩니다.
#
# </details>
