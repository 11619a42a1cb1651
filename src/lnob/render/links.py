"""HTML for `DocumentLinks`: a list of links to other documents of the site."""

from __future__ import annotations

import re

from lnob.doc.link_blocks import DocumentLinks
from lnob.render.html import Part, RenderState, register_handler
from lnob.render.localize import escape

_RELATIVE = re.compile(r"^(\.\./)*[a-z0-9][a-z0-9._/-]*$")


def _links(block: DocumentLinks, state: RenderState) -> Part:
    loc = state.loc
    items = []
    for link in block.items:
        if not _RELATIVE.match(link.href):
            raise ValueError(
                f"{state.where}: a link between documents must be relative to the "
                f"site, found {link.href!r}"
            )
        items.append(
            f'<li><a href="{escape(link.href)}">{loc.html(link.label)}</a> '
            f'<span class="doc-ref">{escape(link.ref)}</span></li>'
        )
    title = f'<p class="links-title">{loc.html(block.title)}</p>' if block.title else ""
    return Part("html", f'<nav class="document-links">{title}<ul>{"".join(items)}</ul></nav>')


register_handler(DocumentLinks, _links)
