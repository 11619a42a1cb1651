"""How a research report builds from a large export (issue 18: the size limits must leave room
for real surveys; "a 200,000-row export builds today in 32 s and 1.8 GB: keep it so").

A demo Kenyan survey is grown to --rows submissions by drawing its submissions again (seeded,
with replacement), each with a new key (and, for the health survey, its own roster rows), so
every row of the large export is a real-looking submission. The English research report is
built from it (--runs times, median), and, in the same script, from the demo's own export as the
baseline, so the ratio holds on a noisy machine. Peak memory is the build's whole process tree.

    python bench/bench_large_survey.py               # 200,000 rows (civic survey), 1 run
    python bench/bench_large_survey.py --survey health  # 200,000 households, ~800,000 members
    python bench/bench_large_survey.py --rows 20000  # a quick check of the script
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from benchkit.project import copy_project, run_build

SURVEYS = {  # name: (survey folder, the English research report built from it)
    "health": ("ken-health-access-2024", "ken-research-health-access-2026-en"),  # with a roster
    "civic": ("ken-civic-participation-2024", "ken-research-civic-participation-2026-en"),
}


def grow_export(survey: Path, households: int, seed: int = 20261207) -> tuple[int, int]:
    """Rewrite the survey's export in place with `households` households (and their roster
    rows, if it has a roster); returns the rows of the main export and of the roster."""
    path = survey / "export.csv"
    main = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rng = np.random.default_rng(seed)
    big = main.iloc[rng.integers(0, len(main), households)].reset_index(drop=True)
    key = "KEY" if "KEY" in big else "_uuid"
    old_keys = big[key].to_numpy()
    new_keys = np.array([f"uuid:bench-{i:08d}" for i in range(households)])
    big[key] = new_keys
    for column in ("meta-instanceID", "_id", "_index"):
        if column in big:
            big[column] = new_keys if column == "meta-instanceID" else range(1, households + 1)
    big.to_csv(path, index=False)
    roster_path = survey / "export-hh_roster.csv"
    if not roster_path.exists():
        return len(big), 0
    roster = pd.read_csv(roster_path, dtype=str, keep_default_na=False)
    members = roster.groupby("PARENT_KEY", sort=False).indices
    empty = np.array([], dtype=int)
    picks = [members.get(old, empty) for old in old_keys]
    big_roster = roster.iloc[np.concatenate(picks)].reset_index(drop=True)
    parent = np.repeat(new_keys, [len(p) for p in picks])
    number = big_roster.groupby(parent, sort=False).cumcount().to_numpy() + 1
    big_roster["PARENT_KEY"] = parent
    big_roster["KEY"] = [f"{k}/hh_roster[{n}]" for k, n in zip(parent, number, strict=True)]
    big_roster.to_csv(roster_path, index=False)
    return len(big), len(big_roster)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="households in the export")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--survey", choices=sorted(SURVEYS), default="civic")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lnob-bench-large-") as tmp:
        base, large = Path(tmp) / "demo", Path(tmp) / "large"
        copy_project(base, keep=("research",))
        copy_project(large, keep=("research",))
        folder, document = SURVEYS[args.survey]
        survey = Path("data/countries/KEN/surveys") / folder
        rows = grow_export(large / survey, args.rows)
        size = sum(f.stat().st_size for f in (large / survey).glob("export*.csv"))
        mb = size / 2**20
        print(f"large export: {rows[0]:,} households, {rows[1]:,} roster rows, {mb:.0f} MB")
        results: dict[str, list[tuple[float, float]]] = {"demo": [], "large": []}
        for run in range(args.runs):
            for name, root in (("demo", base), ("large", large)):
                shutil.rmtree(root / ".lnob-cache", ignore_errors=True)  # cold: survey read again
                out = run_build(root, "--document", document, "--jobs", "1")
                built = [d for d in out.report["documents"] if d["status"] == "built"]
                assert [d["id"] for d in built] == [document], out.report
                results[name].append((out.seconds, out.peak_rss_mb))
                stages = ", ".join(f"{k} {v:.1f} s" for k, v in built[0]["seconds"].items())
                print(
                    f"run {run + 1} {name}: {out.seconds:.1f} s ({stages}), "
                    f"peak {out.peak_rss_mb:.0f} MB"
                )
        medians = {
            name: (
                statistics.median(s for s, _ in runs),
                statistics.median(m for _, m in runs),
            )
            for name, runs in results.items()
        }
        (ds, dm), (ls, lm) = medians["demo"], medians["large"]
        print(
            f"median over {args.runs} run(s): demo export {ds:.1f} s / {dm:.0f} MB; "
            f"{args.rows:,} households {ls:.1f} s / {lm:.0f} MB "
            f"({ls / ds:.1f}x the time, {lm / dm:.1f}x the memory); "
            f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )


if __name__ == "__main__":
    main()
