"""A build worker never outlives the build that started it.

A worker holds hundreds of megabytes (pandas, matplotlib, WeasyPrint); when the main
process dies, even by SIGKILL where no clean-up code runs, its workers must stop too.
On Linux the kernel does it: the worker asks, with `prctl(PR_SET_PDEATHSIG, SIGKILL)`, to
be killed when its parent dies. Everywhere, a daemon thread also checks once a second that
the parent is still the process that started the worker, and ends the worker when it is
not (the parent died before the `prctl`, or the system has no `prctl`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
import time

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
CHECK_SECONDS = 1.0


def die_with_parent(parent: int) -> None:
    """Make this process end when `parent` (the build's main process) does."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            err = ctypes.get_errno()
            print(f"lnob worker: prctl failed ({os.strerror(err)})", file=sys.stderr)
    if os.getppid() != parent:  # the parent died before the prctl took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), daemon=True, name="lnob-parent").start()


def _watch(parent: int) -> None:
    while True:
        time.sleep(CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)
