"""The fieldwork period comes from the export's own interview times, recomputed here with pandas.

survey.yaml's ``dates`` are optional and, when given, checked against the export: an interview
outside them stops the analysis with an error naming survey.yaml, the key, what was declared
and what was found.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
import yaml

from lnob.errors import InputError
from lnob.survey import analyse_survey, read_survey_data

from .conftest import DEMO_SURVEYS, kobo_rows, realdata, small_config

TIME_COLUMNS = ("start", "end", "today", "_submission_time")


def _period_with_pandas(frame: pd.DataFrame) -> tuple[str, str]:
    """First and last interview day, as the device wrote them (local time)."""
    days = {}
    for column in TIME_COLUMNS:
        if column in frame.columns:
            times = pd.to_datetime(frame[column].dropna(), format="ISO8601")
            if getattr(times.dt, "tz", None) is not None:
                times = times.dt.tz_localize(None)
            days[column] = times.dt.normalize()
    first = days.get("start", days.get("today", days.get("end")))
    last = days.get("end", days.get("today", days.get("start")))
    assert first is not None and last is not None, "no interview times in the export"
    return first.min().date().isoformat(), last.max().date().isoformat()


@pytest.mark.parametrize("survey_yaml", DEMO_SURVEYS, ids=lambda p: p.parent.name)
def test_demo_fieldwork_is_the_export_period(survey_yaml: Path) -> None:
    config = yaml.safe_load(survey_yaml.read_text("utf-8"))
    export = survey_yaml.parent / config["export"]["file"]
    raw = (
        pd.read_excel(
            export, sheet_name=config["export"].get("sheet") or 0, dtype=str, engine="openpyxl"
        )
        if export.suffix == ".xlsx"
        else pd.read_csv(
            export,
            sep=config["export"].get("delimiter") or None,
            engine="python",
            dtype=str,
            encoding="utf-8-sig",
        )
    )
    found = read_survey_data(survey_yaml.parent).fieldwork
    assert (found.start, found.end) == _period_with_pandas(raw)


@pytest.mark.realdata
def test_reach_fieldwork_is_recomputed_from_the_kobo_export(tmp_path: Path) -> None:
    folder = realdata("reach-msna-2024")
    export = folder / "dummy_raw_data.xlsx"
    config = {
        "id": "reach-msna-2024",
        "demo": True,
        "country": "KEN",
        "title": {"en": "REACH MSNA 2024 (dummy data)"},
        "sample": {"description": {"en": "Households"}},
        "consent": {"en": "Recorded in the form"},
        "form": str(folder / "REACH_2024_MSNA-kobo-tool_draft_v11.xlsx"),
        "form_language": "en",
        "export": {"file": str(export), "sheet": "main"},
        "analyses": [{"question": "wgq_vision", "indicator": "wg_vision"}],
    }
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config), "utf-8")
    expected = _period_with_pandas(
        pd.read_excel(export, sheet_name="main", dtype=str, engine="openpyxl")
    )
    result = analyse_survey(tmp_path, "en")
    assert result.sample.dates == expected
    # declared dates that leave interviews out are refused, naming the key and both periods
    config["dates"] = {"start": "2024-01-01", "end": "2024-06-30"}
    (tmp_path / "survey.yaml").write_text(yaml.safe_dump(config), "utf-8")
    with pytest.raises(InputError) as caught:
        read_survey_data(tmp_path)
    message = str(caught.value)
    assert "survey.yaml" in message and "dates.end" in message
    assert "2024-06-30" in message and expected[1] in message


def _rows(days: list[str]) -> dict[str, str]:
    main, roster = kobo_rows(len(days), insured_yes=len(days) // 2, urban=len(days) // 2)
    lines = main.splitlines()
    lines[1:] = [
        f"{day}T10:00:00.000+03:00" + line[10:] for day, line in zip(days, lines[1:], strict=True)
    ]
    return {"export.csv": "\n".join(lines) + "\n", "roster.csv": roster}


DAYS = [f"2023-11-{d:02d}" for d in range(20, 31)] * 2 + ["2023-12-02"] * 20


def test_the_report_year_comes_from_the_export_not_from_survey_yaml(
    write_survey: Callable[..., Path],
) -> None:
    folder = write_survey(small_config(), _rows(DAYS))  # survey.yaml says January 2024
    with pytest.raises(InputError) as caught:
        read_survey_data(folder)
    assert "dates.start" in str(caught.value) and "2023-11-20 to 2023-12-02" in str(caught.value)
    config = small_config()
    del config["dates"]
    folder = write_survey(config, _rows(DAYS))
    assert analyse_survey(folder, "en").sample.dates == ("2023-11-20", "2023-12-02")


def test_declared_dates_holding_every_interview_are_accepted(
    write_survey: Callable[..., Path],
) -> None:
    config = small_config(dates={"start": "2023-11-01", "end": "2023-12-31"})
    folder = write_survey(config, _rows(DAYS))
    assert analyse_survey(folder, "en").sample.dates == ("2023-11-20", "2023-12-02")


def test_a_time_that_is_not_a_date_is_named(write_survey: Callable[..., Path]) -> None:
    files = _rows(DAYS)
    files["export.csv"] = files["export.csv"].replace(
        "2023-12-02T10:00:00.000+03:00", "02/12/2023", 1
    )
    with pytest.raises(InputError) as caught:
        read_survey_data(write_survey(small_config(), files))
    assert "'start'" in str(caught.value) and "02/12/2023" in str(caught.value)


def test_without_interview_times_or_declared_dates_the_analysis_stops(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = "\n".join(line.split(",", 1)[1] for line in main.splitlines()) + "\n"
    config = small_config()
    del config["dates"]
    with pytest.raises(InputError, match="no fieldwork dates"):
        read_survey_data(write_survey(config, {"export.csv": main, "roster.csv": roster}))
