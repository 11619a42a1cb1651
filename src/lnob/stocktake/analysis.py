"""The stocktake of one country: the one entry point the report notebook calls.

`analyse_country` reads `<country>/stocktake/` (sources.csv, focus.yaml, opensdg/),
checks every code and key, and returns a `StocktakeResult` holding typed values and
DataFrames for display. It is done in two steps: `read_country`, which depends on the
country's files alone and is what `lnob.stocktake.cache` keeps on disk for every document
and language, then `with_citizen`, the gaps the coalition's own research fills, which
differ per document. `declared_inputs` lists the country files it will read, so the build
cache can hash them before running anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from lnob.errors import InputError, raise_all
from lnob.stocktake.coverage import (
    CitizenContribution,
    CoverageCell,
    Gaps,
    Headlines,
    citizen_contribution,
    coverage_cells,
    coverage_frame,
    coverage_matrix,
    evidence_from_inventory,
    evidence_from_opensdg,
    find_gaps,
    headline_figures,
)
from lnob.stocktake.focus import Focus, read_focus
from lnob.stocktake.inventory import Inventory, read_inventory
from lnob.stocktake.opensdg import OpenSdgFolder, indicator_files, read_opensdg_folder
from lnob.stocktake.sdglist import IndicatorList
from lnob.stocktake.taxonomy import Taxonomy

T = TypeVar("T")

STOCKTAKE_DIR = "stocktake"
SOURCES_FILE = "sources.csv"
FOCUS_FILE = "focus.yaml"
OPENSDG_DIR = "opensdg"
DEFAULT_PLATFORM_ID = "opensdg"
DEFAULT_PLATFORM_NAME = "National SDG data platform (Open SDG)"


@dataclass(frozen=True, eq=False)
class CountryStocktake:
    """What the stocktake of one country makes of its files alone: not of the citizen-led
    research it is shown with, nor of a language, so one serves every document
    (`lnob.stocktake.cache` keeps it on disk). Plain values only: no DataFrame.

    `cells` is the coverage table (indicator x group, ANY_DATA first); `files_read` is every
    file the result depends on (country files, taxonomy, indicator list and title files).
    """

    country: str
    demo: bool
    focus: Focus
    inventory: Inventory
    opensdg: OpenSdgFolder | None
    cells: tuple[CoverageCell, ...]
    gaps: Gaps
    files_read: tuple[Path, ...]


@dataclass(frozen=True, eq=False)
class StocktakeResult(CountryStocktake):
    """Everything a stocktake report shows, computed once per build.

    `coverage` is the long table (indicator x group, ANY_DATA first) and `matrix` its
    wide form of booleans; `no_data` lists Open SDG indicators published without a
    number; `citizen` says which gaps the coalition's citizen-led research fills. The
    tables are made when first asked for (the synthesis never asks).
    """

    headlines: Headlines
    citizen: CitizenContribution

    @cached_property
    def coverage(self) -> pd.DataFrame:
        return coverage_frame(self.cells)

    @cached_property
    def matrix(self) -> pd.DataFrame:
        return coverage_matrix(self.coverage)

    @cached_property
    def inventory_table(self) -> pd.DataFrame:
        return self.inventory.table()

    @property
    def no_data(self) -> tuple[str, ...]:
        return self.opensdg.no_data if self.opensdg else ()

    @cached_property
    def unmapped_columns(self) -> Mapping[str, tuple[str, ...]]:
        return self.opensdg.unmapped_columns if self.opensdg else {}


def stocktake_dir(country_dir: Path) -> Path:
    """`<country_dir>/stocktake`; a path that already ends in `stocktake` is used as it is."""
    return country_dir if country_dir.name == STOCKTAKE_DIR else country_dir / STOCKTAKE_DIR


def declared_inputs(country_dir: Path) -> list[Path]:
    """The country files `analyse_country` reads: sources.csv, focus.yaml, opensdg/*.csv."""
    folder = stocktake_dir(country_dir)
    files = [folder / SOURCES_FILE, folder / FOCUS_FILE]
    if (folder / OPENSDG_DIR).is_dir():
        files.extend(path for _, path in indicator_files(folder / OPENSDG_DIR)[0])
    return files


def analyse_country(
    country_dir: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    citizen: Iterable[tuple[str, str]] = frozenset(),
) -> StocktakeResult:
    """Coverage, gaps and headline figures for one country's research focus.

    `citizen` holds (indicator code, group key) pairs covered by the coalition's own
    citizen-led research; the result says which gaps they fill.
    """
    return with_citizen(
        read_country(country_dir, indicators, taxonomy), indicators, taxonomy, citizen
    )


def read_country(
    country_dir: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> CountryStocktake:
    """The part of `analyse_country` that depends on the country's files alone: reading them
    (the costly part: a DataFrame per Open SDG file), coverage and gaps."""
    folder = stocktake_dir(country_dir)
    if not folder.is_dir():
        raise InputError(
            folder,
            "no stocktake folder",
            expected="a folder",
            found="nothing",
            hint="Create <country>/stocktake/ with sources.csv, focus.yaml "
            "and opensdg/ (docs/formats/stocktake.md)",
        )
    # each file is read even when another is broken, so one run names every broken file
    problems: list[InputError] = []
    focus = _collect(problems, read_focus, folder / FOCUS_FILE, indicators)
    inventory = _collect(problems, read_inventory, folder / SOURCES_FILE, indicators, taxonomy)
    opensdg = _collect(problems, _read_platform, folder, inventory, indicators, taxonomy, problems)
    raise_all(problems)
    assert focus is not None and inventory is not None
    evidence = evidence_from_inventory(inventory)
    if opensdg is not None:
        platform = inventory.platform
        evidence = (
            evidence_from_opensdg(
                opensdg,
                platform.id if platform else DEFAULT_PLATFORM_ID,
                platform.name if platform else DEFAULT_PLATFORM_NAME,
            )
            + evidence
        )
    cells = coverage_cells(
        evidence, taxonomy, focus.indicators, listed=opensdg.no_data if opensdg else ()
    )
    gaps = find_gaps(cells, focus.indicators, taxonomy)
    files = [*declared_inputs(country_dir), taxonomy.path, *indicators.files]
    return CountryStocktake(
        country=focus.country,
        demo=focus.demo,
        focus=focus,
        inventory=inventory,
        opensdg=opensdg,
        cells=cells,
        gaps=gaps,
        files_read=tuple(dict.fromkeys(files)),
    )


def with_citizen(
    data: CountryStocktake,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    citizen: Iterable[tuple[str, str]] = frozenset(),
) -> StocktakeResult:
    """The country's stocktake with the gaps the `citizen` (indicator, group) pairs fill."""
    contribution = citizen_contribution(data.gaps, citizen, indicators, taxonomy)
    headlines = headline_figures(data.gaps, taxonomy, len(data.inventory.sources), contribution)
    own = {f.name: getattr(data, f.name) for f in fields(CountryStocktake)}
    return StocktakeResult(**own, headlines=headlines, citizen=contribution)


def _collect(problems: list[InputError], read: Callable[..., T], *args: Any) -> T | None:
    """`read(*args)`, or None with its InputError added to `problems`."""
    try:
        return read(*args)
    except InputError as exc:
        problems.append(exc)
        return None


def _read_platform(
    folder: Path,
    inventory: Inventory | None,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    problems: list[InputError] | None = None,
) -> OpenSdgFolder | None:
    data_dir = folder / OPENSDG_DIR
    if data_dir.is_dir():
        return read_opensdg_folder(data_dir, indicators, taxonomy, problems)
    if inventory is None:  # sources.csv is broken: its own problem is named
        return None
    platform = inventory.platform
    if platform is not None:
        raise InputError(
            inventory.path,
            f"the inventory lists an SDG platform but there is no {OPENSDG_DIR}/ folder",
            row=platform.row,
            column="type",
            expected=f"a folder {data_dir}",
            found="nothing",
            hint=f"Put the platform's indicator CSVs in {data_dir}",
        )
    return None
