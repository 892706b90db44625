# %% [markdown] slideshow={"slide_type": "slide"}
# # 09. 실전 (Practice): 진짜 신경망을 학습시키는 여섯 옵티마이저
#
# 01~08에서는 옵티마이저를 매개변수가 두 개뿐인 곡면 위에서 보았습니다. 옵티마이저가 실제로 하는 일은
# 매개변수가 수천, 수백만 개인 **신경망** (neural network)을 학습시키는 것입니다. 이 노트북은 슬라이드를
# 넘어, 08까지의 여섯 옵티마이저 (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)를 **그대로** 가져와
# 손글씨 숫자를 분류하는 작은 신경망을 학습시킵니다.
#
# **이 노트북을 마치면 (after this notebook you can)**
#
# 1. 참고서 (『밑바닥부터 시작하는 딥러닝』)처럼 여섯 옵티마이저의 학습 곡선을 같은 조건에서 비교할 수 있습니다.
# 2. 학습률을 방법마다 골라 준 **공정한 경주** (fair race)가 기본값끼리의 비교와 어떻게 다른지 설명할 수 있습니다.
# 3. 학습률에 대한 민감도 (sensitivity) 그림을 읽고, 학습률 스케줄의 효과를 재어 볼 수 있습니다.
# 4. 신경망의 손실을 2차원 평면으로 자른 **단면** (slice)을 그리고, 01의 손실 곡면과 연결할 수 있습니다.

# %% slideshow={"slide_type": "skip"}
# %matplotlib inline
import matplotlib.pyplot as plt
import numpy as np

from optim import OPTIMIZERS, explore
from optim.digits import load_digits, stratified_split
from optim.exercises import check_function
from optim.landscape import loss_slice
from optim.network import MLP, train
from optim.plotting import draw_surface
from optim.schedules import CosineAnnealingLR, LinearLR, SequentialLR, StepLR
from optim.style import COLORS

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 1. 데이터: 8 × 8 손글씨 숫자
#
# 인터넷 없이도 돌아가도록, 저장소에 들어 있는 손글씨 숫자 데이터를 씁니다. UCI의 "Optical Recognition of
# Handwritten Digits" (Alpaydin & Kaynak, 1998, CC BY 4.0)를 scikit-learn이 담아 둔 그대로이고, 이미지 한 장은
# 8 × 8 = 64개 픽셀, 각 픽셀은 0~16의 값입니다. 숫자마다 같은 비율로 나누어 (층화 분할, stratified split)
# 4분의 3은 학습용 (train), 4분의 1은 시험용 (test)으로 쓰고, 픽셀마다 학습용 데이터의 평균과 표준편차로
# 표준화 (standardise)합니다. 시험용 데이터는 학습에 전혀 쓰지 않습니다.

# %%
data = load_digits()
X_train, y_train, X_test, y_test = data
print(f"학습용 {X_train.shape}, 시험용 {X_test.shape}")
print(f"학습용 숫자별 개수: {np.bincount(y_train).tolist()}")

# %% slideshow={"slide_type": "subslide"}
raw = load_digits(standardized=False).X_train
fig, axes = plt.subplots(2, 10, figsize=(10, 2.6), layout="constrained")
for digit in range(10):
    for ax, i in zip(axes[:, digit], np.flatnonzero(y_train == digit)[:2]):
        ax.imshow(raw[i].reshape(8, 8), cmap="Greys")
        ax.set_axis_off()
    axes[0, digit].set_title(str(digit))
plt.show()

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 2. 신경망과 한 번의 갱신
#
# 신경망은 참고서 5장의 층 (layer) 구조 그대로입니다: Affine (행렬 곱 $xW + b$) → ReLU → Affine → Softmax와
# 교차 엔트로피 손실 (cross-entropy loss). 입력 64개, 은닉층 (hidden layer) 뉴런 32개, 출력 10개 (숫자 0~9)이고,
# 가중치는 He 초기화 (He initialisation)로 시작합니다. 기울기는 오차역전파 (backpropagation)로 정확히 구합니다.
# 매개변수는 슬라이드와 같은 딕셔너리 `params`이므로, 08까지의 옵티마이저가 **한 글자도 바꾸지 않고**
# `optimizer.update(net.params, grads)`로 갱신합니다.

