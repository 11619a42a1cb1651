"""A country's stocktake kept on disk: read once per change, shared by every worker, language
and document.

Reading a country's stocktake files is the costly part of its analysis (a DataFrame per Open
SDG indicator file: about 0.15 s a country), and each of the six synthesis documents (two
years in three languages) reads every country, besides the country's own stocktake reports
and briefs. None of it depends on the language, and only the last step on the citizen-led
research shown with it: :func:`cached_analysis` keeps the rest
(:class:`~lnob.stocktake.analysis.CountryStocktake`) in ``<cache>/stocktake/``, and adds
which gaps the research fills afterwards (:func:`~lnob.stocktake.analysis.with_citizen`),
as ``analyse_country`` does.

An entry's key covers everything ``read_country`` reads: the bytes of the country's files
(:func:`~lnob.stocktake.analysis.declared_inputs`: sources.csv, focus.yaml, the Open SDG
files), the names of the other files of the Open SDG folder (the result lists them), the
taxonomy file, the indicator list and title files (``IndicatorList.files``), the country
folder as given (results name their files), and the code: the lnob package's files and the
versions of Python and of the libraries that read (:func:`code_version`). It takes the
taxonomy and the indicator list to be as read from their files, as the products' loaders
read them; an indicator list made in memory (naming no file) is never kept. An input that is
missing or a folder that cannot be listed keeps nothing either: the analysis then says what
is wrong, as an ``InputError``. Entries are whole or absent; one that cannot be read is
made again, never an error (:mod:`lnob.store.entries`). They hold national, published,
aggregate data: no answer of any survey.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from lnob.errors import InputError
from lnob.stocktake.analysis import (
    OPENSDG_DIR,
    CountryStocktake,
    StocktakeResult,
    declared_inputs,
    read_country,
    stocktake_dir,
    with_citizen,
)
from lnob.stocktake.opensdg import indicator_files
from lnob.stocktake.sdglist import IndicatorList
from lnob.stocktake.taxonomy import Taxonomy
from lnob.store import entries
from lnob.store.entries import DIGESTS, EntryStore, fetch_in_turn

FOLDER = "stocktake"  # under the build cache
FORMAT = 1  # bump when an entry's layout changes without a change of the package's files
#: Distributions whose code reads or checks a country's stocktake (their versions are keyed).
LIBRARIES = ("pandas", "numpy", "pyyaml", "jsonschema", "pycountry")

#: The entries: made only of the stocktake package's classes (lnob.store.entries).
STORE: EntryStore[CountryStocktake] = EntryStore(FOLDER, "lnob.stocktake", CountryStocktake, FORMAT)
made: list[Path] = []  # the country folders this process has read itself, in order


def code_version() -> str:
    """The code's part of every key: the lnob package's files, Python, library versions."""
    return entries.code_version(LIBRARIES)


def stocktake_key(
    country_dir: Path, indicators: IndicatorList, taxonomy: Taxonomy, code: str | None = None
) -> str | None:
    """The key of a country's stocktake (``code``: :func:`code_version` unless given); None
    when nothing may be kept (an input missing or unlistable, an indicator list in memory)."""
    if not indicators.files:
        return None
    data_dir = stocktake_dir(country_dir) / OPENSDG_DIR
    try:
        inputs = [*declared_inputs(country_dir), taxonomy.path, *indicators.files]
        files = {path.as_posix(): DIGESTS.file(path) for path in inputs}
        others = [p.name for p in indicator_files(data_dir)[1]] if data_dir.is_dir() else []
    except (OSError, InputError):  # the analysis names the problem
        return None
    where = os.path.abspath(country_dir)
    return STORE.key(
        Path(country_dir).as_posix(), files, code or code_version(), where=where, others=others
    )


def entry_path(cache_dir: Path, country_dir: Path, key: str) -> Path:
    """``<cache>/stocktake/<folder tag>-<key>.pickle``: one tag per country."""
    return STORE.path(cache_dir, stocktake_dir(country_dir), key)


def lookup(
    country_dir: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    cache_dir: Path,
    code: str | None = None,
) -> CountryStocktake | None:
    """What the cache on disk holds for the country as its files are now (None: nothing)."""
    key = stocktake_key(country_dir, indicators, taxonomy, code)
    return None if key is None else STORE.read(entry_path(cache_dir, country_dir, key), key)


def forget() -> None:
    """Forget the stocktakes this process has read or made (the entries on disk stay)."""
    STORE.forget()


def _read(country_dir: Path, indicators: IndicatorList, taxonomy: Taxonomy) -> CountryStocktake:
    made.append(Path(country_dir))
    return read_country(country_dir, indicators, taxonomy)


def _country(
    country_dir: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    cache_dir: Path | None,
    wait: bool,
) -> CountryStocktake | None:
    """From the memo, the disk, or read and kept; None (``wait=False``) when another process
    is reading it now."""
    key = None if cache_dir is None else stocktake_key(country_dir, indicators, taxonomy)
    if cache_dir is None or key is None:
        return _read(country_dir, indicators, taxonomy)
    entry = entry_path(cache_dir, country_dir, key)
    return STORE.fetch(entry, key, lambda: _read(country_dir, indicators, taxonomy), wait)


def cached_country(
    country_dir: Path, indicators: IndicatorList, taxonomy: Taxonomy, cache_dir: Path | None = None
) -> CountryStocktake:
    """``read_country``, kept in ``cache_dir`` (none: not kept)."""
    data = _country(country_dir, indicators, taxonomy, cache_dir, wait=True)
    assert data is not None  # waited for the lock
    return data


def cached_countries(
    country_dirs: Sequence[Path],
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    cache_dir: Path | None,
) -> tuple[CountryStocktake, ...]:
    """:func:`cached_country` of several countries, in their order. A country another process
    is reading right now is left for last, so two workers that need the same countries at the
    same time (two languages of the synthesis) share the work instead of both doing it all."""
    return tuple(
        fetch_in_turn(
            country_dirs,
            lambda folder, wait: _country(folder, indicators, taxonomy, cache_dir, wait),
        )
    )


def cached_analysis(
    country_dir: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    citizen: Iterable[tuple[str, str]] = frozenset(),
    cache_dir: Path | None = None,
) -> StocktakeResult:
    """``analyse_country`` with what depends on the country's files alone kept in
    ``cache_dir`` (none: not kept); the same result either way."""
    data = cached_country(country_dir, indicators, taxonomy, cache_dir)
    return with_citizen(data, indicators, taxonomy, citizen)
