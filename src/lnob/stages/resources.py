"""Every file a document's page embeds is one the package wrote into its own render folder.

Charts and the logo are written there by the render stage; nothing else may be embedded.
An image in authored Markdown (`![](../../../etc/passwd)`, `![](/home/…/photo.png)`, a
link into the project's data) is refused at render time, naming the authored file, so no
file outside the document reaches its HTML or its PDF. The page's HTML is parsed (never
matched with patterns) for every attribute that makes a browser or WeasyPrint fetch a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lnob.doc import blocks as b
from lnob.errors import InputError
from lnob.paths import OutsideProjectError, confined

FETCHED = {"src", "data", "poster", "srcset"}  # attributes whose value is fetched, not linked


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in FETCHED and value:
                if name == "srcset":  # "a.png 1x, b.png 2x"
                    self.found += [c.split()[0] for c in value.split(",") if c.strip()]
                else:
                    self.found.append(value)


def fetched(html: str) -> list[str]:
    """The addresses a page makes its reader fetch (images, objects, media), in order."""
    parser = _Fetched()
    parser.feed(html)
    parser.close()
    return parser.found


def markdown_sources(blocks: Iterable[Any]) -> list[tuple[str, str]]:
    """(text, authored file) of every Markdown block, nested ones included."""
    out: list[tuple[str, str]] = []
    for block in blocks:
        if isinstance(block, b.Markdown):
            out.append((block.text, block.source))
        elif isinstance(block, b.Blocks):
            out += markdown_sources(block.items)
    return out


def check_embedded(html: str, folder: Path, authored: list[tuple[str, str]], where: str) -> None:
    """Refuse any file `html` embeds that is not a regular file of `folder` (the render
    folder), naming the authored file whose text names it (or the document)."""
    for address in fetched(html):
        if address.startswith("data:"):
            continue  # the bytes are in the page itself, not read from a file
        parts = urlsplit(address)
        try:
            if parts.scheme or parts.netloc:
                raise OutsideProjectError(address, "not a file of the document")
            target = confined(unquote(parts.path), folder, "embedded file")
            if not target.is_file():
                raise OutsideProjectError(address, "no such file in the document")
        except OutsideProjectError:
            source = next((src for text, src in authored if address in text), "") or where
            raise InputError(
                source,
                "authored text embeds a file that is not the document's own",
                expected="no images in authored text (charts and tables come from the data)",
                found=address,
                hint="Remove the image; put the figure in the data so the document draws it",
            ) from None
