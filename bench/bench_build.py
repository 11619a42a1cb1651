#!/usr/bin/env python3
"""Benchmark the build: full demo build, no-op rebuild, and one changed input.

Every measure runs in this one script, on copies of the project in a temporary
folder, so ratios between them hold on a noisy machine. Medians of --runs runs.
Writes bench/RESULTS.md (with date and machine) unless --no-write.

    python bench/bench_build.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPY = ("_quarto.yml", "data", "notebooks", "briefs", "reports", "locale")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy(src, dest / name)
    return dest


def build(root: Path, *args: str) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True)
    took = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return took


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    full, noop, one_country = [], [], []
    with tempfile.TemporaryDirectory(prefix="lnob-bench-") as tmp:
        for i in range(args.runs):
            root = copy_project(Path(tmp) / f"run{i}")
            full.append(build(root))
            noop.append(build(root))
            noop.append(build(root))
            src = root / "data" / "countries" / "KEN"
            target = next(p for p in sorted(src.rglob("*.csv")))
            target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            one_country.append(build(root))
            shutil.rmtree(root)
            print(f"run {i + 1}: full {full[-1]:.1f}s, no-op {noop[-1]:.2f}s, "
                  f"one country changed {one_country[-1]:.1f}s", flush=True)
    docs = subprocess.run([sys.executable, str(ROOT / "build.py"), "--list"], capture_output=True,
                          text=True, check=True).stdout.strip().splitlines()[-1]
    f, n, c = median(full), median(noop), median(one_country)
    lines = [
        "# Build benchmarks",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/bench_build.py --runs "
        f"{args.runs}` on {platform.node() or 'this machine'}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.platform()}. The demo: {docs}.",
        "Medians of the runs; every measure in one run of the script.",
        "",
        "| measure | median | ratio to the full build | runs (s) |",
        "| --- | --- | --- | --- |",
        f"| full build (clean cache, `--jobs` = cores) | {f:.1f} s | 1 | "
        f"{', '.join(f'{x:.1f}' for x in full)} |",
        f"| no-op rebuild | {n:.2f} s | {n / f:.1%} | {', '.join(f'{x:.2f}' for x in noop)} |",
        f"| one Kenyan data file changed | {c:.1f} s | {c / f:.1%} | "
        f"{', '.join(f'{x:.1f}' for x in one_country)} |",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (ROOT / "bench" / "RESULTS.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
