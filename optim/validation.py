"""Checks shared by every optimizer: hyperparameters at construction, arguments of `update`."""

import numpy as np


def _check(name, description, value, ok, requirement):
    """Return `value` as a float (or float array) if `ok` holds for every element."""
    if np.iscomplexobj(value) or isinstance(value, (bool, np.bool_)):
        raise ValueError(f"Invalid {description}: {value!r} ({name} must be a real number)")
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"Invalid {description}: {value!r} ({name} must be a number)") from None
    with np.errstate(invalid="ignore"):
        good = ok(array)
    if not good.all():
        bad = float(array[~good].flat[0])
        raise ValueError(f"Invalid {description}: {bad!r} ({name} {requirement})")
    return array if array.ndim else float(array)


def check_positive(name, description, value):
    """A learning rate, an eps, a tolerance: finite and > 0 (elementwise for arrays)."""
    return _check(
        name, description, value, lambda a: np.isfinite(a) & (a > 0), "must be finite and > 0"
    )


def check_unit_interval(name, description, value):
    """A decay factor (momentum, decay_rate, beta1, beta2): in [0, 1) elementwise."""
    return _check(name, description, value, lambda a: (a >= 0) & (a < 1), "must lie in [0, 1)")


def check_update_args(params, grads, hyperparameters):
    """Raise before anything changes if `params` and `grads` cannot be updated together.

    params must be a dict of float numpy arrays, grads a dict with exactly the same keys and
    real numbers of the same shapes (arrays, numpy scalars, lists), and every array
    hyperparameter must broadcast to each shape. Returns grads as float arrays, so that an
    integer gradient is squared without overflow.
    """
    if not isinstance(params, dict) or not isinstance(grads, dict):
        raise TypeError(
            f"params and grads must be dicts of numpy arrays, "
            f"got {type(params).__name__} and {type(grads).__name__}"
        )
    missing, extra = params.keys() - grads.keys(), grads.keys() - params.keys()
    if missing or extra:
        raise ValueError(
            f"grads must have the same keys as params: missing {sorted(missing)}, "
            f"extra {sorted(extra)}"
        )
    shaped = {name: value for name, value in hyperparameters.items() if np.ndim(value)}
    floats = {}
    for key, param in params.items():
        if not isinstance(param, np.ndarray) or param.dtype.kind != "f":
            kind = param.dtype if isinstance(param, np.ndarray) else type(param).__name__
            raise TypeError(
                f"params[{key!r}] must be a float numpy array (updated in place), got {kind}"
            )
        if not param.flags.writeable:
            raise ValueError(f"params[{key!r}] is read-only; pass a writable copy")
        grad = np.asarray(grads[key])
        if grad.shape != param.shape:
            raise ValueError(
                f"grads[{key!r}] has shape {grad.shape}, but params[{key!r}] has {param.shape}"
            )
        if grad.dtype.kind not in "fiu":
            raise TypeError(f"grads[{key!r}] must hold real numbers, got {grad.dtype}")
        floats[key] = grad.astype(float, copy=False)
        for name, value in shaped.items():
            try:
                shape = np.broadcast_shapes(np.shape(value), param.shape)
            except ValueError:
                shape = None
            if shape != param.shape:
                raise ValueError(
                    f"{name} has shape {np.shape(value)}, which does not broadcast "
                    f"to params[{key!r}] of shape {param.shape}"
                )
    return floats
