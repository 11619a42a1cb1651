"""A research report's authored text: `reports/research/<ISO3>/<slug>/<lang>.md`.

The front matter (`schemas/research_text.schema.json`) holds the title, the summary, the key
messages, voices from participants (quotes the authors chose, with how consent was given),
the recommendations and the acknowledgements; the Markdown body holds the context and the
discussion, under `##` headings. Figures in the prose are references
(`{{ figure received_care.yes by=disability group=disability }}`, `lnob.products.figure_refs`),
resolved from the report's own analysis. Without the file the report shows sentences the
package generates from the estimates, as a draft: a `--release` build refuses it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from lnob.doc.blocks import BulletList, Callout, Draft, Heading, Markdown, Meta, Paragraph
from lnob.doc.text import Text, _
from lnob.errors import InputError
from lnob.inputs import authored_folder
from lnob.notebook import Doc
from lnob.products import figure_refs
from lnob.products.authored import Authored, find_authored, read_authored
from lnob.products.publication import sections
from lnob.survey import SurveyResult


@dataclass(frozen=True)
class ResearchText:
    authored: Authored
    body: tuple  # blocks: the context and discussion, figure references resolved
    cited: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # by analysis

    @property
    def meta(self) -> dict:
        return self.authored.meta


def text_folder(doc: Doc) -> Path:
    folder = authored_folder(doc.spec, doc.paths)
    assert folder is not None  # a research report has a country
    return folder


def load_text(doc: Doc, survey: SurveyResult) -> ResearchText | None:
    """The report's authored text in its language (English flagged as a fallback), or None."""
    folder = text_folder(doc)
    if not folder.is_dir():
        return None
    path, fallback = find_authored(folder, doc.language)
    authored = read_authored(path, "research_text", doc.language, fallback)
    source = path.relative_to(doc.paths.root).as_posix()
    for i, line in enumerate(path.read_text(encoding="utf-8-sig").split("\n"), start=1):
        if i < authored.first_line and figure_refs.REFERENCE.search(line):
            raise InputError(
                path,
                "a figure reference in the front matter",
                row=i,
                found=figure_refs.REFERENCE.search(line)[0],  # type: ignore[index]
                hint="Figure references work in the Markdown body (context, discussion); "
                "word the key messages without figures",
            )
    resolved = figure_refs.with_figures(authored.body, survey, path, authored.first_line)
    blocks = [
        dataclasses.replace(b, figures=resolved.figures) if isinstance(b, Markdown) else b
        for b in sections(resolved.text, source, fallback)
    ]
    cited = figure_refs.cited_groups(authored.body, path, authored.first_line)
    return ResearchText(authored, tuple(blocks), cited)


def masthead(text: ResearchText, generated: Meta) -> Meta:
    m = text.meta
    return dataclasses.replace(
        generated,
        title=m["title"],
        subtitle=m.get("subtitle") or generated.subtitle,
        short_title=m.get("short_title") or generated.short_title,
        summary=m["summary"],
    )


def key_messages(text: ResearchText) -> list:
    return [Heading(_("Key messages")), BulletList(tuple(text.meta["key_messages"])), *text.body]


def draft_notice(source: str) -> Draft:
    """Marks generated sentences: a draft shows them, a release refuses them."""
    return Draft(f"{source} (generated key findings: no authored text)")


def closing(text: ResearchText | None) -> list:
    """Voices from participants, recommendations, acknowledgements (after the findings)."""
    if text is None:
        return []
    m = text.meta
    blocks: list = []
    voices = m.get("voices") or []
    if voices:
        items: list[Text] = []
        for v in voices:
            items.append(_("“{quote}” — {speaker}").format(quote=v["quote"], speaker=v["speaker"]))
        consents = "; ".join(dict.fromkeys(v["consent"] for v in voices))
        items.append(_("Quoted with consent: {consent}").format(consent=consents))
        blocks.append(Callout("note", _("Voices from participants"), tuple(items)))
    blocks.append(
        Callout("recommendation", _("Recommendations to government"), tuple(m["recommendations"]))
    )
    if m.get("acknowledgements"):
        blocks += [Heading(_("Acknowledgements")), Paragraph(m["acknowledgements"])]
    return blocks
