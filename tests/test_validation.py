"""Bad input: clear errors naming what was wrong, and params left as they were."""

import math

import numpy as np
import pytest

from optim import SGD, AdaGrad, Adam, Momentum, Nesterov, RMSprop

BAD_SETTINGS = [
    (SGD, {"lr": -1.0}, "Invalid learning rate: -1.0"),
    (SGD, {"lr": 0}, "Invalid learning rate: 0.0"),
    (SGD, {"lr": math.inf}, "Invalid learning rate: inf"),
    (SGD, {"lr": math.nan}, "Invalid learning rate: nan"),
    (SGD, {"lr": "fast"}, "Invalid learning rate: 'fast'"),
    (SGD, {"lr": True}, "Invalid learning rate: True"),
    (SGD, {"lr": 1j}, "Invalid learning rate: 1j"),
    (Momentum, {"momentum": 1.0}, "Invalid momentum value: 1.0"),
    (Momentum, {"momentum": -0.1}, "Invalid momentum value: -0.1"),
    (Nesterov, {"momentum": 1.5}, "Invalid momentum value: 1.5"),
    (AdaGrad, {"eps": -1e-8}, "Invalid epsilon value: -1e-08"),
    (AdaGrad, {"eps": 0}, "Invalid epsilon value: 0.0"),  # 0/0 where the gradient is 0
    (RMSprop, {"eps": 0.0}, "Invalid epsilon value: 0.0"),
    (Adam, {"eps": 0.0}, "Invalid epsilon value: 0.0"),
    (RMSprop, {"decay_rate": 1.0}, "Invalid decay rate: 1.0"),
    (Adam, {"beta1": 1.0}, "Invalid beta parameter beta1: 1.0"),
    (Adam, {"beta2": -0.5}, "Invalid beta parameter beta2: -0.5"),
    (Adam, {"eps": math.nan}, "Invalid epsilon value: nan"),
    (Momentum, {"lr": np.array([0.1, -2.0])}, "Invalid learning rate: -2.0"),
    (Adam, {"beta1": np.array([[0.9], [1.0]])}, "Invalid beta parameter beta1: 1.0"),
    # Not numbers, though numpy would convert them (to 0.1, 18262.0 days, nan):
    (SGD, {"lr": "0.1"}, "Invalid learning rate: '0.1' (lr must be a number, got str)"),
    (SGD, {"lr": np.datetime64("2020-01-01")}, "Invalid learning rate: np.datetime64('2020"),
    (SGD, {"lr": None}, "Invalid learning rate: None (lr must be a number, got NoneType)"),
    (Momentum, {"momentum": ["0.9"]}, "Invalid momentum value: ['0.9'] (momentum must be a"),
    (SGD, {"lr": [[0.1], [0.1, 0.2]]}, "Invalid learning rate: [[0.1], [0.1, 0.2]] (lr must"),
    (SGD, {"lr": 10**400}, "Invalid learning rate: inf (lr must be finite"),
]


@pytest.mark.parametrize("cls, kwargs, message", BAD_SETTINGS)
def test_bad_hyperparameters_name_argument_and_value(cls, kwargs, message):
    (argument,) = kwargs
    with pytest.raises(ValueError) as error:
        cls(**kwargs)
    assert str(error.value).startswith(message)
    assert argument in str(error.value)


@pytest.mark.parametrize("cls", [SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam])
def test_defaults_are_the_reference_books(cls):
    defaults = {
        SGD: {"lr": 0.01},
        Momentum: {"lr": 0.01, "momentum": 0.9},
        Nesterov: {"lr": 0.01, "momentum": 0.9},
        AdaGrad: {"lr": 0.01, "eps": 1e-7},
        RMSprop: {"lr": 0.01, "decay_rate": 0.99, "eps": 1e-7},
        Adam: {"lr": 0.001, "beta1": 0.9, "beta2": 0.999, "eps": 1e-7},
    }[cls]
    assert cls().hyperparameters == defaults


def params():
    return {"W": np.array([[1.0, 2.0]]), "b": np.array([0.5])}


