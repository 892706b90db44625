"""The lecture's optimizers, with the slides' interface: `update(params, grads)` in place.

`params` and `grads` are dicts of numpy arrays with the same keys. Every hyperparameter may
also be a numpy array that broadcasts against the parameters, so one run can sweep a grid
of settings. State (velocities, sums, moments) starts at zero and `reset()` clears it.
"""

import numpy as np

from optim.validation import check_positive, check_unit_interval, check_update_args


class Optimizer:
    """Common part: validated hyperparameters, explicit per-instance state, checked updates.

    `update` checks params and grads, then calls the subclass's `_step(params, grads)`, which
    starts with `self._count(params)`; `trajectory.walk` checks once and calls `_step` itself.
    """

    state_names: tuple[str, ...] = ()

    def __init__(self, **hyperparameters):
        self._names = tuple(hyperparameters)
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self.reset()

    @property
    def hyperparameters(self):
        """The settings as a dict, e.g. {'lr': 0.01, 'momentum': 0.9}."""
        return {name: getattr(self, name) for name in self._names}

    def reset(self):
        """Forget everything learned so far: state back to zero, step count t back to 0."""
        self.t = 0
        for name in self.state_names:
            setattr(self, name, {})

    def update(self, params, grads):
        """One step on `params` in place; bad params or grads raise before anything changes."""
        self._step(params, check_update_args(params, grads, self.hyperparameters))

    def _begin(self, params, grads):
        """Check, then count the step: for subclasses that write their own `update`."""
        grads = check_update_args(params, grads, self.hyperparameters)
        self._count(params)
        return grads

    def _count(self, params):
        """Count the step (t += 1) and give new keys zero state; a known key keeps its shape."""
        for name in self.state_names:
            state = getattr(self, name)
            for key, param in params.items():
                if key not in state:
                    state[key] = np.zeros_like(param)
                elif np.shape(state[key]) != param.shape:
                    raise ValueError(
                        f"params[{key!r}] has shape {param.shape}, but this optimizer's state "
                        f"{name}[{key!r}] has shape {np.shape(state[key])} from earlier updates; "
                        f"call reset() before using it on new parameters"
                    )
        self.t += 1

    def __repr__(self):
        settings = ", ".join(f"{name}={value!r}" for name, value in self.hyperparameters.items())
        return f"{type(self).__name__}({settings})"


class SGD(Optimizer):
    r"""Stochastic gradient descent.

    .. math:: W \leftarrow W - \alpha \frac{\partial L}{\partial W}

    `lr` is α. No state. The slide's listing loops over `params.key()`; the method is `keys()`.
    """

    def __init__(self, lr=0.01):
        super().__init__(lr=check_positive("lr", "learning rate", lr))

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            params[key] -= self.lr * grads[key]


class Momentum(Optimizer):
    r"""SGD with momentum, written with a velocity as on the slide.

    .. math::
        \begin{align*}
        V &\leftarrow m V - \alpha \frac{\partial L}{\partial W} \\
        W &\leftarrow W + V
        \end{align*}

    `lr` is α, `momentum` is m; state `v` is V, the step actually taken. Note: PyTorch keeps
    b = -V/α instead (b ← m b + g, W ← W - α b); for a constant α the two are the same.
    """

    state_names = ("v",)

    def __init__(self, lr=0.01, momentum=0.9):
        super().__init__(
            lr=check_positive("lr", "learning rate", lr),
            momentum=check_unit_interval("momentum", "momentum value", momentum),
        )

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.v[key]


class Nesterov(Momentum):
    r"""Nesterov's accelerated gradient: look ahead along the new velocity.

    .. math::
        \begin{align*}
        V &\leftarrow m V - \alpha \frac{\partial L}{\partial W} \\
        W &\leftarrow W + m V - \alpha \frac{\partial L}{\partial W}
        \end{align*}

    `lr` is α, `momentum` is m; state `v` is V. This is PyTorch's `nesterov=True` form with
    V = -α b. (The reference book's listing scales the new V by m², not the old one.)
    Same settings and state as `Momentum`; only the step differs.
    """

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            self.v[key] = self.momentum * self.v[key] - self.lr * grads[key]
            params[key] += self.momentum * self.v[key] - self.lr * grads[key]


