"""The lecture on a projector: a notebook presented as slides with its explorer live, and the
Korean menus that Binder starts with.

Slides come from jupyterlab-slideshow (pinned in requirements.txt). It presents the open notebook
inside JupyterLab itself, by the cells' `slideshow` metadata, so widgets stay what they are in
the notebook: the same views, the same kernel. The Deck button in the notebook's toolbar starts
it; Space and Shift+Space step forward and back a cell at a time (the slide changes where a cell
starts a slide or subslide); Escape ends it.

jupyterlab-rise 0.43.1 (the latest) was tried first and is not used: its slideshow is a second
front end, built from JupyterLab 4.3.4, in which the widget manager of ipywidgets 8.1.9 cannot
load ("Shared module @jupyterlab/console doesn't exist in shared scope default"), so every widget
shows only its static fallback (jupyterlab-contrib/rise#119). It also installs
jupyterlab-mathjax3, a JupyterLab 3 extension.

Screenshots (kept for the README): presentation_title.png, presentation_explorer.png,
deck_playing_1280x720.png, deck_playing_1920x1080.png and korean_menus.png in the temporary
directory.
"""

import json
import re
import shutil
import tempfile
from pathlib import Path

import labdriver
import pytest
from test_click import start_near

NOTEBOOK = "04_momentum.ipynb"
TITLE = "04. 모멘텀"
SHOTS = Path(tempfile.gettempdir())
KOREAN_DEFAULT = labdriver.REPO / "binder" / "lab-korean.json"  # binder/postBuild installs it
MISSING = f"the notebook {labdriver.NOTEBOOKS / NOTEBOOK} does not exist yet"

# The indices of the cells on the current slide (jupyterlab-slideshow marks them), in order.
ONSCREEN = """path => [...window.__lab.panel(path).content.widgets].flatMap(
  (cell, i) => cell.node.classList.contains('jp-deck-mod-onscreen') ? [i] : [])"""
# The first cell whose output is the explorer: an lr slider, a Play and the figure.
EXPLORER_CELL = """path => [...window.__lab.panel(path).content.widgets].findIndex(cell =>
  [...cell.node.querySelectorAll('.jp-OutputArea-output')].some(out =>
    out.querySelector('img.widget-image') && out.querySelector('.widget-play') &&
    [...out.querySelectorAll('.widget-slider label.widget-label')]
      .some(label => label.textContent.trim() === 'lr')))"""
ACTIVE = "path => window.__lab.panel(path).content.activeCellIndex"
PRESENTING = "() => document.body.dataset.jpDeckMode === 'presenting'"


def onscreen(page, name):
    return page.evaluate(ONSCREEN, name)


def active_cell(page, name):
    return page.evaluate(ACTIVE, name)


def focus_notebook(page, name):
    """Focus the active cell in command mode: where a presenter's key presses go."""
    page.evaluate(
        """path => { const notebook = window.__lab.panel(path).content;
                     notebook.mode = 'command';
                     notebook.activeCell.node.focus(); }""",
        name,
    )


def space_to(page, name, cell):
    """Press Space, one step at a time (each waited for), until `cell`'s slide is on screen; the
    slides seen on the way. A step selects the next cell; the slide changes when that cell
    starts a (sub)slide."""
    focus_notebook(page, name)
    slides = [onscreen(page, name)]
    for _ in range(cell):
        if cell in slides[-1]:
            break
        before = active_cell(page, name)
        page.keyboard.press("Space")
        labdriver.wait_for(
            page, name, f"([path, before]) => ({ACTIVE})(path) > before", [name, before]
        )
        if onscreen(page, name) != slides[-1]:
            slides.append(onscreen(page, name))
    assert cell in slides[-1], f"Space never reached cell {cell}; slides: {slides}"
    return slides


def in_view(page, locator):
    box, view = locator.bounding_box(), page.viewport_size
    return (
        box is not None
        and box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= view["width"]
        and box["y"] + box["height"] <= view["height"]
    )


