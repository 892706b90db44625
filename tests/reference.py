"""Independent reference optimizers, written from the published algorithms on plain floats.

They share no code with `optim`: scalar Python arithmetic, one coordinate at a time, in the
forms the sources give (PyTorch's documented algorithms; Kingma & Ba 2015, Algorithm 1).
"""

import math


def sgd(grad, start, steps, lr):
    theta = list(start)
    for _ in range(steps):
        g = grad(*theta)
        theta = [t - lr * gi for t, gi in zip(theta, g)]
    return theta


def momentum(grad, start, steps, lr, mu, nesterov=False):
    """torch.optim.SGD with momentum mu, dampening 0: b <- mu b + g; theta <- theta - lr b."""
    theta, b = list(start), [0.0] * len(start)
    for t in range(1, steps + 1):
        g = grad(*theta)
        b = [gi if t == 1 else mu * bi + gi for bi, gi in zip(b, g)]
        step = [gi + mu * bi for gi, bi in zip(g, b)] if nesterov else b
        theta = [th - lr * s for th, s in zip(theta, step)]
    return theta


def adagrad(grad, start, steps, lr, eps):
    """torch.optim.Adagrad: state_sum += g^2; theta -= lr g / (sqrt(state_sum) + eps)."""
    theta, total = list(start), [0.0] * len(start)
    for _ in range(steps):
        g = grad(*theta)
        total = [s + gi * gi for s, gi in zip(total, g)]
        theta = [th - lr * gi / (math.sqrt(s) + eps) for th, gi, s in zip(theta, g, total)]
    return theta


def rmsprop(grad, start, steps, lr, alpha, eps):
    """torch.optim.RMSprop: v <- alpha v + (1 - alpha) g^2; theta -= lr g / (sqrt(v) + eps)."""
    theta, v = list(start), [0.0] * len(start)
    for _ in range(steps):
        g = grad(*theta)
        v = [alpha * vi + (1 - alpha) * gi * gi for vi, gi in zip(v, g)]
        theta = [th - lr * gi / (math.sqrt(vi) + eps) for th, gi, vi in zip(theta, g, v)]
    return theta


def adam(grad, start, steps, alpha, beta1, beta2, eps):
    """Kingma & Ba (2015), Algorithm 1, line by line."""
    theta = list(start)
    m, v = [0.0] * len(start), [0.0] * len(start)
    for t in range(1, steps + 1):
        g = grad(*theta)
        m = [beta1 * mi + (1 - beta1) * gi for mi, gi in zip(m, g)]
        v = [beta2 * vi + (1 - beta2) * gi * gi for vi, gi in zip(v, g)]
        m_hat = [mi / (1 - beta1**t) for mi in m]
        v_hat = [vi / (1 - beta2**t) for vi in v]
        theta = [th - alpha * mh / (math.sqrt(vh) + eps) for th, mh, vh in zip(theta, m_hat, v_hat)]
    return theta


def rosenbrock_grad(x, y):
    """Gradient of (1 - x)^2 + 100 (y - x^2)^2, by hand."""
    return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]


class SlideSGD:
    """The slide's SGD listing as a learner types it (with `keys()`): a class of its own,
    not an `optim.Optimizer`."""

    def __init__(self, lr=0.01):
        self.lr = lr

    def update(self, params, grads):
        for key in params.keys():
            params[key] -= self.lr * grads[key]
