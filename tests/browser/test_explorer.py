"""The explorer in a real browser: the `lr` slider redraws the figure, Play animates it.

The explorer (optim/explorer.py) is an ipywidgets box with an "lr" slider (a number box beside
it), an IntSlider "step" jslinked to a Play, an Image (JPEG) that a Python callback
re-renders, and an HTML/Label readout; the first output in the notebook that has the first
three is the one tested.
Also measured (printed, not asserted): the median time from a key press on the slider to the
new figure painted; `make bench-browser` (benchmarks/bench_browser.py) splits that time into
its parts and measures Play's frames per second. The explorer is screenshotted for the README.
"""

import json
import os
import re
import statistics
import tempfile
from pathlib import Path

import labdriver
import pytest

EXPLORER_NOTEBOOK = "04_momentum.ipynb"
# To try a draft explorer elsewhere: EXPLORER_NOTEBOOK_PATH=/some/draft.ipynb pytest tests/browser
EXPLORER_PATH = Path(
    os.environ.get("EXPLORER_NOTEBOOK_PATH", labdriver.NOTEBOOKS / EXPLORER_NOTEBOOK)
)
SCREENSHOT = Path(tempfile.gettempdir()) / "explorer.png"
LATENCY_SAMPLES = 10
QUIET_MS = 250  # no new image for this long, and the kernel idle: the explorer has settled
MISSING = f"the explorer notebook {EXPLORER_PATH} does not exist yet"

# Counts the image's src changes and, after a key press on the slider handle, records how long
# until the new image is decoded and painted (decode, then the next animation frame).
WATCH = """([img, handle]) => {
  const s = window.__img = {changes: 0, last: performance.now(), t0: null, latencies: []};
  handle.addEventListener('keydown', () => { s.t0 = performance.now(); }, true);
  new MutationObserver(() => {
    s.changes += 1;
    s.last = performance.now();
    if (s.t0 === null) return;
    const t0 = s.t0;
    s.t0 = null;
    img.decode().catch(() => {}).then(() => requestAnimationFrame(
      () => s.latencies.push(performance.now() - t0)));
  }).observe(img, {attributes: true, attributeFilter: ['src']});
}"""


# The Play control's height, and the smallest type in the readout (the arrow legend too).
TIDY = """out => {
  const fonts = [...out.querySelectorAll('.widget-html-content, .widget-html-content *')]
    .filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize));
  return {play: out.querySelector('.widget-play').getBoundingClientRect().height,
          readout: Math.min(...fonts)};
}"""


def slider(root, page, label):
    exact = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return root.locator(".widget-slider").filter(
        has=page.locator("label.widget-label", has_text=exact)
    )


def wait_quiet(page, name):
    labdriver.wait_for(
        page,
        name,
        f"""() => performance.now() - window.__img.last > {QUIET_MS} &&
                  window.__lab.kernelIdle({json.dumps(name)})""",
    )


def counter(page, key):
    return page.evaluate(f"() => window.__img.{key}")


@pytest.mark.skipif(not EXPLORER_PATH.exists() and not labdriver.in_ci(), reason=MISSING)
def test_explorer_slider_and_play(page, lab, capsys, record_property):
    if not EXPLORER_PATH.exists():
        labdriver.skip_or_fail(MISSING)
    name = lab.add(EXPLORER_PATH)
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)

    explorer = (
        page.locator(".jp-OutputArea-output")
        .filter(has=slider(page, page, "lr"))
        .filter(has=page.locator(".widget-play"))
        .filter(has=page.locator("img.widget-image"))
        .first
    )
    explorer.scroll_into_view_if_needed()
    lr, step = slider(explorer, page, "lr"), slider(explorer, page, "step")
    handle, image = lr.locator(".noUi-handle"), explorer.locator("img.widget-image").first
    page.evaluate(WATCH, [image.element_handle(), handle.element_handle()])
    wait_quiet(page, name)
    tidy = explorer.evaluate(TIDY)
    assert tidy["play"] <= 40, f"the Play control is {tidy['play']} px tall"  # was a tall box
    assert tidy["readout"] >= 13, f"readout type down to {tidy['readout']} px"  # legend was 11

    # Move lr by three key presses (towards whichever end is farther): the figure changes.
    now, low, high = (float(handle.get_attribute(f"aria-value{k}")) for k in ("now", "min", "max"))
    keys = ("ArrowRight", "ArrowLeft") if high - now >= now - low else ("ArrowLeft", "ArrowRight")
    src, lr_text = image.get_attribute("src"), labdriver.slider_value(lr)
    for _ in range(3):
        handle.press(keys[0])
    labdriver.wait_for(page, name, "([img, src]) => img.src !== src", [image.element_handle(), src])
    wait_quiet(page, name)
    assert labdriver.slider_value(lr) != lr_text
    assert image.get_attribute("src") != src

    # Latency: one key press at a time (back and forth), each waited for until painted.
    page.evaluate("() => { window.__img.latencies = []; }")
    for i in range(LATENCY_SAMPLES):
        handle.press(keys[(i + 1) % 2])
        labdriver.wait_for(page, name, "n => window.__img.latencies.length > n", i)
        wait_quiet(page, name)
    latencies = counter(page, "latencies")
    median = statistics.median(latencies)
    record_property("slider_to_image_median_ms", round(median, 1))
    with capsys.disabled():
        print(
            f"\n{name}: lr key press -> new figure painted, median {median:.0f} ms over "
            f"{len(latencies)} changes (min {min(latencies):.0f}, max {max(latencies):.0f})"
        )

    # Play: the step readout moves (a Play at its last step may first jump back to 0), then
    # counts up frame by frame; the figure and the text readout follow (a slow figure may
    # skip frames: ipywidgets sends the kernel only the latest value).
    step_readout = step.locator(".widget-readout")
    texts = explorer.locator(".widget-html-content, div.widget-label")
    before_texts, before_changes = texts.all_inner_texts(), counter(page, "changes")
    seen = [int(step_readout.inner_text())]
    explorer.locator(".widget-play button:has(.fa-play)").click()
    for check in ["!==", ">", ">", ">"]:
        labdriver.wait_for(
            page,
            name,
            f"([el, last]) => parseInt(el.textContent, 10) {check} last",
            [step_readout.element_handle(), seen[-1]],
        )
        seen.append(int(step_readout.inner_text()))
    labdriver.wait_for(page, name, "n => window.__img.changes >= n", before_changes + 3)
    pause = explorer.locator(".widget-play button:has(.fa-pause)")
    if pause.count():  # still playing
        pause.click()
    wait_quiet(page, name)
    assert texts.all_inner_texts() != before_texts, "the readout did not change while playing"

    explorer.screenshot(path=SCREENSHOT)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)
