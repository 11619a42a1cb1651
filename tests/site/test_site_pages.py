"""The generated pages, from a catalogue written for the tests (no documents are built).

Checks what a reader gets without JavaScript: a home and listings per interface
language, a static page per filter value, a page per document with its downloads,
and language switchers that keep the reader on the same document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lnob.i18n import load_languages
from lnob.paths import ProjectPaths
from lnob.render.context import make_localizer
from lnob.site import interface_languages, load_catalogue, write_site
from lnob.site.strings import UI, product_name
from tests.site.site_helpers import (
    entry,
    group,
    read_page,
    sample_entries,
    with_opensdg,
    write_catalogue,
)

INTERFACE = ("en", "bn", "sw", "fr")  # the sample's languages, in data/languages.yaml order
BRIEF_EN = "bgd/bgd-brief-women-health-2026/en"


@pytest.fixture
def sample(project: ProjectPaths) -> ProjectPaths:
    write_catalogue(project, sample_entries())
    write_site(project, search=False)
    return project


def test_interface_languages_are_english_and_every_document_language(sample: ProjectPaths) -> None:
    catalogue = load_catalogue(sample.site / "catalogue.json")
    assert interface_languages(catalogue, load_languages(sample.languages_file)) == INTERFACE


@pytest.mark.parametrize("lang", INTERFACE)
def test_every_interface_language_has_its_pages(sample: ProjectPaths, lang: str) -> None:
    for path in (
        f"{lang}/index.html",
        f"{lang}/search.html",
        f"{lang}/catalogue/index.html",
        f"{lang}/catalogue/country-bgd.html",
        f"{lang}/catalogue/country-global.html",
        f"{lang}/catalogue/product-research.html",
        f"{lang}/catalogue/year-2025.html",
        f"{lang}/catalogue/language-sw.html",
    ):
        page = read_page(sample.site, path)
        assert page.lang == lang, path
    assert read_page(sample.site, "index.html").lang == "en"


@pytest.mark.parametrize(
    ("listing", "expected"),
    [
        ("index", None),
        ("product-research", lambda e: e["product"] == "research"),
        ("year-2025", lambda e: e["year"] == 2025),
        ("language-bn", lambda e: e["language"] == "bn"),
    ],
)
def test_static_listings_show_exactly_the_matching_documents_newest_first(
    sample: ProjectPaths, listing: str, expected
) -> None:
    entries = [e for e in sample_entries() if expected is None or expected(e)]
    page = read_page(sample.site, f"bn/catalogue/{listing}.html")
    want = sorted(sorted(entries, key=lambda e: e["id"]), key=lambda e: e["date"], reverse=True)
    assert [d["language"] + ":" + d["year"] for d in page.docs] == [
        f"{e['language']}:{e['year']}" for e in want
    ]
    for e in entries:  # finding and downloading work without JavaScript
        about = e["html"].replace("index.html", "about.html")
        assert {e["html"], e["pdf"], about} <= page.targets()


def test_listing_links_to_every_filter_value(sample: ProjectPaths) -> None:
    page = read_page(sample.site, "en/catalogue/index.html")
    facets = {t for t in page.targets() if t.startswith("en/catalogue/") and "-" in t}
    assert facets == {
        f"en/catalogue/{n}.html"
        for n in (
            "country-bgd",
            "country-ken",
            "country-global",
            "product-brief",
            "product-research",
            "product-stocktake",
            "product-synthesis",
            "year-2025",
            "year-2026",
            "language-en",
            "language-bn",
            "language-sw",
            "language-fr",
        )
    }


@pytest.mark.parametrize(
    ("lang", "target"),
    [
        ("en", f"{BRIEF_EN}/about.html"),
        ("bn", "bgd/bgd-brief-women-health-2026/bn/about.html"),
        ("sw", "sw/catalogue/country-bgd.html"),  # not in Swahili: the country's listing instead
        ("fr", "fr/catalogue/country-bgd.html"),
    ],
)
def test_the_language_switcher_keeps_the_reader_on_the_document(
    sample: ProjectPaths, lang: str, target: str
) -> None:
    page = read_page(sample.site, f"{BRIEF_EN}/about.html")
    name = load_languages(sample.languages_file)[lang].native_name
    switch = [a for a in page.links if a.get("hreflang") == lang and a["text"] == name]
    assert len(switch) == 1 and page.resolve(switch[0]["href"]) == target


@pytest.mark.parametrize("lang", INTERFACE)
def test_listing_switcher_keeps_the_filter(sample: ProjectPaths, lang: str) -> None:
    page = read_page(sample.site, "en/catalogue/year-2025.html")
    assert f"{lang}/catalogue/year-2025.html" in page.targets()


def test_the_document_page_has_everything_to_read_and_download(sample: ProjectPaths) -> None:
    page = read_page(sample.site, f"{BRIEF_EN}/about.html")
    e = entry("BGD", "brief", "women-health", 2026, "en", "2026-07-01")
    assert page.link_to(e["html"])["text"] == "Read online (web page)"
    assert page.link_to(e["pdf"])["type"] == "application/pdf"
    assert "PDF, 123 KB, pages: 12" in page.text
    csv = page.link_to(e["downloads"][0]["path"])
    assert csv["text"] == "Share of people · Chart data (CSV)"
    assert csv["type"] == "text/csv"
    assert csv["data-sha256"] == e["downloads"][0]["sha256"]
    other = page.link_to("bgd/bgd-brief-women-health-2026/bn/about.html")
    assert (other["lang"], other["hreflang"]) == ("bn", "bn")
    assert "Women-health" not in page.text and "1 July 2026" in page.text
    assert "Demonstration site" in page.text


def test_a_research_page_lists_its_open_sdg_downloads_with_their_metadata(
    sample: ProjectPaths,
) -> None:
    e = with_opensdg(entry("KEN", "research", "health-access", 2026, "sw", "2026-05-30"))
    page = read_page(sample.site, "ken/ken-research-health-access-2026/sw/about.html")
    html = (sample.site / "ken/ken-research-health-access-2026/sw/about.html").read_text()
    assert html.index('id="opensdg"') > html.index("data/fig-1.csv")  # after the chart data
    for d in e["downloads"][1:]:
        link = page.link_to(d["path"])
        assert link["data-sha256"] == d["sha256"]
        csv = d["kind"] == "opensdg"
        assert link["type"] == ("text/csv" if csv else "application/yaml")
        sw = make_localizer(sample, "sw", release=False)
        assert link["text"] == sw.plain(UI["kind_opensdg" if csv else "kind_opensdg_meta"])
    assert sw.plain(UI["opensdg"]) in page.text and "Open SDG" in page.text
    names = ", ".join(sw.plain(UI[k]) for k in ("kind_opensdg", "kind_opensdg_meta"))
    assert f"3.8.1 · Indicator 3.8.1 · {names}" in page.text
    # the chart CSV stays in the chart data list, and no YAML file is called a CSV
    assert page.link_to(e["downloads"][0]["path"])["type"] == "text/csv"
    brief = (sample.site / f"{BRIEF_EN}/about.html").read_text()
    assert 'id="opensdg"' not in brief  # a document without Open SDG files has no such part


def test_a_filtered_listing_shows_its_documents_before_the_filters(sample: ProjectPaths) -> None:
    """On a phone the four filter dimensions fill a screen: a filtered listing starts with
    its documents and a link down to the filters; the catalogue page starts with them."""
    html = (sample.site / "en/catalogue/country-ken.html").read_text()
    assert html.index('class="doc"') < html.index('<nav class="facets"')
    page = read_page(sample.site, "en/catalogue/country-ken.html")
    to_filters = [a["text"] for a in page.links if a["href"] == "#filter-heading"]
    assert to_filters == ["Filter publications"]
    html = (sample.site / "en/catalogue/index.html").read_text()
    assert html.index('<nav class="facets"') < html.index('class="doc"')


def test_types_are_listed_in_the_order_of_the_work_not_of_their_codes(sample: ProjectPaths) -> None:
    page = read_page(sample.site, "en/index.html")
    types = [a["href"] for a in page.links if "catalogue/product-" in a["href"]]
    assert types == [
        f"catalogue/product-{p}.html" for p in ("stocktake", "research", "brief", "synthesis")
    ]


def test_pages_are_in_the_readers_language(sample: ProjectPaths) -> None:
    bn = make_localizer(sample, "bn", release=False)
    page = read_page(sample.site, "bn/catalogue/index.html")
    assert bn.plain(UI["all_publications"]) in page.text
    assert bn.plain(product_name("stocktake")) in page.text
    assert "বাংলাদেশ" in page.text  # the country's name in Bangla (CLDR)
    assert "১ জুলাই, ২০২৬" in page.text  # the date in Bangla, with Bengali digits
    # names are names: SHA256SUMS keeps its digits in a Bangla sentence
    assert "(SHA256SUMS)" in page.text and "SHA২" not in page.text


@pytest.mark.parametrize(
    ("product", "shown"),
    [
        ("brief", "Policy brief"),
        ("guide", "Guide"),
        ("evaluation", "Evaluation"),
        ("toolkit", "toolkit"),  # a product the site does not know yet shows its code
    ],
)
def test_product_names(project: ProjectPaths, product: str, shown: str) -> None:
    write_catalogue(project, group("BGD", product, "x", 2026, "2026-01-01", ("en",)))
    write_site(project, search=False)
    page = read_page(project.site, "en/catalogue/index.html")
    assert f"{shown} · Bangladesh · English" in page.text


def test_english_is_an_interface_language_without_english_documents(project: ProjectPaths) -> None:
    write_catalogue(project, group("BGD", "brief", "x", 2026, "2026-01-01", ("bn",)))
    write_site(project, search=False)
    assert read_page(project.site, "index.html").lang == "en"
    assert read_page(project.site, "bn/index.html").docs[0]["language"] == "bn"


def test_home_shows_each_document_once_in_the_readers_language(sample: ProjectPaths) -> None:
    """The featured report first, then the newest in the reader's language, then the newest
    of the others (in English), each document once."""
    for lang, langs in (("bn", ["en", "bn", "bn", "en"]), ("fr", ["fr", "en", "en", "en"])):
        page = read_page(sample.site, f"{lang}/index.html")
        assert [d["language"] for d in page.docs] == langs
    groups = [d["product"] + d["year"] for d in read_page(sample.site, "bn/index.html").docs]
    assert groups == ["synthesis2026", "brief2026", "stocktake2025", "research2026"]


@pytest.mark.parametrize(
    ("lang", "featured"),
    [
        ("en", "global/global-synthesis-2026/en/about.html"),  # the newest report
        ("fr", "global/global-synthesis-2026/fr/about.html"),
        ("sw", "ken/ken-research-health-access-2026/sw/about.html"),  # one in Swahili first
    ],
)
def test_home_shows_the_coalition_and_a_featured_publication(
    sample: ProjectPaths, lang: str, featured: str
) -> None:
    html = (sample.site / f"{lang}/index.html").read_text(encoding="utf-8")
    section = html[html.index('<section class="featured"') :]
    section = section[: section.index("</section>")]
    page = read_page(sample.site, f"{lang}/index.html")
    assert page.resolve(section.split('href="')[1].split('"')[0]) == featured
    assert html.count(featured.rsplit("/", 1)[0].replace("global/", "")) >= 1
    latest = html[html.index('aria-labelledby="latest"') :]
    assert featured not in {page.resolve(h.split('"')[0]) for h in latest.split('href="')[1:]}
    logo = html[html.index('<h1 class="coalition">') :].split("</h1>")[0]
    assert '<img class="logo" src="../assets/logo.svg" alt=""' in logo
    assert (sample.site / "assets/logo.svg").read_bytes().startswith(b"<svg")
    assert page.text.count("Test Coalition") >= 2  # the header and the heading
    assert '<p class="lead">' in html


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_a_country_page_introduces_it_and_lists_each_publication_once(
    project: ProjectPaths, lang: str
) -> None:
    entries = sample_entries()
    out = write_catalogue(project, entries)
    import json

    raw = json.loads(out.read_text(encoding="utf-8"))
    raw["partners"] = {"BGD": ["BRAC", "ActionAid Bangladesh"]}
    out.write_text(json.dumps(raw), encoding="utf-8")
    write_site(project, search=False)
    page = read_page(project.site, f"{lang}/catalogue/country-bgd.html")
    assert [d["language"] + d["product"] for d in page.docs] == [
        f"{lang}brief",
        f"{lang}stocktake",
    ]
    other = "bn" if lang == "en" else "en"
    for slug in ("brief-women-health-2026", "stocktake-2025"):
        link = page.link_to(f"bgd/bgd-{slug}/{other}/about.html")  # its other language
        assert link["hreflang"] == other
    html = (project.site / f"{lang}/catalogue/country-bgd.html").read_text(encoding="utf-8")
    chip = html[html.index('href="country-bgd.html" aria-current="page"') :].split("</a>")[0]
    count = {"en": "(2)", "bn": "(২)"}[lang]  # its publications, as listed, not 4 documents
    assert f'<span class="count">{count}</span>' in chip
    intro = html[html.index('<p class="lead intro">') :].split("</p>")[0]
    assert "BRAC" in intro and "ActionAid Bangladesh" in intro
    if lang == "en":
        assert "In Bangladesh, the coalition works with BRAC and ActionAid Bangladesh." in intro
        assert "Publications: 2, in English and Bangla." in intro
    else:
        assert "বাংলাদেশ" in intro and "untranslated" not in intro
    assert "২" in read_page(project.site, "bn/catalogue/country-bgd.html").text


def test_writing_again_changes_nothing_and_is_byte_identical(
    sample: ProjectPaths, tmp_path: Path
) -> None:
    report = write_site(sample, search=False)
    assert report.written == () and report.removed == ()
    other = ProjectPaths.at(sample.root, site=tmp_path / "other", cache=tmp_path / "cache")
    write_catalogue(other, sample_entries())
    write_site(other, search=False)
    files = sorted(p.relative_to(sample.site) for p in sample.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other.site) for p in other.site.rglob("*") if p.is_file())
    for rel in files:
        assert (sample.site / rel).read_bytes() == (other.site / rel).read_bytes(), rel


def test_pages_no_longer_generated_are_removed(sample: ProjectPaths) -> None:
    kept = [e for e in sample_entries() if e["country"] != "KEN"]
    write_catalogue(sample, kept)
    report = write_site(sample, search=False)
    assert "en/catalogue/country-ken.html" in report.removed
    assert "sw/index.html" in report.removed  # no document in Swahili any more
    assert not (sample.site / "sw").exists()
    assert (sample.site / "en/catalogue/country-bgd.html").is_file()


def test_two_sites_sharing_one_cache_keep_their_own_state(
    sample: ProjectPaths, tmp_path: Path
) -> None:
    """Builds into several --site folders share .lnob-cache: each keeps its own list of
    pages (and search stamp), so one site's rebuild still removes its own stale pages."""
    other = ProjectPaths.at(sample.root, site=tmp_path / "other", cache=sample.cache)
    write_catalogue(other, [e for e in sample_entries() if e["country"] != "KEN"])
    write_site(other, search=False)
    write_catalogue(sample, [e for e in sample_entries() if e["country"] != "KEN"])
    report = write_site(sample, search=False)
    assert "en/catalogue/country-ken.html" in report.removed
    assert not (sample.site / "en/catalogue/country-ken.html").exists()
    assert (other.site / "en/catalogue/country-bgd.html").is_file()


