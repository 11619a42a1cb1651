"""A document's reading view as a page of the site.

The render stage writes each document's `index.html` on its own (the PDF is made from
it, and it must not change when another document is published). The site then puts the
site around it: its stylesheet in the head, the site's header, breadcrumbs and the links
to its PDF, downloads and other languages before the masthead, and the site's footer
after the colophon, each between markers of its own, so writing it again replaces them
and gives the same bytes.
"""

from __future__ import annotations

import re

PART = "<!--lnob:part-->"  # splits the template's three parts
# (part, the tag it goes next to, whether it goes before that tag)
_PLACES = (
    ("head", re.compile(r"</head\s*>", re.I), True),
    ("top", re.compile(r"<body\b[^>]*>", re.I), False),
    ("bottom", re.compile(r"</body\s*>", re.I), True),
)


def _marked(name: str, html: str) -> str:
    return f"<!--lnob:site-{name}-->\n{html}\n<!--/lnob:site-{name}-->"


def undress(page: str) -> str:
    """The page as the render stage wrote it: every part the site put in taken out."""
    for name, _, _ in _PLACES:
        page = re.sub(
            rf"\n<!--lnob:site-{name}-->\n.*?\n<!--/lnob:site-{name}-->\n", "", page, flags=re.S
        )
    return page


def dress(page: str, head: str, top: str, bottom: str) -> str:
    """`page` (a reading view, dressed or not) with the site's parts in their places."""
    page = undress(page)
    for (name, where, before), html in zip(_PLACES, (head, top, bottom), strict=True):
        found = where.search(page)
        if found is None:
            raise ValueError(f"the reading view has no {where.pattern!r} for the site's {name}")
        at = found.start() if before else found.end()
        page = f"{page[:at]}\n{_marked(name, html)}\n{page[at:]}"  # undress takes it all out
    return page
