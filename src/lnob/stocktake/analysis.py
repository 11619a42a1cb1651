"""The stocktake of one country: the one entry point the report notebook calls.

`analyse_country` reads `<country>/stocktake/` (sources.csv, focus.yaml, opensdg/),
checks every code and key, and returns a `StocktakeResult` holding typed values and
DataFrames for display. `declared_inputs` lists the files it will read, so the build
cache can hash them before running anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lnob.errors import InputError
from lnob.stocktake.coverage import (
    CitizenContribution,
    Gaps,
    Headlines,
    citizen_contribution,
    coverage_matrix,
    coverage_table,
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

STOCKTAKE_DIR = "stocktake"
SOURCES_FILE = "sources.csv"
FOCUS_FILE = "focus.yaml"
OPENSDG_DIR = "opensdg"
DEFAULT_PLATFORM_ID = "opensdg"
DEFAULT_PLATFORM_NAME = "National SDG data platform (Open SDG)"


@dataclass(frozen=True, eq=False)
class StocktakeResult:
    """Everything a stocktake report shows, computed once per build.

    `coverage` is the long table (indicator x group, ANY_DATA first) and `matrix` its
    wide form of booleans; `no_data` lists Open SDG indicators published without a
    number; `files_read` is every file the result depends on (country files, taxonomy,
    indicator list and title files).
    """

    country: str
    demo: bool
    focus: Focus
    inventory: Inventory
    inventory_table: pd.DataFrame
    opensdg: OpenSdgFolder | None
    coverage: pd.DataFrame
    matrix: pd.DataFrame
    gaps: Gaps
    headlines: Headlines
    no_data: tuple[str, ...]
    unmapped_columns: Mapping[str, tuple[str, ...]]
    citizen: CitizenContribution
    files_read: tuple[Path, ...]


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


def analyse_country(country_dir: Path, indicators: IndicatorList, taxonomy: Taxonomy,
                    citizen: Iterable[tuple[str, str]] = frozenset()) -> StocktakeResult:
    """Coverage, gaps and headline figures for one country's research focus.

    `citizen` holds (indicator code, group key) pairs covered by the coalition's own
    citizen-led research; the result says which gaps they fill.
    """
    folder = stocktake_dir(country_dir)
    if not folder.is_dir():
        raise InputError(folder, "no stocktake folder", expected="a folder",
                         found="nothing",
                         hint="Create <country>/stocktake/ with sources.csv, focus.yaml "
                              "and opensdg/ (docs/formats/stocktake.md)")
    focus = read_focus(folder / FOCUS_FILE, indicators)
    inventory = read_inventory(folder / SOURCES_FILE, indicators, taxonomy)
    opensdg = _read_platform(folder, inventory, indicators, taxonomy)
    evidence = evidence_from_inventory(inventory)
    if opensdg is not None:
        platform = inventory.platform
        evidence = evidence_from_opensdg(
            opensdg, platform.id if platform else DEFAULT_PLATFORM_ID,
            platform.name if platform else DEFAULT_PLATFORM_NAME) + evidence
    coverage = coverage_table(evidence, taxonomy, focus.indicators,
                              listed=opensdg.no_data if opensdg else ())
    gaps = find_gaps(coverage, focus.indicators, taxonomy)
    contribution = citizen_contribution(gaps, citizen, indicators, taxonomy)
    files = [*declared_inputs(country_dir), taxonomy.path, *indicators.files]
    return StocktakeResult(
        country=focus.country,
        demo=focus.demo,
        focus=focus,
        inventory=inventory,
        inventory_table=inventory.table(),
        opensdg=opensdg,
        coverage=coverage,
        matrix=coverage_matrix(coverage),
        gaps=gaps,
        headlines=headline_figures(gaps, taxonomy, len(inventory.sources), contribution),
        no_data=opensdg.no_data if opensdg else (),
        unmapped_columns=opensdg.unmapped_columns if opensdg else {},
        citizen=contribution,
        files_read=tuple(dict.fromkeys(files)),
    )


def _read_platform(folder: Path, inventory: Inventory, indicators: IndicatorList,
                   taxonomy: Taxonomy) -> OpenSdgFolder | None:
    data_dir = folder / OPENSDG_DIR
    if data_dir.is_dir():
        return read_opensdg_folder(data_dir, indicators, taxonomy)
    platform = inventory.platform
    if platform is not None:
        raise InputError(inventory.path, "the inventory lists an SDG platform but there is "
                         f"no {OPENSDG_DIR}/ folder", row=platform.row, column="type",
                         expected=f"a folder {data_dir}", found="nothing",
                         hint=f"Put the platform's indicator CSVs in {data_dir}")
    return None
