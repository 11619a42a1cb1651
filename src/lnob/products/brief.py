"""The policy brief: authored messages per language, numbers from the country's results.

`briefs/<ISO3>/<slug>/<lang>.md` holds what people write (key messages,
recommendations, context, contacts); the numbers come from the stocktake and the
survey results through the package, never typed into the brief.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lnob.doc.blocks import BulletList, Callout, Heading, Markdown, Meta
from lnob.doc.text import Msg, _
from lnob.errors import InputError
from lnob.notebook import Doc
from lnob.products.authored import Authored, find_authored, read_authored


@dataclass(frozen=True)
class BriefText:
    authored: Authored

    @property
    def meta(self) -> dict:
        return self.authored.meta


# Digits of any script, except 4-digit years and SDG codes such as "SDG 3.8" or "16.7.1".
_FIGURE = re.compile(r"(?<![\w.])(?!(?:19|20)\d\d(?!\d))(?<!SDG )\d[\d.,]*%?|%")
_SDG_CODE = re.compile(r"\b(?:SDG|target|indicator|[Ll]engo|लक्ष्य|mục tiêu)?\s*\d{1,2}\.[\da-z]{1,2}(?:\.\d{1,2})?\b")


def check_no_figures(authored: Authored) -> None:
    """A brief's numbers come from the data; a figure typed into its text is an error."""
    lines = authored.path.read_text(encoding="utf-8-sig").splitlines()
    for i, line in enumerate(lines, start=1):
        m = _FIGURE.search(_SDG_CODE.sub(" ", line))
        if m:
            raise InputError(authored.path, "a figure is typed into the brief's text", row=i,
                             found=m.group(0), expected="no numbers other than years and SDG codes",
                             hint="Numbers come from the data: name them under 'figures' in "
                                  "brief.yaml and they appear as headline numbers")


def load_text(doc: Doc) -> BriefText:
    folder = doc.paths.briefs / doc.country.code / doc.spec.slug
    path, fallback = find_authored(folder, doc.language)
    authored = read_authored(path, "brief", doc.language, fallback)
    check_no_figures(authored)
    return BriefText(authored)


def masthead(text: BriefText) -> Meta:
    m = text.meta
    return Meta(title=m["title"], subtitle=m.get("subtitle"), short_title=m.get("short_title"),
                summary=m.get("summary") or m["key_messages"][0],
                keywords=(_("policy brief"), _("Leave No One Behind")))


def key_messages(text: BriefText) -> list:
    return [Heading(_("Key messages")), BulletList(tuple(text.meta["key_messages"]))]


def context(text: BriefText) -> list:
    rel = text.authored.path.name
    return [Heading(_("Context")), Markdown(text.authored.body, source=rel)]


def recommendations(text: BriefText) -> Callout:
    return Callout("recommendation", _("Recommendations to government"),
                   tuple(text.meta["recommendations"]))


def contacts(text: BriefText) -> list:
    items = text.meta.get("contacts") or []
    return [Heading(_("Contacts"), level=3), BulletList(tuple(items))] if items else []


def fallback_notice(text: BriefText) -> list:
    if not text.authored.fallback:
        return []
    note: Msg = _("This brief has not yet been written in this language; the English text is "
                  "shown.")
    return [Callout("warning", _("Translation pending"), (note,))]
