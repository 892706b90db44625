"""The repository around the package: notebooks match their sources, Binder matches the pins."""

import json
import pathlib
import re
import subprocess
import sys

import jupytext
import pytest
from markdown_it import MarkdownIt

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "lecture").glob("[0-9][0-9]_*.py"))
MAX_NOTEBOOK_BYTES = 2_000_000


def pins(path):
    """{name: version} of a requirements file, following `-r` includes."""
    found = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line[3:].strip()))
        elif line:
            name, version = line.split("==")
            found[name.lower()] = version
    return found


def test_every_requirement_is_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            assert not line or line.startswith("-r ") or re.fullmatch(r"[\w.-]+==[\w.]+", line), (
                line
            )


def test_make_lab_and_binder_turn_jupyterlabs_news_and_update_popups_off():
    """The popups cover the slide arrows; `make lab` and Binder read the same defaults file
    (tests/browser/test_news.py sees the effect with `make lab`'s own options)."""
    settings = json.loads((ROOT / "binder" / "lab-settings" / "overrides.json").read_text())
    notification = settings["@jupyterlab/apputils-extension:notification"]
    assert notification == {"fetchNews": "false", "checkForUpdates": False}
    assert "binder/lab-settings" in (ROOT / "Makefile").read_text()
    post_build = (ROOT / "binder" / "postBuild").read_text()
    assert 'cp binder/lab-settings/overrides.json "$settings/overrides.d/' in post_build


def test_binder_installs_exactly_the_pinned_runtime():
    assert pins(ROOT / "binder" / "requirements.txt") == pins(ROOT / "requirements.txt")
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == "python-3.11"
    assert "-e ." in (ROOT / "binder" / "postBuild").read_text()


# What Binder's image (repo2docker) holds before it installs binder/requirements.txt and that our
# pins do not pull in themselves: its base environment for Python 3.11, as in repo2docker's
# buildpacks/conda/environment.py-3.11-linux-64.lock (frozen 2025-11-13). pip leaves these as they
# are unless one of our pins names them, so each must accept our pins.
REPO2DOCKER_BASE = {
    "notebook": "7.4.7",
    "jupyterhub": "5.4.2",
    "jupyterlab-myst": "2.4.2",
    "jupyter-offlinenotebook": "0.3.2",
    "jupyter-resource-usage": "1.2.0",
}


def pip_dry_run():
    """The command of pip resolving binder/requirements.txt with what Binder's image already
    has, for Binder's Python without having that Python (a dry run: about 35 s, most of it
    pip reading the wheels it downloads)."""
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    requirements = ROOT / "binder" / "requirements.txt"
    ours = pins(requirements)
    kept = [f"{name}=={pin}" for name, pin in REPO2DOCKER_BASE.items() if name not in ours]
    return [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--dry-run",
        "--quiet",
        "--python-version",
        version,
        "--only-binary=:all:",
        "--target",
        "/nonexistent",
        "-r",
        str(requirements),
        *kept,
    ]


@pytest.mark.binder  # `make binder-pins`, apart from `make unit`: 32 s of CPU, mostly pip
def test_pins_install_on_binders_python_beside_its_base_environment():
    """pip resolves the pins, with what Binder's image already has, for Binder's Python.
    notebook 7.4.7 and jupyterlab 4.6.6, say, cannot coexist."""
    result = subprocess.run(pip_dry_run(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]


def test_readme_links_point_at_existing_notebooks():
    readme = (ROOT / "README.md").read_text()
    linked = set(re.findall(r"notebooks/(\d\d_\w+\.ipynb)", readme))
    stored = {path.name for path in (ROOT / "notebooks").glob("*.ipynb")}
    assert linked == stored and len(stored) == 9


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_stored_notebook_matches_its_source_and_is_small(source):
    """`make notebooks` was run after the last edit of lecture/NN_name.py."""
    stored_path = ROOT / "notebooks" / f"{source.stem}.ipynb"
    assert stored_path.stat().st_size <= MAX_NOTEBOOK_BYTES
    stored = json.loads(stored_path.read_text(encoding="utf-8"))
    expected = jupytext.read(source)

    def cells(notebook):
        return [
            (cell["cell_type"], "".join(cell["source"]), cell["metadata"].get("slideshow"))
            for cell in notebook["cells"]
        ]

    assert cells(stored) == cells(expected)
    counts = [c["execution_count"] for c in stored["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))  # run top to bottom in a fresh kernel
    # Saved by the build, not from a session: ids by place and no run times, so that a rebuild
    # without a change in the lecture leaves the file as it is.
    ids = [cell["id"] for cell in stored["cells"]]
    assert ids == [f"{source.stem[:2]}-{n:03d}" for n in range(1, len(ids) + 1)]
    assert not any("execution" in cell["metadata"] for cell in stored["cells"])


MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+\$", re.S)
CODE = re.compile(r"<code>.*?</code>|<pre>.*?</pre>", re.S)


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.stem)
def test_markdown_cells_show_no_literal_asterisks(source):
    """CommonMark closes `**` before a letter only if the bold does not end in punctuation:
    `**기울기 (gradient)**입니다` shows its asterisks. Math is set aside first, as JupyterLab
    does."""
    render = MarkdownIt("commonmark").render
    for number, cell in enumerate(jupytext.read(source).cells):
        if cell.cell_type == "markdown":
            html = CODE.sub("", render(MATH.sub("MATH", cell.source)))
            shown = [line for line in html.splitlines() if "**" in line]
            assert not shown, f"cell {number}: {shown}"
