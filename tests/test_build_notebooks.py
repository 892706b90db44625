"""tools/build_notebooks.py: which sources a command line builds."""

import json
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "build_notebooks.py"


def build(*names):
    return subprocess.run([sys.executable, str(TOOL), *names], capture_output=True, text=True)


def test_an_unknown_name_fails_before_anything_is_built():
    notebook = ROOT / "notebooks" / "07_adam.ipynb"
    before = notebook.stat().st_mtime_ns if notebook.exists() else None
    result = build("07_adam", "typo_name")
    assert result.returncode == 1
    assert "no lecture source named ['typo_name']; choose from ['01_optimization'," in result.stderr
    assert result.stdout == ""
    assert (notebook.stat().st_mtime_ns if notebook.exists() else None) == before


def test_names_match_the_stem_or_the_file_name():
    sys.path.insert(0, str(TOOL.parent))
    try:
        import build_notebooks
    finally:
        sys.path.remove(str(TOOL.parent))
    sources = [ROOT / "lecture" / name for name in ("01_a.py", "02_b.py", "03_c.py")]
    assert build_notebooks.chosen([], sources) == sources
    assert build_notebooks.chosen(["03_c", "01_a.py"], sources) == [sources[0], sources[2]]


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
