"""Build one document: run its dirty stages, in a worker process or inline.

Never raises for a document's own failure: the result says what failed, why, and
the file to look at, so one broken document never stops the others.
"""

from __future__ import annotations

import hashlib
import json
import time
import traceback
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from lnob.build.interpreter import collect_and_freeze, set_up_worker, with_frame_room
from lnob.build.orphans import die_with_parent
from lnob.build.plan import DocTask, write_state
from lnob.coalition import Coalition, load_coalition
from lnob.errors import InputError, LnobError
from lnob.identity import Identity, load_identity
from lnob.notebook import hand_over
from lnob.paths import ProjectPaths

_events: Any = None  # a multiprocessing queue in worker processes, set by the pool initializer
_worker = False  # a pool's worker process (set by the pool initializer)


def init_worker(queue: Any, parent: int | None = None) -> None:
    """A pool worker's start: events to the parent's queue, and end with the parent."""
    global _events, _worker
    if parent is not None:
        die_with_parent(parent)
    _events = queue
    _worker = True
    set_up_worker()


def _event(doc_id: str, stage: str) -> None:
    if _events is not None:
        _events.put((doc_id, stage))


@dataclass
class DocResult:
    doc_id: str
    status: str  # built | reused | failed
    stages: list[str] = field(default_factory=list)
    error: str = ""
    look_at: str = ""
    line: int | None = None  # the line of `look_at` to fix, when the error names one
    fix: str = ""  # what to do, when the error says
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@cache
def _coalition(path: str, mtime: int) -> Coalition:
    return load_coalition(Path(path))


@cache
def _identity(path: str, mtime: int) -> Identity:
    return load_identity(Path(path))


def build_document(task: DocTask, paths: ProjectPaths) -> DocResult:
    """Execute and render one document and make each of its output formats, as far as its
    task says it is out of date."""
    result = with_frame_room(_build_document, task, paths)
    if _worker:
        collect_and_freeze()
    return result


