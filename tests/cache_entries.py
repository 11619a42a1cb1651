"""Broken entries of the build caches (:mod:`lnob.build.entries`), for their tests: each cache
must read any of them as absent, run nothing in it, and make the entry again."""

from __future__ import annotations

import os
import pickle
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
