"""A country's stocktake kept on disk (lnob.stocktake.cache): a hit is the analysis a fresh
read gives, any change of a file the analysis reads misses, a broken entry is read again, and
one entry serves every process, language and document."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pandas as pd
import pytest

from lnob.products.stocktake import citizen_surveys
from lnob.stocktake import (
    CountryStocktake,
    IndicatorList,
    StocktakeResult,
    Taxonomy,
    analyse_country,
    load_project_indicators,
    load_taxonomy,
)
from lnob.stocktake import cache as stocktake_cache
from lnob.stocktake.cache import (
    FORMAT,
    cached_analysis,
    cached_country,
    code_version,
    lookup,
    stocktake_key,
)
from lnob.stocktake.sdglist import indicator_list
from tests.cache_entries import DAMAGES, damaged, run_together
from tests.conftest import copy_demo

from .stocktake_support import COUNTRIES, PROJECT, write

COUNTRY_DIR = PROJECT / "data" / "countries"


@pytest.fixture(autouse=True)
def _fresh_process_memo() -> None:
    """Each test reads the disk as a new build worker would."""
    stocktake_cache.forget()


def _pairs(country_dir: Path, indicators: IndicatorList) -> set[tuple[str, str]]:
    """The (indicator, group) pairs the country's real citizen-led surveys cover."""
    surveys = citizen_surveys(country_dir, country_dir.name, "en", indicators)
    return {pair for s in surveys for pair in s.pairs}


def assert_same(a: StocktakeResult, b: StocktakeResult) -> None:
    """Every value of the two results equal, the tables to the last bit and dtype."""
    for name in [f.name for f in fields(StocktakeResult)] + ["no_data", "unmapped_columns"]:
        assert getattr(a, name) == getattr(b, name), name
    for name in ("coverage", "matrix", "inventory_table"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=True)


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / stocktake_cache.FOLDER).glob("*.pickle"))


