"""The stocktake report: the blocks its product functions return, the Heatmap block as the
render stage writes it, and one end-to-end build of Nepal's report in English and Nepali."""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.coalition import load_coalition
from lnob.doc import blocks as b
from lnob.doc.text import Msg, Name, Num, _
from lnob.errors import InputError
from lnob.i18n import load_languages, missing_glyphs
from lnob.notebook import Doc
from lnob.paths import ProjectPaths
from lnob.products import stocktake as st
from lnob.render.context import make_localizer
from lnob.render.html import HEATMAP_MARK, HEATMAP_SYMBOLS, RenderState, render_blocks
from tests.conftest import ROOT, copy_demo

SYMBOLS = "".join(HEATMAP_SYMBOLS.values()) + HEATMAP_MARK


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    """The demo project without citizen-led survey data (so results do not depend on it)."""
    paths = copy_demo(tmp_path_factory.mktemp("stocktake") / "demo")
    for folder in (paths.data / "countries").glob("*/surveys"):
        shutil.rmtree(folder)
    return paths


def open_doc(paths: ProjectPaths, country: str, language: str = "en") -> Doc:
    """The country's stocktake document, as open_document makes it (without the read guard)."""
    coalition = load_coalition(paths.coalition_file)
    spec = next(
        s
        for s in coalition.documents()
        if (s.product, s.country, s.language) == ("stocktake", country, language)
    )
    return Doc(spec, paths, coalition, preview=False)


@pytest.fixture(scope="module")
def npl(project: ProjectPaths) -> st.StocktakeReport:
    return st.load_report(open_doc(project, "NPL"))


@pytest.fixture(scope="module")
def vnm(project: ProjectPaths) -> st.StocktakeReport:
    return st.load_report(open_doc(project, "VNM"))


def english(blocks: list, tmp_path: Path, lang: str = "en") -> str:
    """The blocks rendered as HTML in `lang`, as the render stage writes them."""
    loc = make_localizer(ProjectPaths.at(ROOT), lang, release=False)
    state = RenderState(loc, tmp_path, "test")
    return "\n".join(p.text for p in render_blocks(b.flatten(blocks), state))


def params(msg: Msg) -> dict:
    return dict(msg.params)


# --- the product functions ------------------------------------------------------------


def test_masthead_names_the_country_and_counts(npl: st.StocktakeReport) -> None:
    meta = st.masthead(npl)
    assert params(meta.title) == {"country": "Nepal"}
    assert params(meta.subtitle) == {"year": Num(2026, "year")}
    summary = params(meta.summary)
    assert (summary["count"].value, summary["total"].value) == (5, 5)
    assert (summary["missing"].value, summary["groups"].value) == (3, 10)


def test_summary_says_which_groups_are_missing(npl: st.StocktakeReport, tmp_path: Path) -> None:
    heading, bullets = st.summary(npl)
    assert isinstance(heading, b.Heading) and isinstance(bullets, b.BulletList)
    first = params(bullets.items[0])
    assert (first["sources"], first["total"]) == (Num(8, "integer"), Num(5, "integer"))
    html = english([bullets], tmp_path)
    assert "Every focus indicator has at least some national data." in html
    assert (
        "No focus indicator can be broken down by “Origin and migratory status”, "
        "“Religion” or “Other status”"
    ) in html
    assert "Only 2 of the 5 focus indicators can be broken down by “Age”." in html
    assert "Every focus indicator can be broken down by “Income or wealth” and " in html
    assert "citizen-led research fills" not in html  # no survey data in this project


def test_summary_lists_indicators_without_any_data(vnm: st.StocktakeReport, tmp_path: Path) -> None:
    html = english(st.summary(vnm), tmp_path)
    assert "1 of the 6 focus indicators have no national data at all: 10.2.1." in html


def test_key_numbers_are_typed_values(npl: st.StocktakeReport) -> None:
    items = st.key_numbers(npl).items
    assert [k.value for k in items] == [
        Num(5, "integer"),
        Num(1.0, "percent", 0),
        Num(3, "integer"),
        Num(8, "integer"),
    ]
    assert {k.provenance for k in items} == {"mixed"}  # the inventory has a citizen source


