"""Progress for long builds: a live line on a terminal, plain lines otherwise (CI, logs)."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, live: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.total = total
        self.done = 0
        self.counts = {"built": 0, "reused": 0, "failed": 0}
        self.current: dict[str, str] = {}
        self.start = time.monotonic()

    def _elapsed(self) -> str:
        s = int(time.monotonic() - self.start)
        return f"{s // 60:02d}:{s % 60:02d}"

    def stage(self, doc_id: str, stage: str) -> None:
        if stage == "done":
            self.current.pop(doc_id, None)
        else:
            self.current[doc_id] = stage
            if not self.live:
                self._line(f"{stage:8s} {doc_id}")
        self._draw()

    def finished(self, doc_id: str, status: str, detail: str = "") -> None:
        self.done += 1
        self.counts[status] = self.counts.get(status, 0) + 1
        self.current.pop(doc_id, None)
        if not self.live or status == "failed":
            self._line(
                f"[{self.done}/{self.total}] {status:6s} {doc_id}"
                + (f": {detail}" if detail else "")
            )
        self._draw()

    def _write(self, text: str) -> None:
        """Write and flush; a closed pipe (`build.py 2>&1 | head`) ends the progress lines,
        never the build."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except (BrokenPipeError, ValueError):  # ValueError: the stream was closed
            self.stream, self.live = open(os.devnull, "w"), False  # noqa: SIM115

    def _line(self, text: str) -> None:
        self._write(("\r\x1b[2K" if self.live else "") + f"{self._elapsed()} {text}\n")

    def _draw(self) -> None:
        if not self.live:
            return
        running = ", ".join(f"{d} ({s})" for d, s in list(self.current.items())[:2])
        c = self.counts
        line = (
            f"\r\x1b[2K{self._elapsed()} [{self.done}/{self.total}] built {c['built']} · "
            f"reused {c['reused']} · failed {c['failed']}" + (f" · {running}" if running else "")
        )
        self._write(line[:160])

    def close(self) -> None:
        if self.live:
            self._write("\r\x1b[2K")
