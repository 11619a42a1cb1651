"""The machine a benchmark ran on, and bench/RESULTS.md from the measures."""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from benchkit.project import product_of

PACKAGES = (
    "papermill",
    "ipykernel",
    "weasyprint",
    "pypandoc-binary",
    "pandas",
    "matplotlib",
    "babel",
    "ipython",
    "psutil",
)

METHOD = """\
## Method

Every measure runs in one invocation of `bench/bench_build.py`, on copies of the project's
inputs in a temporary folder, built with a copy of the package taken at the start (edits to
the working tree during the run change nothing), so ratios hold on a noisy machine.
Times are wall-clock seconds of `build.py` as a reader runs it, process start-up included;
figures are medians of the runs. Which documents each build built, reused or failed, and the
seconds of each stage, come from the build's own report
(`.lnob-cache/build-report.json`), not from assumptions. Products whose template notebook
does not exist are taken out of the copy's `coalition.yaml` and named below.

1. **Full build vs a naive baseline.** The full build starts from an empty cache with
   `--jobs` = the number of cores. The baseline builds each document the obvious way, one
   after the other, with three command-line tools: the `papermill` CLI (a real Jupyter
   kernel per document, parameters with `-p`/`-y`, `preview: true` so that each cell shows
   its part as HTML in the document's language, with the same notebooks, data, catalogues
   and fonts); the renderer's CLI (`quarto pandoc` when Quarto is installed, otherwise the
   `pandoc` binary of pypandoc-binary) reading the executed notebook with a Lua filter that
   keeps only the cells' HTML output, with the project's stylesheet; and the `weasyprint`
   CLI (print media, PDF/UA-1, as the build). Its page has no cover or colophon, so it does
   slightly less work than the build. Because it is slow, it times a sample (per product,
   one English document and one in another language, preferring a non-Latin script) and
   scales: estimate = sum over products of (mean seconds per sampled document x number of
   documents of that product).
2. **No-op rebuild**: the same build again, twice per run, nothing changed.
3. **One country's data changed**: a line appended to one data file of Kenya (its source
   inventory); the check is that exactly Kenya's documents and the synthesis (whose inputs
   include every country's data) rebuild, nothing else.
4. **One translation fixed**: one translated string of Kenya's national language changed in
   its `.po` catalogue; the check is that only documents in that language rebuild, and that
   none runs its notebook again (stages `render` and `pdf` only).
5. **Scale**: coalitions generated from the demo data (`benchkit/scale.py`): country *i* is
   a copy of pilot country *i* mod 5 under a real ISO 3166 code, with one stocktake, one
   research report and one brief in English, the pilot's national language and French,
   plus the synthesis (2 years x en/fr/es). Peak memory is the sum of the resident memory of
   the build's whole process tree (main process and workers), sampled every 50 ms.

The floor is measured apart in a fresh interpreter (`benchkit/floor.py`): interpreter
start-up, the imports a build worker needs, one Pandoc call, and WeasyPrint on the largest
built document (first call with font loading, then warm, per page), run under a build
worker's interpreter settings (`lnob.build.interpreter`: collector thresholds, a freeze
between documents, room on the frame stack). The floor of a full
build is then: per worker, start-up and imports once; per document, one Pandoc call and
WeasyPrint's warm time for its pages; plus the notebooks' own analysis (the execute stage
as measured), divided by the number of workers.
"""