@pytest.mark.skipif(
    not (labdriver.NOTEBOOKS / NOTEBOOK).exists() and not labdriver.in_ci(), reason=MISSING
)
def test_slides_keep_the_explorer_live(page, lab):
    if not (labdriver.NOTEBOOKS / NOTEBOOK).exists():
        labdriver.skip_or_fail(MISSING)
    name = lab.add(labdriver.NOTEBOOKS / NOTEBOOK)
    labdriver.open_notebook(page, lab, name)
    if not page.evaluate("() => window.jupyterapp.commands.hasCommand('deck:toggle')"):
        pytest.fail("jupyterlab-slideshow is not installed (pip install -r requirements.txt)")
    labdriver.run_all(page, name)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)
    explorer_cell = page.evaluate(EXPLORER_CELL, name)
    assert explorer_cell >= 0, f"{name} shows no explorer after Run All"

    # As a teacher would: select the first cell, press the Deck button in the toolbar.
    page.evaluate("path => { window.__lab.panel(path).content.activeCellIndex = 0; }", name)
    page.locator(".jp-NotebookPanel-toolbar [data-command='deck:toggle']").click()
    page.wait_for_function(PRESENTING)
    labdriver.wait_for(page, name, f"path => ({ONSCREEN})(path)[0] === 0", name)
    title = page.locator(".jp-deck-mod-onscreen").first
    assert TITLE in title.inner_text()
    assert in_view(page, title.locator("h1").first)
    page.screenshot(path=SHOTS / "presentation_title.png")

    slides = space_to(page, name, explorer_cell)
    assert len(slides) > 2 and page.evaluate(PRESENTING)

    # The explorer on the slide is the live widget: moving lr redraws its figure, and the
    # arrow keys on the slider move the slider, not the slides.
    explorer = (
        page.locator(".jp-deck-mod-onscreen .jp-OutputArea-output")
        .filter(has=page.locator("img.widget-image"))
        .first
    )
    lr = (
        explorer.locator(".widget-slider")
        .filter(has=page.locator("label.widget-label", has_text=re.compile(r"^\s*lr\s*$")))
        .first
    )
    handle, image = lr.locator(".noUi-handle"), explorer.locator("img.widget-image").first
    assert in_view(page, lr), "the lr slider is not on screen on the explorer's slide"
    src, readout = image.get_attribute("src"), labdriver.slider_value(lr)
    slide = onscreen(page, name)
    now, low, high = (float(handle.get_attribute(f"aria-value{k}")) for k in ("now", "min", "max"))
    for _ in range(3):  # towards whichever end is farther
        handle.press("ArrowRight" if high - now >= now - low else "ArrowLeft")
    labdriver.wait_for(page, name, "([img, src]) => img.src !== src", [image.element_handle(), src])
    labdriver.wait_for(page, name, f"() => window.__lab.kernelIdle({json.dumps(name)})")
    assert labdriver.slider_value(lr) != readout
    assert onscreen(page, name) == slide, "the arrow keys on the lr slider changed the slide"
    assert page.evaluate(PRESENTING)
    page.screenshot(path=SHOTS / "presentation_explorer.png")

    # Escape ends the presentation; the notebook is as before, with nothing wrong on it.
    focus_notebook(page, name)
    page.keyboard.press("Escape")
    page.wait_for_function(f"() => !({PRESENTING})()")
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)


# Font sizes (px, as computed) on the current slide: its text, and the explorer's widget labels,
# slider readouts and the step readout beside Play.
TYPE_SIZES = """() => {
  const size = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
  const slide = '.jp-deck-mod-onscreen';
  const q = selector => document.querySelector(`${slide} ${selector}`);
  return {text: size(q('.jp-RenderedMarkdown p')), heading: size(q('.jp-RenderedMarkdown h1')),
          code: size(q('.jp-InputArea-editor .cm-line')),
          label: size(q('.widget-slider label.widget-label')),
          readout: size(q('.widget-slider .widget-readout')),
          stepReadout: size(q('.widget-html-content b'))};
}"""
# The figure as drawn: its box can be wider than the picture, which keeps its proportions.
FIGURE = """([img, slide]) => {
  const box = img.getBoundingClientRect(), ratio = img.naturalWidth / img.naturalHeight;
  return {width: Math.min(box.width, box.height * ratio), box: box.width,
          slide: slide.getBoundingClientRect().width};
}"""
# The picture's own rectangle inside the image's box (object-fit: contain centres it).
PICTURE = """img => {
  const box = img.getBoundingClientRect(), ratio = img.naturalWidth / img.naturalHeight;
  const width = Math.min(box.width, box.height * ratio), height = width / ratio;
  return {left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2,
          width, height};
}"""
# The data point under fractions (fx, fy) of the explorer's picture, from the kernel: the
# contour axes' own transform of the last explorer the notebook showed (IPython's Out).
DATA_AT = """async ([path, fx, fy]) => {
  const kernel = window.__lab.panel(path).sessionContext.session.kernel;
  const code = [
    'import json',
    'shown = [v for v in Out.values() if type(v).__name__ == "TrajectoryExplorer"][-1].scene',
    'w, h = shown.fig.canvas.get_width_height()',
    `xy = shown.ax.transData.inverted().transform((${fx} * w, (1 - ${fy}) * h))`,
    'print(json.dumps([float(v) for v in xy]))',
  ].join('\\n');
  let text = '';
  const future = kernel.requestExecute({code, store_history: false});
  future.onIOPub = msg => { if (msg.header.msg_type === 'stream') text += msg.content.text; };
  await future.done;
  return JSON.parse(text);
}"""
# JupyterLab's collapsed or scrolled output: what a stray click on its output strip does.
COLLAPSED = """([path, i]) => { const cell = window.__lab.panel(path).content.widgets[i];
  return cell.outputHidden || cell.outputsScrolled ||
         cell.node.classList.contains('jp-mod-outputsScrolled'); }"""
