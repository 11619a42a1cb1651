"""The global synthesis: what each year shows (countries without results never as zeros,
comparisons only where comparable, 'no data' for sparse official series), which documents
a change of one country's data makes dirty, and a build from the real UN extract."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions, Planner
from lnob.build.run import Selection, build, load_project
from lnob.coalition import load_coalition
from lnob.doc import blocks as b
from lnob.doc.link_blocks import DocumentLinks
from lnob.doc.text import Msg
from lnob.notebook import Doc
from lnob.paths import ProjectPaths
from lnob.products import synthesis as sy
from lnob.products import synthesis_profiles as sp
from lnob.products import synthesis_sections as ss
from lnob.render.context import make_localizer
from lnob.render.engines import get_renderer
from lnob.site.reading import undress
from lnob.synthesis.countries import with_results
from tests.conftest import copy_demo


def open_doc(paths: ProjectPaths, year: int, lang: str = "en") -> Doc:
    coalition = load_coalition(paths.coalition_file)
    spec = next(
        s
        for s in coalition.documents()
        if (s.product, s.year, s.language) == ("synthesis", year, lang)
    )
    return Doc(spec, paths, coalition, preview=False)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    return copy_demo(tmp_path_factory.mktemp("synthesis") / "demo")


@pytest.fixture(scope="module")
def y2025(demo: ProjectPaths) -> sy.Synthesis:
    return sy.load_synthesis(open_doc(demo, 2025))


@pytest.fixture(scope="module")
def y2026(demo: ProjectPaths) -> sy.Synthesis:
    return sy.load_synthesis(open_doc(demo, 2026))


def test_an_earlier_year_has_fewer_countries(y2025: sy.Synthesis, y2026: sy.Synthesis) -> None:
    coalition = y2025.doc.coalition
    assert with_results(coalition, 2025) == ("BGD", "IND", "KEN")
    assert with_results(coalition, 2026) == ("BGD", "IND", "KEN", "NPL", "VNM")
    assert set(y2025.stocktakes) == {"BGD", "IND", "KEN"} and len(y2026.stocktakes) == 5
    assert not any(y2025.surveys.values())  # research is first published in 2026


def test_countries_without_results_are_listed_as_such(y2025: sy.Synthesis) -> None:
    table = sy.countries_table(y2025)[2]
    rows = {r[0]: r for r in table.rows}
    assert rows["Nepal"][1].msgid == "Not published by the end of {year}"
    assert rows["Nepal"][3] is None  # no surveys: an empty cell, not a zero
    assert rows["Kenya"][1].msgid == "Published in {year}"


def test_coverage_counts_only_countries_with_a_stocktake(
    y2025: sy.Synthesis, y2026: sy.Synthesis
) -> None:
    official = ss.coverage(y2025)[2]
    header = [dict(c.label.params)["count"].value for c in official.columns[1:]]
    assert max(header) <= 3
    assert all(cell.value <= 3 for row in official.rows for cell in row[1:])
    citizen = ss.coverage(y2025)[3]
    assert all(cell.value == 0 for row in citizen.rows for cell in row[1:])  # no research yet
    columns = [c.key for c in ss.coverage(y2026)[2].columns]
    assert len(columns) > len([c.key for c in official.columns]) - 1


def test_comparison_waits_for_published_research(y2025: sy.Synthesis) -> None:
    heading, paragraph = ss.comparison(y2025)
    assert paragraph.text.msgid.startswith("No country had published citizen-led research")


def test_comparison_only_where_comparable_and_disclosure_checked(y2026: sy.Synthesis) -> None:
    blocks = ss.comparison(y2026)
    tables = [x for x in blocks if isinstance(x, b.Table)]
    assert len(tables) == 6
    by_title = {dict(t.caption.params)["title"]: t for t in tables}
    discrimination = by_title["People who felt discriminated against"]
    assert [r[0] for r in discrimination.rows] == ["India", "Kenya", "Nepal", "Vietnam"]
    for table in tables:
        for row in table.rows:
            assert isinstance(row[1], (b.Interval, b.Suppressed))
            if isinstance(row[1], b.Interval):
                assert row[1].low <= row[1].estimate <= row[1].high
    kenya = y2026.surveys["KEN"]
    insured = next(r for r in kenya if r.config.id == "ken-health-access-2024")
    expected = insured.table("health_insurance").rows[0]
    cell = by_title["People with any health insurance"].rows[2][1]
    assert (cell.estimate, cell.low, cell.high) == (
        expected.estimate,
        expected.ci_low,
        expected.ci_high,
    )


def test_official_series_says_no_data_for_sparse_countries(y2026: sy.Synthesis) -> None:
    completion, unemployment = [x for x in ss.official(y2026) if isinstance(x, b.Table)]
    vietnam = {r[0]: r for r in completion.rows}["Vietnam"]
    assert vietnam[-1] is None and vietnam[2].kind == "percent"  # a dash, never a zero
    nepal = {r[0]: r for r in unemployment.rows}["Nepal"]
    assert set(nepal[1:]) == {None} and unemployment.legend == (("—", ss.NO_DATA),)
    assert "no figures for" in unemployment.note.msgid or any(
        "no figures for" in p.msgid for _k, p in unemployment.note.params if isinstance(p, Msg)
    )


def test_one_section_per_country_with_relative_links(
    y2026: sy.Synthesis, y2025: sy.Synthesis
) -> None:
    blocks = sp.profiles(y2026)
    assert [x.text for x in blocks if isinstance(x, b.Heading) and x.level == 3] == [
        "Bangladesh",
        "India",
        "Kenya",
        "Nepal",
        "Vietnam",
    ]
    links = [x for x in blocks if isinstance(x, DocumentLinks)]
    hrefs = [link.href for block in links for link in block.items]
    assert "../../../bgd/bgd-stocktake-2025/en/index.html" in hrefs
    assert "../../../ken/ken-brief-health-access-2026/en/index.html" in hrefs
    french = sy.load_synthesis(open_doc(y2026.doc.paths, 2026, "fr"))
    first = sp.links(french, french.countries[0]).items[0]
    assert first.href.endswith("/en/index.html")  # Bangladesh publishes no French
    early = [x for x in sp.profiles(y2025) if isinstance(x, DocumentLinks)]
    assert all("2026" not in link.href for block in early for link in block.items)


def test_a_countrys_research_focus_is_named_in_words(y2026: sy.Synthesis) -> None:
    """Nepal's focus.yaml says ["5", "3.8", "4.1.1"]; its profile names each, not the codes."""
    blocks = sp.profiles(y2026)
    start = next(i for i, x in enumerate(blocks) if isinstance(x, b.Heading) and x.text == "Nepal")
    loc = make_localizer(y2026.doc.paths, "en", release=True)
    assert loc.plain(blocks[start + 1].text) == (
        "Research focus: Goal 5 “Gender equality”, target 3.8 of Goal 3 “Good health and "
        "well-being” and indicator 4.1.1 of Goal 4 “Quality education”."
    )


