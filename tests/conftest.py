"""A test that waits on the network (`@pytest.mark.start_early(start=...)`, `start()` returning a
`subprocess.Popen`) has its process started as soon as the tests are collected, so that the
wait overlaps the other tests; the test gets the process from the `early` fixture.

Under pytest-xdist (`make unit` runs one worker per core) every worker collects every test
but runs only some, so nothing starts early there: the test starts its process itself, and
the other worker goes on meanwhile."""

import os

import pytest

STARTED = {}  # node id -> the process started for it


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "start_early(start): start(), a subprocess, begins when collection ends"
    )


def pytest_collection_finish(session):
    if "PYTEST_XDIST_WORKER" in os.environ:
        return
    for item in session.items:  # the selected ones: `-k "not binder"` starts nothing
        marker = item.get_closest_marker("start_early")
        if marker is not None:
            STARTED[item.nodeid] = marker.kwargs["start"]()


def pytest_sessionfinish(session):
    for process in STARTED.values():  # not waited for: a test that did not run
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture
def early(request):
    """The process started for this test when collection ended (started now if it was not)."""
    process = STARTED.pop(request.node.nodeid, None)
    if process is None:
        process = request.node.get_closest_marker("start_early").kwargs["start"]()
    return process
