r"""The exponential moving average (EMA) behind RMSProp and Adam, and its weights.

.. math::
    \begin{align*}
    x_k &= \alpha p_k + (1 - \alpha) x_{k-1}, \qquad \alpha = \frac{2}{N + 1} \\
        &= \alpha \sum_{i=0}^{N-1} (1 - \alpha)^i p_{k-i} + (1 - \alpha)^N x_{k-N}
    \end{align*}

p_k are the values averaged, α the weight of the newest one, N the window the slides tie α
to. The optimizers write β = γ = 1 − α (`decay_rate`, `beta1`, `beta2`). An EMA started at
x_0 = 0 underestimates: for a constant p it gives (1 − β^t) p after t values, which the
bias correction x_t / (1 − β^t) undoes (Kingma & Ba 2015, section 3).
"""

import numpy as np

from optim.validation import (
    check_at_least,
    check_real,
    check_unit_interval,
    check_whole,
    check_within,
)

MAX_WEIGHTS = 1_000_000
"""`ema_weights` returns at most this many weights (8 MB)."""


def alpha_for_window(n):
    """α = 2 / (N + 1): the weight of the newest value for a window of N values."""
    n = check_at_least("n", "window N", n, 1)
    return 2.0 / (np.asarray(n) + 1.0)


def _check_alpha(alpha):
    return check_within("alpha", "alpha", alpha, 0, 1, single=True, open_low=True)


def ema(values, alpha, start=0.0):
    """x_k = α p_k + (1 − α) x_{k−1} for k = 1 ... len(values), with x_0 = `start`.

    Returns the array [x_1, ..., x_K] (along the first axis of `values`). The optimizers'
    state starts at 0, so `start` defaults to 0.
    """
    alpha = _check_alpha(alpha)
    values = np.asarray(check_real("values", "values", values))
    if not values.ndim:
        raise ValueError(
            f"Invalid values: {values.item()!r} (values must be a sequence, e.g. [3, 2, 1])"
        )
    start = np.asarray(check_real("start", "start value", start))
    try:
        x = np.broadcast_to(start, values.shape[1:]).copy()
    except ValueError:
        raise ValueError(
            f"start has shape {start.shape}, which does not broadcast to one value of `values` "
            f"(shape {values.shape[1:]})"
        ) from None
    out = np.empty_like(values)
    for k, p in enumerate(values):
        x = alpha * p + (1 - alpha) * x
        out[k] = x
    return out


def ema_weights(alpha, n):
    """The weights α(1 − α)^i of p_{k−i}, i = 0 ... n−1, newest first."""
    alpha = _check_alpha(alpha)
    return alpha * (1 - alpha) ** np.arange(check_whole("n", n, 0, MAX_WEIGHTS))


def window_weight(alpha, n):
    """Σ_{i<n} α(1 − α)^i = 1 − (1 − α)^n: how much of the EMA the last n values carry."""
    alpha = _check_alpha(alpha)
    return 1 - (1 - alpha) ** check_at_least("n", "window n", n, 0)


def mean_age(alpha):
    """Σ_i i·α(1 − α)^i = (1 − α)/α: how many steps old the average value is.

    With α = 2/(N + 1) this is (N − 1)/2, the mean age of a plain average of the last N values,
    which is why the slides tie α to N this way.
    """
    alpha = _check_alpha(alpha)
    return (1 - alpha) / alpha


def bias(beta, t):
    """1 − β^t: what an EMA started at 0 with decay β gives after t equal values of 1."""
    return _bias(beta, check_whole("t", t, 0, single=False))


def _bias(beta, t):
    beta = check_unit_interval("beta", "decay beta", beta)
    return 1 - np.asarray(beta) ** t.astype(float)


def bias_correction(x, beta, t):
    """x̂ = x / (1 − β^t): the EMA with its start at 0 accounted for (t counts updates from 1)."""
    t = check_whole("t", t, 1, single=False)
    return np.asarray(check_real("x", "EMA value x", x)) / _bias(beta, t)
