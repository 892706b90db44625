"""tools/build_notebooks.py: which sources a command line builds."""

import json
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "build_notebooks.py"


@pytest.fixture(scope="module")
def tool():
    """tools/build_notebooks.py imported in this process (importing jupytext takes seconds:
    once per module, not once more in a subprocess per test)."""
    sys.path.insert(0, str(TOOL.parent))
    try:
        import build_notebooks
    finally:
        sys.path.remove(str(TOOL.parent))
    return build_notebooks


def test_an_unknown_name_fails_before_anything_is_built(tool, monkeypatch, capsys):
    """`python tools/build_notebooks.py 07_adam typo_name` is `main(["07_adam", "typo_name"])`:
    it exits with the message (a str given to SystemExit goes to stderr, exit status 1),
    prints nothing, and builds nothing, not even the name that exists."""
    built = []
    monkeypatch.setattr(tool, "build", built.append)
    notebook = ROOT / "notebooks" / "07_adam.ipynb"
    before = notebook.stat().st_mtime_ns if notebook.exists() else None
    with pytest.raises(SystemExit) as exited:
        tool.main(["07_adam", "typo_name"])
    message = exited.value.code
    assert isinstance(message, str)  # exit status 1, the message on stderr
    assert message.startswith(
        "no lecture source named ['typo_name']; choose from ['01_optimization',"
    )
    assert built == [] and capsys.readouterr().out == ""
    assert (notebook.stat().st_mtime_ns if notebook.exists() else None) == before


def test_names_match_the_stem_or_the_file_name(tool):
    sources = [ROOT / "lecture" / name for name in ("01_a.py", "02_b.py", "03_c.py")]
    assert tool.chosen([], sources) == sources
    assert tool.chosen(["03_c", "01_a.py"], sources) == [sources[0], sources[2]]


def test_every_stored_notebook_carries_the_slide_style():
    """The Deck's stylesheet (tools/deck_style.py, checked in real JupyterLab by
    tests/browser/test_presentation.py) is in every notebook: `make notebooks` adds it."""
    sys.path.insert(0, str(TOOL.parent))
    try:
        import deck_style
    finally:
        sys.path.remove(str(TOOL.parent))
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        metadata = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]
        assert metadata.get(deck_style.KEY) == {"styles": deck_style.STYLES}, notebook.name
