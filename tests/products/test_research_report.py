"""The primary research report: the blocks its product functions return, read in English and
in the country's language, and one end-to-end build of Kenya's health-access report in English
and Swahili, read back from the PDF, the HTML and the Open SDG downloads. A last test scans
every output of that build for the identifying values planted in the demo export."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from lnob.build.plan import BuildOptions
from lnob.build.run import BuildReport, Selection, build
from lnob.coalition import load_coalition
from lnob.doc import blocks as b
from lnob.doc.research_blocks import OpenSdgDownloads
from lnob.doc.text import Msg, Num
from lnob.errors import InputError
from lnob.notebook import Doc
from lnob.paths import ProjectPaths
from lnob.products import research as rs
from lnob.products import research_figures as rf
from lnob.products.research_method import MISMATCH_KINDS
from lnob.render.context import make_localizer
from lnob.render.html import RenderState, render_blocks
from lnob.survey import DISABILITY_RULE, LabelFallback, identifying_values
from lnob.survey.mismatches import KINDS
from tests.conftest import copy_demo
from tests.privacy_scan import leaks, pdf_text

KEN = ("ken-research-health-access-2026-en", "ken-research-health-access-2026-sw")
KEN_SURVEY = ("countries", "KEN", "surveys", "ken-health-access-2024")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return copy_demo(tmp_path_factory.mktemp("research") / "demo")


def open_doc(paths: ProjectPaths, country: str, language: str, slug: str) -> Doc:
    coalition = load_coalition(paths.coalition_file)
    spec = next(
        s
        for s in coalition.documents()
        if (s.product, s.country, s.language, s.slug) == ("research", country, language, slug)
    )
    return Doc(spec, paths, coalition, preview=False)


@pytest.fixture(scope="module")
def bgd(project: ProjectPaths) -> rs.ResearchReport:
    return rs.load_report(open_doc(project, "BGD", "bn", "health-access"))


@pytest.fixture(scope="module")
def ken(project: ProjectPaths) -> rs.ResearchReport:
    return rs.load_report(open_doc(project, "KEN", "en", "health-access"))


def rendered(blocks: list, paths: ProjectPaths, lang: str, out: Path) -> str:
    """The blocks as the render stage writes them, as plain text (tags dropped)."""
    state = RenderState(make_localizer(paths, lang, release=True), out, "test")
    html = "\n".join(p.text for p in render_blocks(b.flatten(blocks), state))
    return unescape(re.sub(r"<[^>]+>", " ", html))


def params(msg: Msg) -> dict:
    return dict(msg.params)


# --- the product functions ------------------------------------------------------------------


def test_masthead_is_the_survey_in_the_documents_language(bgd: rs.ResearchReport) -> None:
    # Without authored text (Bangladesh's report has it: its title is the authors')
    assert rs.masthead(bgd).title.startswith("বাংলাদেশে প্রতিবন্ধী ব্যক্তি")
    meta = rs.masthead(dataclasses.replace(bgd, text=None))
    assert meta.title == "স্বাস্থ্যসেবা ও মৌলিক সেবায় প্রবেশাধিকার (ডেমো)"
    assert params(meta.subtitle)["country"] == "বাংলাদেশ"
    assert params(meta.summary)["n"] == Num(420, "integer")
    assert params(meta.summary)["count"] == Num(7, "integer")


def test_every_figure_is_labelled_community_generated(bgd: rs.ResearchReport) -> None:
    blocks = rs.findings(bgd)
    figures = [x for x in blocks if isinstance(x, (b.Chart, b.Table))]
    assert len([x for x in figures if isinstance(x, b.Chart)]) == len(bgd.analyses) == 7
    everything = [
        *figures,
        *[x for x in rs.sample(bgd) if isinstance(x, b.Table)],
        *[x for x in rs.data_checks(bgd) if isinstance(x, b.Table)],
    ]
    assert {x.provenance for x in everything} == {"community"}
    assert all(x.source for x in everything)
    headings = [x.text for x in blocks if isinstance(x, b.Heading) and x.level == 3]
    assert headings[0] == "আপনি কি প্রয়োজনীয় স্বাস্থ্যসেবা পেয়েছিলেন?"  # the form's Bangla label


def test_tables_show_intervals_bases_and_suppressed_cells(bgd: rs.ResearchReport) -> None:
    table = rf.single_table(bgd.tables("received_care"), bgd.context)
    total = table.rows[0]
    assert total[0] == "মোট"  # the form's word for the total, in Bangla
    assert isinstance(total[1], b.Interval) and total[2] == 256  # estimate with CI; base
    assert total[1].low < total[1].estimate < total[1].high
    suppressed = [r for r in table.rows if isinstance(r[1], b.Suppressed)]
    assert len(suppressed) == 2 + 3  # sex: primary + secondary; religion: 2 + 1
    assert all(isinstance(r[2], b.Suppressed) for r in suppressed)  # no base either


def test_finding_names_the_widest_gap_between_reliable_groups(ken: rs.ResearchReport) -> None:
    tables = ken.tables("health_insurance")
    table, high, low = rs.widest_gap(tables)
    candidates = [
        (t.group, r) for t in tables[1:] for r in t.rows if not r.suppressed and r.reliable
    ]
    gaps = {}
    for group, r in candidates:
        gaps.setdefault(group, []).append(r.estimate)
    widest = max(gaps, key=lambda g: max(gaps[g]) - min(gaps[g]) if len(gaps[g]) > 1 else -1)
    assert table.group == widest
    assert (high.estimate, low.estimate) == (max(gaps[widest]), min(gaps[widest]))
    sentence = rs.finding(ken, "health_insurance")
    assert params(sentence)["group"] == table.group_label
    assert params(params(sentence)["sentence"])["value"] == rf.pct(
        tables[0].rows[0].estimate, rf.DECIMALS
    )


def test_summary_has_one_finding_per_question(
    ken: rs.ResearchReport, project: ProjectPaths, tmp_path: Path
) -> None:
    # The generated key findings (a draft: Kenya's report has its authored text)
    draft, heading, note, bullets = rs.summary(dataclasses.replace(ken, text=None))
    assert isinstance(draft, b.Draft) and len(bullets.items) == len(ken.analyses)
    text = rendered([bullets], project, "en", tmp_path)
    assert "The widest gap is by" in text and "of all respondents." in text
    assert "on average." in text and "the most frequent answer is" in text


def test_sample_counts_people_and_households(
    ken: rs.ResearchReport, bgd: rs.ResearchReport, project: ProjectPaths, tmp_path: Path
) -> None:
    text = rendered(rs.sample(ken), project, "en", tmp_path)
    assert "households took part between 1 " in text
    assert "The household roster records 1,440 people." in text
    table = rs.sample(bgd)[-1]
    starts = [g.start for g in table.row_groups] + [len(table.rows)]
    groups = {
        g.label: table.rows[g.start : end]
        for g, end in zip(table.row_groups, starts[1:], strict=True)
    }
    assert len(groups) == len(table.row_groups)  # each group once, its categories under it
    religion = dict(groups["ধর্ম"])
    assert religion["ইসলাম"] == 356 and isinstance(religion["খ্রিস্টান"], b.Suppressed)
    assert sum(len(rows) for rows in groups.values()) == len(table.rows)  # no total here


def test_methodology_states_the_rules_in_the_language(
    bgd: rs.ResearchReport, project: ProjectPaths, tmp_path: Path
) -> None:
    callout = rs.methodology(bgd)
    assert callout.kind == "method"
    text = rendered([callout], project, "bn", tmp_path)
    assert DISABILITY_RULE["bn"] in text
    assert "১০-এর কম উত্তরদাতার ওপর ভিত্তি করা হিসাব গোপন রাখা হয়" in text  # the rule, in Bangla
    assert "২২টি ক্লাস্টার" in text and "samplics" in text
    assert "সম্মতি: সাক্ষাৎকারের আগে মৌখিক অবহিত সম্মতি নেওয়া হয়েছে" in text
    assert "untranslated" not in text


def test_label_fallbacks_are_flagged(
    bgd: rs.ResearchReport, project: ProjectPaths, tmp_path: Path
) -> None:
    fallbacks = (
        LabelFallback("question", "travel_minutes", "bn", "en"),
        LabelFallback("choice", "barrier/cost", "bn", "en"),
    )
    report = dataclasses.replace(
        bgd, result=dataclasses.replace(bgd.result, label_fallbacks=fallbacks)
    )
    text = rendered([rs.methodology(report)], project, "bn", tmp_path)
    assert "ইংরেজি" in text and "২টি লেবেলের" in text  # counted, in the language they show in
    # never named: the names are the form's column and choice names, which readers never see
    assert "travel_minutes" not in text and "barrier/cost" not in text


def test_data_checks_have_counts_but_no_examples(bgd: rs.ResearchReport) -> None:
    table = rs.data_checks(bgd)[-1]
    assert isinstance(table, b.Table) and table.rows
    examples = {e for m in bgd.result.mismatches.items for e in m.examples}
    cells = {str(c) for row in table.rows for c in row}
    assert not examples & cells
    small = [r for r in table.rows if isinstance(r[2], Msg)]
    assert small and all(params(r[2])["k"] == Num(10, "integer") for r in small)
    assert set(MISMATCH_KINDS) == set(KINDS)  # every kind the survey library reports


def test_downloads_leave_out_suppressed_cells(bgd: rs.ResearchReport) -> None:
    heading, intro, block = rs.downloads(bgd)
    assert isinstance(block, OpenSdgDownloads)
    files = [i.file for i in block.items]
    assert len(set(files)) == len(files) == 7 and "3-8-1" in files
    item = next(i for i in block.items if i.indicator == "3.8.1")
    published = [r for t in bgd.tables("received_care") for r in t.rows if not r.suppressed]
    assert len(item.rows) == len(published)
    assert all(r.base >= 10 for r in item.rows)
    assert item.columns[:2] == ("Location", "Sex")  # taxonomy names; the form's order
    assert item.sample_size == 420 and item.demo and item.dates == ("2024-03-01", "2024-03-28")


def test_two_analyses_of_one_indicator_get_their_own_files(ken: rs.ResearchReport) -> None:
    table = ken.result.tables[0]
    twin = dataclasses.replace(
        ken.result,
        tables=ken.result.tables
        + tuple(
            dataclasses.replace(t, analysis="again")
            for t in ken.result.tables
            if t.analysis == table.analysis
        ),
    )
    block = rs.downloads(dataclasses.replace(ken, result=twin))[-1]
    files = [i.file for i in block.items]
    assert "3-8-1-received_care" in files and "3-8-1-again" in files


@pytest.mark.parametrize(
    ("title", "year", "alone"),
    [
        ("Household WASH survey, Nairobi informal settlements (2021)", 2021, True),
        ("জরিপ ২০২৪", 2024, True),  # the year in Bengali digits is the same year
        ("Health access survey", 2024, False),
        ("Survey of 120211 households", 2021, False),  # a number is not the year
    ],
)
def test_a_source_line_names_the_year_once(title: str, year: int, alone: bool) -> None:
    source = rs.survey_source(title, year)
    if alone:
        assert source == title
    else:
        assert isinstance(source, Msg)
        assert params(source) == {"survey": title, "year": Num(year, "year")}


def test_a_research_document_without_a_survey_is_an_input_error(project: ProjectPaths) -> None:
    doc = open_doc(project, "BGD", "en", "health-access")
    doc.spec = dataclasses.replace(doc.spec, surveys=())
    with pytest.raises(InputError, match="names no survey"):
        rs.load_report(doc)
    doc.spec = dataclasses.replace(doc.spec, surveys=("no-such-survey",))
    with pytest.raises(InputError, match="no-such-survey"):
        rs.load_report(doc)


# --- end to end -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectPaths, BuildReport]:
    """Kenya's health-access report built in English and Swahili (do not modify)."""
    paths = copy_demo(tmp_path_factory.mktemp("research-built") / "demo")
    report = build(paths, BuildOptions(jobs=2), Selection(ids=KEN))
    assert not report.failed, [r.error for r in report.failed]
    return paths, report


