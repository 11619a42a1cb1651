"""Publish stage: place finished documents under `_site/` and write `catalogue.json`.

Files are written beside their target and renamed into place, so `_site/` never
holds a half-written file. A document that failed keeps its last good version
(and its catalogue entry) until it builds again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from lnob.atomic import write_bytes
from lnob.build.plan import DocTask, read_state
from lnob.paths import ProjectPaths
from lnob.spec import DocumentSpec
from lnob.store.keys import canonical_json

CATALOGUE_VERSION = 1


def atomic_write(path: Path, data: bytes) -> None:
    """What is published is flushed to the disk before it is renamed into place."""
    write_bytes(path, data, durable=True)


def remove_leftovers(folder: Path) -> int:
    """Delete `.part` files and folders a killed build left behind; return how many."""
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


def publish_document(task: DocTask, paths: ProjectPaths) -> dict[str, Any]:
    """Copy one finished document into the site; return its catalogue entry."""
    spec = task.spec
    state = read_state(task.work)
    record_path = _published_record(task)
    if record_path.exists():
        record = json.loads(record_path.read_text(encoding="utf-8"))
        target = paths.site / spec.site_dir
        if (
            record.get("pdf_key") == state["pdf"]["key"]
            and (target / "index.html").exists()
            and (paths.site / record["entry"]["pdf"]).exists()
        ):
            return record["entry"]
    src = task.work / "render"
    dst = paths.site / spec.site_dir
    wanted: set[Path] = set()
    for f in sorted(p for p in src.rglob("*") if p.is_file() and p.name != "render.json"):
        rel = f.relative_to(src)
        atomic_write(dst / rel, f.read_bytes())
        wanted.add(dst / rel)
    pdf_name = f"{spec.id}.pdf"
    atomic_write(dst / pdf_name, (task.work / "document.pdf").read_bytes())
    wanted.add(dst / pdf_name)
    for stale in (p for p in dst.rglob("*") if p.is_file() and p not in wanted):
        stale.unlink()
    rendered = json.loads((src / "render.json").read_text(encoding="utf-8"))
    entry = {
        "id": spec.id,
        "group": spec.group,
        "country": spec.country,
        "language": spec.language,
        "product": spec.product,
        "slug": spec.slug,
        "year": spec.year,
        "date": spec.publication_date,
        "title": rendered["title"],
        "summary": rendered["summary"],
        "html": f"{spec.site_dir}/index.html",
        "pdf": f"{spec.site_dir}/{pdf_name}",
        "pdf_sha256": state["pdf"]["sha256"],
        "pdf_size": state["pdf"]["size"],
        "pages": state["pdf"]["pages"],
        "downloads": [
            {**d, "path": f"{spec.site_dir}/{d['path']}", "sha256": sha256_file(src / d["path"])}
            for d in rendered["downloads"]
        ],
        "untranslated": len(rendered["untranslated"]),
        "inputs": {
            "data_sha256": task.data_hash,
            "execute_key": state["execute"]["key"],
            "render_key": state["render"]["key"],
            "pdf_key": state["pdf"]["key"],
            "parts": state["execute"]["parts"],
            "files": task.input_files,
        },
        "built_from": {
            "code": task.code_version,
            "build_date": task.build_date,
            "parameters": spec.parameters(),
        },
    }
    atomic_write(
        record_path,
        json.dumps(
            {"pdf_key": state["pdf"]["key"], "entry": entry}, ensure_ascii=False, indent=1
        ).encode("utf-8"),
    )
    return entry


def last_good_entry(task: DocTask, paths: ProjectPaths) -> dict[str, Any] | None:
    """The catalogue entry of the document's last published version, if that version is in
    this site folder (a build into a new `--site` folder sharing the cache has none)."""
    path = _published_record(task)
    if not path.exists():
        return None
    entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))["entry"]
    files = [entry["html"], entry["pdf"], *(d["path"] for d in entry["downloads"])]
    return entry if all((paths.site / f).is_file() for f in files) else None


def write_catalogue(
    paths: ProjectPaths, entries: list[dict[str, Any]], coalition_name: str, demo: bool
) -> Path:
    groups: dict[str, list[str]] = {}
    for e in entries:
        groups.setdefault(e["group"], []).append(e["language"])
    docs = []
    for e in sorted(entries, key=lambda e: (-int(e["date"].replace("-", "")), e["id"])):
        docs.append({**e, "languages": sorted(groups[e["group"]])})
    catalogue = {
        "version": CATALOGUE_VERSION,
        "coalition": coalition_name,
        "demo": demo,
        "documents": docs,
    }
    out = paths.site / "catalogue.json"
    atomic_write(
        out,
        (json.dumps(catalogue, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
            "utf-8"
        ),
    )
    return out


def checksum(entries: list[dict[str, Any]]) -> str:
    return hashlib.sha256(canonical_json(entries).encode()).hexdigest()


def remove_document(paths: ProjectPaths, spec: DocumentSpec) -> None:
    shutil.rmtree(paths.site / spec.site_dir, ignore_errors=True)
