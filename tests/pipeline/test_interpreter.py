"""The interpreter settings a build runs under (lnob.build.interpreter): they do what they say
to CPython, and a reader gets the same bytes with them as without."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lnob.build.interpreter import set_up_worker, with_frame_room
from tests.pipeline.test_pdf_speed import KEY_NUMBERS, _pdf

try:
    import resource
except ImportError:  # not a POSIX system: no page-fault counts
    resource = None  # type: ignore[assignment]

# Counts the page faults of calls made 0 to 399 frames deep, 300 calls at each depth, plainly
# and from within `with_frame_room`. At the depth where the called frame does not fit in the
# chunk of CPython's frame stack its caller is in, every call maps a fresh chunk (a fault
# or more) and its return unmaps it again.
CROSSINGS = textwrap.dedent("""
    import json, resource, sys
    from lnob.build.interpreter import with_frame_room

    def leaf(a, b, c):
        return a

    def down(n):
        if n:
            return down(n - 1)
        for _ in range(300):
            leaf(1, 2, 3)

    def faults():
        worst = 0
        for depth in range(400):
            before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
            down(depth)
            worst = max(worst, resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
        return worst

    faults()  # warm up: the interpreter's own first allocations
    print(json.dumps({"plain": faults(), "room": with_frame_room(faults)}))
""")


@pytest.mark.skipif(
    resource is None or not sys.platform.startswith("linux"),
    reason="page faults are counted with Linux's getrusage",
)
def test_frame_room_keeps_deep_calls_off_the_chunk_edges() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CROSSINGS], capture_output=True, text=True, check=True
    ).stdout
    worst = json.loads(out)
    if sys.version_info[:2] in ((3, 11), (3, 12)):  # the measurement sees the thrashing
        assert worst["plain"] >= 250, worst
    assert worst["room"] < 50, worst


def test_frame_room_returns_the_result_and_passes_errors_on() -> None:
    assert with_frame_room(lambda a, b: a + b, 2, 3) == 5

    def fails() -> None:
        raise KeyError("which")

    with pytest.raises(KeyError, match="which"):
        with_frame_room(fails)


def test_frozen_survivors_stay_and_garbage_before_them_is_collected() -> None:
    script = textwrap.dedent("""
        import gc, weakref
        from lnob.build.interpreter import collect_and_freeze
        class Node: pass
        kept = [Node()]
        cycle = Node(); cycle.me = cycle
        gone = weakref.ref(cycle); del cycle
        collect_and_freeze()
        assert gone() is None, "the cycle made before the freeze was not collected"
        assert gc.get_freeze_count() > 0
        assert gc.is_tracked(kept[0])
        assert not any(o is kept[0] for o in gc.get_objects()), "later collections walk it"
        print("ok")
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_a_pdf_made_under_the_worker_settings_is_the_same_pdf(tmp_path: Path) -> None:
    body = (
        KEY_NUMBERS
        + "<table><tr><th>Group</th><th>Per cent</th></tr>"
        + "".join(f"<tr><td>Group {i}</td><td>{i}.5%</td></tr>" for i in range(40))
        + "</table>"
    )
    plain = _pdf("en", tmp_path / "plain", body=body)
    before = gc.get_threshold()
    set_up_worker()
    try:
        tuned = with_frame_room(_pdf, "en", tmp_path / "tuned", body)
    finally:
        gc.set_threshold(*before)
    assert (tuned.pages, tuned.sha256) == (plain.pages, plain.sha256)
