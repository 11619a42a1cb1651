"""A page built from a hostile brief, loaded in Chromium: no script runs and no request leaves
the machine. The brief is one the build accepts (what it refuses is in
test_markup_authored.py): code-like text in its front matter and body, entities, a link out.
Every page of the built site carries a Content-Security-Policy, and the policy itself stops a
script and a remote image planted in a built page after the fact (the third line, behind the
AST check and the sanitiser). Chromium is Debian's, driven by Playwright (tests/site)."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build
from lnob.paths import ProjectPaths
from lnob.render.csp import CSP_NAME, with_csp
from tests.conftest import make_project
from tests.site.conftest import CHROMIUM, CHROMIUM_ARGS, _unavailable, serve

DOC = "bgd-brief-women-health-2026-en"
RAN = "window.__lnob_ran = true"
HOSTILE_BRIEF = f"""---
title: 'Title <script>{RAN}</script> "quoted"'
key_messages:
  - '<img src=x onerror="{RAN}">'
  - '"><svg onload="{RAN}"></svg>'
recommendations:
  - 'javascript:{RAN}'
---
Entities &lt;script&gt;{RAN}&lt;/script&gt; and a code span `<script>{RAN}</script>`.

An escaped tag \\<img src=x onerror="{RAN}"\\> and a link out to
[the UN](https://unstats.un.org/sdgs/), never followed.
"""

# Recorded in the page before any of its own scripts: violations of the policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> ProjectPaths:
    paths = make_project(tmp_path_factory.mktemp("hostile") / "project")
    brief = paths.briefs / "BGD" / "women-health" / "en.md"
    brief.write_text(HOSTILE_BRIEF, encoding="utf-8")
    report = build(paths, BuildOptions(jobs=1), Selection(ids=(DOC,)))
    assert not report.failed, [r.error for r in report.failed]
    return paths


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
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


class Visit:
    """One page load: every request the page made, dialogs, script errors, violations."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        host = urlsplit(base).netloc
        self.page.add_init_script(RECORD_VIOLATIONS)
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

        def route(r: Any) -> None:
            self.requests.append(r.request.url)
            if urlsplit(r.request.url).netloc != host:
                self.outside.append(r.request.url)
                r.abort()
            else:
                r.continue_()

        self.context.route("**/*", route)

    def ran(self) -> bool:
        return bool(self.page.evaluate("window.__lnob_ran === true"))

    def violations(self) -> list[str]:
        return list(self.page.evaluate("window.__violations"))


def _document_folder(paths: ProjectPaths) -> Path:
    pdf = next(paths.site.rglob(f"{DOC}.pdf"))
    return pdf.parent


def test_no_script_runs_and_no_request_leaves_the_machine(
    hostile_site: ProjectPaths, browser: Any
) -> None:
    folder = _document_folder(hostile_site)
    rel = folder.relative_to(hostile_site.site).as_posix()
    with serve(hostile_site.site) as base:
        visit = Visit(browser, base)
        visit.page.goto(f"{base}{rel}/index.html", wait_until="load")
        visit.page.wait_for_timeout(300)
        text = visit.page.inner_text("body")
        assert not visit.ran() and not visit.dialogs
        assert visit.outside == [], visit.outside
        assert all(urlsplit(u).scheme == "http" for u in visit.requests)
        assert visit.violations() == []  # nothing was even attempted
        # the payloads are shown, as characters
        assert f"<script>{RAN}</script>" in text
        assert f'<img src=x onerror="{RAN}">' in text
        # the link out is a link, to the address written; nothing else is a link out
        hrefs = visit.page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")
        outside = [h for h in hrefs if urlsplit(h).netloc != urlsplit(base).netloc]
        assert outside == ["https://unstats.un.org/sdgs/"], hrefs
        assert not any(urlsplit(h).scheme == "javascript" for h in hrefs)
        visit.context.close()


def test_the_policy_stops_a_planted_script_and_a_remote_image(
    hostile_site: ProjectPaths, browser: Any, tmp_path: Path
) -> None:
    """As if something got past the AST check and the sanitiser: a script, a handler and a
    remote image written into the built page after its policy."""
    folder = _document_folder(hostile_site)
    html = (folder / "index.html").read_text(encoding="utf-8")
    planted = (
        f"<body><script>{RAN}</script>"
        f'<img src="https://evil.example/p.png" onerror="{RAN}">'
        f'<p style="color:red">styled</p>'
    )
    (folder / "planted.html").write_text(html.replace("<body", planted + "<i", 1), "utf-8")
    rel = folder.relative_to(hostile_site.site).as_posix()
    with serve(hostile_site.site) as base:
        visit = Visit(browser, base)
        visit.page.goto(f"{base}{rel}/planted.html", wait_until="load")
        visit.page.wait_for_timeout(300)
        assert not visit.ran() and not visit.dialogs
        assert visit.outside == []  # the policy refused it before any request
        violations = " ".join(visit.violations())
        assert "script-src" in violations and "img-src" in violations
        assert "style-src" in violations
        # the page's own inline style, allowed by its hash, still applies
        assert visit.page.evaluate("document.styleSheets.length") >= 1
        visit.context.close()


@pytest.mark.parametrize("path", ["index.html", "en/index.html", "en/catalogue/index.html"])
def test_the_site_pages_showing_the_hostile_title_run_nothing_of_it(
    hostile_site: ProjectPaths, browser: Any, path: str
) -> None:
    with serve(hostile_site.site) as base:
        visit = Visit(browser, base)
        visit.page.goto(f"{base}{path}", wait_until="load")
        visit.page.wait_for_timeout(200)
        assert not visit.ran() and not visit.dialogs
        assert visit.outside == [] and visit.violations() == []
        if path != "index.html":
            assert f"<script>{RAN}</script>" in visit.page.inner_text("main")
        visit.context.close()


def test_the_site_search_runs_under_its_policy(hostile_site: ProjectPaths, browser: Any) -> None:
    """Pagefind (a script file and WebAssembly) works under the policy, and a result from
    the hostile brief, excerpt and title, is shown as text."""
    with serve(hostile_site.site) as base:
        visit = Visit(browser, base)
        visit.page.goto(f"{base}en/search.html?q=entities", wait_until="load")
        visit.page.wait_for_selector("[data-search-results] li", timeout=15_000)
        visit.page.wait_for_timeout(200)
        assert "<script>" in visit.page.inner_text("[data-search-results]")
        assert not visit.ran() and not visit.dialogs
        assert visit.violations() == []
        assert visit.outside == []
        visit.context.close()


def test_the_pdf_links_only_where_the_html_does(hostile_site: ProjectPaths) -> None:
    from pypdf import PdfReader

    pdf = next(hostile_site.site.rglob(f"{DOC}.pdf"))
    uris = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            if "/URI" in action:
                uris.append(str(action["/URI"]))
    assert "https://unstats.un.org/sdgs/" in uris
    for uri in uris:
        assert urlsplit(uri).scheme in ("http", "https", "mailto", ""), uri
        assert "javascript" not in uri.lower() or urlsplit(uri).scheme == "", uri


class _Heads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.policies: list[str] = []
        self.first_meta: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "meta":
            self.first_meta.append(names.get("http-equiv") or names.get("charset") or "")
            if names.get("http-equiv") == CSP_NAME:
                self.policies.append(names["content"] or "")
        self._in_style = tag == "style"
        if self._in_style:
            self.styles.append("")

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles[-1] += data

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False


def test_every_page_of_the_site_has_a_policy(hostile_site: ProjectPaths) -> None:
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        heads = _Heads()
        heads.feed(page.read_text(encoding="utf-8"))
        assert len(heads.policies) == 1, page
        assert heads.first_meta[:2] == ["utf-8", CSP_NAME], page  # before anything it governs
        policy = heads.policies[0]
        assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy
        assert "'unsafe-eval'" not in policy.replace("'wasm-unsafe-eval'", "")
        for style in heads.styles:  # each inline style is allowed by its own hash
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy, page


def test_a_page_with_an_inline_script_is_refused() -> None:
    with pytest.raises(ValueError, match="inline script"):
        with_csp('<html><head><meta charset="utf-8"></head><body><script>x()</script>')
    page = with_csp('<html><head><meta charset="utf-8"><script src="a.js"></script></head>')
    assert "script-src 'self'" in page
    assert "script-src 'none'" in with_csp('<html><head><meta charset="utf-8"></head></html>')
