"""Checks shared by every optimizer: hyperparameters at construction, arguments of `update`."""

import math
import numbers

import numpy as np


def _check(name, description, value, ok, requirement, single=False):
    """`value` as a float (or a read-only float array, a copy) if `ok` holds for every element.

    Only real numbers count: not strings ("0.1"), dates, None, booleans or complex numbers.
    """

    def refuse(what, shown=value):
        return ValueError(f"Invalid {description}: {shown!r} ({name} {what})")

    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        try:
            value = float(value)
        except OverflowError:  # an int or Fraction beyond float: say so as inf
            raise refuse(requirement, math.inf) from None
    try:
        array = np.array(value)
    except (TypeError, ValueError):  # ragged nested lists
        raise refuse("must be a number or an array of numbers of one shape") from None
    if array.dtype.kind in "bc":
        raise refuse("must be a real number")
    if array.dtype.kind not in "fiu":
        raise refuse(f"must be a number, got {type(value).__name__}")
    if single and array.ndim:
        raise refuse("must be a single number")
    array = array.astype(float)
    with np.errstate(invalid="ignore"):
        good = ok(array)
    if not good.all():
        raise refuse(requirement, float(array[~good].flat[0]))
    if not array.ndim:
        return float(array)
    array.flags.writeable = False
    return array


def check_positive(name, description, value, single=False):
    """A learning rate, an eps, a tolerance: finite and > 0 (elementwise for arrays)."""
    return _check(
        name, description, value, lambda a: np.isfinite(a) & (a > 0), "must be finite and > 0",
        single,
    )  # fmt: skip


def check_unit_interval(name, description, value, single=False):
    """A decay factor (momentum, decay_rate, beta1, beta2): in [0, 1) elementwise."""
    return _check(
        name, description, value, lambda a: (a >= 0) & (a < 1), "must lie in [0, 1)", single
    )


HYPERPARAMETERS = {
    "lr": (check_positive, "learning rate"),
    "eps": (check_positive, "epsilon value"),
    "momentum": (check_unit_interval, "momentum value"),
    "decay_rate": (check_unit_interval, "decay rate"),
    "beta1": (check_unit_interval, "beta parameter beta1"),
    "beta2": (check_unit_interval, "beta parameter beta2"),
}
"""Each hyperparameter's rule and its name in messages, as PyTorch words them."""


def check_hyperparameter(name, value):
    """`value` checked by the rule of hyperparameter `name` (any other name: finite)."""
    if name in HYPERPARAMETERS:
        check, description = HYPERPARAMETERS[name]
        return check(name, description, value)
    return _check(name, f"{name} value", value, np.isfinite, "must be finite")


def _names(keys):
    """Keys in a stable order for messages, whatever their types (1 and 'b' do not compare)."""
    return sorted(keys, key=repr)


def check_update_args(params, grads, hyperparameters):
    """Raise before anything changes if `params` and `grads` cannot be updated together.

    params must be a dict of float numpy arrays, no two sharing memory; grads a dict with
    exactly the same keys and real numbers of the same shapes (arrays, numpy scalars, lists);
    and every array hyperparameter must broadcast to each shape. Returns grads as float
    arrays, so that an integer gradient is squared without overflow.
    """
    if not isinstance(params, dict) or not isinstance(grads, dict):
        raise TypeError(
            f"params and grads must be dicts of numpy arrays, "
            f"got {type(params).__name__} and {type(grads).__name__}"
        )
    missing, extra = params.keys() - grads.keys(), grads.keys() - params.keys()
    if missing or extra:
        raise ValueError(
            f"grads must have the same keys as params: missing {_names(missing)}, "
            f"extra {_names(extra)}"
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
        try:
            grad = np.asarray(grads[key])
        except (TypeError, ValueError):
            raise ValueError(
                f"grads[{key!r}] must be an array of shape {param.shape}, got a ragged sequence "
                f"(rows of different lengths)"
            ) from None
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
    keys = list(params)
    for i, first in enumerate(keys):
        for second in keys[i + 1 :]:
            if np.shares_memory(params[first], params[second]):
                raise ValueError(
                    f"params[{first!r}] and params[{second!r}] share memory (one array, or views "
                    f"of one): an update would move it twice; give each key its own array"
                )
    return floats
