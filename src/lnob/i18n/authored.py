"""Authored documents per language: which Markdown texts exist in which language.

Convention (docs/formats/i18n.md, the same one `lnob.products.authored` reads): a
document is a folder under `reports/` or `briefs/` holding one file per language,
named by the language code: `briefs/BGD/women-health/en.md`,
`briefs/BGD/women-health/bn.md`. The document's name is the folder's path from the
project root (`briefs/BGD/women-health`). Which languages a document must exist in is
not written in the files: the caller passes it (from `data/coalition.yaml`: the
country's languages). `README.md` files are not documents; any other `.md` file not
named after a known language is reported as unrecognised (a translator's `bd.md`
should not go unnoticed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AuthoredDocument:
    """One authored document and the language versions that exist of it."""

    name: str  # e.g. "briefs/BGD/women-health"
    folder: Path
    versions: Mapping[str, Path]  # language code -> file


@dataclass(frozen=True)
class AuthoredScan:
    """Every authored document found under some roots, and the files not understood."""

    documents: tuple[AuthoredDocument, ...]
    unrecognised: tuple[Path, ...] = field(default=())

    @property
    def files(self) -> tuple[Path, ...]:
        """Every document file found, for build-cache keys."""
        return tuple(p for d in self.documents for p in d.versions.values())


def scan_authored(roots: Iterable[Path], codes: Iterable[str]) -> AuthoredScan:
    """Find `<document folder>/<lang>.md` files under `roots` (missing roots are skipped)."""
    known = set(codes)
    versions: dict[Path, dict[str, Path]] = {}
    names: dict[Path, str] = {}
    unrecognised: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.md")):
            if path.name.lower() == "readme.md":
                continue
            if path.stem not in known or path.parent == root:
                unrecognised.append(path)
                continue
            versions.setdefault(path.parent, {})[path.stem] = path
            names[path.parent] = path.parent.relative_to(root.parent).as_posix()
    documents = sorted(
        (AuthoredDocument(names[folder], folder, files) for folder, files in versions.items()),
        key=lambda d: d.name,
    )
    return AuthoredScan(tuple(documents), tuple(unrecognised))