def _execute_keys(paths: ProjectPaths) -> dict[str, str]:
    coalition, languages = load_project(paths)
    planner = Planner(
        paths,
        coalition,
        BuildOptions(jobs=1),
        get_renderer("pandoc", paths.root).fingerprint(),
        languages,
    )
    return {s.id: planner.task(s).keys["execute"].digest for s in coalition.documents()}


def test_one_countrys_data_makes_its_documents_and_the_synthesis_dirty(tmp_path: Path) -> None:
    paths = copy_demo(tmp_path / "demo")
    before = _execute_keys(paths)
    sources = paths.data / "countries" / "NPL" / "stocktake" / "sources.csv"
    sources.write_text(sources.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _execute_keys(paths)
    dirty = {doc for doc in before if before[doc] != after[doc]}
    nepal = {doc for doc in before if doc.startswith("npl-")}
    assert nepal and dirty == nepal | {
        f"global-synthesis-2026-{lang}" for lang in ("en", "fr", "es", "ar")
    }


def test_synthesis_from_the_real_un_extract(tmp_path: Path, realdata: Path) -> None:
    """Build the 2026 synthesis in English with the real extract in place of the demo one
    (copied in: a linked folder is refused) and read three figures back against the source rows."""
    paths = copy_demo(tmp_path / "demo")
    shutil.copytree(realdata / "un-sdg-ddf", paths.data / "global" / "un-real")
    config = paths.reports / "synthesis" / "2026" / "synthesis.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("folder: data/global/un-sdg-demo", "folder: data/global/un-real").replace(
            "demo: true", "demo: false"
        ),
        encoding="utf-8",
    )
    report = build(paths, BuildOptions(jobs=1), Selection(ids=("global-synthesis-2026-en",)))
    assert not report.failed, [r.error for r in report.failed]
    html = (paths.site / "global" / "global-synthesis-2026" / "en" / "index.html").read_text(
        encoding="utf-8"
    )
    path = next((realdata / "un-sdg-ddf").glob("ddf--datapoints--se_tot_cplr--*"))
    with path.open(encoding="utf-8") as f:
        rows = [
            r
            for r in csv.DictReader(f)
            if r["education_level"] == "primar"
            and r["location"] == "allarea"
            and r["sex"] == "bothsex"
            and r["quantile"] == "t"
        ]
    for geo, name in (("50", "Bangladesh"), ("356", "India"), ("704", "Vietnam")):
        latest = max((r for r in rows if r["geo_area"] == geo), key=lambda r: int(r["year"]))
        value = f"{float(latest['se_tot_cplr']):.1f}%"
        row = re.search(
            rf"<tr[^>]*><th scope=\"row\" class=\"text\">{name}</th>(.*?)</tr>",
            html[html.rindex("What official international data says") :],
        )
        assert row and latest["year"] in row.group(1) and value in row.group(1), name
    assert "UN Global SDG Indicators Database, series SL_TLF_UEMDIS" in html
    # unemployment by disability: no rows for any of the five countries
    assert "The database has no figures for Bangladesh, India, Kenya, Nepal and Vietnam." in html
    assert "— no data" in html


