"""optim: the optimizers of the lecture, 2D loss surfaces, trajectories and explorers.

The numerical core (optimizers, learning-rate schedules, surfaces, trajectories, sweeps)
needs numpy alone and is imported at once. The explorers and `style` need matplotlib and
ipywidgets and are imported on first use (PEP 562 `__getattr__`), so a script or a test that
only runs optimizers starts without them. Inside a running IPython kernel, `import optim`
sets up figures at once (the lecture's style, and PNG output without `%matplotlib inline`).
`import optim` also keeps freed memory for reuse (optim.heap): large numpy temporaries are
then not page-faulted anew at every step.
"""

import importlib
import sys

from optim.heap import keep_freed_memory
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
from optim.schedules import (
    SCHEDULES,
    CosineAnnealingLR,
    ExponentialLR,
    LinearLR,
    Schedule,
    SequentialLR,
    StepLR,
)
from optim.surfaces import SURFACES, Surface, get_surface
from optim.sweep import Sweep, sweep
from optim.trajectory import Trajectory, run

_LAZY = {
    "style": "optim.style",
    "convergence_map": "optim.convergence",
    "explore": "optim.explorer",
    "race": "optim.explorer",
}
"""Exports that need matplotlib or ipywidgets: name -> the module that defines it."""


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module 'optim' has no attribute {name!r}")
    module = importlib.import_module(_LAZY[name])
    value = module if module.__name__ == f"optim.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(__all__))


def _set_up_figures():
    """In a running IPython kernel: the lecture's style, and pyplot-free figures shown as PNG.
    IPython is not imported here: a script that never started it does not pay for it."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None:
        from optim.plotting import show_figures_as_png  # imports optim.style: sets rcParams

        show_figures_as_png(shell)


keep_freed_memory()
_set_up_figures()

__all__ = [
    "style",
    "OPTIMIZERS",
    "SCHEDULES",
    "SURFACES",
    "SGD",
    "AdaGrad",
    "Adam",
    "CosineAnnealingLR",
    "ExponentialLR",
    "LinearLR",
    "Momentum",
    "Nesterov",
    "Optimizer",
    "RMSprop",
    "Schedule",
    "SequentialLR",
    "StepLR",
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