# %%
SIZES = [64, 32, 10]
net = MLP(SIZES, seed=0)
for key, value in net.params.items():
    print(f"{key}: {value.shape}")
print(f"매개변수 모두 {sum(p.size for p in net.params.values())}개")

# %% [markdown] slideshow={"slide_type": "subslide"}
# 학습 한 걸음은 미니배치 (minibatch) 하나로 손실과 기울기를 구하고, 옵티마이저가 `params`를 고치는 것입니다.
# 03의 SGD 한 걸음과 똑같습니다. 같은 미니배치에서 손실이 줄었는지 봅니다.

# %%
rng = np.random.default_rng(0)
batch = rng.choice(len(X_train), 64, replace=False)
optimizer = OPTIMIZERS["SGD"](lr=0.1)
loss, grads = net.loss_and_grads(X_train[batch], y_train[batch])
optimizer.update(net.params, grads)
after, _ = net.loss_and_grads(X_train[batch], y_train[batch])
print(f"미니배치 손실: 갱신 전 {loss:.4f} → SGD 한 걸음 (lr = 0.1) 뒤 {after:.4f}")

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 3. 참고서의 비교: 기본값으로 같은 조건에서
#
# 참고서 6장은 MNIST에서 네 옵티마이저를 같은 신경망, 같은 미니배치로 학습시키고 반복 (iteration)마다의 손실을
# 그립니다. 여기서는 여섯 옵티마이저를 모두, **같은 초기 가중치** (시드 0)와 **같은 미니배치 순서** (시드 0)로
# 500번씩 갱신합니다. 미니배치는 64장이고, 학습률 등은 모두 참고서와 같은 기본값입니다. `train`이 이 반복을
# 대신 해 주고, 갱신마다의 미니배치 손실을 돌려줍니다.

# %%
ITERS = 500
book = {}
for name, cls in OPTIMIZERS.items():
    book[name] = train(MLP(SIZES, seed=0), cls(), data, iters=ITERS, seed=0)
print(
    f"{'':9s} {'기본 lr':>8s} {'마지막 50번 평균':>14s} {'끝 학습 손실':>11s} {'시험 정확도':>10s}"
)
for name, result in book.items():
    print(
        f"{name:9s} {OPTIMIZERS[name]().lr:8g} {result.loss[-50:].mean():18.4f} "
        f"{result.final_loss:15.4f} {result.test_accuracy:13.3f}"
    )

# %% [markdown] slideshow={"slide_type": "subslide"}
# 미니배치 손실은 배치마다 출렁이므로, 참고서처럼 매끄럽게 (여기서는 20번 이동 평균) 하고 로그 눈금으로 그립니다.

# %% slideshow={"slide_type": "subslide"}
WINDOW = 20
fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
for name, result in book.items():
    smooth = np.convolve(result.loss, np.ones(WINDOW) / WINDOW, mode="valid")
    dashed = "--" if name == "Nesterov" else "-"  # it lies almost on Momentum's curve
    ax.plot(np.arange(WINDOW, ITERS + 1), smooth, dashed, color=COLORS[name], label=name)
ax.set(yscale="log", xlabel="갱신 횟수 (iterations)", ylabel="미니배치 손실 (20번 이동 평균)")
ax.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 같은 조건에서 기본값으로 돌리면 차이가 큽니다. 위 표대로 500번 뒤 RMSprop의 손실이 가장 낮고, Momentum과
# Nesterov (그림에서 거의 겹칩니다)가 그다음, AdaGrad와 Adam이 비슷하고, SGD가 가장 높습니다. 참고서의 MNIST 그림과
# 마찬가지로 SGD가 가장 느립니다. 그런데 이 순위는 **방법의 순위**일까요, **기본 학습률의 순위**일까요?
# Adam의 기본값은 다른 방법의 10분의 1인 0.001입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 4. 공정한 경주: 학습률을 골라 준 뒤에 비교하기
#
# 기본값끼리의 비교는 방법보다 **기본 학습률이 이 문제에 맞는지**를 더 많이 봅니다 (08의 3절과 같은 문제).
# 그래서 방법마다 같은 예산을 줍니다: 학습률 $10^{-3.5}$부터 $10$까지 로그 간격 10개 값 × 초기 가중치 시드 3개,
# 모두 200번 갱신합니다. 학습률은 **검증용** (validation) 데이터로 고릅니다. 시험용 데이터로 고르면 시험 점수가
# 고르는 데 쓰여 부풀려지기 때문입니다. 학습용 데이터의 4분의 1을 검증용으로 떼어 두고, 나머지로 학습합니다.
#
# `MLP(SIZES, seed=[...])`는 신경망 여러 개를 앞쪽 축에 쌓아 한 번에 계산하고, 학습률을 모양 (R, 1, 1)의 배열로
# 주면 실행 R개가 저마다의 학습률로 따로 학습한 것과 똑같이 움직입니다 (08의 `sweep`과 같은 생각).
# 옵티마이저마다 30개 실행을 한 번에 돌립니다.

