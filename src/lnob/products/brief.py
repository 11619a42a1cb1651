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
from lnob.i18n import Catalogue, load_languages
from lnob.inputs import authored_folder
from lnob.notebook import Doc
from lnob.paths import ProjectPaths
from lnob.products import figure_refs
from lnob.products.authored import Authored, find_authored, read_authored


@dataclass(frozen=True)
class BriefText:
    authored: Authored
    body: Markdown  # the authored body, its figure references resolved

    @property
    def meta(self) -> dict:
        return self.authored.meta


# A figure: digits of any script (\d matches Bengali and Devanagari digits too), or a
# percent sign. Allowed: 4-digit years, and SDG codes (goal.target[.indicator]) that follow
# an SDG word in one of the project's languages or another code ("SDG 10.2 and 10.3").
_NUMBER = re.compile(r"\d[\d.,]*\d|\d|%")
_YEAR = re.compile(r"(?:19|20)\d\d")
_CODE = re.compile(r"(?:1[0-7]|[1-9])\.(?:1[0-9]|[1-9]|[a-d])(?:\.[1-9]\d?)?")
_SDG_WORDS = re.compile(
    r"(SDGs?|ODDs?|ODS|targets?|indicators?|goals?|cible|meta|objetivo|objectif|Lengo|Malengo|"
    r"kiashiria|mục tiêu|chỉ tiêu|এসডিজি|লক্ষ্য|সূচক|एसडीजी|लक्ष्य|सूचक|"
    r"दिगो विकास लक्ष्य|(?:1[0-7]|[1-9])\.(?:1[0-9]|[1-9]|[a-d])(?:\.[1-9]\d?)?)"
    r"[\s,()]*(?:\S+\s+){0,1}$",
    re.IGNORECASE,
)


# The words before an SDG code, as each language's catalogue writes them: a language the
# pattern above does not know (Urdu "ایس ڈی جی 3.8", Arabic "الهدف 3.8") still passes.
REFERENCE_WORDS: tuple[Msg, ...] = (_("SDG"), _("goal"), _("target"), _("indicator"))


def reference_words(paths: ProjectPaths, language: str) -> tuple[str, ...]:
    """The catalogue's words for SDG, goal, target and indicator in `language`."""
    lang = load_languages(paths.languages_file)[language]
    catalogue = Catalogue.load(paths.locale, lang)
    words = (catalogue.gettext(m.msgid).text.strip() for m in REFERENCE_WORDS)
    return tuple(w for w in words if w)


def _figures(line: str, words: tuple[str, ...] = ()) -> list[str]:
    found = []
    near = (
        re.compile("(?:" + "|".join(map(re.escape, words)) + r")[\s,()]*(?:\S+\s+){0,1}$", re.I)
        if words
        else None
    )
    for m in _NUMBER.finditer(line):
        token = m.group(0).rstrip(".,")
        if _YEAR.fullmatch(token):
            continue
        before = line[max(0, m.start() - 30) : m.start()]
        if _CODE.fullmatch(token) and (
            _SDG_WORDS.search(before) or (near is not None and near.search(before))
        ):
            continue
        found.append(m.group(0))
    return found


def check_no_figures(authored: Authored, words: tuple[str, ...] = ()) -> None:
    """A brief's numbers come from the data; a figure typed into its text is an error.
    `words` are the language's words before an SDG code (`reference_words`)."""
    lines = authored.path.read_text(encoding="utf-8-sig").splitlines()
    for i, line in enumerate(lines, start=1):
        figures = _figures(figure_refs.without_references(line), words)
        if figures:
            raise InputError(
                authored.path,
                "a figure is typed into the brief's text",
                row=i,
                found=figures[0],
                expected="no numbers other than years and SDG codes",
                hint="Numbers come from the data: write a reference such as "
                "{{ figure received_care by=location group=rural }}, or name them under "
                "'headlines' in brief.yaml",
            )


def load_text(doc: Doc) -> BriefText:
    folder = authored_folder(doc.spec, doc.paths)
    assert folder is not None  # a brief always has its text folder
    path, fallback = find_authored(folder, doc.language)
    authored = read_authored(path, "brief", doc.language, fallback)
    check_no_figures(authored, reference_words(doc.paths, authored.language))
    survey = None
    if figure_refs.references(authored.body):
        from lnob.products.brief_figures import brief_survey

        survey = brief_survey(doc)
    body = figure_refs.with_figures(
        authored.body, survey, path, authored.first_line, source=path.name, fallback=fallback
    )
    return BriefText(authored, body)


def masthead(text: BriefText, numbers: BriefNumbers | None = None) -> Meta:
    """The brief's title; with its numbers, the demo banner follows their sources' own
    ``demo:`` flags (the survey's survey.yaml, the stocktake's focus.yaml)."""
    m = text.meta
    demo = None
    if numbers is not None:
        demo = bool(numbers.survey.config.demo or numbers.stocktake.result.demo)
    return Meta(
        title=m["title"],
        subtitle=m.get("subtitle"),
        short_title=m.get("short_title"),
        summary=m.get("summary") or m["key_messages"][0],
        keywords=(_("policy brief"), _("Leave No One Behind")),
        demo=demo,
    )


def key_messages(text: BriefText) -> list:
    return [Heading(_("Key messages")), BulletList(tuple(text.meta["key_messages"]))]


def context(text: BriefText) -> list:
    return [Heading(_("Context")), text.body]


def recommendations(text: BriefText) -> Callout:
    return Callout(
        "recommendation", _("Recommendations to government"), tuple(text.meta["recommendations"])
    )


def contacts(text: BriefText) -> list:
    items = text.meta.get("contacts") or []
    return [Heading(_("Contacts"), level=3), BulletList(tuple(items))] if items else []


def fallback_notice(text: BriefText) -> list:
    if not text.authored.fallback:
        return []
    note: Msg = _(
        "This brief has not yet been written in this language; the English text is shown."
    )
    return [Callout("warning", _("Translation pending"), (note,))]


# The numbers: see lnob.products.brief_figures (re-exported for the notebook).
from lnob.products.brief_figures import (  # noqa: E402, F401 - re-exported
    BriefNumbers,
    chart,
    headline_numbers,
    load_numbers,
    methodology,
    table,
)
