# %% [markdown] slideshow={"slide_type": "slide"}
# # 01. 최적화란? (What is optimization?)
#
# 신경망을 "학습시킨다"는 말은 정확히 무엇을 하는 걸까요? 이 노트북은 그 답인
# **최적화** (optimization)에서 출발합니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 학습이 "손실 함수를 가장 작게 만드는 매개변수 찾기"라는 것을 작은 회귀 예제로 설명할 수 있습니다.
# 2. 손실 곡면 (loss surface)을 등고선(2D)과 입체(3D)로 그리고 읽을 수 있습니다.
# 3. 회귀의 손실 곡면이 왜 좁고 비스듬한 골짜기인지 식으로 설명할 수 있습니다.
# 4. 최솟값 (minimum), 지역 최솟값 (local minimum), 안장점 (saddle point)을 그림으로 구별하고, 셋 모두 기울기 벡터
#    (gradient)가 0인 점이라는 것을 확인하며, 기울기를 수치 미분으로 구해 정확한 값과 비교할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np

import optim
from optim import regression
from optim.descent1d import FUNCTIONS, draw_descent_1d
from optim.exercises import check_function
from optim.figures import plot_3d
from optim.plotting import draw_surface

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 신경망 학습의 목적
#
# 슬라이드는 한 문장으로 말합니다.
#
# > 신경망 학습의 목적은 **손실 함수의 값을 가능한 한 낮추는 최적 매개변수를 찾는 것**이고,
# > 이 문제를 푸는 것이 **최적화**입니다.
#
# 세 단어만 기억하면 됩니다.
#
# - **매개변수 (parameters)** $\theta$: 모델이 가진 손잡이들. 신경망에서는 가중치와 편향입니다.
# - **손실 함수 (loss function)** $L(\theta)$: 지금의 손잡이로 얼마나 틀리는지를 **숫자 하나**로 나타낸 것.
# - **최적화**: 그 숫자가 가장 작아지는 손잡이 위치 $\theta^* = \arg\min_\theta L(\theta)$를 찾는 일.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 아주 작은 모델로 시작하기
#
# 슬라이드의 데이터입니다: 공부한 시간 $x$와 시험 점수 $y$, 네 명의 학생.
# 모델은 직선 $\hat y = a x + b$, 손잡이는 직선의 **기울기** (slope) $a$와 **절편** (intercept) $b$, 두 개뿐입니다.
# 신경망은 손잡이가 수백만 개일 뿐, 하는 일은 같습니다.
#
# 여기서 "기울기"는 직선이 얼마나 가파른지, 곧 손잡이 $a$의 값입니다. 3절에서는 손실 곡면의 경사를 뜻하는
# **기울기 벡터** (gradient)가 나옵니다. 이름이 비슷하지만 다른 것이라, 이 강의에서는 $a$를 "직선의 기울기 $a$" 또는 그냥 $a$라고 부릅니다.

# %%
x, scores = regression.X, regression.SCORES
for hours, score in zip(x, scores):
    print(f"{hours:.0f}시간 공부 → {score:.0f}점")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 손실로는 **평균 제곱 오차** (mean squared error, MSE)를 씁니다. 예측과 정답의 차이를 제곱해 평균한 값입니다.
#
# $$L(a, b) = \frac{1}{n}\sum_{i=1}^{n} \left(a x_i + b - y_i\right)^2$$
#
# 손잡이를 세 가지로 돌려 보고, 각각의 손실을 재 봅시다.

# %%
guesses = {"A": (0.0, 90.0), "B": (5.0, 70.0), "C": (3.0, 76.0)}
for name, (a, b) in guesses.items():
    print(f"직선 {name}: a = {a:.0f}, b = {b:.0f} → MSE = {regression.mse(a, b):.2f}")

# %% slideshow={"slide_type": "subslide"}
fig, ax = plt.subplots(figsize=(9, 5.5))
ax.plot(x, scores, "o", color="k", ms=11, label="데이터 (data)", zorder=5)
line_x = np.linspace(0, 10, 2)
for (name, (a, b)), style in zip(guesses.items(), [":", "--", "-"]):  # optimizer colours come later
    label = f"직선 {name}: MSE = {regression.mse(a, b):.0f}"
    ax.plot(line_x, a * line_x + b, style, color="0.35", label=label)