# What the mouse would hit at the centre of an element.
HIT = """el => { const r = el.getBoundingClientRect();
  const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return el.contains(top) ? null : `${top.tagName}.${top.className}`; }"""


@pytest.mark.skipif(
    not (labdriver.NOTEBOOKS / NOTEBOOK).exists() and not labdriver.in_ci(), reason=MISSING
)
@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_play_works_on_a_slide_in_type_a_room_can_read(page, lab, width, height):
    """On a projector: the slide's text, the explorer's labels and readouts are large (1.25 % of
    the width: 24 px at 1920x1080), the figure uses the slide's width, Play plays when the
    presenter clicks it or presses Enter on it (JupyterLab's output strip lay over it), and a
    click on the contours moves the start."""
    if not (labdriver.NOTEBOOKS / NOTEBOOK).exists():
        labdriver.skip_or_fail(MISSING)
    page.set_viewport_size({"width": width, "height": height})
    name = lab.add(labdriver.NOTEBOOKS / NOTEBOOK)
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    explorer_cell = page.evaluate(EXPLORER_CELL, name)
    assert explorer_cell >= 0, f"{name} shows no explorer after Run All"
    page.evaluate("path => { window.__lab.panel(path).content.activeCellIndex = 0; }", name)
    page.locator(".jp-NotebookPanel-toolbar [data-command='deck:toggle']").click()
    page.wait_for_function(PRESENTING)
    try:  # the Deck keeps "presenting" in the user's settings: end it for the next test
        play_and_measure(page, name, explorer_cell, width, height)
    finally:
        page.evaluate("() => window.jupyterapp.commands.execute('deck:stop')")
        page.wait_for_function(f"() => !({PRESENTING})()")


