"""Click to place the start, in a real JupyterLab: ipyevents' extension reports a click on the
explorer's image to the kernel, which maps the pixel to data and moves the start there.

The kernel says where it draws known points (as fractions of the figure, from the contour
axes' own transform); the test clicks those spots of the image as the browser shows it and
sees both start sliders take the points' values and the image change: exactly at the image's
own size, within a stop in a narrow window that scales the image down (CSS width 100%), where
one screen pixel spans more than a stop. A click on the loss panel changes nothing.
"""

import json

import labdriver

# On the start sliders' stops of the book surface (0.1 apart in x, 0.05 in y).
WIDE, NARROW = (3.7, -2.1), (-4.2, 3.35)
SOURCES = [
    'from optim import explore\nexplorer = explore("SGD", "book", steps=20, lr=0.1)\nexplorer',
    "import json\n"
    "width, height = explorer.scene.fig.canvas.get_width_height()\n"
    f"xy = explorer.scene.ax.transData.transform([{WIDE}, {NARROW}])\n"
    "print(json.dumps([[x / width, 1 - y / height] for x, y in xy]))",
]
# The number boxes of the two start sliders (optim.controls.ExactSlider), by their labels.
START_BOXES = """out => ['x₀', 'y₀'].map(label => {
  const row = [...out.querySelectorAll('.widget-hbox')].find(box =>
    box.querySelector(':scope > .widget-slider label')?.textContent.trim() === label);
  return parseFloat(row.querySelector(':scope > .widget-text input').value);
})"""
SIZES = "img => [img.getBoundingClientRect().width, img.naturalWidth]"


def start_near(page, name, explorer, image, src, point, tolerance):
    """Wait until the image is no longer `src` and the start boxes show `point` (x, y) within
    `tolerance` (x, y)."""
    labdriver.wait_for(
        page,
        name,
        f"""([out, img, src, point, tol]) => img.src !== src &&
            ({START_BOXES})(out).every((v, i) => Math.abs(v - point[i]) <= tol[i])""",
        [explorer.element_handle(), image.element_handle(), src, point, tolerance],
    )


def test_a_click_on_the_contours_moves_the_start(page, lab, tmp_path):
    name = lab.add(labdriver.write_notebook(tmp_path / "click.ipynb", SOURCES))
    labdriver.open_notebook(page, lab, name)
    labdriver.run_all(page, name)
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)

    printed = page.locator(".jp-CodeCell").nth(1).locator(".jp-OutputArea-output").inner_text()
    wide, narrow = json.loads(printed)
    explorer = page.locator(".jp-OutputArea-output").filter(has=page.locator("img.widget-image"))
    image = explorer.locator("img.widget-image").first
    assert explorer.evaluate(START_BOXES) == [-7, 2]  # the book surface's start

    def click(fx, fy):
        """Click at fractions (fx, fy) of the image as shown; wait for an idle kernel."""
        image.scroll_into_view_if_needed()
        box = image.bounding_box()
        page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
        page.wait_for_timeout(500)
        labdriver.wait_for(page, name, "path => window.__lab.kernelIdle(path)", name)
        return image.get_attribute("src")

    src = image.get_attribute("src")
    assert click(0.8, 0.5) == src  # the loss panel: outside the contour axes
    assert explorer.evaluate(START_BOXES) == [-7, 2]

    page.set_viewport_size({"width": 1700, "height": 1000})  # room beside the file browser
    shown, natural = image.evaluate(SIZES)
    assert shown >= natural - 1, (shown, natural)  # the image at its own size
    click(*wide)
    start_near(page, name, explorer, image, src, WIDE, [1e-9, 1e-9])

    page.set_viewport_size({"width": 900, "height": 1000})
    shown, natural = image.evaluate(SIZES)
    assert shown < 0.6 * natural, (shown, natural)  # a screen pixel spans more than a stop
    src = image.get_attribute("src")
    click(*narrow)
    start_near(page, name, explorer, image, src, NARROW, [0.1 + 1e-9, 0.05 + 1e-9])  # a stop
    found = labdriver.problems(page, name)
    assert not found, labdriver.describe(found)
