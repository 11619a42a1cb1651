"""Links from one document to others of the site (the synthesis links to each country's).

`href` is relative to the linking document's page on the site (`DocumentSpec.site_dir`),
so the links work wherever the site is served from. The label is words for readers; `ref`
is the linked document's id, shown beside it so a printed copy still says what to look for.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob.doc.blocks import register_block
from lnob.doc.text import Text


@register_block
@dataclass(frozen=True)
class DocumentLink:
    label: Text
    href: str  # relative, forward slashes, e.g. "../../../bgd/bgd-stocktake-2025/en/index.html"
    ref: str  # the linked document's id


@register_block
@dataclass(frozen=True)
class DocumentLinks:
    items: tuple[DocumentLink, ...]
    title: Text | None = None
