"""Preview one document into a folder of its own, never into the site.

A preview is a draft build of one document with the build's own stage keys (so a
translation fix re-renders without re-running the notebook). Its HTML and PDF go to
`<cache>/preview/<id>/good/`, replaced only when the preview succeeds: a failed preview
leaves the last good preview in place, and its error in `status.json`. Nothing here
writes `_site/`, the catalogue or the document's published record, so a draft never
becomes the document's last good version.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from lnob.atomic import write_bytes, write_text
from lnob.build.plan import BuildOptions, DocTask
from lnob.build.run import Selection, build_lock, load_project, plan, select
from lnob.build.worker import DocResult, build_document
from lnob.errors import LnobError
from lnob.inputs import declared_inputs
from lnob.paths import PACKAGE_DIR, ProjectPaths
from lnob.spec import DocumentSpec
from lnob.stages.formats import formats_for
from lnob.store.keys import package_files


@dataclass(frozen=True)
class PreviewStatus:
    """What the last preview of a document did (written to `status.json`)."""

    doc_id: str
    version: int  # grows by one at every preview, good or failed
    ok: bool
    seconds: float
    error: str = ""
    file: str = ""  # the file to fix, relative to the project root
    line: int | None = None
    fix: str = ""
    good: bool = False  # a good preview is in `good/` (the last success, maybe older)
    pdf: str = ""  # the PDF's name inside `good/`


def preview_root(paths: ProjectPaths) -> Path:
    return paths.cache / "preview"


def preview_folder(paths: ProjectPaths, spec: DocumentSpec) -> Path:
    return preview_root(paths) / spec.id


def choose(paths: ProjectPaths, selection: Selection) -> DocumentSpec:
    """The one document a preview selection names (the first when it names several)."""
    coalition, _ = load_project(paths)
    return select(coalition, selection)[0]


def draft_options(options: BuildOptions) -> BuildOptions:
    return BuildOptions(engine=options.engine, executor=options.executor, jobs=1, draft=True)


def read_status(folder: Path) -> PreviewStatus | None:
    try:
        raw = json.loads((folder / "status.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return PreviewStatus(**raw)


def preview(paths: ProjectPaths, options: BuildOptions, spec: DocumentSpec) -> PreviewStatus:
    """Build `spec` as a draft and place it in its preview folder; never raises for the
    document's own failure (the status says what failed, where, and what to do)."""
    folder = preview_folder(paths, spec)
    before = read_status(folder)
    version = (before.version if before else 0) + 1
    started = time.perf_counter()
    with build_lock(paths):
        tasks, unplanned = plan(paths, draft_options(options), Selection(ids=(spec.id,)))
        if unplanned:
            result = unplanned[0]
        else:
            task = tasks[0]
            result = (
                build_document(task, paths) if task.needs_work else DocResult(spec.id, "reused")
            )
            if result.status != "failed":
                _place(task, folder / "good")
    seconds = round(time.perf_counter() - started, 3)
    ok = result.status != "failed"
    status = PreviewStatus(
        doc_id=spec.id,
        version=version,
        ok=ok,
        seconds=seconds,
        error="" if ok else result.error,
        file="" if ok else _relative(result.look_at, paths),
        line=None if ok else result.line,
        fix="" if ok else result.fix,
        good=(folder / "good" / "index.html").is_file(),
        pdf=f"{spec.id}.pdf",
    )
    write_text(folder / "status.json", json.dumps(asdict(status), ensure_ascii=False, indent=1))
    return status


def _relative(path: str, paths: ProjectPaths) -> str:
    if not path:
        return ""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(paths.root)) if p.is_absolute() else path
    except ValueError:
        return path


def _place(task: DocTask, good: Path) -> None:
    """Copy the draft's HTML folder, PDF and other formats into `good/` as one swap of folders."""
    fresh = good.with_name("good.part")
    shutil.rmtree(fresh, ignore_errors=True)
    src = task.work / "render"
    for f in sorted(p for p in src.rglob("*") if p.is_file() and p.name != "render.json"):
        write_bytes(fresh / f.relative_to(src), f.read_bytes())
    for fmt in formats_for(task.spec):  # the PDF and every other output format's file
        write_bytes(fresh / f"{task.spec.id}{fmt.suffix}", (task.work / fmt.work_file).read_bytes())
    old = good.with_name("good.old")
    shutil.rmtree(old, ignore_errors=True)
    if good.exists():
        good.rename(old)
    fresh.rename(good)
    shutil.rmtree(old, ignore_errors=True)


def watched_files(paths: ProjectPaths, spec: DocumentSpec) -> list[Path]:
    """Every file a change of which can change the document: its declared inputs (data,
    authored text, brief.yaml), its notebook, the project's configuration, identity and
    catalogue, and the package with its templates."""
    from lnob.identity import load_identity

    coalition, _ = load_project(paths)
    notebook = paths.notebooks / coalition.products[spec.product].notebook
    po = paths.locale / spec.language / "LC_MESSAGES" / "messages.po"
    files = [
        *declared_inputs(spec, paths),
        notebook,
        paths.coalition_file,
        paths.languages_file,
        paths.identity_file,
        po,
        *package_files(PACKAGE_DIR),
    ]
    with contextlib.suppress(LnobError):  # a broken identity is reported by the build itself
        files += load_identity(paths.identity_file).files()
    return sorted(set(files))


def snapshot(files: list[Path]) -> dict[Path, tuple[int, int]]:
    """Size and modification time of each file (a missing file counts too)."""
    out = {}
    for f in files:
        try:
            st = f.stat()
            out[f] = (st.st_size, st.st_mtime_ns)
        except OSError:
            out[f] = (-1, -1)
    return out
