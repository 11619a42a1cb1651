"""The SDG indicator list: official CSV and xlsx readers, project list, title translations."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from lnob.errors import InputError
from lnob.stocktake import (
    IndicatorList,
    Title,
    check_against,
    load_indicator_list,
    read_official_xlsx,
    read_project_indicators,
    read_title_csv,
    read_translation_yaml,
)

from .stocktake_support import OFFICIAL_CSV, OFFICIAL_XLSX, PROJECT, write

LANGUAGES = ("bn", "hi", "ne", "sw", "vi", "fr", "es")


def test_project_list_has_the_demo_indicators(indicators: IndicatorList) -> None:
    assert len(indicators) == 18
    assert indicators.codes[:3] == ("1.2.1", "1.3.1", "1.4.1")
    assert indicators.titles["3.8.1"] == "Coverage of essential health services"
    assert indicators.languages == ("en", "ar", "bn", "es", "fr", "hi", "ne", "sw", "ur", "vi")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_demo_title_is_translated(indicators: IndicatorList, lang: str) -> None:
    titles = [indicators.title(code, lang) for code in indicators.codes]
    assert all(not t.fallback and t.lang == lang for t in titles)
    assert all(
        t.text != indicators.titles[code] for t, code in zip(titles, indicators.codes, strict=True)
    )


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        (
            "en",
            "5.b.1",
            Title("Proportion of individuals who own a mobile telephone, by sex", "en", False),
        ),
        (
            "sw",
            "5.b.1",
            Title("Idadi ya watu wanaomiliki simu ya mkononi, kwa jinsia", "sw", False),
        ),
        ("vi", "3.2.1", Title("Tỷ suất tử vong trẻ em dưới 5 tuổi", "vi", False)),
        ("ar", "3.8.1", Title("تغطية الخدمات الصحية الأساسية", "ar", False)),
        ("pt", "3.8.1", Title("Coverage of essential health services", "en", True)),
    ],
)
def test_title_in_language_or_flagged_fallback(
    indicators: IndicatorList, lang: str, code: str, expected: Title
) -> None:
    assert indicators.title(code, lang) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("9.9.9", "indicator 9.9.9 is not in the SDG indicator list"),
        ("4.1", "not an SDG indicator code"),
    ],
)
def test_require_names_file_row_and_column(
    indicators: IndicatorList, text: str, problem: str
) -> None:
    with pytest.raises(InputError) as caught:
        indicators.require(text, path="x.csv", row=7, column="indicators")
    error = caught.value
    assert (error.path, error.row, error.column, error.problem) == (
        "x.csv",
        7,
        "indicators",
        problem,
    )
    assert error.found == text


def test_expand_goal_target_indicator(indicators: IndicatorList) -> None:
    assert indicators.expand("5") == ("5.2.1", "5.3.1", "5.b.1")
    assert indicators.expand("4.1") == ("4.1.1", "4.1.2")
    assert indicators.expand("3-8-1") == ("3.8.1",)
    assert indicators.expand("7") == ()


def test_title_file_with_unknown_code_is_an_error(
    tmp_path: Path, indicators: IndicatorList
) -> None:
    path = write(tmp_path / "titles.fr.csv", "code,title\n3.8.1,Couverture\n9.9.9,Inconnu\n")
    with pytest.raises(InputError) as caught:
        indicators.with_titles(read_title_csv(path))
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 3, "code")


@pytest.mark.parametrize(
    ("name", "text", "row"),
    [
        ("titles.fr.csv", "code,titre\n3.8.1,Couverture\n", 1),
        ("titles.fr.csv", "code,title\n3.8.1\n", 2),
        ("titles.fr.csv", "code,title\n3.8.1,Couverture\n3-8-1,Encore\n", 3),
        ("titres.fr.csv", "code,title\n3.8.1,Couverture\n", None),
    ],
)
def test_bad_title_files(tmp_path: Path, name: str, text: str, row: int | None) -> None:
    with pytest.raises(InputError) as caught:
        read_title_csv(write(tmp_path / name, text))
    assert caught.value.row == row


def test_later_title_sets_win_and_english_is_refused(
    tmp_path: Path, indicators: IndicatorList
) -> None:
    path = write(tmp_path / "titles.fr.csv", "code,title\n3.8.1,Couverture (révisée)\n")
    updated = indicators.with_titles(read_title_csv(path))
    assert updated.title("3.8.1", "fr").text == "Couverture (révisée)"
    assert updated.title("4.1.2", "fr") == indicators.title("4.1.2", "fr")
    assert indicators.title("3.8.1", "fr").text == "Couverture des services de santé essentiels"
    assert updated.files[-1] == path
    with pytest.raises(InputError):
        indicators.with_titles(
            read_title_csv(write(tmp_path / "titles.en.csv", "code,title\n3.8.1,Coverage\n"))
        )


def test_translation_yaml_layout(tmp_path: Path, indicators: IndicatorList) -> None:
    path = write(
        tmp_path / "sw" / "global_indicators.yml",
        "3-8-1-title: Upatikanaji wa huduma\n  muhimu za afya\n"
        "1-a-3-title: Retired indicator\n3-title: Goal title\n",
        bom=True,
    )
    title_set = read_translation_yaml(path)
    assert title_set.lang == "sw"
    assert dict(title_set.titles) == {
        "3.8.1": "Upatikanaji wa huduma muhimu za afya",
        "1.a.3": "Retired indicator",
    }
    assert indicators.unknown_codes(title_set) == ("1.a.3",)
    updated = indicators.with_titles(title_set, strict=False)
    assert updated.title("3.8.1", "sw").text == "Upatikanaji wa huduma muhimu za afya"
    with pytest.raises(InputError):
        indicators.with_titles(title_set, strict=True)


def test_load_indicator_list_reads_the_project_csv() -> None:
    listed = load_indicator_list(PROJECT / "data" / "sdg" / "indicators.csv")
    assert (
        listed.codes == read_project_indicators(PROJECT / "data" / "sdg" / "indicators.csv").codes
    )


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "A.RES.71.313 Annex"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_xlsx_reader_on_the_official_layout(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "list.xlsx",
        [
            [None, "Global indicator framework"],
            [None, "Goals and targets", "Indicators", "UNSD Indicator Codes"],
            [None, "Goal 1. End poverty"],
            [None, "1.1 By 2030 ...", "1.1.1 Proportion below\nthe line", "C010101"],
            [None, None, "10.4.2 Redistributive impact of fiscal policy2", "C100402"],
            [None, None, "No suitable replacement indicator was proposed.", None],
            [None, "2 The Gini Coefficient will be reported as a second series."],
        ],
    )
    listed = read_official_xlsx(path)
    assert dict(listed.titles) == {
        "1.1.1": "Proportion below the line",
        "10.4.2": "Redistributive impact of fiscal policy",
    }


def test_xlsx_reader_names_sheet_and_row_of_a_bad_cell(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "list.xlsx",
        [
            [None, "Goals and targets", "Indicators"],
            [None, None, "1.1.1 Fine title"],
            [None, None, "1.1.x Broken code"],
        ],
    )
    with pytest.raises(InputError) as caught:
        read_official_xlsx(path)
    assert (caught.value.sheet, caught.value.row) == ("A.RES.71.313 Annex", 3)


@pytest.mark.realdata
def test_official_csv_and_xlsx_agree(realdata: Path, official: IndicatorList) -> None:
    from_xlsx = load_indicator_list(realdata / OFFICIAL_XLSX)
    assert len(official) == 248  # 249 rows less the '0' row of target 11.c
    assert dict(official.titles) == dict(from_xlsx.titles)
    assert official.titles["10.4.2"] == "Redistributive impact of fiscal policy"
    assert official.titles["17.6.1"].endswith("per 100 inhabitants, by speed")
    assert official.titles["1.1.1"].startswith("Proportion of the population living below")
    assert "0" not in official and "11.5.3" in official
    assert load_indicator_list(realdata / OFFICIAL_CSV).codes == official.codes


@pytest.mark.realdata
def test_project_list_matches_the_official_list(
    indicators: IndicatorList, official: IndicatorList
) -> None:
    check_against(indicators, official)


@pytest.mark.realdata
def test_check_against_catches_a_changed_title(tmp_path: Path, official: IndicatorList) -> None:
    path = write(tmp_path / "indicators.csv", "code,title\n3.8.1,Coverage of health\n")
    with pytest.raises(InputError) as caught:
        check_against(read_project_indicators(path), official)
    assert (caught.value.row, caught.value.column) == (2, "title")


@pytest.mark.realdata
@pytest.mark.parametrize("lang", ["ne", "sw"])
def test_open_sdg_translations(realdata: Path, official: IndicatorList, lang: str) -> None:
    title_set = read_translation_yaml(
        realdata / "sdg-translations" / lang / "global_indicators.yml"
    )
    assert official.unknown_codes(title_set) == ("1.a.3", "8.9.2", "11.c.1", "13.3.2", "17.6.2")
    translated = official.with_titles(title_set, strict=False)
    title = translated.title("1.4.1", lang)
    assert (title.lang, title.fallback) == (lang, False)
    assert title.text != official.titles["1.4.1"]
    assert translated.title("11.5.3", lang).fallback  # new in 2023, not translated


@pytest.mark.realdata
def test_the_coalition_can_name_the_official_file_in_data_sdg(
    tmp_path: Path, realdata: Path, official: IndicatorList
) -> None:
    """`sdg_indicator_list` in coalition.yaml: the UN's workbook, unchanged, in data/sdg/,
    with the project's translated titles on top of it."""
    import shutil

    from lnob.stocktake import load_project_indicators

    sdg = tmp_path / "sdg"
    shutil.copytree(PROJECT / "data" / "sdg", sdg)
    shutil.copyfile(realdata / OFFICIAL_XLSX, sdg / Path(OFFICIAL_XLSX).name)
    listed = load_project_indicators(sdg, Path(OFFICIAL_XLSX).name)
    assert listed.codes == official.codes and len(listed) == 248
    assert listed.title("1.3.1", "sw").fallback is False  # the project's Swahili title
    assert listed.title("10.4.2", "sw").fallback is True  # none: English, flagged
    with pytest.raises(InputError) as caught:
        load_project_indicators(sdg, "Global indicator framework.xlsx")
    assert caught.value.column == "sdg_indicator_list" and "data/coalition.yaml" in str(
        caught.value
    )


@pytest.mark.realdata
def test_make_indicator_list_writes_the_official_list_as_code_title(
    tmp_path: Path, realdata: Path, official: IndicatorList
) -> None:
    import subprocess
    import sys

    out = tmp_path / "indicators.csv"
    script = PROJECT / "data" / "make_indicator_list.py"
    subprocess.run(
        [sys.executable, str(script), str(realdata / OFFICIAL_XLSX), str(out)], check=True
    )
    assert read_project_indicators(out).codes == official.codes
