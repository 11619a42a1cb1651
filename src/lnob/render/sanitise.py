"""The second line: a document's body HTML through an allow-list sanitiser (nh3, Ammonia).

The first line is `lnob.render.markup` (authored Markdown judged on Pandoc's AST). Whatever
got past it, the body keeps only the elements and attributes the package writes: no
script, style, iframe, form or event handler, and link targets only `http`, `https`,
`mailto` or relative. Nothing else of the body changes meaning; `rel` is not added.
"""

from __future__ import annotations

import nh3

from lnob.render.markup import LINK_SCHEMES

# What the package's blocks and Pandoc's Markdown produce (see render/html.py and links.py).
TAGS = frozenset(
    {
        *("a", "abbr", "aside", "bdi", "blockquote", "br", "caption", "code", "col"),
        *("colgroup", "dd", "del", "div", "dl", "dt", "em", "figcaption", "figure"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "ins", "li", "nav", "ol", "p"),
        *("pre", "q", "section", "small", "span", "strong", "sub", "sup", "table"),
        *("tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "mark", "s"),
    }
)
_EVERYWHERE = frozenset({"class", "id", "lang", "dir", "title", "role"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(_EVERYWHERE),
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan", "headers"},
    "td": {"colspan", "rowspan", "headers"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "abbr": {"title"},
    "blockquote": {"cite"},
}


def sanitise(html: str) -> str:
    """`html` (a body fragment) with only allowed elements, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        generic_attribute_prefixes={"aria-", "data-"},
        url_schemes=set(LINK_SCHEMES),
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=True,
    )
