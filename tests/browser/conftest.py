"""Fixtures for the browser tests: one Chromium and one JupyterLab server per session (the
server runs on a temporary copy of notebooks/), a fresh browser context per test, and every
kernel shut down after each test.

Missing Chromium or playwright skips these tests on a developer's machine and fails them in CI.
"""

import contextlib
import os

import labdriver
import pytest


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        labdriver.skip_or_fail("playwright is not installed (pip install -r requirements-dev.txt)")
    if not os.access(labdriver.CHROMIUM, os.X_OK):
        labdriver.skip_or_fail(
            f"no Chromium at {labdriver.CHROMIUM} (apt-get install chromium, or set CHROMIUM=)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=labdriver.CHROMIUM, args=labdriver.CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def lab(browser, tmp_path_factory):
    """The running JupyterLab (a `labdriver.LabServer`); depends on `browser` so that a missing
    browser skips before a server is started for nothing."""
    with labdriver.lab_server(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def page(request, browser, lab, tmp_path):
    """A page in a fresh browser context. On failure, a screenshot is kept in tmp_path."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    labdriver.prepare_page(page)
    try:
        yield page
    finally:
        if getattr(request.node, "call_failed", False):
            shot = tmp_path / "failure.png"
            with contextlib.suppress(Exception):  # the page may be what broke
                page.screenshot(path=shot, full_page=True)
                print(f"screenshot of the page: {shot}\nserver log: {lab.log}")
        context.close()
        with contextlib.suppress(OSError):  # the server may be gone already
            lab.shutdown_kernels()
