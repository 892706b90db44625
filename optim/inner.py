r"""What an optimizer does inside, per coordinate and step: effective learning rates, moments.

`inner_state(trajectory)` reads a single-start `Trajectory` (its recorded state, its lr of
every update and its optimizer's settings) and returns, for steps k = 1 ... K and for each
coordinate (x, y), the quantities that decide update k:

.. math::
    \begin{align*}
    \text{SGD:} \quad & \alpha_k \\
    \text{AdaGrad, RMSprop:} \quad & \alpha_k / (\sqrt{h_k} + \epsilon) \\
    \text{Adam:} \quad & \alpha_k / (\sqrt{\hat v_k} + \epsilon), \quad
        \hat v_k = v_k / (1 - \beta_2^k), \quad \hat m_k = m_k / (1 - \beta_1^k) \\
    \text{Momentum, Nesterov:} \quad & V_k
    \end{align*}

α_k is the lr of update k (`Trajectory.lrs`, which a schedule changes), h_k, m_k, v_k, V_k
the state after update k, which update k itself used. Numpy alone: no plotting here.
"""

import ast
from dataclasses import dataclass

import numpy as np

from optim.trajectory import Trajectory


@dataclass(frozen=True)
class InnerState:
    """The inner state of one run, each array (K, 2): row k − 1 is step k, columns x and y.

    optimizer: the run's optimizer, e.g. 'AdaGrad(lr=1.5, eps=1e-07)'.
    step: (K,), the step numbers 1 ... K. lr: (K,), α_k, the lr of update k.
    gradient: g_k, the gradient update k saw (the surface's at point k − 1, plus the
    run's noise draw if it had noise).
    effective_lr: what multiplies the gradient (Adam: m̂) in update k; SGD α_k,
    AdaGrad and RMSprop α_k / (√h_k + ε), Adam α_k / (√v̂_k + ε); None for Momentum and
    Nesterov, whose step is not a multiple of the gradient.
    h: AdaGrad's sum Σ g_i² (i ≤ k) or RMSprop's moving average of g², else None.
    m_hat, v_hat: Adam's bias-corrected moments m_k / (1 − β1^k), v_k / (1 − β2^k), else None.
    velocity: Momentum's and Nesterov's V_k, else None.
    """

    optimizer: str
    step: np.ndarray
    lr: np.ndarray
    gradient: np.ndarray
    effective_lr: object = None
    h: object = None
    m_hat: object = None
    v_hat: object = None
    velocity: object = None

    @property
    def name(self):
        """The optimizer's class name, e.g. 'AdaGrad'."""
        return self.optimizer.split("(", 1)[0]

    def arrays(self):
        """{field name: (K, 2) array} of the quantities this optimizer has, in field order."""
        names = ("effective_lr", "h", "m_hat", "v_hat", "velocity")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


def settings(trajectory):
    """{name: value} of the optimizer's settings, read from `trajectory.optimizer`, its repr
    such as 'Adam(lr=0.3, beta1=0.9, beta2=0.999, eps=1e-07)'; {} if it has none."""
    try:
        call = ast.parse(trajectory.optimizer, mode="eval").body
        if not isinstance(call, ast.Call):
            return {}
        return {word.arg: ast.literal_eval(word.value) for word in call.keywords}
    except (SyntaxError, ValueError):  # not a repr of keyword settings
        return {}


def setting(trajectory, name):
    """The optimizer's setting `name` as a float, or a clear error if its repr lacks it."""
    value = settings(trajectory).get(name)
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise ValueError(
            f"inner_state needs the optimizer's {name}, read from its repr, but "
            f"{trajectory.optimizer!r} does not give it as a number"
        )
    return float(value)


def inner_state(trajectory):
    """The optimizer's inner state at every step of `trajectory` (one start): see `InnerState`.

    Which quantities come back follows the recorded state: 'h' (AdaGrad, RMSprop), 'm' and
    'v' (Adam), 'v' (Momentum, Nesterov), none (SGD). eps, beta1 and beta2 are read from the
    optimizer's repr in `trajectory.optimizer`.
    """
    if not isinstance(trajectory, Trajectory):
        raise TypeError(
            f"trajectory must be a Trajectory from run(...), got {type(trajectory).__name__} "
            f"{trajectory!r}"
        )
    if trajectory.positions.ndim != 2:
        raise ValueError(
            "inner_state needs a run from one start: got a batch of positions with shape "
            f"{trajectory.positions.shape}; run again with start=(x, y)"
        )
    states, name = trajectory.states, trajectory.optimizer.split("(", 1)[0]
    if trajectory.lrs is None or (not states and name != "SGD"):
        raise ValueError(
            f"{trajectory.optimizer} recorded no inner state: run(...) records the state of "
            f"optim's optimizers only (a class written as on the slides keeps its own); run "
            f"e.g. optim.OPTIMIZERS['AdaGrad'](lr=1.5) instead"
        )
    steps = trajectory.steps
    k = np.arange(1, steps + 1)
    lr = np.asarray(trajectory.lrs, dtype=float).reshape(steps)
    alpha = lr[:, None]  # α_k against both coordinates
    gradient = trajectory.gradients[:steps] + (0 if trajectory.noise is None else trajectory.noise)
    found = {"optimizer": trajectory.optimizer, "step": k, "lr": lr, "gradient": gradient}
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        if set(states) == {"m", "v"}:
            beta1, beta2 = setting(trajectory, "beta1"), setting(trajectory, "beta2")
            eps = setting(trajectory, "eps")
            m_hat = states["m"][1:] / (1 - beta1 ** k[:, None])
            v_hat = states["v"][1:] / (1 - beta2 ** k[:, None])
            found |= {"effective_lr": alpha / (np.sqrt(v_hat) + eps)}
            found |= {"m_hat": m_hat, "v_hat": v_hat}
        elif set(states) == {"h"}:
            h = states["h"][1:]
            found |= {"effective_lr": alpha / (np.sqrt(h) + setting(trajectory, "eps")), "h": h}
        elif set(states) == {"v"}:
            found |= {"velocity": states["v"][1:]}
        elif not states:
            found |= {"effective_lr": np.repeat(alpha, 2, axis=1)}
        else:
            raise ValueError(
                f"inner_state knows the state of SGD, Momentum, Nesterov, AdaGrad, RMSprop "
                f"and Adam; {trajectory.optimizer} recorded {sorted(states)}"
            )
    return InnerState(**found)
