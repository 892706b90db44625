"""One look for every figure: a Korean font, projector-sized text, colour-blind-safe colours."""

import importlib.util
import pathlib

import matplotlib
from matplotlib import font_manager

# Okabe & Ito (2008), a palette that stays distinct for the common colour-vision deficiencies.
COLORS = {
    "SGD": "#D55E00",  # vermillion
    "Momentum": "#0072B2",  # blue
    "Nesterov": "#CC79A7",  # reddish purple
    "AdaGrad": "#009E73",  # bluish green
    "RMSprop": "#E69F00",  # orange
    "Adam": "#56B4E9",  # sky blue
}
INK = "#000000"
GRADIENT_COLOR = INK  # the downhill arrow; the step arrow takes its optimizer's colour
# Marks and extra runs use colours no optimizer has, so a colour always means one optimizer.
DIVERGED_COLOR = "#FFFFFF"  # the X where a run left, edged in black: seen on any background
MINIMUM_COLOR = "#F0E442"  # the star: Okabe-Ito yellow, the palette's one colour left
EXTRA_COLORS = ("#000000", "#666666", "#999999")  # a second run of the same optimizer, ...

_FONT = "NanumGothic"


def _register_nanum():
    """Add the NanumGothic files that the koreanize-matplotlib package ships.

    Its own import sets the same font but warns (it compares versions with distutils), so the
    files are registered from the package folder without importing it.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    folder = pathlib.Path(next(iter(spec.submodule_search_locations))) / "fonts"
    for path in sorted(folder.glob("NanumGothic*.ttf")):
        font_manager.fontManager.addfont(str(path))


def use_lecture_style():
    """Set matplotlib's defaults for the lecture: Korean text, large type, thick lines."""
    _register_nanum()
    matplotlib.rcParams.update(
        {
            # DejaVu Sans for Latin, digits, superscripts and the minus sign (NanumGothic has
            # no U+2212 and tiny superscripts); each Hangul glyph falls back to NanumGothic.
            "font.family": ["DejaVu Sans", _FONT],
            "font.size": 14,
            "axes.titlesize": 16,
            "axes.labelsize": 15,
            "legend.fontsize": 13,
            "lines.linewidth": 2.5,
            "lines.markersize": 8,
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.prop_cycle": matplotlib.cycler(color=list(COLORS.values())),
        }
    )


use_lecture_style()