@pytest.mark.slow
def test_pdf_links_to_country_documents_stay_relative_to_the_pdf(demo: ProjectPaths) -> None:
    """The synthesis links up and across the site (`../../../bgd/…`): the PDF keeps the same
    relative links as the HTML beside it, so both open the country's documents once published
    (WeasyPrint alone would write `file:///bgd/…`)."""
    import pypdf

    report = build(demo, BuildOptions(jobs=1), Selection(ids=("global-synthesis-2025-en",)))
    assert not report.failed, [r.error for r in report.failed]
    folder = demo.site / "global" / "global-synthesis-2025" / "en"
    # the document's own links (the site's header and footer around it are not in the PDF)
    html = undress((folder / "index.html").read_text(encoding="utf-8"))
    hrefs = {h for h in re.findall(r'href="([^"#]+)"', html) if h.startswith("../")}
    uris = set()
    for page in pypdf.PdfReader(folder / "global-synthesis-2025-en.pdf").pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    country_links = {u for u in uris if u.startswith("../")}
    assert len(country_links) >= 3 and country_links == hrefs, (country_links, hrefs)
    assert not [u for u in uris if u.startswith("file:")], uris
    for link in country_links:  # each lands on a document folder of the site
        assert re.fullmatch(r"\.\./\.\./\.\./[a-z]{3}/[a-z0-9-]+/[a-z]{2}/index\.html", link), link


def test_the_synthesis_opens_with_its_executive_summary_and_headline_messages(
    y2026: sy.Synthesis,
) -> None:
    """Authored in each language (three to five messages); without them, a draft that a
    release build refuses (the same Draft block as a research report's generated text)."""
    import dataclasses

    heading, summary, messages_heading, messages = sy.executive_summary(y2026)
    assert heading.text.msgid == "Executive summary"
    assert summary.text.startswith("Five country coalitions collected data of their own")
    assert messages_heading.text.msgid == "Headline messages"
    assert 3 <= len(messages.items) <= 5
    text = dataclasses.replace(y2026.text, meta={"title": "T"})
    (draft,) = sy.executive_summary(dataclasses.replace(y2026, text=text))
    assert isinstance(draft, b.Draft) and "reports/synthesis/2026/en.md" in draft.source


def test_a_comparison_of_a_skip_logic_question_says_its_base_is_of_those_asked(
    y2026: sy.Synthesis,
) -> None:
    """Getting care is asked only of those who needed it (`relevant` in every demo form):
    the table by country says so; health insurance, asked of everyone, says nothing."""
    tables = [x for x in ss.comparison(y2026) if isinstance(x, b.Table)]
    asked = [t for t in tables if t.note is not None]
    assert asked and all(t.note.msgid.startswith("{countries}: asked of some") for t in asked)
    everyone = [t for t in tables if dict(t.caption.params)["title"].startswith("People with any")]
    assert everyone and everyone[0].note is None
