"""The slides' linear-regression run (경사하강법), reproduced with numpy.

The slides fit y = a x + b by gradient descent on the RMSE with TensorFlow 1 and print a
table. Every loss and gradient here is vectorised: ``a`` and ``b`` may be arrays of any
broadcastable shape (e.g. meshgrids); the data lie along a new trailing axis.
"""

from typing import NamedTuple

import numpy as np

from optim.validation import check_finite, check_pair, check_positive, check_whole

X = np.array([2.0, 4.0, 6.0, 8.0])  # hours studied
SCORES = np.array([81.0, 93.0, 91.0, 97.0])  # exam scores
# The slide's code reads the target with `y_row[0]`, which is the hours again, not `y_row[1]`:
# the run shown on the slide fits y = x, not the scores.
SLIDE_TARGETS = X.copy()
SLIDE_LR = 0.1
# The slide's first printed row, (a, b) after step 0: the only numbers taken from the slide.
SLIDE_FIRST_ROW = (7.5434, 80.5910)
SLIDE_FORMAT = "Epoch: %.f, RMSE = %.04f, 기울기 a = %.4f, y 절편 b = %.4f"

_ROUNDS = 50  # cap on the fixed-point rounds of `slide_initial_values`


def _residuals(a, b, x, y):
    """r = a x + b - y, with the data along a new trailing axis."""
    a, b = check_pair("ab", a, b)
    x, y = check_xy(x, y)
    return a[..., None] * x + b[..., None] - y


def check_xy(x, y, at_least=1):
    """The data x and y as float arrays of one length (>= `at_least`), checked."""
    x, y = (np.asarray(check_finite(n, f"data {n}", v)) for n, v in (("x", x), ("y", y)))
    if x.ndim != 1 or x.shape != y.shape or len(x) < at_least:
        raise ValueError(
            f"x and y must be two 1D arrays of one length >= {at_least}, got shapes "
            f"{x.shape} and {y.shape}"
        )
    return x, y


def mse(a, b, x=X, y=SCORES):
    """MSE(a, b) = mean((a x + b - y)²)."""
    return np.mean(_residuals(a, b, x, y) ** 2, axis=-1)


def mse_gradient(a, b, x=X, y=SCORES):
    """(∂MSE/∂a, ∂MSE/∂b) = (2 mean(r x), 2 mean(r)) with r = a x + b - y."""
    r = _residuals(a, b, x, y)
    return 2 * np.mean(r * x, axis=-1), 2 * np.mean(r, axis=-1)


def rmse(a, b, x=X, y=SCORES):
    """RMSE(a, b) = sqrt(mean((a x + b - y)²))."""
    return np.sqrt(mse(a, b, x, y))


def rmse_gradient(a, b, x=X, y=SCORES):
    """(∂RMSE/∂a, ∂RMSE/∂b) = (mean(r x), mean(r)) / RMSE, defined as (0, 0) where RMSE = 0."""
    r = _residuals(a, b, x, y)
    loss = np.sqrt(np.mean(r**2, axis=-1))
    scale = np.divide(1.0, loss, out=np.zeros_like(loss), where=loss > 0)
    return np.mean(r * x, axis=-1) * scale, np.mean(r, axis=-1) * scale


LOSSES = {"rmse": (rmse, rmse_gradient), "mse": (mse, mse_gradient)}


def least_squares(x=X, y=SCORES):
    """The exact minimiser of both losses: a = cov(x, y) / var(x), b = mean(y) - a mean(x)."""
    x, y = check_xy(x, y, at_least=2)
    if np.ptp(x) == 0:
        raise ValueError(f"x must hold at least two different values to fit a line, got {x!r}")
    dx = x - x.mean()
    a = np.sum(dx * (y - y.mean())) / np.sum(dx**2)
    return float(a), float(y.mean() - a * x.mean())


class Descent(NamedTuple):
    """A gradient-descent run: row k of each array holds the values after step k."""

    a: np.ndarray
    b: np.ndarray
    loss: np.ndarray


def gradient_descent(a, b, lr, steps, loss="rmse", x=X, y=SCORES):
    """Plain gradient descent a ← a - lr ∂L/∂a, b ← b - lr ∂L/∂b, on L = `loss`.

    ``a``, ``b`` and ``lr`` broadcast against each other, so one call can run a grid of
    starts or learning rates. Returns a `Descent` of arrays of shape (steps, *shape); row k
    is the state after step k, like the slide's "Epoch: k" (the start itself is not included).
    """
    from optim.trajectory import check_steps  # optim.trajectory imports this module

    if not isinstance(loss, str) or loss not in LOSSES:
        raise ValueError(f"Unknown loss: {loss!r}; choose one of {sorted(LOSSES)}")
    value, gradient = LOSSES[loss]
    steps, lr = check_steps(steps), check_positive("lr", "learning rate", lr)
    a, b = (check_finite(n, f"start {n}", v) for n, v in (("a", a), ("b", b)))
    try:
        a, b, lr = (p.astype(float) for p in np.broadcast_arrays(a, b, lr))
    except ValueError:
        shapes = ", ".join(f"{n} {np.shape(v)}" for n, v in (("a", a), ("b", b), ("lr", lr)))
        raise ValueError(
            f"a, b and lr must broadcast against each other, got shapes {shapes}"
        ) from None
    history = np.empty((3, steps, *a.shape))
    with np.errstate(over="ignore", invalid="ignore"):  # a run that diverges is a result
        for k in range(steps):
            da, db = gradient(a, b, x, y)
            a, b = a - lr * da, b - lr * db
            history[:, k] = a, b, value(a, b, x, y)
    return Descent(*history)


