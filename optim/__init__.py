"""optim: the optimizers of the lecture, 2D loss surfaces, trajectories and explorers."""

from IPython import get_ipython

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
from optim.plotting import show_figures_as_png
from optim.surfaces import SURFACES, Surface, get_surface
from optim.sweep import Sweep, sweep
from optim.trajectory import Trajectory, run

if get_ipython() is not None:  # in a notebook: figures show even without `%matplotlib inline`
    show_figures_as_png(get_ipython())

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
