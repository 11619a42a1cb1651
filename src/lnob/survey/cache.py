"""Survey estimates kept on disk: estimated once per change, shared by every worker and language.

Reading a survey and estimating it with samplics is the costly part of an analysis (about half
a second a survey), and it does not depend on the report language. :func:`cached_analysis`
keeps that part (:class:`~lnob.survey.estimation.SurveyEstimates`) in ``<cache>/surveys/``
and labels it in the language asked, so a country's research reports and briefs in all its
languages, and every synthesis document, estimate a survey once, in whichever build worker
gets there first, and later builds not again until something it depends on changes.

An entry's key covers everything the estimates depend on: the bytes of every file
:func:`~lnob.survey.analysis.declared_inputs` lists, the survey folder (results name their
files), and the code: the lnob package's files and the versions of Python and of the
libraries that read and estimate (:func:`code_version`). Language and group names are not in
it: they only choose the labels, put on afterwards. An entry is written aside and renamed into
place, so a reader sees a whole entry or none; one that cannot be read is estimated again and
replaced, never an error. When a survey's entry is replaced by a newer one, the older is
removed, so the folder holds about one entry per survey.

Entries hold only what a result publishes: estimates after disclosure control, counts, the
form's labels, the names of dropped columns and the counts of the data checks. The examples
of the data checks (answer values, for the survey team: see
:class:`~lnob.survey.mismatches.MismatchReport`) are left out, of every result this module
returns, so a result never depends on whether it came from disk; ``analyse_survey`` still
gives the survey team the full report. Entries are pickles, read back by an unpickler that
makes only the project's values and a few plain types.
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import os
import pickle
import platform
import tempfile
import time
from functools import cache
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

from lnob.build.keys import Digests, canonical_json, package_files, sha256_text
from lnob.paths import PACKAGE_DIR
from lnob.survey.analysis import GroupNames, declared_inputs, label_estimates
from lnob.survey.estimation import SurveyEstimates, estimate_survey
from lnob.survey.results import SurveyResult

FOLDER = "surveys"  # under the build cache
FORMAT = 1  # bump when an entry's layout changes without a change of the package's files
#: Distributions whose code reads, checks or estimates a survey (their versions are keyed).
LIBRARIES = (
    "samplics", "statsmodels", "scipy", "polars", "numpy", "pandas", "pyxform", "openpyxl",
    "python-calamine", "pyyaml", "jsonschema", "babel", "pycountry",
)  # fmt: skip
LEFTOVER_SECONDS = 3600  # a '.part' file this old was left by a killed build
_MEMO_SIZE = 64

_digests = Digests()  # input file digests, memoised on size and mtime (in this process)
_memo: dict[str, SurveyEstimates] = {}  # key -> estimates read or made in this process


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


@cache
def code_version() -> str:
    """The code's part of every key: the lnob package's files, Python, library versions."""
    package = _digests.tree(package_files(PACKAGE_DIR), PACKAGE_DIR)
    versions = [f"python {platform.python_version()}"] + [f"{n} {_version(n)}" for n in LIBRARIES]
    return sha256_text(canonical_json({"package": package, "versions": versions}))


def estimates_key(survey_dir: Path, code: str | None = None) -> str:
    """The key of a survey's estimates (``code``: :func:`code_version` unless given)."""
    folder = Path(survey_dir).resolve()
    files = _digests.files(declared_inputs(folder), folder)
    return sha256_text(
        canonical_json(
            {"format": FORMAT, "folder": folder.as_posix(), "files": files,
             "code": code or code_version()}
        )
    )  # fmt: skip


def entry_path(cache_dir: Path, survey_dir: Path, key: str) -> Path:
    """``<cache>/surveys/<folder tag>-<key>.pickle``: one tag per survey folder."""
    return Path(cache_dir) / FOLDER / f"{_tag(survey_dir)}-{key}.pickle"


def _tag(survey_dir: Path) -> str:
    return sha256_text(Path(survey_dir).resolve().as_posix())[:16]


