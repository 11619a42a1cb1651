"""Coverage analysis: which source breaks which indicator down by which group, and the gaps.

Evidence comes from the inventory (declared by the coalition) and from the Open SDG
folder (inferred from its data), which counts as a source of its own. From it come the
coverage table (indicator x group, with the source of the latest data), the gaps for the
research focus, headline figures as typed values, and which gaps citizen-led research fills.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

import pandas as pd

from lnob.errors import InputError
from lnob.stocktake.codes import code_sort_key
from lnob.stocktake.inventory import CITIZEN_TYPE, Inventory
from lnob.stocktake.opensdg import OpenSdgFolder
from lnob.stocktake.sdglist import IndicatorList
from lnob.stocktake.taxonomy import ANY_DATA, Taxonomy

COVERAGE_COLUMNS = (
    "indicator",
    "group",
    "available",
    "source",
    "latest_year",
    "sources",
    "in_focus",
)
CITIZEN_ORIGIN = "citizen-led research coverage"


@dataclass(frozen=True)
class Evidence:
    """A source has data on `indicator`, broken down by `group` (ANY_DATA: any data at all)."""

    indicator: str
    group: str
    source_id: str
    source_name: str
    latest_year: int


class CoverageCell(NamedTuple):
    """One row of the coverage table (the columns of `COVERAGE_COLUMNS`)."""

    indicator: str
    group: str
    available: bool
    source: str | None
    latest_year: int | None
    sources: str
    in_focus: bool


@dataclass(frozen=True)
class Gaps:
    """Focus indicators with no data at all, and per group those without that breakdown."""

    focus: tuple[str, ...]
    no_data: tuple[str, ...]
    by_group: Mapping[str, tuple[str, ...]]

    def pairs(self) -> frozenset[tuple[str, str]]:
        """Every (indicator, group) gap."""
        return frozenset((code, group) for group, codes in self.by_group.items() for code in codes)


@dataclass(frozen=True)
class Share:
    """`count` of `total`, e.g. focus indicators with a disability breakdown."""

    count: int
    total: int

    @property
    def ratio(self) -> float | None:
        """count / total, or None when there is nothing to count."""
        return self.count / self.total if self.total else None


@dataclass(frozen=True)
class GapFill:
    """Citizen-led data covers a gap; `had_no_data` when the indicator had no data at all."""

    indicator: str
    group: str
    had_no_data: bool


@dataclass(frozen=True)
class CitizenContribution:
    """What citizen-led research adds: gaps it fills, pairs already covered, pairs outside focus."""

    fills: tuple[GapFill, ...]
    already_covered: tuple[tuple[str, str], ...]
    outside_focus: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Headlines:
    """Headline figures for the research focus."""

    focus_indicators: int
    with_any_data: Share
    by_group: Mapping[str, Share]
    inventory_sources: int
    citizen_gaps_filled: int


def evidence_from_inventory(inventory: Inventory) -> list[Evidence]:
    """One record per indicator an official source informs (ANY_DATA) and per group it breaks
    it down by. A citizen-generated source is never official coverage: the stocktake exists to
    show the difference (it stays in the inventory's table, typed as citizen-generated)."""
    records = []
    for source in inventory.sources:
        if source.type == CITIZEN_TYPE:
            continue
        for breakdown in source.breakdowns:
            for group in (ANY_DATA, *sorted(breakdown.groups)):
                records.append(
                    Evidence(breakdown.indicator, group, source.id, source.name, source.latest_year)
                )
    return records


def evidence_from_opensdg(
    folder: OpenSdgFolder, source_id: str, source_name: str
) -> list[Evidence]:
    """Evidence inferred from the data: only indicators with numbers, only real breakdowns."""
    records = []
    for data in folder.indicators:
        if data.latest_year is None:
            continue
        records.append(Evidence(data.code, ANY_DATA, source_id, source_name, data.latest_year))
        for group in data.groups:
            records.append(
                Evidence(data.code, group.group, source_id, source_name, group.latest_year)
            )
    return records


def coverage_cells(
    evidence: Iterable[Evidence],
    taxonomy: Taxonomy,
    focus: Sequence[str],
    listed: Iterable[str] = (),
) -> tuple[CoverageCell, ...]:
    """One cell per indicator x group (ANY_DATA first): available, latest source and year.

    Indicators are those of the focus, those with evidence and those `listed` anyway
    (e.g. published without data), in natural code order.
    Where several sources cover a cell, `source` is the one with the latest year (the
    first listed on a tie) and `sources` names them all.
    """
    cells: dict[tuple[str, str], list[Evidence]] = {}
    for record in evidence:
        cells.setdefault((record.indicator, record.group), []).append(record)
    codes = sorted({*focus, *listed, *(code for code, _ in cells)}, key=code_sort_key)
    focus_set = set(focus)
    rows = []
    for code in codes:
        for group in (ANY_DATA, *taxonomy.keys):
            found = cells.get((code, group), [])
            best = max(found, key=lambda e: e.latest_year) if found else None
            names = list(dict.fromkeys(e.source_name for e in found))
            rows.append(
                CoverageCell(
                    code,
                    group,
                    bool(found),
                    best.source_name if best else None,
                    best.latest_year if best else None,
                    "; ".join(names),
                    code in focus_set,
                )
            )
    return tuple(rows)


def coverage_frame(cells: Sequence[CoverageCell]) -> pd.DataFrame:
    """Coverage cells as a table: the columns of `COVERAGE_COLUMNS`, years as Int64."""
    frame = pd.DataFrame([tuple(c) for c in cells], columns=list(COVERAGE_COLUMNS))
    frame["latest_year"] = frame["latest_year"].astype("Int64")
    frame["available"] = frame["available"].astype(bool)
    frame["in_focus"] = frame["in_focus"].astype(bool)
    return frame


def coverage_matrix(coverage: pd.DataFrame, value: str = "available") -> pd.DataFrame:
    """The coverage table as indicator x group (ANY_DATA first) holding `value`."""
    order = list(dict.fromkeys(coverage["group"]))
    matrix = coverage.pivot(index="indicator", columns="group", values=value)
    matrix = matrix.reindex(index=list(dict.fromkeys(coverage["indicator"])), columns=order)
    matrix.columns.name = None
    return matrix


def find_gaps(cells: Iterable[CoverageCell], focus: Sequence[str], taxonomy: Taxonomy) -> Gaps:
    """Focus indicators with no data at all, and for each group those without it (in the
    cells' order)."""
    focus_set = set(focus)
    missing: dict[str, list[str]] = {}
    for cell in cells:
        if cell.indicator in focus_set and not cell.available:
            missing.setdefault(cell.group, []).append(cell.indicator)
    return Gaps(
        focus=tuple(sorted(focus, key=code_sort_key)),
        no_data=tuple(missing.get(ANY_DATA, ())),
        by_group=MappingProxyType({key: tuple(missing.get(key, ())) for key in taxonomy.keys}),
    )


def citizen_contribution(
    gaps: Gaps, citizen: Iterable[tuple[str, str]], indicators: IndicatorList, taxonomy: Taxonomy
) -> CitizenContribution:
    """Which gaps the (indicator, group) pairs covered by citizen-led data fill."""
    gap_pairs = gaps.pairs()
    fills: list[GapFill] = []
    covered: list[tuple[str, str]] = []
    outside: list[tuple[str, str]] = []
    for code_text, group_text in _checked_pairs(citizen):
        code = indicators.require(code_text, path=CITIZEN_ORIGIN, column="indicator")
        group = taxonomy.require_key(group_text, path=CITIZEN_ORIGIN, column="group")
        if code not in gaps.focus:
            outside.append((code, group))
        elif (code, group) in gap_pairs:
            fills.append(GapFill(code, group, had_no_data=code in gaps.no_data))
        else:
            covered.append((code, group))
    order = {key: i for i, key in enumerate(taxonomy.keys)}

    def key(pair: tuple[str, str]) -> tuple[tuple[int, int, str, int], int]:
        return code_sort_key(pair[0]), order[pair[1]]

    return CitizenContribution(
        fills=tuple(sorted(set(fills), key=lambda f: key((f.indicator, f.group)))),
        already_covered=tuple(sorted(set(covered), key=key)),
        outside_focus=tuple(sorted(set(outside), key=key)),
    )


def headline_figures(
    gaps: Gaps, taxonomy: Taxonomy, inventory_sources: int, citizen: CitizenContribution
) -> Headlines:
    """Counts and shares of focus indicators with any data and with each group's breakdown."""
    total = len(gaps.focus)
    return Headlines(
        focus_indicators=total,
        with_any_data=Share(total - len(gaps.no_data), total),
        by_group=MappingProxyType(
            {key: Share(total - len(gaps.by_group[key]), total) for key in taxonomy.keys}
        ),
        inventory_sources=inventory_sources,
        citizen_gaps_filled=len(citizen.fills),
    )


def _checked_pairs(citizen: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The pairs as a list, each checked to be two strings."""
    pairs = list(citizen)
    for pair in pairs:
        is_pair = isinstance(pair, tuple) and len(pair) == 2
        if not (is_pair and all(isinstance(part, str) for part in pair)):
            raise InputError(
                CITIZEN_ORIGIN,
                "not an (indicator code, group key) pair",
                expected="('4.1.1', 'disability')",
                found=pair,
                hint="Pass a set of (indicator code, group key) tuples",
            )
    return pairs
