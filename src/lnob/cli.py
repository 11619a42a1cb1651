"""Command line: the one place errors become messages and exit codes.

Exit codes: 0 all good; 1 a document failed; 2 bad input, usage or a locked build.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from lnob.build.environment import tools_in_cache
from lnob.build.plan import BuildOptions
from lnob.build.preview import PreviewStatus
from lnob.build.run import Selection
from lnob.build.worker import DocResult
from lnob.errors import LnobError
from lnob.paths import PACKAGE_DIR, ProjectPaths
from lnob.registry import product_names

COMMANDS = ("build", "validate", "preview", "verify")


def say(*args: object, file: TextIO | None = None) -> None:
    """Print a line; when the reader has gone (`build.py --list | head`), say nothing more
    and go on, so the exit code is still the command's own and no traceback is printed."""
    stream = file or sys.stdout
    try:
        print(*args, file=stream, flush=True)
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())  # what is still buffered goes nowhere, quietly
        os.close(devnull)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Build the coalition's publications into _site/.",
        epilog="Examples: `python build.py --list`; `python build.py --country BGD --lang bn`; "
        "`python build.py preview --country KEN --lang sw --product brief`; "
        "`python build.py validate`.",
    )
    p.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=COMMANDS,
        help="build (default): the matrix; validate: check the data only; "
        "preview: build one document fast and say where it is; "
        "verify PDF: is a published PDF the catalogue's, and current?",
    )
    p.add_argument("pdf", nargs="?", type=Path, help="with verify: the PDF to check")
    p.add_argument(
        "--country",
        action="append",
        default=[],
        metavar="ISO3",
        help="only this country (repeatable)",
    )
    p.add_argument(
        "--lang",
        action="append",
        default=[],
        metavar="CODE",
        help="only this language (repeatable)",
    )
    p.add_argument(
        "--product",
        action="append",
        default=[],
        choices=product_names(),
        help="only this product (repeatable)",
    )
    p.add_argument("--year", action="append", default=[], type=int, help="only this year")
    p.add_argument(
        "--document",
        action="append",
        default=[],
        metavar="ID",
        help="only this document id (see --list)",
    )
    p.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="worker processes (default: the number of cores)",
    )
    p.add_argument("--list", action="store_true", help="print the build matrix and stop")
    p.add_argument(
        "--explain",
        action="store_true",
        help="say, per document, why it would be rebuilt or reused, and stop",
    )
    p.add_argument("--force", action="store_true", help="rebuild everything")
    p.add_argument(
        "--release",
        action="store_true",
        help="refuse to publish a document with an untranslated string",
    )
    p.add_argument(
        "--draft",
        action="store_true",
        help="warn instead of failing on page budgets and on a PDF whose text does not read back",
    )
    p.add_argument(
        "--engine",
        default="auto",
        choices=("auto", "quarto", "pandoc"),
        help="render engine (default: quarto when installed, else pandoc)",
    )
    p.add_argument(
        "--executor",
        default="inprocess",
        choices=("inprocess", "kernel"),
        help="run notebooks in the worker (default, fast) or in a Jupyter kernel each",
    )
    p.add_argument(
        "--root",
        type=Path,
        default=None,
        help="the project to build (default: the folder of build.py, else the current one)",
    )
    p.add_argument("--site", type=Path, default=None, help="output folder (default: _site)")
    p.add_argument(
        "--watch",
        action="store_true",
        help="with preview: serve it on 127.0.0.1 and rebuild it whenever an input is saved",
    )
    p.add_argument(
        "--port", type=int, default=8000, help="with preview --watch: the port (default: 8000)"
    )
    return p


