# %% [markdown] slideshow={"slide_type": "slide"}
# # 02. 경사하강법 (gradient descent)
#
# 01에서 학습은 손실 곡면의 가장 낮은 곳을 찾는 일이라고 했습니다. 그런데 지형 전체를 볼 수 없다면
# 어떻게 찾을까요? 안개 낀 산에서 내려오는 사람처럼, **발밑의 경사만 느끼며 내리막으로 한 걸음씩** 갑니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 갱신 규칙 $x_{i+1} = x_i - \alpha f'(x_i)$를 코드로 쓰고, 학습률 $\alpha$가 너무 작거나 클 때 무슨 일이 생기는지 설명할 수 있습니다.
# 2. 슬라이드의 선형 회귀 실행 결과(표)를 numpy로 재현하고, 그 표가 실제로 무엇을 보여 주는지 읽을 수 있습니다.
# 3. 학습률을 고정한 경사하강법이 RMSE에서 왜 두 점 사이를 오가며 멈추지 못하는지 식으로 설명할 수 있습니다.
# 4. 코드를 고쳐 최소제곱해 $a = 2.3,\ b = 79$에 도달할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

import optim
from optim import regression
from optim.descent1d import FUNCTIONS, descend_1d, draw_descent_1d
from optim.exercises import check_function
from optim.figures import plot_loss

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 내리막으로 한 걸음
#
# 슬라이드의 정의: 함수 값이 낮아지는 방향으로 독립 변수를 조금씩 바꿔 가며, 결국 **함수 값을
# 가장 작게 만드는** 값을 찾는 방법.
#
# $$x_{i+1} = x_i - \alpha \frac{df}{dx}(x_i)$$
#
# - 오르막 ($f'(x_i) > 0$)에서는 $x$를 줄이고, 내리막 ($f'(x_i) < 0$)에서는 $x$를 키웁니다. **빼기** 덕분에 늘 내리막 쪽으로 갑니다.
# - 경사가 가파를수록 크게, 평평할수록 작게 움직입니다.
# - $\alpha$는 **학습률** (learning rate)입니다. 실제로 움직인 거리 $|x_{i+1} - x_i| = \alpha\,|f'(x_i)|$를
#   이 강의에서는 **보폭** (step length)이라고 부릅니다. 보폭은 학습률과 경사의 크기를 곱한 것입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 코드로 한 번 써 보기
#
# $f(x) = x^2$, $f'(x) = 2x$, 출발점 $x_0 = 3$, $\alpha = 0.3$. 갱신 규칙을 그대로 옮긴 반복문입니다.


# %%
def f_prime(x):
    return 2 * x


x, lr = 3.0, 0.3
xs = [x]
for i in range(5):
    x_next = x - lr * f_prime(x)  # x_{i+1} = x_i − α f′(x_i)
    print(f"x_{i} = {x:+.4f},  f'(x_{i}) = {f_prime(x):+.4f}  →  x_{i + 1} = {x_next:+.4f}")
    x = x_next
    xs.append(x)

# %% [markdown] slideshow={"slide_type": "fragment"}
# 앞으로는 같은 반복문을 담은 `optim.descent1d.descend_1d(f_prime, x0, lr, steps)`를 씁니다. 결과가 같은지 확인합니다.

# %%
parabola = FUNCTIONS["parabola"]
path = descend_1d(parabola.f_prime, 3.0, 0.3, 5)
print("descend_1d:", np.round(path, 4))
print("반복문과 같은가?", np.array_equal(path, xs))

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 학습률: 너무 작은 경우, 너무 큰 경우
#
# 슬라이드의 "$\alpha$가 너무 작은 경우 / 너무 큰 경우"를 $f(x) = x^2$에서 봅시다.
# 여기서는 한 걸음이 $x \leftarrow x - 2\alpha x = (1 - 2\alpha)\,x$이므로, 배율 $1 - 2\alpha$가 모든 것을 정합니다.
#
# - $|1 - 2\alpha| < 1$이면 바닥으로 다가가고, 1에 가까울수록 느립니다.
# - $1 - 2\alpha < 0$이면 바닥을 **넘어가** 반대편에 떨어집니다.
# - $|1 - 2\alpha| > 1$이면 넘어갈 때마다 더 멀어집니다: **발산 (divergence)**.

# %%
rates = {"너무 작은 α": 0.02, "적당한 α": 0.3, "너무 큰 α": 1.05}
paths = descend_1d(parabola.f_prime, 3.0, np.array(list(rates.values())), 12)
for (name, rate), final in zip(rates.items(), paths[-1]):
    print(f"{name} = {rate}: 배율 1 − 2α = {1 - 2 * rate:+.2f}, 12걸음 뒤 x = {final:+.4f}")

# %% slideshow={"slide_type": "subslide"}
fig, axes = plt.subplots(1, 3, figsize=(16, 5), layout="constrained")
for ax, (name, rate), run_path in zip(axes, rates.items(), paths.T):
    draw_descent_1d(ax, parabola, run_path, title=f"{name} (α = {rate})")
