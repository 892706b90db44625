"""Every explorer and race shows, and runs with, exactly the settings its cell asks for.

For each notebook: Run All, then for every cell that calls explore(...) or race(...), read what
the browser shows after the widgets rendered (and after anything the browser sent back to the
kernel): the value beside each labelled slider, and the readout under the figure, which the
kernel writes from the settings it runs with ("SGD (lr=0.95)"). Both must equal the call's
literal arguments. ipywidgets' own float sliders failed this: the browser snapped lr 0.95 to
1.0 as soon as the slider rendered. Also: a value typed into the lr box is kept exactly.
"""

import ast

import labdriver
import pytest

CALLS = ("explore", "race")


def call_name(node):
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


RUN_SETTINGS = ("steps", "start", "noise", "seed", "schedule")  # the run's, not the optimizer's


def requested(source):
    """[(optimizer, {setting: value})], start and noise (each None if not given) for the cell's
    explore/race call. A schedule object is checked by tests/test_controls.py."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and call_name(node) in CALLS:
            keywords = {k.arg: k.value for k in node.keywords}
            start, noise = (
                literal(keywords[k]) if k in keywords else None for k in RUN_SETTINGS[1:3]
            )
            if call_name(node) == "race":
                return list(ast.literal_eval(node.args[0]).items()), start, noise
            name = ast.literal_eval(node.args[0]) if node.args else "Momentum"
            settings = {
                k: ast.literal_eval(v) for k, v in keywords.items() if k not in RUN_SETTINGS
            }
            return [(name, settings)], start, noise
    return None


def explorer_cells(path):
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and any(f"{c}(" in cell.source for c in CALLS):
            wanted = requested(cell.source)
            if wanted:
                found.append((index, *wanted))
    return found


NOTEBOOKS = sorted(p for p in labdriver.NOTEBOOKS.glob("*.ipynb") if explorer_cells(p))

# Per labelled slider in the cell's output: its label and the value shown beside it (the number
# box next to it, or the slider's own readout if it shows one).
SHOWN = """cell => [...cell.querySelectorAll('.jp-OutputArea .widget-slider')].map(slider => {
  const label = slider.querySelector('label.widget-label')?.textContent.trim();
  const readout = slider.querySelector('.widget-readout');
  const box = slider.parentElement.querySelector(':scope > .widget-text input');
  const text = readout && readout.style.display !== 'none' ? readout.textContent
                                                             : box?.value;
  return [label, text?.trim()];
})"""


def shown_values(cell):
    return cell.evaluate(SHOWN)


def readout_text(cell):
    return " ".join(cell.locator(".widget-html-content").all_inner_texts())


def settle(page, name):
    """Give values the browser sends back after rendering time to reach the kernel and back."""
    page.wait_for_timeout(1500)
    labdriver.wait_for(page, name, f"() => window.__lab.kernelIdle({name!r})")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_explorer_shows_and_runs_the_cells_settings(page, lab, path):
    name = lab.add(path)
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    settle(page, name)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)
    wrong = []
    for index, entries, start, noise in explorer_cells(path):
        cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
        shown, readout = shown_values(cell), readout_text(cell)
        labels = [label for label, _ in shown]
        for slot, (optimizer, settings) in enumerate(entries):
            for setting, value in settings.items():
                # the slot-th slider of that name (a race has one lr slider per optimizer)
                texts = [text for label, text in shown if label == setting]
                n = slot if len(entries) > 1 else 0
                if n >= len(texts):
                    wrong.append(f"cell {index}: no slider {setting!r} for {optimizer} in {labels}")
                elif float(texts[n]) != value:
                    wrong.append(
                        f"cell {index}: {optimizer} {setting} shows {texts[n]}, asked {value}"
                    )
                if f"{setting}={value:.3g}" not in readout:
                    wrong.append(
                        f"cell {index}: {optimizer} runs with other settings than {setting}="
                        f"{value:.3g}: {readout[:200]!r}"
                    )
        if noise is not None:
            texts = [text for label, text in shown if label == "noise σ"]
            if [float(text) for text in texts] != [noise]:
                wrong.append(f"cell {index}: the noise slider shows {texts}, asked {noise}")
            if f"σ = {noise:g}," not in readout:
                wrong.append(f"cell {index}: runs with other noise than {noise}: {readout!r}")
        if start is not None:
            starts = [text for label, text in shown if label and label.endswith("₀")]
            if [float(text) for text in starts] != list(start):
                wrong.append(f"cell {index}: start shows {starts}, asked {start}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)


def test_a_typed_lr_is_kept_exactly(page, lab):
    path = labdriver.NOTEBOOKS / "04_momentum.ipynb"
    index = next(index for index, entries, *_ in explorer_cells(path) if len(entries) == 1)
    name = lab.add(path)
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    settle(page, name)
    cell = page.locator(".jp-Notebook .jp-Cell").nth(index)
    lr = (
        cell.locator(".widget-slider")
        .filter(has=page.locator("label.widget-label", has_text="lr"))
        .first
    )
    cell.scroll_into_view_if_needed()
    readout = lr.locator(".widget-readout")
    if readout.is_visible():  # a slider whose own readout takes typing
        readout.click()
        page.keyboard.press("Control+A")
        page.keyboard.type("0.95")
    else:
        box = lr.locator("xpath=..").locator(":scope > .widget-text input")
        box.fill("0.95")
    page.keyboard.press("Enter")
    settle(page, name)
    assert [text for label, text in shown_values(cell) if label == "lr"] == ["0.95"]
    assert "lr=0.95" in readout_text(cell)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)
