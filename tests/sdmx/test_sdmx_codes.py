"""The shipped codes: age bands in the UN pattern, unknown groups to CUST_BREAKDOWN, and a
clear error for a country with no M49 code."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from lnob.errors import InputError
from lnob.sdmx.codes import age_code, load_codes
from lnob.sdmx.method import sdmx_coalition_methodology, sdmx_methodology
from lnob.sdmx.observations import observations
from lnob.survey import analyse_survey

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("band", "code"),
    [("18-29", "Y18T29"), ("60+", "Y_GE60"), ("0-4", "Y0T4"), ("15-<24.5", None), ("x", None)],
)
def test_age_bands_take_the_un_spelling(band: str, code: str | None) -> None:
    assert age_code(band) == code


@pytest.mark.parametrize(
    ("group", "category", "expected"),
    [
        ("sex", "female", ("SEX", "F")),
        ("location", "rural", ("URBANISATION", "R")),
        ("disability", "disability", ("DISABILITY_STATUS", "PD")),
        ("religion", "islam", ("CUST_BREAKDOWN", "RELIGION_ISLAM")),
        ("income", "not_enough", ("CUST_BREAKDOWN", "INCOME_NOT_ENOUGH")),
    ],
)
def test_groups_map_to_un_dimensions_or_to_the_custom_breakdown(
    group: str, category: str, expected: tuple[str, str]
) -> None:
    assert load_codes().dimension_code(group, category) == expected


def test_a_country_without_an_m49_code_is_a_clear_error() -> None:
    result = analyse_survey(
        ROOT / "data" / "countries" / "BGD" / "surveys" / "bgd-health-access-2024", "en"
    )
    codes = load_codes()
    areas = {k: v for k, v in codes.codelists["CL_AREA"].items() if v != "Bangladesh"}
    lists = dict(codes.codelists) | {"CL_AREA": areas}
    with pytest.raises(InputError) as err:
        observations(result, dataclasses.replace(codes, codelists=lists))
    assert "sdg_codes.yaml" in str(err.value) and "BGD" in str(err.value)


def test_the_methodology_paragraphs_are_catalogue_messages_translated_everywhere() -> None:
    from babel.messages.pofile import read_po

    method, series = sdmx_methodology()
    assert "SDMX-ML 2.1" in method.msgid and "VC_VOV_GDSD" in series.msgid
    coalition = sdmx_coalition_methodology()[0]
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        for msg in (method, series, coalition):
            entry = catalogue.get(msg.msgid)
            assert entry is not None and entry.string and not entry.fuzzy, (po, msg.msgid[:40])
            assert "VC_VOV_GDSD" in entry.string or msg is not series  # the code as written