def main(argv: list[str] | None = None, project: Path | None = None) -> int:
    """Run the command line on `argv`. `project` is the checkout `build.py` lives in: the
    project root unless `--root` names another; without either, the current folder."""
    args = _parser().parse_args(argv)
    root = (args.root or project or Path.cwd()).resolve()
    mismatch = foreign_package(root)
    if mismatch:
        print(f"error: {mismatch}", file=sys.stderr)
        return 2
    paths = ProjectPaths.at(root, site=args.site)
    selection = Selection(
        tuple(args.country),
        tuple(args.lang),
        tuple(args.product),
        tuple(args.year),
        tuple(args.document),
    )
    options = BuildOptions(
        engine=args.engine,
        executor=args.executor,
        jobs=max(1, args.jobs),
        force=args.force,
        release=args.release,
        draft=args.draft,
    )
    try:
        if args.command == "validate":
            with tools_in_cache(paths):
                return _validate(paths)
        if args.command == "verify":
            from lnob.build.verify import verify_pdf

            if args.pdf is None:
                say(
                    "error: verify needs the PDF to check: build.py verify FILE.pdf",
                    file=sys.stderr,
                )
                return 2
            with tools_in_cache(paths):
                verdict = verify_pdf(paths, args.pdf.resolve(), options)
            say(verdict.describe())
            return 0 if verdict.current else 1
        if args.list:
            return _list(paths, selection)
        if args.explain:
            from lnob.build.run import explain

            say("\n".join(explain(paths, options, selection)))
            return 0
        if args.command == "preview":
            return _preview(paths, options, selection, args.watch, args.port)
        return _build(paths, options, selection)
    except LnobError as exc:
        say(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        say(
            "\ninterrupted: finished documents are kept; run the build again to resume",
            file=sys.stderr,
        )
        return 130


def foreign_package(root: Path) -> str | None:
    """Why the `lnob` imported here is not the checkout's own `src/lnob`, or None.

    A virtualenv made in one clone, used in another, would otherwise build this clone's
    files with the other clone's code, silently. A project without `src/` (a copy of the
    data only) takes the package that is installed."""
    own = root / "src" / "lnob"
    if not own.is_dir() or own.resolve() == PACKAGE_DIR:
        return None
    return (
        f"the project at {root} has its own package ({own}), but the `lnob` imported is "
        f"{PACKAGE_DIR}: this Python environment belongs to another checkout. Install this "
        f"checkout's package into it (`python -m pip install --no-deps -e {root}`) or run "
        "the build with that checkout's environment."
    )


def _list(paths: ProjectPaths, selection: Selection) -> int:
    from lnob.build.run import load_project, select

    coalition, _ = load_project(paths)
    specs = select(coalition, selection)
    say(f"{'id':48s} {'product':10s} {'country':7s} {'lang':5s} year")
    for s in specs:
        say(f"{s.id:48s} {s.product:10s} {s.country or '-':7s} {s.language:5s} {s.year}")
    say(f"{len(specs)} document(s)")
    return 0


def _validate(paths: ProjectPaths) -> int:
    from lnob.validate import validate_project

    warnings: list[str] = []
    problems, checked = validate_project(paths, warnings)
    for w in warnings:
        say(f"warning: {w}", file=sys.stderr)
    for p in problems:
        say(f"error: {p}", file=sys.stderr)
    noted = f", {len(warnings)} warning(s)" if warnings else ""
    say(f"checked {checked} file(s): {len(problems)} problem(s){noted}")
    return 2 if problems else 0


def _build(paths: ProjectPaths, options: BuildOptions, selection: Selection) -> int:
    from lnob.build.run import build

    t = time.monotonic()
    report = build(paths, options, selection)
    took = time.monotonic() - t
    say(
        f"built {report.count('built')}, reused {report.count('reused')}, "
        f"failed {report.count('failed')} in {took:.1f}s; site: {paths.site}"
    )
    for r in report.results:
        for w in r.warnings:
            say(f"warning: {r.doc_id}: {w}", file=sys.stderr)
    _say_failed(report.failed)
    if report.site_error:
        say(
            f"FAILED site pages: {report.site_error}; the documents and catalogue.json are "
            "published",
            file=sys.stderr,
        )
    return 1 if report.failed or report.site_error else 0


def _say_failed(failed: list[DocResult]) -> None:
    for r in failed:
        look = f"\n  look at: {r.look_at}" if r.look_at else ""
        say(f"FAILED {r.doc_id}: {r.error}{look}", file=sys.stderr)


def _preview(
    paths: ProjectPaths, options: BuildOptions, selection: Selection, watch: bool, port: int
) -> int:
    """One document as a draft into its preview folder (never `_site/`); with `watch`,
    served on 127.0.0.1 and rebuilt on every save."""
    from lnob.build.preview import choose, preview, preview_folder

    spec = choose(paths, selection)
    if watch:
        from lnob.build.watch import serve

        serve(paths, options, spec, port, report=_say)
        return 0
    status = preview(paths, options, spec)
    _say(status)
    if not status.ok:
        return 1
    good = preview_folder(paths, spec) / "good"
    print(f"  HTML: {good / 'index.html'}\n  PDF: {good / status.pdf}")
    return 0


def _say(status: PreviewStatus) -> None:
    if status.ok:
        print(f"{status.doc_id}: previewed in {status.seconds:.1f}s", flush=True)
        return
    where = status.file + (f", line {status.line}" if status.line else "")
    print(f"FAILED {status.doc_id}: {status.error}", file=sys.stderr, flush=True)
    if where:
        print(f"  look at: {where}", file=sys.stderr, flush=True)
