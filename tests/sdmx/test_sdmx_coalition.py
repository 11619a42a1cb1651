"""The coalition's SDMX files: one dataflow of every survey behind the research a year's
synthesis draws on, published with the synthesis (page, catalogue, feed, SHA256SUMS), read
back with sdmx1 from the published structure alone, every value in its code list, a figure
recomputed from the raw export with pandas, and no withheld value present."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import sdmx

from lnob.paths import ProjectPaths
from lnob.survey import analyse_survey
from tests.sdmx.checks import (
    SDMX_FORMATS,
    attribute,
    built_demo,
    catalogue_entry,
    check_against_structure,
    outputs,
)

SYNTHESIS = "global-synthesis-2026-en"
BEFORE_RESEARCH = "global-synthesis-2025-en"  # every research report is dated 2026
M49 = {"BGD": "50", "IND": "356", "KEN": "404", "NPL": "524", "VNM": "704"}
NEPAL = "data/countries/NPL/surveys/npl-basic-services-2024"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return built_demo(
        tmp_path_factory.mktemp("sdmx-coalition"), (SYNTHESIS, BEFORE_RESEARCH), jobs=2
    )


@pytest.fixture(scope="module")
def coalition(site: ProjectPaths):
    published = outputs(site, SYNTHESIS)
    structure = sdmx.read_sdmx(site.site / published["sdmx-structure"]["path"])
    dsd = next(iter(structure.structure.values()))
    data = sdmx.read_sdmx(site.site / published["sdmx"]["path"], structure=dsd).data[0]
    return structure, dsd, data


def test_the_synthesis_publishes_the_coalitions_files_and_a_year_without_research_none(
    site: ProjectPaths,
) -> None:
    published = outputs(site, SYNTHESIS)
    assert set(published) >= SDMX_FORMATS
    assert not SDMX_FORMATS & set(outputs(site, BEFORE_RESEARCH))
    page = (site.site / catalogue_entry(site, SYNTHESIS)["html"]).parent / "about.html"
    shown = page.read_text(encoding="utf-8")
    sums = (site.site / "SHA256SUMS").read_text(encoding="utf-8")
    feed = (site.site / "feed.xml").read_text(encoding="utf-8")
    for name in SDMX_FORMATS:
        out = published[name]
        data = (site.site / out["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == out["sha256"] and len(data) == out["bytes"]
        file_name = out["path"].rsplit("/", 1)[1]
        assert file_name in shown, f"{name} is not linked from the synthesis page"
        assert f"{out['sha256']}  {out['path']}" in sums
        assert file_name in feed, f"the feed does not announce {name}"


def test_every_country_with_research_is_in_one_dataflow_and_every_value_in_its_code_list(
    coalition,
) -> None:
    structure, dsd, data = coalition
    areas = {o.key.values["REF_AREA"].value for o in data.obs}
    assert areas == set(M49.values())
    check_against_structure(structure, dsd, data.obs)
    for obs in data.obs:
        if attribute(obs, "OBS_STATUS") in ("Q", "O"):  # withheld: no value, no bounds, no base
            assert obs.value in (None, "") or pd.isna(obs.value)
            assert not {"LOWER_BOUND", "UPPER_BOUND", "BASE"} & set(obs.attached_attribute)
    # each survey's questions keep their own series: none is shared by two countries
    by_series: dict[str, set[str]] = {}
    for obs in data.obs:
        by_series.setdefault(obs.key.values["SERIES"].value, set()).add(
            obs.key.values["REF_AREA"].value
        )
    shared = {s: a for s, a in by_series.items() if len(a) > 1}
    assert set(shared) == {"VC_VOV_GDSD"}  # the UN's series, asked in four countries
    assert shared["VC_VOV_GDSD"] == {M49[c] for c in ("IND", "KEN", "NPL", "VNM")}


def test_a_figure_recomputed_from_the_raw_export_is_the_coalition_files(
    site: ProjectPaths, coalition
) -> None:
    """Nepal's weighted share of households with piped water on premises, by pandas."""
    _, _, data = coalition
    raw = pd.read_excel(
        site.root / NEPAL / "export.xlsx", sheet_name="main", dtype=str, engine="openpyxl"
    )
    answered = raw[raw["wash/water_source"].notna() & (raw["wash/water_source"] != "98")]
    weight = answered["weight"].astype(float)
    piped = answered["wash/water_source"].isin(["piped_dwelling", "piped_yard"])
    expected = 100 * (weight * piped).sum() / weight.sum()
    fixed = ("FREQ", "REPORTING_TYPE", "SERIES", "REF_AREA", "TIME_PERIOD")
    total = [
        o
        for o in data.obs
        if o.key.values["SERIES"].value == "LNOB_NPL_BASIC_SERVICES_2024_PIPED_WATER"
        and all(v.value == "_T" for k, v in o.key.values.items() if k not in fixed)
    ]
    assert len(total) == 1 and total[0].key.values["REF_AREA"].value == M49["NPL"]
    assert float(total[0].value) == pytest.approx(expected, abs=1e-3)
    assert str(total[0].attached_attribute["BASE"].value) == str(len(answered))


def test_every_reports_published_figures_are_in_it_and_no_withheld_one(
    site: ProjectPaths, coalition
) -> None:
    _, _, data = coalition
    rows = 0
    values = {}
    for obs in data.obs:
        values.setdefault(obs.key.values["REF_AREA"].value, []).append(obs.value)
    for folder in sorted((site.root / "data" / "countries").glob("*/surveys/*")):
        result = analyse_survey(folder, "en")
        area = M49[result.config.country]
        published = [str(v) for v in values[area] if v not in (None, "") and not pd.isna(v)]
        for table in result.tables:
            if "." not in table.indicator:  # a project key, not an SDG code: not in SDMX
                continue
            rows += len(table.rows)
            for row in table.rows:
                if row.suppressed or row.estimate is None:
                    continue
                shown = round(100 * row.estimate if table.kind == "proportion" else row.estimate, 4)
                assert any(abs(float(v) - shown) < 1e-4 for v in published), (
                    folder.name,
                    table.analysis,
                    row.category,
                )
    assert len(data.obs) == rows  # one observation per row of every SDG-coded table, no more
