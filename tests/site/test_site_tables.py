"""Wide tables on a phone (issue 20), in Chromium at 390 px over real demo documents: a
stocktake's heat map and tables, a research report's tables in Swahili and the synthesis
in Arabic (right to left). The page never scrolls sideways; a table wider than the screen
scrolls inside its wrapper with its first column kept in place, and the edge it goes on
past is shaded until its end is reached."""

from __future__ import annotations

import io
from typing import Any

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.site import load_catalogue
from tests.site.browser_checks import sideways_overflow
from tests.site.conftest import BuiltSite, serve

DOCUMENTS = (
    "npl-stocktake-2026-en",
    "ken-research-health-access-2026-sw",
    "global-synthesis-2026-ar",
)
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True}


@pytest.fixture(scope="module")
def tables_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    from tests.conftest import copy_demo

    paths = copy_demo(tmp_path_factory.mktemp("site-tables") / "demo")
    report = build(paths, BuildOptions(jobs=2), Selection(ids=DOCUMENTS))
    assert not report.failed, [r.error for r in report.failed]
    return BuiltSite(paths, load_catalogue(paths.site / "catalogue.json"))


@pytest.fixture(scope="module")
def tables_url(tables_site: BuiltSite) -> Any:
    with serve(tables_site.root) as url:
        yield url


def _edge_shade(page: Any, wrap: Any, edge: str) -> float:
    """How much darker than the paper the wrapper's own background is in its 6 px at `edge`
    ('left' or 'right'), with the table and its notes hidden (0: paper white)."""
    from PIL import Image

    wrap.evaluate("w => { for (const c of w.children) c.style.visibility = 'hidden'; }")
    shot = Image.open(io.BytesIO(wrap.screenshot())).convert("L")
    wrap.evaluate("w => { for (const c of w.children) c.style.visibility = ''; }")
    width, height = shot.size
    box = (width - 6, 0, width, height) if edge == "right" else (0, 0, 6, height)
    pixels = list(shot.crop(box).getdata())
    return 255 - sum(pixels) / len(pixels)


@pytest.mark.parametrize("doc_id", DOCUMENTS)
def test_wide_tables_scroll_in_place_with_their_first_column_and_a_cue(
    browser: Any, tables_url: str, tables_site: BuiltSite, doc_id: str
) -> None:
    doc = next(d for d in tables_site.catalogue.documents if d.id == doc_id)
    url = tables_url + doc.html
    assert sideways_overflow(browser, url) <= 0, f"{doc.html} scrolls sideways on a phone"
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        wraps = page.locator(".table-wrap")
        wide = 0
        for i in range(wraps.count()):
            wrap = wraps.nth(i)
            scroll, client = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
            if scroll <= client + 16:  # 1rem or less out of sight: a part of the shade shows
                continue
            wide += 1
            wrap.scroll_into_view_if_needed()
            rtl = wrap.evaluate("w => getComputedStyle(w).direction") == "rtl"
            onward, back = ("left", "right") if rtl else ("right", "left")
            first = wrap.locator("tbody tr > :first-child").first
            last = wrap.locator("tbody tr > :last-child").first
            before = (first.bounding_box()["x"], last.bounding_box()["x"])
            assert _edge_shade(page, wrap, onward) > 20, f"table {i}: no cue at the {onward}"
            assert _edge_shade(page, wrap, back) < 2, f"table {i}: a cue at the {back}"
            wrap.evaluate(
                "(w, rtl) => { w.scrollLeft = rtl ? -w.scrollWidth : w.scrollWidth }", rtl
            )
            after = (first.bounding_box()["x"], last.bounding_box()["x"])
            assert abs(after[0] - before[0]) < 1, f"table {i}: its first column moved"
            assert abs(after[1] - before[1]) >= scroll - client - 2, f"table {i}: did not scroll"
            assert _edge_shade(page, wrap, onward) < 2, f"table {i}: a cue at its end"
        assert wide, f"{doc_id}: no table wider than a phone (the test would check nothing)"
    finally:
        context.close()
