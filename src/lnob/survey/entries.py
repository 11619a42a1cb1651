"""Files of the survey cache (:mod:`lnob.survey.cache`): whole or absent, read safely, and
made by one process at a time.

An entry is a pickle of ``(FORMAT, key, estimates)``, written aside (``.part``) and renamed
into place, so a reader sees a whole entry or none. It is read back by an unpickler that makes
only the survey package's classes, paths and read-only mappings (pickle refuses
``MappingProxyType``: it is written as a dict and made read-only again), so an entry cannot
run code; one that is absent, truncated, corrupt or another key's reads as None. While a
process makes an entry it holds a lock on ``<entry>.lock``: another process waits for the
entry instead of making it too, or, if it has other work, does that first (:func:`claim`).
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import os
import pickle
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lnob.survey.estimation import SurveyEstimates

FORMAT = 1  # bump when an entry's layout changes without a change of the package's files
LEFTOVER_SECONDS = 3600  # a '.part' file this old was left by a killed build

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, at worst estimated twice
    fcntl = None  # type: ignore[assignment]


def _read_only(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _read_only, (dict(proxy),)


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = _reduce_proxy


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_read_only"):
            return _read_only
        if module == "pathlib" and name in ("PosixPath", "WindowsPath"):
            return super().find_class(module, name)
        if module.startswith("lnob.survey.") and name.isidentifier():
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"a survey cache entry may not name {module}.{name}")


def read_entry(entry: Path, key: str) -> SurveyEstimates | None:
    """The entry's estimates, or None when it is absent, unreadable or not this key's."""
    try:
        with entry.open("rb") as fh:
            stored = _Unpickler(fh).load()
    except Exception:  # absent, truncated, corrupt, or naming what it may not: estimate again
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (FORMAT, key)):
        return None
    return stored[2] if isinstance(stored[2], SurveyEstimates) else None


def write_entry(entry: Path, key: str, estimates: SurveyEstimates) -> None:
    """Write aside and rename into place; then remove this survey's older entries.

    Best effort: a cache that cannot be written (read-only, disk full) costs time, not a build.
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((FORMAT, key, estimates))
    part = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=entry.parent, prefix=entry.stem + ".", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(part, entry)
        part = None
    except OSError:
        return
    finally:
        if part is not None:
            Path(part).unlink(missing_ok=True)
    _prune(entry)


def _prune(entry: Path) -> None:
    """Remove the survey's other entries and locks (older data or code), and old leftovers.

    Entries are named ``<tag>-<key>``, one tag per survey folder.
    """
    tag = entry.name.split("-", 1)[0]
    for other in entry.parent.glob(f"{tag}-*"):
        try:
            stale = other.suffix in (".pickle", ".lock") and other.stem != entry.stem
            if stale or (
                other.suffix == ".part" and time.time() - other.stat().st_mtime > LEFTOVER_SECONDS
            ):
                other.unlink(missing_ok=True)
        except OSError:
            continue


@contextlib.contextmanager
def claim(entry: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the lock of the entry while making it: True once held; with ``wait=False``, False
    at once when another process holds it. True too where no lock can be had (not POSIX, a
    read-only cache): the entry is then at worst made twice, never half."""
    lock = entry.with_suffix(".lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fh = lock.open("a+b")
    except OSError:
        yield True
        return
    with fh:
        if fcntl is not None:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
        yield True  # the lock goes with the file
