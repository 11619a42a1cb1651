"""A select_multiple option with no column in the export is not answered by anyone we can see:
never estimated as 0.0% with a base, reported as ``missing_option``, and named in a report as
not in the export. Expected values are worked out with pandas from the raw export."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from lnob.errors import InputError
from lnob.survey import analyse_survey, read_survey_data

from .conftest import kobo_rows, small_config

BARRIERS = {"question": "barriers", "indicator": "health_barriers"}


def _without(text: str, *columns: str) -> str:
    """The CSV with these columns removed, as an export that never had them."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    return frame.drop(columns=list(columns)).to_csv(index=False)


@pytest.fixture
def split_only(write_survey: Callable[..., Path]) -> Path:
    """Kobo split columns only (no space-separated column), and no column for 'far'."""
    main, roster = kobo_rows(60, insured_yes=30, urban=30)
    main = _without(main, "hh/barriers", "hh/barriers/far")
    main = main.replace(",1,", ",0,", 20)  # some households did not name cost
    analyses = [{"question": "insured", "indicator": "3.8.1", "count_as": ["yes"]}, BARRIERS]
    return write_survey(small_config(analyses=analyses), {"export.csv": main, "roster.csv": roster})


def test_an_option_without_a_column_is_not_a_zero_per_cent(split_only: Path) -> None:
    raw = pd.read_csv(split_only / "export.csv", dtype=str)
    assert "hh/barriers/cost" in raw.columns
    assert not [c for c in raw.columns if c.endswith("/far") or c == "hh/barriers"]
    cost = (raw["hh/barriers/cost"] == "1").mean()
    assert 0 < cost < 1
    result = analyse_survey(split_only, "en")
    for group in result.groups_of("barriers"):
        table = result.table("barriers", group)
        assert {r.outcome for r in table.rows} == {"cost"}, group
        assert table.absent == (("far", "Too far"),)
    total = result.table("barriers").row("total", "cost")
    assert (total.estimate, total.base) == (pytest.approx(cost), len(raw))
    found = result.mismatches.of_kind("missing_option")
    assert [(m.column, m.examples, m.count) for m in found] == [("barriers", ("far",), 1)]
    assert read_survey_data(split_only).absent_options == {"barriers": ("far",)}


def test_an_option_with_a_column_is_still_estimated_when_nobody_chose_it(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers")  # split columns only, every option's column there
    config = small_config(analyses=[BARRIERS])
    folder = write_survey(config, {"export.csv": main, "roster.csv": roster})
    raw = pd.read_csv(folder / "export.csv", dtype=str)
    assert (raw["hh/barriers/far"] == "0").all()
    result = analyse_survey(folder, "en")
    far = result.table("barriers").row("total", "far")
    assert (far.estimate, far.base) == (0.0, len(raw))  # a real zero: the column says so
    assert result.table("barriers").absent == ()
    assert not result.mismatches.of_kind("missing_option")


def test_the_space_separated_column_shows_every_option(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers/far")  # 'hh/barriers' holds every answer
    folder = write_survey(
        small_config(analyses=[BARRIERS]), {"export.csv": main, "roster.csv": roster}
    )
    result = analyse_survey(folder, "en")
    assert result.table("barriers").absent == ()
    assert not result.mismatches.of_kind("missing_option")


def test_counting_an_option_the_export_lacks_is_an_error(
    write_survey: Callable[..., Path],
) -> None:
    main, roster = kobo_rows(40, insured_yes=20, urban=20)
    main = _without(main, "hh/barriers", "hh/barriers/far")
    analyses = [{**BARRIERS, "id": "far_or_cost", "count_as": ["cost", "far"]}]
    folder = write_survey(
        small_config(analyses=analyses), {"export.csv": main, "roster.csv": roster}
    )
    with pytest.raises(InputError) as err:
        analyse_survey(folder, "en")
    message = str(err.value)
    assert "far" in message and "no column in the export" in message
    assert "survey.yaml" in message and "export.csv" in message