def test_fifty_documents_are_generated_well_under_a_second(project: ProjectPaths) -> None:
    countries = ("BGD", "IND", "KEN", "NPL", "VNM")
    national = {"BGD": "bn", "IND": "hi", "KEN": "sw", "NPL": "ne", "VNM": "vi"}
    entries = []
    for c in countries:
        for i, product in enumerate(("stocktake", "research", "brief", "brief", "research")):
            entries += group(
                c,
                product,
                f"s{i}",
                2025 + i % 2,
                f"202{5 + i % 2}-0{i + 1}-10",
                ("en", national[c]),
            )
    assert len(entries) == 50
    write_catalogue(project, entries)
    write_site(project, search=False)  # the first run also parses the translation catalogues
    report = write_site(project, search=False)
    # 6 languages x (home, search, all, 16 filter values) + the root home + 50 document pages
    assert report.pages == 6 * 19 + 1 + 50


def test_an_empty_catalogue_gives_a_working_site(project: ProjectPaths) -> None:
    write_catalogue(project, [])
    report = write_site(project)
    assert report.search_updated and (project.site / "pagefind" / "pagefind.js").is_file()
    page = read_page(project.site, "en/catalogue/index.html")
    assert page.docs == [] and "Publications shown: 0" in page.text
    assert (project.site / "SHA256SUMS").read_text() == ""