def test_heatmap_rows_columns_and_cells(npl: st.StocktakeReport) -> None:
    heading, intro, heatmap = st.heatmap(npl)
    assert isinstance(heatmap, b.Heatmap)
    codes = [r.code for r in heatmap.rows]
    assert codes == [
        "1.2.1",
        "1.4.1",
        "2.2.1",
        "3.1.2",
        "3.7.1",
        "3.8.1",
        "4.1.1",
        "4.1.2",
        "5.2.1",
        "5.3.1",
        "5.b.1",
        "8.5.2",
        "16.9.1",
    ]
    assert {r.code for r in heatmap.rows if r.highlight} == set(npl.result.focus.indicators)
    assert len(heatmap.columns) == 11 and heatmap.columns[3] == "Sex"
    row = {r.code: r for r in heatmap.rows}["4.1.1"]
    groups = ("any", *npl.taxonomy.keys)
    cell = dict(zip(groups, row.cells, strict=True))
    assert cell["disability"] == b.HeatmapCell("available", 2019)
    assert cell["age"] == b.HeatmapCell("gap")
    assert row.title.startswith("Proportion of children and young people")
    assert params(heatmap.note)["indicators"] == "5.2.1"  # published without data


def test_heatmap_row_without_any_data_is_none_throughout(vnm: st.StocktakeReport) -> None:
    heatmap = st.heatmap(vnm)[2]
    row = {r.code: r for r in heatmap.rows}["10.2.1"]
    assert {c.state for c in row.cells} == {"none"} and row.highlight


def test_gap_tables(npl: st.StocktakeReport, vnm: st.StocktakeReport) -> None:
    blocks = st.gap_tables(npl)
    assert isinstance(blocks[1], b.Paragraph)  # every focus indicator has some data
    by_group = blocks[2]
    rows = {r[0]: r for r in by_group.rows}
    assert rows["Disability"][1:] == (  # 3.8.1's only disability source is citizen-generated
        Num(1, "integer"),
        Num(0.2, "percent", 0),
        "3.8.1, 5.2.1, 5.3.1, 5.b.1",
    )
    assert rows["Income or wealth"][3] is None and len(rows) == 10
    no_data = st.gap_tables(vnm)[1]
    assert isinstance(no_data, b.Table) and no_data.rows == (
        ("10.2.1", vnm.indicators.title("10.2.1").text),
    )


def test_inventory_table(npl: st.StocktakeReport) -> None:
    table = st.inventory(npl)[1]
    assert len(table.rows) == 8
    platform = table.rows[0]
    assert platform[2] == _("SDG data platform") and platform[3] == Num(2023, "year")
    assert "5.2.1" not in platform[6] and "3.8.1" in platform[6]  # only indicators with data
    mics = table.rows[1]
    assert mics[6] == "2.2.1, 4.1.1, 4.1.2, 5.3.1, 5.b.1, 16.9.1"


def test_methodology_is_a_method_callout(npl: st.StocktakeReport) -> None:
    callout = st.methodology(npl)
    assert callout.kind == "method" and len(callout.body) == 4
    assert params(callout.body[0])["sources"] == Num(8, "integer")
    assert params(callout.body[3]) == {"year": Num(2026, "year")}


def test_the_research_focus_is_named_in_words(npl: st.StocktakeReport, tmp_path: Path) -> None:
    """focus.yaml says ["5", "3.8", "4.1.1"]: the reader gets each item named as what it is."""
    html = english([b.Paragraph(st.methodology(npl).body[0])], tmp_path)
    assert (
        "(Goal 5 “Gender equality”, target 3.8 of Goal 3 “Good health and well-being” and "
        "indicator 4.1.1 of Goal 4 “Quality education”)"
    ) in unescape(re.sub(r"<[^>]+>", "", html))


def test_titles_in_the_language_and_english_flagged(npl: st.StocktakeReport) -> None:
    nepali = dataclasses.replace(npl, lang="ne")
    assert nepali.title("3.8.1") == "अत्यावश्यक स्वास्थ्य सेवाको पहुँच"
    assert nepali.group("disability") == "अपाङ्गता"
    german = dataclasses.replace(npl, lang="de")  # no German titles or labels in the demo
    assert german.title("3.8.1") == st.IN_ENGLISH.format(
        title=Name("Coverage of essential health services", "en")
    )
    assert german.group("age") == st.IN_ENGLISH.format(title=Name("Age", "en"))


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], ""),
        (["a"], "a"),
        (["a", "b"], "a and b"),
        (["a", "b", "c"], "a, b and c"),
        (["a", "b", "c", "d"], "a, b, c and d"),
    ],
)
def test_joined_lists_read_as_a_phrase(items: list[str], expected: str) -> None:
    loc = make_localizer(ProjectPaths.at(ROOT), "en", release=False)
    assert loc.plain(st.joined(items)) == expected