# %%
fit, val = stratified_split(y_train, 0.25, seed=0)
tuning = (X_train[fit], y_train[fit], X_train[val], y_train[val])
LRS = 10.0 ** np.arange(-3.5, 1.01, 0.5)
SEEDS, BUDGET = 3, 200
print(
    f"학습 {fit.size}장, 검증 {val.size}장, 시험 {len(y_test)}장; lr {LRS.size}개 × 시드 {SEEDS}개"
)

race = {}
for name, cls in OPTIMIZERS.items():
    net = MLP(SIZES, seed=list(range(SEEDS)) * LRS.size)  # run i: lr LRS[i // 3], seed i % 3
    lr = np.repeat(LRS, SEEDS).reshape(-1, 1, 1)
    result = train(net, cls(lr=lr), tuning, iters=BUDGET, seed=0)
    race[name] = {
        "loss": result.final_loss.reshape(LRS.size, SEEDS),
        "val": result.test_accuracy.reshape(LRS.size, SEEDS),
        "test": net.accuracy(X_test, y_test).reshape(LRS.size, SEEDS),
        "diverged": (result.diverged_at >= 0).reshape(LRS.size, SEEDS),
    }

# %%
print(
    f"{'':9s} {'고른 lr':>8s} {'검증 정확도':>9s}   {'시험 정확도: 평균 ± 표준편차 (최소~최대)':>30s}"
)
chosen = {}
for name, r in race.items():
    best = int(np.argmax(r["val"].mean(axis=1)))
    chosen[name] = LRS[best]
    test = r["test"][best]
    print(
        f"{name:9s} {LRS[best]:8.3g} {r['val'][best].mean():12.3f}   "
        f"{test.mean():.3f} ± {test.std():.3f} ({test.min():.3f}~{test.max():.3f})"
    )
print("기본 lr에서 (같은 200번, 같은 시드 3개):")
for name, r in race.items():
    default = int(np.argmin(np.abs(np.log10(LRS / OPTIMIZERS[name]().lr))))
    test = r["test"][default]
    print(f"{name:9s} {LRS[default]:8.3g} {'':12s}   {test.mean():.3f} ± {test.std():.3f}")

# %% [markdown] slideshow={"slide_type": "fragment"}
# 학습률을 골라 주면 그림이 완전히 바뀝니다.
#
# - 여섯 방법의 시험 정확도가 모두 0.960~0.967 사이에 모입니다. 방법 사이의 차이는 시드 사이의 표준편차
#   (0.004~0.005)의 두 배도 되지 않아, 시드 3개로는 순위를 말할 수 없습니다.
# - 기본값에서 가장 느렸던 SGD도, lr = 1을 주면 다른 방법과 같은 정확도에 닿습니다. 기본 lr 0.01과는 100배
#   차이입니다. 그래서 lr 격자를 1 위로 (10까지) 넓혔습니다. 고른 값이 격자의 끝이 아니어야 "골랐다"고 할 수 있습니다.
# - 기본 lr에서 같은 200번을 돌리면 SGD 0.719, Adam 0.890, RMSprop 0.967입니다. 기본값끼리의 비교에서 보인 차이의
#   대부분은 **기본 학습률이 이 문제에 맞았느냐**였습니다. 08의 3절에서 2차원 곡면으로 본 것과 같은 결론입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 5. 민감도: 학습률을 잘못 고르면 얼마나 나빠지나
#
# 같은 실행들에서, 200번 갱신 뒤의 **학습 손실** (학습용 데이터 전체의 평균 손실)을 학습률에 대해 그립니다.
# 시드 3개의 평균이고, 시드 하나라도 발산 (미니배치 손실이 1000을 넘거나 nan)한 학습률은 그림 위쪽에 옵티마이저마다 한 줄씩
# ×로 표시합니다.

