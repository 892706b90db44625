"""How the lecture looks on a slide: a stylesheet that every built notebook carries.

The Deck (jupyterlab-slideshow) styles slides through jupyterlab-fonts, which reads a notebook's
metadata "@deathbeds/jupyterlab-fonts" -> "styles" (JSS: nested CSS as JSON) and applies it to
that notebook's panel only. Putting the style there, not in a JupyterLab setting, makes it hold
wherever the notebook is opened with the pinned requirements: `make lab`, Binder, the browser
tests, a student's own JupyterLab. Every rule is scoped to presenting (the Deck sets
body[data-jp-deck-mode='presenting']), so the notebook itself looks as JupyterLab draws it.

- Type: one size, 1.25 % of the window's width (24 px at 1920x1080, 16 px at 1280x720: the same
  share of the screen), capped by its height so a wide, low window keeps the explorer on screen.
  Markdown text, headings (em-relative to it), code, widget labels and readouts all follow it.
- Rows of sliders share the slide's width (their own layouts are fixed px, sized for a page).
- The live figure uses the slide's width, as tall as the slide leaves room for beside the code
  and the controls (flex boxes from the slide down to the figure); `object-fit` keeps its
  proportions when the height is the limit. Code is 0.8 of the type: on a slide it is shown,
  not read aloud, and a long call leaves the figure room.
- The Deck hides output prompts, but JupyterLab still lays its 64-px "click to scroll or
  collapse output" strip (.jp-OutputArea-promptOverlay) over the output's left edge, which is
  where an explorer's Play button sits: a click there collapsed the explorer into a scrolling
  box instead of playing. On a slide that strip is removed.
"""

KEY = "@deathbeds/jupyterlab-fonts"
PRESENTING = "body[data-jp-deck-mode='presenting'] &"
TYPE = "max(14px, min(1.25vw, 2.25vh))"  # 24 px at 1920x1080

ONSCREEN = ".jp-deck-mod-onscreen"
FIGURE = "img.widget-image"
# The slide that shows a live figure is a column of flex boxes from the notebook's scrolling
# box down to the figure, so that the figure takes the height the rest leaves and no more.
FIT = ".jp-WindowedPanel-outer:has(.jp-deck-mod-onscreen img.widget-image)"
COLUMN = {"display": "flex", "flex-direction": "column", "min-height": "0"}
# (jupyterlab-fonts writes the rules in its own order: none may rely on coming later.)

STYLES = {
    ":root": {  # jupyterlab-fonts: the rules of this notebook's panel itself
        PRESENTING: {
            "--lecture-deck-type": TYPE,
            "--jp-content-font-size1": "var(--lecture-deck-type)",
            "--jp-code-font-size": "calc(0.8 * var(--lecture-deck-type))",
            "--jp-widgets-font-size": "var(--lecture-deck-type)",
            "--jp-widgets-inline-height": "calc(1.6 * var(--lecture-deck-type))",
            "--jp-widgets-inline-label-width": "calc(5 * var(--lecture-deck-type))",
            "--jp-widgets-inline-width-tiny": "calc(5 * var(--lecture-deck-type))",
            "--jp-widgets-slider-handle-size": "calc(0.8 * var(--lecture-deck-type))",
            "& .jp-OutputArea-promptOverlay": {"display": "none"},
            "& .jp-RenderedHTMLCommon": {"font-size": "var(--lecture-deck-type)"},
            "& .jp-OutputArea-output .widget-hbox > .widget-hslider": {
                "width": "auto !important",
                "flex": "1 1 0",
                "min-width": "calc(12 * var(--lecture-deck-type))",
                "max-width": "calc(20 * var(--lecture-deck-type))",
            },
            "& .jp-OutputArea-output .widget-dropdown": {"width": "auto !important"},
            f"& .jp-OutputArea-output {FIGURE}": {
                "width": "100% !important",
                "max-width": "none !important",
                "height": "auto",
                "flex": "0 1 auto",
                "min-height": "0",
                "object-fit": "contain",
                "object-position": "left top",
            },
            f"& {FIT}": {"height": "100vh", **COLUMN},
            f"& {FIT} > .jp-WindowedPanel-inner": {"flex": "1 1 auto", **COLUMN},
            f"& {FIT} .jp-WindowedPanel-viewport": {
                "flex": "1 1 auto",
                "justify-content": "center",
                **COLUMN,
            },
            "& .jp-WindowedPanel-viewport > .jp-Cell": {"flex": "0 0 auto"},
            f"& {ONSCREEN}:has({FIGURE})": {"flex": "0 1 auto", **COLUMN},
            f"& {ONSCREEN} .jp-Cell-outputWrapper:has({FIGURE})": {
                "flex": "0 1 auto",
                "min-height": "0",
            },
            f"& {ONSCREEN} .jp-OutputArea:has({FIGURE})": COLUMN,
            f"& {ONSCREEN} .jp-OutputArea > *": {"flex": "0 0 auto"},
            f"& {ONSCREEN} .jp-OutputArea > .jp-OutputArea-child:has({FIGURE})": {
                "flex": "0 1 auto",
                "min-height": "0",
            },
            f"& {ONSCREEN} .jp-OutputArea-output:has({FIGURE})": COLUMN,
            f"& {ONSCREEN} .jp-OutputArea-output > .widget-vbox:has({FIGURE})": {
                "flex": "0 1 auto",
                "min-height": "0",
            },
            f"& {ONSCREEN} .widget-vbox:has(> {FIGURE}) > :not({FIGURE})": {"flex-shrink": "0"},
        }
    }
}


def add_deck_style(notebook):
    """Give `notebook` (an nbformat node) the slide stylesheet; returns it."""
    notebook.metadata[KEY] = {"styles": STYLES}
    return notebook
