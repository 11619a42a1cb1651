"""The coalition's inventory (sources.csv): typed rows, and errors that name row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.stocktake import Breakdown, IndicatorList, Taxonomy, read_inventory

from .stocktake_support import COUNTRIES, PROJECT, write

HEADER = "id,name,producer,producer_type,type,years,geographic_level,access,link,indicators\n"
GOOD = (
    "mics-2019,MICS 2019,Statistics office,statistics_office,household_survey,2019,"
    'region,on_request,https://mics.unicef.org/surveys,"4.1.1: sex location, income; '
    '5-3-1: location; 3.8.1"\n'
)


def test_a_good_row(tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    path = write(tmp_path / "sources.csv", HEADER + GOOD + ",,,,,,,,,\n", bom=True, crlf=True)
    inventory = read_inventory(path, indicators, taxonomy)
    (source,) = inventory.sources
    assert (source.id, source.latest_year, source.link, source.row) == (
        "mics-2019",
        2019,
        "https://mics.unicef.org/surveys",
        2,
    )
    assert source.breakdowns == (
        Breakdown("4.1.1", frozenset({"sex", "location", "income"})),
        Breakdown("5.3.1", frozenset({"location"})),
        Breakdown("3.8.1", frozenset()),
    )
    assert inventory.platform is None
    table = inventory.table()
    assert table.loc[0, "indicators"] == 3 and table.loc[0, "latest_year"] == 2019


@pytest.mark.parametrize("country", COUNTRIES)
def test_demo_inventories(country: str, indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    inventory = read_inventory(
        PROJECT / "data" / "countries" / country / "stocktake" / "sources.csv", indicators, taxonomy
    )
    types = [s.type for s in inventory.sources]
    assert types.count("citizen_generated") == 1 and types.count("sdg_platform") == 1
    assert (
        5 <= sum(t in {"census", "household_survey", "administrative_register"} for t in types) <= 8
    )
    assert all(s.notes.startswith("Demo") for s in inventory.sources)


@pytest.mark.parametrize(
    ("old", "new", "row", "column", "problem"),
    [
        ("household_survey", "survey", 2, "type", "bad value in column 'type'"),
        ("on_request", "on request", 2, "access", "bad value in column 'access'"),
        ("mics-2019,", "MICS 2019,", 2, "id", "bad value in column 'id'"),
        ("https://mics", "www.mics", 2, "link", "bad value in column 'link'"),
        (",2019,", ",2019 to now; later,", 2, "years", "unreadable reference period"),
        (",2019,", ",recent,", 2, "years", "bad value in column 'years'"),
        ("sex location", "sex gender", 2, "indicators", "'gender' is not a group key"),
        ("3.8.1", "3.8.9", 2, "indicators", "indicator 3.8.9 is not in the SDG indicator list"),
        ("3.8.1", "4.1.1", 2, "indicators", "indicator 4.1.1 is listed twice"),
        ("MICS 2019", "", 2, "name", "bad value in column 'name'"),
    ],
)
def test_bad_cells(
    tmp_path: Path,
    indicators: IndicatorList,
    taxonomy: Taxonomy,
    old: str,
    new: str,
    row: int,
    column: str,
    problem: str,
) -> None:
    path = write(tmp_path / "sources.csv", HEADER + GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as caught:
        read_inventory(path, indicators, taxonomy)
    error = caught.value
    assert (error.path, error.row, error.column, error.problem) == (path, row, column, problem)
    assert error.expected and error.hint


@pytest.mark.parametrize(
    ("text", "row", "problem"),
    [
        (HEADER.replace("access", "acces") + GOOD, 1, "unknown column 'acces'"),
        (HEADER.replace(",link", "") + GOOD, 1, "missing column(s)"),
        (HEADER.replace(",indicators", ""), 1, "missing column(s)"),
        (HEADER + GOOD.replace(",https", ",extra,https"), 2, "wrong number of cells"),
        (HEADER + GOOD + GOOD, 3, "source id 'mics-2019' is used twice"),
    ],
)
def test_bad_structure(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy, text: str, row: int, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        read_inventory(write(tmp_path / "sources.csv", text), indicators, taxonomy)
    assert (caught.value.row, caught.value.problem) == (row, problem)


PLATFORM = (
    "sdg-platform,National SDG platform,NSO,statistics_office,sdg_platform,2023,"
    "region,open,,{indicators}\n"
)


def test_platform_row_rules(tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    good = write(tmp_path / "a.csv", HEADER + PLATFORM.format(indicators="") + GOOD)
    platform = read_inventory(good, indicators, taxonomy).platform
    assert platform is not None and platform.id == "sdg-platform"
    listed = write(tmp_path / "b.csv", HEADER + PLATFORM.format(indicators="3.8.1"))
    with pytest.raises(InputError, match="sdg_platform row lists indicators"):
        read_inventory(listed, indicators, taxonomy)
    twice = write(
        tmp_path / "c.csv",
        HEADER
        + PLATFORM.format(indicators="")
        + PLATFORM.format(indicators="").replace("sdg-platform,", "second,"),
    )
    with pytest.raises(InputError, match="a second sdg_platform row"):
        read_inventory(twice, indicators, taxonomy)
