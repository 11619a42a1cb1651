"""Reading exports (CSV/XLSX, Kobo/ODK), linking repeats, checks against the form, privacy."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lnob.errors import InputError
from lnob.survey.dataset import identifying_values, read_survey_data
from lnob.survey.submissions import read_table

from .conftest import kobo_rows, small_config, write_workbook

CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.tuples(CELL, CELL, CELL), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";"]),
    bom=st.booleans(),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_csv_reader_returns_every_cell_as_written(
    tmp_path: Path, rows: list[tuple[str, str, str]], delimiter: str, bom: bool, newline: str
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=newline)
    writer.writerow(["a;b" if delimiter == "," else "a,b", "q2", "q3"])
    writer.writerows(rows)
    path = tmp_path / "export.csv"
    path.write_bytes((("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"))
    frame = read_table(path, delimiter=delimiter)
    expected = [list(r) for r in rows if any(c != "" for c in r)]
    assert frame.columns.tolist()[1:] == ["q2", "q3"]
    assert frame.to_numpy().tolist() == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a,b,a\n1,2,3\n", "duplicate column headers"),
        ("", "empty"),
        ("justone\n1\n", "single column"),
    ],
)
def test_csv_problems_are_input_errors(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "export.csv").write_text(text)
    with pytest.raises(InputError, match=problem):
        read_table(tmp_path / "export.csv")


def test_non_utf8_csv_names_the_line(tmp_path: Path) -> None:
    (tmp_path / "export.csv").write_bytes("a,b\n1,2\nSão,3\n".encode("cp1252"))
    with pytest.raises(InputError) as raised:
        read_table(tmp_path / "export.csv")
    assert raised.value.row == 3 and "UTF-8" in str(raised.value)


def test_kobo_csv_with_repeat_file(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(30, insured_yes=12, urban=20)
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    data = read_survey_data(folder)
    households, members = data.tables["main"], data.tables["roster"]
    assert len(households) == 30 and len(members) == 60
    assert households["area"].value_counts().to_dict() == {"urban": 20, "rural": 10}
    assert households["minutes"].dtype == float and households["minutes"].iloc[3] == 13.0
    assert households["barriers"].iloc[0] == "cost"
    assert members["__parent"].tolist()[:4] == [0, 0, 1, 1]
    # identifying columns never reach the typed tables
    every_column = {c for frame in data.tables.values() for c in frame.columns}
    assert not every_column & {"resp_name", "gps", "_gps_latitude", "deviceid", "_uuid"}
    assert {d.column for d in data.dropped if d.identifying} >= {
        "resp_name",
        "gps",
        "_gps_latitude",
        "deviceid",
        "_uuid",
    }
    person = data.unit_frame("roster")
    assert person["area"].tolist()[:4] == ["urban"] * 4 and "__main_row" in person


def test_identifying_values_are_the_raw_planted_ones(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(15, insured_yes=5, urban=5)
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    planted = identifying_values(folder)
    assert {"Person Number0003", "dev0003", "uuid-00003-abcdef", "-1.00003"} <= planted
    assert "urban" not in planted and "female" not in planted


def test_odk_central_csv_with_key_links_and_split_geopoints(
    write_survey: Callable[..., Path],
) -> None:
    main = (
        "SubmissionDate,hh-area,hh-insured,hh-minutes,hh-barriers,resp_name,gps-Latitude,"
        "gps-Longitude,meta-instanceID,KEY,SubmitterName\n"
        + "".join(
            f"2024-01-0{1 + i % 9},{'urban' if i % 2 else 'rural'},yes,{i},cost far,N{i},-1.{i},"
            f"36.{i},uuid:{i},uuid:{i},collector\n"
            for i in range(12)
        )
    )
    roster = (
        "sex,age,sick,PARENT_KEY,KEY\n"
        + "".join(f"female,{30 + i},no,uuid:{i},uuid:{i}/roster[1]\n" for i in range(12))
        + "male,40,no,uuid:999,uuid:999/roster[1]\n"
    )
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    data = read_survey_data(folder)
    assert data.tables["main"]["barriers"].iloc[0] == "cost far"
    assert len(data.tables["roster"]) == 12
    orphans = [m for m in data.mismatches if m.kind == "orphan_rows"]
    assert [m.count for m in orphans] == [1]
    dropped = {d.column for d in data.dropped}
    assert {"gps-Latitude", "gps-Longitude", "KEY", "SubmitterName", "meta-instanceID"} <= dropped


def test_kobo_xlsx_with_repeat_sheet(tmp_path: Path, small_form: Path) -> None:
    main, roster = kobo_rows(12, insured_yes=6, urban=6)
    sheets = {
        "Small test": [r.split(",") for r in main.strip().split("\n")],
        "roster": [r.split(",") for r in roster.strip().split("\n")],
        "notes": [["something"], ["else"]],
    }
    write_workbook(tmp_path / "export.xlsx", sheets)
    config = small_config(export={"file": "export.xlsx"})
    import yaml

    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config))
    data = read_survey_data(tmp_path)
    assert len(data.tables["roster"]) == 24
    assert [m.column for m in data.mismatches if m.kind == "unused_sheet"] == ["notes"]


def test_mismatches_are_counted_with_examples(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(20, insured_yes=10, urban=10)
    lines = main.split("\n")
    lines[0] += ",supervisor"
    for i in range(1, 21):
        lines[i] += ",ok"
    lines[1] = lines[1].replace(",yes,", ",maybe,")  # outside the choice list
    lines[2] = lines[2].replace(",no,", ",Hapana,").replace(",yes,", ",Ndiyo,")  # labels
    lines[3] = lines[3].replace(",12,", ",999,")  # sentinel declared in survey.yaml
    lines[4] = lines[4].replace(",13,", ",400,")  # breaks ". >= 0 and . <= 300"
    lines[5] = lines[5].replace(",14,", ",about ten,")  # not a number
    lines[6] = lines[6].replace(",15,", ",222,")  # undeclared look-alike sentinel
    lines[7] = lines[7].replace(",cost,1,0,", ",cost teleport,1,0,")  # unknown option
    config = small_config(missing_codes={"minutes": [999]})
    folder = write_survey(config, {"export.csv": "\n".join(lines), "roster.csv": roster})
    data = read_survey_data(folder)
    found = {(m.kind, m.column): m for m in data.mismatches}
    assert found[("value_not_in_choices", "insured")].examples == ("maybe",)
    assert found[("labels_as_values", "insured")].count == 1
    assert found[("sentinel_code", "minutes")].count == 1
    assert found[("constraint_violation", "minutes")].examples == ("400",)
    assert found[("not_a_number", "minutes")].examples == ("about ten",)
    assert found[("possible_sentinel", "minutes")].examples == ("222",)
    assert found[("value_not_in_choices", "barriers")].examples == ("teleport",)
    assert found[("unknown_column", "supervisor")].examples == ()  # values never shown
    minutes = data.tables["main"]["minutes"]
    assert minutes.isna().sum() == 3 and 222.0 in minutes.tolist()
    insured = data.tables["main"]["insured"]
    assert pd.isna(insured.iloc[0]) and insured.iloc[1] == "yes"


def test_split_select_multiple_columns_are_rebuilt(write_survey: Callable[..., Path]) -> None:
    main = "hh/area,hh/insured,hh/barriers/cost,hh/barriers/far,_index\n" + (
        "urban,yes,1,1,1\nrural,no,0,1,2\nrural,no,,,3\n"
    )
    roster = "roster/sex,_parent_index\nfemale,1\n"
    folder = write_survey(small_config(), {"export.csv": main, "roster.csv": roster})
    barriers = read_survey_data(folder).tables["main"]["barriers"]
    assert barriers.tolist()[:2] == ["cost far", "far"] and pd.isna(barriers.iloc[2])


@pytest.mark.parametrize(
    ("change", "problem", "column"),
    [
        ({"design": {"weight": "w"}}, "design column 'w'", "w"),
        ({"subset": {"City": ["Nairobi"]}}, "subset column 'City'", "subset"),
        ({"export": {"file": "export.csv", "key": "nokey"}}, "key column 'nokey'", "nokey"),
    ],
)
def test_export_problems_name_the_column(
    write_survey: Callable[..., Path], change: dict, problem: str, column: str
) -> None:
    main, roster = kobo_rows(5, insured_yes=1, urban=1)
    folder = write_survey(small_config(**change), {"export.csv": main, "roster.csv": roster})
    with pytest.raises(InputError, match=problem) as raised:
        read_survey_data(folder)
    assert raised.value.column == column


def test_bad_weight_names_the_row(write_survey: Callable[..., Path]) -> None:
    main, roster = kobo_rows(5, insured_yes=1, urban=1)
    lines = main.strip().split("\n")
    lines[0] += ",w"
    weights = ["1", "2", "-1", "1", "1"]
    lines[1:] = [line + f",{w}" for line, w in zip(lines[1:], weights, strict=True)]
    folder = write_survey(
        small_config(design={"weight": "w"}),
        {"export.csv": "\n".join(lines) + "\n", "roster.csv": roster},
    )
    with pytest.raises(InputError, match="weight") as raised:
        read_survey_data(folder)
    assert (raised.value.row, raised.value.column, raised.value.found) == (4, "w", "-1")


def test_read_table_keeps_leading_zeros_and_text(tmp_path: Path) -> None:
    (tmp_path / "e.csv").write_text("id;code\n007;A1\n")
    assert read_table(tmp_path / "e.csv").to_dict("records") == [{"id": "007", "code": "A1"}]
    assert isinstance(read_table(tmp_path / "e.csv"), pd.DataFrame)