# %% slideshow={"slide_type": "subslide"}
fig, ax = plt.subplots(figsize=(9, 5), layout="constrained")
for row, (name, r) in enumerate(race.items()):
    ok = ~r["diverged"].any(axis=1)
    ax.plot(LRS[ok], r["loss"][ok].mean(axis=1), "o-", color=COLORS[name], label=name)
    diverged_row = np.full((~ok).sum(), 100.0 * 2.0**row)  # one row of × per optimizer
    ax.plot(LRS[~ok], diverged_row, "x", color=COLORS[name], ms=10, mew=2)
ax.set(xscale="log", yscale="log", xlabel="학습률 lr", ylabel="200번 뒤 학습 손실 (시드 3개 평균)")
ax.legend(ncols=2)
plt.show()

# %%
print("lr        " + "".join(f"{lr:8.2g}" for lr in LRS))
for name, r in race.items():
    cells = [
        "   발산" if bad.any() else f"{loss.mean():8.2g}"
        for loss, bad in zip(r["loss"], r["diverged"])
    ]
    print(f"{name:9s} " + "".join(cells))

# %%
GOOD_LOSS, GOOD_ACCURACY = 0.05, 0.95
print(
    f"lr {LRS.size}개 중:  학습 손실 < {GOOD_LOSS}   시험 정확도 > {GOOD_ACCURACY}   발산한 시드가 있음"
)
for name, r in race.items():
    ok = ~r["diverged"].any(axis=1)
    low = ok & (np.where(ok, r["loss"].mean(axis=1), np.inf) < GOOD_LOSS)
    span = f"({LRS[low].min():.2g}~{LRS[low].max():.2g})" if low.any() else ""
    accurate = r["test"].mean(axis=1) > GOOD_ACCURACY
    print(
        f"{name:9s} {low.sum():6d}개 {span:13s} {accurate.sum():10d}개 {(~ok).sum():17d}개"
        f"  가장 낮은 손실 {np.nanmin(r['loss'].mean(axis=1)):.4f}"
    )

# %% [markdown] slideshow={"slide_type": "fragment"}
# 표와 그림에서 읽을 수 있는 것은 이만큼입니다.
#
# - **작은 lr 쪽에서는** RMSprop과 Adam이 너그럽습니다. lr = 0.001에서 RMSprop 0.17, Adam 0.38인데 SGD는 2.6으로
#   거의 내려가지 못했습니다. 기울기를 그 크기로 나누므로 (05~07) 기울기가 작아도 보폭이 lr 안팎으로 유지되기 때문입니다.
# - **큰 lr 쪽에서는** Adam이 너그럽지 않습니다. 가장 좋은 lr (0.032)의 열 배인 0.32에서 손실이 1 위로 올라갑니다.
#   손실이 0.05 아래인 lr은 Adam도 SGD, Momentum처럼 10개 중 2개이고, AdaGrad와 RMSprop이 4개로 가장 넓습니다.
# - **lr을 골라 주면** Momentum이 Adam을 따라잡습니다. 가장 낮은 학습 손실은 Adam 0.0009, Momentum 0.0045로 아직 다섯 배
#   차이지만, 4절의 시험 정확도는 Momentum 0.963, Adam 0.960으로 같은 수준입니다.
#
# 그러니 "Adam이 기본값으로 흔히 쓰이는 이유"는 이 한 문제로는 절반만 보입니다. 작은 lr에서도 학습이 되는 것은 보이지만,
# 더 넓은 범위의 lr에서 잘 된다는 것은 이 예산 (200번)과 이 신경망에서는 보이지 않습니다. Adam의 좋은 lr이 문제마다 비슷하다는
# 주장 (0.001 안팎)은 여러 문제를 비교해야 확인할 수 있습니다. 여기서는 Adam의 기본값 0.001도 200번에는 작았습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 6. 학습률 스케줄
#
# 08의 5절에서, 학습률이 일정하면 잡음 섞인 기울기로는 최솟점 근처에서 흔들린다는 것을 보았습니다. 실제 학습에서는
# 학습률을 줄여 갑니다. Momentum으로 세 가지를 비교합니다. 기준 lr은 4절에서 고른 값과 격자에서 그 양옆 값
# (약 3배 작고 큰 값)이고, 같은 200번, 같은 시드 3개입니다. 시드 3개의 평균을 적습니다.
#
# - **일정** (constant): 처음부터 끝까지 같은 lr
# - **계단** (`StepLR(100, 0.1)`): 100번 갱신한 뒤부터 lr을 10분의 1로
# - **워밍업 + 코사인** (warm-up + cosine): 처음 20번은 lr의 0.1배에서 1배를 향해 직선으로 올리고
#   (`LinearLR`), 그 뒤 180번에 걸쳐 코사인 모양으로 0을 향해 내립니다 (`CosineAnnealingLR`, 마지막 갱신의 lr은 기준의 0.0001배 아래)

