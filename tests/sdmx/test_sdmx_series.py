"""Series codes: the UN's where an analysis declares the UN series its question measures, the
coalition's own (naming the survey) everywhere else; the shipped UN series are the UN's, and a
wrong declaration stops `validate` and the SDMX files with the same message."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import sdmx

from lnob.cli import main
from lnob.errors import InputError
from lnob.sdmx import write_sdmx
from lnob.sdmx.codes import load_codes
from lnob.sdmx.series import check_series
from lnob.survey import analyse_survey
from lnob.survey.config import load_survey_config
from tests.conftest import copy_demo

ROOT = Path(__file__).resolve().parents[2]
CIVIC = ROOT / "data" / "countries" / "KEN" / "surveys" / "ken-civic-participation-2024"
REAL_DSD = ROOT.parent / "shared" / "realdata" / "nepal-open-sdg" / "CBS_DSD.xml"


def test_the_shipped_un_series_are_the_uns_with_their_indicators() -> None:
    if not REAL_DSD.is_file():
        pytest.skip(f"{REAL_DSD} is absent: the real SDG DSD (../shared/realdata) is not here")
    real = sdmx.read_sdmx(REAL_DSD).codelist["CL_SERIES"]
    shipped = load_codes().series
    assert len(shipped) >= 20
    for code, series in shipped.items():
        assert code in real, f"{code} is not in the UN's CL_SERIES"
        name = str(real[code].name)
        listed = re.findall(r"\d+\.[0-9a-z]+\.\d+", name[name.rfind("[") :])
        assert set(series.indicators) == set(listed), code
        assert name.startswith(series.name), (code, name)


@pytest.fixture(scope="module")
def civic(tmp_path_factory: pytest.TempPathFactory):
    result = analyse_survey(CIVIC, "sw")
    files = write_sdmx([result], tmp_path_factory.mktemp("civic"), "civic")
    structure = sdmx.read_sdmx(files.structure)
    data = sdmx.read_sdmx(files.data, structure=structure.structure["LNOB_SDG"]).data[0]
    return result, structure, data


def test_a_declared_un_series_carries_the_uns_code_and_english_name(civic) -> None:
    _result, structure, data = civic
    series = structure.codelist["CL_SERIES"]
    assert "VC_VOV_GDSD" in series
    un = series["VC_VOV_GDSD"]
    assert str(un.name.localizations["en"]).startswith("Proportion of population reporting")
    assert [(str(a.title), str(a.type)) for a in un.annotations] == [("10.3.1", "Indicator")]
    # the total share, recomputed from the raw export with pandas, is published under it
    raw = pd.read_csv(CIVIC / "export.csv", dtype=str, encoding="utf-8-sig")
    asked = raw[raw["civic/discrimination"].isin(["yes", "no"])]
    weight = asked["weight"].astype(float)
    expected = 100 * (weight * (asked["civic/discrimination"] == "yes")).sum() / weight.sum()
    fixed = ("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "TIME_PERIOD")
    total = [
        o
        for o in data.obs
        if o.key.values["SERIES"].value == "VC_VOV_GDSD"
        and all(v.value == "_T" for k, v in o.key.values.items() if k not in fixed)
    ]
    assert len(total) == 1
    assert float(total[0].value) == pytest.approx(expected, abs=1e-3)
    assert str(total[0].attached_attribute["BASE"].value) == str(len(asked))


def test_other_figures_go_out_under_a_coalition_code_that_names_the_survey(civic) -> None:
    _result, structure, _data = civic
    codes = set(structure.codelist["CL_SERIES"].items)
    own = codes - {"VC_VOV_GDSD"}
    assert own == {"LNOB_KEN_CIVIC_PARTICIPATION_2024_INCLUSIVE_DECISIONS"}
    code = structure.codelist["CL_SERIES"]["LNOB_KEN_CIVIC_PARTICIPATION_2024_INCLUSIVE_DECISIONS"]
    assert "[16.7.2]" in str(code.name.localizations["sw"])  # the question, in the report's words
    assert str(code.annotations[0].title) == "16.7.2"


def _declare(path: Path, analysis: str, line: str, keep: bool = False) -> None:
    """Put `line` (e.g. `sdg_series: X`) into the analysis `analysis` of a survey.yaml, in
    place of the survey's own declarations unless `keep`."""
    text = path.read_text(encoding="utf-8")
    if not keep:
        text = re.sub(r"\n  sdg_series: \S+", "", text)
    start = text.index(f"- id: {analysis}\n")
    end = text.find("\n- ", start + 1)
    end = len(text.rstrip("\n")) if end < 0 else end
    path.write_text(text[:end] + f"\n  {line}" + text[end:], encoding="utf-8")


def _copy(tmp_path: Path) -> Path:
    """The civic survey's folder copied; its survey.yaml."""
    shutil.copytree(CIVIC, tmp_path / CIVIC.name)
    return tmp_path / CIVIC.name / "survey.yaml"


@pytest.mark.parametrize(
    ("analysis", "code", "problem"),
    [
        ("discrimination", "VC_VOV_GDSDX", "not a UN SDG series the project knows"),
        ("inclusive_decisions", "VC_VOV_GDSD", "UN series 'VC_VOV_GDSD' reports 10.3.1 and 16.b.1"),
        ("civic_activities", "VC_VOV_GDSD", "has indicator 'civic_activities'"),
    ],
)
def test_a_wrong_declaration_is_refused_naming_the_file_and_line(
    tmp_path: Path, analysis: str, code: str, problem: str
) -> None:
    survey = _copy(tmp_path)
    _declare(survey, analysis, f"sdg_series: {code}")
    with pytest.raises(InputError) as caught:
        check_series(load_survey_config(survey.parent), load_codes())
    message = str(caught.value)
    assert problem in message and str(survey.resolve()) in message
    lines = survey.read_text(encoding="utf-8").splitlines()
    assert lines[caught.value.row - 1].strip() == f"sdg_series: {code}"
    assert caught.value.column.endswith(".sdg_series")


def test_a_share_of_no_answers_and_a_series_declared_twice_are_refused(tmp_path: Path) -> None:
    survey = _copy(tmp_path)
    text = (CIVIC / "survey.yaml").read_text(encoding="utf-8")
    survey.write_text(text.replace("indicator: civic_activities", "indicator: 10.3.1"))
    _declare(survey, "civic_activities", "sdg_series: VC_VOV_GDSD")
    with pytest.raises(InputError, match="gives no count_as"):
        check_series(load_survey_config(survey.parent), load_codes())
    survey.write_text(text.replace("indicator: voted_last_election", "indicator: 10.3.1"))
    _declare(survey, "voted", "sdg_series: VC_VOV_GDSD", keep=True)  # and discrimination's
    with pytest.raises(InputError, match="'voted' and 'discrimination' both declare"):
        check_series(load_survey_config(survey.parent), load_codes())


def test_validate_and_the_sdmx_files_refuse_it_with_the_same_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = copy_demo(tmp_path / "demo")
    survey = paths.root / CIVIC.relative_to(ROOT) / "survey.yaml"
    _declare(survey, "inclusive_decisions", "sdg_series: VC_VOV_GDSD")
    assert main(["validate", "--root", str(paths.root)]) != 0
    said = capsys.readouterr()
    with pytest.raises(InputError) as caught:
        write_sdmx([analyse_survey(survey.parent, "en")], tmp_path / "out", "civic")
    assert caught.value.problem in said.out + said.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