fig.suptitle("f(x) = x², 출발점 x₀ = 3 (큰 점), 12걸음 뒤 (X)", fontsize=17)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 왼쪽은 12걸음 동안 바닥 근처에도 가지 못하고, 가운데는 금방 도착하고, 오른쪽은 양쪽 벽을 오가며
# 점점 높이 올라갑니다. **적당한 학습률을 고르는 일은 매우 중요합니다** (슬라이드).

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 경사하강법은 출발한 골짜기에 멈춥니다
#
# 01의 $f(x) = x^4 - 3x^2 + x$에서 두 곳에서 출발해 봅시다. 경사하강법은 발밑만 보므로, 보폭이 작으면
# 출발점에서 내리막을 따라 처음 만나는 골짜기에 멈춥니다. 그곳이 지역 최솟값이라도 마찬가지입니다.

# %%
well = FUNCTIONS["double_well"]
ends = descend_1d(well.f_prime, np.array([-2.0, 2.0]), 0.02, 200)[-1]
for x0, end in zip([-2.0, 2.0], ends):
    print(f"x₀ = {x0:+.0f}에서 출발 → x = {end:+.4f}, f(x) = {well.f(end):+.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. 슬라이드의 선형 회귀를 numpy로 재현하기
#
# 슬라이드는 TensorFlow 1로 직선 $y = ax + b$를 맞추고 100걸음마다 표를 인쇄합니다. 코드가 하는 일을 순서대로 옮기면:
#
# | 슬라이드 코드 | 하는 일 | 여기서는 |
# |---|---|---|
# | `data`, `x_data`, `y_data` | 데이터와 목표값 | 아래 셀 (코드 그대로) |
# | `tf.random.uniform(..., seed=0)` | 시작점 $(a_0, b_0)$ | 첫 줄에서 역산 (3.2절) |
# | `rmse = tf.sqrt(...)` | 손실 $\sqrt{\tfrac{1}{n}\sum (a x_i + b - y_i)^2}$ | `regression.rmse` |
# | `GradientDescentOptimizer(0.1)` | $a \leftarrow a - 0.1\,\partial_a \mathrm{RMSE}$, $b$도 같이 | `regression.gradient_descent` |
# | `for step in range(5001)` | 5001걸음, 100걸음마다 인쇄 | `regression.slide_table()` |
#
# RMSE의 기울기 (gradient)는 잔차 $r_i = a x_i + b - y_i$로
# $\ \partial_a \mathrm{RMSE} = \frac{\mathrm{mean}(r_i x_i)}{\mathrm{RMSE}},\ \ \partial_b \mathrm{RMSE} = \frac{\mathrm{mean}(r_i)}{\mathrm{RMSE}}$입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 3.1 데이터: 코드 그대로
#
# 슬라이드의 두 줄을 파이썬으로 그대로 실행해 봅시다. (결과를 잘 봐 두세요. 4절의 주인공입니다.)

# %%
data = [[2, 81], [4, 93], [6, 91], [8, 97]]
x_data = [x_row[0] for x_row in data]
y_data = [y_row[0] for y_row in data]
print("x_data =", x_data)
print("y_data =", y_data)
print("regression.SLIDE_TARGETS와 같은가?", np.array_equal(y_data, regression.SLIDE_TARGETS))

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 3.2 시작점: 첫 줄에서 거꾸로 구하기
#
# TensorFlow의 난수 `seed=0`은 numpy로 흉내 낼 수 없습니다. 대신 표의 **첫 줄**(0번째 걸음 **뒤**의 값)
# $p_1 = (7.5434,\ 80.5910)$이 시작점 $p_0$에서 한 걸음 간 결과라는 사실을 씁니다.
#
# $$p_1 = p_0 - \alpha \nabla \mathrm{RMSE}(p_0) \quad\Longrightarrow\quad p_0 = p_1 + \alpha \nabla \mathrm{RMSE}(p_0)$$
#
# 모르는 값이 등호의 양쪽에 있으니, $p_1$을 첫 추측으로 삼아 오른쪽을 계산하고 그 결과를 다시 오른쪽에 넣기를
# 반복합니다 (**고정점 반복**, fixed-point iteration).

# %%
targets = regression.SLIDE_TARGETS
p1 = np.array(regression.SLIDE_FIRST_ROW)
p0 = p1.copy()
for round_ in range(1, 7):
    p0 = p1 + regression.SLIDE_LR * np.array(regression.rmse_gradient(*p0, y=targets))
    print(f"{round_}회: a₀ = {p0[0]:.8f}, b₀ = {p0[1]:.8f}")

a0, b0 = regression.slide_initial_values()
print(f"slide_initial_values(): a₀ = {a0:.8f}, b₀ = {b0:.8f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 세 번째 반복부터 소수 여덟째 자리까지 바뀌지 않습니다. 표에서 가져온 숫자는 **첫 줄의 두 값뿐**이고, 나머지는 모두 계산입니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 3.3 표를 인쇄하기: 슬라이드와 같은 형식으로
#
# 표를 읽기 전에 두 낱말을 짚어 둡니다.
#
# - 표의 "기울기 a"는 직선 $y = ax + b$의 **기울기** (slope), 곧 손잡이 $a$의 값입니다. 앞의 $\partial_a \mathrm{RMSE}$처럼
#   손실을 미분한 **기울기** (gradient)와는 다른 것입니다. 01에서 정한 대로, 이 노트북에서도 그냥 "기울기"라고 하면 gradient입니다.
# - 표의 "Epoch"는 **에폭 (epoch)**, 데이터 전체를 한 번 훑는 단위입니다. 여기서는 걸음마다 데이터 네 점을
#   **모두** 써서 기울기를 구하므로 (전체 배치, full batch) 한 걸음이 곧 한 에폭입니다. 그래서 표의
#   Epoch 번호는 0부터 센 걸음 번호와 같습니다 (`Epoch: 0` 줄은 한 걸음을 간 뒤의 값). 미니배치를 쓰면 둘이 달라집니다 (03).
#
# 코드는 5001걸음을 돌지만, 슬라이드에 실린 표는 3000번째 걸음에서 끝납니다. 여기서도 같은 곳까지 인쇄합니다.

# %%
print(regression.slide_table())

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 3.4 슬라이드의 표와 비교
#
# 비교하려고 슬라이드에 인쇄된 표를 그대로 옮겨 둡니다 (비교에만 쓰고, 계산에는 쓰지 않습니다).

# %%
SLIDE_PRINTED = """\
Epoch: 0, RMSE = 114.2489, 기울기 a = 7.5434, y 절편 b = 80.5910
Epoch: 100, RMSE = 30.2481, 기울기 a = -11.4110, y 절편 b = 74.0875
Epoch: 200, RMSE = 28.6267, 기울기 a = -10.7494, y 절편 b = 70.1156
Epoch: 300, RMSE = 27.0053, 기울기 a = -10.0840, y 절편 b = 66.1443
Epoch: 400, RMSE = 25.3839, 기울기 a = -9.4185, y 절편 b = 62.1731
Epoch: 500, RMSE = 23.7625, 기울기 a = -8.7530, y 절편 b = 58.2018
Epoch: 600, RMSE = 22.1412, 기울기 a = -8.0875, y 절편 b = 54.2305
Epoch: 700, RMSE = 20.5198, 기울기 a = -7.4221, y 절편 b = 50.2593
Epoch: 800, RMSE = 18.8984, 기울기 a = -6.7566, y 절편 b = 46.2880
Epoch: 900, RMSE = 17.2770, 기울기 a = -6.0911, y 절편 b = 42.3167
Epoch: 1000, RMSE = 15.6556, 기울기 a = -5.4256, y 절편 b = 38.3455
Epoch: 1100, RMSE = 14.0342, 기울기 a = -4.7602, y 절편 b = 34.3742
Epoch: 1200, RMSE = 12.4129, 기울기 a = -4.0947, y 절편 b = 30.4029
Epoch: 1300, RMSE = 10.7915, 기울기 a = -3.4292, y 절편 b = 26.4316
Epoch: 1400, RMSE = 9.1701, 기울기 a = -2.7637, y 절편 b = 22.4604
Epoch: 1500, RMSE = 7.5487, 기울기 a = -2.0983, y 절편 b = 18.4891
Epoch: 1600, RMSE = 5.9273, 기울기 a = -1.4328, y 절편 b = 14.5178
Epoch: 1700, RMSE = 4.3059, 기울기 a = -0.7673, y 절편 b = 10.5466
Epoch: 1800, RMSE = 2.6846, 기울기 a = -0.1018, y 절편 b = 6.5753
Epoch: 1900, RMSE = 1.0632, 기울기 a = 0.5636, y 절편 b = 2.6040
Epoch: 2000, RMSE = 1.5416, 기울기 a = 0.6112, y 절편 b = 0.6709
Epoch: 2100, RMSE = 1.5419, 기울기 a = 0.6851, y 절편 b = 0.2030
Epoch: 2200, RMSE = 1.5419, 기울기 a = 0.7117, y 절편 b = 0.0406
Epoch: 2300, RMSE = 1.5419, 기울기 a = 0.7211, y 절편 b = -0.0159
Epoch: 2400, RMSE = 1.5419, 기울기 a = 0.7244, y 절편 b = -0.0355
Epoch: 2500, RMSE = 1.5419, 기울기 a = 0.7256, y 절편 b = -0.0423
Epoch: 2600, RMSE = 1.5419, 기울기 a = 0.7259, y 절편 b = -0.0446
Epoch: 2700, RMSE = 1.5419, 기울기 a = 0.7261, y 절편 b = -0.0455
Epoch: 2800, RMSE = 1.5419, 기울기 a = 0.7261, y 절편 b = -0.0457
Epoch: 2900, RMSE = 1.5419, 기울기 a = 0.7262, y 절편 b = -0.0458
Epoch: 3000, RMSE = 1.5419, 기울기 a = 0.7262, y 절편 b = -0.0459"""

ours_lines = regression.slide_table().splitlines()
slide_lines = SLIDE_PRINTED.splitlines()
slide_numbers = np.array(
    [[float(part.split("= ")[-1]) for part in line.split(", ")[1:]] for line in slide_lines]
)
ours = regression.slide_rows()[:, 1:]
gap = np.abs(ours - slide_numbers).max(axis=0)
same = sum(mine == theirs for mine, theirs in zip(ours_lines, slide_lines))
print(f"가장 큰 차이: RMSE {gap[0]:.5f}, a {gap[1]:.5f}, b {gap[2]:.5f}")
print(f"모든 수가 5e-4 이내인가? {bool(gap.max() < 5e-4)}")
print(f"{len(slide_lines)}줄 중 글자까지 똑같은 줄: {same}줄")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 3.5 왜 마지막 자리가 늘 맞지는 않을까?
#
# 시작점은 첫 줄의 **소수 넷째 자리까지**만 알 수 있습니다. 표의 7.5434는 실제로는 7.54335와 7.54345 사이
# 어디든 될 수 있습니다. 그 작은 상자 안의 첫 줄 아홉 개로 같은 계산을 해 보면:

# %%
shifts = [-5e-5, 0.0, 5e-5]
first_rows = [(7.5434 + da, 80.5910 + db) for da in shifts for db in shifts]
starts = np.array([regression.slide_initial_values(first_row=row) for row in first_rows])
runs = regression.gradient_descent(starts[:, 0], starts[:, 1], 0.1, 2001, y=targets)
for epoch in [100, 1000]:
    low, high = runs.b[epoch].min(), runs.b[epoch].max()
    print(f"Epoch {epoch}: b는 {low:.5f} ~ {high:.5f} (폭 {high - low:.5f})")
low, high = runs.a[2000].min(), runs.a[2000].max()
print(f"Epoch 2000: a는 {low:.4f} ~ {high:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 첫 줄의 반올림만으로도 $b$의 넷째 자리가 1만큼 흔들립니다. 그래서 마지막 자리가 가끔 다른 것은 당연합니다.
# 2000번째 걸음 근처에서는 더 극적입니다: 곧 보게 될 **두 점 사이의 왕복**에 들어서면서, 어느 쪽 점에
# 있느냐가 바뀔 수 있습니다. 우리 시작점(상자의 한가운데)은 슬라이드와 같은 쪽에 떨어졌습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 표가 실제로 보여 주는 것
#
# ### 4.1 목표값이 점수가 아니라 공부 시간이다
#
# 3.1의 출력을 다시 보세요: `y_data`는 `[2, 4, 6, 8]`. 점수는 `y_row[1]`인데 코드는 `y_row[0]`을 읽었습니다.
# 즉 슬라이드의 실행은 점수가 아니라 $y = x$를 맞추고 있었습니다. 그 정답은 $a = 1, b = 0$이고, 오차는 0입니다.

# %%
a_fit, b_fit = regression.least_squares(y=targets)
rmse_fit = regression.rmse(a_fit, b_fit, y=targets)
print(f"y = x의 최소제곱해: a = {a_fit:.4f}, b = {b_fit:.4f}, RMSE = {rmse_fit:.4f}")
last = regression.slide_rows()[-1]
print(f"슬라이드 표의 마지막 줄: a = {last[2]:.4f}, b = {last[3]:.4f}, RMSE = {last[1]:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 그런데 표는 $(1, 0)$에도 닿지 못하고 RMSE ≈ 1.5419에서 멈춥니다. 왜일까요?

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 4.2 RMSE의 기울기 (gradient)는 줄어들지 않는다
#
# 오차가 0이 될 수 있는 문제에서 RMSE는 바닥이 뾰족한 **깔때기** (cone) 모양입니다. 바닥에서 한 방향으로 거리 $t$만큼
# 떨어지면 RMSE는 $t$에 비례하고, 기울기의 크기는 **$t$와 상관없이 일정**합니다.
# 반면 MSE는 $t^2$에 비례하는 그릇이라, 기울기가 $t$에 비례해 줄어듭니다. 바닥 $(1, 0)$에서 같은 방향으로 재 봅시다.

# %%
direction = np.array([1.0, -1.0]) / np.sqrt(2)
for t in [10, 1, 0.1, 0.01]:
    a, b = np.array([a_fit, b_fit]) + t * direction
    g_rmse = np.hypot(*regression.rmse_gradient(a, b, y=targets))
    g_mse = np.hypot(*regression.mse_gradient(a, b, y=targets))
    print(f"거리 {t:>5}: |∇RMSE| = {g_rmse:.4f},  |∇MSE| = {g_mse:9.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 기울기가 줄지 않으니 보폭 $\alpha\,\|\nabla \mathrm{RMSE}\|$도 줄지 않습니다. 표의 100~1900번째 걸음에서
# RMSE가 100걸음마다 **똑같이** 줄어드는 것도 그래서입니다. 얼마씩 줄어드는지 계산하려면, 방향마다 다른
# 가파름을 재는 도구가 하나 필요합니다.
#
# ### 고윳값과 고유벡터 (eigenvalue, eigenvector)
#
# 바닥 $p^* = (1, 0)$에서는 잔차가 모두 0이므로, 바닥에서 $d = (\Delta a, \Delta b)$만큼 떨어진 점의 잔차는
# $r_i = \Delta a\,x_i + \Delta b$입니다. 그래서
#
# $$\mathrm{RMSE}(p^* + d) = \sqrt{d^\top M d},\qquad
# M = \mathrm{mean}\begin{pmatrix} x_i^2 & x_i \\ x_i & 1 \end{pmatrix}
# = \begin{pmatrix} \overline{x^2} & \bar x \\ \bar x & 1 \end{pmatrix}.$$
#
# $d^\top M d$는 01에서 바닥으로부터 모든 방향으로 거리 1만큼 움직여 잰 "손실이 오르는 양"과 같은 식입니다
# ($M$은 $x$만으로 정해지므로 점수 데이터에서도 같습니다). 그때 가장 작게, 가장 크게 오른 두 방향은
# $M$을 곱해도 방향이 바뀌지 않고 길이만 변하는 특별한 방향입니다.
#
# $$M v = \lambda v$$
#
# 이런 방향 $v$를 **고유벡터** (eigenvector), 그 배율 $\lambda$를 **고윳값** (eigenvalue)이라고 합니다.
# $M$처럼 대칭인 행렬에는 서로 수직인 고유벡터가 두 개 있고, 길이 1인 $d$에 대한 $d^\top M d$의 최솟값과
# 최댓값이 바로 두 고윳값 $\lambda_{\min}$, $\lambda_{\max}$입니다. `np.linalg.eigh`로 구합니다.

# %%
design = np.stack([regression.X, np.ones(4)])
M = design @ design.T / 4
(lam_min, lam_max), vectors = np.linalg.eigh(M)
v_min, v_max = (v * np.sign(v[0]) for v in vectors.T)  # sign chosen so that a grows along v
print(f"M = {M.tolist()}")
print(f"λ_min = {lam_min:.4f}, v_min = ({v_min[0]:+.4f}, {v_min[1]:+.4f})")
print(f"λ_max = {lam_max:.4f}, v_max = ({v_max[0]:+.4f}, {v_max[1]:+.4f})")
same = np.allclose(M @ v_min, lam_min * v_min) and np.allclose(M @ v_max, lam_max * v_max)
print(f"M v = λ v 인가? {same},  두 벡터의 내적 = {abs(v_min @ v_max):.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# $v_{\min}$은 01에서 찾은 골짜기 바닥의 방향 ($a$가 1 늘 때 $b$가 약 6 줄어드는 방향)이고, $v_{\max}$는 그와 수직인
# 가장 가파른 방향입니다.
#
# 고유벡터 위에서는 계산이 간단합니다. 길이 1인 고유벡터 $v$를 따라 $d = t\,v$이면 $d^\top M d = \lambda t^2$이므로
#
# $$\mathrm{RMSE} = \sqrt{\lambda}\,|t|,\qquad
# \nabla \mathrm{RMSE} = \frac{M d}{\sqrt{d^\top M d}} = \operatorname{sign}(t)\,\sqrt{\lambda}\;v.$$
#
# 기울기는 같은 직선 위에서 바닥의 반대쪽을 가리키고, 크기는 $\sqrt{\lambda}$로 일정합니다. 그래서 한 걸음은
# 직선을 벗어나지 않고 보폭 $\alpha\sqrt{\lambda}$만큼 바닥 쪽으로 가며, RMSE를 $\sqrt{\lambda}\cdot\alpha\sqrt{\lambda} = \alpha\lambda$만큼
# 줄입니다. 표의 100~1900번째 걸음에서 점이 $v_{\min}$을 따라 내려간다면, 100걸음마다 $100\,\alpha\lambda_{\min}$씩 줄어야 합니다.

# %%
rows = regression.slide_rows()
moved = rows[19, 2:] - rows[1, 2:]
moved /= np.hypot(*moved)
drops = -np.diff(rows[1:20, 1])
print(f"100번째 → 1900번째 걸음에 움직인 방향: ({moved[0]:+.4f}, {moved[1]:+.4f})")
print(f"100걸음마다 RMSE가 줄어든 양: {drops.min():.4f} ~ {drops.max():.4f}")
print(f"100 · α · λ_min = {100 * regression.SLIDE_LR * lam_min:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 4.3 끝: 두 점 사이의 왕복 (two-point oscillation)
#
# 보폭이 줄지 않으면 바닥에 "착지"할 수 없습니다. 가장 가파른 방향 $v_{\max}$ 위에서 보면 분명합니다.
# 위의 식에서 $t$는 한 걸음마다 보폭 $s = \alpha\sqrt{\lambda_{\max}}$만큼 바닥 쪽으로 움직입니다.
#
# $$t \;\longrightarrow\; t - s\,\operatorname{sign}(t)$$
#
# $0 < t < s$이면 한 걸음에 바닥을 넘어 $t - s < 0$이 되고, 다음 걸음에 $s$를 더해 정확히 $t$로 돌아옵니다.
# 두 점 $t$와 $t - s$를 영원히 오가는 **두 점 왕복**입니다. 두 점의 RMSE를 더하면
#
# $$\sqrt{\lambda_{\max}}\,t + \sqrt{\lambda_{\max}}\,(s - t) = \sqrt{\lambda_{\max}}\,s = \alpha\,\lambda_{\max}$$
#
# 으로, $t$와 상관없이 늘 같습니다. 두 점이 바닥에서 같은 거리 ($t = s/2$)에 있으면 두 RMSE도 같아서
#
# $$\mathrm{RMSE}_{\text{cycle}} = \frac{\alpha\,\lambda_{\max}}{2}$$
#
# 입니다. 슬라이드의 코드처럼 5001걸음을 끝까지 돌린 뒤 왕복하는 두 점을 찾아, 이 유도와 맞춰 봅시다.

# %%
slide_run = regression.gradient_descent(a0, b0, regression.SLIDE_LR, 5001, y=targets)
cycle = regression.two_point_cycle(slide_run.a[-1], slide_run.b[-1])
for a, b, loss in cycle:
    print(f"왕복점: a = {a:.4f}, b = {b:+.4f}, RMSE = {loss:.4f}")
offset = cycle[1, :2] - np.array([a_fit, b_fit])
offset /= np.hypot(*offset)
gap_between = np.hypot(*(cycle[1, :2] - cycle[0, :2]))
alpha = regression.SLIDE_LR
s = alpha * np.sqrt(lam_max)  # the step length of the derivation above
print(f"바닥에서 왕복점으로 가는 방향: ({offset[0]:+.4f}, {offset[1]:+.4f})  (위의 v_max와 비교)")
print(f"두 왕복점 사이의 거리 = {gap_between:.4f},  보폭 s = α√λ_max = {s:.4f}")
print(f"두 RMSE의 합 = {cycle[:, 2].sum():.4f},  α λ_max = {alpha * lam_max:.4f}")
rmse_cycle = regression.cycle_rmse()
print(f"α λ_max / 2 = {alpha * lam_max / 2:.4f},  regression.cycle_rmse() = {rmse_cycle:.4f}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 두 왕복점은 바닥에서 $v_{\max}$ 방향으로 같은 거리에 있고, 둘 사이는 보폭 $s$와 같으며, RMSE는 $\alpha\lambda_{\max}/2$입니다.
#
# 유도에서 $t$는 0과 $s$ 사이 어디든 될 수 있었으니, 두 RMSE가 서로 다른 **치우친 왕복**도 있을 수 있습니다.
# 실제로 그런 왕복에 도착하는 실행이 있는지 봅시다. 슬라이드의 코드가 `tf.random.uniform`으로 시작점을 뽑는 범위 ($a$는 0~10, $b$는 0~100)에서 시작점 200개를
# 무작위로 뽑아, 각각 5001걸음씩 돌려 봅시다.

# %%
rng = np.random.default_rng(0)
starts_a, starts_b = rng.uniform(0, 10, 200), rng.uniform(0, 100, 200)
sweep = regression.gradient_descent(starts_a, starts_b, regression.SLIDE_LR, 5001, y=targets)
back = np.hypot(sweep.a[-1] - sweep.a[-3], sweep.b[-1] - sweep.b[-3])
pair = np.sort(np.stack([sweep.loss[-2], sweep.loss[-1]]), axis=0)
lopsided = pair[1] - pair[0] > 1e-4
print(f"200개 모두 두 걸음마다 같은 점으로 돌아오는가? {bool(np.all(back < 1e-9))}")
print(f"두 RMSE의 합: {pair.sum(axis=0).min():.4f} ~ {pair.sum(axis=0).max():.4f}")
print(
    f"두 RMSE의 차이가 1e-4보다 작은 실행: {np.sum(~lopsided)}개, "
    f"RMSE {pair[:, ~lopsided].min():.4f} ~ {pair[:, ~lopsided].max():.4f}"
)
print(f"치우친 왕복: {np.sum(lopsided)}개")
for low, high, a_s, b_s in zip(*pair[:, lopsided], starts_a[lopsided], starts_b[lopsided]):
    print(f"  시작 ({a_s:.3f}, {b_s:.3f}) → RMSE {low:.4f}와 {high:.4f}, 합 {low + high:.4f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 200개가 모두 두 점 왕복으로 끝났고, 두 RMSE의 합은 모두 $\alpha\lambda_{\max}$입니다. 대부분은 두 RMSE가 같은
# 대칭 왕복 $\alpha\lambda_{\max}/2$에 도착했고, 위에 인쇄한 두 실행은 치우친 왕복에 도착했습니다. 어느 쪽에
# 도착할지는 시작점이 정하고, 슬라이드의 시작점은 대칭 쪽이었습니다.

# %% slideshow={"slide_type": "subslide"}
last_steps = np.arange(4980, 5001)
fig, axes = plt.subplots(1, 2, figsize=(15, 4.8), layout="constrained")
for ax, values, name, best in zip(axes, [slide_run.a, slide_run.b], ["a", "b"], [a_fit, b_fit]):
    ax.plot(last_steps, values[last_steps], "-o", color="#D55E00", label=f"{name} (RMSE, α = 0.1)")
    ax.axhline(best, color="#009E73", ls="--", label=f"최소제곱해 {name} = {best:.0f}")
    ax.set(xlabel="걸음 = 에폭 (step = epoch)", ylabel=name)
    ax.set_title(f"마지막 20걸음의 {name}: 두 값을 오갑니다")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, framealpha=0.95)
    ax.grid(True, alpha=0.3)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 표는 100걸음마다 인쇄하는데 100은 짝수라서, 왕복하는 두 점 중 **늘 같은 쪽** $(0.7262, -0.0459)$만 보입니다.
# 그래서 "수렴한 것처럼" 보였던 것입니다. 실제로는 바닥 $(1, 0)$ 양쪽을 영원히 오갑니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 고치기: 점수를 목표로, 그리고 MSE로
#
# 두 가지를 바꿉니다. (1) 목표값을 점수 `y_row[1]`로. (2) 손실을 RMSE 대신 MSE로. 각각의 효과를
# 2×2로 나눠 봅니다 (모두 슬라이드의 시작점에서 5000걸음, RMSE는 α = 0.1, MSE는 α = 0.03).

# %%
for target_name, y in [("x (슬라이드)", regression.X), ("점수 (고침)", regression.SCORES)]:
    for loss, rate in [("rmse", 0.1), ("mse", 0.03)]:
        end = regression.gradient_descent(a0, b0, rate, 5000, loss, y=y)
        print(
            f"목표 = {target_name}, {loss.upper()} (α = {rate}): "
            f"a = {end.a[-1]:.4f}, b = {end.b[-1] + 0.0:.4f}  |  한 걸음 전 a = {end.a[-2]:.4f}"
        )

# %% [markdown] slideshow={"slide_type": "fragment"}
# - 슬라이드 그대로(공부 시간, RMSE)만 두 점 사이를 오갑니다 (마지막 a와 한 걸음 전 a가 다름).
# - 점수를 목표로 하면 RMSE로도 $(2.3, 79)$에 도착합니다. 점수는 직선 위에 정확히 있지 않아 최소 RMSE가 0이 아니고,
#   그러면 바닥이 뾰족하지 않고 둥글기 때문입니다. **왕복은 "RMSE + 오차 0인 바닥"이 함께 만든 현상**입니다.
# - 그래도 실전에서는 **MSE**가 기본입니다. 어디서나 매끄럽고, 기울기가 오차에 비례해 줄어들어 바닥에서 보폭이 저절로 작아집니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 학습률도 같이 바꿔야 합니다
#
# MSE의 기울기는 $\nabla \mathrm{MSE} = 2\,\mathrm{RMSE}\,\nabla \mathrm{RMSE}$라서, 오차가 클 때는 RMSE의 기울기보다
# 훨씬 큽니다. 학습률을 얼마나 줄여야 하는지는 **헤세 행렬** (Hessian)이 알려 줍니다. 헤세 행렬은 2차 편미분을
# 모은 행렬로, 곡면이 방향마다 얼마나 휘었는지 (곡률, curvature)를 담습니다.
#
# $$H = \begin{pmatrix} \partial^2 L / \partial a^2 & \partial^2 L / \partial a\,\partial b \\
# \partial^2 L / \partial b\,\partial a & \partial^2 L / \partial b^2 \end{pmatrix}$$
#
# MSE $= \mathrm{mean}\big((a x_i + b - y_i)^2\big)$를 두 번 미분하면 $H = 2M$이고, 어디서나 같은 상수 행렬입니다.
# 고윳값은 $2\lambda_{\min}$과 $2\lambda_{\max}$이고, 비대각 성분 $2\bar x = 10$이 01에서 본 교차항, 곧 골짜기가
# 비스듬한 이유입니다. 기울기의 차분으로 $H$를 재서 확인합니다.
#
# 2차 함수에서는 기울기가 $H(p - p^*)$이므로, 한 걸음은 바닥까지의 차이 $p - p^*$ 중 가장 가파른 고유벡터 방향의
# 성분을 $1 - 2\alpha\lambda_{\max}$배로 만듭니다. 그래서 경사하강법은 $\alpha < 2 / (2\lambda_{\max})$일 때만 안정합니다. 2절의 $f(x) = x^2$ ($H = 2$)에서 본
# $|1 - 2\alpha| < 1$과 같은 이야기입니다. 슬라이드의 $\alpha = 0.1$은 이 한계를 넘어 MSE에서 **발산**합니다.

# %%
h = 1e-3
columns = []
for da, db in h * np.eye(2):  # a step of h along a, then along b
    forward = np.array(regression.mse_gradient(a0 + da, b0 + db))
    backward = np.array(regression.mse_gradient(a0 - da, b0 - db))
    columns.append((forward - backward) / (2 * h))
hessian = np.column_stack(columns)
print(f"차분으로 잰 H = {np.round(hessian, 4).tolist()},  2M = {(2 * M).tolist()}")
print(f"안정 한계: α < 2 / (2 λ_max) = {2 / (2 * lam_max):.4f}")
print(f"α = 0.03의 배율: 1 − 2αλ_max = {1 - 2 * 0.03 * lam_max:+.4f}")
blow_up = regression.gradient_descent(a0, b0, 0.1, 30, "mse")
for k in [9, 19, 29]:
    print(f"MSE, α = 0.1, {k + 1}걸음 뒤: a = {blow_up.a[k]:.3e}, MSE = {blow_up.loss[k]:.3e}")

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 고친 실행: 점수, MSE, α = 0.03
#
# 이번에는 `optim`의 `SGD`로 `regression_mse` 곡면(점수 데이터의 MSE)을 걷습니다.
# `SGD.update`는 위의 갱신 규칙과 똑같은 $W \leftarrow W - \alpha \nabla L$입니다. 시작점은 슬라이드의 $(a_0, b_0)$입니다.

# %%
fixed = optim.run(optim.SGD(lr=0.03), "regression_mse", start=(a0, b0), steps=1400)
a_end, b_end = fixed.positions[-1]
reference = regression.gradient_descent(a0, b0, 0.03, 1400, "mse")
a_star, b_star = regression.least_squares()
slope, intercept = np.polyfit(regression.X, regression.SCORES, 1)
print(f"SGD (α = 0.03), 1400걸음: a = {a_end:.4f}, b = {b_end:.4f}, MSE = {fixed.losses[-1]:.4f}")
same_points = np.allclose(fixed.positions[1:], np.column_stack([reference.a, reference.b]))
print(f"regression.gradient_descent와 같은 점을 지나는가? {same_points}")
print(f"최소제곱해:  a = {a_star:.4f}, b = {b_star:.4f}")
print(f"np.polyfit:  a = {slope:.4f}, b = {intercept:.4f}")
print(f"손실이 최솟값과 1e-6 안으로 가까워져 끝까지 머문 첫 걸음: {fixed.converged_at}")

# %% slideshow={"slide_type": "subslide"}
first = np.arange(0, 121)
fig, axes = plt.subplots(1, 2, figsize=(15, 4.8), layout="constrained")
for ax, column, name, best in zip(axes, [0, 1], ["a", "b"], [a_star, b_star]):
    label = f"{name} (MSE, α = 0.03)"
    ax.plot(first, fixed.positions[first, column], "-o", ms=3, color="#D55E00", label=label)
    ax.axhline(best, color="#009E73", ls="--", label=f"최소제곱해 {name} = {best:g}")
    ax.set(xlabel="걸음 (step)", ylabel=name, title=f"처음 120걸음의 {name}")
    ax.legend(loc="upper right", framealpha=0.95)
    ax.grid(True, alpha=0.3)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 처음에는 $a$가 바닥 양쪽을 넘나들며 크게 튑니다. 가장 가파른 방향에서 한 걸음의 배율이
# $1 - 2\alpha\lambda_{\max} \approx -0.85$라서, 넘어갈 때마다 폭이 0.85배로 줄어듭니다. 이 왕복은 RMSE의 왕복과 달리
# **줄어들어 사라집니다.** 그 뒤에는 완만한 방향으로 천천히 다가가고, 손실은 로그 눈금에서 직선으로 내려갑니다.

# %%
plot_loss([fixed], "regression_mse", labels=["SGD (α = 0.03)"])

# %% [markdown] slideshow={"slide_type": "fragment"}
# 이 "길쭉한 골짜기에서의 튀기"가 03 SGD와 04 모멘텀의 출발점입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. 직접 움직여 보기
#
# JupyterLab에서 실행하면 슬라이더가 나타납니다. 커널 없이 보는 화면 (GitHub, nbviewer)에서는 슬라이더 대신
# 처음 설정으로 실행한 모습이 움직이는 그림으로 나옵니다.
#
# 이렇게 해 보세요:
# - `lr` 슬라이더를 한 칸 올려 0.0316으로 해 보세요. 안정 한계 0.0324 바로 아래라 배율이 $-1$에 더 가까워서,
#   0.03일 때보다 크게, 오래 튑니다.
# - 한 칸 더 올려 0.0355로 하면? 안정 한계를 넘어 **발산**합니다 (흰 X).
# - `lr`을 0.01로 낮추면 튀지 않고 안전하지만 느립니다. 300걸음 뒤에도 손실이 최솟값보다 0.01 넘게 높습니다
#   (오른쪽 손실 그래프). `steps`를 늘려 보세요.
# - `surface`를 "회귀의 RMSE"로, `lr`을 0.1로, `steps`를 500으로 바꿔 보세요. 점수 데이터에서는 RMSE로도
#   두 점 왕복에 갇히지 않고 $(2.3, 79)$로 다가가는지 확인해 보세요.

# %% slideshow={"slide_type": "subslide"}
optim.explore("SGD", "regression_mse", start=(a0, b0), steps=300, lr=0.03)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 경사하강법: $x_{i+1} = x_i - \alpha f'(x_i)$. 기울기의 반대 방향으로, 기울기에 비례하는 보폭으로.
# - 학습률이 너무 작으면 느리고, 너무 크면 바닥을 넘어 발산합니다. $f = x^2$에서는 $0 < \alpha < 1$일 때만 수렴합니다.
# - 슬라이드의 표는 numpy로 재현됩니다 (모든 수가 5e-4 이내). 시작점은 첫 줄에서 한 걸음을 거꾸로 풀어 구했고,
#   첫 줄이 넷째 자리까지만 인쇄되어 마지막 자리는 늘 맞출 수 없습니다.
# - 그 표는 `y_row[0]` 때문에 $y = x$를 맞춘 것이고, RMSE의 줄지 않는 기울기 때문에 두 점을 오갑니다.
#   두 점의 RMSE 합은 $\alpha\lambda_{\max}$이고, 슬라이드의 실행은 RMSE가 둘 다 $\alpha\lambda_{\max}/2 \approx 1.5419$인 두 점을 끝없이 오갑니다.
# - 고윳값 (eigenvalue)은 방향마다 다른 가파름을, 헤세 행렬 (Hessian)은 곡률을 담습니다. MSE에서는 $\alpha < 1/\lambda_{\max}$여야 안정합니다.
# - 점수를 목표로, MSE를, $\alpha = 0.03$을 쓰면 최소제곱해 $a = 2.3,\ b = 79$에 도달합니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise): 한 걸음 함수
#
# `gradient_descent_step(x, grad, lr)`은 경사하강법의 한 걸음, 즉 새로운 $x$를 돌려주어야 합니다.
# 아래 버전에는 실수가 하나 있습니다. 셀을 실행하면 검사기 `check_function`이 어떤 입력에서 틀렸는지와 힌트를
# 알려 줍니다. 1절의 갱신 규칙과 비교해 고쳐 보세요. 힌트로 부족하면
# `check_function(gradient_descent_step, "gradient_descent_step", answer=True)`가 답을 보여 줍니다.


# %%
def gradient_descent_step(x, grad, lr):
    return x + lr * grad


check_function(gradient_descent_step, "gradient_descent_step")

# %% [markdown]
# 고친 함수로 위 셀을 다시 실행해 통과를 확인한 뒤, 그 함수로 1절의 반복문을 다시 써 보세요.
#
# <details><summary>정답 보기</summary>
#
# ```python
# def gradient_descent_step(x, grad, lr):
#     return x - lr * grad
#
# check_function(gradient_descent_step, "gradient_descent_step")
# ```
#
# 기울기는 올라가는 방향을 가리키므로, 내려가려면 **빼야** 합니다. 더하면 경사상승법 (gradient ascent)이 됩니다.
# </details>
