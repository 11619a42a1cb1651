"""What the build wrote into a site folder, so that it deletes only its own files there.

`--site DIR` may name a folder that holds other things: the build keeps a manifest of every
document file it placed in DIR (in the cache, one per site folder, beside the site pages'
own list in `lnob.site.generate`), and deletes nothing else: not a file it did not write,
not a `*.part` or `*.old` of someone else's. A document removed from `coalition.yaml` is
withdrawn: the files the manifest lists for it are deleted, and it stays in the manifest as
withdrawn (id, title, old address, date), which `catalogue.json` and the feed list.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from lnob.atomic import PART_SUFFIX, write_text
from lnob.paths import ProjectPaths
from lnob.site.generate import CATALOGUE, state_dir

MANIFEST = "documents.json"
PAGES = "files.json"  # the site pages `lnob.site.generate` wrote (its own manifest)
WITHDRAWN_FIELDS = ("id", "group", "country", "language", "product", "title", "html")


@dataclass
class SiteManifest:
    path: Path
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> files, entry
    withdrawn: dict[str, dict[str, Any]] = field(default_factory=dict)  # id -> record

    @classmethod
    def load(cls, paths: ProjectPaths) -> SiteManifest:
        path = state_dir(paths) / MANIFEST
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(path)
        return cls(path, dict(raw.get("documents", {})), dict(raw.get("withdrawn", {})))

    def save(self) -> None:
        data = {"documents": self.documents, "withdrawn": self.withdrawn}
        write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))

    def files_of(self, doc_id: str) -> set[str]:
        return set(self.documents.get(doc_id, {}).get("files", ()))

    def record(self, doc_id: str, files: set[str], entry: dict[str, Any]) -> None:
        """The files (relative to the site, forward slashes) this build placed for a document."""
        self.documents[doc_id] = {
            "files": sorted(files),
            "entry": {k: entry.get(k) for k in WITHDRAWN_FIELDS},
        }
        self.withdrawn.pop(doc_id, None)

    def known(self, site: Path) -> set[str]:
        """Every file of the site folder the build wrote: documents, pages, the catalogue."""
        files = {f for d in self.documents.values() for f in d.get("files", ())}
        try:
            pages = json.loads((self.path.parent / PAGES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pages = []
        return files | set(pages) | {CATALOGUE}

    def withdrawn_records(self) -> list[dict[str, Any]]:
        return [self.withdrawn[k] for k in sorted(self.withdrawn)]


def withdraw(paths: ProjectPaths, manifest: SiteManifest, current: set[str]) -> list[str]:
    """Delete the files of every document the manifest lists that is no longer in
    `coalition.yaml` (`current`: the ids it lists), and keep it as withdrawn; the ids."""
    gone = sorted(set(manifest.documents) - current)
    for doc_id in gone:
        record = manifest.documents.pop(doc_id)
        for rel in record.get("files", ()):
            target = paths.site / rel
            target.unlink(missing_ok=True)
            prune_empty(paths.site, target.parent)
        manifest.withdrawn[doc_id] = {**record["entry"], "withdrawn": withdrawal_date()}
    for doc_id in current:
        manifest.withdrawn.pop(doc_id, None)
    return gone


def withdrawal_date() -> str:
    """Today (or SOURCE_DATE_EPOCH's day, for reproducible builds); kept once recorded."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC).date().isoformat()
    return date.today().isoformat()


def remove_site_leftovers(site: Path, manifest: SiteManifest) -> list[Path]:
    """Delete the part files a killed build left in the site folder: hidden files named
    `.<name>.<random>.part` (how `lnob.atomic` names them) beside a file `<name>` that the
    build writes. Nothing else is touched, whatever its name."""
    known = manifest.known(site)
    removed: list[Path] = []
    if not site.is_dir():
        return removed
    for part in site.rglob(f".*{PART_SUFFIX}"):
        stem = part.name[1 : -len(PART_SUFFIX)]
        name = stem.rsplit(".", 1)[0] if "." in stem else ""
        rel = (part.parent / name).relative_to(site).as_posix()
        if name and rel in known and part.is_file() and not part.is_symlink():
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def prune_empty(site: Path, folder: Path) -> None:
    """Remove `folder` and its parents up to `site` while they are empty."""
    while folder != site and folder.is_relative_to(site) and folder.is_dir():
        if any(folder.iterdir()):
            return
        folder.rmdir()
        folder = folder.parent