def _run(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unavailable"


def machine() -> dict[str, Any]:
    import pypandoc

    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(
                line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")
            )
    except (OSError, StopIteration):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    versions["pandoc"] = pypandoc.get_pandoc_version()
    quarto = shutil.which("quarto")
    versions["quarto"] = _run([quarto, "--version"]) if quarto else "not installed"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": _run(["nproc"]),
        "cpu": cpu,
        "memory": next(
            (ln for ln in _run(["free", "-h"]).splitlines() if ln.startswith("Mem:")), "unknown"
        ),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
        "commit": _run(["git", "-C", os.path.dirname(__file__), "rev-parse", "--short", "HEAD"]),
        # changes to the code or inputs measured: this results file itself does not count
        "dirty": bool(
            _run(
                [
                    "git",
                    "-C",
                    os.path.dirname(__file__),
                    "status",
                    "--porcelain",
                    "--",
                    ":(top)",
                    ":(top,exclude)bench/RESULTS.md",
                ]
            )
        ),
        "load_start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def _med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def results_markdown(
    info: dict, args: dict, demo: dict, base: dict, low: dict, scale: list[dict]
) -> str:
    full = _med([r.seconds for r in demo["full"]])
    noop = _med([r.seconds for r in demo["noop"]])
    country = _med([r.seconds for r in demo["country"]])
    trans = _med([r.seconds for r in demo["translation"]])
    speedup = base["estimate"] / full
    checks = demo["checks"][-1]
    cc, tc = checks["country_check"], checks["translation_check"]
    median_full = sorted(demo["full"], key=lambda r: r.seconds)[len(demo["full"]) // 2]
    docs = median_full.report["counts"]["built"]
    options = ", ".join(
        f"--{k} {args[k]}" for k in ("runs", "sample", "scale", "jobs", "products") if args.get(k)
    )
    lines = [
        "# Build benchmarks",
        "",
        f"Measured {info['date']} by `bench/bench_build.py` ({options}"
        f"{', --quick' if args.get('quick') else ''}) at commit {info['commit']}"
        f"{' (with uncommitted changes)' if info['dirty'] else ''}.",
        "",
        f"- Machine: {info['cpu']}, {info['nproc']} cores; memory `{info['memory']}`; "
        f"{info['platform']}; Python {info['python']}.",
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in info["versions"].items()) + ".",
        f"- Load average (1, 5, 15 min) at the start: {info['load_start']}; at the end: "
        f"{info.get('load_end', '?')}. A load above the number of cores means other work "
        "shared the machine: ratios still hold, absolute times do not.",
        f"- Demo: {docs} documents"
        + (f" (only the products {args['products']})" if args.get("products") else "")
        + (f"; skipped (no notebook yet): {', '.join(demo['skipped'])}" if demo["skipped"] else "")
        + ".",
        "",
        "## Results",
        "",
        "| measure | median | share of full build | target | met |",
        "| --- | --- | --- | --- | --- |",
        f"| full demo build ({docs} documents) | {full:.1f} s | 100% | | |",
        f"| naive baseline, estimated for the same {docs} documents | {base['estimate']:.0f} s | "
        f"{base['estimate'] / full:.0%} | build >= 3x faster | {_yes(speedup >= 3)} "
        f"({speedup:.1f}x) |",
        f"| no-op rebuild | {noop:.2f} s | {noop / full:.1%} | < 2 s and < 3% | "
        f"{_yes(noop < 2 and noop / full < 0.03)} |",
        f"| {checks['country']} data changed ({len(cc.rebuilt)} documents rebuilt) | "
        f"{country:.1f} s | {country / full:.0%} | only {checks['country']} and synthesis | "
        f"{_yes(cc.ok)} |",
        f"| one `{checks['lang']}` translation fixed ({len(tc.rebuilt)} re-rendered, "
        f"{len(tc.executed)} executed) | {trans:.1f} s | {trans / full:.0%} | no notebook "
        f"re-run | {_yes(tc.ok and not tc.executed)} |",
        "",
    ]
    rebuilt = max(r.report["counts"]["built"] for r in demo["noop"])
    if rebuilt:
        lines += [
            f"**Warning: a no-op rebuild built {rebuilt} documents**: the inputs or the "
            "package changed during the run, or the cache keys are not stable.",
            "",
        ]
    lines += _checks_section(checks)
    lines += _scale_section(scale, low, info)
    lines += _time_section(median_full, low, info)
    lines += _baseline_section(base)
    lines += [METHOD, "## Every run", ""]
    for key in ("full", "noop", "country", "translation"):
        lines.append(f"- {key}: " + ", ".join(f"{r.seconds:.2f} s" for r in demo[key]))
    return "\n".join(lines) + "\n"