def play_and_measure(page, name, explorer_cell, width, height):
    labdriver.wait_for(page, name, f"path => ({ONSCREEN})(path)[0] === 0", name)
    title = page.evaluate(TYPE_SIZES)  # the title slide's text, checked below

    space_to(page, name, explorer_cell)
    explorer = (
        page.locator(".jp-deck-mod-onscreen .jp-OutputArea-output")
        .filter(has=page.locator("img.widget-image"))
        .first
    )
    image = explorer.locator("img.widget-image").first

    step = (
        explorer.locator(".widget-slider")
        .filter(has=page.locator("label.widget-label", has_text=re.compile(r"^\s*step\s*$")))
        .first.locator(".widget-readout")
    )
    play = explorer.locator(".widget-play button").first
    for part in (play, step, explorer.locator(".widget-html-content").last):
        assert in_view(page, part), f"{part} is not on screen at {width}x{height}"

    def plays(press):
        before, src = int(step.inner_text()), image.get_attribute("src")
        press()
        labdriver.wait_for(
            page,
            name,
            "([el, before]) => parseInt(el.textContent) > before + 2",
            [step.element_handle(), before],
        )
        assert image.get_attribute("src") != src, "the step moved but the figure did not"
        assert not page.evaluate(COLLAPSED, [name, explorer_cell]), "the explorer collapsed"
        assert page.evaluate(PRESENTING)

    def pause():
        play.click()  # the same button, now pause
        labdriver.wait_for(
            page, name, "el => el.querySelector('.fa-play') !== null", play.element_handle()
        )

    # By mouse, where a presenter clicks: nothing may lie over the button.
    page.evaluate("([el]) => el.scrollIntoView({block: 'nearest'})", [play.element_handle()])
    covered = page.evaluate(HIT, play.element_handle())
    assert covered is None, f"{covered} lies over the Play button at {width}x{height}"
    box = play.bounding_box()
    plays(lambda: page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2))
    page.screenshot(path=SHOTS / f"deck_playing_{width}x{height}.png")
    pause()
    slide_now = onscreen(page, name)
    # By keyboard: Tab to the button (focus), then Enter.
    play.focus()
    plays(lambda: page.keyboard.press("Enter"))
    pause()
    assert onscreen(page, name) == slide_now, "pressing Play changed the slide"

    # Type a room can read, and a figure as wide as the slide.
    least = round(0.0125 * width)  # px: 24 at 1920, 16 at 1280
    assert title["text"] >= least, f"slide text is {title['text']} px at {width}x{height}"
    assert title["heading"] > title["text"]
    sizes = page.evaluate(TYPE_SIZES)
    assert sizes["code"] >= 0.8 * least - 0.5  # code is shown smaller, to leave the figure room
    small = {part: px for part, px in sizes.items() if part != "code" and px and px < least}
    assert not small, f"at {width}x{height} type under {least} px on the explorer's slide: {small}"
    slide = page.locator(".jp-Deck .jp-Notebook").first
    figure = page.evaluate(FIGURE, [image.element_handle(), slide.element_handle()])
    share = figure["width"] / figure["slide"]
    assert share >= 0.8, f"the figure uses {share:.0%} of the slide's width ({figure})"
    print(f"{width}x{height}: title {title}, explorer slide {sizes}, figure {figure}")

    # A click on the contours moves the start on the slide too; the picture sits centred in
    # its box (object-fit: contain), which may be wider than the picture.
    src, point = image.get_attribute("src"), page.evaluate(DATA_AT, [name, 0.3, 0.5])
    shown = image.evaluate(PICTURE)
    page.mouse.click(shown["left"] + 0.3 * shown["width"], shown["top"] + 0.5 * shown["height"])
    start_near(page, name, explorer, image, src, point, [0.1 + 1e-9, 0.05 + 1e-9])  # a stop
    assert page.evaluate(PRESENTING) and onscreen(page, name) == slide_now


def test_binder_starts_in_korean_and_the_language_menu_switches_back(browser, tmp_path_factory):
    """binder/postBuild puts binder/lab-korean.json into JupyterLab's settings overrides.d: a
    default, so that a learner's own choice in Settings > Language still wins and is kept."""
    base = tmp_path_factory.mktemp("lab-ko")
    settings = base / "app-settings"
    (settings / "overrides.d").mkdir(parents=True)
    shutil.copy(KOREAN_DEFAULT, settings / "overrides.d" / "lecture-korean.json")
    with labdriver.lab_server(base, args=[f"--LabApp.app_settings_dir={settings}"]) as server:
        locales = server.api("GET", "/lab/api/translations/")["data"]
        if "ko_KR" not in locales:
            pytest.fail(
                "the Korean language pack is not installed (pip install -r requirements.txt)"
            )
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.set_default_timeout(30_000)
            labdriver.prepare_page(page)
            page.goto(f"{server.url}/lab?token={server.token}")
            menus = page.locator("#jp-menu-panel .lm-MenuBar-itemLabel")
            menus.filter(has_text="파일").wait_for()
            korean = {"파일", "편집", "실행", "커널", "설정", "도움말"}  # File Edit Run Kernel ...
            assert korean <= set(menus.all_inner_texts())

            menus.filter(has_text="설정").click()
            page.locator(".lm-Menu-item").filter(has_text="언어").hover()
            english = page.locator(".lm-Menu-item[data-command='jupyterlab-translation:en']")
            english.wait_for()
            page.screenshot(path=SHOTS / "korean_menus.png")
            english.click()
            with page.expect_navigation():  # JupyterLab asks, then reloads in the new language
                page.locator(".jp-Dialog .jp-mod-accept").click()
            menus.filter(has_text="File").wait_for()
            assert "파일" not in menus.all_inner_texts()
            page.reload()  # the choice is kept
            menus.filter(has_text="File").wait_for()
            assert "Settings" in menus.all_inner_texts()
        finally:
            context.close()
