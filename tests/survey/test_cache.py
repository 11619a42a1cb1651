"""The survey estimates kept on disk (lnob.survey.cache): a hit reads as a fresh analysis does,
any change of what the estimates depend on misses, one entry serves every language, and an
entry is whole, replaceable when broken, and holds no answer."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType

import pytest

from lnob.store.entries import LEFTOVER_SECONDS
from lnob.survey import analyse_survey, identifying_values
from lnob.survey import cache as survey_cache
from lnob.survey.cache import (
    FORMAT,
    cached_analysis,
    cached_estimates,
    code_version,
    entry_path,
    estimates_key,
    lookup,
    read_entry,
)
from lnob.survey.mismatches import MismatchReport
from lnob.survey.results import SurveyResult
from tests.cache_entries import DAMAGES, damaged, run_together
from tests.privacy_scan import leaks

from .conftest import (
    DEMO_LANGUAGE,
    DEMO_SURVEYS,
    ROOT,
    SMALL_SURVEY,
    kobo_rows,
    small_config,
    write_small_form,
)

NAMES = {"location": {"en": "Location", "sw": "Eneo"}, "sex": {"en": "Sex", "sw": "Jinsia"}}


@pytest.fixture(autouse=True)
def _fresh_process_memo() -> None:
    """Each test reads the disk as a new build worker would."""
    survey_cache.forget()


def _small(write_survey: Callable[..., Path], n: int = 40, **change: object) -> Path:
    main, roster = kobo_rows(n, insured_yes=n // 2, urban=20)
    return write_survey(small_config(**change), {"export.csv": main, "roster.csv": roster})


def _entries(cache_dir: Path) -> list[Path]:
    return sorted((cache_dir / survey_cache.FOLDER).glob("*.pickle"))


def _without_examples(result: SurveyResult) -> SurveyResult:
    items = tuple(dataclasses.replace(m, examples=()) for m in result.mismatches.items)
    return dataclasses.replace(result, mismatches=MismatchReport(items))


def _numbers(result: SurveyResult) -> list[tuple[object, ...]]:
    return [
        (t.analysis, t.group, r.category, r.outcome, r.estimate, r.ci_low, r.ci_high, r.base,
         r.reliable, r.suppressed)
        for t in result.tables
        for r in t.rows
    ]  # fmt: skip


def test_one_entry_serves_every_language_as_a_fresh_analysis_would(tmp_path: Path) -> None:
    folder = DEMO_SURVEYS[0].parent
    local = DEMO_LANGUAGE[DEMO_SURVEYS[0].parts[-4]]
    cache_dir = tmp_path / "cache"
    assert lookup(folder, cache_dir) is None
    cached_analysis(folder, "en", NAMES, cache_dir)  # estimated and written
    (entry,) = _entries(cache_dir)
    written = (entry.stat().st_ino, entry.stat().st_mtime_ns)
    for lang in ("en", local, "fr"):
        survey_cache.forget()  # read from disk, as another worker would
        hit = cached_analysis(folder, lang, NAMES, cache_dir)
        fresh = analyse_survey(folder, lang, NAMES)
        assert hit.language == lang and hit.tables and hit.suppression_log
        assert _numbers(hit) == _numbers(fresh)  # the same numbers, to the last bit
        assert hit.tables == fresh.tables  # labels too
        assert hit.suppression_log == fresh.suppression_log
        assert hit.sample == fresh.sample and hit.label_fallbacks == fresh.label_fallbacks
        assert hit.disability_rule == fresh.disability_rule
        assert hit == _without_examples(fresh)  # and the rest, but the data checks' examples
        assert hit.mismatches.public(10) == fresh.mismatches.public(10)
    assert {t.question_label for t in hit.tables} != {
        t.question_label for t in analyse_survey(folder, local).tables
    }  # the languages really differ
    assert _entries(cache_dir) == [entry]
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == written  # read, never rewritten
    stored = lookup(folder, cache_dir)
    assert stored is not None  # read-only mappings come back read-only
    assert type(stored.members) is type(stored.config.subset) is MappingProxyType
    assert type(hit.sample.members) is MappingProxyType


def test_group_names_choose_labels_from_the_same_entry(
    write_survey: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, cache_dir = _small(write_survey), tmp_path_factory.mktemp("cache")
    plain = cached_analysis(folder, "sw", None, cache_dir)
    survey_cache.forget()
    named = cached_analysis(folder, "sw", NAMES, cache_dir)
    assert len(_entries(cache_dir)) == 1
    assert plain == _without_examples(analyse_survey(folder, "sw"))
    assert named == _without_examples(analyse_survey(folder, "sw", NAMES))
    assert named.table("insured", "location").group_label == "Eneo"
    assert plain.table("insured", "location").group_label != "Eneo"


def _change_export(folder: Path) -> str:
    main, roster = kobo_rows(45, insured_yes=40, urban=20)
    (folder / "export.csv").write_text(main, "utf-8")
    return "export.csv"


def _change_form(folder: Path) -> str:
    survey = [
        [*row[:2], "Has health insurance?", *row[3:]] if row[1] == "insured" else row
        for row in SMALL_SURVEY
    ]
    write_small_form(folder / "form.xlsx", survey=survey)
    return "form.xlsx"


def _change_config(folder: Path) -> str:
    text = (folder / "survey.yaml").read_text("utf-8")
    (folder / "survey.yaml").write_text(text.replace("Small test", "A small test"), "utf-8")
    return "survey.yaml"


@pytest.mark.parametrize("change", [_change_export, _change_form, _change_config])
def test_a_changed_input_file_misses_and_replaces_the_entry(
    change: Callable[[Path], str],
    write_survey: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder, cache_dir = _small(write_survey), tmp_path_factory.mktemp("cache")
    before = cached_analysis(folder, "en", None, cache_dir)
    (old,) = _entries(cache_dir)
    name = change(folder)
    assert name in {p.name for p in survey_cache.declared_inputs(folder)}
    assert lookup(folder, cache_dir) is None
    after = cached_analysis(folder, "en", None, cache_dir)
    assert after == _without_examples(analyse_survey(folder, "en"))
    assert after != before
    (new,) = _entries(cache_dir)  # the survey's older entry is removed
    assert new != old


def test_the_code_version_is_part_of_the_key(
    write_survey: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder, cache_dir = _small(write_survey), tmp_path_factory.mktemp("cache")
    assert estimates_key(folder) == estimates_key(folder, code_version())
    assert estimates_key(folder, "code A") != estimates_key(folder, "code B")
    assert len(code_version()) == 64
    first = cached_estimates(folder, cache_dir, code="code A")
    assert lookup(folder, cache_dir, code="code A") == first
    assert lookup(folder, cache_dir, code="code B") is None
    assert lookup(folder, cache_dir) is None
    cached_estimates(folder, cache_dir, code="code B")
    assert lookup(folder, cache_dir, code="code A") is None  # replaced
    assert len(_entries(cache_dir)) == 1


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_broken_entry_is_estimated_again_and_replaced(
    damage: str,
    write_survey: Callable[..., Path],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder, cache_dir = _small(write_survey), tmp_path_factory.mktemp("cache")
    expected = cached_analysis(folder, "en", None, cache_dir)
    (entry,) = _entries(cache_dir)
    whole = entry.read_bytes()
    sentinel = cache_dir / "sentinel"
    sentinel.write_text("still here")
    entry.write_bytes(damaged(whole, damage, FORMAT, sentinel))
    survey_cache.forget()
    assert lookup(folder, cache_dir) is None
    assert cached_analysis(folder, "en", None, cache_dir) == expected
    assert sentinel.read_text() == "still here"  # nothing in an entry is run
    assert lookup(folder, cache_dir) is not None
    assert entry.read_bytes() == whole  # replaced by a whole entry


_WRITER = """
import sys
from pathlib import Path
from lnob.survey.cache import estimates_key, lookup, entry_path, write_entry
folder, cache_dir = Path(sys.argv[1]), Path(sys.argv[2])
key = estimates_key(folder)
estimates = lookup(folder, cache_dir)
assert estimates is not None
print("ready", flush=True)
for _ in range(int(sys.argv[3])):
    write_entry(entry_path(cache_dir, folder, key), key, estimates)
