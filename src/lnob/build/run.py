"""Run a build: plan, build dirty documents in worker processes, publish, summarise."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lnob.atomic import write_text
from lnob.build.environment import tools_in_cache
from lnob.build.plan import BuildOptions, DocTask, Planner
from lnob.build.progress import Progress
from lnob.build.publish import (
    last_good_entry,
    publish_document,
    read_published_file,
    remove_leftovers,
    write_catalogue,
)
from lnob.build.sitefiles import SiteManifest, remove_site_leftovers, withdraw
from lnob.build.worker import DocResult, build_document, init_worker
from lnob.coalition import Coalition, load_coalition
from lnob.errors import BuildError, LnobError
from lnob.i18n.languages import Languages
from lnob.paths import ProjectPaths, confined
from lnob.registry import product_kind
from lnob.site.model import CatalogueEntry
from lnob.spec import DocumentSpec


@dataclass(frozen=True)
class Selection:
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    ids: tuple[str, ...] = ()

    def matches(self, spec: DocumentSpec) -> bool:
        return (
            (not self.countries or (spec.country or "") in self.countries)
            and (not self.languages or spec.language in self.languages)
            and (not self.products or spec.product in self.products)
            and (not self.years or spec.year in self.years)
            and (not self.ids or spec.id in self.ids)
        )


@dataclass
class BuildReport:
    results: list[DocResult] = field(default_factory=list)
    catalogue: Path | None = None
    site_error: str = ""
    withdrawn: list[str] = field(default_factory=list)  # ids removed from the site this build
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds per build phase

    @property
    def failed(self) -> list[DocResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    def to_json(self) -> dict[str, Any]:
        """What was built, reused and failed, with the seconds of each stage and phase."""
        return {
            "counts": {s: self.count(s) for s in ("built", "reused", "failed")},
            "phases": {k: round(v, 3) for k, v in self.phases.items()},
            "site_error": self.site_error,
            "withdrawn": self.withdrawn,
            "documents": [
                {
                    "id": r.doc_id,
                    "status": r.status,
                    "stages": r.stages,
                    "seconds": {k: round(v, 3) for k, v in r.seconds.items()},
                    "error": r.error,
                    "look_at": r.look_at,
                }
                for r in self.results
            ],
        }


def write_report(paths: ProjectPaths, report: BuildReport) -> Path:
    """The last build's report as JSON in the cache (`build-report.json`), for tools and bench/."""
    import json

    out = paths.cache / "build-report.json"
    write_text(out, json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    return out


def load_project(paths: ProjectPaths) -> tuple[Coalition, Languages]:
    from lnob.i18n import load_languages

    for f in (
        paths.coalition_file,
        paths.languages_file,
        paths.identity_file,
        paths.root / "_quarto.yml",
    ):
        confined(f, paths.root, "project file")  # a link stops the build before any read
    languages = load_languages(paths.languages_file)
    return load_coalition(paths.coalition_file, set(languages)), languages


def select(coalition: Coalition, selection: Selection) -> list[DocumentSpec]:
    specs = [s for s in coalition.documents() if selection.matches(s)]
    if not specs:
        raise BuildError(
            "No document matches the selection "
            f"(country={list(selection.countries)}, lang={list(selection.languages)}, "
            f"product={list(selection.products)}). `python build.py --list` shows "
            "the matrix"
        )
    return specs


def plan(
    paths: ProjectPaths, options: BuildOptions, selection: Selection
) -> tuple[list[DocTask], list[DocResult]]:
    """Tasks for the selected documents, and failures for those that cannot even be planned."""
    from lnob.render.engines import get_renderer

    coalition, languages = load_project(paths)
    engine = get_renderer(options.engine, paths.root)
    planner = Planner(paths, coalition, options, engine.fingerprint(), languages)
    tasks, failed = [], []
    for spec in select(coalition, selection):
        try:
            tasks.append(planner.task(spec))
        except LnobError as exc:
            failed.append(DocResult(spec.id, "failed", error=f"plan: {exc}"))
    planner.digests.save()
    return tasks, failed


@contextmanager
def build_lock(paths: ProjectPaths) -> Iterator[None]:
    """One build at a time per cache: a second one stops with a clear message."""
    paths.cache.mkdir(parents=True, exist_ok=True)
    lock = paths.cache / "build.lock"
    with open(lock, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise BuildError(
                f"Another build is running on this project (pid {holder}, lock "
                f"{lock}). Wait for it to finish, then build again"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _pump(queue: Any, progress: Progress) -> None:
    while True:
        item = queue.get()
        if item is None:
            return
        progress.stage(*item)


def build(
    paths: ProjectPaths,
    options: BuildOptions,
    selection: Selection = Selection(),
    progress: Progress | None = None,
) -> BuildReport:
    with build_lock(paths), tools_in_cache(paths):
        clock = time.perf_counter()
        report = BuildReport()

        def phase(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            report.phases[name] = report.phases.get(name, 0.0) + now - clock
            clock = now

        _check_writable(paths.site)
        manifest = SiteManifest.load(paths)
        remove_site_leftovers(paths.site, manifest)  # only the build's own part files
        remove_leftovers(paths.cache / "docs")
        tasks, unplanned = plan(paths, options, selection)
        coalition, _ = load_project(paths)
        progress = progress or Progress(len(tasks) + len(unplanned))
        phase("plan")
        for r in unplanned:
            progress.finished(r.doc_id, "failed", r.error)
        todo = [t for t in tasks if t.needs_work]
        results: dict[str, DocResult] = {}
        for t in tasks:
            if not t.needs_work:
                results[t.spec.id] = DocResult(t.spec.id, "reused")
                progress.finished(t.spec.id, "reused")
        try:
            if len(todo) <= 1 or options.jobs <= 1:
                for t in todo:
                    progress.stage(t.spec.id, "start")
                    built = build_document(t, paths)
                    results[t.spec.id] = built
                    progress.finished(t.spec.id, built.status, built.error)
            else:
                _run_pool(todo, paths, options, progress, results)
        finally:
            phase("documents")
            entries: list[CatalogueEntry] = []
            for t in tasks:
                done = results.get(t.spec.id)
                if done is not None and done.status != "failed":
                    try:
                        entries.append(publish_document(t, paths, manifest))
                    except (OSError, KeyError) as exc:
                        done.status, done.error = "failed", f"publish: {exc}"
                        entry = last_good_entry(t, paths)
                        if entry:
                            entries.append(entry)
                else:
                    entry = last_good_entry(t, paths)
                    if entry:
                        entries.append(entry)
            entries += _other_entries(paths, coalition, tasks)
            report.withdrawn = withdraw(paths, manifest, {s.id for s in coalition.documents()})
            manifest.save()
            progress.close()
            phase("publish")
            try:
                report.catalogue = write_catalogue(
                    paths,
                    entries,
                    coalition.name,
                    coalition.demo,
                    manifest.withdrawn_records(),
                    {c.code: list(c.partners) for c in coalition.countries},
                )
            except OSError as exc:
                raise BuildError(
                    f"could not write {paths.site / 'catalogue.json'}: "
                    f"{exc.strerror or exc}. The previous catalogue is unchanged; "
                    "free space or fix the folder's permissions and build again"
                ) from None
            phase("catalogue")
            fingerprint = paths.cache / "site-fingerprint"
            if report.count("built") or not _site_current(paths, fingerprint):
                fingerprint.unlink(missing_ok=True)
                try:
                    from lnob.site import write_site

                    write_site(paths, coalition)
                    fingerprint.write_text(_site_fingerprint(paths), encoding="utf-8")
                except Exception as exc:  # the documents stay published; only the pages fail
                    report.site_error = f"{type(exc).__name__}: {exc}"
            remove_site_leftovers(paths.site, SiteManifest.load(paths))
            phase("site")
        report.results = [results[t.spec.id] for t in tasks if t.spec.id in results] + unplanned
        write_report(paths, report)
        return report


def _site_fingerprint(paths: ProjectPaths) -> str:
    """Size and time of every file the site's pages are made of or made from: the site
    itself (catalogue.json by content), the package with its templates, the catalogues,
    coalition.yaml and languages.yaml. Equal fingerprints: the pages would come out the same."""
    import hashlib

    from lnob.paths import PACKAGE_DIR
    from lnob.store.keys import package_files

    h = hashlib.sha256()
    catalogue = paths.site / "catalogue.json"
    if catalogue.is_file():
        h.update(hashlib.sha256(catalogue.read_bytes()).digest())
    groups = [
        (
            "site",
            paths.site,
            sorted(p for p in paths.site.rglob("*") if p.is_file() and p != catalogue),
        ),
        ("package", PACKAGE_DIR, package_files(PACKAGE_DIR)),
        ("locale", paths.locale, sorted(p for p in paths.locale.rglob("*") if p.is_file())),
        ("data", paths.data, [paths.coalition_file, paths.languages_file]),
        ("identity", paths.data, _identity_files(paths)),  # the home pages show the logo
    ]
    for name, base, files in groups:
        for f in files:
            st = f.stat()
            rel = f.relative_to(base) if f.is_relative_to(base) else f
            h.update(f"{name}/{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def _identity_files(paths: ProjectPaths) -> list[Path]:
    """identity.yaml and its logos, when there is one (a broken one fails the site alone)."""
    if not paths.identity_file.is_file():
        return []
    from lnob.identity import load_identity

    try:
        return load_identity(paths.identity_file).files()
    except Exception:  # noqa: BLE001 - write_site then names the problem
        return [paths.identity_file]


def _site_current(paths: ProjectPaths, fingerprint: Path) -> bool:
    """Whether the site's pages are those the last build wrote, from the same inputs (then a
    build that built no document need not write them again)."""
    try:
        return fingerprint.read_text(encoding="utf-8") == _site_fingerprint(paths)
    except OSError:
        return False


def _check_writable(site: Path) -> None:
    """Fail before any work when the output folder cannot be written."""
    try:
        site.mkdir(parents=True, exist_ok=True)
        probe = site / ".lnob-write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        raise BuildError(
            f"cannot write to the output folder {site}: {exc.strerror or exc}. "
            "Fix its permissions or choose another with --site"
        ) from None


def _other_entries(
    paths: ProjectPaths, coalition: Coalition, tasks: list[DocTask]
) -> list[CatalogueEntry]:
    """Catalogue entries of documents outside this build's selection, as last published."""
    chosen = {t.spec.id for t in tasks}
    out = []
    for spec in coalition.documents():
        if spec.id in chosen:
            continue
        rec = paths.cache / "docs" / spec.id / "published.json"
        if rec.exists() and (paths.site / spec.site_dir / "index.html").exists():
            entry = read_published_file(rec)
            if entry is not None:
                out.append(entry)
    return out


def _run_pool(
    todo: list[DocTask],
    paths: ProjectPaths,
    options: BuildOptions,
    progress: Progress,
    results: dict[str, DocResult],
) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    pump = threading.Thread(target=_pump, args=(queue, progress), daemon=True)
    pump.start()
    workers = min(options.jobs, len(todo))
    # Longest first: executes and PDFs of reports take longer than briefs.
    order = sorted(
        todo,
        key=lambda t: (
            product_kind(t.spec.product).order,
            t.spec.id,
        ),
    )
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=init_worker,
            initargs=(queue, os.getpid()),
        ) as pool:
            futures = {pool.submit(build_document, t, paths): t for t in order}
            try:
                for fut in as_completed(futures):
                    t = futures[fut]
                    try:
                        r = fut.result()
                    except Exception as exc:  # the worker process itself died
                        r = DocResult(t.spec.id, "failed", error=f"worker crashed: {exc}")
                    results[t.spec.id] = r
                    progress.finished(t.spec.id, r.status, r.error)
            except KeyboardInterrupt:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
    finally:
        queue.put(None)
        pump.join(timeout=2)


def explain(paths: ProjectPaths, options: BuildOptions, selection: Selection) -> list[str]:
    lines = []
    tasks, unplanned = plan(paths, options, selection)
    lines += [f"{r.doc_id}: cannot plan — {r.error}" for r in unplanned]
    for t in tasks:
        dirty = {s: r for s, r in t.dirty.items() if r}
        if not dirty:
            lines.append(f"{t.spec.id}: up to date (reused)")
        else:
            why = "; ".join(f"{s}: {', '.join(r)}" for s, r in dirty.items())
            lines.append(f"{t.spec.id}: rebuild — {why}")
    return lines


__all__ = ["BuildOptions", "BuildReport", "LnobError", "Selection", "build", "explain", "plan"]
