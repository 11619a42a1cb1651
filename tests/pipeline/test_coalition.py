"""The coalition file: the demo loads, and each kind of mistake is named where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.coalition import load_coalition
from lnob.errors import InputError
from lnob.i18n import load_languages

ROOT = Path(__file__).resolve().parents[2]
LANGS = set(load_languages(ROOT / "data" / "languages.yaml"))


def test_demo_coalition_has_the_pilot_matrix() -> None:
    c = load_coalition(ROOT / "data" / "coalition.yaml", LANGS)
    assert [x.code for x in c.countries] == ["BGD", "IND", "KEN", "NPL", "VNM"]
    assert {x.code: x.languages for x in c.countries}["NPL"] == ("en", "ne")
    docs = c.documents()
    assert len({d.id for d in docs}) == len(docs)
    for country in c.countries:
        briefs = {d.slug for d in country.documents if d.product == "brief"}
        assert len(briefs) >= 2, f"{country.code} publishes at least two briefs"
        assert any(d.product == "stocktake" for d in country.documents)
        assert any(d.product == "research" for d in country.documents)
    assert (
        sum(
            1 for d in docs if d.country == "KEN" and d.product == "research" and d.language == "en"
        )
        == 2
    )
    synth = [d for d in docs if d.product == "synthesis"]
    assert {d.language for d in synth} == {"en", "fr", "es", "ar"}  # ar: right to left
    assert {d.year for d in synth} == {2025, 2026}


BASE = """name: T
products: {brief: {notebook: brief.ipynb}}
synthesis: {languages: [en], years: [2026]}
countries:
  - code: BGD
    languages: [en, bn]
    documents:
      - {product: brief, slug: a, year: 2026}
"""


@pytest.mark.parametrize(
    "text, problem, row",
    [
        (BASE.replace("code: BGD", "code: XYZ"), "not an ISO 3166 alpha-3 country code", None),
        (BASE.replace("[en, bn]", "[en, zz]"), "unknown language 'zz'", None),
        (
            BASE.replace("product: brief, slug", "product: leaflet, slug"),
            "unknown product 'leaflet'",
            None,
        ),
        (BASE + "      - {product: brief, slug: a, year: 2026}\n", "duplicate document id", None),
        (BASE.replace("year: 2026}", "year: '2026'}"), "does not match the schema", 8),
        (BASE.replace("code: BGD", "code: bgd"), "does not match the schema", 5),
        (BASE.replace("name: T\n", ""), "does not match the schema", 1),
        (BASE.replace("countries:", "countries: [\n"), "not valid YAML", None),
        # a date the calendar has not, or written in other digits (issue 17); quoted or not
        (
            BASE.replace("year: 2026}", "year: 2026, date: '2026-02-30'}"),
            "'countries.0.documents.0.date' (the date of BGD brief 'a') is not a date: "
            "February 2026 has 28 days; expected a date of the calendar (day 01 to 28",
            8,
        ),
        (
            BASE.replace("year: 2026}", "year: 2026, date: 2026-02-30}"),
            "February 2026 has 28 days",
            8,
        ),
        (
            BASE.replace("year: 2026}", "year: 2026, date: '২০২৬-০৭-০১'}"),
            "is written in Bengali digits; expected a date in the digits 0-9, such as "
            "2026-07-10, found '২০২৬-০৭-০১'. Write it as 2026-07-01",
            8,
        ),
        (
            BASE.replace("year: 2026}", "year: 2026, date: 01/07/2026}"),
            "is not a date written YYYY-MM-DD",
            8,
        ),
        # a slug with a line break (a block scalar) or a space (issue 17)
        (
            BASE.replace("slug: a, year: 2026}", "slug: a, year: 2026}").replace(
                "      - {product: brief, slug: a, year: 2026}\n",
                "      - product: brief\n        year: 2026\n        slug: |\n          a\n",
            ),
            "'countries.0.documents.0.slug' (BGD brief 'a') ends with a line break "
            "(written as a block, with '|' or '>'?)",
            10,
        ),
        (
            BASE.replace("slug: a,", "slug: 'a ',"),
            "holds white space; expected lower-case letters, digits and hyphens only",
            8,
        ),
    ],
)
def test_mistakes_are_named(tmp_path: Path, text: str, problem: str, row: int | None) -> None:
    path = tmp_path / "coalition.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        load_coalition(path, LANGS)
    assert problem in str(exc.value)
    assert str(path) in str(exc.value)
    if row is not None:
        assert exc.value.row == row


def test_several_documents_of_one_product(tmp_path: Path) -> None:
    path = tmp_path / "coalition.yaml"
    path.write_text(BASE + "      - {product: brief, slug: b, year: 2026}\n")
    c = load_coalition(path, LANGS)
    assert [d.id for d in c.documents() if d.product == "brief"] == [
        "bgd-brief-a-2026-en",
        "bgd-brief-a-2026-bn",
        "bgd-brief-b-2026-en",
        "bgd-brief-b-2026-bn",
    ]


CITING = """name: T
products: {brief: {notebook: brief.ipynb}, research: {notebook: research.ipynb}}
synthesis: {languages: [en], years: [2026]}
countries:
  - code: BGD
    languages: [en, bn]
    documents:
      - {product: research, slug: r, year: 2026, date: "2026-06-10", survey: s-2024}
      - {product: brief, slug: a, year: 2026, date: "BRIEF_DATE", survey: s-2024}
"""


@pytest.mark.parametrize(
    "date, ok", [("2026-06-10", True), ("2026-07-01", True), ("2026-05-01", False)]
)
def test_a_brief_cites_only_a_research_report_dated_by_its_own_date(
    tmp_path: Path, date: str, ok: bool
) -> None:
    path = tmp_path / "coalition.yaml"
    path.write_text(CITING.replace("BRIEF_DATE", date), encoding="utf-8")
    if ok:
        assert load_coalition(path, LANGS).country("BGD").documents
        return
    with pytest.raises(InputError) as exc:
        load_coalition(path, LANGS)
    message = str(exc.value)
    assert str(path) in message and "2026-05-01" in message and "2026-06-10" in message


def test_the_synthesis_lists_only_documents_dated_by_its_own_date(tmp_path: Path) -> None:
    from lnob.spec import DocumentSpec
    from lnob.synthesis.countries import country_documents

    path = tmp_path / "coalition.yaml"
    path.write_text(
        CITING.replace("BRIEF_DATE", "2026-12-15").replace("2026-06-10", "2026-12-10"),
        encoding="utf-8",
    )
    coalition = load_coalition(path, LANGS)
    until = DocumentSpec("synthesis", None, "synthesis", 2026, "en").publication_date
    (bgd,) = country_documents(coalition, 2026, until)
    assert [d.slug for d in bgd.documents] == []  # both dated after the synthesis' 1 December
    (bgd,) = country_documents(coalition, 2026, "2026-12-31")
    assert [d.slug for d in bgd.documents] == ["r", "a"]
