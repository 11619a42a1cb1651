"""A reader's visit in a real browser (Debian's Chromium under Playwright), against the
built site-multi served on 127.0.0.1, and axe-core on every page type."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.site.browser_checks import serious_violations, sideways_overflow
from tests.site.conftest import BuiltSite

BRIEF_BN = "bgd/bgd-brief-women-health-2026/bn"
BRIEF_EN = "bgd/bgd-brief-women-health-2026/en"
BANGLA_WORD = "স্বাস্থ্যসেবা"  # 'health care', in the title and text of the Bangla brief


def test_a_reader_finds_reads_and_downloads_a_brief(
    page: Any, site_url: str, site_multi: BuiltSite
) -> None:
    page.goto(site_url)
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Test Coalition"

    # switch language: the Bangla home
    page.locator(".language-switcher a[hreflang='bn']").click()
    page.wait_for_url(f"{site_url}bn/index.html")
    assert page.get_attribute("html", "lang") == "bn"

    # the catalogue, filtered to one country with the form (and the address remembers it)
    page.locator(".site-nav a").nth(1).click()
    page.wait_for_url(f"{site_url}bn/catalogue/index.html")
    form = page.locator("form[data-filter]")
    assert form.is_visible()
    form.locator("select[name='country']").select_option("bgd")
    visible = page.locator("li.doc:visible")
    assert visible.count() == 2
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.country)")) == {"bgd"}
    assert page.url.endswith("?country=bgd")
    assert page.locator("[data-shown]").inner_text().endswith("২")  # in Bengali digits
    # the language switcher carries the filter to the same listing in English
    english = page.locator(".language-switcher a[hreflang='en']").get_attribute("href")
    assert english == "../../en/catalogue/index.html?country=bgd"

    # open the brief in Bangla
    page.locator("li.doc[data-language='bn'] h3 a").click()
    page.wait_for_url(f"{site_url}{BRIEF_BN}/about.html")
    doc = next(d for d in site_multi.catalogue.documents if d.folder == BRIEF_BN)
    assert page.locator("h1").inner_text() == doc.title

    # download its PDF and check it against the catalogue
    with page.expect_download() as download_info:
        page.locator("a[type='application/pdf']").click()
    download = download_info.value
    data = Path(download.path()).read_bytes()
    assert hashlib.sha256(data).hexdigest() == doc.pdf_sha256
    assert len(data) == doc.pdf_size

    # the switcher keeps the reader on the same document in English
    page.locator(".language-switcher a[hreflang='en']").click()
    page.wait_for_url(f"{site_url}{BRIEF_EN}/about.html")
    assert page.get_attribute("html", "lang") == "en"

    # and the reading view opens
    page.locator("a.button").first.click()
    page.wait_for_url(f"{site_url}{BRIEF_EN}/index.html")


def test_without_javascript_the_static_listings_do_the_filtering(
    browser: Any, site_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}en/catalogue/index.html")
        assert not page.locator("form[data-filter]").is_visible()
        page.locator("nav.facets a[href='country-ken.html']").click()
        page.wait_for_url(f"{site_url}en/catalogue/country-ken.html")
        countries = page.locator("li.doc").evaluate_all("els => els.map(e => e.dataset.country)")
        assert countries == ["ken"]  # the brief once, in English, with its Swahili version
        assert page.locator("li.doc a[type='application/pdf']").count() == 1
        assert page.locator("li.doc .also-in a[hreflang='sw']").count() == 1
        page.goto(f"{site_url}en/search.html")
        assert page.locator("[data-nojs]").is_visible()
    finally:
        context.close()


def test_search_in_bangla_finds_the_bangladesh_documents(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}bn/search.html")
    assert not page.locator("[data-nojs]").is_visible()
    page.fill("#search-q", BANGLA_WORD)
    page.locator("form[data-search] button").click()
    results = page.locator("[data-search-results] li")
    results.first.wait_for(timeout=10_000)
    hrefs = results.locator("h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all("/bgd/" in h for h in hrefs), hrefs
    assert f"/{BRIEF_BN}/index.html" in hrefs[0]
    assert results.first.locator("mark").first.inner_text() == BANGLA_WORD
    assert page.url.endswith(
        "?q=" + "%E0%A6%B8%E0%A7%8D%E0%A6%AC%E0%A6%BE%E0%A6%B8%E0%A7%8D%E0"
        "%A6%A5%E0%A7%8D%E0%A6%AF%E0%A6%B8%E0%A7%87%E0%A6%AC%E0%A6%BE"
    )
    page.locator("[data-search-results] li .doc-links a").first.click()
    page.wait_for_url(f"**/{BRIEF_BN}/about.html")


def test_search_in_swahili_does_not_return_other_languages(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}sw/search.html?q=afya")
    results = page.locator("[data-search-results] li")
    results.first.wait_for(timeout=10_000)
    hrefs = results.locator("h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert len(hrefs) == 1 and "/ken/ken-brief-health-access-2025/sw/" in hrefs[0]


@pytest.mark.parametrize(
    "path", ["index.html", "bn/catalogue/index.html", f"{BRIEF_BN}/about.html", "en/search.html"]
)
def test_pages_fit_a_phone_screen(browser: Any, site_url: str, path: str) -> None:
    overflow = sideways_overflow(browser, site_url + path)
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px on a phone"


@pytest.mark.parametrize(
    "path",
    [
        "index.html",  # home
        "bn/index.html",
        "en/catalogue/index.html",  # catalogue listing, with the filter form
        "bn/catalogue/country-bgd.html",  # a static filtered listing
        f"{BRIEF_BN}/about.html",  # a document's page
        f"{BRIEF_EN}/index.html",  # the document itself
        f"{BRIEF_BN}/index.html",
        "bn/search.html?q=" + BANGLA_WORD,  # search, with results
    ],
)
def test_axe_finds_no_serious_or_critical_violation(page: Any, site_url: str, path: str) -> None:
    page.goto(site_url + path)
    if "search.html?q=" in path:
        page.locator("[data-search-results] li").first.wait_for(timeout=10_000)
    serious = serious_violations(page)
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['html'][:120] for n in v['nodes'][:3]]}"
        for v in serious
    )
    assert not serious, f"{path}:\n{report}"