# %%
SCHEDULES = {
    "일정": None,
    "계단": StepLR(100, 0.1),
    "워밍업 + 코사인": SequentialLR([LinearLR(0.1, 1.0, 20), CosineAnnealingLR(180)], [20]),
}
base = chosen["Momentum"]
bases = base * np.array([10**-0.5, 1.0, 10**0.5])  # the tuned lr and its grid neighbours
scheduled = {}
for lr in bases:
    for label, schedule in SCHEDULES.items():
        net = MLP(SIZES, seed=list(range(SEEDS)))
        optimizer = OPTIMIZERS["Momentum"](lr=lr)
        result = train(net, optimizer, tuning, BUDGET, seed=0, schedule=schedule)
        if lr == base:
            scheduled[label] = result
        loss = "발산" if (result.diverged_at >= 0).any() else f"{result.final_loss.mean():.4f}"
        accuracy = net.accuracy(X_test, y_test).mean()
        print(f"Momentum lr = {lr:.3g}, {label}: 학습 손실 {loss}, 시험 정확도 {accuracy:.3f}")

# %% slideshow={"slide_type": "subslide"}
fig, (ax_lr, ax_loss) = plt.subplots(1, 2, figsize=(11, 4.5), layout="constrained")
t = np.arange(BUDGET)
for (label, schedule), color in zip(SCHEDULES.items(), ["0.4", "C0", "C3"]):
    lrs = np.full(BUDGET, base) if schedule is None else schedule.lr_at(base, t)
    ax_lr.plot(t + 1, lrs, color=color, label=label)
    loss = scheduled[label].loss.mean(axis=1)
    smooth = np.convolve(loss, np.ones(WINDOW) / WINDOW, mode="valid")
    ax_loss.plot(np.arange(WINDOW, BUDGET + 1), smooth, color=color, label=label)
