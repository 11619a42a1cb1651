"""What authored Markdown may contain, decided on Pandoc's AST, never on the text.

Authored text is prose: Pandoc reads it into its AST (`pandoc -t json`) and the tree is
walked. Refused: any raw element (`RawBlock`, `RawInline`: HTML or TeX tags, `{=html}`
blocks and spans in any spelling of the format), a link whose target is not `http`,
`https`, `mailto` or a path of the site itself, an image that is not the site's own file,
and attributes other than `lang`, `dir` and `title` (no `onclick`, `style`, `src`).
Authored text is read with Pandoc's full Markdown (every raw extension on), a superset of
what the renderer's reader sees, so nothing the renderer could take for markup gets
through; the whole document is read again with the renderer's own reader before it is
rendered (`check_document`), and the rendered HTML goes through an allow-list sanitiser
(`lnob.render.sanitise`) as a second line.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lnob.errors import BuildError, InputError

# Pandoc's Markdown with every extension that reads markup (raw_html, raw_tex, raw_attribute,
# markdown_in_html_blocks): the widest reading of an authored file.
AUTHORED_READER = "markdown"

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
ATTRIBUTES = frozenset({"lang", "dir", "title"})
_SPACE = "".join(chr(c) for c in range(33))  # C0 controls and space, as browsers strip them


@dataclass(frozen=True)
class Unsafe:
    """One element of authored text that is refused: what it is and what it holds."""

    kind: str  # "raw", "link", "image", "attribute", "metadata"
    found: str
    node: str = ""  # the Pandoc element: RawBlock, RawInline, Link, ...
    spans: int = 0  # line breaks inside it (raw text over several lines)

    def problem(self) -> str:
        return {
            "raw": "raw HTML or a raw block is not allowed in authored text",
            "link": "a link may only go to http, https, mailto or a page of the site",
            "image": "an image must be a file of the site, not a web address",
            "attribute": "only the attributes lang, dir and title are allowed in authored text",
            "metadata": "a YAML block inside the text is not allowed (it could set the "
            "renderer's options)",
        }[self.kind]


def pandoc_ast(markdown: str, reader: str) -> dict[str, Any]:
    """Pandoc's AST of `markdown` read with `reader`."""
    import pypandoc

    try:
        return json.loads(pypandoc.convert_text(markdown, "json", format=reader))  # type: ignore[no-any-return]
    except RuntimeError as exc:
        raise BuildError(f"pandoc could not read the Markdown: {exc}") from exc


def _nodes(node: Any) -> Iterator[dict[str, Any]]:
    """Every element of a Pandoc AST (blocks, inlines, metadata), depth first."""
    if isinstance(node, dict):
        if "t" in node:
            yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list):
        for item in node:
            yield from _nodes(item)


def safe_link(url: str) -> bool:
    """`http`, `https`, `mailto`, or a path of the site itself (no host, no scheme), also
    once percent-decoded: `%20javascript:` is a relative path to a browser, but a PDF viewer
    or a later tool may decode it."""
    decoded = unquote(url)
    return _safe_target(url) and (decoded == url or _safe_target(decoded))


def _safe_target(url: str) -> bool:
    url = url.strip(_SPACE).replace("\\", "/")
    url = "".join(ch for ch in url if ch not in "\t\n\r")
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme:
        return parts.scheme.lower() in LINK_SCHEMES and (
            parts.scheme.lower() == "mailto" or bool(parts.netloc)
        )
    return not parts.netloc and not url.startswith("//")


def _site_file(url: str) -> bool:
    """A relative path of the site (an image must never make the reader's browser go out)."""
    return safe_link(url) and not urlsplit(url.strip(_SPACE)).scheme


def _attr_problems(attr: Any) -> Iterator[Unsafe]:
    if isinstance(attr, list) and len(attr) == 3 and isinstance(attr[2], list):
        for key, value in attr[2]:
            if key.lower() not in ATTRIBUTES:
                yield Unsafe("attribute", f"{key}={value}"[:80])


