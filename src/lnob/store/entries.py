"""Entries of the build cache that outlive a document: whole or absent, read safely, made once.

Some results cost far more to compute than to read back, do not depend on the document's
language, and are needed by many documents: a survey's estimates (:mod:`lnob.survey.cache`),
a country's stocktake (:mod:`lnob.stocktake.cache`). Each kind is kept in its own folder of
the build cache by an :class:`EntryStore`, which does what every such cache needs:

- **Keys** from what the result depends on: the digests of its input files, the folder it
  was read from, and the code (:func:`code_version`: the lnob package's files and the
  versions of Python and of the libraries that read and compute), so any change misses.
- **Whole or absent**: an entry is a pickle of ``(format, key, value)``, written aside
  (``.part``) and renamed into place, so a reader sees a whole entry or none.
- **Read safely**: an unpickler that makes only the classes of one package (the kind's own,
  e.g. ``lnob.survey``), paths and read-only mappings (pickle refuses ``MappingProxyType``:
  it is written as a dict and made read-only again), so an entry cannot run code. One that is
  absent, truncated, corrupt or another key's reads as None and is made again: never an error.
- **Made once**: a process making an entry holds a lock on ``<entry>.lock``; another waits
  for the entry instead of making it too, or, with other work to do, does that first
  (:func:`claim`, :func:`fetch_in_turn`).
- **Pruned**: entries are named ``<tag>-<key>``, one tag per input folder; writing one
  removes the folder's older entries, so the cache holds about one entry per folder.
"""

from __future__ import annotations

import contextlib
import copyreg
import io
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, Generic, TypeVar

from lnob.atomic import write_bytes
from lnob.paths import PACKAGE_DIR
from lnob.store.keys import Digests, canonical_json, package_files, sha256_text, tool_versions

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locks, at worst made twice
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
S = TypeVar("S")
LEFTOVER_SECONDS = 3600  # a '.part' file this old was left by a killed build
MEMO_SIZE = 64  # values a process keeps in memory, per kind

#: Input file digests, memoised on size and mtime (in this process), for every kind's keys.
DIGESTS = Digests()


@cache
def code_version(libraries: tuple[str, ...]) -> str:
    """The code's part of a key: the lnob package's files, Python, the libraries' versions."""
    package = DIGESTS.tree(package_files(PACKAGE_DIR), PACKAGE_DIR)
    return sha256_text(canonical_json({"package": package, "versions": tool_versions(libraries)}))


def _read_only(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _read_only, (dict(proxy),)


class _Pickler(pickle.Pickler):
    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = _reduce_proxy


class _Unpickler(pickle.Unpickler):
    """Makes the classes defined in ``package``'s modules, paths and read-only mappings."""

    def __init__(self, file: IO[bytes], package: str) -> None:
        super().__init__(file)
        self.package = package

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_read_only"):
            return _read_only
        if module == "pathlib" and name in ("PosixPath", "WindowsPath"):
            return super().find_class(module, name)
        if module.startswith(self.package + ".") and name.isidentifier():
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"a {self.package} cache entry may not name {module}.{name}")


class EntryStore(Generic[T]):
    """One kind of entry: ``<cache>/<folder>/<tag>-<key>.pickle``, each holding a ``holds``
    made only of ``package``'s classes; ``format`` is bumped when an entry's layout changes
    without a change of the package's files."""

    def __init__(self, folder: str, package: str, holds: type[T], format: int) -> None:
        self.folder, self.package, self.holds, self.format = folder, package, holds, format
        self._memo: dict[str, T] = {}  # key -> value read or made in this process

    def key(self, folder: str, files: dict[str, str], code: str, **more: object) -> str:
        """The key of a value read from ``folder``'s ``files`` (name -> digest) by ``code``."""
        parts = {"format": self.format, "folder": folder, "files": files, "code": code, **more}
        return sha256_text(canonical_json(parts))

    def path(self, cache_dir: Path, source: Path, key: str) -> Path:
        """The entry of ``key``, tagged with the folder its inputs are read from."""
        tag = sha256_text(Path(source).resolve().as_posix())[:16]
        return Path(cache_dir) / self.folder / f"{tag}-{key}.pickle"

    def read(self, entry: Path, key: str) -> T | None:
        """The entry's value, or None when it is absent, unreadable or not this key's."""
        try:
            with entry.open("rb") as fh:
                stored = _Unpickler(fh, self.package).load()
        except Exception:  # absent, truncated, corrupt, or naming what it may not: make again
            return None
        if not (isinstance(stored, tuple) and len(stored) == 3
                and stored[:2] == (self.format, key)):  # fmt: skip
            return None
        return stored[2] if isinstance(stored[2], self.holds) else None

    def write(self, entry: Path, key: str, value: T) -> None:
        """Write aside and rename into place; then remove the folder's older entries.

        Best effort: a cache that cannot be written (read-only, disk full) costs time, not a
        build.
        """
        buffer = io.BytesIO()
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((self.format, key, value))
        try:
            write_bytes(entry, buffer.getvalue())
        except OSError:
            return
        _prune(entry)

    def fetch(self, entry: Path, key: str, make: Callable[[], T], wait: bool = True) -> T | None:
        """From this process's memory, the entry, or made under the entry's lock and written;
        None (``wait=False``) when another process is making it now."""
        value = self._memo.get(key)
        if value is None:
            value = self.read(entry, key)
        if value is None:
            with claim(entry, wait) as held:
                if not held:
                    return None
                value = self.read(entry, key)  # made while this process waited
                if value is None:
                    value = make()
                    self.write(entry, key, value)
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()
        self._memo[key] = value
        return value

    def forget(self) -> None:
        """Forget the values this process has read or made (the entries on disk stay)."""
        self._memo.clear()


def fetch_in_turn(sources: Sequence[S], fetch: Callable[[S, bool], T | None]) -> list[T]:
    """``fetch(source, wait)`` of every source, in their order: first each without waiting,
    then, waiting, those another process was making. Two workers that need the same entries
    at the same time (two languages of the synthesis) share the work instead of both doing it
    all."""
    found = [fetch(source, False) for source in sources]
    out = []
    for source, value in zip(sources, found, strict=True):
        value = fetch(source, True) if value is None else value
        assert value is not None  # waited for the lock
        out.append(value)
    return out


def _prune(entry: Path) -> None:
    """Remove the folder's other entries and locks (older inputs or code), and old leftovers."""
    tag = entry.name.split("-", 1)[0]
    # part files are `.<entry name>.<random>.part` (lnob.atomic)
    for other in [*entry.parent.glob(f"{tag}-*"), *entry.parent.glob(f".{tag}-*")]:
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
