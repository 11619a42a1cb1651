"""analyse_country end to end: demo countries, a small exact country, real Nepal data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lnob.errors import InputError
from lnob.stocktake import (
    ANY_DATA,
    GapFill,
    IndicatorList,
    Share,
    Taxonomy,
    analyse_country,
    coverage_matrix,
    declared_inputs,
)

from .stocktake_support import COUNTRIES, PROJECT, write

COUNTRY_DIR = PROJECT / "data" / "countries"
NO_DATA = {
    "BGD": ("5.2.1",),
    "IND": ("10.2.1",),
    "KEN": ("4.1.1",),
    "NPL": ("5.2.1",),
    "VNM": ("10.2.1",),
}


@pytest.mark.parametrize("country", COUNTRIES)
def test_demo_country(country: str, indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    result = analyse_country(COUNTRY_DIR / country, indicators, taxonomy)
    assert (result.country, result.demo) == (country, True)
    assert result.no_data == NO_DATA[country]
    assert list(result.matrix.columns) == [ANY_DATA, *taxonomy.keys]
    assert result.matrix.dtypes.eq(bool).all()
    assert len(result.coverage) == len(result.matrix) * (1 + len(taxonomy.keys))
    assert str(result.coverage["latest_year"].dtype) == "Int64"
    assert set(result.focus.indicators) <= set(result.matrix.index)
    inputs = declared_inputs(COUNTRY_DIR / country)
    assert all(path.is_file() for path in result.files_read)
    assert list(result.files_read[: len(inputs)]) == inputs
    assert taxonomy.path in result.files_read
    assert set(indicators.files) <= set(result.files_read)
    assert len(result.inventory_table) == len(result.inventory.sources)


def test_nepal_demo_figures(indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    result = analyse_country(
        COUNTRY_DIR / "NPL" / "stocktake",
        indicators,
        taxonomy,
        citizen={("5.2.1", "disability"), ("4.1.1", "sex"), ("1.2.1", "age")},
    )
    assert result.focus.indicators == ("3.8.1", "4.1.1", "5.2.1", "5.3.1", "5.b.1")
    assert result.gaps.no_data == ()
    # 3.8.1 by disability is covered only by a citizen-generated source: still a gap
    assert result.gaps.by_group["disability"] == ("3.8.1", "5.2.1", "5.3.1", "5.b.1")
    assert result.gaps.by_group["location"] == ()
    assert result.headlines.by_group["disability"] == Share(1, 5)
    assert result.headlines.by_group["disability"].ratio == pytest.approx(0.2)
    assert result.headlines.with_any_data == Share(5, 5)
    assert result.headlines.inventory_sources == 8
    assert result.citizen.fills == (GapFill("5.2.1", "disability", had_no_data=False),)
    assert result.citizen.already_covered == (("4.1.1", "sex"),)
    assert result.citizen.outside_focus == (("1.2.1", "age"),)
    assert result.headlines.citizen_gaps_filled == 1
    cell = result.coverage.set_index(["indicator", "group"])
    assert cell.loc[("2.2.1", "age"), "source"] == "Nepal Demographic and Health Survey (NDHS) 2022"
    assert cell.loc[("4.1.1", "sex"), "source"] == "National SDG data platform (demo extract)"
    assert cell.loc[("4.1.1", "sex"), "sources"] == (
        "National SDG data platform (demo extract); "
        "Nepal Multiple Indicator Cluster Survey (MICS) 2019"
    )
    # a citizen-generated source is listed in the inventory, never counted as official data
    assert not cell.loc[("3.8.1", "disability"), "available"]
    assert "Community monitoring" not in " ".join(cell["sources"].dropna())
    assert "citizen_generated" in {s.type for s in result.inventory.sources}
    assert cell.loc[("1.2.1", ANY_DATA), "latest_year"] == 2023
    assert (
        bool(cell.loc[("3.8.1", ANY_DATA), "in_focus"])
        and not cell.loc[("1.2.1", ANY_DATA), "in_focus"]
    )


def test_vietnam_gap_with_no_data_at_all(indicators: IndicatorList, taxonomy: Taxonomy) -> None:
    result = analyse_country(
        COUNTRY_DIR / "VNM", indicators, taxonomy, citizen=frozenset({("10.2.1", "disability")})
    )
    assert result.gaps.no_data == ("10.2.1",)
    assert not result.matrix.loc["10.2.1"].any()
    assert result.headlines.with_any_data == Share(5, 6)
    assert result.citizen.fills == (GapFill("10.2.1", "disability", had_no_data=True),)


SOURCES = (
    "id,name,producer,producer_type,type,years,geographic_level,access,link,indicators\n"
    "dhs,DHS 2016,NSO,statistics_office,household_survey,2016,region,open,,"
    "5.3.1: income location; 3.8.1\n"
    "census,Census 2021,NSO,statistics_office,census,2021,local,open,,5.3.1: location\n"
)


def _country(
    tmp_path: Path,
    sources: str = SOURCES,
    focus: str = '["5.3.1", "3.8.1", "4.1.1"]',
    opensdg: dict[str, str] | None = None,
    country: str = "KEN",
) -> Path:
    root = tmp_path / country
    write(root / "stocktake" / "sources.csv", sources)
    write(root / "stocktake" / "focus.yaml", f"country: {country}\nfocus: {focus}\n")
    for name, text in (opensdg or {}).items():
        write(root / "stocktake" / "opensdg" / name, text)
    return root


def test_small_country_exactly(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    root = _country(
        tmp_path,
        opensdg={
            "5-3-1.csv": "Year,Location,Value\n2019/20,,30\n2019/20,Rural,35\n",
            "1-4-1.csv": "Year,Value\n",
        },
    )
    result = analyse_country(root, indicators, taxonomy)
    assert list(result.matrix.index) == ["1.4.1", "3.8.1", "4.1.1", "5.3.1"]
    assert result.matrix.loc["5.3.1", ["any", "income", "location", "sex"]].tolist() == [
        True,
        True,
        True,
        False,
    ]
    assert not result.matrix.loc["1.4.1"].any()
    assert result.gaps.no_data == ("4.1.1",)
    assert result.gaps.by_group["location"] == ("3.8.1", "4.1.1")
    years = coverage_matrix(result.coverage, "latest_year")
    assert years.loc["5.3.1", "location"] == 2021
    assert pd.isna(years.loc["4.1.1", "location"])
    sources = coverage_matrix(result.coverage, "source")
    assert sources.loc["5.3.1", "location"] == "Census 2021"
    assert sources.loc["5.3.1", "income"] == "DHS 2016"
    assert sources.loc["5.3.1", "any"] == "Census 2021"
    platform_years = result.coverage.set_index(["indicator", "group"])
    assert (
        "National SDG data platform (Open SDG)"
        in platform_years.loc[("5.3.1", "location"), "sources"]
    )
    assert declared_inputs(root) == [
        root / "stocktake" / "sources.csv",
        root / "stocktake" / "focus.yaml",
        root / "stocktake" / "opensdg" / "1-4-1.csv",
        root / "stocktake" / "opensdg" / "5-3-1.csv",
    ]


def test_country_without_platform(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    result = analyse_country(_country(tmp_path), indicators, taxonomy)
    assert result.opensdg is None and result.no_data == ()
    assert result.headlines.with_any_data == Share(2, 3)


@pytest.mark.parametrize(
    ("citizen", "problem"),
    [
        ({("9.9.9", "sex")}, "indicator 9.9.9 is not in the SDG indicator list"),
        ({("5.3.1", "gender")}, "'gender' is not a group key"),
        ([("5.3.1",)], "not an (indicator code, group key) pair"),
    ],
)
def test_citizen_pairs_are_checked(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy, citizen: object, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        analyse_country(_country(tmp_path), indicators, taxonomy, citizen=citizen)  # type: ignore[arg-type]
    assert caught.value.problem == problem


def test_platform_row_needs_the_folder(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    platform = "sdg,SDG platform,NSO,statistics_office,sdg_platform,2023,region,open,,\n"
    with pytest.raises(InputError) as caught:
        analyse_country(_country(tmp_path, sources=SOURCES + platform), indicators, taxonomy)
    assert (caught.value.row, caught.value.column) == (4, "type")


def test_missing_stocktake_folder(
    tmp_path: Path, indicators: IndicatorList, taxonomy: Taxonomy
) -> None:
    with pytest.raises(InputError, match="no stocktake folder"):
        analyse_country(tmp_path / "NPL", indicators, taxonomy)


@pytest.mark.realdata
def test_real_nepal_platform_end_to_end(
    tmp_path: Path, realdata: Path, official: IndicatorList, taxonomy: Taxonomy
) -> None:
    """The real Nepal folder is linked (not copied) into a country folder in tmp_path."""
    nepal = _country(
        tmp_path,
        sources=SOURCES.split("\n")[0] + "\n",
        focus='["5", "3.8", "4.1.1"]',
        country="NPL",
    )
    (nepal / "stocktake" / "opensdg").symlink_to(
        realdata / "nepal-open-sdg" / "en" / "data", target_is_directory=True
    )
    result = analyse_country(nepal, official, taxonomy)
    assert result.no_data == ("1.4.1",)
    assert not result.matrix.loc["1.4.1"].any()
    matrix = result.matrix
    assert matrix.loc["4.4.1", ["sex", "age", "location"]].all()
    assert matrix.loc["4.5.1", "education"] and matrix.loc["5.3.1", "sex"]
    assert not matrix[["disability", "income"]].any(axis=None)
    assert len(result.focus.indicators) == 17  # 14 of goal 5, 3.8.1, 3.8.2, 4.1.1
    assert result.gaps.by_group["disability"] == result.focus.indicators
    assert result.headlines.by_group["sex"] == Share(2, 17)  # 5.3.1 and 5.b.1
    assert result.unmapped_columns == {}
