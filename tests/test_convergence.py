"""The convergence map against closed-form theory, and its errors for bad settings."""

import numpy as np
import pytest

from optim import convergence_map, get_surface
from optim.convergence import map_values


def test_the_map_shows_divergence_where_heavy_ball_theory_says():
    """On x²/20 + y² (curvatures 0.1 and 2), heavy-ball momentum diverges exactly when
    lr · 2 > 2 (1 + momentum), i.e. lr > 1 + momentum (the y direction). Cells 10 % on
    either side of that line must be diverged (no value) and not diverged (a value)."""
    cmap = convergence_map("Momentum", "book", steps=200, size=40, lr_range=(0.05, 3.0))
    values, _ = map_values(cmap.result, get_surface("book"), "loss")
    lr, momentum = np.meshgrid(cmap.axes["lr"], cmap.axes["momentum"], indexing="ij")
    limit = 1 + momentum
    assert np.isnan(values[lr > 1.1 * limit]).all()
    inside = (lr < 0.9 * limit) & (lr > 0.2)
    assert inside.sum() > 100 and np.isfinite(values[inside]).all()


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"second": "eps"}, "second must be one of ['momentum', 'decay_rate', 'beta1', 'beta2']"),
        ({"second": "lr"}, "second must be one of"),
        ({"lr_range": (0, 1)}, "Invalid lr range: 0.0 (lr_range must be finite and > 0)"),
        ({"lr_range": (1.0, 0.1)}, "low < high"),
        ({"lr_range": (0.1,)}, "Invalid lr range: (0.1,) (lr_range must be a pair (low, high))"),
        ({"lr_range": (1e-3, 0.1, 1)}, "Invalid lr range: (0.001, 0.1, 1) (lr_range must be a"),
        ({"lr_range": ("1e-3", 1)}, "Invalid lr range: '1e-3' (lr_range must be a number"),
        ({"second_range": (0.5,)}, "Invalid momentum range: (0.5,) (second_range must be a pair"),
        ({"second_range": (0.5, 1.0)}, "Invalid momentum range: 1.0 (second_range must lie in"),
        ({"size": "abc"}, "size must be a whole number from 2 to 1000, got 'abc'"),
        ({"size": 2.5}, "size must be a whole number from 2 to 1000, got 2.5"),
        ({"size": 10**6}, "size must be a whole number from 2 to 1000, got 1000000"),
    ],
)
def test_bad_map_settings_are_named(settings, message):
    with pytest.raises(ValueError) as error:
        convergence_map("Momentum", "book", **{"size": 4, **settings})
    assert message in str(error.value)