@pytest.mark.parametrize("country", COUNTRIES)
def test_a_hit_is_the_analysis_of_the_files(
    country: str, tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    folder = COUNTRY_DIR / country
    pairs = _pairs(folder, indicators)
    fresh = analyse_country(folder, indicators, taxonomy, citizen=pairs)
    made = len(stocktake_cache.made)
    first = cached_analysis(folder, indicators, taxonomy, pairs, tmp_path)  # read and kept
    (entry,) = _entries(tmp_path)
    stocktake_cache.forget()  # read from disk, as another worker would
    hit = cached_analysis(folder, indicators, taxonomy, pairs, tmp_path)
    assert len(stocktake_cache.made) == made + 1  # the files were read once
    assert_same(first, fresh)
    assert_same(hit, fresh)
    assert _entries(tmp_path) == [entry]
    plain = cached_analysis(folder, indicators, taxonomy, cache_dir=tmp_path)  # other pairs
    assert_same(plain, analyse_country(folder, indicators, taxonomy))
    assert len(stocktake_cache.made) == made + 1
    if pairs:  # the citizen pairs are applied after, per document
        assert plain.citizen != hit.citizen


@pytest.mark.realdata
def test_a_hit_is_the_analysis_of_real_open_sdg_files(
    tmp_path: Path, realdata: Path, official: IndicatorList, taxonomy: Taxonomy
) -> None:
    """The real Nepal platform (56 files), linked in, with the official indicator list."""
    nepal = tmp_path / "NPL"
    shutil.copytree(
        COUNTRY_DIR / "NPL" / "stocktake",
        nepal / "stocktake",
        ignore=shutil.ignore_patterns("opensdg"),
    )
    (nepal / "stocktake" / "opensdg").symlink_to(
        realdata / "nepal-open-sdg" / "en" / "data", target_is_directory=True
    )
    pairs = {("5.2.1", "disability"), ("4.1.1", "sex"), ("1.4.1", "location")}
    fresh = analyse_country(nepal, official, taxonomy, citizen=pairs)
    cached_analysis(nepal, official, taxonomy, pairs, tmp_path / "cache")
    stocktake_cache.forget()
    hit = cached_analysis(nepal, official, taxonomy, pairs, tmp_path / "cache")
    assert_same(hit, fresh)
    assert fresh.opensdg is not None and len(fresh.opensdg.indicators) > 40
    assert fresh.citizen.fills  # something to apply after


def _project(tmp_path: Path) -> Path:
    """A country, the taxonomy and the indicator list as files of their own, to change."""
    data = tmp_path / "data"
    shutil.copytree(COUNTRY_DIR / "KEN", data / "countries" / "KEN")
    shutil.copytree(PROJECT / "data" / "sdg", data / "sdg")
    shutil.copy(PROJECT / "data" / "taxonomy.yaml", data / "taxonomy.yaml")
    return data


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def _change_opensdg(data: Path) -> None:
    path = data / "countries/KEN/stocktake/opensdg/indicator_6-1-1.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join(lines[:2]) + "\n", "utf-8")  # a shorter series


def _change_sources(data: Path) -> None:
    _append(
        data / "countries/KEN/stocktake/sources.csv",
        "extra,Extra survey 2024,NSO,statistics_office,household_survey,2024,national,"
        "open,,6.1.1: disability,\n",
    )


def _change_focus(data: Path) -> None:
    path = data / "countries/KEN/stocktake/focus.yaml"
    path.write_text(path.read_text("utf-8").replace('"2.2.1"]', '"2.2.1", "4.1.1"]'), "utf-8")


def _add_other_file(data: Path) -> None:
    write(data / "countries/KEN/stocktake/opensdg/notes.txt", "not an indicator file\n")


def _change_taxonomy(data: Path) -> None:
    _append(data / "taxonomy.yaml", "# a comment changes no result, but the file changed\n")


def _change_indicator_list(data: Path) -> None:
    path = data / "sdg" / "indicators.csv"
    path.write_text(path.read_text("utf-8").replace("Proportion", "Share", 1), "utf-8")


def _change_titles(data: Path) -> None:
    path = data / "sdg" / "titles.fr.csv"
    path.write_text(path.read_text("utf-8").replace("Proportion", "Part", 1), "utf-8")


@pytest.mark.parametrize(
    "change",
    [
        _change_opensdg,
        _change_sources,
        _change_focus,
        _add_other_file,
        _change_taxonomy,
        _change_indicator_list,
        _change_titles,
    ],
)
def test_a_changed_input_misses_and_replaces_the_entry(
    change: Callable[[Path], None], tmp_path: Path
) -> None:
    data = _project(tmp_path)
    country, cache_dir = data / "countries" / "KEN", tmp_path / "cache"

    def inputs() -> tuple[IndicatorList, Taxonomy]:
        return load_project_indicators(data / "sdg"), load_taxonomy(data / "taxonomy.yaml")

    indicators, taxonomy = inputs()
    key = stocktake_key(country, indicators, taxonomy)
    cached_analysis(country, indicators, taxonomy, cache_dir=cache_dir)
    (old,) = _entries(cache_dir)
    change(data)
    indicators, taxonomy = inputs()
    assert stocktake_key(country, indicators, taxonomy) not in (key, None)
    assert lookup(country, indicators, taxonomy, cache_dir) is None
    after = cached_analysis(country, indicators, taxonomy, cache_dir=cache_dir)
    assert_same(after, analyse_country(country, indicators, taxonomy))
    (new,) = _entries(cache_dir)  # the country's older entry is removed
    assert new != old
    stocktake_cache.forget()
    assert_same(cached_analysis(country, indicators, taxonomy, cache_dir=cache_dir), after)


def test_the_code_and_the_folder_are_part_of_the_key(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    country = _project(tmp_path) / "countries" / "KEN"
    assert stocktake_key(country, indicators, taxonomy) == stocktake_key(
        country, indicators, taxonomy, code_version()
    )
    assert stocktake_key(country, indicators, taxonomy, "code A") != stocktake_key(
        country, indicators, taxonomy, "code B"
    )
    moved = Path(shutil.copytree(country, tmp_path / "elsewhere" / "KEN"))
    assert stocktake_key(moved, indicators, taxonomy) != stocktake_key(
        country, indicators, taxonomy
    )
    assert cached_analysis(moved, indicators, taxonomy, cache_dir=tmp_path).focus.path == (
        moved / "stocktake" / "focus.yaml"
    )  # results name their own files


def test_nothing_is_kept_without_files_behind_the_inputs(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    """An indicator list made in memory, or a country with a file missing: the analysis runs
    as it would without a cache (and names the missing file), and nothing is written."""
    in_memory = indicator_list(indicators.titles.items(), [])
    folder = COUNTRY_DIR / "KEN"
    assert stocktake_key(folder, in_memory, taxonomy) is None
    assert_same(
        cached_analysis(folder, in_memory, taxonomy, cache_dir=tmp_path),
        analyse_country(folder, in_memory, taxonomy),
    )
    broken = Path(shutil.copytree(folder, tmp_path / "KEN"))
    (broken / "stocktake" / "sources.csv").unlink()
    assert stocktake_key(broken, indicators, taxonomy) is None
    with pytest.raises(Exception, match="sources.csv") as caught:
        cached_analysis(broken, indicators, taxonomy, cache_dir=tmp_path)
    with pytest.raises(type(caught.value)):
        analyse_country(broken, indicators, taxonomy)
    assert not (tmp_path / stocktake_cache.FOLDER).exists()


@pytest.mark.parametrize("damage", [*DAMAGES, "a DataFrame", "another type"])
def test_a_broken_entry_is_read_again_and_replaced(
    damage: str, tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    folder, cache_dir = COUNTRY_DIR / "NPL", tmp_path / "cache"
    expected = cached_analysis(folder, indicators, taxonomy, cache_dir=cache_dir)
    (entry,) = _entries(cache_dir)
    whole = entry.read_bytes()
    key = entry.stem.split("-", 1)[1]
    sentinel = tmp_path / "sentinel"
    sentinel.write_text("still here")
    entry.write_bytes(damaged(whole, damage, FORMAT, sentinel) if damage in DAMAGES else {
        "a DataFrame": pickle.dumps((FORMAT, key, expected.coverage)),
        "another type": pickle.dumps((FORMAT, key, ("NPL", True))),
    }[damage])  # fmt: skip
    stocktake_cache.forget()
    assert lookup(folder, indicators, taxonomy, cache_dir) is None
    made = len(stocktake_cache.made)
    assert_same(cached_analysis(folder, indicators, taxonomy, cache_dir=cache_dir), expected)
    assert len(stocktake_cache.made) == made + 1  # read from the files again
    assert sentinel.read_text() == "still here"  # nothing in an entry is run
    assert entry.read_bytes() == whole  # replaced by a whole entry


def test_an_entry_holds_plain_values_only(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    """No DataFrame and no citizen pairs: what is kept is the same for every document."""
    folder = COUNTRY_DIR / "BGD"
    cached_analysis(folder, indicators, taxonomy, _pairs(folder, indicators), tmp_path)
    stored = lookup(folder, indicators, taxonomy, tmp_path)
    assert type(stored) is CountryStocktake
    assert "pandas" not in _entries(tmp_path)[0].read_bytes().decode("latin-1")
    kept = cached_country(folder, indicators, taxonomy, tmp_path)  # from this process's memo
    assert [getattr(stored, f.name) for f in fields(CountryStocktake)] == [
        getattr(kept, f.name) for f in fields(CountryStocktake)
    ]


_SHARER = """
import json, sys
from pathlib import Path
from lnob.stocktake import load_project_indicators, load_taxonomy
from lnob.stocktake import cache
root, cache_dir = Path(sys.argv[1]), Path(sys.argv[2])
folders = [Path(f) for f in sys.argv[3:]]
indicators = load_project_indicators(root / "data" / "sdg")
taxonomy = load_taxonomy(root / "data" / "taxonomy.yaml")
print("ready", flush=True)
sys.stdin.readline()
found = cache.cached_countries(folders, indicators, taxonomy, cache_dir)
print(json.dumps({"made": [f.name for f in cache.made],
                  "gaps": [[d.gaps.no_data, dict(d.gaps.by_group)] for d in found]}))
"""


def test_two_workers_needing_the_same_countries_read_each_once(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    """Two processes start on the same six countries at the same moment: each country is read
    by one of them (the other waits for it, or does another first), and both get them all."""
    folders = [
        Path(shutil.copytree(COUNTRY_DIR / c, tmp_path / "countries" / f"{c}{i}"))
        for i in range(2)
        for c in ("BGD", "IND", "KEN")
    ]
    cache_dir = tmp_path / "cache"
    out = run_together(_SHARER, [str(PROJECT), str(cache_dir), *map(str, folders)], PROJECT)
    assert sorted(out[0]["made"] + out[1]["made"]) == sorted(f.name for f in folders)
    expected = [analyse_country(f, indicators, taxonomy).gaps for f in folders]
    assert (
        out[0]["gaps"]
        == out[1]["gaps"]
        == [[list(g.no_data), {k: list(v) for k, v in g.by_group.items()}] for g in expected]
    )
    assert len(_entries(cache_dir)) == 6


_BUILDER = """
import json, sys
from pathlib import Path
from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, plan
from lnob.paths import ProjectPaths
from lnob.stages import execute
from lnob.stocktake import cache
paths, out_dir = ProjectPaths.at(Path(sys.argv[1])), Path(sys.argv[2])
report = {}
for doc_id in sys.argv[3:]:
    (task,), _ = plan(paths, BuildOptions(force=True), Selection(ids=(doc_id,)))
    target = out_dir / f"{doc_id}.ipynb"
    before = len(cache.made)
    execute.execute(task.notebook, target, task.parameters, paths.root)
    cells = json.loads(target.read_text("utf-8"))["cells"]
    report[doc_id] = {"made": sorted(p.name for p in cache.made[before:]),
                      "blocks": [c.get("outputs", []) for c in cells]}
print(json.dumps(report))
"""


def _build(root: Path, out: Path, *doc_ids: str) -> dict[str, dict[str, list]]:
    """Execute the documents' notebooks, as one build worker, in a process of their own."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _BUILDER, str(root), str(out), *doc_ids],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_documents_and_languages_share_entries_and_show_the_same(tmp_path: Path) -> None:
    """The first synthesis document reads the five countries; later ones, in other processes,
    languages, years and products, read none; and a document shows the same blocks whether
    its stocktakes were read, came from disk or replaced broken entries."""
    paths = copy_demo(tmp_path / "demo")
    first = _build(paths.root, tmp_path / "cold", "global-synthesis-2026-en")
    assert first["global-synthesis-2026-en"]["made"] == list(COUNTRIES)
    later = _build(
        paths.root,
        tmp_path / "warm",
        "global-synthesis-2026-en",
        "global-synthesis-2026-fr",
        "global-synthesis-2025-es",
        "ken-stocktake-2025-sw",
        "npl-stocktake-2026-ne",
    )
    assert all(doc["made"] == [] for doc in later.values())
    blocks = first["global-synthesis-2026-en"]["blocks"]
    shown = json.dumps(blocks)  # the parts made of the stocktakes are there
    assert "Countries with official data broken down by each group" in shown
    assert "Countries where citizen-generated data fills the gap" in shown
    assert shown.count("Research focus: {items}.") == len(COUNTRIES)
    assert later["global-synthesis-2026-en"]["blocks"] == blocks
    for entry in _entries(paths.cache):
        entry.write_bytes(entry.read_bytes()[:100])
    again = _build(paths.root, tmp_path / "broken", "global-synthesis-2026-en")
    assert again["global-synthesis-2026-en"]["made"] == list(COUNTRIES)
    assert again["global-synthesis-2026-en"]["blocks"] == blocks
