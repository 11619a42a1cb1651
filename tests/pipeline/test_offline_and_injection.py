"""No network during a build, and data never runs as code.

A local HTTP server on 127.0.0.1 records every request: a document that references a remote
image, stylesheet or font fails (WeasyPrint) or renders (Pandoc) without one request reaching
it. Values with quotes, newlines and code-like text, in authored text and in parameters, are
shown as plain text in the HTML and the PDF, and nothing they say is executed.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.errors import BuildError, LnobError
from lnob.paths import ProjectPaths
from lnob.stages import execute, pdf


class _Recorder(BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server name
        type(self).seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """http://127.0.0.1:<port> and the list of paths requested from it."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_recording_server_does_record(server: tuple[str, list[str]]) -> None:
    """The check below could not fail if the server never saw anything."""
    import urllib.request

    url, seen = server
    urllib.request.urlopen(f"{url}/probe.png", timeout=5).read()
    assert seen == ["/probe.png"]


@pytest.mark.parametrize(
    "remote",
    [
        '<img src="{url}/image.png" alt="x">',
        '<link rel="stylesheet" href="{url}/style.css">',
        '<style>@import url("{url}/imported.css");</style>',
        '<style>@font-face {{font-family: Remote; src: url("{url}/font.woff2")}} '
        "p {{font-family: Remote}}</style>",
        '<style>p {{background: url("{url}/background.png")}}</style>',
    ],
)
def test_pdf_refuses_remote_resources_without_fetching(
    remote: str, tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    url, seen = server
    html = tmp_path / "doc" / "index.html"
    html.parent.mkdir()
    html.write_text(
        f'<!DOCTYPE html><html lang="en"><head><title>T</title>'
        f"{remote.format(url=url)}</head><body><p>Hello</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="never use the network"):
        pdf.write_pdf(html, tmp_path / "o.pdf", fonts=["Noto Sans"], where="test")
    assert seen == []
    assert not (tmp_path / "o.pdf").exists()


def test_pandoc_renders_remote_references_without_fetching(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    from lnob.render.engines import get_renderer

    url, seen = server
    root = Path(__file__).resolve().parents[2]
    engine = get_renderer("pandoc", root)
    html = engine.to_html(f"![chart]({url}/chart.png)\n\n[data]({url}/data.csv)\n", "en")
    assert f"{url}/chart.png" in html  # a reference in the text, never fetched
    assert seen == []
    options = (root / "_quarto.yml").read_text(encoding="utf-8")
    for flag in ("embed-resources: true", "self-contained: true", "extract-media"):
        assert flag not in options, f"_quarto.yml asks the renderer for {flag}"


# Authored text may hold no typed figures, so the payloads have no digits (and no path).
PAYLOADS = (
    '<script>alert("x")</script>',
    "\"; import os; os.system('touch sentinel') #",
    "{{ a*b }} ${{a*b}} `rm -rf /` ' OR 'a'='a' --",
)


def test_text_with_code_in_it_is_shown_as_text(project: ProjectPaths, tmp_path: Path) -> None:
    """Raw HTML in the Markdown body is refused (see test_brief_text); values in the front
    matter are data, escaped wherever they are shown."""
    sentinel = project.root / "sentinel"
    payloads = [p.format() for p in PAYLOADS]
    brief = project.briefs / "BGD" / "women-health" / "en.md"
    messages = "\n".join(f"  - 'Message: {p.replace(chr(39), chr(39) * 2)}'" for p in payloads)
    brief.write_text(
        '---\ntitle: \'Title <script>alert("t")</script> "quoted"\'\n'
        f"key_messages:\n{messages}\n"
        "recommendations:\n  - Fund community health workers.\n---\n"
        "Context with \"; exec('x') # and\na newline.\n",
        encoding="utf-8",
    )
    report = build(project, BuildOptions(jobs=1))
    assert not report.failed, [r.error for r in report.failed]
    html_files = list(project.site.rglob("bgd-brief-women-health-2026-en.pdf"))
    assert html_files, sorted(str(p) for p in project.site.rglob("*.pdf"))
    folder = html_files[0].parent
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
        or '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    )
    assert "os.system(" in html  # shown, as text
    text = subprocess.run(
        ["pdftotext", str(html_files[0]), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert '<script>alert("x")</script>' in flat
    assert "import os; os.system(" in flat
    assert not sentinel.exists(), "a value from authored text was executed"


def test_parameters_with_code_in_them_are_values(project: ProjectPaths, tmp_path: Path) -> None:
    """Papermill writes parameters as literals: a 'document' that looks like code is a name."""
    sentinel = tmp_path / "executed"
    evil = f'x"; import os; os.system("touch {sentinel}") #\n__import__("os").system("x")'
    with pytest.raises(LnobError) as exc:
        execute.execute(
            project.notebooks / "brief.ipynb",
            tmp_path / "e.ipynb",
            {"country": "BGD", "language": "en", "document": evil, "year": 2026, "preview": False},
            project.root,
        )
    assert not sentinel.exists()
    assert "import os" in str(exc.value)  # the value is reported back as the name it is
