"""Broken entries of the build caches (:mod:`lnob.store.entries`), for their tests: each cache
must read any of them as absent, run nothing in it, and make the entry again."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

#: What can happen to an entry file, whatever the cache.
DAMAGES = ("truncated", "garbage", "empty", "other key", "code")


class Planted:
    """Unpickled by a plain reader, this would remove the file it names."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.remove, (str(self.path),)


def damaged(whole: bytes, damage: str, entry_format: int, sentinel: Path) -> bytes:
    """The bytes of a whole entry after `damage` (one of DAMAGES); "code" would remove
    `sentinel` if the entry were read by a plain unpickler."""
    return {
        "truncated": whole[: len(whole) // 2],
        "garbage": b"not a pickle at all",
        "empty": b"",
        "other key": pickle.dumps((entry_format, "0" * 64, None)),
        "code": pickle.dumps(Planted(sentinel)),
    }[damage]


def run_together(script: str, args: list[str], root: Path, count: int = 2) -> list[dict]:
    """Start `count` Python processes running `script` with `args` (from the project at `root`)
    and let them go at the same moment: each prints "ready", waits for "go" on its input, then
    prints one JSON object, returned in start order."""
    command = [sys.executable, "-c", script, *args]
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    workers = [
        subprocess.Popen(
            command, cwd=root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    assert all(w.stdout is not None and w.stdout.readline() == "ready\n" for w in workers)
    for w in workers:
        assert w.stdin is not None
        w.stdin.write("go\n")
        w.stdin.flush()
    return [json.loads(w.communicate(timeout=300)[0]) for w in workers]
