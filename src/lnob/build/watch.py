"""`build.py preview --watch`: rebuild one document when its inputs change, and serve it.

A thread polls the size and time of every file the document is made from (see
`preview.watched_files`) and previews it again after a change; a small web server on
127.0.0.1 shows the preview folder. Its page asks for `status.json` twice a second and
reloads itself when the version changes, so an author saves a file and sees the page.
A failed preview shows its error (file, line, what to do) with a link to the last good
version, and the next good preview brings the document back.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jinja2 import Environment, FileSystemLoader, select_autoescape

from lnob.build.plan import BuildOptions
from lnob.build.preview import (
    PreviewStatus,
    preview,
    preview_folder,
    read_status,
    snapshot,
    watched_files,
)
from lnob.errors import LnobError
from lnob.paths import TEMPLATES_DIR, ProjectPaths
from lnob.spec import DocumentSpec

POLL_SECONDS = 0.2
LIST_EVERY = 10  # polls between two listings of the watched files


def _page(status: PreviewStatus | None) -> bytes:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html", "j2"])
    )
    html = env.get_template("preview.html.j2").render(status=status)
    return html.encode("utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """`/` the preview page, `/status.json` the last preview's status, `/good/…` the last
    good HTML and PDF; nothing else of the disk is served."""

    def __init__(self, *args: Any, folder: Path, **kwargs: Any) -> None:
        self.folder = folder
        super().__init__(*args, directory=str(folder), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        path = unquote(urlsplit(self.path).path)
        if path == "/":
            self._send(_page(read_status(self.folder)), "text/html; charset=utf-8")
        elif path == "/status.json":
            status = read_status(self.folder)
            body = json.dumps(asdict(status) if status else {"version": 0}).encode("utf-8")
            self._send(body, "application/json")
        elif path.startswith("/good/"):
            super().do_GET()
        else:
            self.send_error(404, "Not in the preview")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Watcher:
    """Previews a document now and again after every change of its inputs."""

    def __init__(
        self,
        paths: ProjectPaths,
        options: BuildOptions,
        spec: DocumentSpec,
        report: Callable[[PreviewStatus], None] = lambda s: None,
    ) -> None:
        self.paths, self.options, self.spec, self.report = paths, options, spec, report
        self.stop = threading.Event()
        self.files: list[Path] = []

    def list_files(self) -> list[Path]:
        with contextlib.suppress(LnobError):  # a broken coalition.yaml: watch what was watched
            self.files = watched_files(self.paths, self.spec)
        return self.files

    def once(self) -> PreviewStatus:
        status = preview(self.paths, self.options, self.spec)
        self.report(status)
        return status

    def run(self, seen: dict[Path, tuple[int, int]]) -> None:
        """Poll until `stop`; `seen` is the snapshot the last preview was built from."""
        files, polls = self.files, 0
        while not self.stop.wait(POLL_SECONDS):
            polls += 1
            if polls % LIST_EVERY == 0:  # a file that appeared (a new translation, say)
                files = self.list_files()
            now = snapshot(files)
            if now == seen:
                continue
            try:
                self.once()
            except LnobError as exc:  # e.g. another build holds the lock: try again
                print(f"preview: {exc}", flush=True)
                continue
            files = self.list_files()
            seen = now if snapshot(files) == now else {}  # saved during the build: again


@dataclass
class Running:
    """A watching preview: its address, and how to stop it."""

    url: str
    server: http.server.ThreadingHTTPServer
    watcher: Watcher
    threads: tuple[threading.Thread, ...]

    def close(self) -> None:
        self.watcher.stop.set()
        self.server.shutdown()
        self.server.server_close()
        for t in self.threads:
            t.join(timeout=60)


def start(
    paths: ProjectPaths,
    options: BuildOptions,
    spec: DocumentSpec,
    port: int = 8000,
    report: Callable[[PreviewStatus], None] = lambda s: None,
) -> Running:
    """Preview `spec` once, then serve it on 127.0.0.1:`port` (0: a free port) and preview
    it again after every change of its inputs, in threads, until `close()`."""
    folder = preview_folder(paths, spec)
    folder.mkdir(parents=True, exist_ok=True)
    watcher = Watcher(paths, options, spec, report)
    seen = snapshot(watcher.list_files())  # before the first preview: a save during it counts
    watcher.once()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(_Handler, folder=folder))
    server.daemon_threads = True
    threads = (
        threading.Thread(target=watcher.run, args=(seen,), name="preview-watcher", daemon=True),
        threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="preview-server"
        ),
    )
    for t in threads:
        t.start()
    return Running(f"http://127.0.0.1:{server.server_address[1]}/", server, watcher, threads)


def serve(
    paths: ProjectPaths,
    options: BuildOptions,
    spec: DocumentSpec,
    port: int = 8000,
    report: Callable[[PreviewStatus], None] = lambda s: None,
) -> None:
    """`start`, say where, and run until interrupted (Ctrl-C)."""
    running = start(paths, options, spec, port, report)
    print(f"preview of {spec.id}: {running.url} (rebuilds on save; Ctrl-C stops)", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        running.close()
