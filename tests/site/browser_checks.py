"""What the browser tests check on any page: axe-core's serious findings, and whether the
page scrolls sideways at phone width."""

from __future__ import annotations

from typing import Any

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True}


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.1 AA violations of the open page with a serious or critical impact."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        from tests.site.conftest import _unavailable

        _unavailable("the Python package axe-playwright-python (it ships axe-core) is missing")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def sideways_overflow(browser: Any, url: str) -> int:
    """How many pixels the page at `url` scrolls sideways on a phone-sized screen."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.goto(url)
        # clientWidth, not innerWidth: on a phone the browser widens its layout viewport (and
        # innerWidth) to a page that overflows, so innerWidth never showed the overflow.
        return page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    finally:
        context.close()
