"""optim: the optimizers of the lecture, 2D loss surfaces, trajectories and explorers."""

from optim import style
from optim.convergence import convergence_map
from optim.explorer import explore, race
from optim.optimizers import (
    OPTIMIZERS,
    SGD,
    AdaGrad,
    Adam,
    Momentum,
    Nesterov,
    Optimizer,
    RMSprop,
)
from optim.surfaces import SURFACES, Surface, get_surface
from optim.sweep import Sweep, sweep
from optim.trajectory import Trajectory, run

__all__ = [
    "style",
    "OPTIMIZERS",
    "SURFACES",
    "SGD",
    "AdaGrad",
    "Adam",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
    "Surface",
    "Sweep",
    "Trajectory",
    "convergence_map",
    "explore",
    "get_surface",
    "race",
    "run",
    "sweep",
]
