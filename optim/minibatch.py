r"""Minibatch gradients on a loss built from data: where the 'stochastic' in SGD comes from.

A seeded data set (x_i, y_i), i = 1 ... N, and the line y = a x + b give the mean squared
error over the whole data set, a 2D loss in the (a, b) plane:

.. math::
    L(a, b) = \frac{1}{N} \sum_i (a x_i + b - y_i)^2, \qquad
    \nabla L = \frac{1}{N} \sum_i g_i, \quad g_i = 2 (a x_i + b - y_i) (x_i, 1).

A minibatch B of B examples gives the estimate \hat g_B = \frac{1}{|B|} \sum_{i \in B} g_i.
Over one epoch (a shuffled split of all N examples) the estimates average, weighted by batch
size, to the full gradient; a single one is off by a random amount that shrinks like 1/√B.
The losses and gradients are `optim.regression`'s, with this data in place of the scores.
"""

from typing import NamedTuple

import numpy as np

from optim import regression
from optim.surfaces import Surface
from optim.trajectory import run
from optim.validation import check_at_least, check_finite, check_whole

MAX_DATA = 10_000_000
"""`make_data` makes at most this many points (80 MB per array)."""


class Data(NamedTuple):
    """A regression data set: inputs x and targets y, arrays of shape (N,)."""

    x: np.ndarray
    y: np.ndarray


def make_data(n=200, slope=2.0, intercept=1.0, noise=1.0, seed=0):
    """N points y_i = slope x_i + intercept + noise ε_i with x_i, ε_i ~ N(0, 1), seeded."""
    n = check_whole("n", n, 2, MAX_DATA)
    slope = check_finite("slope", "slope", slope, single=True)
    intercept = check_finite("intercept", "intercept", intercept, single=True)
    noise = check_at_least("noise", "noise level", noise, 0, single=True)
    rng = np.random.default_rng(check_whole("seed", seed))
    x = rng.normal(size=n)
    return Data(x, slope * x + intercept + noise * rng.normal(size=n))


def check_data(data):
    """`data` as a `Data` of two float arrays of one length N >= 2 (x and y), checked."""
    if not isinstance(data, Data):
        raise TypeError(f"data must be a Data(x, y), e.g. make_data(), got {type(data).__name__}")
    x, y = (check_finite(f"data.{name}", f"data.{name}", v) for name, v in zip("xy", data))
    if np.ndim(x) != 1 or np.shape(x) != np.shape(y) or len(x) < 2:
        raise ValueError(
            f"data.x and data.y must be two 1D arrays of one length >= 2, got shapes "
            f"{np.shape(x)} and {np.shape(y)}"
        )
    return Data(x, y)


def per_example_gradients(a, b, data):
    """g_i = 2 (a x_i + b - y_i) (x_i, 1) for every example: shape (N, 2) at one point (a, b)."""
    a, b = (check_finite(name, name, v, single=True) for name, v in (("a", a), ("b", b)))
    data = check_data(data)
    r = a * data.x + b - data.y
    return np.stack([2 * r * data.x, 2 * r], axis=-1)


def check_batch_size(batch_size, n):
    """`batch_size` as an int from 1 to n, the data size."""
    return check_whole("batch_size", batch_size, 1, n)


def epoch_batches(n, batch_size, rng):
    """One epoch: a random permutation of 0 ... n-1 cut into batches of `batch_size`.

    The last batch is smaller when batch_size does not divide n (nothing is dropped).
    """
    batch_size = check_batch_size(batch_size, n)
    order = rng.permutation(n)
    return [order[i : i + batch_size] for i in range(0, n, batch_size)]


class MinibatchGradient:
    """A gradient function (a, b) -> (∂L/∂a, ∂L/∂b) that uses the next minibatch at each call.

    Batches come epoch after epoch from `epoch_batches` with a generator seeded by `seed`, so
    the same seed gives the same sequence of batches. With batch_size = N it is the full gradient.
    """

    def __init__(self, data, batch_size, seed=0):
        self.data = data = check_data(data)
        self.batch_size = check_batch_size(batch_size, len(data.x))
        self.rng = np.random.default_rng(check_whole("seed", seed))
        self.queue = []
        self.used = []  # the index arrays handed out so far, in order

    def __call__(self, a, b):
        if not self.queue:
            self.queue = epoch_batches(len(self.data.x), self.batch_size, self.rng)
        batch = self.queue.pop(0)
        self.used.append(batch)
        return regression.mse_gradient(a, b, self.data.x[batch], self.data.y[batch])


def data_surface(data, gradient=None, title=None):
    """The full-batch MSE of `data` as a `Surface` for `optim.run` and the figures.

    With `gradient` (e.g. a `MinibatchGradient`) the surface keeps the full loss as its value
    but steps with that gradient instead of the exact one.
    """
    data = check_data(data)
    if gradient is None:
        gradient = lambda a, b: regression.mse_gradient(a, b, data.x, data.y)  # noqa: E731
    fit = regression.least_squares(data.x, data.y)
    a0, b0 = round(fit[0]), round(fit[1])  # whole numbers for a tidy view around the minimum
    return Surface(
        name="data_mse",  # the same loss either way, so paths of both kinds share one plot
        title=title or f"데이터 {len(data.x)}개의 MSE: (a, b) 평면",
        value=lambda a, b: regression.mse(a, b, data.x, data.y),
        gradient=gradient,
        minima=(fit,),
        min_value=float(regression.mse(*fit, data.x, data.y)),
        window=(a0 - 5.0, a0 + 3.0, b0 - 4.0, b0 + 3.0),
        start=(a0 - 4.0, b0 - 3.0),
        log_scale=False,
        axis_labels=("a", "b"),
    )


def run_minibatch(optimizer, data, batch_size, start=None, steps=100, seed=0):
    """`optim.run` on the data's loss, each step with the next minibatch's gradient.

    The stored losses are those of the whole data set (what we really minimise); the stored
    gradients are the minibatch estimates at each position (the one at the last position is
    drawn but not used). The same seed gives the same run.
    """
    return run(
        optimizer, data_surface(data, MinibatchGradient(data, batch_size, seed)), start, steps
    )


def gradient_noise(a, b, data, batch_size):
    r"""The root-mean-square error of a minibatch gradient at (a, b), exactly.

    For a batch of B examples drawn without replacement from N, with per-example gradients g_i
    and their spread s^2 = \frac{1}{N} \sum_i |g_i - \bar g|^2:

    .. math:: \sqrt{E |\hat g_B - \bar g|^2} = \sqrt{\frac{s^2}{B} \cdot \frac{N - B}{N - 1}}

    (Cochran, Sampling Techniques, the finite population correction). It is 0 for B = N.
    """
    g = per_example_gradients(a, b, data)
    n = len(g)
    batch_size = check_batch_size(batch_size, n)
    spread = np.mean(np.sum((g - g.mean(axis=0)) ** 2, axis=-1))
    return float(np.sqrt(spread / batch_size * (n - batch_size) / (n - 1)))