ax.set(xlabel="공부한 시간 x", ylabel="점수 y", xlim=(0, 10), ylim=(65, 120))
ax.set_title("손잡이 (a, b)를 바꾸면 손실이 바뀝니다")
ax.legend(loc="upper left")
ax.grid(True, alpha=0.3)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 직선 C가 데이터에 가장 가깝고, 손실도 가장 작습니다. **학습이란 이 "돌려 보고 재 보기"를
# 손 대신 알고리즘이 체계적으로 하는 것**입니다. 그 알고리즘이 다음 노트북의 경사하강법입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 손실 곡면 (loss surface)
#
# 손실은 매개변수의 **함수**입니다. $(a, b)$ 평면의 모든 점마다 손실 값이 하나씩 있으니,
# 그 값을 높이로 세우면 **지형**이 생깁니다. 이것이 손실 곡면입니다.
#
# - **등고선 (contour, 2D)**: 지도처럼 위에서 내려다본 그림. 같은 선 위는 같은 손실입니다.
# - **입체 (3D)**: 옆에서 본 산과 골짜기.
#
# 최적화는 이 지형에서 **가장 낮은 곳**을 찾는 일입니다. 노란 별이 그 자리입니다.

# %%
fig, ax = plt.subplots(figsize=(8.5, 5), layout="constrained")
draw_surface(ax, "regression_mse")
for name, (a, b) in guesses.items():
    ax.plot(a, b, "o", color="k", ms=9, zorder=9)
    ax.annotate(name, (a, b), xytext=(8, 6), textcoords="offset points", fontsize=16)
ax.set_title("MSE의 등고선: 점 A, B, C는 위의 세 직선")
plt.show()

# %% slideshow={"slide_type": "subslide"}
fig = plot_3d("regression_mse")
fig.set_size_inches(8.5, 6.4)
fig

# %% [markdown] slideshow={"slide_type": "fragment"}
# 3D 그림의 높이는 $\log_{10}(1 + L - L_{\min})$입니다. 가장자리의 손실이 바닥보다 훨씬 커서, 로그로 눌러야
# 바닥 근처가 보입니다. 두 그림 모두에서 바닥이 **길고 좁은 골짜기**이고, 그 골짜기가 축과 나란하지 않고
# **비스듬히** 누워 있다는 것에 주목하세요. 왜 그런지는 바닥의 위치를 구한 다음에 식으로 살펴봅니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 골짜기의 바닥: 최소제곱해 (least squares)
#
# 직선 맞추기는 바닥을 공식으로 바로 구할 수 있는 드문 문제입니다:
# $a^* = \dfrac{\sum (x_i-\bar x)(y_i-\bar y)}{\sum (x_i-\bar x)^2}$, $b^* = \bar y - a^* \bar x$.
# numpy의 `np.polyfit`도 같은 답을 줍니다.

