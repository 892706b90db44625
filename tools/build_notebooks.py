"""Build notebooks/NN_*.ipynb from their sources lecture/NN_*.py (jupytext percent format).

Each notebook is executed top to bottom in a clean kernel and stored with its outputs.
Widget views are dropped from the stored outputs: without a kernel they could only say
"model not found"; the animated GIF (text/html) and text that every explorer also emits stay. Stored
PNGs are re-encoded with a 256-colour palette (the figures use far fewer), about a third
of the bytes, so the notebooks open quickly on GitHub. A rebuild that changes nothing in the
lecture changes nothing in the file: cell ids follow the cell's place, no run times are kept,
and consecutive prints are stored as one stream.

Usage: python tools/build_notebooks.py [NAME ...]   (default: every source)
"""

import base64
import io
import pathlib
import sys
import time

import jupytext
import nbformat
from deck_style import add_deck_style  # tools/, beside this script
from nbclient import NotebookClient
from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent
SOURCES, NOTEBOOKS = ROOT / "lecture", ROOT / "notebooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def without_widget_views(notebook):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    notebook.metadata.pop("widgets", None)
    return notebook


def compact_png(data):
    """Base64 PNG -> the same picture with a 256-colour palette, if that is smaller."""
    raw = base64.b64decode(data)
    with Image.open(io.BytesIO(raw)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").quantize(256).save(buffer, format="png", optimize=True)
    smaller = buffer.getvalue()
    return base64.b64encode(smaller).decode("ascii") if len(smaller) < len(raw) else data


def compact_images(notebook):
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                output["data"]["image/png"] = compact_png(output["data"]["image/png"])
    return notebook


def build(source):
    notebook = jupytext.read(source)
    notebook.metadata["kernelspec"] = KERNELSPEC
    notebook.metadata.pop("jupytext", None)
    add_deck_style(notebook)  # how it looks on a slide
    for number, cell in enumerate(notebook.cells, 1):
        cell.id = f"{source.stem[:2]}-{number:03d}"
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
        record_timing=False,
        coalesce_streams=True,
    )
    started = time.perf_counter()
    client.execute()
    target = NOTEBOOKS / f"{source.stem}.ipynb"
    nbformat.write(compact_images(without_widget_views(notebook)), target)
    size = target.stat().st_size
    print(f"{target.name}: {time.perf_counter() - started:.1f} s, {size / 1e3:.0f} kB")


def chosen(names, sources):
    """The sources named (by stem or file name), in order; every name must match one."""
    unknown = [n for n in names if not any(n in (s.stem, s.name) for s in sources)]
    if unknown:
        sys.exit(f"no lecture source named {unknown}; choose from {[s.stem for s in sources]}")
    return [s for s in sources if not names or s.stem in names or s.name in names]


def main(names):
    sources = sorted(SOURCES.glob("[0-9][0-9]_*.py"))
    if not sources:
        sys.exit(f"no lecture sources in {SOURCES}")
    for source in chosen(names, sources):
        build(source)


if __name__ == "__main__":
    main(sys.argv[1:])
