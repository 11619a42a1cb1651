"""Publish stage: place finished documents under `_site/` and write `catalogue.json`.

A document is its rendered folder and the file of each output format
(`lnob.stages.formats`); its catalogue entry is one typed `CatalogueEntry`, the record
the site reads back.

Files are written beside their target and renamed into place, so `_site/` never
holds a half-written file. A document that failed keeps its last good version
(and its catalogue entry) until it builds again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from lnob.atomic import write_bytes
from lnob.build.plan import DocTask, read_state
from lnob.build.sitefiles import SiteManifest, prune_empty
from lnob.errors import InputError
from lnob.paths import ProjectPaths
from lnob.site.model import CatalogueEntry, DataDownload, Download
from lnob.stages.formats import formats_for

CATALOGUE_VERSION = 1


def atomic_write(path: Path, data: bytes) -> None:
    """What is published is flushed to the disk before it is renamed into place."""
    write_bytes(path, data, durable=True)


def remove_leftovers(folder: Path) -> int:
    """Delete `.part` files and folders a killed build left behind in a folder that is the
    build's alone (the cache); return how many. The site folder has its own, narrower
    clean-up (`lnob.build.sitefiles.remove_site_leftovers`)."""
    if not folder.is_dir():
        return 0
    found = [
        p
        for p in folder.rglob("*")
        if p.name.endswith(".part") or p.name.endswith(".part.ipynb") or p.name.endswith(".old")
    ]
    for p in sorted(found, key=lambda p: len(p.parts), reverse=True):
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            p.unlink(missing_ok=True)
    return len(found)


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _published_record(task: DocTask) -> Path:
    return task.work / "published.json"


def publish_document(
    task: DocTask, paths: ProjectPaths, manifest: SiteManifest | None = None
) -> CatalogueEntry:
    """Copy one finished document into the site: its rendered folder and the file of each
    output format; return its catalogue entry. Files this build placed for the document
    before and no longer has are deleted (those the `manifest` lists for it, never another
    file of the folder)."""
    spec = task.spec
    state = read_state(task.work)
    record_path = _published_record(task)
    src = task.work / "render"
    formats = formats_for(spec)
    sources = {
        f"{spec.site_dir}/{f.relative_to(src).as_posix()}": f
        for f in sorted(p for p in src.rglob("*") if p.is_file() and p.name != "render.json")
    }
    for fmt in formats:
        sources[fmt.site_file(spec)] = task.work / fmt.work_file
    keys = {stage: state[stage]["key"] for stage in ("render", *(f.name for f in formats))}
    if record_path.exists():
        record = json.loads(record_path.read_text(encoding="utf-8"))
        if record.get("keys") == keys and all((paths.site / rel).exists() for rel in sources):
            entry = CatalogueEntry.from_json(record_path, 0, record["entry"])
            _remove_stale(paths, manifest, spec.id, set(sources), entry)
            return entry
    for rel, f in sources.items():
        atomic_write(paths.site / rel, f.read_bytes())
    rendered = json.loads((src / "render.json").read_text(encoding="utf-8"))
    entry = CatalogueEntry(
        id=spec.id,
        group=spec.group,
        country=spec.country,
        language=spec.language,
        product=spec.product,
        slug=spec.slug,
        year=spec.year,
        date=spec.publication_date,
        title=rendered["title"],
        summary=rendered["summary"],
        html=f"{spec.site_dir}/index.html",
        pages=state["pdf"]["pages"],
        outputs=tuple(
            Download(
                fmt.name,
                fmt.site_file(spec),
                state[fmt.name]["size"],
                state[fmt.name]["sha256"],
                fmt.media_type,
            )
            for fmt in formats
        ),
        downloads=tuple(
            DataDownload(
                f"{spec.site_dir}/{d['path']}", d["title"], d["kind"], sha256_file(src / d["path"])
            )
            for d in rendered["downloads"]
        ),
        untranslated=len(rendered["untranslated"]),
        inputs={
            "data_sha256": task.data_hash,
            "execute_key": state["execute"]["key"],
            "render_key": state["render"]["key"],
            **{f"{f.name}_key": state[f.name]["key"] for f in formats},
            "parts": state["execute"]["parts"],
            "files": task.input_files,
        },
        built_from={
            "code": task.code_version,
            "build_date": task.build_date,
            "parameters": task.parameters,
        },
    )
    atomic_write(
        record_path,
        json.dumps({"keys": keys, "entry": entry.to_json()}, ensure_ascii=False, indent=1).encode(
            "utf-8"
        ),
    )
    _remove_stale(paths, manifest, spec.id, set(sources), entry)
    return entry


def _remove_stale(
    paths: ProjectPaths,
    manifest: SiteManifest | None,
    doc_id: str,
    files: set[str],
    entry: CatalogueEntry,
) -> None:
    """Delete what the build placed for the document before and it no longer has (only
    files the manifest lists for it), then record what it has now."""
    if manifest is None:
        return
    for stale in sorted(manifest.files_of(doc_id) - files):
        (paths.site / stale).unlink(missing_ok=True)
        prune_empty(paths.site, (paths.site / stale).parent)
    manifest.record(doc_id, files, entry.to_json())


def read_published(task: DocTask) -> CatalogueEntry | None:
    """The entry the document was last published with (its record in the cache), if any
    and readable."""
    return read_published_file(_published_record(task))


def read_published_file(path: Path) -> CatalogueEntry | None:
    """The entry of a document's published.json; None when absent or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["entry"]
        return CatalogueEntry.from_json(path, 0, raw)
    except (OSError, ValueError, KeyError, TypeError, InputError):
        return None


def last_good_entry(task: DocTask, paths: ProjectPaths) -> CatalogueEntry | None:
    """The catalogue entry of the document's last published version, if that version is in
    this site folder (a build into a new `--site` folder sharing the cache has none)."""
    entry = read_published(task)
    if entry is None:
        return None
    files = [entry.html, *(d.path for d in entry.outputs), *(d.path for d in entry.downloads)]
    return entry if all((paths.site / f).is_file() for f in files) else None


def write_catalogue(
    paths: ProjectPaths,
    entries: list[CatalogueEntry],
    coalition_name: str,
    demo: bool,
    withdrawn: list[dict[str, Any]] | None = None,
    partners: dict[str, list[str]] | None = None,
) -> Path:
    """`catalogue.json`: every published document, and every withdrawn one (removed from
    coalition.yaml; its files are gone) with its old address and the day it was withdrawn."""
    groups: dict[str, list[str]] = {}
    for e in entries:
        groups.setdefault(e.group, []).append(e.language)
    docs = []
    for e in sorted(entries, key=lambda e: (-int(e.date.replace("-", "")), e.id)):
        docs.append(replace(e, languages=tuple(sorted(groups[e.group]))).to_json())
    catalogue = {
        "version": CATALOGUE_VERSION,
        "coalition": coalition_name,
        "demo": demo,
        "documents": docs,
        "withdrawn": sorted(withdrawn or [], key=lambda w: (w["withdrawn"], w["id"])),
        "partners": {code: list(names) for code, names in sorted((partners or {}).items())},
    }
    out = paths.site / "catalogue.json"
    atomic_write(
        out,
        (json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
            "utf-8"
        ),
    )
    return out