def _checks_section(checks: dict) -> list[str]:
    cc, tc = checks["country_check"], checks["translation_check"]
    return [
        "### What the incremental builds rebuilt (from the build report)",
        "",
        f"- Changed `{checks['file']}`: rebuilt {len(cc.rebuilt)} documents "
        f"({', '.join(sorted(cc.rebuilt))}). Unexpected: {cc.unexpected or 'none'}; "
        f"missing: {cc.missing or 'none'}.",
        f'- Changed the `{checks["lang"]}` translation of "{checks["msgid"]}": rebuilt '
        f"{len(tc.rebuilt)} documents, stages "
        f"{sorted({s for v in tc.rebuilt.values() for s in v})}; notebooks executed again: "
        f"{tc.executed or 'none'}. Unexpected: {tc.unexpected or 'none'}; missing: "
        f"{tc.missing or 'none'}.",
        "",
    ]


def _scale_section(scale: list[dict], low: dict, info: dict) -> list[str]:
    if not scale:
        return []
    jobs = int(info["nproc"]) if str(info["nproc"]).isdigit() else 1
    out = [
        "## Scale",
        "",
        "| countries | documents | pages per document | time | documents/s | "
        "s per document | peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in scale:
        out.append(
            f"| {s['countries']} | {s['documents']} | "
            f"{s.get('pages', 0) / max(s['documents'], 1):.1f} | {s['seconds']:.1f} s | "
            f"{s['docs_per_s']:.2f} | {s['seconds'] / s['documents']:.3f} | "
            f"{s['peak_rss_mb']:.0f} MB |"
        )
    big, small = scale[-1], scale[0]
    growth = (big["seconds"] / small["seconds"]) / (big["documents"] / small["documents"])
    out += [
        "",
        f"Targets (largest): >= 1.5 documents/s: {_yes(big['docs_per_s'] >= 1.5)}; "
        f"peak < 2 GB: {_yes(big['peak_rss_mb'] < 2048)}. Time grows "
        f"{growth:.2f}x as fast as the number of documents between {small['countries']} "
        f"and {big['countries']} countries (1.00 = linear; below 1, fixed costs are "
        "spread over more documents). Products: "
        f"{', '.join(big['products'])}.",
        "",
    ]
    if big.get("pages"):
        per_doc = big["pages"] / max(big["documents"], 1)
        stages = big.get("stages", {})
        bound = jobs / max(low["weasyprint_per_page_s"] * per_doc, 1e-9)
        out += [
            f"At {big['countries']} countries: stage seconds summed over documents "
            + ", ".join(f"{k} {v:.0f}" for k, v in sorted(stages.items()))
            + f" ({sum(stages.values()) / jobs:.0f} s if perfectly shared on {jobs} "
            f"workers, against {big['seconds']:.0f} s of wall time); phases "
            + ", ".join(f"{k} {v:.1f}" for k, v in big.get("phases", {}).items())
            + f". The documents average {per_doc:.1f} pages (a research report has about "
            f"22), so WeasyPrint alone, at the floor's "
            f"{low['weasyprint_per_page_s']:.3f} s per page, allows at most {bound:.2f} "
            f"documents/s on {jobs} cores before any notebook runs or chart is drawn; the "
            f"build's PDF stage took {stages.get('pdf', 0.0) / max(big['pages'], 1):.3f} s "
            "per page.",
            "",
        ]
    out += _scale_stages(big, jobs)
    return out


def _scale_stages(big: dict, jobs: int) -> list[str]:
    """Per product and stage at the largest scale, and what the PDF stage alone allows."""
    per = big.get("product_stages") or {}
    if not per:
        return []
    total = sum(per.values())
    out = [
        f"Stage seconds at {big['countries']} countries, summed over each product's documents:",
        "",
        "| product | stage | seconds | share of all stages |",
        "| --- | --- | --- | --- |",
    ]
    for key, s in sorted(per.items(), key=lambda kv: -kv[1]):
        product, stage = key.split(" ", 1)
        out.append(f"| {product} | {stage} | {s:.1f} | {s / total:.0%} |")
    pdf = sum(s for k, s in per.items() if k.endswith(" pdf"))
    bound = big["documents"] / max(pdf / jobs, 1e-9)
    out += [
        "",
        f"The PDF stage alone (WeasyPrint laying out and writing these documents, as "
        f"this build measured it) took {pdf:.0f} s, {pdf / total:.0%} of all stage time: "
        f"with no notebook run and no chart drawn, {jobs} workers could make at most "
        f"{bound:.2f} documents/s.",
        "",
    ]
    return out


def _time_section(run: Any, low: dict, info: dict) -> list[str]:
    stages = run.stage_seconds()
    docs = run.report["documents"]
    jobs = int(info["nproc"]) if str(info["nproc"]).isdigit() else 1
    per_product: dict[tuple[str, str], list[float]] = {}
    for d in docs:
        product = product_of(d["id"])
        for stage, s in d["seconds"].items():
            per_product.setdefault((product, stage), []).append(s)
    out = [
        "## Where the time goes (the median full build)",
        "",
        "Phases (wall seconds): "
        + ", ".join(f"{k} {v:.2f}" for k, v in run.report["phases"].items())
        + ".",
        "",
        "| product | stage | documents | mean s | total s |",
        "| --- | --- | --- | --- | --- |",
    ]
    for (product, stage), xs in sorted(per_product.items()):
        out.append(
            f"| {product} | {stage} | {len(xs)} | {statistics.mean(xs):.2f} | {sum(xs):.1f} |"
        )
    busy = sum(stages.values())
    pages = low.get("total_pages", 0)
    per_doc = pages / max(len(docs), 1)
    floor = (
        jobs * (low["python_startup_s"] + low["worker_imports_s"])
        + len(docs) * low["pandoc_call_s"]
        + pages * low["weasyprint_per_page_s"]
        + stages.get("execute", 0.0)
    ) / jobs
    out += [
        "",
        f"Stage time summed over documents: {busy:.1f} s on {jobs} workers "
        f"({busy / jobs:.1f} s if perfectly shared), against {run.seconds:.1f} s of wall "
        "time.",
        "",
        "### The floor on this machine",
        "",
        f"- Python start-up {low['python_startup_s']:.2f} s; imports a worker needs "
        f"{low['worker_imports_s']:.2f} s (once per worker).",
        f"- One Pandoc call {low['pandoc_call_s'] * 1000:.0f} ms.",
        f"- WeasyPrint on `{low['document']}` ({low['weasyprint_pages']} pages): first "
        f"call {low['weasyprint_first_s']:.2f} s (with font loading), warm "
        f"{low['weasyprint_warm_s']:.2f} s = {low['weasyprint_per_page_s']:.3f} s per "
        "page.",
        f"- Floor of the full build ({len(docs)} documents, {pages} pages): "
        f"{floor:.1f} s, taking the notebooks' own analysis (execute stage, "
        f"{stages.get('execute', 0.0):.1f} s in total) as given. The build took "
        f"{run.seconds:.1f} s: {run.seconds / floor:.2f}x the floor.",
        f"- WeasyPrint alone, at {per_doc:.1f} pages per document, allows at most "
        f"{jobs / max(low['weasyprint_per_page_s'] * per_doc, 1e-9):.2f} documents/s on "
        f"{jobs} cores; the build's PDF stage took "
        f"{stages.get('pdf', 0.0):.1f} s in total "
        f"({stages.get('pdf', 0.0) / max(pages, 1):.3f} s per page).",
        "",
    ]
    return out


def _baseline_section(base: dict) -> list[str]:
    out = [
        "## The naive baseline",
        "",
        f"Renderer: {base['renderer']}.",
        "",
        "| sampled document | papermill | render | weasyprint | total (median of runs) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for doc, runs in base["sample"].items():
        med = {k: _med([r[k] for r in runs]) for k in runs[0]}
        out.append(
            f"| {doc} | {med['papermill']:.1f} s | {med['render']:.2f} s | "
            f"{med['weasyprint']:.1f} s | {med['total']:.1f} s |"
        )
    out += [
        "",
        "Per document, by product (mean of the sample, median of runs) x documents: "
        + "; ".join(
            f"{p} {s:.1f} s x {base['counts'][p]}" for p, s in sorted(base["per_product"].items())
        )
        + f" = {base['estimate']:.0f} s.",
        "",
    ]
    for doc, error in base.get("failed", {}).items():
        out.append(
            f"- The baseline could not build {doc}: {error}. Its product counts at "
            "the mean time of the others."
        )
    if base.get("failed"):
        out.append("")
    return out
