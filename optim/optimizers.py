"""The lecture's optimizers, with the slides' interface: `update(params, grads)` in place.

`params` and `grads` are dicts of numpy arrays with the same keys. Every hyperparameter may
also be a numpy array that broadcasts against the parameters, so one run can sweep a grid
of settings. State (velocities, sums, moments) starts at zero and `reset()` clears it.
"""

import numpy as np

from optim.validation import check_hyperparameter, check_update_args


class Optimizer:
    """Common part: checked hyperparameters, explicit per-instance state, all-or-nothing updates.

    A subclass gives only the slide's math for one parameter, `_step(w, g, t, *state)`: the
    new value of w and its new state {name: array}, computed without changing anything. t is
    this parameter's step number (1 at its first update); `state` are its arrays in the order
    of `state_names`, zero at its first update (Momentum: `_step(w, g, t, v)`).

    `update(params, grads)`, the slides' interface, checks params and grads and calls `step`.
    `step(params, grads)` is the same update without the checks, for a runner that checked
    once and keeps the keys, shapes and dtypes (`trajectory.walk`): it computes every key's
    new values first and only then writes them all and counts the steps, so an error on any
    key (e.g. an overflow under `np.errstate(all="raise")`) leaves params, state and step
    counts as they were.
    """

    state_names: tuple[str, ...] = ()
    _names: tuple[str, ...] = ()  # the hyperparameters, set by __init__

    def __init__(self, **hyperparameters):
        object.__setattr__(self, "_names", tuple(hyperparameters))
        for name, value in hyperparameters.items():
            setattr(self, name, value)
        self.reset()

    def __setattr__(self, name, value):
        """A hyperparameter is checked whenever it is set (`o.lr = 0.1` too) and kept as a
        copy (read-only if an array), so changing the caller's array later changes nothing."""
        if name in self._names:
            value = check_hyperparameter(name, value)
        object.__setattr__(self, name, value)

    @property
    def hyperparameters(self):
        """The settings as a dict, e.g. {'lr': 0.01, 'momentum': 0.9}."""
        return {name: getattr(self, name) for name in self._names}

    def reset(self):
        """Forget everything learned so far: state back to zero, no steps counted.

        `t[key]` counts the updates params[key] has had: per parameter, as in PyTorch.
        """
        self.t = {}
        for name in self.state_names:
            setattr(self, name, {})

    def update(self, params, grads):
        """One step on `params` in place; bad params or grads raise before anything changes."""
        self.step(params, check_update_args(params, grads, self.hyperparameters))

    def step(self, params, grads):
        """`update` without its checks: grads must be float arrays shaped as params, as
        `update` (or a runner, once) checked them. All keys are computed, then all written."""
        names, new = self.state_names, {}
        for key, w in params.items():
            t = self.t.get(key, 0) + 1
            state = []  # a loop, not a comprehension: cheaper per call before Python 3.12
            for name in names:
                state.append(self._state(name, key, w))
            value, state = self._step(w, grads[key], t, *state)
            new[key] = np.asarray(value).astype(w.dtype, copy=False), state, t
        for key, (value, state, t) in new.items():
            params[key][...] = value
            for name, array in state.items():
                getattr(self, name)[key] = array
            self.t[key] = t

    def _step(self, w, g, t, *state):
        """The slide's math for one parameter: (new w, {state name: new array})."""
        raise NotImplementedError(f"{type(self).__name__} gives no _step(w, g, t, *state)")

    def _state(self, name, key, w):
        """State `name` of params[key]: zero at its first update, then the same shape as w."""
        state = getattr(self, name)
        if key not in state:
            return np.zeros_like(w)
        if np.shape(state[key]) != w.shape:
            raise ValueError(
                f"params[{key!r}] has shape {w.shape}, but this optimizer's state "
                f"{name}[{key!r}] has shape {np.shape(state[key])} from earlier updates; "
                f"call reset() before using it on new parameters"
            )
        return state[key]

    def __repr__(self):
        settings = ", ".join(f"{name}={value!r}" for name, value in self.hyperparameters.items())
        return f"{type(self).__name__}({settings})"


class SGD(Optimizer):
    r"""Stochastic gradient descent.

    .. math:: W \leftarrow W - \alpha \frac{\partial L}{\partial W}

    `lr` is α. No state. The slide's listing loops over `params.key()`; the method is `keys()`.
    """

    def __init__(self, lr=0.01):
        super().__init__(lr=lr)

    def _step(self, w, g, t):
        return w - self.lr * g, {}


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
        super().__init__(lr=lr, momentum=momentum)

    def _step(self, w, g, t, v):
        v = self.momentum * v - self.lr * g
        return w + v, {"v": v}


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

    def _step(self, w, g, t, v):
        v = self.momentum * v - self.lr * g
        return w + (self.momentum * v - self.lr * g), {"v": v}


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
        super().__init__(lr=lr, eps=eps)

    def _step(self, w, g, t, h):
        h = h + g * g
        return w - self.lr * g / (np.sqrt(h) + self.eps), {"h": h}


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
        super().__init__(lr=lr, decay_rate=decay_rate, eps=eps)

    def _step(self, w, g, t, h):
        h = self.decay_rate * h + (1 - self.decay_rate) * g**2
        return w - self.lr * g / (np.sqrt(h) + self.eps), {"h": h}


class Adam(Optimizer):
    r"""Adam (Kingma & Ba 2015, Algorithm 1): moving averages of g and g², bias-corrected.

    .. math::
        \begin{align*}
        m &\leftarrow \beta_1 m + (1 - \beta_1) g, \qquad
        v \leftarrow \beta_2 v + (1 - \beta_2) g^2 \\
        \hat m &= m / (1 - \beta_1^t), \qquad \hat v = v / (1 - \beta_2^t) \\
        W &\leftarrow W - \alpha \, \hat m / (\sqrt{\hat v} + \epsilon)
        \end{align*}

    g = ∂L/∂W; t counts this parameter's updates from 1 (`t[key]`, PyTorch's per-parameter
    `step`): a parameter first updated later still gets its first step's correction. `lr` is
    α; state `m` (slide: V) and `v` (slide: h). ε is added to the corrected root as in the
    paper; the slide's code folds both corrections into its lr_t and adds ε to the uncorrected
    root. The slide's formulas put α inside the first average and swap the two moments.
    """

    state_names = ("m", "v")

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-7):
        super().__init__(lr=lr, beta1=beta1, beta2=beta2, eps=eps)

    def _step(self, w, g, t, m, v):
        m = self.beta1 * m + (1 - self.beta1) * g
        v = self.beta2 * v + (1 - self.beta2) * g**2
        m_hat = m / (1 - self.beta1**t)
        v_hat = v / (1 - self.beta2**t)
        return w - self.lr * m_hat / (np.sqrt(v_hat) + self.eps), {"m": m, "v": v}


OPTIMIZERS = {cls.__name__: cls for cls in (SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam)}
"""Every optimizer of the lecture by name, in the lecture's order."""