def _build_document(task: DocTask, paths: ProjectPaths) -> DocResult:
    from lnob.render.context import make_localizer
    from lnob.render.engines import get_renderer
    from lnob.render.page import BuildInfo
    from lnob.stages import execute, render
    from lnob.stages.formats import READ_PATHS, FormatJob, formats_for

    spec = task.spec
    result = DocResult(spec.id, "reused" if not task.needs_work else "built")
    work = task.work
    stage = "plan"
    try:
        coalition = _coalition(str(paths.coalition_file), paths.coalition_file.stat().st_mtime_ns)
        work.mkdir(parents=True, exist_ok=True)
        if task.dirty["execute"]:
            stage = "execute"
            _event(spec.id, stage)
            t = time.perf_counter()
            if task.options.executor == "inprocess":  # the notebook runs here: no re-read
                hand_over(spec, paths, coalition)
            execute.execute(
                task.notebook,
                work / "executed.ipynb",
                {**task.parameters, "preview": False},
                paths.root,
                executor=task.options.executor,
            )
            write_state(work, stage, task.keys[stage], {"files": task.input_files})
            result.warnings += _left_out(work)
            result.seconds[stage] = time.perf_counter() - t
            result.stages.append(stage)
        if task.dirty["render"]:
            stage = "render"
            _event(spec.id, stage)
            t = time.perf_counter()
            engine = get_renderer(task.options.engine, paths.root)
            loc = make_localizer(paths, spec.language, release=task.options.release)
            info = BuildInfo(
                code_version=task.code_version,
                inputs_hash=task.keys["execute"].digest,
                data_hash=task.data_hash,
                build_date=task.build_date,
                parameters=json.dumps(task.parameters, sort_keys=True, ensure_ascii=False),
                engine=engine.version(),
            )
            identity = _identity(str(paths.identity_file), paths.identity_file.stat().st_mtime_ns)
            rendered = render.render(
                work / "executed.ipynb",
                work / "render",
                spec=spec,
                coalition=coalition,
                loc=loc,
                engine=engine,
                build=info,
                release=task.options.release,
                identity=identity,
            )
            if rendered.untranslated:
                result.warnings.append(
                    f"{len(rendered.untranslated)} untranslated string(s), marked in the document"
                )
            write_state(work, stage, task.keys[stage])
            result.seconds[stage] = time.perf_counter() - t
            result.stages.append(stage)
        for fmt in formats_for(spec):  # each declared format's stage, in order
            if not task.dirty[fmt.name]:
                continue
            stage = fmt.name
            _event(spec.id, stage)
            t = time.perf_counter()
            made = fmt.make(
                FormatJob(
                    spec,
                    source=work / READ_PATHS[fmt.reads],
                    out=work / fmt.work_file,
                    fonts=tuple(_fonts(paths, spec.language)),
                    page_budget=task.page_budget,
                    draft=task.options.draft,
                    page_size=coalition.page_size,
                    authored=_authored_text(task, paths),
                    paths=paths,
                    build_date=task.build_date,
                )
            )
            result.warnings.extend(made.warnings)
            data = (work / fmt.work_file).read_bytes()
            facts = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            write_state(work, stage, task.keys[stage], {**made.facts, **facts})
            result.seconds[stage] = time.perf_counter() - t
            result.stages.append(stage)
    except LnobError as exc:
        result.status = "failed"
        result.error = f"{stage}: {exc}"
        result.look_at = _look_at(stage, task, paths)
        authored = getattr(exc, "authored", None)  # a PDF over its page budget
        if isinstance(authored, str) and authored:
            result.look_at = authored
        bad = exc if isinstance(exc, InputError) else exc.__cause__
        if isinstance(bad, InputError):  # the file to fix, not the notebook that read it
            result.look_at, result.line = _project_relative(Path(bad.path), paths), bad.row
            result.fix = bad.hint or (f"expected {bad.expected}" if bad.expected else "")
    except Exception as exc:  # a bug or a tool crash: still only this document fails
        result.status = "failed"
        result.error = f"{stage}: {type(exc).__name__}: {exc}"
        result.look_at = _look_at(stage, task, paths)
        (work / "error.txt").write_text(traceback.format_exc(), encoding="utf-8")
    _event(spec.id, "done")
    return result


def _left_out(work: Path) -> list[str]:
    """What a document built from several countries left out because it could not be read
    (`lnob.products.synthesis`), and why."""
    try:
        reasons = json.loads((work / "left-out.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [f"left out, could not be read: {reason}" for reason in reasons]


def _fonts(paths: ProjectPaths, lang: str) -> list[str]:
    from lnob.render.context import make_localizer

    return list(make_localizer(paths, lang, release=False).language.fonts)


def _authored_text(task: DocTask, paths: ProjectPaths) -> str | None:
    """The document's authored Markdown (what to shorten when it is over its page budget)."""
    from lnob.inputs import authored_folder
    from lnob.products.authored import find_authored

    folder = authored_folder(task.spec, paths)
    if folder is None:
        return None
    try:
        path, _fallback = find_authored(folder, task.spec.language)
    except LnobError:
        return None
    return str(path.relative_to(paths.root))


def _project_relative(path: Path, paths: ProjectPaths) -> str:
    try:
        return str(path.resolve().relative_to(paths.root))
    except ValueError:
        return str(path)


def _look_at(stage: str, task: DocTask, paths: ProjectPaths) -> str:
    from lnob.stages.formats import READ_PATHS, output_format

    if stage == "execute":
        return str(task.notebook.relative_to(paths.root))
    if stage == "render":
        return str((task.work / "executed.ipynb").relative_to(paths.root))
    fmt = output_format(stage)
    if fmt is not None:
        return str((task.work / READ_PATHS[fmt.reads]).relative_to(paths.root))
    return str(paths.coalition_file.relative_to(paths.root))
