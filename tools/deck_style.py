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
- The live figure uses the slide's width, as tall as the slide leaves room for beside the
  controls; `object-fit` keeps its proportions when the height is the limit (the explorer's
  11:5 figure: 85 % of the slide's width at 1920x1080, 89 % at 1280x720).
- The Deck hides output prompts, but JupyterLab still lays its 64-px "click to scroll or
  collapse output" strip (.jp-OutputArea-promptOverlay) over the output's left edge, which is
  where an explorer's Play button sits: a click there collapsed the explorer into a scrolling
  box instead of playing. On a slide that strip is removed.
"""

KEY = "@deathbeds/jupyterlab-fonts"
PRESENTING = "body[data-jp-deck-mode='presenting'] &"
TYPE = "max(14px, min(1.25vw, 2.25vh))"  # 24 px at 1920x1080

STYLES = {
    ":root": {  # jupyterlab-fonts: the rules of this notebook's panel itself
        PRESENTING: {
            "--lecture-deck-type": TYPE,
            "--jp-content-font-size1": "var(--lecture-deck-type)",
            "--jp-code-font-size": "var(--lecture-deck-type)",
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
            "& .jp-OutputArea-output img.widget-image": {
                "width": "100% !important",
                "max-width": "none !important",
                "height": "auto",
                "max-height": "calc(100vh - 16 * var(--lecture-deck-type))",
                "object-fit": "contain",
                "object-position": "left top",
            },
        }
    }
}


def add_deck_style(notebook):
    """Give `notebook` (an nbformat node) the slide stylesheet; returns it."""
    notebook.metadata[KEY] = {"styles": STYLES}
    return notebook
