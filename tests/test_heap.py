"""optim.heap: after `import optim`, large numpy temporaries reuse freed memory.

Counted in minor page faults (not timed): a fresh interpreter makes and frees 100 pairs of
400 kB temporaries, without and with `import optim`.
"""

import platform
import subprocess
import sys

import pytest

FAULTS_PER_STEP = """
import resource, sys
import numpy as np
if sys.argv[1] == "optim":
    import optim
a = np.ones((24, 64, 32))  # 393 kB, the size of notebook 09's stacked W1
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(100):
    b = a * 2.0
    c = b + a
    del b, c
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 100)
"""


def faults_per_step(imports):
    command = [sys.executable, "-c", FAULTS_PER_STEP, imports]
    return float(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the thresholds are glibc's")
def test_import_optim_stops_page_faults_on_large_temporaries():
    pages = 24 * 64 * 32 * 8 // 4096  # 96 pages in each temporary
    assert faults_per_step("numpy") > pages  # glibc's defaults: fresh pages every time
    assert faults_per_step("optim") < 10  # kept and reused


def test_keep_freed_memory_says_whether_it_applied():
    from optim.heap import keep_freed_memory

    assert keep_freed_memory() is (platform.libc_ver()[0] == "glibc")