def write_survey(paths: ProjectPaths, filed_under: str, folder: str, **fields: object) -> None:
    """A minimal survey.yaml (with empty form and export files) under a country's surveys/."""
    survey = paths.data / "countries" / filed_under / "surveys" / folder
    survey.mkdir(parents=True)
    (survey / "form.xlsx").write_bytes(b"")
    (survey / "export.csv").write_text("id\n", encoding="utf-8")
    config = {
        "id": folder,
        "demo": True,
        "country": filed_under,
        "title": "Survey",
        "dates": {"start": "2026-01-10", "end": "2026-02-20"},
        "sample": {"description": "Households in two districts"},
        "consent": "Oral consent",
        "form": "form.xlsx",
        "export": {"file": "export.csv"},
        "analyses": [{"question": "q", "indicator": "3.8.1"}],
        **fields,
    }
    (survey / "survey.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )


@pytest.fixture
def bare(tmp_path: Path) -> ProjectPaths:
    """A fresh copy of the demo project without survey data."""
    paths = copy_demo(tmp_path / "demo")
    for folder in (paths.data / "countries").glob("*/surveys"):
        shutil.rmtree(folder)
    return paths


def test_citizen_research_says_which_gaps_it_fills(bare: ProjectPaths) -> None:
    write_survey(
        bare,
        "NPL",
        "disability-inclusion",
        title={"en": "Disability inclusion survey", "ne": "अपाङ्गता समावेशीकरण सर्वेक्षण"},
        groups={"disability": {"washington_group": "auto"}, "age": {"question": "age"}},
        analyses=[
            {"question": "school", "indicator": "4.1.1"},
            {"question": "violence", "indicator": "5.2.1"},
            {"question": "barriers", "indicator": "health_barriers"},
        ],
    )
    report = st.load_report(open_doc(bare, "NPL", "ne"))
    assert report.surveys[0].title == "अपाङ्गता समावेशीकरण सर्वेक्षण"
    fills = {(f.indicator, f.group) for f in report.result.citizen.fills}
    assert fills == {("4.1.1", "age"), ("5.2.1", "disability")}
    blocks = st.citizen_research(report)
    table = blocks[-1]
    assert isinstance(table, b.Table) and table.provenance == "community"
    assert [(r[0], r[2]) for r in table.rows] == [("4.1.1", "उमेर"), ("5.2.1", "अपाङ्गता")]
    assert st.key_numbers(report).items[-1].value == Num(2, "integer")


def test_citizen_research_outside_the_focus_fills_nothing(
    bare: ProjectPaths, tmp_path: Path
) -> None:
    write_survey(
        bare,
        "NPL",
        "water",
        groups={"sex": {"question": "sex"}},
        analyses=[{"question": "water", "indicator": "6.1.1"}],
    )
    report = st.load_report(open_doc(bare, "NPL"))
    assert report.result.citizen.fills == () and report.surveys[0].title == "Survey"
    html = english(st.citizen_research(report), tmp_path)
    assert "The gaps above are where its next surveys can add most." in html
    assert "0" not in html and "none of the gaps" not in html  # a finding, not a zero
    # no card of "0 gaps filled", and the summary phrases it rather than counting
    labels = [k.label for k in st.key_numbers(report).items]
    assert all("gaps filled" not in getattr(label, "msgid", "") for label in labels)
    summary = english(st.summary(report), tmp_path)
    assert "can add most" in summary and "fills 0" not in summary


def test_a_survey_filed_under_another_country_is_an_error(bare: ProjectPaths) -> None:
    write_survey(bare, "NPL", "misfiled", country="KEN")
    with pytest.raises(InputError) as err:
        st.load_report(open_doc(bare, "NPL"))
    assert "misfiled" in str(err.value) and "KEN" in str(err.value)


def test_no_citizen_research_no_section(npl: st.StocktakeReport) -> None:
    assert st.citizen_research(npl) == [] and npl.surveys == ()


# --- the Heatmap block ----------------------------------------------------------------

HEATMAP = b.Heatmap(
    caption=_("National data by indicator and group"),
    row_header=_("Indicator"),
    columns=(_("Any data"), "Sex", "Disability"),
    rows=(
        b.HeatmapRow(
            "4.1.1",
            "Reading",
            (
                b.HeatmapCell("available", 2019),
                b.HeatmapCell("available", 2019),
                b.HeatmapCell("gap"),
            ),
            highlight=True,
        ),
        b.HeatmapRow("10.2.1", "Income", (b.HeatmapCell("none"),) * 3),
    ),
    source="inventory",
    highlight_label=_("Indicator of the research focus"),
)


def test_heatmap_renders_an_accessible_table_with_symbols(tmp_path: Path) -> None:
    html = english([HEATMAP], tmp_path)
    assert '<table class="heatmap official">' in html and "<caption>" in html
    assert html.count('scope="col"') == 4 and html.count('scope="row"') == 2
    assert html.count(HEATMAP_SYMBOLS["available"]) == 2 + 1  # two cells and the legend
    assert html.count(HEATMAP_SYMBOLS["gap"]) == 1 + 1
    assert html.count(HEATMAP_SYMBOLS["none"]) == 3 + 1
    assert 'class="hm hm-available"' in html and 'class="hm hm-none"' in html
    assert "2019" in html and "No data at all on the indicator" in html
    assert 'class="legend heatmap-legend"' in html and "Indicator of the research focus" in html
    assert 'href="data/table-1.csv"' in html


def test_heatmap_writes_a_tidy_csv(tmp_path: Path) -> None:
    english([HEATMAP], tmp_path)
    with (tmp_path / "data" / "table-1.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Indicator code", "Indicator", "Group", "Status", "Latest year"]
    assert rows[1:4] == [
        ["4.1.1", "Reading", "Any data", "available", "2019"],
        ["4.1.1", "Reading", "Sex", "available", "2019"],
        ["4.1.1", "Reading", "Disability", "not available", ""],
    ]
    assert len(rows) == 1 + 6 and rows[-1][3] == "no data at all"


def test_heatmap_years_in_native_digits(tmp_path: Path) -> None:
    html = english([HEATMAP], tmp_path, lang="ne")
    assert "२०१९" in html and ">2019<" not in html
    assert ">४.१.१</span>" in html  # codes read in the same numerals as the years


def test_heatmap_survives_the_executed_notebook() -> None:
    assert b.from_json(b.to_json(HEATMAP)) == HEATMAP


@pytest.mark.parametrize("lang", sorted(load_languages(ROOT / "data" / "languages.yaml")))
def test_heatmap_symbols_are_in_every_languages_fonts(lang: str) -> None:
    language = load_languages(ROOT / "data" / "languages.yaml")[lang]
    assert missing_glyphs(SYMBOLS, language.fonts) == []


# --- end to end -----------------------------------------------------------------------


@pytest.mark.slow
def test_nepal_stocktake_builds_in_english_and_nepali(demo: ProjectPaths) -> None:
    report = build(
        demo, BuildOptions(jobs=2), Selection(products=("stocktake",), countries=("NPL",))
    )
    assert not report.failed, [r.error for r in report.failed]
    folder = demo.site / "npl" / "npl-stocktake-2026"
    for lang in ("en", "ne"):
        pdf = folder / lang / f"npl-stocktake-2026-{lang}.pdf"
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        assert 4 <= pages <= 12, pages
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert HEATMAP_SYMBOLS["available"] in text and HEATMAP_SYMBOLS["gap"] in text
        # the cover is the first page, and it says the document is built from demo data
        first = subprocess.run(
            ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "Nepal" in first or "नेपाल" in first, first
        assert first.count("\f") <= 1 and len(first.split()) > 10, first
        if lang == "en":
            assert "Demonstration document" in first, first
        # fewer than eight pages of body: no page of contents (page economy, issue 20); the
        # contents of a long report are checked in tests/pipeline/test_publication_print.py
        second = subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", "-layout", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert not re.search(r"\.{10,}", second), second  # no dot leaders of a contents page
        html = (folder / lang / "index.html").read_text(encoding="utf-8")
        assert '<table class="heatmap mixed">' in html and 'scope="row"' in html
    # pdftotext splits Devanagari clusters with spaces and repeats or moves vowel signs:
    # compare the letters alone, without whitespace, vowel signs and viramas
    nepali = letters(text)
    assert letters("३.८.१ अत्यावश्यक स्वास्थ्य सेवाको पहुँच") in nepali  # 3.8.1 and its title
    assert letters("नेपाल") in nepali and "२०२६" in nepali


def letters(text: str) -> str:
    return re.sub(r"[\s\u0900-\u0903\u093a-\u094f\u0955-\u0957\u0962\u0963]+", "", text)
