"""Authored Markdown: each attack is a case with its refusal (the file line named), or with
the safe output it must give. Pandoc itself reads every case; nothing is mocked."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from lnob.errors import BuildError, InputError
from lnob.products.authored import read_authored
from lnob.render.engines import get_renderer
from lnob.render.markup import check_document, safe_link
from lnob.render.sanitise import sanitise
from lnob.stages.render import to_markdown

ROOT = Path(__file__).resolve().parents[2]
FRONT = "---\ntitle: T\nkey_messages: [a]\nrecommendations: [b]\n---\n"  # body starts on line 6
READER = get_renderer("pandoc", ROOT).options.reader

# (name, body, line of the refused element, words the message must hold)
REFUSED = [
    ("script tag", "Fine.\n\n<script>alert(1)</script>\n", 8, "raw HTML"),
    ("tag split over lines", "Text <scr\nipt>alert(1)</script> more.\n", 6, "raw HTML"),
    ("img onerror over lines", "<img\nsrc=x\nonerror=alert(1)>\n", 6, "raw HTML"),
    ("HTML comment", "Text.\n\n<!-- hidden -->\n", 8, "raw HTML"),
    ("raw block html", "Text.\n\n```{=html}\n<b>x</b>\n```\n", 8, "raw HTML"),
    ("raw block html5", "```{=html5}\n<b>x</b>\n```\n", 6, "raw HTML"),
    ("raw block HTML", "```{=HTML}\n<b>x</b>\n```\n", 6, "raw HTML"),
    ("raw block spaced", "``` { =html }\n<b>x</b>\n```\n", 6, "raw HTML"),
    ("raw block tilde", "~~~{=html}\n<b>x</b>\n~~~\n", 6, "raw HTML"),
    ("raw block latex", "```{=latex}\n\\input{/etc/passwd}\n```\n", 6, "raw HTML"),
    ("inline raw", "Text `<b>x</b>`{=html} more.\n", 6, "raw HTML"),
    ("inline raw spaced", "Text\nand `<b>x</b>`{ =html } more.\n", 7, "raw HTML"),
    ("inline raw other format", "Text `x`{=openxml}.\n", 6, "raw HTML"),
    ("raw TeX", "\\begin{verbatim}x\\end{verbatim}\n", 6, "raw HTML"),
    ("entity inside a tag", "<scr&#105;pt>alert(1)</script>\n", 6, "raw HTML"),
    ("raw in a div", "::: note\n<iframe src=x></iframe>\n:::\n", 6, "raw HTML"),
    ("javascript link", "See [this](javascript:alert(1)).\n", 6, "link"),
    ("javascript mixed case", "See [this](JaVaScRiPt:alert(1)).\n", 6, "link"),
    ("javascript colon entity", "See [this](javascript&#58;alert(1)).\n", 6, "link"),
    ("javascript autolink", "Text.\n\n<javascript:alert(1)>\n", 8, "link"),
    ("javascript reference", "See [this][r].\n\n[r]: javascript:alert(1)\n", 8, "link"),
    ("javascript leading space", "See [this](< javascript:alert(1)>).\n", 6, "link"),
    ("data link", "See [this](data:text/html;base64,PHNjcmlwdD4=).\n", 6, "link"),
    ("vbscript link", "See [this](vbscript:msgbox).\n", 6, "link"),
    ("file link", "See [this](file:///etc/passwd).\n", 6, "link"),
    ("protocol-relative link", "See [this](//evil.example/x).\n", 6, "link"),
    ("backslashes to another host", "See [this](\\\\\\\\evil.example/x).\n", 6, "link"),
    ("remote image", "![chart](https://evil.example/p.png)\n", 6, "image"),
    ("data image", "![chart](data:image/svg+xml,<svg onload=alert(1)>)\n", 6, "image"),
    ("onclick on a link", "[x](https://a.example){onclick=alert(1)}\n", 6, "attribute"),
    ("style on a span", "Text [x]{style=color:red}.\n", 6, "attribute"),
    ("handler on a div", "::: {onmouseover=alert(1)}\nx\n:::\n", 6, "attribute"),
    ("YAML block in the text", "Text.\n\n---\nfilters: [evil.lua]\n---\n", 8, "YAML block"),
    ("YAML block with raw", "---\nheader-includes: '<script>x</script>'\n...\n", 6, "YAML"),
]


@pytest.mark.parametrize(("name", "body", "row", "words"), REFUSED, ids=[c[0] for c in REFUSED])
def test_attack_in_authored_text_is_refused_with_its_line(
    tmp_path: Path, name: str, body: str, row: int, words: str
) -> None:
    path = tmp_path / "en.md"
    path.write_text(FRONT + body, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_authored(path, "brief", "en")
    assert caught.value.row == row, (name, str(caught.value))
    assert words in caught.value.problem
    assert str(path) in str(caught.value) and caught.value.hint


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text += data


def _rendered(body: str) -> _Elements:
    html = sanitise(get_renderer("pandoc", ROOT).to_html(body, "en"))
    parsed = _Elements()
    parsed.feed(html)
    return parsed


SHOWN_AS_TEXT = [
    ("entities", "&lt;script&gt;alert(x)&lt;/script&gt;", "<script>alert(x)</script>"),
    ("escaped tag", "\\<script\\>alert(x)\\</script\\>", "<script>alert(x)</script>"),
    ("code span", "`<script>alert(x)</script>`", "<script>alert(x)</script>"),
    ("fence with a space", "```{= html}\n<b>x</b>\n```", "{= html} <b>x</b>"),
    ("rules, not a YAML block", "Rule:\n\n---\nSome text\n---", "Some text"),
    ("template syntax", "{{ a }} ${{b}} ' OR 'a'='a' --", "{{ a }} ${{b}} ' OR 'a'='a' --"),
]


@pytest.mark.parametrize(
    ("name", "body", "shown"), SHOWN_AS_TEXT, ids=[c[0] for c in SHOWN_AS_TEXT]
)
def test_text_that_looks_like_markup_is_accepted_and_shown_as_characters(
    tmp_path: Path, name: str, body: str, shown: str
) -> None:
    path = tmp_path / "en.md"
    path.write_text(FRONT + body + "\n", encoding="utf-8")
    authored = read_authored(path, "brief", "en")
    out = _rendered(authored.body)
    assert shown in out.text
    assert not {"script", "b", "iframe", "img"} & set(out.tags)


def test_allowed_links_are_kept(tmp_path: Path) -> None:
    body = (
        "[a](https://unstats.un.org/sdgs/) [b](http://example.org) [c](mailto:team@example.org) "
        "[d](../../bgd/bgd-stocktake-2025/en/index.html#sec-1) [e](#sec-2)\n\n"
        "![logo](logo.png)\n\n::: {lang=fr dir=ltr title=Note}\nTexte.\n:::\n"
    )
    path = tmp_path / "en.md"
    path.write_text(FRONT + body, encoding="utf-8")
    out = _rendered(read_authored(path, "brief", "en").body)
    hrefs = [v for k, v in out.attrs if k == "href"]
    assert hrefs == [
        "https://unstats.un.org/sdgs/",
        "http://example.org",
        "mailto:team@example.org",
        "../../bgd/bgd-stocktake-2025/en/index.html#sec-1",
        "#sec-2",
    ]
    assert ("src", "logo.png") in out.attrs and ("lang", "fr") in out.attrs


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://a.example/x", True),
        ("HTTPS://a.example/x", True),
        ("mailto:a@b.example", True),
        ("../a/index.html", True),
        ("index.html#x", True),
        # `[x](< javascript:...>)`: Pandoc writes the space as %20; a browser reads a
        # relative path, but decoded it is a script, so it is refused
        ("%20javascript:alert(1)", False),
        ("%6Aavascript:alert(1)", False),
        ("a%20b/index.html", True),
        ("javascript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("https:evil.example", False),  # no host: browsers go to evil.example
        ("//evil.example", False),
        ("\\\\evil.example", False),
        ("/\\evil.example", False),
        ("data:text/html,x", False),
        ("ftp://a.example", False),
    ],
)
def test_link_targets(url: str, safe: bool) -> None:
    assert safe_link(url) is safe


def test_the_whole_document_may_hold_only_the_package_blocks() -> None:
    """The render stage reads the joined document with the renderer's own reader."""

    class Part:
        def __init__(self, kind: str, text: str) -> None:
            self.kind, self.text = kind, text

    package = Part("html", '<figure class="chart"><img src="fig-1.png" alt="x"></figure>')
    fine = [package, Part("markdown", "Some **text**.")]
    check_document(to_markdown(fine), READER, [package.text], "doc")
    for authored in (
        "`<script>alert(1)</script>`{=html}",  # inline raw
        "```{=html}\n<script>alert(1)</script>\n```",  # a raw block of its own
        f"```{{=html}}\n{package.text}\n```",  # the package's own block, repeated
    ):
        parts = [Part("markdown", authored), package]
        with pytest.raises(BuildError, match="refused before rendering"):
            check_document(to_markdown(parts), READER, [package.text], "doc")
    swallowed = [Part("markdown", "```\nan unclosed fence"), package]
    with pytest.raises(BuildError, match="unclosed code fence"):
        check_document(to_markdown(swallowed), READER, [package.text], "doc")