def folder(paths: ProjectPaths, lang: str) -> Path:
    return paths.site / "ken" / "ken-research-health-access-2026" / lang


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            [
                "How this survey was made",
                DISABILITY_RULE["en"][:60],
                "Figures resting on fewer than 10 respondents are withheld",
                "Community-generated data",
                "Is anyone in your household covered by health",
                "Per cent (95% CI)",
                "Base",
            ],
        ),
        (
            "sw",
            [
                "Jinsi utafiti huu ulivyofanywa",
                DISABILITY_RULE["sw"][:60],
                "Takwimu zinazotegemea wahojiwa chini ya 10 zinazuiliwa",
                "Data zilizokusanywa na jamii",
                "Je, kuna mtu yeyote katika kaya yako aliye na bima",
                "Asilimia (kipindi cha uhakika 95%)",
                "Msingi",
            ],
        ),
    ],
)
def test_pdf_reads_back_in_the_language(
    built: tuple[ProjectPaths, BuildReport], lang: str, expected: list[str]
) -> None:
    paths, _report = built
    pdf = folder(paths, lang) / f"ken-research-health-access-2026-{lang}.pdf"
    raw = pdf_text(pdf)
    text = " ".join(raw.split())
    unhyphenated = " ".join(re.sub(r"-\n", "", raw).split())  # words hyphenated at line ends
    for phrase in expected:
        assert phrase in text or phrase in unhyphenated, phrase
    assert re.search(r"\d+[.,]\d% \(\d+[.,]\d–\d+[.,]\d\)", text)  # an estimate with its CI
    html = (folder(paths, lang) / "index.html").read_text(encoding="utf-8")
    assert 'class="untranslated"' not in html
    assert html.count('class="chart community"') == 7


