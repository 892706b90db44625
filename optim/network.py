r"""A small numpy MLP in the reference book's layer style (*Deep Learning from Scratch*, ch05).

Layers Affine → ReLU → ... → Affine → SoftmaxWithLoss, each with `forward` and `backward`;
backpropagation is exact (the softmax cross-entropy is computed from the log-softmax, without
the book's `log(y + 1e-7)`, so its gradient (softmax − one-hot)/N is the loss's own).

    net = MLP([64, 32, 10], seed=0)        # params W1 (64, 32), b1 (32,), W2 (32, 10), b2 (10,)
    loss, grads = net.loss_and_grads(X, y)
    optimizer.update(net.params, grads)    # the slides' interface

Many runs at once: `MLP(sizes, seed=[s1, ..., sR])` stacks R networks on a leading run axis
(W (R, fan_in, fan_out), b (R, 1, fan_out)), run r being `MLP(sizes, seed=sr)` bit for bit
(the same products and sums in the same order; tests/test_network.py checks it); the loss
then has shape (R,). `np.matmul` multiplies the R runs' matrices in one call, and an
optimizer whose settings have shape (R, 1, 1) gives each run its own setting (`train`).
"""

from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from optim.optimizers import Optimizer
from optim.trajectory import ScheduledLR, check_schedule, prepared
from optim.validation import check_update_args, check_whole


def transpose(a):
    """Swap the last two axes: a matrix's transpose, for every run of a stack too."""
    return np.swapaxes(a, -1, -2)


class Affine:
    """x @ W + b. backward: dW = xᵀ dout, db = dout summed over the batch, dx = dout Wᵀ.

    The first layer's dx (the gradient with respect to the data) is never used: with
    input_grad=False its backward skips that product and returns None.
    """

    def __init__(self, W, b, input_grad=True):
        self.W, self.b, self.input_grad = W, b, input_grad

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = transpose(self.x) @ dout
        self.db = dout.sum(axis=-2).reshape(self.b.shape)
        return dout @ transpose(self.W) if self.input_grad else None


class ReLU:
    """max(0, x). backward: the gradient passes where x > 0 and is 0 elsewhere."""

    def forward(self, x):
        self.mask = x > 0
        return np.maximum(x, 0.0)

    def backward(self, dout):
        return dout * self.mask  # 4x faster than np.where here; -0.0 where dout < 0 is 0


class SoftmaxWithLoss:
    """Mean cross-entropy of softmax(scores) against integer labels t.

    forward: -mean(log softmax(x)[t]), per run; backward: (softmax(x) - onehot(t)) / N.
    """

    def forward(self, x, t):
        shifted = x - x.max(axis=-1, keepdims=True)  # the largest score is 0: exp cannot overflow
        exp = np.exp(shifted)
        total = exp.sum(axis=-1)  # (..., N)
        self.y, self.t = exp / total[..., None], t
        log_y = shifted[..., np.arange(len(t)), t] - np.log(total)  # log softmax at the labels
        return -np.ascontiguousarray(log_y).mean(axis=-1)  # same summation order in every run

    def backward(self):
        rows = np.arange(len(self.t))
        dx = self.y.copy()
        dx[..., rows, self.t] -= 1.0
        return dx / len(self.t)


