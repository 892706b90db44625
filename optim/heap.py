"""Keep freed memory in the process, so that numpy's large temporaries do not page-fault.

glibc serves a block of 128 kB or more from fresh pages and gives memory back to the system
as soon as 128 kB lie free at the top of the heap (until its own thresholds grow). Every new
large numpy temporary (a 1100 × 500 RGBA frame, a (24, 64, 32) stack of weights) then comes
from pages the kernel must fault in and zero again, about 160 faults per 400 kB array. On the
course's 2-core machine that made a frame's blit 5.1 ms instead of 3.1 and a vectorised
network step twice as slow (`make bench`).

`keep_freed_memory()` sets glibc's two thresholds to the ceiling its own adaptive rule can
reach (mmap threshold 32 MiB, trim threshold twice that): the process keeps up to 64 MiB of
freed memory for reuse. On another C library (macOS, Windows, musl) it does nothing.
"""

import ctypes
import platform

M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3  # glibc's <malloc.h>
MMAP_THRESHOLD = 32 * 1024 * 1024  # DEFAULT_MMAP_THRESHOLD_MAX on 64-bit glibc
TRIM_THRESHOLD = 2 * MMAP_THRESHOLD


def keep_freed_memory():
    """Raise glibc's mmap and trim thresholds; True if set, False where glibc is absent."""
    if platform.libc_ver()[0] != "glibc":
        return False
    mallopt = ctypes.CDLL(None).mallopt
    return bool(
        mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    )