@pytest.mark.slow
def test_opensdg_downloads_have_the_platform_columns(
    built: tuple[ProjectPaths, BuildReport],
) -> None:
    paths, _report = built
    data = folder(paths, "sw") / "data" / "opensdg"
    with (data / "3-8-1.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0])[:1] == ["Year"] and list(rows[0])[-6:] == [
        "Value",
        "Lower bound",
        "Upper bound",
        "Base",
        "Observation status",
        "Unit measure",
    ]
    assert {"Sex", "Age", "Disability status", "Location"} <= set(rows[0])
    assert rows[0]["Sex"] == "" and rows[0]["Year"] == "2024"  # the total comes first
    assert {r["Sex"] for r in rows} >= {"Mwanamke", "Mwanamume"}  # the form's Swahili labels
    assert all(int(r["Base"]) >= 10 for r in rows)
    for r in rows:
        assert float(r["Lower bound"]) <= float(r["Value"]) <= float(r["Upper bound"])
    survey = paths.data.joinpath(*KEN_SURVEY)
    from lnob.survey import analyse_survey

    result = analyse_survey(survey, "sw")
    published = [
        r
        for t in result.tables
        if t.analysis == "received_care"
        for r in t.rows
        if not r.suppressed
    ]
    assert len(rows) == len(published)  # every published cell, and no withheld one
    meta = yaml.safe_load((data / "3-8-1.meta.yml").read_text(encoding="utf-8"))
    assert meta["indicator_number"] == "3.8.1" and meta["data_nature"] == "community-generated"
    assert meta["min_cell"] == 10 and "10" in meta["suppression_rule"]
    listed = json.loads((paths.site / "catalogue.json").read_text(encoding="utf-8"))
    assert "3-8-1.csv" in json.dumps(listed)


@pytest.mark.slow
def test_no_planted_identifying_value_reaches_any_output(
    built: tuple[ProjectPaths, BuildReport],
) -> None:
    paths, _report = built
    planted = identifying_values(paths.data.joinpath(*KEN_SURVEY))
    assert len(planted) > 300
    leaked, scanned = leaks(planted, paths.site, paths.root / ".lnob-cache", relative_to=paths.root)
    kinds = {p.suffix for p in scanned}
    assert {".html", ".pdf", ".csv", ".yml", ".json", ".ipynb"} <= kinds
    assert any(p.name == "executed.ipynb" for p in scanned)
    assert leaked == []
