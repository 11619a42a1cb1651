"""Survey estimates kept on disk: estimated once per change, shared by every worker and language.

Reading a survey and estimating it with samplics is the costly part of an analysis (about half
a second a survey), and it does not depend on the report language. :func:`cached_analysis`
keeps that part (:class:`~lnob.survey.estimation.SurveyEstimates`) in ``<cache>/surveys/``
and labels it in the language asked, so a country's research reports and briefs in all its
languages, and every synthesis document, estimate a survey once, in whichever build worker
gets there first, and later builds not again until something it depends on changes. A worker
that needs a survey another is estimating waits for it (:func:`cached_analysis`) or, with
other surveys to do, does those first (:func:`cached_analyses`).

An entry's key covers everything the estimates depend on: the bytes of every file
:func:`~lnob.survey.analysis.declared_inputs` lists, the survey folder (results name their
files), and the code: the lnob package's files and the versions of Python and of the
libraries that read and estimate (:func:`code_version`). Language and group names are not in
it: they only choose the labels, put on afterwards. An entry is whole or absent, one that
cannot be read is estimated again and replaced, never an error (:mod:`lnob.store.entries`).
When a survey's entry is replaced by a newer one, the older is removed, so the folder holds
about one entry per survey.

Entries hold no answer: estimates after disclosure control (a withheld cell holds no number),
counts, survey.yaml and the form as read, the names of dropped columns and the counts of the
data checks. The examples of the data checks (answer values, for the survey team: see
:class:`~lnob.survey.mismatches.MismatchReport`) are left out, of every result this module
returns, so a result never depends on whether it came from disk; ``analyse_survey`` still
gives the survey team the full report.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from lnob.store import entries
from lnob.store.entries import DIGESTS, EntryStore, fetch_in_turn
from lnob.survey.analysis import GroupNames, declared_inputs, label_estimates
from lnob.survey.estimation import SurveyEstimates, estimate_survey
from lnob.survey.formtext import Words, english_words
from lnob.survey.results import SurveyResult

FOLDER = "surveys"  # under the build cache
FORMAT = 1  # bump when an entry's layout changes without a change of the package's files
#: Distributions whose code reads, checks or estimates a survey (their versions are keyed).
LIBRARIES = (
    "samplics", "statsmodels", "scipy", "polars", "numpy", "pandas", "pyxform", "openpyxl",
    "python-calamine", "pyyaml", "jsonschema", "babel", "pycountry",
)  # fmt: skip

#: The entries: made only of the survey package's classes (lnob.store.entries).
STORE: EntryStore[SurveyEstimates] = EntryStore(FOLDER, "lnob.survey", SurveyEstimates, FORMAT)
read_entry = STORE.read
write_entry = STORE.write
made: list[Path] = []  # the survey folders this process has estimated itself, in order


def code_version() -> str:
    """The code's part of every key: the lnob package's files, Python, library versions."""
    return entries.code_version(LIBRARIES)


def estimates_key(survey_dir: Path, code: str | None = None) -> str:
    """The key of a survey's estimates (``code``: :func:`code_version` unless given)."""
    folder = Path(survey_dir).resolve()
    files = DIGESTS.files(declared_inputs(folder), folder)
    return STORE.key(folder.as_posix(), files, code or code_version())


def entry_path(cache_dir: Path, survey_dir: Path, key: str) -> Path:
    """``<cache>/surveys/<folder tag>-<key>.pickle``: one tag per survey folder."""
    return STORE.path(cache_dir, survey_dir, key)


def lookup(survey_dir: Path, cache_dir: Path, code: str | None = None) -> SurveyEstimates | None:
    """What the cache on disk holds for the survey as its files are now (None: nothing)."""
    key = estimates_key(survey_dir, code)
    return read_entry(entry_path(Path(cache_dir), survey_dir, key), key)


def forget() -> None:
    """Forget the estimates this process has read or made (the entries on disk stay)."""
    STORE.forget()


def without_examples(estimates: SurveyEstimates) -> SurveyEstimates:
    """The estimates with no answer values: the data checks' examples left out."""
    mismatches = tuple(dataclasses.replace(m, examples=()) for m in estimates.mismatches)
    return dataclasses.replace(estimates, mismatches=mismatches)


def _estimate(survey_dir: Path) -> SurveyEstimates:
    made.append(Path(survey_dir))
    return without_examples(estimate_survey(Path(survey_dir)))


def _estimates(
    survey_dir: Path, cache_dir: Path, code: str | None, wait: bool
) -> SurveyEstimates | None:
    """From the memo, the disk, or made under the entry's lock; None (``wait=False``) when
    another process is making it now."""
    key = estimates_key(survey_dir, code)
    entry = entry_path(Path(cache_dir), survey_dir, key)
    return STORE.fetch(entry, key, lambda: _estimate(survey_dir), wait)


def cached_estimates(
    survey_dir: Path, cache_dir: Path | None, code: str | None = None
) -> SurveyEstimates:
    """A survey's estimates: from this process's memo, else the cache, else made and kept."""
    if cache_dir is None:
        return _estimate(survey_dir)
    estimates = _estimates(survey_dir, cache_dir, code, wait=True)
    assert estimates is not None  # waited for the lock
    return estimates


def cached_analysis(
    survey_dir: Path,
    lang: str,
    group_names: GroupNames | None = None,
    cache_dir: Path | None = None,
    words: Words = english_words,
) -> SurveyResult:
    """``analyse_survey`` with the estimates kept in ``cache_dir`` (none: not kept) and the
    data checks' examples left out (see the module's docstring)."""
    return label_estimates(cached_estimates(survey_dir, cache_dir), lang, group_names, words)


def cached_analyses(
    survey_dirs: Sequence[Path],
    lang: str,
    group_names: GroupNames | None = None,
    cache_dir: Path | None = None,
    words: Words = english_words,
) -> tuple[SurveyResult, ...]:
    """:func:`cached_analysis` of several surveys, in their order. A survey another process is
    estimating right now is left for last, so two workers that need the same surveys at the
    same time (two languages of the synthesis) share the work instead of both doing it all."""
    if cache_dir is None:
        estimates = [_estimate(folder) for folder in survey_dirs]
    else:
        estimates = fetch_in_turn(
            survey_dirs, lambda folder, wait: _estimates(folder, cache_dir, None, wait)
        )
    return tuple(label_estimates(e, lang, group_names, words) for e in estimates)