"""


def test_writers_at_once_never_show_a_partial_entry(
    write_survey: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Two processes rewrite one entry over and over while this one reads it: every read finds
    a whole entry. Leftovers of a killed writer go once they are old, not while fresh."""
    folder, cache_dir = _small(write_survey), tmp_path_factory.mktemp("cache")
    expected = cached_estimates(folder, cache_dir)
    key = estimates_key(folder)
    entry = entry_path(cache_dir, folder, key)
    old_part = entry.parent / f".{entry.name}.killed.part"  # as lnob.atomic names them
    new_part = entry.parent / f".{entry.name}.writing.part"
    for part in (old_part, new_part):
        part.write_bytes(entry.read_bytes()[:100])
    long_ago = time.time() - LEFTOVER_SECONDS - 60
    os.utime(old_part, (long_ago, long_ago))
    command = [sys.executable, "-c", _WRITER, str(folder), str(cache_dir), "150"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    writers = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    assert all(w.stdout is not None and w.stdout.readline() == "ready\n" for w in writers)
    reads = 0
    while any(w.poll() is None for w in writers):
        assert read_entry(entry, key) == expected
        reads += 1
    assert [w.wait() for w in writers] == [0, 0]
    assert reads > 10
    assert read_entry(entry, key) == expected
    left = {p.name for p in entry.parent.iterdir()} - {entry.with_suffix(".lock").name}
    assert left == {entry.name, new_part.name}  # the old leftover went; nothing else is left


def test_an_entry_holds_no_answer(tmp_path: Path) -> None:
    """No identifying value (they are dropped on reading), and none of the answer values the
    data checks quote as examples for the survey team."""
    folder = DEMO_SURVEYS[0].parent
    cache_dir = tmp_path / "cache"
    cached_analysis(folder, "en", None, cache_dir)
    planted = identifying_values(folder)
    assert len(planted) > 300
    found, scanned = leaks(planted, cache_dir)
    assert sorted(p.suffix for p in scanned) == [".lock", ".pickle"] and found == []
    fresh = analyse_survey(folder, "en")
    assert any(m.examples for m in fresh.mismatches.items)
    stored = lookup(folder, cache_dir)
    assert stored is not None
    assert [dataclasses.replace(m, examples=()) for m in fresh.mismatches.items] == list(
        stored.mismatches
    )


def test_without_a_cache_folder_nothing_is_written(
    write_survey: Callable[..., Path], tmp_path: Path
) -> None:
    folder = _small(write_survey)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = cached_analysis(folder, "sw", NAMES)
    assert result == _without_examples(analyse_survey(folder, "sw", NAMES))
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


_SHARER = """
import json, sys
from pathlib import Path
from lnob.survey import cache
folders, cache_dir = [Path(f) for f in sys.argv[2:]], Path(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
results = cache.cached_analyses(folders, "sw", None, cache_dir)
print(json.dumps({"made": [f.name for f in cache.made],
                  "numbers": [[r.estimate for t in x.tables for r in t.rows] for x in results]}))
"""


def test_two_workers_needing_the_same_surveys_estimate_each_once(
    write_survey: Callable[..., Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Two processes start on the same six surveys at the same moment: each survey is estimated
    by one of them (the other waits for it, or does another first), and both get every result."""
    small = _small(write_survey)
    root = tmp_path_factory.mktemp("surveys")
    folders = [Path(shutil.copytree(small, root / f"s{i}")) for i in range(6)]
    cache_dir = tmp_path_factory.mktemp("cache")
    out = run_together(_SHARER, [str(cache_dir), *map(str, folders)], ROOT)
    made = out[0]["made"] + out[1]["made"]
    assert sorted(made) == [f.name for f in folders]  # each once, by one or the other
    expected = [[r.estimate for t in analyse_survey(f, "sw").tables for r in t.rows]
                for f in folders]  # fmt: skip
    assert out[0]["numbers"] == out[1]["numbers"] == expected
    assert len(_entries(cache_dir)) == 6
