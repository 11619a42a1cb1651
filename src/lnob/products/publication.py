"""The coalition's authored knowledge products: methodology guide, evaluations, lessons learned.

They have no data behind them: `reports/<slug>/<lang>.md` (front matter per
`schemas/report_text.schema.json`, then Markdown) is the whole document, published with
the report print design by the generic template notebook `notebooks/authored.ipynb`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob.doc.blocks import Heading, Markdown, Meta
from lnob.errors import InputError
from lnob.inputs import authored_folder
from lnob.notebook import Doc
from lnob.products.authored import Authored, find_authored, read_authored
from lnob.spec import PUBLICATIONS


@dataclass(frozen=True)
class Publication:
    authored: Authored
    source: str  # the authored file, relative to the project


def load_publication(doc: Doc) -> Publication:
    if doc.spec.product not in PUBLICATIONS:
        raise InputError(
            doc.coalition.source,
            f"'{doc.spec.product}' is not an authored publication",
            expected=f"one of {', '.join(PUBLICATIONS)}",
            found=doc.spec.product,
        )
    folder = authored_folder(doc.spec, doc.paths)
    assert folder is not None  # checked above: a publication
    path, fallback = find_authored(folder, doc.language)
    authored = read_authored(path, "report_text", doc.language, fallback)
    if not authored.body.strip():
        raise InputError(
            path,
            "the text is empty",
            expected="Markdown after the front matter",
            hint="Write the publication's text below the closing '---'",
        )
    return Publication(authored, path.relative_to(doc.paths.root).as_posix())


def masthead(p: Publication) -> Meta:
    meta = p.authored.meta
    return Meta(
        title=meta["title"],
        subtitle=meta.get("subtitle"),
        short_title=meta.get("short_title"),
        summary=meta.get("summary"),
        keywords=tuple(meta.get("keywords", ())),
    )


def sections(text: str, source: str, fallback: bool, shift: int = 0) -> list:
    """Authored Markdown as blocks: its `##` and `###` headings become Heading blocks (so
    they are numbered and listed in the contents), the text between them Markdown blocks;
    `shift` moves the headings down a level (for text under a heading of the package's)."""
    blocks: list = []
    chunk: list[str] = []
    fenced = False

    def flush() -> None:
        if "".join(chunk).strip():
            blocks.append(Markdown("\n".join(chunk).strip() + "\n", source, fallback))
        chunk.clear()

    for line in text.split("\n"):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        level = len(line) - len(line.lstrip("#"))
        if not fenced and level in (2, 3) and line[level : level + 1] == " ":
            flush()
            blocks.append(Heading(line[level:].strip(), level + shift))
        else:
            chunk.append(line)
    flush()
    return blocks


def body(p: Publication) -> list:
    return sections(p.authored.body, p.source, p.authored.fallback)
