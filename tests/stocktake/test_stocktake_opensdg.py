"""Open SDG folders read unchanged: breakdowns inferred from data, quirks, errors, real data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnob.errors import InputError
from lnob.stocktake import IndicatorList, Taxonomy, read_indicator_file, read_opensdg_folder

from .stocktake_support import write

HEADER = "Year,SERIES,Reference area,Sex,Disability status,Skill,UNIT_MEASURE,Value\n"


def test_breakdowns_need_a_non_total_value_with_a_number(
    tmp_path: Path, taxonomy: Taxonomy
) -> None:
    path = write(
        tmp_path / "4-1-1.csv",
        HEADER
        + "2018,S,,,,,Percent,40\n"
        + "2019/20,S,,Female,,,Percent,41.5\n"
        + "2021,S,Koshi,,,,Percent,\n"  # suppressed: not a breakdown
        + "2000 Q1,S,,,_T,Typing,Percent,3\n",
    )  # _T is a total
    data = read_indicator_file(path, "4.1.1", taxonomy)
    assert [(g.group, g.columns, g.latest_year, g.categories) for g in data.groups] == [
        ("sex", ("Sex",), 2020, 1)
    ]
    assert data.total_only_columns == ("Reference area", "Disability status")
    assert data.unmapped_columns == ("Skill",)
    assert (data.rows, data.numbers, data.suppressed) == (4, 3, 1)
    assert (data.first_year, data.latest_year, data.has_data) == (2000, 2020, True)


@pytest.mark.parametrize(
    ("bom", "crlf"), [(False, False), (True, False), (False, True), (True, True)]
)
def test_bom_and_crlf_read_the_same(
    tmp_path: Path, taxonomy: Taxonomy, bom: bool, crlf: bool
) -> None:
    path = write(
        tmp_path / "indicator_5-b-1.csv",
        "Year,Sex,Value\n2019,,70\n2019,Female,65\n2019,Male,75\n",
        bom=bom,
        crlf=crlf,
    )
    data = read_indicator_file(path, "5.b.1", taxonomy)
    assert [(g.group, g.columns, g.categories) for g in data.groups] == [("sex", ("Sex",), 2)]
    assert data.numbers == 3


@pytest.mark.parametrize(
    "text",
    ["Year,Value\n", "Year,Value", "Year,Value\r\n", "Year,Sex,Value\n2019,Female,\n2019,,\n"],
)
def test_no_data(tmp_path: Path, taxonomy: Taxonomy, text: str) -> None:
    data = read_indicator_file(write(tmp_path / "1-4-1.csv", text, bom=True), "1.4.1", taxonomy)
    assert (data.has_data, data.groups, data.latest_year) == (False, (), None)


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [
        ("Year,Value\n2019,12\n2020,about 5\n", 3, "Value"),
        ("Year,Value\n2019,12\nsoon,5\n", 3, "Year"),
        ("Year,Sex\n2019,Female\n", 1, "Value"),
        ("Year,Sex,Sex,Value\n2019,Female,Male,1\n", 1, "Sex"),
        ("", None, None),
    ],
)
def test_bad_files_name_row_and_column(
    tmp_path: Path, taxonomy: Taxonomy, text: str, row: int | None, column: str | None
) -> None:
    path = write(tmp_path / "3-2-1.csv", text)
    with pytest.raises(InputError) as caught:
        read_indicator_file(path, "3.2.1", taxonomy)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, row, column)


def test_folder_reads_both_name_styles_and_skips_others(
    tmp_path: Path, taxonomy: Taxonomy, indicators: IndicatorList
) -> None:
    write(tmp_path / "indicator_4-1-2.csv", "Year,Value\n2019,1\n")
    write(tmp_path / "16-9-1.csv", "Year,Value\n2019,1\n")
    write(tmp_path / "1-4-1.csv", "Year,Value\n")
    write(tmp_path / "README.md", "notes\n")
    folder = read_opensdg_folder(tmp_path, indicators, taxonomy)
    assert [i.code for i in folder.indicators] == ["1.4.1", "4.1.2", "16.9.1"]
    assert folder.no_data == ("1.4.1",)
    assert folder.skipped_files == (tmp_path / "README.md",)


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (["4-1-2.csv", "indicator_4-1-2.csv"], "a second file for indicator 4.1.2"),
        (["9-9-9.csv"], "indicator 9.9.9 is not in the SDG indicator list"),
    ],
)
def test_folder_errors(
    tmp_path: Path, taxonomy: Taxonomy, indicators: IndicatorList, names: list[str], problem: str
) -> None:
    for name in names:
        write(tmp_path / name, "Year,Value\n2019,1\n")
    with pytest.raises(InputError) as caught:
        read_opensdg_folder(tmp_path, indicators, taxonomy)
    assert caught.value.problem == problem


COLUMNS = {
    "Sex": ("sex", ["Female", "Male"]),
    "Age": ("age", ["15-24", "25+"]),
    "Disability status": ("disability", ["With disability", "Without disability"]),
    "Skill": (None, ["Typing", "Coding"]),
}
ROW = st.tuples(
    st.sampled_from(["2015", "2016/17", "2018 Q2", "2019-21"]),
    st.fixed_dictionaries({c: st.sampled_from(["", *v]) for c, (_, v) in COLUMNS.items()}),
    st.one_of(st.just(""), st.floats(0, 1000, allow_nan=False).map(str)),
)
END_YEAR = {"2015": 2015, "2016/17": 2017, "2018 Q2": 2018, "2019-21": 2021}


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(rows=st.lists(ROW, max_size=12), bom=st.booleans(), crlf=st.booleans())
def test_inferred_breakdowns_match_the_rows(
    tmp_path_factory: pytest.TempPathFactory, taxonomy: Taxonomy, rows: list, bom: bool, crlf: bool
) -> None:
    lines = ["Year," + ",".join(COLUMNS) + ",Value"]
    lines += [
        f"{year}," + ",".join(cells[c] for c in COLUMNS) + f",{value}"
        for year, cells, value in rows
    ]
    path = write(
        tmp_path_factory.mktemp("h") / "8-5-2.csv", "\n".join(lines) + "\n", bom=bom, crlf=crlf
    )
    data = read_indicator_file(path, "8.5.2", taxonomy)
    expected = {}
    for column, (key, _) in COLUMNS.items():
        years = [END_YEAR[y] for y, cells, v in rows if v and cells[column] and key]
        if years:
            expected[key] = max(years)
    assert {g.group: g.latest_year for g in data.groups} == expected
    assert data.numbers == sum(1 for _, _, v in rows if v)
    assert data.has_data is any(v for _, _, v in rows)
    assert data.unmapped_columns == (("Skill",) if any(c["Skill"] for _, c, _ in rows) else ())


@pytest.mark.realdata
def test_nepal_open_sdg(realdata: Path, official: IndicatorList, taxonomy: Taxonomy) -> None:
    folder = read_opensdg_folder(realdata / "nepal-open-sdg" / "en" / "data", official, taxonomy)
    assert len(folder.indicators) == 56
    assert folder.no_data == ("1.4.1",)
    groups = {i.code: {g.group for g in i.groups} for i in folder.indicators}
    assert groups["4.4.1"] == {"sex", "age", "location"}
    assert groups["4.5.1"] == {"location", "education"}
    assert groups["8.5.2"] == {"sex", "location"}
    assert groups["8.6.1"] == {"age", "location"}
    assert groups["1.4.1"] == set()
    found = set().union(*groups.values())
    assert found == {"sex", "age", "location", "education"}
    assert not found & {"disability", "income", "ethnicity"}
    assert folder.unmapped_columns == {}
    by_code = {i.code: i for i in folder.indicators}
    location = by_code["8.5.2"].group("location")
    assert location is not None
    assert location.columns == ("Reference area", "Degree of urbanisation")
    assert by_code["8.3.1"].total_only_columns == ("Reference area",)  # blank = national only


@pytest.mark.realdata
def test_nepal_sdmx_coded_build(
    realdata: Path, official: IndicatorList, taxonomy: Taxonomy
) -> None:
    folder = read_opensdg_folder(realdata / "nepal-open-sdg" / "ne" / "data", official, taxonomy)
    groups = {i.code: {g.group for g in i.groups} for i in folder.indicators}
    assert groups == {
        "1.3.1": {"location"},
        "1.4.1": set(),
        "3.7.1": {"age", "location"},
        "4.5.1": {"location", "education"},
        "5.3.1": {"sex", "location"},
    }


@pytest.mark.realdata
def test_uk_ons_disability_and_income(
    realdata: Path, official: IndicatorList, taxonomy: Taxonomy
) -> None:
    folder = read_opensdg_folder(realdata / "uk-ons-sdg", official, taxonomy)
    by_code = {i.code: i for i in folder.indicators}
    assert list(by_code) == ["1.2.1", "4.4.1", "5.5.2", "8.5.2", "10.3.1", "16.7.2"]
    disability = {c for c, i in by_code.items() if i.group("disability")}
    assert disability == {"4.4.1", "5.5.2", "8.5.2", "10.3.1", "16.7.2"}
    income = by_code["16.7.2"].group("income")
    assert income is not None and income.columns == (
        "Index of multiple deprivation quintile",
        "Household income",
    )
    hate_crime_income = by_code["10.3.1"].group("income")
    assert hate_crime_income is not None and hate_crime_income.latest_year == 2018
    labour = by_code["8.5.2"]
    assert (labour.rows, labour.suppressed, labour.numbers) == (9261, 61, 9200)
    assert (labour.first_year, labour.latest_year) == (2000, 2023)  # '2000 Q1' ... '2023 Q?'
    assert by_code["16.7.2"].first_year == 2014  # '2013/14'
    assert by_code["10.3.1"].first_year == 2009  # '2007/08 to 2008/09'
    assert folder.unmapped_columns == {
        "Country": ("8.5.2",),
        "Skill": ("4.4.1",),
        "Type of hate crime": ("10.3.1",),
    }


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("given", "found", "use"),
    [
        # the whole platform: its built data is one folder per language, two levels down
        ("", "en/data/ (56 indicator file(s)), ne/data/ (5 indicator file(s))", "en/data/"),
        ("en", "data/ (56 indicator file(s))", "data/"),  # one level too high
    ],
)
def test_a_platform_folder_given_too_high_names_the_subfolder(
    realdata: Path,
    official: IndicatorList,
    taxonomy: Taxonomy,
    given: str,
    found: str,
    use: str,
) -> None:
    """Nepal's Open SDG data, unchanged, given one or two levels above its indicator files:
    no '0 indicators, 0 problems', but the subfolders that hold them and the one to give."""
    folder = realdata / "nepal-open-sdg" / given if given else realdata / "nepal-open-sdg"
    with pytest.raises(InputError) as caught:
        read_opensdg_folder(folder, official, taxonomy)
    assert caught.value.path == folder
    assert caught.value.problem.startswith("no indicator file in the Open SDG folder")
    assert caught.value.found == found
    assert f"put the files of {use}" in str(caught.value)


def test_an_empty_folder_is_named(
    tmp_path: Path, taxonomy: Taxonomy, indicators: IndicatorList
) -> None:
    write(tmp_path / "README.md", "notes\n")
    with pytest.raises(InputError) as caught:
        read_opensdg_folder(tmp_path, indicators, taxonomy)
    assert (caught.value.problem, caught.value.found) == (
        "no indicator file in the Open SDG folder",
        "README.md",
    )
    assert "Copy the indicator CSVs of the platform's built data" in str(caught.value)
