"""Copies of the project to measure, and builds of them timed with their memory.

A copy holds the project's inputs (data, notebooks, authored text, catalogues);
the package itself is the installed one. Products whose template notebook does not
exist yet are taken out of the copy's coalition.yaml (and named), so every build
measured is a complete, successful one.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
import yaml

ROOT = Path(__file__).resolve().parents[2]
BUILD_PY = ROOT / "build.py"
COPY = ("_quarto.yml", "data", "notebooks", "briefs", "reports", "locale")


def copy_project(dest: Path, source: Path = ROOT, keep: tuple[str, ...] = ()) -> list[str]:
    """Copy the project's inputs to `dest`; return the products skipped (no notebook yet).
    With `keep`, only those products stay in the copy's coalition."""
    dest.mkdir(parents=True)
    for name in COPY:
        src = source / name
        if src.is_dir():
            shutil.copytree(
                src, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
            )
        elif src.exists():
            shutil.copy(src, dest / name)
    return drop_products(dest, keep)


def load_coalition_yaml(root: Path) -> dict[str, Any]:
    return yaml.safe_load((root / "data" / "coalition.yaml").read_text(encoding="utf-8"))


def save_coalition_yaml(root: Path, data: dict[str, Any]) -> None:
    (root / "data" / "coalition.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def product_notebooks(data: dict[str, Any]) -> dict[str, str]:
    """Each product the coalition publishes and its notebook: the descriptor's
    (lnob.registry), or the coalition's own where `products:` is a mapping that sets one."""
    from lnob.registry import product_kind

    listed = data["products"]
    own = listed if isinstance(listed, dict) else {}
    return {n: (own.get(n) or {}).get("notebook", product_kind(n).notebook) for n in listed}


def remove_products(data: dict[str, Any], names: set[str]) -> None:
    """Take `names` out of `products:`, a list or a mapping."""
    listed = data["products"]
    if isinstance(listed, dict):
        for name in names:
            listed.pop(name, None)
    else:
        data["products"] = [n for n in listed if n not in names]


def drop_products(root: Path, keep: tuple[str, ...] = ()) -> list[str]:
    """Take out products whose notebook does not exist (returned) and, with `keep`, the
    products not kept."""
    data = load_coalition_yaml(root)
    missing = sorted(
        name
        for name, notebook in product_notebooks(data).items()
        if not (root / "notebooks" / notebook).is_file()
    )
    dropped = set(missing) | ({n for n in data["products"] if n not in keep} if keep else set())
    if dropped:
        remove_products(data, dropped)
        for country in data["countries"]:
            country["documents"] = [d for d in country["documents"] if d["product"] not in dropped]
        data["publications"] = [
            p for p in data.get("publications", []) if p["product"] not in dropped
        ]
        save_coalition_yaml(root, data)
    return missing


@dataclass
class BuildRun:
    seconds: float
    peak_rss_mb: float  # the build's whole process tree, sampled every 50 ms
    report: dict[str, Any] = field(default_factory=dict)

    def rebuilt(self) -> dict[str, list[str]]:
        """Document id -> the stages that ran, for documents built in this run."""
        return {
            d["id"]: d["stages"] for d in self.report.get("documents", []) if d["status"] == "built"
        }

    def stage_seconds(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for d in self.report.get("documents", []):
            for stage, s in d["seconds"].items():
                totals[stage] = totals.get(stage, 0.0) + s
        return totals

    def product_stage_seconds(self) -> dict[str, float]:
        """ "<product> <stage>" -> seconds summed over the documents of the product."""
        totals: dict[str, float] = {}
        for d in self.report.get("documents", []):
            product = product_of(d["id"])
            for stage, s in d["seconds"].items():
                key = f"{product} {stage}"
                totals[key] = totals.get(key, 0.0) + s
        return totals


def product_of(doc_id: str) -> str:
    """The product of a document id: 'bgd-research-…' -> research; 'global-synthesis-…' ->
    synthesis."""
    return doc_id.split("-")[1]


def tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def run_build(root: Path, *args: str, check: bool = True) -> BuildRun:
    """Run `build.py` on the copy at `root` as a reader would; time it and sample its memory."""
    cmd = [sys.executable, str(BUILD_PY), "--root", str(root), *args]
    # The build's output goes to files, not pipes: a pipe nobody reads while the loop below
    # samples memory fills at 64 KB and blocks the build for ever (seen at 30 countries).
    with tempfile.TemporaryFile("w+") as out_file, tempfile.TemporaryFile("w+") as err_file:
        start = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=out_file, stderr=err_file, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc))
            time.sleep(0.05)
        took = time.perf_counter() - start
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if check and proc.returncode != 0:
        raise RuntimeError(
            f"build failed ({proc.returncode}) in {root}:\n{out[-1500:]}\n{err[-3000:]}"
        )
    report_file = root / ".lnob-cache" / "build-report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if report_file.exists() else {}
    return BuildRun(took, peak / 2**20, report)


def document_count(root: Path) -> int:
    out = subprocess.run(
        [sys.executable, str(BUILD_PY), "--root", str(root), "--list"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return int(out.strip().splitlines()[-1].split()[0])