# %%
a_star, b_star = regression.least_squares()
slope, intercept = np.polyfit(x, scores, 1)
print(f"최소제곱해:  a* = {a_star:.4f}, b* = {b_star:.4f}")
print(f"np.polyfit:  a  = {slope:.4f}, b  = {intercept:.4f}")
print(f"바닥의 MSE = {regression.mse(a_star, b_star):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 골짜기는 왜 좁고, 왜 비스듬할까?
#
# MSE의 제곱을 풀어 $a$와 $b$에 대해 정리하면
#
# $$L(a, b) = \overline{x^2}\,a^2 + 2\bar x\,ab + b^2 + (\text{$a$, $b$의 1차항과 상수}),$$
#
# 여기서 $\overline{x^2}$와 $\bar x$는 각각 $x_i^2$과 $x_i$의 평균입니다. 가운데의 $ab$ 항이 **교차항** (cross term)입니다.

# %%
print(f"x²의 평균 = {np.mean(x**2):.0f},  x의 평균 = {x.mean():.0f}")
print(f"L(a, b) = {np.mean(x**2):.0f}·a² + {2 * x.mean():.0f}·ab + 1·b² + (1차항과 상수)")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 교차항 $10ab$는 $a$와 $b$가 **묶여 있다** (coupled)는 뜻입니다. 공부 시간의 평균이 $\bar x = 5$라서,
# 직선의 기울기 $a$를 1 늘리면 네 예측이 평균 5점 오르고, 절편 $b$를 5쯤 줄이면 그만큼을 되돌릴 수 있습니다.
# 그래서 "$a$는 늘리고 $b$는 줄이는" 비스듬한 방향으로는 손실이 거의 오르지 않습니다. 그것이 골짜기의 바닥입니다.
#
# 바닥에서 모든 방향으로 거리 1만큼씩 움직여, 손실이 얼마나 오르는지 재 봅시다.

# %%
angles = np.linspace(0.0, np.pi, 36001)  # every 0.005°; the opposite direction gives the same rise
bottom = regression.mse(a_star, b_star)
rise = regression.mse(a_star + np.cos(angles), b_star + np.sin(angles)) - bottom
flat, steep = angles[rise.argmin()], angles[rise.argmax()]
print(f"가장 완만한 방향: Δb/Δa = {np.tan(flat):+.2f}, 손실이 {rise.min():.4f} 오름")
print(f"가장 가파른 방향: Δb/Δa = {np.tan(steep):+.3f}, 손실이 {rise.max():.2f} 오름")
print(f"두 방향 사이의 각도: {np.degrees(steep - flat) % 180:.1f}°")
print(f"가파름의 비: {rise.max() / rise.min():.0f}배")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 골짜기의 바닥은 $a$가 1 늘 때 $b$가 약 6 줄어드는 방향 ($\Delta b / \Delta a \approx -6$)으로 뻗어 있고, 그 방향과 수직으로는 손실이 190배 빨리
# 오릅니다. 등고선 그림의 타원이 가늘고 비스듬한 것이 바로 이것입니다. (등고선 그림은 $a$의 1과 $b$의 1을
# 서로 다른 길이로 그립니다. 두 축을 같은 눈금으로 그리면 $\Delta b / \Delta a \approx -6$인 이 골짜기는 거의 세로로 서 있고,
# 지금 그림보다 훨씬 가늘고 길쭉합니다.)
#
# 교차항 때문이라는 것은 $x$를 평균 0으로 옮겨 보면 확인됩니다. $x - 5 = (-3, -1, 1, 3)$을 쓰면 $\bar x = 0$이라
# 교차항이 사라집니다.

# %%
x_centred = x - x.mean()
a_c, b_c = regression.least_squares(x=x_centred)
bottom_c = regression.mse(a_c, b_c, x=x_centred)
rise_c = regression.mse(a_c + np.cos(angles), b_c + np.sin(angles), x=x_centred) - bottom_c
flat_c, steep_c = np.degrees(angles[rise_c.argmin()]), np.degrees(angles[rise_c.argmax()])
print(f"x − 5의 평균 = {x_centred.mean():.0f}")
print(f"가장 완만한 방향: {flat_c:.1f}°, 가장 가파른 방향: {steep_c:.1f}° (a 축에서 잰 각도)")
print(f"가파름의 비: {rise_c.max() / rise_c.min():.0f}배")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 골짜기가 축과 나란해지고 ($b$ 방향 90°가 가장 완만하고 $a$ 방향 0°가 가장 가파름), 가파름의 비도 190배에서 5배로
# 줄었습니다. 좁고 비스듬한 골짜기는 경사하강법을 괴롭히는 지형입니다. 02와 03에서 다시 만납니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 같은 바닥, 다른 지형: MSE와 RMSE
#
# 슬라이드의 코드는 MSE의 제곱근인 **RMSE** $=\sqrt{L}$를 씁니다. 제곱근은 증가함수라
# 순서를 바꾸지 않으므로 **최솟점** (minimum point), 곧 최솟값을 주는 위치는 같습니다. 최솟값 자체와 지형의
# 모양(경사)은 다릅니다.
# 이 차이가 02에서 큰 역할을 합니다.

# %%
print(f"RMSE의 최솟값 = {regression.rmse(a_star, b_star):.4f}")
print(f"√(MSE의 최솟값) = {np.sqrt(regression.mse(a_star, b_star)):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# $b = 79$로 고정하고 $a$만 움직이며 두 손실의 **단면**을 봅시다. 바닥은 같은 $a = 2.3$이지만,
# MSE는 바닥에서 멀어질수록 가파르게 솟는 포물선이고, RMSE는 멀리서 거의 직선(V자)처럼 올라갑니다.

# %%
a_line = np.linspace(-4, 8.6, 300)
fig, axes = plt.subplots(1, 2, figsize=(13, 4.6), layout="constrained")
for ax, name, loss in zip(axes, ["MSE", "RMSE"], [regression.mse, regression.rmse]):
    ax.plot(a_line, loss(a_line, b_star), color="k")
    ax.plot(a_star, loss(a_star, b_star), "*", color="#009E73", ms=18, mec="k")
    ax.set(xlabel="a (b = 79 고정)", ylabel=name, title=f"{name}의 단면")
    ax.grid(True, alpha=0.3)
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. 지형의 모양들: 최솟값, 지역 최솟값, 안장점
#
# 바닥에서는 땅이 **평평**합니다. 평평함을 재는 도구가 **기울기 벡터** (gradient)입니다. 변수마다 그 방향의
# 기울기 (편미분, partial derivative)를 구해 모은 벡터입니다.
#
# $$\nabla f(x, y) = \left(\frac{\partial f}{\partial x},\ \frac{\partial f}{\partial y}\right)$$
#
# 기울기 벡터는 가장 가파르게 **올라가는** 방향을 가리키고, 평평한 곳에서는 $(0, 0)$입니다. 변수가 하나뿐이면
# 그냥 도함수 $f'(x)$입니다.
#
# 1절의 "직선의 기울기 $a$"와 헷갈리지 마세요. $a$는 모델의 손잡이이고, 기울기 벡터 $\nabla L(a, b)$는
# 그 손잡이를 어느 쪽으로 돌리면 손실이 가장 빨리 오르는지 알려 주는 화살표입니다. 이제부터 이 강의에서
# 그냥 "기울기"라고 쓰면 손실의 기울기 (gradient)를 뜻합니다. 회귀의 바닥에서 확인해 봅시다.

# %%
surface = optim.get_surface("regression_mse")
grad = np.round(surface.gradient(a_star, b_star), 6) + 0.0  # + 0.0 turns -0.0 into 0.0
print(f"바닥 (2.3, 79)에서 ∇L = ({grad[0]:.6f}, {grad[1]:.6f})")
grad = surface.gradient(3.0, 76.0)
print(f"점 C (3, 76)에서 ∇L = ({grad[0]:.2f}, {grad[1]:.2f})")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 점 C에서는 $\partial L / \partial a = 12 > 0$: 직선의 기울기 $a$를 키우면 손실이 오르니, 줄여야 내려갑니다.
#
# 그런데 **기울기가 0인 곳이 모두 가장 낮은 곳은 아닙니다.** 세 가지 지형을 봅시다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 최솟점이 여러 개: 힘멜블라우 함수 (Himmelblau)
#
# $f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2$에는 골짜기가 **네 개** 있고,
# 네 바닥의 높이 (최솟값)는 모두 0으로 같고, 자리 (최솟점)만 다릅니다.
# 어느 바닥에 도착할지는 **어디서 출발하느냐**에 달려 있습니다.

# %%
himmelblau = optim.get_surface("himmelblau")
for mx, my in himmelblau.minima:
    gx, gy = np.round(himmelblau.gradient(mx, my), 6) + 0.0
    value = np.round(himmelblau.value(mx, my), 6) + 0.0
    print(f"최솟점 ({mx:+.4f}, {my:+.4f}): f = {value:.6f}, 기울기 = ({gx:.6f}, {gy:.6f})")

# %% slideshow={"slide_type": "subslide"}
fig = plot_3d("himmelblau", elev=40)
fig.set_size_inches(8.5, 6.4)
fig

# %% [markdown] slideshow={"slide_type": "fragment"}
# 위에서 내려다본 등고선 지도는 마지막의 탐색기(5절)에서 볼 수 있습니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 안장점 (saddle point): $f(x, y) = x^2 - y^2$
#
# 말안장 모양입니다. 원점에서 $x$ 방향으로 보면 **골짜기의 바닥**, $y$ 방향으로 보면 **산등성이의 꼭대기**.
# 기울기는 0이지만 최솟점이 아닙니다. 매개변수가 많은 신경망의 손실 곡면에는 이런 점이 아주 많다고 알려져
# 있습니다 (Dauphin 외, 2014).

# %%
saddle = optim.get_surface("saddle")
gx, gy = np.round(saddle.gradient(0.0, 0.0), 6) + 0.0
print(f"원점의 기울기 = ({gx:.1f}, {gy:.1f}), f(0, 0) = {saddle.value(0.0, 0.0):.1f}")
print(f"x 방향: f(±1, 0) = {saddle.value(1.0, 0.0):+.1f}  (원점보다 높음)")
print(f"y 방향: f(0, ±1) = {saddle.value(0.0, 1.0):+.1f}  (원점보다 낮음)")

# %%
fig = plot_3d("saddle", elev=25, azim=-50)
fig.set_size_inches(8, 6)
fig

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 지역 최솟값 (local minimum)
#
# 한 변수 함수 $f(x) = x^4 - 3x^2 + x$로 보면 가장 분명합니다. 골짜기가 두 개인데 깊이가 다릅니다.
# 더 깊은 쪽이 **전역 최솟값 (global minimum)**, 얕은 쪽이 **지역 최솟값**입니다.
# 두 바닥 모두 기울기가 0이라, 기울기만 보고 걷는 알고리즘은 얕은 골짜기에 갇힐 수 있습니다.

# %%
well = FUNCTIONS["double_well"]
for kind, m in zip(["전역 최솟값", "지역 최솟값"], well.minima):
    print(f"{kind}: x = {m:+.4f}, f(x) = {well.f(m):+.4f}, f'(x) = {abs(well.f_prime(m)):.6f}")

# %%
fig, ax = plt.subplots(figsize=(9, 5))
draw_descent_1d(ax, well, title="f(x) = x⁴ − 3x² + x: 깊이가 다른 두 골짜기")
for kind, m in zip(["전역 최솟값", "지역 최솟값"], well.minima):
    ax.annotate(
        kind,
        (m, well.f(m)),
        xytext=(-40, 45),
        textcoords="offset points",
        fontsize=15,
        arrowprops={"arrowstyle": "->"},
    )
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 기울기를 숫자로 재기: 수치 미분 (numerical differentiation)
#
# 공식으로 미분하기 어려울 때는 아주 가까운 두 점의 높이 차이로 기울기를 잴 수 있습니다
# (**중앙 차분**, central difference):
#
# $$f'(x) \approx \frac{f(x + h) - f(x - h)}{2h}, \qquad h = 10^{-4}$$
#
# 위의 $f(x) = x^4 - 3x^2 + x$에서 정확한 도함수 $f'(x) = 4x^3 - 6x + 1$과 비교해 봅시다.

# %%
h = 1e-4
for x0 in [-1.0, 0.5, 2.0]:
    numeric = (well.f(x0 + h) - well.f(x0 - h)) / (2 * h)
    print(f"x = {x0:+.1f}: 수치 미분 {numeric:+.6f}, 정확한 값 {well.f_prime(x0):+.6f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 2변수 함수의 기울기 벡터는 같은 일을 $x$와 $y$에 한 번씩 하면 됩니다. 이것은 마지막 연습문제에서 직접 해 봅니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 직접 움직여 보기
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
# 아래는 다음 노트북에서 배울 경사하강법이 힘멜블라우 지형을 걷는 모습입니다. `optim`에서는 이 방법을
# `SGD`라고 부릅니다 (이름의 이유는 03에서 봅니다). 지금은 **출발점 슬라이더 $x_0, y_0$만** 움직여 보세요.
#
# 이렇게 해 보세요:
# - 지금 그림은 $(0, 0)$에서 출발한 경로입니다. $(0, 3)$과 $(0, -2)$에서 출발하면 각각 어느 바닥에 도착할까요?
#   슬라이더를 움직이기 전에 등고선 지도만 보고 먼저 예측한 다음, 확인해 보세요.
# - 두 좌표가 모두 $-1$과 $1$ 사이인 출발점만으로 네 바닥에 한 번씩 도착해 보세요. 도착하는 바닥이 바뀌는
#   경계들이 한곳으로 모입니다. 그곳의 땅은 어떤 모양일까요?
# - $(0, -5.7)$에서 출발하면 가장 가까운 바닥에 도착하나요? 경로의 첫걸음을 보고 이유를 생각해 보세요.
#
# 출발점은 슬라이더 대신 등고선 그림을 눌러 (click) 옮길 수도 있습니다. 누른 자리에서 가장 가까운 슬라이더 눈금으로
# 옮겨 가고, $x_0, y_0$ 슬라이더도 함께 움직입니다.

# %% slideshow={"slide_type": "subslide"}
optim.explore("SGD", "himmelblau", start=(0.0, 0.0), steps=100, lr=0.01)

# %% [markdown]
# <details><summary>생각해 볼 거리 (답은 해 본 뒤에)</summary>
#
# - 네 영역의 경계는 원점의 왼쪽 아래, $(-0.27, -0.92)$ 근처의 **봉우리** (지역 최댓값, local maximum)에 모입니다.
#   봉우리에서는 사방이 내리막이라, 아주 조금만 옮겨 출발해도 다른 골짜기로 굴러갑니다. 기울기가 0인 점이
#   하나 더 있는 셈입니다.
# - $(0, -5.7)$은 지도의 가장자리라 경사가 매우 가파릅니다. 기울기가 크면 실제로 움직이는 거리, 곧 **보폭**도
#   커서 첫걸음에 6 넘게 날아가 가운데를 건너뛰고, 결국 네 바닥 중 **가장 먼** $(-2.81, 3.13)$에 도착합니다.
#   보폭이 기울기에 비례한다는 것이 다음 노트북의 주제입니다.
# </details>

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 신경망 학습 = 손실 함수 $L(\theta)$를 가장 작게 만드는 매개변수 $\theta$ 찾기 = **최적화**.
# - 손실은 매개변수의 함수이고, 그 그래프가 **손실 곡면**입니다. 등고선(2D)과 입체(3D)로 봅니다.
# - 직선 회귀의 바닥은 최소제곱해 $(a, b) = (2.3, 79)$. MSE와 RMSE는 바닥의 위치가 같고 모양이 다릅니다.
# - 회귀의 골짜기는 좁고 비스듬합니다. 교차항 $2\bar x\,ab$가 $a$와 $b$를 묶기 때문이고, $x$를 평균 0으로 옮기면 사라집니다.
# - 기울기 벡터 (gradient)가 0인 점에는 전역 최솟점, **지역 최솟점**, **안장점**, 그리고 봉우리가 있습니다.
#   기울기만으로는 구별되지 않습니다.
# - 기울기는 수치 미분 $\frac{f(x+h) - f(x-h)}{2h}$로 잴 수 있습니다. 직선의 기울기 $a$와는 다른 것입니다.
#
# 다음 노트북: 기울기를 따라 한 걸음씩 내려가는 **경사하강법**.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise): 2변수 수치 기울기
#
# `numerical_gradient(f, x, y, h=1e-4)`는 기울기 벡터 $\left(\frac{\partial f}{\partial x}, \frac{\partial f}{\partial y}\right)$를
# 중앙 차분으로 구해 돌려주어야 합니다. 아래 버전에는 흔한 실수가 하나 있습니다. 셀을 실행하면 검사기
# `check_function`이 어떤 입력에서 틀렸는지와 힌트를 알려 줍니다. 4절의 식과 한 글자씩 비교해 고쳐 보세요.
# 힌트로 부족하면 `check_function(numerical_gradient, "numerical_gradient", answer=True)`가 답을 보여 줍니다.


# %%
def numerical_gradient(f, x, y, h=1e-4):
    dfdx = (f(x + h, y) - f(x - h, y)) / h
    dfdy = (f(x, y + h) - f(x, y - h)) / h
    return dfdx, dfdy


check_function(numerical_gradient, "numerical_gradient")

# %% [markdown]
# 고친 함수를 위 셀에 다시 써서 실행하고, `check_function`이 통과라고 말할 때까지 고쳐 보세요.
# 통과하면 힘멜블라우의 네 바닥에서 수치 기울기가 거의 0인지도 확인해 보세요.
#
# <details><summary>정답 보기</summary>
#
# ```python
# def numerical_gradient(f, x, y, h=1e-4):
#     dfdx = (f(x + h, y) - f(x - h, y)) / (2 * h)
#     dfdy = (f(x, y + h) - f(x, y - h)) / (2 * h)
#     return dfdx, dfdy
#
# check_function(numerical_gradient, "numerical_gradient")
# ```
#
# 두 점 $x - h$와 $x + h$는 $2h$ 떨어져 있으므로 $2h$로 나눕니다.
# $h$로만 나누면 모든 기울기가 정확히 두 배가 됩니다.
# </details>