def unsafe_elements(ast: dict[str, Any], allowed_raw: list[str] | None = None) -> list[Unsafe]:
    """What the AST holds that authored text may not. `allowed_raw`: the package's own HTML
    blocks, in order, which a whole document holds and nothing else raw."""
    found: list[Unsafe] = []
    package = allowed_raw if allowed_raw is not None else []
    if ast.get("meta"):  # front matter is read apart; a YAML block in the text sets options
        found.append(Unsafe("metadata", ", ".join(sorted(ast["meta"]))[:80], "Meta"))
    for node in _nodes(ast.get("blocks", [])):
        kind: str = node["t"]
        content: Any = node.get("c")
        if kind in ("RawBlock", "RawInline"):
            fmt, text = content
            if kind == "RawBlock" and fmt == "html" and package and text == package[0]:
                package.pop(0)
                continue
            found.append(Unsafe("raw", f"{{={fmt}}} {text}"[:80], kind, text.count("\n")))
        elif kind == "Link":
            attr, _inlines, (target, _title) = content
            found.extend(_attr_problems(attr))
            if not safe_link(target):
                found.append(Unsafe("link", target[:80]))
        elif kind == "Image":
            attr, _inlines, (target, _title) = content
            found.extend(_attr_problems(attr))
            if not _site_file(target):
                found.append(Unsafe("image", target[:80]))
        elif isinstance(content, list) and content and kind in _WITH_ATTR:
            found.extend(_attr_problems(content[0]))
    return found


_WITH_ATTR = frozenset({"Code", "CodeBlock", "Div", "Span", "Header", "Table", "Figure"})


def _smallest(low: int, high: int, holds: Callable[[int], bool]) -> int:
    """The smallest n in [low, high] for which `holds(n)` (true at `high`), by halving."""
    while low < high:
        mid = (low + high) // 2
        if holds(mid):
            high = mid
        else:
            low = mid + 1
    return low


def _first_line(lines: list[str], reader: str) -> int:
    """The 1-based line where the first refused element starts: for a raw block, the line
    where its top-level block begins (found by counting the blocks of ever longer first
    lines); otherwise the fewest first lines that Pandoc reads into something refused, less
    the line breaks inside the element (a tag over several lines); for a YAML block, its
    opening line. A few Pandoc calls, only when something is refused."""

    def ast(n: int) -> dict[str, Any]:
        return pandoc_ast("\n".join(lines[:n]) + "\n", reader)

    whole = ast(len(lines))
    if whole.get("meta"):  # a YAML block: the line that opens it
        closed = _smallest(1, len(lines), lambda n: bool(ast(n).get("meta")))
        return _smallest(
            1, closed, lambda m: not pandoc_ast("\n".join(lines[m:closed]) + "\n", reader)["meta"]
        )
    found = (
        (index, problems)
        for index, block in enumerate(whole["blocks"])
        if (problems := unsafe_elements({"blocks": [block]}))
    )
    index, problems = next(found, (0, []))
    if problems and problems[0].node == "RawBlock":
        return _smallest(1, len(lines), lambda n: len(ast(n)["blocks"]) > index)
    seen = _smallest(1, len(lines), lambda n: bool(unsafe_elements(ast(n))))
    return max(1, seen - (problems[0].spans if problems else 0))


@lru_cache(maxsize=256)
def _authored_problems(body: str) -> tuple[Unsafe, ...]:
    """What a body holds that is refused; remembered per text, since one process reads the
    same brief for several documents (a synthesis reads every country's brief title)."""
    return tuple(unsafe_elements(pandoc_ast(body, AUTHORED_READER)))


def check_authored(body: str, path: Path, first_line: int = 1) -> None:
    """Refuse authored Markdown holding raw markup, an unsafe link, a remote image or an
    attribute outside the allow-list, naming the file line (`first_line`: the body's)."""
    problems = _authored_problems(body)
    if problems:
        line = _first_line(body.split("\n"), AUTHORED_READER) + first_line - 1
        raise InputError(
            path,
            problems[0].problem(),
            row=line,
            found=problems[0].found,
            hint="Write it as Markdown text; charts, tables and links between documents "
            "come from the data",
        )


def check_document(markdown: str, reader: str, package_html: list[str], where: str) -> None:
    """The whole document, read with the renderer's own reader, holds no raw element but the
    package's HTML blocks (in their order) and no unsafe link or image."""
    package = list(package_html)
    problems = unsafe_elements(pandoc_ast(markdown, reader), package)
    if package:  # a package block not read as one: authored text swallowed it
        problems.append(Unsafe("raw", "an unclosed code fence or block before: " + package[0]))
    if problems:
        raise BuildError(
            f"{where}: refused before rendering: {problems[0].problem()} "
            f"(found {problems[0].found!r})"
        )
