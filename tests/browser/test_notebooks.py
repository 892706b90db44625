"""Every lecture notebook runs top to bottom in a real JupyterLab with nothing red on screen.

nbval checks the numbers; this checks what a learner sees: no traceback or stderr output, no
"Error displaying widget", no widget left at "Loading widget...", no cell left unexecuted, and
no markdown that JupyterLab leaves unrendered (a literal `**` outside code).
"""

import labdriver
import pytest

NOTEBOOK_NAMES = sorted(path.name for path in labdriver.NOTEBOOKS.glob("*.ipynb"))
NO_NOTEBOOKS = f"no notebooks in {labdriver.NOTEBOOKS}"


# An empty folder must not pass silently: a visible skip locally (the mark skips before any
# fixture starts), a failure in CI (the test body fails).
NONE = pytest.param(
    None, id="none", marks=[] if labdriver.in_ci() else [pytest.mark.skip(reason=NO_NOTEBOOKS)]
)


@pytest.mark.parametrize("name", NOTEBOOK_NAMES or [NONE])
def test_every_notebook_runs_clean(page, lab, name):
    if name is None:
        labdriver.skip_or_fail(NO_NOTEBOOKS)
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    found = labdriver.problems(page, name)
    assert not found, f"{name} shows problems after Run All:\n{labdriver.describe(found)}"
    markdown = labdriver.rendered_markdown(page)
    assert markdown, f"{name}: no rendered markdown found"
    stray = [text[:200] for text in markdown if "**" in text]
    assert not stray, f"{name} shows literal ** in its markdown: {stray}"


def test_harness_sees_problems(page, lab):
    """The checker itself: a clean notebook with a widget gives nothing, and each kind of
    problem is found in the cell it is in. Without this, a JupyterLab that renders outputs
    differently would make the test above pass vacuously."""
    clean = labdriver.write_notebook(
        lab.root / "_harness_clean.ipynb",
        [
            "import ipywidgets as w\n"
            "def callback(change):\n"
            "    raise RuntimeError('a widget callback failed')\n"
            "n = w.IntSlider(description='n')\n"
            "n.observe(callback, names='value')\n"
            "n",
            "print('fine')",
        ],
    )
    labdriver.open_notebook(page, lab, clean.name)
    labdriver.run_all(page, clean.name)
    assert labdriver.problems(page, clean.name) == []
    # A callback fired from the browser fails: JupyterLab shows it in no cell, only in its
    # log console; it must be found all the same.
    page.locator(".widget-slider .noUi-handle").press("ArrowRight")
    page.wait_for_function("p => window.__lab.problems(p).length > 0", arg=clean.name)
    (found,) = labdriver.problems(page, clean.name)
    assert found["cell"] is None and "a widget callback failed" in found["text"], found
    # So must an uncaught exception in the page's JavaScript (a widget view's, say).
    page.evaluate("() => { setTimeout(() => { throw new Error('a view failed'); }); }")
    page.wait_for_function("p => window.__lab.problems(p).length > 1", arg=clean.name)
    assert "a view failed" in labdriver.problems(page, clean.name)[-1]["text"]

    broken = labdriver.write_notebook(
        lab.root / "_harness_broken.ipynb",
        [
            "# md:# a markdown cell is never 'not run'",
            "print('fine')",
            "import sys\nprint('a warning', file=sys.stderr)",
            # A view of a widget model that does not exist: "Error displaying widget".
            "from IPython.display import display\n"
            "display({'application/vnd.jupyter.widget-view+json': "
            "{'model_id': 'f' * 32, 'version_major': 2, 'version_minor': 0}}, raw=True)",
            "",  # an empty code cell is not 'not run' either
            # Run All sends every cell at once; the kernel drops those that arrived before an
            # error and runs any that arrive after it. A second's wait lets them all arrive.
            "import time\ntime.sleep(1)\n1 / 0",
            "print('never reached')",
            # CommonMark does not close a bold that ends in punctuation before a letter.
            "# md:**기울기 (gradient)**입니다, `a ** 2`",
        ],
    )
    page.goto("about:blank")  # a new page, as a learner opening another notebook would
    labdriver.open_notebook(page, lab, broken.name)
    result = labdriver.run_all(page, broken.name)
    assert result["ok"] is False
    found = labdriver.problems(page, broken.name)
    kinds = {(p["cell"], p["kind"]) for p in found}
    assert kinds == {
        (2, "stderr/traceback"),
        (3, "widget error"),
        (5, "stderr/traceback"),
        (6, "not run"),
    }, labdriver.describe(found)
    traceback = next(p["text"] for p in found if p["cell"] == 5)
    assert "ZeroDivisionError" in traceback
    shown = labdriver.rendered_markdown(page)  # the stray ** seen, the code span left out
    assert any("**기울기 (gradient)**입니다" in t and "a ** 2" not in t for t in shown), shown
