"""Drive a real JupyterLab in headless Chromium: start a server, open a notebook, run it, and
collect what went wrong (tracebacks, stderr, widgets that failed or never rendered).

The browser side goes through JupyterLab's own application object (the server is started with
`--LabApp.expose_app_in_browser=True`, so `window.jupyterapp` exists): run-all is the command
`notebook:run-all-cells`, and "kernel idle" is the session's kernel status. What a learner
sees (prompts, error text, widget views) is read from the DOM of the notebook's cells.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # we may run as root (containers, CI)
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_S = 90  # a cold first start (bytecode, extension discovery) can take a while
RUN_TIMEOUT_S = 180  # one notebook's run-all; the lecture's take ~20 s here
SETTLE_TIMEOUT_S = 15  # widget views to render after the last cell has finished

# User settings for the throwaway JupyterLab: no news/update popups, no network, no autosave
# (we only ever run copies, but a save would also race with the test), and every cell attached
# to the DOM (the default windowing leaves off-screen cells out, which would hide their errors).
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/extensionmanager-extension/plugin": {"enabled": False},
}

# Loopback only: never let an http(s)_proxy from the environment intercept our requests.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def in_ci():
    return os.environ.get("CI") == "true"


def skip_or_fail(reason):
    """Skip on a developer's machine; fail in CI (CI=true), where these suites must run."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LabServer:
    url: str
    token: str
    root: Path
    log: Path

    def api(self, method, path, timeout=10):
        request = urllib.request.Request(
            f"{self.url}{path}", method=method, headers={"Authorization": f"token {self.token}"}
        )
        with _HTTP.open(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def add(self, notebook):
        """Copy `notebook` into the server's root (if it is not there already); its name."""
        notebook = Path(notebook)
        if notebook.resolve().parent != self.root.resolve():
            shutil.copy2(notebook, self.root / notebook.name)
        return notebook.name

    def notebook_url(self, name):
        # A fresh workspace per visit: otherwise the default workspace re-opens (and starts
        # kernels for) every notebook an earlier test opened.
        workspace = f"t{uuid.uuid4().hex[:12]}"
        return (
            f"{self.url}/lab/workspaces/{workspace}/tree/{urllib.parse.quote(name)}"
            f"?token={self.token}"
        )

    def shutdown_kernels(self):
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")

    def log_tail(self, chars=3000):
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def _write_settings(config_dir, settings):
    for plugin, values in settings.items():
        path = config_dir / "lab" / "user-settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@contextlib.contextmanager
def lab_server(base, args=(), settings=None):
    """Run JupyterLab on a copy of notebooks/ under `base`, with throwaway Jupyter/IPython dirs
    (`args`: more command-line options for `jupyter lab`; `settings`: the user settings, by
    default LAB_SETTINGS)."""
    base = Path(base)
    root = base / "notebooks"
    if NOTEBOOKS.is_dir():
        shutil.copytree(NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    else:
        root.mkdir()
    env = dict(os.environ)
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "jupyter-config"),
        ("JUPYTER_DATA_DIR", "jupyter-data"),
        ("JUPYTER_RUNTIME_DIR", "jupyter-runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (base / sub).mkdir()
        env[var] = str(base / sub)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(base / "jupyter-config" / "lab" / "user-settings")
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(base / "jupyter-config" / "lab" / "workspaces")
    _write_settings(base / "jupyter-config", LAB_SETTINGS if settings is None else settings)

    port, token = free_port(), secrets.token_hex(24)
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",  # fail loudly rather than drift to another port
        f"--IdentityProvider.token={token}",  # ServerApp.token is a deprecated alias
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        "--LabApp.expose_app_in_browser=True",
        *args,
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = base / "jupyterlab.log"
    server = LabServer(url=f"http://127.0.0.1:{port}", token=token, root=root, log=log)
    with open(log, "wb") as log_file:
        # A new session: Ctrl-C in the terminal reaches pytest only, which then shuts the
        # server down cleanly (instead of the server asking "Shutdown? (y/[n])").
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=base,
            start_new_session=True,
        )
        try:
            _wait_until_up(server, process)
            yield server
        finally:
            _stop(server, process)


def _wait_until_up(server, process):
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with {process.returncode}:\n{server.log_tail()}"
            )
        try:
            server.api("GET", "/api/status", timeout=2)
            return
        except urllib.error.HTTPError as error:
            error.close()
        except OSError:  # refused / reset while it starts
            pass
        time.sleep(0.2)
    raise RuntimeError(f"jupyter lab did not answer in {SERVER_START_S} s:\n{server.log_tail()}")


