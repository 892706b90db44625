"""2D loss surfaces with exact gradients, for watching optimizers move.

Every `value(x, y)` and `gradient(x, y) -> (∂f/∂x, ∂f/∂y)` takes array-likes and broadcasts
x against y, so a meshgrid or a batch of points is evaluated in one call.
"""

import functools
import reprlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from optim import regression
from optim.validation import check_pair


@dataclass(frozen=True)
class Surface:
    """A loss surface f(x, y), its exact gradient, and how to show it."""

    name: str  # registry key (ascii)
    title: str  # label for plots
    value: Callable  # value(x, y) -> ndarray
    gradient: Callable  # gradient(x, y) -> (df/dx, df/dy)
    minima: tuple  # the global minima (x, y); () for the saddle
    min_value: float  # the global minimum value; -inf for the saddle; NaN: not known
    window: tuple  # default view (xmin, xmax, ymin, ymax)
    start: tuple  # default start (x0, y0)
    log_scale: bool  # whether contour levels should be log-spaced
    axis_labels: tuple = ("x", "y")
    resolution: int = 150  # contour grid points per axis (fewer where a value is costly)


def _vectorised(func):
    """Let `func(x, y)` take array-likes: convert to float and broadcast x against y."""

    @functools.wraps(func)
    def wrapper(x, y):
        return func(*check_pair("xy", x, y))

    return wrapper


def _beale_terms(x, y):
    """The residuals c_k - x (1 - y^k), k = 1, 2, 3, whose squares sum to Beale's function."""
    return [(k, c - x * (1 - y**k)) for k, c in ((1, 1.5), (2, 2.25), (3, 2.625))]


@_vectorised
def _beale_gradient(x, y):
    """∂f/∂x = Σ 2 t_k (y^k - 1), ∂f/∂y = Σ 2 t_k k x y^(k-1)."""
    terms = _beale_terms(x, y)
    return (
        sum(2 * t * (y**k - 1) for k, t in terms),
        sum(2 * t * k * x * y ** (k - 1) for k, t in terms),
    )


@_vectorised
def _himmelblau_gradient(x, y):
    """With u = x² + y - 11 and v = x + y² - 7: ∂f/∂x = 4xu + 2v, ∂f/∂y = 2u + 4yv."""
    u, v = x**2 + y - 11, x + y**2 - 7
    return 4 * x * u + 2 * v, 2 * u + 4 * y * v


_FIT = regression.least_squares()  # (2.3, 79.0): the best line through the scores
_REGRESSION = dict(
    minima=(_FIT,),
    window=(-4.0, 10.0, 50.0, 110.0),
    start=regression.slide_initial_values(),  # the slide's seeded (a0, b0)
    axis_labels=("a", "b"),
)

SURFACES = {
    s.name: s
    for s in [
        Surface(
            name="book",
            title="책의 예: f(x, y) = x²/20 + y²",
            value=_vectorised(lambda x, y: x**2 / 20 + y**2),
            gradient=_vectorised(lambda x, y: (x / 10, 2 * y)),
            minima=((0.0, 0.0),),
            min_value=0.0,
            window=(-10.0, 10.0, -5.0, 5.0),
            start=(-7.0, 2.0),
            log_scale=False,
        ),
        Surface(
            name="ill_conditioned",
            title="길쭉한 그릇: f(x, y) = 0.1x² + 2y²",
            value=_vectorised(lambda x, y: 0.1 * x**2 + 2 * y**2),
            gradient=_vectorised(lambda x, y: (0.2 * x, 4 * y)),
            minima=((0.0, 0.0),),
            min_value=0.0,
            window=(-10.0, 10.0, -5.0, 5.0),
            start=(-8.0, 3.0),
            log_scale=False,
        ),
        Surface(
            name="rosenbrock",
            title="로젠브록: f(x, y) = (1 − x)² + 100(y − x²)²",
            value=_vectorised(lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2),
            gradient=_vectorised(
                lambda x, y: (-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2))
            ),
            minima=((1.0, 1.0),),
            min_value=0.0,
            window=(-2.0, 2.0, -1.0, 3.0),
            start=(-1.5, 2.0),
            log_scale=True,
        ),
        Surface(
            name="beale",
            title="빌: f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
            value=_vectorised(lambda x, y: sum(t**2 for _, t in _beale_terms(x, y))),
            gradient=_beale_gradient,
            minima=((3.0, 0.5),),
            min_value=0.0,
            window=(-4.5, 4.5, -4.5, 4.5),
            start=(1.0, 1.5),
            log_scale=True,
        ),
        Surface(
            name="himmelblau",
            title="힘멜블라우: f(x, y) = (x² + y − 11)² + (x + y² − 7)²",
            value=_vectorised(lambda x, y: (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2),
            gradient=_himmelblau_gradient,
            minima=(
                (3.0, 2.0),
                (-2.805118086952745, 3.131312518250573),
                (-3.779310253377747, -3.2831859912861696),
                (3.5844283403304917, -1.8481265269644036),
            ),
            min_value=0.0,
            window=(-6.0, 6.0, -6.0, 6.0),
            start=(0.0, 0.0),
            log_scale=True,
        ),
        Surface(
            name="saddle",
            title="안장점: f(x, y) = x² − y²",
            value=_vectorised(lambda x, y: x**2 - y**2),
            gradient=_vectorised(lambda x, y: (2 * x, -2 * y)),
            minima=(),
            min_value=-np.inf,
            window=(-2.0, 2.0, -2.0, 2.0),
            start=(-1.8, 0.05),
            log_scale=False,
        ),
        Surface(
            name="regression_rmse",
            title="회귀의 RMSE: 점수 데이터, (a, b) 평면",
            value=regression.rmse,
            gradient=regression.rmse_gradient,
            min_value=float(regression.rmse(*_FIT)),
            log_scale=False,
            **_REGRESSION,
        ),
        Surface(
            name="regression_mse",
            title="회귀의 MSE: 점수 데이터, (a, b) 평면",
            value=regression.mse,
            gradient=regression.mse_gradient,
            min_value=float(regression.mse(*_FIT)),
            log_scale=True,
            **_REGRESSION,
        ),
    ]
}


def get_surface(name):
    """The registered surface called `name` (a `Surface` is returned as it is)."""
    if isinstance(name, Surface):
        return name
    if not isinstance(name, str):
        raise ValueError(
            f"surface must be a name such as 'book' or a Surface, got {type(name).__name__} "
            f"{reprlib.repr(name)}"
        )
    if name not in SURFACES:
        raise ValueError(f"Unknown surface: {name!r}; choose one of {', '.join(SURFACES)}")
    return SURFACES[name]