class AdaGrad(Optimizer):
    r"""AdaGrad: each parameter's step shrinks with its own sum of squared gradients.

    .. math::
        \begin{align*}
        h &\leftarrow h + \left(\frac{\partial L}{\partial W}\right)^2 \\
        W &\leftarrow W - \alpha \frac{1}{\sqrt{h} + \epsilon} \frac{\partial L}{\partial W}
        \end{align*}

    `lr` is α, `eps` is ε; state `h`. ε sits outside the root, as in PyTorch; the slide's code
    uses sqrt(h + 1e-7), and the slide's formula has + where - belongs.
    """

    state_names = ("h",)

    def __init__(self, lr=0.01, eps=1e-7):
        super().__init__(
            lr=check_positive("lr", "learning rate", lr),
            eps=check_positive("eps", "epsilon value", eps),
        )

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            self.h[key] += grads[key] * grads[key]
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class RMSprop(Optimizer):
    r"""RMSProp: AdaGrad with an exponential moving average instead of a sum.

    .. math::
        \begin{align*}
        h &\leftarrow \gamma h + (1 - \gamma) \left(\frac{\partial L}{\partial W}\right)^2 \\
        W &\leftarrow W - \alpha \frac{1}{\sqrt{h} + \epsilon} \frac{\partial L}{\partial W}
        \end{align*}

    `lr` is α, `decay_rate` is γ (PyTorch's `alpha`), `eps` is ε, outside the root as in
    PyTorch; state `h`.
    """

    state_names = ("h",)

    def __init__(self, lr=0.01, decay_rate=0.99, eps=1e-7):
        super().__init__(
            lr=check_positive("lr", "learning rate", lr),
            decay_rate=check_unit_interval("decay_rate", "decay rate", decay_rate),
            eps=check_positive("eps", "epsilon value", eps),
        )

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            self.h[key] = self.decay_rate * self.h[key] + (1 - self.decay_rate) * grads[key] ** 2
            params[key] -= self.lr * grads[key] / (np.sqrt(self.h[key]) + self.eps)


class Adam(Optimizer):
    r"""Adam (Kingma & Ba 2015, Algorithm 1): moving averages of g and g², bias-corrected.

    .. math::
        \begin{align*}
        m &\leftarrow \beta_1 m + (1 - \beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1 - \beta_2) g^2 \\
        \hat m &= m / (1 - \beta_1^t), \qquad \hat v = v / (1 - \beta_2^t) \\
        W &\leftarrow W - \alpha \, \hat m / (\sqrt{\hat v} + \epsilon)
        \end{align*}

    g = ∂L/∂W, t counts updates from 1. `lr` is α; state `m` (slide: V) and `v` (slide: h).
    ε is added to the corrected root as in the paper; the slide's code folds both corrections
    into its lr_t and adds ε to the uncorrected root. The slide's formulas put α inside the
    first average and swap the two moments in the update.
    """

    state_names = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        super().__init__(
            lr=check_positive("lr", "learning rate", lr),
            beta1=check_unit_interval("beta1", "beta parameter beta1", beta1),
            beta2=check_unit_interval("beta2", "beta parameter beta2", beta2),
            eps=check_positive("eps", "epsilon value", eps),
        )

    def _step(self, params, grads):
        self._count(params)
        for key in params.keys():
            self.m[key] = self.beta1 * self.m[key] + (1 - self.beta1) * grads[key]
            self.v[key] = self.beta2 * self.v[key] + (1 - self.beta2) * grads[key] ** 2
            m_hat = self.m[key] / (1 - self.beta1**self.t)
            v_hat = self.v[key] / (1 - self.beta2**self.t)
            params[key] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


OPTIMIZERS = {cls.__name__: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)}
"""Every optimizer of the lecture by name, in the lecture's order."""
