"""`make lab` (and Binder, whose postBuild installs the same file) starts JupyterLab without its
"Would you like to get notified about official Jupyter news?" pop-up, which covers the slide
arrows in every fresh environment.

The server here gets exactly the JupyterLab options of `make lab`'s command line (`make -n lab`)
and none of the other browser tests' user settings, so it starts as a fresh install would.
"""

import re
import shlex
import subprocess

import labdriver

# Wait this long after JupyterLab restored its layout; the pop-up comes as soon as the settings
# have loaded (well under a second here).
GRACE_MS = 4000


def make_lab_options():
    """The --LabApp./--ServerApp. options in `make lab`'s command line."""
    dry = subprocess.run(
        ["make", "-n", "lab"], cwd=labdriver.REPO, capture_output=True, text=True, check=True
    ).stdout
    words = shlex.split(dry.replace("\\\n", " "))
    return [w for w in words if re.match(r"--(LabApp|ServerApp)\.", w)]


def test_make_lab_shows_no_news_popup(browser, tmp_path):
    options = make_lab_options()
    assert any("app_settings_dir" in option for option in options), options
    with labdriver.lab_server(tmp_path, args=options, settings={}) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 720})
        try:
            page = context.new_page()
            labdriver.prepare_page(page)
            page.goto(f"{server.url}/lab?token={server.token}")
            page.wait_for_function("() => window.jupyterapp !== undefined", timeout=90_000)
            page.evaluate("() => window.jupyterapp.restored")
            page.wait_for_timeout(GRACE_MS)
            text = page.locator("body").inner_text()
            toasts = page.locator(".Toastify__toast").all_inner_texts()
            assert "news" not in text.lower(), toasts
            assert not toasts, f"notifications over the page: {toasts}"
        finally:
            context.close()