ax_lr.set(xlabel="갱신", ylabel="학습률", title="학습률")
ax_loss.set(xlabel="갱신", yscale="log", title="미니배치 손실 (20번 이동 평균)")
ax_lr.legend()
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 결과는 기준 lr에 따라 갈립니다.
#
# - 4절에서 **일정한 lr로** 고른 0.1에서는 일정한 lr의 학습 손실이 가장 낮습니다 (0.0045; 계단 0.0092, 워밍업 + 코사인 0.0113).
#   스케줄은 lr을 줄이므로 같은 200번 동안 덜 움직이고, 200번은 아직 잡음 때문에 흔들리는 바닥에 닿기 전이기 때문입니다.
# - 세 배 큰 0.316에서는 반대입니다. 일정한 lr은 학습 손실 0.3506에 머물지만, 워밍업 + 코사인은 0.0008로 이 표에서 가장 낮고,
#   계단도 0.0026입니다. 처음에 lr을 천천히 올리고 끝에 내려 주니 큰 lr을 쓸 수 있었습니다.
# - 시험 정확도는 lr 0.1의 세 칸과 0.316의 워밍업 + 코사인이 모두 0.959~0.963이라 이 실험으로는 가를 수 없습니다.
#   학습 손실이 낮다고 시험 정확도가 꼭 높지도 않습니다 (0.316의 계단: 학습 손실 0.0026, 시험 정확도 0.946).
#
# 그러니 스케줄을 쓸 때는 기준 lr을 **스케줄과 함께** 다시 골라야 합니다. 일정한 lr에 맞춘 값을 그대로 쓰면 스케줄이 손해로 보입니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 7. 손실 지형: 진짜 손실의 2차원 단면
#
# 01에서 그린 손실 곡면은 매개변수가 두 개 ($a$, $b$)라서 전부를 그릴 수 있었습니다. 이 신경망은 매개변수가
# 2410개이므로 손실은 2410차원 공간 위의 지형이고, 그대로는 그릴 수 없습니다. 대신 학습된 가중치 $\theta^*$를
# 지나는 **평면 하나**로 잘라 봅니다 (Li 외, 2018, "Visualizing the Loss Landscape of Neural Nets"):
#
# $$f(a, b) = L(\theta^* + a\, d_1 + b\, d_2)$$
#
# $d_1$, $d_2$는 무작위 방향입니다. 다만 **필터 정규화** (filter normalisation)를 합니다: 가중치 행렬 $W$의 열
# 하나 (뉴런 하나로 들어가는 가중치, 합성곱 신경망의 필터에 해당)마다 방향의 같은 열을 $W$의 그 열과 같은 길이로
# 맞춥니다. 그래야 $a = 1$이 "가중치마다 자기 크기만큼 움직인 것"이 되어 층마다 크기가 달라도 공정하게 비교됩니다.
# 편향 (bias)의 방향은 0으로 둡니다 (논문의 코드도 기본값으로 그렇게 합니다).
# 기울기도 정확히 구할 수 있습니다: 연쇄 법칙으로 $\partial f/\partial a = \langle \nabla L, d_1 \rangle$,
# $\partial f/\partial b = \langle \nabla L, d_2 \rangle$입니다.
#
# 3절에서 기본값의 Adam으로 500번 학습시킨 신경망을 다시 만들어 자릅니다. 손실은 학습용 데이터 전체로 잽니다.

# %%
trained = MLP(SIZES, seed=0)
adam = train(trained, OPTIMIZERS["Adam"](), data, iters=ITERS, seed=0)
landscape = loss_slice(trained, X_train, y_train, seed=0, extent=1.0)
print(f"f(0, 0) = {landscape.value(0.0, 0.0):.4f}, 학습된 신경망의 학습 손실 {adam.final_loss:.4f}")
a, b = np.meshgrid(np.linspace(-1, 1, 41), np.linspace(-1, 1, 41))
grid = landscape.value(a, b)
lowest = np.unravel_index(grid.argmin(), grid.shape)
print(
    f"a, b ∈ [-1, 1] (41 × 41): 손실 {grid.min():.4f} ~ {grid.max():.2f}, "
    f"가장 낮은 곳 (a, b) = ({a[lowest]:.2f}, {b[lowest]:.2f})"
)
edges = landscape.value([-1.0, 1.0, 0.0, 0.0], [0.0, 0.0, -1.0, 1.0])
print("f(-1, 0), f(1, 0), f(0, -1), f(0, 1) = " + ", ".join(f"{v:.3f}" for v in edges))

# %% slideshow={"slide_type": "subslide"}
fig, ax = plt.subplots(figsize=(7, 6), layout="constrained")
draw_surface(ax, landscape)
plt.show()

# %% [markdown] slideshow={"slide_type": "fragment"}
# 위 숫자대로 $f(0, 0)$은 학습된 신경망의 학습 손실과 같습니다. 이 평면에서 본 손실은 $\theta^*$ 둘레의 **그릇**
# 모양입니다. 축을 따라 가중치의 크기만큼 ($a$ 또는 $b$가 ±1) 움직이면 손실이 0.850~2.103으로, $\theta^*$의 0.1085보다
# 훨씬 커집니다. 다만 $\theta^*$가 이 평면의
# 가장 낮은 곳은 아닙니다. 격자에서 가장 낮은 곳은 $(0.10, 0.00)$이고 손실이 0.1050으로 조금 더 낮습니다. 500번으로는
# 학습이 아직 끝나지 않았으니 놀라운 일이 아닙니다.
#
# 이 그림이 01~08의 장난감 곡면과 닮았다는 점이 중요합니다. 책의 곡면 $x^2/20 + y^2$ 같은 길쭉한 그릇은 이런 단면의
# 단순한 모형입니다. 물론 단면 하나는 2410차원 지형의 아주 작은 일부이고, 방향을 바꾸면 (`seed`) 다른 단면이 나옵니다.

