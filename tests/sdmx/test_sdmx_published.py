"""The SDMX files as the build publishes them: beside each research report (not a brief), in
the catalogue and on the document's page with their checksums, readable by sdmx1 from the
published structure alone, their figures the report's, made again only when the data changes,
and explained in the report's methodology."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess

import pandas as pd
import pytest
import sdmx

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.paths import ProjectPaths
from tests.sdmx.checks import SDMX_FORMATS, built_demo, catalogue_entry, outputs

RESEARCH = "ken-research-health-access-2026-en"
BRIEF = "ken-brief-health-access-2026-en"
SURVEY = "data/countries/KEN/surveys/ken-health-access-2024"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return built_demo(tmp_path_factory.mktemp("sdmx-site"), (RESEARCH, BRIEF), jobs=1)


def test_a_research_report_has_its_three_sdmx_files_and_a_brief_none(site: ProjectPaths) -> None:
    research, brief = outputs(site, RESEARCH), outputs(site, BRIEF)
    assert set(research) >= SDMX_FORMATS
    assert not SDMX_FORMATS & set(brief)
    assert not list(site.site.rglob(f"{BRIEF}.sdmx*"))
    page = (site.site / catalogue_entry(site, RESEARCH)["html"]).parent / "about.html"
    shown = page.read_text(encoding="utf-8")
    sums = (site.site / "SHA256SUMS").read_text(encoding="utf-8")
    for name in SDMX_FORMATS:
        out = research[name]
        data = (site.site / out["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == out["sha256"] and len(data) == out["bytes"]
        assert out["path"].rsplit("/", 1)[1] in shown, f"{name} is not linked from the page"
        assert f"{out['sha256']}  {out['path']}" in sums


def test_the_published_data_reads_back_with_only_the_published_structure(
    site: ProjectPaths,
) -> None:
    research = outputs(site, RESEARCH)
    structure = sdmx.read_sdmx(site.site / research["sdmx-structure"]["path"])
    dsd = next(iter(structure.structure.values()))
    dataset = sdmx.read_sdmx(site.site / research["sdmx"]["path"], structure=dsd).data[0]
    assert len(dataset.obs) > 20
    rows = list(csv.DictReader(io.StringIO((site.site / research["sdmx-csv"]["path"]).read_text())))
    assert len(rows) == len(dataset.obs)
    # the national share of members who got the care they needed, recomputed from the raw
    # roster with pandas (weights from the household rows), equals the published one
    roster = pd.read_csv(site.root / SURVEY / "export-hh_roster.csv", dtype=str)
    households = pd.read_csv(site.root / SURVEY / "export.csv", dtype=str)
    weights = households.set_index("KEY")["weight"].astype(float)
    asked = roster[roster["member_received_care"].isin(["yes", "no"])]
    w = asked["PARENT_KEY"].map(weights)
    expected = 100 * (w * (asked["member_received_care"] == "yes")).sum() / w.sum()
    total = [
        r
        for r in rows
        if r["SERIES"] == "LNOB_KEN_HEALTH_ACCESS_2024_RECEIVED_CARE"
        and all(r[k] == "_T" for k in ("SEX", "AGE", "URBANISATION", "DISABILITY_STATUS"))
        and all(r[k] == "_T" for k in ("INCOME_WEALTH_QUANTILE", "CUST_BREAKDOWN"))
    ]
    assert len(total) == 1
    assert float(total[0]["OBS_VALUE"]) == pytest.approx(expected, abs=0.01)
    assert int(total[0]["BASE"]) == len(asked)
    assert {r["DATA_SOURCE"] for r in rows} == {"citizen-generated"}
    withheld = [r for r in rows if r["OBS_STATUS"] == "Q"]
    assert all(r["OBS_VALUE"] == "" and r["BASE"] == "" for r in withheld)


def test_the_methodology_explains_the_files_and_a_rebuild_reuses_them(site: ProjectPaths) -> None:
    pdf = site.site / catalogue_entry(site, RESEARCH)["pdf"]
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "SDMX-ML 2.1 and SDMX-CSV" in text and "citizen-generated" in text
    again = build(site, BuildOptions(jobs=1), Selection(ids=(RESEARCH, BRIEF)))
    assert {r.status for r in again.results} == {"reused"}