def slide_initial_values(lr=SLIDE_LR, first_row=SLIDE_FIRST_ROW, x=X, y=SLIDE_TARGETS):
    """The slide's seeded start p0 = (a0, b0), recovered from its first printed row p1.

    One RMSE step gives p1 = p0 - lr ∇RMSE(p0), so p0 is the fixed point of
    p0 ← p1 + lr ∇RMSE(p0), iterated from p0 = p1 (it converges in a few rounds).
    """
    lr = check_positive("lr", "learning rate", lr, single=True)
    p1 = np.array(check_finite("first_row", "first row", first_row), dtype=float)
    p0 = p1
    for _ in range(_ROUNDS):
        new = p1 + lr * np.array(rmse_gradient(*p0, x, y))
        if np.max(np.abs(new - p0)) <= 1e-12 * np.max(np.abs(p1)):
            return float(new[0]), float(new[1])
        p0 = new
    raise RuntimeError(f"The inverse step did not converge in {_ROUNDS} rounds")


def slide_rows(last_epoch=3000, every=100):
    """The slide's run: rows (epoch, RMSE, a, b) after the steps 0, every, 2 every, ..."""
    last_epoch, every = check_whole("last_epoch", last_epoch), check_whole("every", every, 1)
    run = gradient_descent(*slide_initial_values(), SLIDE_LR, last_epoch + 1, y=SLIDE_TARGETS)
    epochs = np.arange(0, last_epoch + 1, every)
    return np.column_stack([epochs, run.loss[epochs], run.a[epochs], run.b[epochs]])


def slide_table(last_epoch=3000, every=100):
    """The slide's printed table, one line per row of `slide_rows`, in the slide's format."""
    return "\n".join(SLIDE_FORMAT % tuple(row) for row in slide_rows(last_epoch, every))


def cycle_rmse(lr=SLIDE_LR, x=X):
    """The RMSE at which constant-step descent oscillates when a line fits exactly: lr λ / 2.

    Near an exact fit p*, RMSE(p* + d) = sqrt(dᵀ M d) with M = mean([x, 1][x, 1]ᵀ): a cone,
    whose gradient M d / sqrt(dᵀ M d) does not shrink. Along the top eigenvector of M
    (eigenvalue λ) a step of length lr sqrt(λ) jumps from p* + d to p* - d when
    |d| = lr sqrt(λ) / 2, where RMSE = sqrt(λ) |d| = lr λ / 2. (Any two points 2|d| apart on
    that line alternate too, their RMSEs summing to lr λ; the slide's run ends on a pair whose
    RMSEs agree with lr λ / 2 to about 1e-8.)
    """
    lr = check_positive("lr", "learning rate", lr, single=True)
    x = np.asarray(check_finite("x", "data x", x))
    design = np.stack([x, np.ones_like(x)])
    return float(lr * np.linalg.eigvalsh(design @ design.T / len(x))[-1] / 2)


def two_point_cycle(a, b, lr=SLIDE_LR, x=X, y=SLIDE_TARGETS, tol=1e-12, max_steps=100_000):
    """Run RMSE descent from (a, b) until it alternates between two points.

    Stops when the point two steps back is within ``tol``. Returns a (2, 3) array, one row
    (a, b, RMSE) per point, ordered by a.
    """
    a, b = (check_finite(n, f"start {n}", v, single=True) for n, v in (("a", a), ("b", b)))
    lr = check_positive("lr", "learning rate", lr, single=True)
    tol = check_positive("tol", "tolerance", tol, single=True)
    max_steps = check_whole("max_steps", max_steps, 1)
    x, y = check_xy(x, y)
    points = [np.array([a, b], dtype=float)]
    for _ in range(max_steps):
        points.append(points[-1] - lr * np.array(rmse_gradient(*points[-1], x, y)))
        if len(points) > 2 and np.max(np.abs(points[-1] - points[-3])) <= tol:
            cycle = sorted(points[-2:], key=lambda p: p[0])
            return np.array([[*p, rmse(*p, x, y)] for p in cycle])
        points = points[-2:]
    raise RuntimeError(f"No two-point cycle within {max_steps} steps")
