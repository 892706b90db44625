"""optim.network: exact gradients, many runs equal to single runs, training, clear errors."""

import numpy as np
import pytest

from optim import SGD, Adam, CosineAnnealingLR, Momentum, RMSprop, StepLR
from optim.digits import load_digits
from optim.network import DIVERGED_LOSS, MLP, train


@pytest.fixture(scope="module")
def digits():
    return load_digits()


def small_batch(n=7, inputs=4, classes=3, seed=1):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n, inputs)), rng.integers(0, classes, n)


def loss_of(net, X, y):
    return net.loss_and_grads(X, y)[0]


@pytest.mark.parametrize("sizes", [[4, 3], [4, 5, 3], [4, 6, 5, 3]])
def test_gradients_match_central_finite_differences(sizes):
    X, y = small_batch()
    net = MLP(sizes, seed=2)
    for param in net.params.values():
        param += np.random.default_rng(3).normal(0, 0.1, param.shape)  # biases not all zero
    _, grads = net.loss_and_grads(X, y)
    h = 1e-6
    for key, param in net.params.items():
        numeric = np.zeros_like(param)
        for i in np.ndindex(param.shape):
            saved = param[i]
            param[i] = saved + h
            up = loss_of(net, X, y)
            param[i] = saved - h
            down = loss_of(net, X, y)
            param[i] = saved
            numeric[i] = (up - down) / (2 * h)
        assert grads[key].shape == param.shape
        np.testing.assert_allclose(grads[key], numeric, rtol=1e-6, atol=1e-9, err_msg=key)


def test_one_layer_is_softmax_regression_with_its_textbook_gradient():
    """A second derivation: for scores XW + b, dL/dW = Xᵀ(P − Y)/N and dL/db = Σ(P − Y)/N."""
    X, y = small_batch(n=9, inputs=5, classes=4)
    net = MLP([5, 4], seed=0)
    net.params["b1"][...] = [0.3, -0.2, 0.1, 0.0]
    W, b = net.params["W1"], net.params["b1"]
    scores = X @ W + b
    P = np.exp(scores) / np.exp(scores).sum(axis=1, keepdims=True)
    Y = np.eye(4)[y]
    loss, grads = net.loss_and_grads(X, y)
    assert loss == pytest.approx(-np.mean(np.log(P[np.arange(9), y])), rel=1e-14)
    np.testing.assert_allclose(grads["W1"], X.T @ (P - Y) / 9, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(grads["b1"], (P - Y).sum(axis=0) / 9, rtol=1e-12, atol=1e-15)


def test_two_layers_match_the_matrix_form_of_backpropagation():
    X, y = small_batch(n=8, inputs=4, classes=3)
    net = MLP([4, 6, 3], seed=5)
    W1, b1, W2, b2 = (net.params[k] for k in ("W1", "b1", "W2", "b2"))
    Z = X @ W1 + b1
    A = Z * (Z > 0)
    S = A @ W2 + b2
    D2 = (np.exp(S) / np.exp(S).sum(axis=1, keepdims=True) - np.eye(3)[y]) / 8
    D1 = (D2 @ W2.T) * (Z > 0)
    expected = {"W1": X.T @ D1, "b1": D1.sum(axis=0), "W2": A.T @ D2, "b2": D2.sum(axis=0)}
    _, grads = net.loss_and_grads(X, y)
    assert list(grads) == ["W1", "b1", "W2", "b2"]
    for key, value in expected.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-12, atol=1e-15, err_msg=key)


def test_he_initialisation_draws_layer_by_layer_and_zero_biases():
    net = MLP([64, 32, 10], seed=7)
    rng = np.random.default_rng(7)
    W1 = rng.standard_normal((64, 32)) * np.sqrt(2 / 64)
    W2 = rng.standard_normal((32, 10)) * np.sqrt(2 / 32)
    assert np.array_equal(net.params["W1"], W1) and np.array_equal(net.params["W2"], W2)
    assert net.params["b1"].shape == (32,) and not net.params["b1"].any()
    big = MLP([400, 300], seed=0).params["W1"]
    assert big.std() == pytest.approx(np.sqrt(2 / 400), rel=0.01)


