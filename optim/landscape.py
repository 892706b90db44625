r"""A 2D slice of a network's loss, as a `Surface` the course's explorers run on unchanged.

Li et al. 2018 ("Visualizing the Loss Landscape of Neural Nets") look at a trained network's
loss along a plane through its weights θ*:

    f(a, b) = L(θ* + a d₁ + b d₂),    ∂f/∂a = ⟨∇L, d₁⟩,  ∂f/∂b = ⟨∇L, d₂⟩

with two random directions d₁, d₂ that are *filter-normalised*: for every weight matrix W
(fan_in, fan_out) a standard normal matrix whose every column (the weights into one unit, a
fully connected layer's "filter") is rescaled to the norm of the same column of W. Without it
a direction would move small weights as far as large ones, and two networks' slices could not
be compared. Biases get direction 0 (the paper's code does the same by default), so the slice
moves the weight matrices only.

    net = MLP([64, 32, 10], seed=0); train(net, Adam(), data)
    surface = loss_slice(net, data.X_train, data.y_train)   # f(0, 0) = the trained loss
    explore("Adam", surface)                                # in a notebook
"""

import numpy as np

from optim.digits import load_digits
from optim.network import MLP, train
from optim.optimizers import Adam
from optim.surfaces import Surface
from optim.validation import check_pair, check_whole

CHUNK = 100_000
"""Points × images evaluated at once by `value`: about 5 MB per hidden unit's column."""


def filter_normalized(params, rng):
    """A random direction with the keys and shapes of `params` (one network, no run axis):
    each W's columns drawn N(0, 1) and scaled to the norms of W's columns; biases zero."""
    direction = {}
    for key, W in params.items():
        if key.startswith("b"):
            direction[key] = np.zeros_like(W)
            continue
        d = rng.standard_normal(W.shape)
        norms = np.linalg.norm(d, axis=0)
        direction[key] = d * (np.linalg.norm(W, axis=0) / np.where(norms > 0, norms, 1.0))
    return direction


def directions(params, seed=0):
    """(d₁, d₂): two filter-normalised directions drawn from np.random.default_rng(seed)."""
    rng = np.random.default_rng(check_whole("seed", seed, 0))
    return filter_normalized(params, rng), filter_normalized(params, rng)