def test_every_interface_string_reaches_the_translators() -> None:
    """Babel extracts every message (none hides in an f-string), and templates use no other."""
    import re

    from babel.messages.extract import extract_from_file

    from lnob import registry
    from lnob.i18n.workflow import KEYWORDS
    from lnob.paths import TEMPLATES_DIR
    from lnob.site import strings

    extracted = {
        m[1]
        for module in (strings, registry)
        for m in extract_from_file("python", module.__file__, keywords=KEYWORDS)
    }
    names = strings.site_product_names().values()
    messages = [*strings.UI.values(), *(m for pair in names for m in pair)]
    assert {m.msgid for m in messages} <= extracted
    used = set()
    for template in TEMPLATES_DIR.glob("site_*.html.j2"):
        used |= set(re.findall(r"\btp?\(\"(\w+)\"", template.read_text(encoding="utf-8")))
    from lnob.site.pages import FACET_HEADINGS

    used |= set(FACET_HEADINGS.values()) | set(strings.DOWNLOAD_KINDS.values())
    used |= {"kind_other", "listing_country", "listing_year", "listing_language"}
    assert used <= set(strings.UI), used - set(strings.UI)


def test_every_interface_word_is_translated_in_every_language(project: ProjectPaths) -> None:
    """Product names (guide and evaluation too) and every word of the site, in every
    language of data/languages.yaml: none shows in English marked untranslated."""
    from babel.messages.pofile import read_po

    from lnob.site import strings

    msgids = {m.msgid for m in strings.UI.values()}
    msgids |= {m.msgid for pair in strings.site_product_names().values() for m in pair}
    for lang in load_languages(project.languages_file):
        if lang == "en":
            continue
        po = project.root / "locale" / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as fh:
            catalogue = read_po(fh)
        missing = sorted(
            i
            for i in msgids
            if catalogue.get(i) is None or not catalogue.get(i).string or catalogue.get(i).fuzzy
        )
        assert not missing, f"{po}: no translation for {missing}"