@pytest.mark.parametrize(
    "html",
    [
        "<p>x</p><script>alert(1)</script>",
        '<p onclick="alert(1)">x</p>',
        '<img src="x" onerror="alert(1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<a href="data:text/html,x">x</a>',
        '<iframe src="https://evil.example"></iframe>',
        '<form action="https://evil.example"><input name="q"></form>',
        '<p style="background:url(https://evil.example/x)">x</p>',
        "<style>body{background:url(https://evil.example/x)}</style>",
        '<svg><script>alert(1)</script></svg><math><mi href="javascript:x">x</mi></math>',
        '<object data="x.swf"></object><embed src="x"><base href="https://evil.example/">',
    ],
)
def test_the_sanitiser_keeps_no_script_handler_or_remote_load(html: str) -> None:
    out = _Elements()
    out.feed(sanitise(html))
    assert not {"script", "iframe", "form", "input", "style", "svg", "math", "object"} & set(
        out.tags
    )
    assert not {"embed", "base"} & set(out.tags)
    for key, value in out.attrs:
        assert not key.startswith("on") and key != "style", (key, value)
        assert "javascript" not in (value or "") and "evil" not in (value or ""), (key, value)


def test_the_sanitiser_leaves_the_package_html_as_it_is() -> None:
    html = (
        '<section class="key-numbers"><h3>Key</h3><dl><div class="key-number official">'
        '<dt>42%</dt><dd>Women<span class="provenance">Official</span></dd></div></dl></section>'
        '<table class="data"><caption>T</caption><thead><tr><th scope="col" colspan="2">A</th>'
        '</tr></thead><tbody><tr><td class="num">1</td></tr></tbody></table>'
        '<p><bdi dir="ltr" lang="en">Location</bdi> <a href="../x/index.html">x</a></p>'
        '<figure class="chart" id="fig-1"><img src="fig-1.png" alt="A chart">'
        "<figcaption>F</figcaption></figure>"
        '<nav class="document-links" aria-label="Links"><ul><li>x</li></ul></nav>'
    )
    assert sanitise(html) == html