def _read_only(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return _read_only, (dict(proxy),)


class _Pickler(pickle.Pickler):
    """Writes the read-only mappings of results (pickle refuses them) as read-only again."""

    dispatch_table = copyreg.dispatch_table.copy()
    dispatch_table[MappingProxyType] = _reduce_proxy


class _Unpickler(pickle.Unpickler):
    """Makes the survey package's classes, paths and read-only mappings; nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_read_only"):
            return _read_only
        if module == "pathlib" and name in ("PosixPath", "WindowsPath"):
            return super().find_class(module, name)
        if module.startswith("lnob.survey.") and name.isidentifier():
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"a survey cache entry may not name {module}.{name}")


def read_entry(entry: Path, key: str) -> SurveyEstimates | None:
    """The entry's estimates, or None when it is absent, unreadable or not this key's."""
    try:
        with entry.open("rb") as fh:
            stored = _Unpickler(fh).load()
    except FileNotFoundError:
        return None
    except Exception:  # truncated, corrupt, written by other code: estimate again
        return None
    if not (isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (FORMAT, key)):
        return None
    return stored[2] if isinstance(stored[2], SurveyEstimates) else None


def write_entry(entry: Path, key: str, estimates: SurveyEstimates) -> None:
    """Write aside and rename into place; then remove this survey's older entries.

    Best effort: a cache that cannot be written (read-only, disk full) costs time, not a build.
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((FORMAT, key, estimates))
    part = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, part = tempfile.mkstemp(dir=entry.parent, prefix=entry.stem + ".", suffix=".part")
        with os.fdopen(fd, "wb") as fh:
            fh.write(buffer.getvalue())
        os.replace(part, entry)
        part = None
    except OSError:
        return
    finally:
        if part is not None:
            Path(part).unlink(missing_ok=True)
    _prune(entry)


def _prune(entry: Path) -> None:
    """Remove the survey's other entries (older data or code) and old leftovers."""
    tag = entry.name.split("-", 1)[0]
    for other in entry.parent.glob(f"{tag}-*"):
        try:
            stale = other.suffix == ".pickle" and other != entry
            if stale or (
                other.suffix == ".part" and time.time() - other.stat().st_mtime > LEFTOVER_SECONDS
            ):
                other.unlink(missing_ok=True)
        except OSError:
            continue


def lookup(survey_dir: Path, cache_dir: Path, code: str | None = None) -> SurveyEstimates | None:
    """What the cache on disk holds for the survey as its files are now (None: nothing)."""
    key = estimates_key(survey_dir, code)
    return read_entry(entry_path(Path(cache_dir), survey_dir, key), key)


def forget() -> None:
    """Forget the estimates this process has read or made (the entries on disk stay)."""
    _memo.clear()


def without_examples(estimates: SurveyEstimates) -> SurveyEstimates:
    """The estimates with no answer values: the data checks' examples left out."""
    mismatches = tuple(dataclasses.replace(m, examples=()) for m in estimates.mismatches)
    return dataclasses.replace(estimates, mismatches=mismatches)


def cached_estimates(
    survey_dir: Path, cache_dir: Path | None, code: str | None = None
) -> SurveyEstimates:
    """A survey's estimates: from this process's memo, else the cache, else made and kept."""
    if cache_dir is None:
        return without_examples(estimate_survey(Path(survey_dir)))
    key = estimates_key(survey_dir, code)
    if key in _memo:
        return _memo[key]
    entry = entry_path(Path(cache_dir), survey_dir, key)
    estimates = read_entry(entry, key)
    if estimates is None:
        estimates = without_examples(estimate_survey(Path(survey_dir)))
        write_entry(entry, key, estimates)
    if len(_memo) >= _MEMO_SIZE:
        _memo.clear()
    _memo[key] = estimates
    return estimates


def cached_analysis(
    survey_dir: Path,
    lang: str,
    group_names: GroupNames | None = None,
    cache_dir: Path | None = None,
) -> SurveyResult:
    """``analyse_survey`` with the estimates kept in ``cache_dir`` (none: not kept) and the
    data checks' examples left out (see the module's docstring)."""
    return label_estimates(cached_estimates(survey_dir, cache_dir), lang, group_names)