BAD_UPDATES = [
    ({"W": np.ones((1, 2))}, ValueError, r"missing \['b'\]"),
    ({"W": np.ones((1, 2)), "b": np.ones(1), "c": np.ones(1)}, ValueError, r"extra \['c'\]"),
    ({"W": np.ones((2, 1)), "b": np.ones(1)}, ValueError, r"grads\['W'\] has shape \(2, 1\)"),
    ({"W": np.ones((1, 2)), "b": np.array(["a"])}, TypeError, r"grads\['b'\] must hold real"),
    ([np.ones((1, 2))], TypeError, "must be dicts"),
    ({"W": [[1.0, 2.0]], "b": [[0.5], [1.0, 2.0]]}, ValueError, r"grads\[.b.\] must be an array"),
    ({"W": np.ones((1, 2)), "b": np.ones(1), 1: 0, (2,): 0}, ValueError, r"extra \[\(2,\), 1\]"),
]


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
@pytest.mark.parametrize("grads, error, message", BAD_UPDATES)
def test_bad_grads_raise_and_leave_params_unchanged(cls, grads, error, message):
    optimizer, p = cls(), params()
    with pytest.raises(error, match=message):
        optimizer.update(p, grads)
    np.testing.assert_array_equal(p["W"], [[1.0, 2.0]])
    np.testing.assert_array_equal(p["b"], [0.5])
    assert optimizer.t == {}


@pytest.mark.parametrize(
    "bad, message",
    [
        (np.array([1, 2]), "must be a float numpy array"),
        ([1.0, 2.0], "must be a float numpy array"),
        (np.broadcast_to(np.array([1.0, 2.0]), (2,)), "read-only"),
    ],
)
def test_params_must_be_writable_float_arrays(bad, message):
    with pytest.raises((TypeError, ValueError), match=message):
        SGD().update({"w": bad}, {"w": np.ones(2)})


def test_hyperparameter_array_must_broadcast_to_params():
    optimizer = SGD(lr=np.array([0.1, 0.2, 0.3]))
    w = np.ones(2)
    with pytest.raises(ValueError, match=r"lr has shape \(3,\).*shape \(2,\)"):
        optimizer.update({"w": w}, {"w": np.ones(2)})
    np.testing.assert_array_equal(w, [1.0, 1.0])


def test_update_checks_every_call_not_only_the_first():
    optimizer, p = Adam(), params()
    optimizer.update(p, {"W": np.ones((1, 2)), "b": np.ones(1)})
    before = {key: value.copy() for key, value in p.items()}
    with pytest.raises(TypeError, match=r"grads\['b'\] must hold real"):
        optimizer.update(p, {"W": np.ones((1, 2)), "b": np.array(["a"])})
    np.testing.assert_array_equal(p["W"], before["W"])
    assert optimizer.t == {"W": 1, "b": 1}


def test_integer_gradients_are_squared_as_floats():
    """int8 gradient 100: h = 100² = 10000, so AdaGrad's first step is lr · 100 / 100 = lr."""
    w = {"w": np.array([0.0])}
    AdaGrad(lr=1.0, eps=1e-12).update(w, {"w": np.array([100], dtype=np.int8)})
    assert w["w"][0] == pytest.approx(-1.0, rel=1e-12)


@pytest.mark.parametrize(
    "grad", [[1.0, -4.0], [1, -4], (1.0, -4.0)], ids=["floats", "ints", "tuple"]
)
def test_gradients_given_as_lists_work(grad):
    """SGD with lr 0.5 from 0: w = -0.5 g."""
    w = {"w": np.zeros(2)}
    SGD(lr=0.5).update(w, {"w": grad})
    np.testing.assert_array_equal(w["w"], [-0.5, 2.0])


def test_a_subclass_setting_of_another_name_must_be_a_finite_number():
    """Hyperparameters the package does not know are checked too, when set and when changed."""
    from optim.optimizers import Optimizer

    class DecayedSGD(SGD):
        def __init__(self, lr=0.1, decay=0.5):
            Optimizer.__init__(self, lr=lr, decay=decay)

    optimizer = DecayedSGD(decay=np.float32(0.25))
    assert optimizer.hyperparameters == {"lr": 0.1, "decay": 0.25}
    with pytest.raises(ValueError, match=r"Invalid decay value: inf \(decay must be finite\)"):
        DecayedSGD(decay=math.inf)
    with pytest.raises(ValueError, match=r"Invalid decay value: 'x' \(decay must be a number"):
        optimizer.decay = "x"
    assert optimizer.decay == 0.25