# %% [markdown] slideshow={"slide_type": "subslide"}
# ### 단면 위의 옵티마이저
#
# 이 단면은 01~08의 곡면과 같은 `Surface`이므로, 같은 탐색기 (`explore`)가 그대로 돌아갑니다. 다만 여기서 움직이는
# 것은 매개변수 2개 ($a$, $b$)뿐입니다. 실제 학습은 2410개를 모두 움직이므로, 단면 위의 경로는 "이 평면 안에서만
# 움직인다면"의 이야기입니다. 01~08의 2차원 곡면들도 이렇게 **큰 지형의 한 단면을 닮은 장난감**이라고 보면 됩니다.
# 단면에서 lr이나 출발점을 바꿔 보세요. 계산은 한 걸음마다 신경망의 순전파와 역전파 한 번입니다.

# %% slideshow={"slide_type": "subslide"}
explore("Adam", landscape, lr=0.05, steps=100)

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 정리 (summary)
#
# - 08까지의 여섯 옵티마이저는 `update(params, grads)` 그대로 진짜 신경망을 학습시킵니다. 달라진 것은 `params`의 크기뿐입니다.
# - 기본값끼리의 비교 (참고서의 그림)는 방법의 차이보다 **기본 학습률이 문제에 맞는지**를 크게 보여 줍니다. 같은 예산으로
#   lr을 골라 주면 여섯 방법의 시험 정확도가 시드 사이의 차이만큼으로 좁혀집니다.
# - lr을 고를 때는 검증용 데이터를 쓰고, 시험용 데이터는 마지막 보고에만 씁니다. 격자는 고른 값이 끝에 오지 않을 만큼 넓게 잡습니다.
# - 민감도 그림에서 RMSprop과 Adam은 작은 lr에서도 학습이 되지만, 이 문제에서 Adam의 좋은 lr 범위가 특별히 넓지는 않았습니다.
# - 학습률 스케줄은 기준 lr과 함께 골라야 효과가 보입니다. 여기서는 더 큰 lr을 쓰게 해 주어 가장 낮은 학습 손실에 닿았습니다.
# - 신경망의 손실도 2차원 단면으로는 01의 곡면처럼 그릴 수 있고, 같은 탐색기로 그 위를 달려 볼 수 있습니다.

# %% [markdown] slideshow={"slide_type": "slide"}
# ## 직접 해 보기 (exercise): Affine 층의 역전파
#
# Affine 층 $y = xW + b$에서 손실의 기울기 `dout` $= \partial L/\partial y$ (모양 (N, 출력))을 받으면,
# 가중치의 기울기는 $\partial L/\partial W = x^\top \cdot \text{dout}$ (모양 (입력, 출력), $W$와 같음)입니다.
# 아래 함수에는 흔한 실수가 하나 있습니다. 손실이 **평균**이니 N으로 나누어야 할 것 같지만, 그 $1/N$은
# 이미 마지막 층 (SoftmaxWithLoss)의 `dout`에 들어 있습니다. 검사기의 메시지를 읽고 고쳐 보세요.
# 힌트로 부족하면 `check_function(affine_backward_W, "affine_backward_W", answer=True)`가 답을 보여 줍니다.


# %%
def affine_backward_W(x, dout):
    return x.T @ dout / len(x)


check_function(affine_backward_W, "affine_backward_W")

# %% [markdown]
# 고친 함수를 위 셀에 다시 써서 실행하고, `check_function`이 통과라고 말할 때까지 고쳐 보세요.
# 통과하면 $\partial L/\partial b$ (편향의 기울기)는 어떻게 구할지도 생각해 보세요. `dout`의 어느 축을 더하면 될까요?
#
# <details><summary>정답 보기</summary>
#
# ```python
# def affine_backward_W(x, dout):
#     return x.T @ dout
#
# check_function(affine_backward_W, "affine_backward_W")
# ```
#
# $\partial L/\partial W_{ij} = \sum_n x_{ni}\, \text{dout}_{nj}$이므로 배치 전체의 합이 곧 $x^\top \cdot \text{dout}$입니다.
# 평균의 $1/N$은 SoftmaxWithLoss의 역전파 $(\text{softmax} - \text{one-hot})/N$에 이미 있으니, 여기서 또 나누면
# 기울기가 N배 작아집니다.
# </details>