def loss_slice(net, X, y, seed=0, extent=1.0, resolution=41, title=None):
    """The loss of `net` on (X, y) over the plane θ* + a d₁ + b d₂, a, b in [-extent, extent].

    net: a trained one-run `MLP` (its weights are θ*; they are copied, later training does not
    move the slice). The returned Surface's `value` and exact `gradient` are the network's
    forward and backward passes (the layers of optim.network written for many points at
    once), both broadcasting a against b like every Surface's. Its
    `minima` holds (0, 0), the trained weights, drawn as the star: the slice's lowest point
    need not be there. min_value is NaN, not known (the cross-entropy's bound 0 is never
    reached): the loss panels draw the loss itself on a log axis, and no run is said to have
    converged. resolution: the
    contour grid's points per axis (41: about a millisecond per point on the digits' train set,
    so 150 × 150 would take half a minute).
    """
    if not isinstance(net, MLP) or net.runs is not None:
        raise TypeError(f"loss_slice needs a one-run optim.network.MLP, got {net!r}")
    X, y = net._check_X(X), net._check_y(y)
    if len(X) != len(y) or len(X) == 0:
        raise ValueError(f"X has {len(X)} rows and y {len(y)} labels; they must match, >= 1")
    if not (np.isscalar(extent) and np.isfinite(extent) and extent > 0):
        raise ValueError(f"extent must be a finite number > 0, got {extent!r}")
    theta = {key: p.copy() for key, p in net.params.items()}
    d1, d2 = directions(theta, seed)
    first = [X @ p["W1"] + p["b1"] for p in (theta, d1, d2)]  # the first layer: once

    def evaluate(a, b, grad):
        a, b = check_pair("ab", a, b)
        shape, a, b = a.shape, a.ravel(), b.ravel()
        out = np.empty((3 if grad else 1, a.size))
        step = max(1, CHUNK // len(X))
        with np.errstate(all="ignore"):
            for i in range(0, a.size, step):
                part = slice(i, i + step)
                out[:, part] = _evaluate(first, theta, d1, d2, a[part], b[part], y, grad)
        return [row.reshape(shape) for row in out]

    def value(a, b):
        return evaluate(a, b, grad=False)[0]

    def gradient(a, b):
        return tuple(evaluate(a, b, grad=True)[1:])

    return Surface(
        name="network",
        title=title or f"신경망 손실의 단면: MLP {list(net.sizes)}",
        value=value,
        gradient=gradient,
        minima=((0.0, 0.0),),
        min_value=np.nan,
        window=(-extent, extent, -extent, extent),
        start=(-0.8 * extent, 0.6 * extent),
        log_scale=True,
        axis_labels=("a", "b"),
        resolution=check_whole("resolution", resolution, 2),
    )


def digits_slice(sizes=(64, 32, 10), iters=500, seed=0):
    """Notebook 09's slice: MLP(sizes, seed) trained by Adam with its defaults for `iters`
    updates of 64 (minibatch order `seed`) on `load_digits()`, cut along directions(seed) over
    [-1, 1]² on the whole train set. `python -m optim.export --surface digits` animates it."""
    data = load_digits()
    net = MLP(list(sizes), seed=seed)
    train(net, Adam(), data, iters=iters, seed=seed)
    return loss_slice(net, data.X_train, data.y_train, seed=seed)


def _evaluate(first, theta, d1, d2, a, b, y, grad):
    """[losses] or [losses, ∂f/∂a, ∂f/∂b] at P points (a, b) (arrays (P,)), by the network's
    own forward and backward passes (optim.network's layers), with two shortcuts:

    - the first layer's scores X @ W + b for W = θ + a d₁ + b d₂ are first[0] + a first[1]
      + b first[2], so the 64-wide products are made once, not once per point;
    - ∂f/∂a = ⟨∇L, d₁⟩, and the first layer's part ⟨Xᵀ dZ, d₁W⟩ + ⟨Σ dZ, d₁b⟩ is ⟨dZ, first[1]⟩.
    """
    a, b = a[:, None, None], b[:, None, None]
    layers = len(theta) // 2
    scores, inputs, weights = first[0] + a * first[1] + b * first[2], [], []
    for i in range(2, layers + 1):
        inputs.append(np.maximum(scores, 0.0))
        weights.append(theta[f"W{i}"] + a * d1[f"W{i}"] + b * d2[f"W{i}"])
        bias = theta[f"b{i}"] + a * d1[f"b{i}"] + b * d2[f"b{i}"]
        scores = inputs[-1] @ weights[-1] + bias
    shifted = scores - scores.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=-1)
    rows = np.arange(len(y))
    losses = (np.log(total) - shifted[:, rows, y]).mean(axis=-1)
    if not grad:
        return [losses]
    dout = exp / total[..., None]  # SoftmaxWithLoss.backward: (softmax - one-hot) / N
    dout[:, rows, y] -= 1.0
    dout /= len(y)
    ga, gb = np.zeros(len(losses)), np.zeros(len(losses))
    for i in range(layers, 1, -1):  # Affine.backward of layer i, then ReLU.backward
        x, W = inputs[i - 2], weights[i - 2]
        dW, db = np.swapaxes(x, -1, -2) @ dout, dout.sum(axis=1)
        for g, d in ((ga, d1), (gb, d2)):
            g += np.einsum("pij,ij->p", dW, d[f"W{i}"]) + db @ np.ravel(d[f"b{i}"])
        dout = (dout @ np.swapaxes(W, -1, -2)) * (x > 0)
    ga += np.einsum("pnj,nj->p", dout, first[1])
    gb += np.einsum("pnj,nj->p", dout, first[2])
    return [losses, ga, gb]
