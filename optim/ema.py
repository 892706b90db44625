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


def alpha_for_window(n):
    """α = 2 / (N + 1): the weight of the newest value for a window of N values."""
    n = np.asarray(n, dtype=float)
    if np.any(n < 1):
        raise ValueError(f"window N must be >= 1, got {n!r}")
    return 2.0 / (n + 1.0)


def _check_alpha(alpha):
    if not 0.0 < alpha <= 1.0:
        raise ValueError(f"alpha must be in (0, 1], got {alpha!r}")
    return float(alpha)


def ema(values, alpha, start=0.0):
    """x_k = α p_k + (1 − α) x_{k−1} for k = 1 ... len(values), with x_0 = `start`.

    Returns the array [x_1, ..., x_K] (along the first axis of `values`). The optimizers'
    state starts at 0, so `start` defaults to 0.
    """
    alpha = _check_alpha(alpha)
    values = np.asarray(values, dtype=float)
    out = np.empty_like(values)
    x = np.broadcast_to(np.asarray(start, dtype=float), values.shape[1:]).copy()
    for k, p in enumerate(values):
        x = alpha * p + (1 - alpha) * x
        out[k] = x
    return out


def ema_weights(alpha, n):
    """The weights α(1 − α)^i of p_{k−i}, i = 0 ... n−1, newest first."""
    alpha = _check_alpha(alpha)
    return alpha * (1 - alpha) ** np.arange(n)


def window_weight(alpha, n):
    """Σ_{i<n} α(1 − α)^i = 1 − (1 − α)^n: how much of the EMA the last n values carry."""
    alpha = _check_alpha(alpha)
    return 1 - (1 - alpha) ** n


def mean_age(alpha):
    """Σ_i i·α(1 − α)^i = (1 − α)/α: how many steps old the average value is.

    With α = 2/(N + 1) this is (N − 1)/2, the mean age of a plain average of the last N values,
    which is why the slides tie α to N this way.
    """
    alpha = _check_alpha(alpha)
    return (1 - alpha) / alpha


def bias(beta, t):
    """1 − β^t: what an EMA started at 0 with decay β gives after t equal values of 1."""
    return 1 - np.asarray(beta, dtype=float) ** np.asarray(t)


def bias_correction(x, beta, t):
    """x̂ = x / (1 − β^t): the EMA with its start at 0 accounted for (t counts from 1)."""
    if np.any(np.asarray(t) < 1):
        raise ValueError(f"t counts updates from 1, got {t!r}")
    return np.asarray(x, dtype=float) / bias(beta, t)