class MLP:
    """A multilayer perceptron: ReLU hidden layers, softmax cross-entropy, He initialisation.

    sizes: [inputs, hidden..., classes], at least two whole numbers >= 1. seed: a whole number
    (one network) or a sequence of R of them (R runs on a leading axis). Weights start as
    N(0, 2/fan_in) draws from np.random.default_rng(seed) (He et al. 2015), layer by layer,
    W1 then W2 ...; biases start at zero.

    The layers hold the very arrays of `params`: change them in place (as `update` does, or
    `net.params['W1'][...] = ...` to evaluate the loss elsewhere), never rebind a key.
    """

    def __init__(self, sizes, seed=0):
        self.sizes = _check_sizes(sizes)
        self.seeds = _check_seeds(seed)
        self.runs = None if np.ndim(seed) == 0 else len(self.seeds)
        inits = [self._init(s) for s in self.seeds]
        self.params = {
            key: inits[0][key] if self.runs is None else np.stack([p[key] for p in inits])
            for key in inits[0]
        }
        self.layers = []
        for i in range(1, len(self.sizes)):
            self.layers.append(Affine(self.params[f"W{i}"], self.params[f"b{i}"], i > 1))
            if i < len(self.sizes) - 1:
                self.layers.append(ReLU())
        self.last_layer = SoftmaxWithLoss()

    def _init(self, seed):
        rng = np.random.default_rng(seed)
        params = {}
        for i, (fan_in, fan_out) in enumerate(zip(self.sizes, self.sizes[1:]), start=1):
            params[f"W{i}"] = rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)
            params[f"b{i}"] = np.zeros((1, fan_out) if self.runs else fan_out)
        return params

    def predict(self, X):
        """The class scores (before softmax): (N, classes), or (R, N, classes) for R runs.
        Their argmax over the last axis is the predicted digit."""
        return self._scores(self._check_X(X))

    def loss_and_grads(self, X, y):
        """(mean cross-entropy, {key: gradient}) on the batch X (N, inputs), y (N,) labels.

        The loss is a float, or an array (R,) for R runs; the gradients have the params'
        keys and shapes. A diverged network (inf or NaN weights) gives NaN, silently.
        """
        X, y = self._check_X(X), self._check_y(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
        with np.errstate(all="ignore"):
            return self._loss_and_grads(X, y)

    def accuracy(self, X, y):
        """The fraction of rows of X whose highest score is the label y: a float, or (R,)."""
        X, y = self._check_X(X), self._check_y(y)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels; they must match")
        with np.errstate(all="ignore"):
            correct = self._scores(X).argmax(axis=-1) == y
        accuracy = correct.mean(axis=-1)
        return float(accuracy) if self.runs is None else accuracy

    def _scores(self, X):
        for layer in self.layers:
            X = layer.forward(X)
        return X

    def _loss_and_grads(self, X, y):
        """Forward and backward without checks (X float64 (N, inputs), y int labels)."""
        loss = self.last_layer.forward(self._scores(X), y)
        dout = self.last_layer.backward()
        for layer in reversed(self.layers):
            dout = layer.backward(dout)
        grads = {}
        for i, layer in enumerate(self.layers[::2], start=1):
            grads[f"W{i}"], grads[f"b{i}"] = layer.dW, layer.db
        return (float(loss) if self.runs is None else loss), grads

    def _check_X(self, X):
        X = np.asarray(X)
        if X.dtype.kind not in "fiu" or X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(
                f"X must be real numbers of shape (N, {self.sizes[0]}), got {X.dtype} "
                f"of shape {X.shape}"
            )
        X = X.astype(float, copy=False)
        if not np.isfinite(X).all():
            raise ValueError("X must be finite; it has NaN or inf entries")
        return X

    def _check_y(self, y):
        y = np.asarray(y)
        classes = self.sizes[-1]
        if y.ndim != 1 or y.dtype.kind not in "iu":
            raise ValueError(f"y must be a 1D array of integer labels, got {y.dtype} {y.shape}")
        if y.size and (y.min() < 0 or y.max() >= classes):
            bad = y[(y < 0) | (y >= classes)][0]
            raise ValueError(f"labels y must lie in [0, {classes}), got {bad}")
        return y

    def __repr__(self):
        seed = self.seeds[0] if self.runs is None else list(self.seeds)
        return f"MLP({list(self.sizes)}, seed={seed})"


def _check_sizes(sizes):
    try:
        sizes = list(sizes)
    except TypeError:
        raise ValueError(f"sizes must be a list of layer sizes, got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(
            f"sizes needs at least two layer sizes (inputs and classes), got {sizes!r}"
        )
    return tuple(check_whole(f"sizes[{i}]", n, 1) for i, n in enumerate(sizes))


def _check_seeds(seed):
    if np.ndim(seed) == 0:
        return (check_whole("seed", seed, 0),)
    seeds = tuple(check_whole(f"seed[{i}]", s, 0) for i, s in enumerate(seed))
    if not seeds:
        raise ValueError("seed must be a whole number or a non-empty sequence of them, got []")
    return seeds


DIVERGED_LOSS = 1e3
"""A minibatch loss above this (or not finite) marks a run as diverged: an untrained network
of C classes starts near ln C (2.3 for the digits)."""


@dataclass
class Training:
    """The result of `train`. With R runs every array has a trailing run axis R.

    loss: the minibatch loss before each update (the book's train_loss_list), (iters,) or
    (iters, R); huge, inf or NaN once a run diverged. diverged_at: the first update whose
    loss was above DIVERGED_LOSS or not finite, -1 for never (an int, or (R,)). final_loss:
    the mean loss on the whole train set after training, NaN for a diverged run.
    test_accuracy: the fraction of the test set classified right after training (a run with
    NaN weights predicts class 0 everywhere).
    """

    loss: np.ndarray
    diverged_at: np.ndarray | int
    final_loss: np.ndarray | float
    test_accuracy: np.ndarray | float


def train(net, optimizer, data, iters=500, batch_size=64, seed=0, schedule=None):
    """Train `net` in place with `optimizer` for `iters` updates on minibatches of `data`.

    data: (X_train, y_train, X_test, y_test), such as `optim.digits.load_digits()`. The
    minibatch order comes from np.random.default_rng(seed): the train set is shuffled anew each
    epoch and cut into consecutive batches of `batch_size` (a batch may straddle two epochs);
    every run of a many-run net sees the same batches. The optimizer is reset first; its
    settings must broadcast to every parameter (shape (R, 1, 1) for R runs), or a ValueError
    names the setting. schedule: as in `run`, from optim.schedules; update k + 1 uses
    schedule.lr_at(optimizer.lr, k), and the optimizer's lr is put back afterwards.

    Runs that diverge (lr too large) are not stopped: their loss grows past DIVERGED_LOSS to
    inf or NaN, quietly (numpy's overflow and invalid-value warnings are silenced inside the
    loop on purpose: in a sweep over lr some runs are meant to blow up, and a warning per run
    would flood a notebook), and `diverged_at` marks them. Returns a `Training`.
    """
    if not isinstance(net, MLP):
        raise TypeError(f"train needs an optim.network.MLP, got {net!r}")
    X_train, y_train, X_test, y_test = data
    X_train, y_train = net._check_X(X_train), net._check_y(y_train)
    X_test, y_test = net._check_X(X_test), net._check_y(y_test)
    for part, X, y in (("train", X_train, y_train), ("test", X_test, y_test)):
        if len(X) != len(y):
            raise ValueError(f"{part} set: X has {len(X)} rows but y has {len(y)} labels")
    iters = check_whole("iters", iters, 1)
    batch_size = check_whole("batch_size", batch_size, 1, len(X_train))
    rng = np.random.default_rng(check_whole("seed", seed, 0))
    schedule = check_schedule(schedule, optimizer)
    epochs = -(-iters * batch_size // len(X_train))
    order = np.concatenate([rng.permutation(len(X_train)) for _ in range(epochs)])
    _, step, set_lr = prepared(optimizer)
    hyperparameters = optimizer.hyperparameters if isinstance(optimizer, Optimizer) else {}
    base_lr = optimizer.lr if schedule is not None else None
    lrs = None if schedule is None else ScheduledLR(schedule, base_lr)
    losses = np.empty((iters,) + (() if net.runs is None else (net.runs,)))
    try:
        # One BLAS thread: these products are small, and threads made them 3x slower here (two
        # cores, `make bench`); the results are then the same on any number of cores.
        with np.errstate(all="ignore"), threadpool_limits(1, user_api="blas"):
            for k in range(iters):
                batch = order[k * batch_size : (k + 1) * batch_size]
                losses[k], grads = net._loss_and_grads(X_train[batch], y_train[batch])
                if k == 0:
                    check_update_args(net.params, grads, hyperparameters)
                if lrs is not None:
                    set_lr(optimizer, "lr", lrs[k])
                step(net.params, grads)
            final_loss = net._loss_and_grads(X_train, y_train)[0]
            test_accuracy = net.accuracy(X_test, y_test)
    finally:
        if lrs is not None:
            set_lr(optimizer, "lr", base_lr)
    with np.errstate(invalid="ignore"):
        bad = ~(losses <= DIVERGED_LOSS)  # NaN too
    diverged_at = np.where(bad.any(axis=0), bad.argmax(axis=0), -1)
    final_loss = np.where(diverged_at < 0, final_loss, np.nan)
    if net.runs is None:
        diverged_at, final_loss = int(diverged_at), float(final_loss)
    return Training(losses, diverged_at, final_loss, test_accuracy)
