"""Content hashes and stage keys for incremental builds.

A stage key is the hash of named parts (each itself a hash), so a rebuild can say
which part changed: 'execute is dirty: data/countries/BGD/... changed'. Text files
are hashed with line endings normalised, so a CRLF checkout does not rebuild.
Everything a stage depends on is a part; an `EPOCH` bumped by hand forces all.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from lnob.atomic import write_text
from lnob.errors import InputError

EPOCH = 1  # bump to force every document to rebuild
TEXT_SUFFIXES = {
    ".py",
    ".ipynb",
    ".yaml",
    ".yml",
    ".json",
    ".po",
    ".pot",
    ".md",
    ".csv",
    ".css",
    ".html",
    ".j2",
    ".txt",
    ".tsv",
    ".xml",
}


def tree_digest(files: dict[str, str]) -> str:
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(f"{rel}\0{files[rel]}\n".encode())
    return h.hexdigest()


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tool_versions(names: tuple[str, ...]) -> str:
    """'python 3.11.7; pandas 3.1.1; …' ('-' for one not installed): the tools a key covers."""
    out = [f"python {platform.python_version()}"]
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name} -")
    return "; ".join(out)


class Digests:
    """File digests, memoised on (size, mtime) and persisted, so a no-op build reads little."""

    def __init__(self, store: Path | None = None) -> None:
        self.store = store
        self._memo: dict[str, tuple[int, int, str]] = {}
        if store and store.exists():
            try:
                self._memo = {k: tuple(v) for k, v in json.loads(store.read_text()).items()}
            except (ValueError, OSError):
                self._memo = {}
        self._dirty = False

    def file(self, path: Path) -> str:
        st = path.stat()
        key = str(path)
        hit = self._memo.get(key)
        if hit and hit[0] == st.st_size and hit[1] == st.st_mtime_ns:
            return hit[2]
        data = path.read_bytes()
        if path.suffix.lower() in TEXT_SUFFIXES:
            data = data.replace(b"\r\n", b"\n")
        digest = hashlib.sha256(data).hexdigest()
        self._memo[key] = (st.st_size, st.st_mtime_ns, digest)
        self._dirty = True
        return digest

    def files(self, paths: list[Path], root: Path) -> dict[str, str]:
        """Relative name -> digest, for each file."""
        return {
            (p.relative_to(root).as_posix() if p.is_relative_to(root) else p.as_posix()): self.file(
                p
            )
            for p in paths
        }

    def tree(self, paths: list[Path], root: Path) -> str:
        """One digest over files (relative names and contents), order-independent."""
        return tree_digest(self.files(paths, root))

    def save(self) -> None:
        if self.store and self._dirty:
            write_text(self.store, json.dumps(self._memo, separators=(",", ":")))
            self._dirty = False


@dataclass(frozen=True)
class StageKey:
    """A stage's key and the named parts it was made from."""

    stage: str
    parts: dict[str, str] = field(hash=False)

    @property
    def digest(self) -> str:
        return sha256_text(
            canonical_json({"epoch": EPOCH, "stage": self.stage, "parts": self.parts})
        )

    def changes_from(self, old_parts: dict[str, str] | None) -> list[str]:
        """Names of the parts that differ from a previous build's (all when there was none)."""
        if old_parts is None:
            return ["never built"]
        names = sorted(set(self.parts) | set(old_parts))
        changed = [n for n in names if self.parts.get(n) != old_parts.get(n)]
        return changed or []


def notebook_code_digest(path: Path) -> str:
    """Hash of a notebook's code cells and their tags (not outputs, not markdown)."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            path,
            "the product's template notebook does not exist",
            hint="Create it, or fix 'notebook' for the product in data/coalition.yaml",
        ) from None
    except ValueError as exc:
        raise InputError(
            path,
            f"not a valid notebook (JSON): {exc}",
            hint="Open and save it in Jupyter, or restore it from git",
        ) from None
    cells = [
        {
            "source": "".join(c.get("source", "")).replace("\r\n", "\n"),
            "tags": sorted(c.get("metadata", {}).get("tags", [])),
        }
        for c in nb.get("cells", [])
        if c.get("cell_type") == "code"
    ]
    return sha256_text(canonical_json(cells))


def package_files(package_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in package_dir.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    )