def test_a_net_of_r_seeds_is_r_single_nets_bit_for_bit(digits):
    seeds = [3, 0, 11]
    many = MLP([64, 16, 12, 10], seed=seeds)
    assert many.params["W2"].shape == (3, 16, 12) and many.params["b2"].shape == (3, 1, 12)
    X, y = digits.X_train[:100], digits.y_train[:100]
    loss, grads = many.loss_and_grads(X, y)
    scores = many.predict(digits.X_test)
    accuracy = many.accuracy(digits.X_test, digits.y_test)
    assert loss.shape == (3,) and scores.shape == (3, 450, 10) and accuracy.shape == (3,)
    for r, seed in enumerate(seeds):
        one = MLP([64, 16, 12, 10], seed=seed)
        one_loss, one_grads = one.loss_and_grads(X, y)
        assert one_loss == loss[r]
        for key, param in one.params.items():
            assert np.array_equal(many.params[key][r].reshape(param.shape), param)
            assert np.array_equal(grads[key][r].reshape(param.shape), one_grads[key])
        assert np.array_equal(scores[r], one.predict(digits.X_test))
        assert accuracy[r] == one.accuracy(digits.X_test, digits.y_test)
    assert MLP([4, 3], seed=[5]).params["W1"].shape == (1, 4, 3)


def test_the_slides_interface_updates_the_network_in_place():
    X, y = small_batch()
    net = MLP([4, 5, 3], seed=0)
    before, grads = net.loss_and_grads(X, y)
    SGD(lr=0.1).update(net.params, grads)
    assert loss_of(net, X, y) < before


@pytest.mark.parametrize(
    ("optimizer_class", "settings"),
    [
        (Momentum, {"lr": [0.01, 0.1, 0.03], "momentum": [0.9, 0.5, 0.0]}),
        (Adam, {"lr": [1e-3, 1e-2, 3.0], "beta1": [0.9, 0.8, 0.9]}),
        (RMSprop, {"lr": [1e-3, 1e-2, 1e-4]}),
    ],
)
def test_training_r_settings_at_once_equals_r_separate_trainings(digits, optimizer_class, settings):
    shaped = {name: np.reshape(values, (3, 1, 1)) for name, values in settings.items()}
    many = MLP([64, 12, 10], seed=[4, 4, 9])
    together = train(many, optimizer_class(**shaped), digits, iters=40, batch_size=32, seed=2)
    assert together.loss.shape == (40, 3) and together.test_accuracy.shape == (3,)
    for r, seed in enumerate([4, 4, 9]):
        one = MLP([64, 12, 10], seed=seed)
        alone = optimizer_class(**{name: values[r] for name, values in settings.items()})
        result = train(one, alone, digits, iters=40, batch_size=32, seed=2)
        assert result.loss.shape == (40,)
        assert np.array_equal(result.loss, together.loss[:, r])
        assert result.test_accuracy == together.test_accuracy[r]
        assert np.array_equal(result.final_loss, together.final_loss[r], equal_nan=True)
        assert result.diverged_at == together.diverged_at[r]
        for key, param in one.params.items():
            assert np.array_equal(many.params[key][r].reshape(param.shape), param)


def test_train_follows_a_hand_written_loop_with_epoch_shuffles(digits):
    """The minibatches: each epoch a fresh permutation from default_rng(seed), cut in order."""
    net = MLP([64, 10, 10], seed=1)
    result = train(net, Momentum(lr=0.05), digits, iters=30, batch_size=100, seed=8)
    rng = np.random.default_rng(8)
    n = len(digits.X_train)
    order = np.concatenate([rng.permutation(n) for _ in range(3)])  # 3000 rows > 2 epochs
    ref, optimizer = MLP([64, 10, 10], seed=1), Momentum(lr=0.05)
    for k in range(30):
        batch = order[k * 100 : (k + 1) * 100]
        loss, grads = ref.loss_and_grads(digits.X_train[batch], digits.y_train[batch])
        assert loss == result.loss[k]
        optimizer.update(ref.params, grads)
    assert result.test_accuracy == ref.accuracy(digits.X_test, digits.y_test)
    assert result.final_loss == ref.loss_and_grads(digits.X_train, digits.y_train)[0]
    assert result.diverged_at == -1


