"""Every demo brief in every language, built from a copy of the real demo and read back.

All ten briefs x two languages are built once for the session (tests/conftest.py's
`survey_documents`, shared with the identifying-values scan):
each is within its page budget, declares PDF/UA-1 and its language, has alternative text on
every image, and shows its headline numbers as the country's reports show them: survey
shares from the same survey analysis with the research report's one decimal, stocktake
shares from the stocktake report's own gap table, in the language's numerals.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from lnob.build.run import BuildReport
from lnob.coalition import load_coalition
from lnob.doc.blocks import Table
from lnob.doc.text import pct
from lnob.i18n import Catalogue, Formatter, load_languages
from lnob.paths import ProjectPaths
from lnob.products import stocktake as st
from lnob.render.localize import Localizer
from lnob.stocktake import analyse_country, load_project_indicators, load_taxonomy
from lnob.survey import analyse_survey
from lnob.yamlio import load_yaml
from tests.pdf_structure import figure_alts

pytestmark = pytest.mark.slow

RESEARCH_DECIMALS = 1  # shares in the research report (lnob.products.brief_figures.DECIMALS)


@pytest.fixture(scope="module")
def demo_site(survey_documents: tuple[ProjectPaths, BuildReport]) -> ProjectPaths:
    """The session's build of every document that reads a survey: every brief among them."""
    return survey_documents[0]


@pytest.fixture(scope="module")
def briefs(demo_site: ProjectPaths) -> list[dict]:
    docs = json.loads((demo_site.site / "catalogue.json").read_text(encoding="utf-8"))
    return [d for d in docs["documents"] if d["product"] == "brief"]


def localizer(paths: ProjectPaths, lang: str) -> Localizer:
    language = load_languages(paths.languages_file)[lang]
    return Localizer(language, Catalogue.load(paths.locale, language), Formatter(language))


def stocktake_shares(paths: ProjectPaths, iso3: str, lang: str, loc: Localizer) -> dict[str, str]:
    """Group key ('any': any data) -> share, as the stocktake report shows it in `lang`."""
    country_dir = paths.country_dir(iso3)
    indicators = load_project_indicators(paths.data / "sdg")
    taxonomy = load_taxonomy(paths.data / "taxonomy.yaml")
    surveys = st.citizen_surveys(country_dir, iso3, lang, indicators)
    # analysed afresh, not through the build's stocktake cache
    result = analyse_country(
        country_dir, indicators, taxonomy, citizen={p for s in surveys for p in s.pairs}
    )
    report = st.StocktakeReport(result, indicators, taxonomy, lang, iso3, 2026, tuple(surveys))
    table = next(
        b
        for b in st.gap_tables(report)
        if isinstance(b, Table) and b.caption.msgid == "Focus indicators with a breakdown, by group"
    )
    rows = {loc.plain(row[0]): loc.num(row[2]) for row in table.rows}
    shares = {key: rows[loc.plain(report.group(key))] for key in taxonomy.keys}
    return shares | {"any": loc.num(st.key_numbers(report).items[1].value)}


def expected_headlines(paths: ProjectPaths, doc: dict) -> list[str]:
    """The brief's headline numbers as the country's reports write them in its language."""
    iso3, lang = doc["country"], doc["language"]
    slug = doc["id"].removeprefix(f"{iso3.lower()}-brief-").rsplit("-", 2)[0]
    figures = load_yaml(paths.briefs / iso3 / slug / "brief.yaml", "brief_figures")
    loc = localizer(paths, lang)
    survey = analyse_survey(paths.country_dir(iso3) / "surveys" / figures["survey"], lang)
    out = []
    for h in figures["headlines"]:
        if "stocktake" in h:
            out.append(stocktake_shares(paths, iso3, lang, loc)[h["stocktake"]])
            continue
        table = next(
            t for t in survey.tables if t.analysis == h["analysis"] and t.group == h["group"]
        )
        row = table.row(h["category"])
        out.append(
            loc.num(pct(row.estimate, RESEARCH_DECIMALS))
            if table.kind == "proportion"
            else loc.formatter.number(row.estimate, RESEARCH_DECIMALS)
        )
    return out


def pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_every_brief_in_every_language_is_built_within_its_budget(
    demo_site: ProjectPaths, briefs: list[dict]
) -> None:
    coalition = load_coalition(demo_site.coalition_file)
    expected = {s.id for s in coalition.documents() if s.product == "brief"}
    assert {d["id"] for d in briefs} == expected and len(expected) >= 20
    budget = coalition.products["brief"].page_budget
    for d in briefs:
        assert 1 <= d["pages"] <= budget, d["id"]


def test_headline_numbers_read_as_in_the_reports(
    demo_site: ProjectPaths, briefs: list[dict]
) -> None:
    for d in briefs:
        text = re.sub(r"[\s\u200e\u200f]+", "", pdftotext(demo_site.site / d["pdf"]))
        numbers = expected_headlines(demo_site, d)
        assert 3 <= len(numbers) <= 5
        for n in numbers:
            assert re.sub(r"\s+", "", n) in text, f"{d['id']}: headline {n!r} not in the PDF"
        if load_languages(demo_site.languages_file)[d["language"]].native_digits:
            assert all(not re.search("[0-9]", n) for n in numbers), numbers


def test_the_table_by_group_names_each_group_once(
    demo_site: ProjectPaths, briefs: list[dict]
) -> None:
    """The brief's table by group: each group of brief.yaml a row group, named once above its
    categories (not "Group: Category" on every row), in the PDF's reading view too."""
    for d in briefs:
        iso3 = d["country"]
        slug = d["id"].removeprefix(f"{iso3.lower()}-brief-").rsplit("-", 2)[0]
        figures = load_yaml(demo_site.briefs / iso3 / slug / "brief.yaml", "brief_figures")
        groups = [g for g in figures["table"]["groups"] if g != "total"]
        html = ((demo_site.site / d["pdf"]).parent / "index.html").read_text(encoding="utf-8")
        assert html.count('<th scope="rowgroup"') == len(groups) >= 1, d["id"]
        assert html.count('<tbody class="group">') == len(groups), d["id"]


def test_each_pdf_declares_pdf_ua_its_language_and_alt_text(
    demo_site: ProjectPaths, briefs: list[dict]
) -> None:
    from pypdf import PdfReader

    for d in briefs:
        reader = PdfReader(demo_site.site / d["pdf"])
        root = reader.trailer["/Root"]
        assert root["/Lang"] == d["language"]
        assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
        assert root["/MarkInfo"]["/Marked"]
        info = reader.metadata
        assert info.title == d["title"] and info.author and info.subject
        assert info.get("/Keywords")
        alts = figure_alts(root["/StructTreeRoot"])
        images = _image_count(reader)
        assert alts and len(alts) == images, (d["id"], alts, images)
        assert all(a.strip() for a in alts), d["id"]


def _image_count(reader) -> int:
    """Distinct image XObjects the pages draw (WeasyPrint may list one on several pages)."""
    seen = set()
    for page in reader.pages:
        for ref in page.get("/Resources", {}).get("/XObject", {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                seen.add(getattr(ref, "idnum", id(ref)))
    return len(seen)
