"""The Quarto path goes through the same two lines of defence as the Pandoc fallback.

Quarto cannot be installed on these machines (../shared/docs/TOOLCHAIN.md), so its
engine is exercised here with a stand-in `quarto` on PATH: a small program that answers
`quarto --version` and `quarto render document.md --to html --output document.html` the
way the CLI does (reading the `_quarto.yml` and template the engine writes, converting with
the real Pandoc), and then, as a Quarto extension or Lua filter could, adds hostile HTML to
its output. The build must publish none of it: the engine's output is not trusted, whatever
the engine. What this does not show is that real Quarto renders like Pandoc: that is
tests/pipeline/test_engines.py, which runs where Quarto is installed.
"""

from __future__ import annotations

import os
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lnob.build.plan import BuildOptions
from lnob.build.run import build
from lnob.paths import ProjectPaths

STAND_IN = """#!{python}
import sys
from pathlib import Path

import pypandoc
import yaml

args = sys.argv[1:]
if args == ["--version"]:
    print("1.6.0-stand-in")
    sys.exit(0)
assert args[:4] == ["render", "document.md", "--to", "html"], args
assert args[args.index("--output") + 1] == "document.html", args
config = yaml.safe_load(Path("_quarto.yml").read_text(encoding="utf-8"))
template = config["format"]["html"]["template"]
html = pypandoc.convert_text(
    Path("document.md").read_text(encoding="utf-8"),
    "html5",
    format="markdown",
    extra_args=["--template", template],
)
Path("{marker}").write_text("ran", encoding="utf-8")
Path("document.html").write_text(html + {hostile!r}, encoding="utf-8")
"""

SCRIPT = (
    '<script>alert("from the engine")</script>'
    '<p onclick="alert(1)">Injected paragraph</p>'
    '<a href="javascript:alert(2)">injected link</a>'
)
REMOTE_IMAGE = '<img src="https://evil.example/pixel.png" onerror="alert(3)">'


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [(name, value or "") for name, value in attrs]


def stand_in_quarto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: str) -> Path:
    """A `quarto` on PATH; returns the file it leaves in its working folder when it ran."""
    folder = tmp_path / "bin"
    folder.mkdir()
    marker = tmp_path / "quarto-ran"
    script = folder / "quarto"
    script.write_text(
        STAND_IN.format(python=sys.executable, marker=marker, hostile=hostile), encoding="utf-8"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return marker


def test_script_from_the_quarto_engine_never_reaches_a_page(
    project: ProjectPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = stand_in_quarto(tmp_path, monkeypatch, SCRIPT)
    report = build(project, BuildOptions(engine="quarto", jobs=1))
    assert not report.failed, [r.error for r in report.failed]
    assert ran.exists(), "the build did not go through the quarto engine"
    pages = sorted(project.site.glob("**/*.html"))
    documents = [p for p in pages if "Injected paragraph" in p.read_text(encoding="utf-8")]
    assert len(documents) == 2, "each document page shows the engine's text, made harmless"
    for page in documents:
        html = page.read_text(encoding="utf-8")
        parser = _Elements()
        parser.feed(html)
        assert "script" not in parser.tags, page
        assert 'alert("from the engine")' not in html, page
        assert not [a for a in parser.attrs if a[0].startswith("on")], page
        assert not [v for _n, v in parser.attrs if v.strip().lower().startswith("javascript:")]
        assert "quarto 1.6.0-stand-in" in html, "the colophon names the engine that rendered it"


def test_a_remote_image_from_the_quarto_engine_stops_the_document(
    project: ProjectPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran = stand_in_quarto(tmp_path, monkeypatch, REMOTE_IMAGE)
    report = build(project, BuildOptions(engine="quarto", jobs=1))
    assert ran.exists(), "the build did not go through the quarto engine"
    assert len(report.failed) == 2 and report.count("built") == 0
    for result in report.failed:
        assert "https://evil.example/pixel.png" in (result.error or ""), result.error
    assert not [p for p in project.site.glob("**/*") if "evil.example" in _text(p)]


def _text(path: Path) -> str:
    if not path.is_file() or path.suffix not in {".html", ".json", ".xml", ".txt"}:
        return ""
    return path.read_text(encoding="utf-8", errors="replace")
