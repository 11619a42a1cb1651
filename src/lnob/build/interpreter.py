"""How a build sets up the Python interpreter its documents are made in.

Two settings of CPython, each measured on the build's own documents (bench/RESULTS.md):

**Garbage collector.** WeasyPrint makes hundreds of thousands of small objects per document
(boxes, computed styles, line fragments). With CPython's default thresholds the cyclic
collector runs every 700 new objects and, every hundred runs, walks every object of the
process, including the modules of pandas, matplotlib and IPython a worker imported once: a
fifth of a report's PDF time went to it. A build worker raises the first threshold
(`GC_THRESHOLDS`), and after each document collects once and moves the objects still alive
(modules, caches) out of the collector's way (`gc.freeze`). A build in the reader's own
process (one document, or ``--jobs 1``) keeps CPython's settings.

**Frame stack.** CPython 3.11 and later keep the frames of Python functions on a
per-thread stack made of 16 KB chunks. A call that does not fit in the current chunk maps a
new one, and its return unmaps it again. Code that recurses up and down across a chunk's
edge, as WeasyPrint's layout does thousands of times per document, then maps and unmaps
memory on every crossing: a system call and fresh page faults each time (CPython issue
gh-142183, fixed in 2026 for 3.13 and later; 3.11 and 3.12 take security fixes only). Where
the edge falls depends on how deep the caller already is: the same two research reports
took from 3.1 s to 3.8 s, depending on the depth they were printed from. `with_frame_room`
calls a function from a frame that declares a very large evaluation stack it never uses:
CPython gives that frame a chunk of its own, sized to the next power of two, with about
4 MB free after it, and the frames of the build then fit in that one chunk and never cross
an edge. The declared stack is never written, so the kernel never backs it with memory.

Neither setting changes what a document looks like: the build is byte for byte the same.
"""

from __future__ import annotations

import gc
import types
from collections.abc import Callable
from functools import cache
from typing import TypeVar

T = TypeVar("T")

GC_THRESHOLDS = (10_000, 10, 10)
"""The collector's thresholds while documents are built (CPython's default: 700, 10, 10)."""

ROOM_BYTES = 4 * 2**20
"""Free frame stack after the room's own frame: far deeper than the recursion limit needs."""

_POINTER = 8
_CHUNK_OVERHEAD = 1000  # words CPython adds to a frame's size when it sizes a new chunk


def set_up_worker() -> None:
    """For a process that only builds documents: the build's thresholds for good."""
    gc.set_threshold(*GC_THRESHOLDS)


def collect_and_freeze() -> None:
    """Between two documents: collect what the last one left in cycles, then move every
    object still alive (modules, caches) to the collector's permanent generation, which
    later collections skip.

    Without the collection, garbage piles up under the raised thresholds (building 36
    reports, a worker peaked at 445 MB instead of 318 MB). Without the freeze, each
    collection walks everything the worker keeps between documents: at 30 countries,
    collections after each document took 36 s in all with one freeze after the first
    document, and 14 s with a freeze after each."""
    gc.collect()
    gc.freeze()


def _call(fn: Callable[..., T], *args: object) -> T:
    return fn(*args)


@cache
def _roomy_call() -> Callable[..., object]:
    """`_call`, with a frame just over half of a power-of-two chunk.

    CPython sizes a new chunk as the smallest power of two of at least (frame + 1000 words);
    a frame of ``ROOM_BYTES / 8 - 1000 + 1`` words gets a chunk of ``2 * ROOM_BYTES``, of
    which ``ROOM_BYTES`` and a little are left for the frames it calls."""
    words = ROOM_BYTES // _POINTER - _CHUNK_OVERHEAD + 1
    code = _call.__code__
    try:
        roomy = code.replace(co_stacksize=words - code.co_nlocals)
    except (TypeError, ValueError):  # an interpreter without this code field: plain call
        return _call
    return types.FunctionType(roomy, _call.__globals__, "_call_with_frame_room")


def with_frame_room(fn: Callable[..., T], *args: object) -> T:
    """``fn(*args)``, with its frames in one large chunk of CPython's frame stack."""
    return _roomy_call()(fn, *args)  # type: ignore[return-value]


__all__ = ["GC_THRESHOLDS", "ROOM_BYTES", "collect_and_freeze", "set_up_worker", "with_frame_room"]
