"""The DDF reader: the real UN extract as it is published (coded entities, a series serving
two goals, countries without rows), and each kind of broken file named where it breaks."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.synthesis.config import OfficialSeries
from lnob.synthesis.ddf import read_ddf_folder
from lnob.synthesis.official import m49, official_table
from tests.conftest import ROOT

FOCUS = ["BGD", "IND", "KEN", "NPL", "VNM"]
DEMO = ROOT / "data" / "global" / "un-sdg-demo"


@pytest.fixture(scope="module")
def un(realdata: Path) -> Path:
    return realdata / "un-sdg-ddf"


def test_concepts_split_goals_and_indicators(un: Path) -> None:
    folder = read_ddf_folder(un)
    assert folder.concepts["vc_vov_gdsd"].goals == ("10", "16")  # goal = "10, 16"
    assert folder.concepts["vc_vov_gdsd"].indicators == ("10.3.1", "16.b.1")
    assert folder.concepts["se_tot_cplr"].indicators == ("4.1.2",)
    assert folder.has_series("se_tot_cplr") and not folder.has_series("ag_fls_idx")


def test_coded_entities_are_joined_to_their_names(un: Path) -> None:
    series = read_ddf_folder(un).series("se_tot_cplr")
    frame = series.frame
    assert len(frame) == 71862
    row = frame[(frame["geo_area"] == "50") & (frame["sex"] == "female")].iloc[0]
    assert row["geo_area_name"] == "Bangladesh" and row["sex_name"] == "FEMALE"
    assert set(frame["quantile"]) >= {"q1", "q5", "t"}
    first = frame.iloc[0]  # line 2 of the file: lowsec,4,allarea,e,q1,bothsex,percent,2011,7.82515
    assert (first["row"], first["geo_area"], first["year"], first["value"]) == (
        2,
        "4",
        2011,
        pytest.approx(7.82515),
    )


def _source_rows(path: Path, **match: str) -> dict[int, dict[str, float]]:
    """Year -> nature -> value of the rows matching every given column, read with csv."""
    found: dict[int, dict[str, float]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if all(row[k] == v for k, v in match.items()):
                found.setdefault(int(row["year"]), {})[row["nature"]] = float(row["se_tot_cplr"])
    return found


def _best(values: dict[str, float]) -> float:
    """The country's own figure ('c') where the year has several."""
    return values.get("c", next(iter(values.values())))


def test_completion_rate_for_the_focus_countries_matches_the_source_rows(un: Path) -> None:
    folder = read_ddf_folder(un)
    config = OfficialSeries(
        "se_tot_cplr", {"education_level": "primar"}, ("sex", "location", "quantile")
    )
    table = official_table(folder, config, FOCUS)
    path = folder.datapoint_files["se_tot_cplr"][0]
    base = {"education_level": "primar", "location": "allarea", "quantile": "t", "sex": "bothsex"}
    rows = {r.country: r for r in table.rows}
    for iso3 in FOCUS:
        totals = _source_rows(path, geo_area=m49(iso3), **base)
        year = max(totals)
        assert (rows[iso3].year, rows[iso3].total) == (year, pytest.approx(_best(totals[year])))
        poorest = _source_rows(
            path, geo_area=m49(iso3), year=str(year), **{**base, "quantile": "q1"}
        )
        assert rows[iso3].values[("quantile", "q1")] == pytest.approx(_best(poorest[year]))
        women = _source_rows(path, geo_area=m49(iso3), year=str(year), **{**base, "sex": "female"})
        assert rows[iso3].values[("sex", "female")] == pytest.approx(_best(women[year]))
    assert rows["BGD"].year == 2014 and rows["BGD"].total == pytest.approx(80.01213)
    assert table.percent and not table.missing


def test_a_series_without_rows_for_the_focus_countries_is_no_data(un: Path) -> None:
    table = official_table(
        read_ddf_folder(un), OfficialSeries("sl_tlf_uemdis", {}, ("disability_status",)), FOCUS
    )
    assert table.missing == tuple(FOCUS) and table.source_rows == 0
    assert all(r.total is None and set(r.values.values()) == {None} for r in table.rows)


def test_the_demo_extract_reads_like_the_real_one() -> None:
    folder = read_ddf_folder(DEMO)
    table = official_table(
        folder,
        OfficialSeries("se_tot_cplr", {"education_level": "primar"}, ("sex", "quantile")),
        FOCUS,
    )
    vnm = {r.country: r for r in table.rows}["VNM"]
    assert vnm.total is not None and vnm.values[("quantile", "q1")] is None  # sparse, not 0
    unemployment = official_table(
        folder, OfficialSeries("sl_tlf_uemdis", {}, ("disability_status",)), FOCUS
    )
    assert unemployment.missing == ("BGD", "IND", "NPL", "VNM")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    shutil.copytree(DEMO, tmp_path / "ddf")
    return tmp_path / "ddf"


def _edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_a_code_missing_from_its_entity_file_is_named(broken: Path) -> None:
    _edit(broken / "ddf--entities--sex.csv", "female,FEMALE\n", "")
    with pytest.raises(InputError, match="code not in ddf--entities--sex.csv") as err:
        read_ddf_folder(broken).series("se_tot_cplr")
    assert err.value.row == 3 and err.value.column == "sex"


def test_a_value_that_is_not_a_number_is_named(broken: Path) -> None:
    path = next(broken.glob("ddf--datapoints--se_tot_cplr*"))
    _edit(path, "78.40000", "n/a")
    with pytest.raises(InputError, match="not a number") as err:
        read_ddf_folder(broken).series("se_tot_cplr")
    assert err.value.row == 2


def test_a_header_that_disagrees_with_the_file_name_is_named(broken: Path) -> None:
    path = next(broken.glob("ddf--datapoints--sl_tlf_uemdis*"))
    _edit(path, "disability_status,", "disability,")
    with pytest.raises(InputError, match="header does not match"):
        read_ddf_folder(broken).series("sl_tlf_uemdis")


def test_an_unknown_series_is_named(broken: Path) -> None:
    with pytest.raises(InputError, match="no datapoints file for series 'xx_yy'"):
        read_ddf_folder(broken).series("xx_yy")