def test_a_schedule_sets_each_updates_lr_and_the_lr_is_put_back(digits):
    schedule = StepLR(step_size=5, gamma=0.5)
    optimizer = SGD(lr=0.2)
    net = MLP([64, 8, 10], seed=0)
    result = train(net, optimizer, digits, iters=12, batch_size=50, schedule=schedule)
    assert optimizer.lr == 0.2
    ref = MLP([64, 8, 10], seed=0)
    order = np.random.default_rng(0).permutation(len(digits.X_train))
    for k in range(12):
        batch = order[k * 50 : (k + 1) * 50]
        loss, grads = ref.loss_and_grads(digits.X_train[batch], digits.y_train[batch])
        assert loss == result.loss[k]
        SGD(lr=0.2 * 0.5 ** (k // 5)).update(ref.params, grads)
    for key in ref.params:
        assert np.array_equal(ref.params[key], net.params[key])
    many = MLP([64, 8, 10], seed=[0, 0])
    lrs = np.array([0.2, 0.05]).reshape(2, 1, 1)
    cosine = train(many, Adam(lr=lrs), digits, iters=12, schedule=CosineAnnealingLR(12))
    assert cosine.loss.shape == (12, 2)


def test_adam_learns_the_digits(digits):
    result = train(MLP([64, 32, 10], seed=0), Adam(lr=0.01), digits, iters=300, batch_size=64)
    assert result.test_accuracy > 0.9
    assert result.final_loss < result.loss[0] / 5


def test_a_diverging_run_is_marked_quietly_and_leaves_the_others_alone(digits):
    """pytest turns warnings into errors here: a numpy overflow warning would fail this."""
    lrs = np.array([0.1, 1e3]).reshape(2, 1, 1)
    result = train(MLP([64, 16, 10], seed=[0, 0]), SGD(lr=lrs), digits, iters=60)
    assert result.diverged_at[0] == -1 and result.diverged_at[1] >= 0
    assert not np.isfinite(result.loss[-1, 1])
    assert np.isnan(result.final_loss[1]) and np.isfinite(result.final_loss[0])
    k = result.diverged_at[1]
    assert not result.loss[k, 1] <= DIVERGED_LOSS and (result.loss[:k, 1] <= DIVERGED_LOSS).all()
    alone = train(MLP([64, 16, 10], seed=0), SGD(lr=0.1), digits, iters=60)
    assert np.array_equal(alone.loss, result.loss[:, 0])
    single = train(MLP([64, 16, 10], seed=0), SGD(lr=1e3), digits, iters=60)
    assert isinstance(single.diverged_at, int) and single.diverged_at >= 0


@pytest.mark.parametrize(
    ("sizes", "seed", "message"),
    [
        ([64], 0, "at least two layer sizes"),
        ([], 0, "at least two layer sizes"),
        ([64, 0, 10], 0, r"sizes\[1\]"),
        ([64, 2.5, 10], 0, r"sizes\[1\]"),
        (64, 0, "sizes must be a list"),
        ([4, 3], -1, "seed"),
        ([4, 3], [1, "2"], r"seed\[1\]"),
        ([4, 3], [], "seed"),
    ],
)
def test_bad_networks_are_refused_by_name(sizes, seed, message):
    with pytest.raises(ValueError, match=message):
        MLP(sizes, seed=seed)


@pytest.mark.parametrize(
    ("X", "y", "message"),
    [
        (np.zeros((5, 4)), np.zeros(4, int), "X has 5 rows but y has 4 labels"),
        (np.zeros((3, 4)), np.array([0, 1, 3]), r"labels y must lie in \[0, 3\), got 3"),
        (np.zeros((3, 4)), np.array([0, -1, 2]), r"labels y must lie in \[0, 3\), got -1"),
        (np.zeros((3, 4)), np.array([0.0, 1.0, 2.0]), "integer labels"),
        (np.array([[0, 0, np.nan, 0]]), np.array([0]), "X must be finite"),
        (np.array([[0, 0, np.inf, 0]]), np.array([0]), "X must be finite"),
        (np.zeros((3, 5)), np.zeros(3, int), r"shape \(N, 4\)"),
        (np.zeros(4), np.zeros(1, int), r"shape \(N, 4\)"),
    ],
)
def test_bad_data_is_refused_by_name(X, y, message):
    net = MLP([4, 5, 3])
    with pytest.raises(ValueError, match=message):
        net.loss_and_grads(X, y)
    with pytest.raises(ValueError, match=message):
        train(net, SGD(), (X, y, np.zeros((2, 4)), np.zeros(2, int)), iters=1, batch_size=1)


def test_optimizer_settings_that_do_not_broadcast_to_the_runs_are_refused_by_name(digits):
    four = MLP([64, 8, 10], seed=[0, 1, 2, 3])
    for optimizer, name in [
        (SGD(lr=np.full((3, 1, 1), 0.1)), "lr"),
        (Momentum(momentum=np.full(4, 0.9)), "momentum"),
        (Adam(beta2=np.full((4, 1), 0.99)), "beta2"),
    ]:
        with pytest.raises(ValueError, match=f"^{name} has shape"):
            train(four, optimizer, digits, iters=2)
        _, grads = four.loss_and_grads(digits.X_train[:5], digits.y_train[:5])
        with pytest.raises(ValueError, match=f"^{name} has shape"):
            optimizer.update(four.params, grads)
    with pytest.raises(ValueError, match="^lr has shape"):
        train(MLP([64, 8, 10]), SGD(lr=np.full((4, 1, 1), 0.1)), digits, iters=2)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"iters": 0}, "iters"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 5000}, "batch_size"),
        ({"seed": -2}, "seed"),
    ],
)
def test_bad_training_arguments_are_refused_by_name(digits, kwargs, message):
    with pytest.raises(ValueError, match=message):
        train(MLP([64, 8, 10]), SGD(), digits, **kwargs)
