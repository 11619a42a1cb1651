"""Official international data for the coalition's countries from a DDF extract.

For each configured series: per country, the latest year with a total, and the values of
each breakdown category in that same year (every other dimension at its total or at the
configured code). A country without any datapoint, or a category without a value in that
year, is reported as missing, never as zero. Countries are matched by their M49 code.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
import pycountry

from lnob.synthesis.config import OfficialSeries
from lnob.synthesis.ddf import GEO, TIME, VALUE, Concept, DdfFolder

# The code of each breakdown dimension's total, and the categories shown (in this order).
TOTALS: Mapping[str, str] = {
    "sex": "bothsex",
    "location": "allarea",
    "quantile": "t",
    "disability_status": "t",
    "age": "allage",
    "education_level": "t",
}
CATEGORIES: Mapping[str, tuple[str, ...]] = {
    "sex": ("female", "male"),
    "location": ("rural", "urban"),
    "quantile": ("q1", "q5"),
    # In the UN database PD is 'persons with disability', PWD 'persons without disability'.
    "disability_status": ("pd", "pwd"),
}
# Where one year has several datapoints, the country's own data comes first.
NATURE_ORDER = ("c", "ca", "e", "m", "g", "n", "notspec")
PERCENT_UNITS = ("percent",)


@dataclass(frozen=True)
class OfficialRow:
    """One country: the year used (None: no data at all), the total, and each category."""

    country: str  # ISO 3166 alpha-3
    year: int | None
    total: float | None
    values: Mapping[tuple[str, str], float | None]  # (dimension, category) -> value


@dataclass(frozen=True)
class OfficialTable:
    concept: Concept
    config: OfficialSeries
    percent: bool
    columns: tuple[tuple[str, str], ...]  # (dimension, category), in display order
    rows: tuple[OfficialRow, ...]
    source_rows: int  # datapoints of the focus countries in the extract

    @property
    def missing(self) -> tuple[str, ...]:
        """Countries without any datapoint for the series."""
        return tuple(r.country for r in self.rows if r.year is None)


def m49(iso3: str) -> str:
    """The M49 code as the database writes it ('50' for Bangladesh, not '050')."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        raise ValueError(f"no ISO 3166 country {iso3!r}")
    return str(int(country.numeric))


def official_table(
    folder: DdfFolder, config: OfficialSeries, countries: Sequence[str]
) -> OfficialTable:
    series = folder.series(config.series)
    frame = series.frame
    codes = {m49(c): c for c in countries}
    frame = frame[frame[GEO].isin(list(codes))]
    for dim, code in config.fixed.items():
        frame = frame[frame[dim] == code] if dim in frame.columns else frame.iloc[0:0]
    breakdowns = tuple(d for d in config.breakdowns if d in series.dimensions)
    columns = tuple((d, c) for d in breakdowns for c in CATEGORIES[d])
    others = [
        d
        for d in series.dimensions
        if d not in (GEO, "nature", "units", *config.fixed, *breakdowns)
    ]
    for dim in others:  # any other dimension (age...) at its total
        frame = frame[frame[dim] == TOTALS.get(dim, "t")]
    units = set(series.frame["units"]) if "units" in series.frame.columns else set()
    percent = bool(units) and units <= set(PERCENT_UNITS)
    rows = tuple(
        _row(frame, codes_of, breakdowns, columns) for codes_of in ((m, codes[m]) for m in codes)
    )
    return OfficialTable(series.concept, config, percent, columns, rows, len(frame))


def _pick(frame: pd.DataFrame) -> float | None:
    """The value of the best datapoint (the country's own data first), or None."""
    if frame.empty:
        return None
    order = {n: i for i, n in enumerate(NATURE_ORDER)}
    ranked = frame.assign(
        _rank=frame["nature"].map(lambda n: order.get(n, len(order)))
        if "nature" in frame.columns
        else 0
    )
    return float(ranked.sort_values(["_rank", "row"]).iloc[0][VALUE])


def _at_totals(
    frame: pd.DataFrame, breakdowns: tuple[str, ...], except_dim: str | None = None
) -> pd.DataFrame:
    for dim in breakdowns:
        if dim != except_dim:
            frame = frame[frame[dim] == TOTALS[dim]]
    return frame


def _row(
    frame: pd.DataFrame,
    code: tuple[str, str],
    breakdowns: tuple[str, ...],
    columns: tuple[tuple[str, str], ...],
) -> OfficialRow:
    geo, iso3 = code
    own = frame[frame[GEO] == geo]
    totals = _at_totals(own, breakdowns)
    if totals.empty:
        return OfficialRow(iso3, None, None, {c: None for c in columns})
    year = int(totals[TIME].max())
    own = own[own[TIME] == year]
    values = {
        (dim, cat): _pick(
            _at_totals(own, breakdowns, dim).pipe(lambda f, d=dim, c=cat: f[f[d] == c])
        )
        for dim, cat in columns
    }
    return OfficialRow(iso3, year, _pick(_at_totals(own, breakdowns)), values)
