"""A test that waits on the network (`@pytest.mark.start_early(command=...)`, `command()` the
argv of a subprocess) has that subprocess started as soon as the tests are collected, so that
its wait overlaps the other tests; the test gets `(returncode, stderr)` from the `early` fixture.

Under pytest-xdist (`make unit` runs one worker per core) every worker collects every test but
runs only some, perhaps another worker's start. So the first worker to claim a test (a file
made with O_EXCL) starts it, and the exit code and stderr go to files in a folder shared by the
whole run; the worker that runs the test reads them there. A worker's session ends only when
what it started has ended (another worker may be waiting for it), unless the run was stopped."""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

STARTED = []  # the processes this process started
FOLDER = "OPTIM_EARLY_FOLDER"  # environment variable: the shared folder, inherited by workers
# Runs the command with stderr to a file, then writes its exit code (renamed into place whole).
WRAPPER = """import os, subprocess, sys
code, err, *command = sys.argv[1:]
with open(err, "w") as stderr:
    returncode = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stderr).returncode
with open(code + ".part", "w") as file:
    file.write(str(returncode))
os.replace(code + ".part", code)
"""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "start_early(command): command(), an argv, starts when collection ends"
    )
    if not hasattr(config, "workerinput"):  # the main process: the workers inherit the folder
        os.environ[FOLDER] = tempfile.mkdtemp(prefix="optim-early-")


def files(nodeid):
    """The claim, exit-code and stderr files of one test."""
    name = hashlib.sha1(nodeid.encode()).hexdigest()[:16]
    folder = Path(os.environ[FOLDER])
    return folder / f"{name}.claim", folder / f"{name}.code", folder / f"{name}.err"


def start(item):
    """Start the test's command unless another worker already has."""
    claim, code, err = files(item.nodeid)
    try:
        os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return
    command = item.get_closest_marker("start_early").kwargs["command"]()
    STARTED.append(subprocess.Popen([sys.executable, "-c", WRAPPER, str(code), str(err), *command]))


def pytest_collection_finish(session):
    for item in session.items:  # the selected ones: `-k "not binder"` starts nothing
        if item.get_closest_marker("start_early") is not None:
            start(item)


def pytest_sessionfinish(session, exitstatus):
    stopped = session.shouldstop or session.shouldfail or exitstatus == pytest.ExitCode.INTERRUPTED
    for process in STARTED:
        if stopped:
            process.kill()  # the wrapper; its command, orphaned, ends on its own
        process.wait()
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(os.environ.pop(FOLDER), ignore_errors=True)


@pytest.fixture
def early(request):
    """wait(timeout) -> (returncode, stderr) of the command started for this test."""
    _, code, err = files(request.node.nodeid)
    start(request.node)  # nothing happens if it was started at collection

    def wait(timeout):
        deadline = time.monotonic() + timeout
        while not code.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"the command started for this test took over {timeout} s")
            time.sleep(0.2)
        return int(code.read_text()), err.read_text()

    return wait
