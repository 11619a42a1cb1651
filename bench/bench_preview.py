#!/usr/bin/env python3
"""Save-to-reload time of the live preview (issue 19): on a copy of the demo, start the
watching preview of a brief and of a research report, change a sentence of the brief's
Markdown (and a line of the research report's translation catalogue),
and time from the save until the server reports the new version (what the page polls
for, twice a second, before it reloads itself; add up to 0.4 s for the poll).

    python bench/bench_preview.py             # a brief and a research report, 5 saves each
    python bench/bench_preview.py --saves 2   # quicker

Targets: under 2 s for a brief, under 5 s for a research report. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from lnob.build.plan import BuildOptions  # noqa: E402
from lnob.build.preview import choose  # noqa: E402
from lnob.build.run import Selection  # noqa: E402
from lnob.build.watch import start  # noqa: E402
from lnob.paths import ProjectPaths  # noqa: E402

# document, the file an author saves, target seconds. A research report has no authored
# Markdown: its author fixes a translation (a re-render, the notebook is not run again).
CASES = {
    "brief": ("ken-brief-health-access-2026-en", "briefs/KEN/health-access/en.md", 2.0),
    "research": (
        "ken-research-health-access-2026-sw",
        "locale/sw/LC_MESSAGES/messages.po",
        5.0,
    ),
}


def _version(url: str) -> int:
    with urllib.request.urlopen(url + "status.json") as r:
        return int(json.loads(r.read())["version"])


def measure(root: Path, doc: str, markdown: str, saves: int) -> list[float]:
    paths = ProjectPaths.at(root)
    running = start(paths, BuildOptions(jobs=1), choose(paths, Selection(ids=(doc,))), port=0)
    times = []
    try:
        md = root / markdown
        text = md.read_text(encoding="utf-8")
        for i in range(saves):
            before = _version(running.url)
            edit = f"\n# saved at run {i}\n" if md.suffix == ".po" else f"\nSaved at run {i}.\n"
            md.write_text(text + edit, encoding="utf-8")
            saved = time.perf_counter()
            while _version(running.url) == before:
                if time.perf_counter() - saved > 120:
                    raise SystemExit(f"{doc}: no new preview 120 s after a save")
                time.sleep(0.02)
            times.append(time.perf_counter() - saved)
            time.sleep(0.5)
    finally:
        running.close()
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--saves", type=int, default=5)
    ap.add_argument("--only", choices=sorted(CASES), action="append", default=[])
    args = ap.parse_args()
    print("| document | saves | median s | max s | target s |\n| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory(prefix="lnob-bench-preview-") as tmp:
        root = Path(tmp) / "demo"
        root.mkdir()
        for part in ("_quarto.yml", "data", "notebooks", "briefs", "reports", "locale"):
            src = ROOT / part
            if src.is_dir():
                shutil.copytree(src, root / part)
            elif src.exists():
                shutil.copy(src, root / part)
        for name in args.only or sorted(CASES):
            doc, markdown, target = CASES[name]
            if not (root / markdown).is_file():
                print(f"| {doc} | skipped: no {markdown} | | | {target} |")
                continue
            t = measure(root, doc, markdown, args.saves)
            print(f"| {doc} | {len(t)} | {statistics.median(t):.2f} | {max(t):.2f} | {target} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
