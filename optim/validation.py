"""Checks shared by every optimizer: hyperparameters at construction, arguments of `update`."""

import math
import numbers

import numpy as np


def _check(name, description, value, ok, requirement, single=False, copy=True):
    """`value` as a float (or a read-only float array, a copy) if `ok` holds for every element.

    Only real numbers count: not strings ("0.1"), dates, None, booleans or complex numbers.
    With ``ok=None`` every real number passes (NaN and inf too); with ``copy=False`` an array
    of floats is returned as it is (not copied, not made read-only).
    """

    def refuse(what, shown=value):
        return ValueError(f"Invalid {description}: {shown!r} ({name} {what})")

    if isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_)):
        try:
            value = float(value)
        except OverflowError:  # an int or Fraction beyond float: say so as inf
            raise refuse(requirement, math.inf) from None
    try:
        array = np.array(value, copy=copy or None)
    except (TypeError, ValueError):  # ragged nested lists
        raise refuse("must be a number or an array of numbers of one shape") from None
    if array.dtype.kind in "bc":
        raise refuse("must be a real number")
    if array.dtype.kind not in "fiu":
        raise refuse(f"must be a number, got {type(value).__name__}")
    if single and array.ndim:
        raise refuse("must be a single number")
    array = array.astype(float, copy=copy)
    if ok is not None:
        with np.errstate(invalid="ignore"):
            good = ok(array)
        if not good.all():
            raise refuse(requirement, float(array[~good].flat[0]))
    if not array.ndim:
        return float(array)
    if copy:
        array.flags.writeable = False
    return array


def check_real(name, description, value, single=False):
    """Real numbers of any value, NaN and inf too (a point on a diverged run): not copied."""
    return _check(name, description, value, None, "must be a real number", single, copy=False)


def check_pair(names, first, second):
    """Two arrays of real numbers (NaN and inf too) broadcast against each other: a point
    (x, y) on a surface, a line's (a, b). `names` name them in messages. Two float64 arrays
    of one shape, as a runner passes at every step, are returned as they are."""
    if (
        type(first) is type(second) is np.ndarray
        and first.dtype == second.dtype == np.float64
        and first.shape == second.shape
    ):
        return first, second
    first, second = (np.asarray(check_real(n, n, v)) for n, v in zip(names, (first, second)))
    try:
        return np.broadcast_arrays(first, second)
    except ValueError:
        raise ValueError(
            f"{names[0]} of shape {first.shape} and {names[1]} of shape {second.shape} do not "
            f"broadcast against each other"
        ) from None


def check_finite(name, description, value, single=False):
    """A finite real number, or an array of them (a read-only copy)."""
    return _check(name, description, value, np.isfinite, "must be finite", single)


def check_at_least(name, description, value, low, single=False):
    """A finite real number >= `low` (elementwise for arrays): a noise level, a window."""
    return _check(
        name,
        description,
        value,
        lambda a: np.isfinite(a) & (a >= low),
        f"must be finite and >= {low:g}",
        single,
    )


def check_within(name, description, value, low, high, single=False, open_low=False):
    """A real number in [low, high] (in (low, high] with ``open_low``), elementwise for arrays."""
    above = np.greater if open_low else np.greater_equal
    bracket = "(" if open_low else "["
    return _check(
        name,
        description,
        value,
        lambda a: above(a, low) & (a <= high),
        f"must lie in {bracket}{low:g}, {high:g}]",
        single,
    )


def check_whole(name, value, minimum=0, maximum=None, single=True):
    """`value` as an int (or an int array, ``single=False``) of whole numbers in range.

    Python and numpy integers only: not 2.0, True, "3" or None.
    """
    limits = f">= {minimum:,}" if maximum is None else f"from {minimum:,} to {maximum:,}"
    some = "" if single else " (or an array of them)"
    wrong = ValueError(f"{name} must be a whole number {limits}{some}, got {value!r}")
    if single:
        whole = isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))
        array = np.asarray(int(value) if whole else 0, dtype=object)
    else:
        try:
            array = np.array(value)
        except (TypeError, ValueError):  # ragged nested lists
            raise wrong from None
        whole = array.dtype.kind in "iu"
    if not whole or (array < minimum).any() or (maximum is not None and (array > maximum).any()):
        raise wrong
    return int(value) if single else array


def check_positive(name, description, value, single=False):
    """A learning rate, an eps, a tolerance: finite and > 0 (elementwise for arrays)."""
    return _check(
        name,
        description,
        value,
        lambda a: np.isfinite(a) & (a > 0),
        "must be finite and > 0",
        single,
    )


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
    return check_finite(name, f"{name} value", value)


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