def _stop(server, process):
    """Shut down via the API (which also shuts down kernels), then escalate if needed."""
    if process.poll() is None:
        with contextlib.suppress(OSError):
            server.api("POST", "/api/shutdown", timeout=5)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


# --- the browser side ------------------------------------------------------------------------

# Helpers installed in every page before JupyterLab's own scripts (window.__lab).
_INIT_SCRIPT = (Path(__file__).parent / "lab_helpers.js").read_text(encoding="utf-8")


def prepare_page(page):
    """Install the helpers in `page` (before any navigation)."""
    page.add_init_script(_INIT_SCRIPT)


def open_notebook(page, server, name):
    """Open `name` (a path relative to the server root) and wait for an idle kernel."""
    page.goto(server.notebook_url(name))
    page.wait_for_function(
        "path => window.__lab.dialog() || window.__lab.kernelIdle(path)",
        arg=name,
        timeout=SERVER_START_S * 1000,
    )
    _fail_on_dialog(page, f"opening {name}")


def run_all(page, name, timeout_s=RUN_TIMEOUT_S):
    """Run every cell of the open notebook `name`; wait until all finished and widgets drew."""
    page.evaluate("path => window.__lab.runAll(path)", name)
    page.wait_for_function(
        """path => window.__lab.dialog() ||
                  (window.__runAll !== undefined && !window.__lab.running(path) &&
                   window.__lab.kernelIdle(path))""",
        arg=name,
        timeout=timeout_s * 1000,
        polling=100,
    )
    _fail_on_dialog(page, f"running {name}")
    # The cells are done, but widget views render asynchronously after their model arrives.
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # one that never renders: see problems()
        page.wait_for_function(
            "path => window.__lab.loadingWidgets(path) === 0",
            arg=name,
            timeout=SETTLE_TIMEOUT_S * 1000,
        )
    return page.evaluate("() => window.__runAll")


def wait_for(page, name, predicate, arg=None, timeout_s=30):
    """Wait until the JS function `predicate(arg)` is true, but fail at once, saying what went
    wrong, if the notebook `name` shows a problem first (say a widget callback raised)."""
    page.wait_for_function(
        f"([path, arg]) => window.__lab.problems(path).length > 0 || ({predicate})(arg)",
        arg=[name, arg],
        timeout=timeout_s * 1000,
        polling=50,
    )
    found = problems(page, name)
    if found:
        pytest.fail(f"{name} shows problems:\n{describe(found)}", pytrace=False)


def problems(page, name):
    """Everything wrong in the notebook `name` as shown on screen: a list of dicts."""
    return page.evaluate("path => window.__lab.problems(path)", name)


def slider_value(slider):
    """The value shown beside an explorer's slider (`slider`: its .widget-slider): the number
    box next to it (optim.controls.ExactSlider; the slider itself shows no readout)."""
    return slider.locator("xpath=..").locator(":scope > .widget-text input").input_value()


def rendered_markdown(page):
    """The text of every rendered markdown cell, without its code spans and blocks."""
    return page.locator(".jp-MarkdownCell .jp-RenderedMarkdown").evaluate_all(
        """cells => cells.map(cell => {
            const copy = cell.cloneNode(true);
            copy.querySelectorAll('code, pre').forEach(code => code.remove());
            return copy.textContent;
        })"""
    )


def write_notebook(path, sources):
    """A minimal nbformat-4 notebook of code cells (markdown cells: sources starting '# md:')."""
    cells = []
    for i, source in enumerate(sources):
        markdown = source.startswith("# md:")
        cell = {
            "cell_type": "markdown" if markdown else "code",
            "id": f"cell{i}",
            "metadata": {},
            "source": source.removeprefix("# md:"),
        }
        if not markdown:
            cell.update(execution_count=None, outputs=[])
        cells.append(cell)
    kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {"kernelspec": kernelspec},
        "cells": cells,
    }
    Path(path).write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return Path(path)


def describe(found):
    lines = []
    for problem in found:
        where = "notebook" if problem["cell"] is None else f"cell {problem['cell']}"
        lines.append(f"- {where} ({problem['kind']}):\n{problem['text']}")
    return "\n".join(lines)


def _fail_on_dialog(page, doing):
    text = page.evaluate("() => window.__lab.dialog()")
    if text:
        pytest.fail(f"JupyterLab showed a dialog while {doing}:\n{text}", pytrace=False)
