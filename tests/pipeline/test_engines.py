"""Render engines: Pandoc here; Quarto where installed. Both must give the same document."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lnob.errors import BuildError
from lnob.render.engines import PandocRenderer, QuartoRenderer, RenderOptions, get_renderer

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = """```{=html}
<h2 id="sec-1">Key messages</h2>
```

Authored *Markdown* with a list:

1. first
2. second

<script>alert("authored raw HTML is text")</script>
"""


def normalise(html: str) -> str:
    return re.sub(r"\s+", " ", html).strip()


def test_auto_is_pandoc_without_quarto(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert isinstance(get_renderer("auto", ROOT), PandocRenderer)
    with pytest.raises(BuildError, match="not on PATH"):
        get_renderer("quarto", ROOT)
    with pytest.raises(BuildError, match="No render engine named 'latex'"):
        get_renderer("latex", ROOT)


def test_pandoc_keeps_package_html_and_escapes_authored_html() -> None:
    html = PandocRenderer(RenderOptions.from_project(ROOT)).to_html(SAMPLE, "en")
    assert '<h2 id="sec-1">Key messages</h2>' in html
    assert "<ol" in html and "<em>Markdown</em>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_both_engines_read_the_project_options() -> None:
    options = RenderOptions.from_project(ROOT)
    assert options.reader.startswith("markdown-raw_html")
    assert options.template.name == "fragment.html" and options.template.is_file()


@pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="Quarto is not installed on this machine (it cannot be: see "
    "../shared/docs/TOOLCHAIN.md); the Pandoc fallback was tested instead",
)
def test_quarto_and_pandoc_give_the_same_document() -> None:
    quarto = QuartoRenderer(shutil.which("quarto"), RenderOptions.from_project(ROOT))
    pandoc = PandocRenderer(RenderOptions.from_project(ROOT))
    assert normalise(quarto.to_html(SAMPLE, "en")) == normalise(pandoc.to_html(SAMPLE, "en"))
