#!/usr/bin/env python3
"""Benchmark the build (issue 9): every measure in this one run, so ratios hold on a
noisy machine; medians of --runs runs. On copies of the project in a temporary folder.

1. full demo build vs a naive baseline (papermill CLI + pandoc/quarto CLI + weasyprint
   CLI per document, one after the other; timed on a sample, scaled per document);
2. no-op rebuild; 3. one country's data changed; 4. one translation fixed;
5. scale: generated coalitions of --scale countries x 3 languages x the four products;
and where the time goes (per stage, per phase) against the floor of this machine.

    python bench/bench_build.py            # the full measurement (about 30 minutes)
    python bench/bench_build.py --quick    # a few minutes: checks the script works

Writes bench/RESULTS.md unless --no-write (or --out FILE). Products whose notebook does
not exist yet are skipped, and the results say so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchkit import baseline, scenarios
from benchkit.project import ROOT, BuildRun, copy_project, run_build
from benchkit.report import machine, results_markdown
from benchkit.scale import generate


def demo_runs(tmp: Path, runs: int, jobs: int, keep: tuple[str, ...]) -> tuple[dict, Path]:
    out: dict = {"full": [], "noop": [], "country": [], "translation": [], "checks": []}
    root = tmp
    for i in range(runs):
        root = tmp / f"demo{i}"
        out["skipped"] = copy_project(root, keep=keep)
        full = run_build(root, "--jobs", str(jobs))
        out["full"].append(full)
        out["noop"] += [run_build(root, "--jobs", str(jobs)) for _ in range(2)]
        ids = [d["id"] for d in full.report["documents"]]
        country = scenarios.pick_country(root)
        changed = scenarios.change_country_data(root, country["code"])
        run = run_build(root, "--jobs", str(jobs))
        out["country"].append(run)
        check_c = scenarios.check_country(run, ids, country["code"])
        lang = next((lang for lang in country["languages"] if lang != "en"), "en")
        msgid = scenarios.fix_translation(root, lang)
        run = run_build(root, "--jobs", str(jobs))
        out["translation"].append(run)
        check_t = scenarios.check_translation(run, ids, lang)
        out["checks"].append(
            {
                "country": country["code"],
                "file": str(changed.relative_to(root)),
                "country_check": check_c,
                "lang": lang,
                "msgid": msgid,
                "translation_check": check_t,
            }
        )
        print(
            f"run {i + 1}/{runs}: full {full.seconds:.1f}s, no-op {out['noop'][-1].seconds:.2f}s"
            f", {country['code']} data {out['country'][-1].seconds:.1f}s "
            f"({len(check_c.rebuilt)} rebuilt, ok={check_c.ok}), {lang} translation "
            f"{run.seconds:.1f}s ({len(check_t.rebuilt)} re-rendered, "
            f"{len(check_t.executed)} executed)",
            flush=True,
        )
    return out, root


def baseline_runs(root: Path, runs: int, per_product: int, work: Path) -> dict:
    from lnob.coalition import load_coalition

    coalition = load_coalition(root / "data" / "coalition.yaml")
    specs = list(coalition.documents())
    chosen = baseline.sample(specs, per_product)
    per_doc: dict[str, list[dict[str, float]]] = {s.id: [] for s in chosen}
    failed: dict[str, str] = {}
    for i in range(runs):
        for spec in [s for s in chosen if s.id not in failed]:
            nb = root / "notebooks" / coalition.products[spec.product].notebook
            try:
                per_doc[spec.id].append(baseline.build_document(root, spec, nb, work / spec.id))
            except RuntimeError as exc:  # said in the results; the others still count
                failed[spec.id] = str(exc).strip().splitlines()[-1][:300]
                del per_doc[spec.id]
        print(
            f"baseline run {i + 1}/{runs}: "
            + ", ".join(f"{d} {v[-1]['total']:.1f}s" for d, v in per_doc.items())
            + "".join(f"; {d} FAILED: {e}" for d, e in failed.items()),
            flush=True,
        )
    counts = {p: sum(1 for s in specs if s.product == p) for p in {s.product for s in specs}}
    per_product = {}
    for product in counts:
        docs = [s.id for s in chosen if s.product == product and s.id in per_doc]
        if not docs:
            continue
        # per run: the mean over the product's sampled documents; then the median of runs
        means = [statistics.mean(per_doc[d][i]["total"] for d in docs) for i in range(runs)]
        per_product[product] = statistics.median(means)
    # a product none of whose sampled documents built: the mean of the others per document
    fallback = statistics.mean(per_product.values()) if per_product else float("nan")
    estimate = sum(per_product.get(p, fallback) * counts[p] for p in counts)
    return {
        "sample": per_doc,
        "per_product": per_product,
        "counts": counts,
        "failed": failed,
        "estimate": estimate,
        "renderer": "quarto"
        if baseline.shutil.which("quarto")
        else f"pandoc ({baseline.pandoc_path()})",
    }


def floor(root: Path) -> dict:
    """Cold costs in a fresh interpreter, against the largest document of the build."""
    from lnob.i18n import load_languages

    cache = root / ".lnob-cache" / "docs"
    htmls = sorted(cache.glob("*/render/index.html"), key=lambda p: p.stat().st_size)
    html = htmls[-1]
    lang = html.parts[-3].rsplit("-", 1)[-1]
    fonts = load_languages(root / "data" / "languages.yaml")[lang].fonts
    md = next(iter(sorted((root / "briefs").rglob("en.md"))))
    proc = subprocess.run(
        [sys.executable, "-m", "benchkit.floor", str(html), str(md), *fonts],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent,
    )
    catalogue = json.loads((root / "_site" / "catalogue.json").read_text(encoding="utf-8"))
    pages = sum(d.get("pages") or 0 for d in catalogue.get("documents", []))
    return {"document": html.parts[-3], "total_pages": pages, **json.loads(proc.stdout)}


def scale_runs(tmp: Path, sizes: list[int], jobs: int, keep: tuple[str, ...]) -> list[dict]:
    out = []
    for n in sizes:
        root = tmp / f"scale{n}"
        info = generate(root, n, keep)
        run: BuildRun = run_build(root, "--jobs", str(jobs))
        docs = run.report["counts"]["built"]
        catalogue = json.loads((root / "_site" / "catalogue.json").read_text(encoding="utf-8"))
        pages = sum(d.get("pages") or 0 for d in catalogue.get("documents", []))
        out.append(
            {
                **info,
                "documents": docs,
                "pages": pages,
                "seconds": run.seconds,
                "peak_rss_mb": run.peak_rss_mb,
                "docs_per_s": docs / run.seconds,
                "stages": run.stage_seconds(),
                "phases": run.report["phases"],
                "product_stages": run.product_stage_seconds(),
            }
        )
        print(
            f"scale {n} countries: {docs} documents in {run.seconds:.1f}s "
            f"({docs / run.seconds:.2f}/s), peak {run.peak_rss_mb:.0f} MB",
            flush=True,
        )
        subprocess.run(["rm", "-rf", str(root)], check=False)
    return out


def snapshot_package(tmp: Path) -> None:
    """Build with a copy of the package as it is now: an edit in the working tree during
    the run would otherwise change the code's hash and make every build a full one."""
    shutil.copytree(ROOT / "src", tmp / "src", ignore=shutil.ignore_patterns("__pycache__"))
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(tmp / "src") + (os.pathsep + old if old else "")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=3, help="runs of each demo measure (median)")
    ap.add_argument("--baseline-runs", type=int, default=None, help="default: --runs")
    ap.add_argument("--sample", type=int, default=2, help="baseline documents per product")
    ap.add_argument("--scale", default="10,20,30", help="country counts of the scale test")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument(
        "--quick",
        action="store_true",
        help="1 run, 1 baseline document per product, scale 2,4: checks the script",
    )
    ap.add_argument(
        "--products",
        default="",
        help="only these products (comma-separated; default: every product)",
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.runs, args.sample, args.scale = 1, 1, "2,4"
    sizes = [int(x) for x in args.scale.split(",") if x]
    info = machine()
    print(f"machine: {info['cpu']}, {info['nproc']} cores, load {info['load_start']}", flush=True)
    with tempfile.TemporaryDirectory(prefix="lnob-bench-") as tmp_name:
        tmp = Path(tmp_name)
        snapshot_package(tmp)
        keep = tuple(p for p in args.products.split(",") if p)
        demo, root = demo_runs(tmp, args.runs, args.jobs, keep)
        base = baseline_runs(root, args.baseline_runs or args.runs, args.sample, tmp / "naive")
        low = floor(root)
        scale = scale_runs(tmp, sizes, args.jobs, keep)
    info["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    text = results_markdown(info, vars(args), demo, base, low, scale)
    print(text)
    if not args.no_write:
        args.out.write_text(text, encoding="utf-8")
        print(f"written: {args.out}")


if __name__ == "__main__":
    main()
