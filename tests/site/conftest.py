"""Fixtures of the site tests: the site-multi project built once, a local web server over
its `_site/`, and Debian's Chromium driven by Playwright.

Browser tests skip, saying why, only when Chromium is absent on a developer's machine;
in CI (CI=true) a missing browser or driver fails them.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.paths import ProjectPaths
from lnob.site import SiteCatalogue, load_catalogue

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@dataclass(frozen=True)
class BuiltSite:
    paths: ProjectPaths
    catalogue: SiteCatalogue

    @property
    def root(self) -> Path:
        return self.paths.site


@pytest.fixture(scope="session")
def site_multi(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/fixtures/site-multi built once: BGD en+bn (2026) and KEN en+sw (2025) briefs."""
    from tests.conftest import make_project

    paths = make_project(tmp_path_factory.mktemp("site") / "project", "site-multi")
    report = build(paths, BuildOptions(jobs=2))
    assert not report.failed, [r.error for r in report.failed]
    assert not getattr(report, "site_error", ""), report.site_error
    return BuiltSite(paths, load_catalogue(paths.site / "catalogue.json"))


RESEARCH = ("ken-research-health-access-2026-en", "ken-research-health-access-2026-sw")


@pytest.fixture(scope="session")
def research_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real demo's Kenya health-access research report (charts, tables and Open SDG
    downloads) built once in English and Swahili, with its site."""
    from tests.conftest import copy_demo

    paths = copy_demo(tmp_path_factory.mktemp("site-research") / "demo")
    report = build(paths, BuildOptions(jobs=2), Selection(ids=RESEARCH))
    assert not report.failed, [r.error for r in report.failed]
    assert not getattr(report, "site_error", ""), report.site_error
    return BuiltSite(paths, load_catalogue(paths.site / "catalogue.json"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """A site folder served on 127.0.0.1 at a free port."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_url(site_multi: BuiltSite) -> Iterator[str]:
    """The built site-multi served on 127.0.0.1, for the whole session."""
    with serve(site_multi.root) as url:
        yield url


@pytest.fixture(scope="session")
def research_url(research_site: BuiltSite) -> Iterator[str]:
    """The built research site served on 127.0.0.1, for the whole session."""
    with serve(research_site.root) as url:
        yield url


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"CI must run the browser tests, but {reason}. scripts/system-deps.sh "
            "installs chromium; requirements.lock installs playwright and "
            "axe-playwright-python"
        )
    pytest.skip(f"{reason}; install it with `make system-deps` (Debian package chromium)")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright (Playwright's own browser downloads are not used)."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package playwright is not installed")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser page (its own context) that fails the test on a script error."""
    context = browser.new_context(accept_downloads=True)
    new_page = context.new_page()
    new_page.set_default_timeout(10_000)
    errors: list[str] = []
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield new_page
    context.close()
    assert not errors, f"script errors on the page: {errors}"
