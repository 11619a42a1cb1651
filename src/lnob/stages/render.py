"""Render stage: the blocks of an executed notebook to the document's HTML page.

Blocks become one Markdown document (package-built HTML in raw blocks, authored
Markdown as it is), checked on Pandoc's AST to hold nothing raw but the package's
blocks; the engine (Quarto or Pandoc) turns it into the body, which goes through an
allow-list sanitiser, and the page template wraps it. Output goes to a fresh folder
beside the target, renamed into place when complete.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from lnob.coalition import Coalition
from lnob.doc.text import Msg
from lnob.errors import BuildError, InputError
from lnob.identity import Identity
from lnob.render.csp import with_csp
from lnob.render.engines import Renderer
from lnob.render.html import Download, RenderState, render_blocks
from lnob.render.localize import Localizer
from lnob.render.markup import check_document
from lnob.render.page import (
    BuildInfo,
    byline_html,
    cover_logos,
    document_kicker,
    partner_logo_names,
    render_page,
)
from lnob.render.sanitise import sanitise
from lnob.spec import DocumentSpec
from lnob.stages.execute import read_blocks
from lnob.stages.resources import check_embedded, markdown_sources


@dataclass(frozen=True)
class Rendered:
    title: str
    short_title: str
    summary: str
    downloads: tuple[Download, ...]
    untranslated: tuple[str, ...]


def to_markdown(parts: list) -> str:
    chunks = []
    for part in parts:
        if part.kind == "html":
            chunks.append(f"```{{=html}}\n{part.text}\n```")
        else:
            chunks.append(part.text.strip())
    return "\n\n".join(chunks) + "\n"


def render(
    executed: Path,
    out_dir: Path,
    *,
    spec: DocumentSpec,
    coalition: Coalition,
    loc: Localizer,
    engine: Renderer,
    build: BuildInfo,
    release: bool,
    identity: Identity,
) -> Rendered:
    blocks = read_blocks(executed)
    work = out_dir.with_name(out_dir.name + ".part")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    state = RenderState(loc, work, spec.describe(), palette=identity.chart_palette)
    parts = render_blocks(blocks, state)
    if state.meta is None:
        raise BuildError(
            f"{spec.describe()}: the notebook showed no Meta block, so the document "
            f"has no title. Show lnob.doc.blocks.Meta(title=...) in the first cell"
        )
    markdown = to_markdown(parts)
    # first line: nothing raw but the package's own blocks, no unsafe link (Pandoc's AST);
    # second line: the body through the allow-list sanitiser
    check_document(
        markdown,
        engine.options.reader,
        [p.text for p in parts if p.kind == "html"],
        spec.describe(),
    )
    html = engine.to_html(markdown, loc.lang)
    try:  # only the charts just written: nothing from outside the document
        check_embedded(html, work, markdown_sources(blocks), spec.describe())
    except InputError:
        shutil.rmtree(work, ignore_errors=True)
        raise
    fragment = sanitise(html)
    product = coalition.products[spec.product]
    demo = coalition.demo if state.meta.demo is None else state.meta.demo
    if spec.country:
        place = loc.formatter.country(spec.country)
        partners = coalition.country(spec.country).partners
    else:
        place = loc.plain(str(spec.year))
        partners = coalition.members
    author = loc.plain(Msg(coalition.name))  # the coalition's name in the language
    page = render_page(
        body=fragment,
        state=state,
        loc=loc,
        doc_id=spec.id,
        product=spec.product,
        kicker=document_kicker(loc, spec.product, place),
        byline=byline_html(loc, author, partners),
        partners=partners,
        date_iso=spec.publication_date,
        date_text=loc.formatter.date(spec.publication_date),
        demo=demo,
        author=author,
        cover=product.cover,
        toc=product.toc,
        build=build,
        identity=identity,
        page_size=coalition.page_size,
        site_dir=spec.site_dir,
        group=spec.group,
    )
    shutil.copyfile(identity.document_logo, work / identity.logo_name)
    if product.cover:  # the cover's image and partners' logos, under the names the page uses
        if identity.cover_image:
            shutil.copyfile(identity.cover_image, work / identity.cover_image_name)
        for name, (_partner, path) in zip(
            partner_logo_names(identity, partners), cover_logos(identity, partners), strict=True
        ):
            shutil.copyfile(path, work / name)
    if release and state.fallbacks:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError(
            f"{spec.describe()}: release build refused: authored text is not yet "
            f"written in '{loc.lang}' (English shown): "
            f"{', '.join(state.fallbacks)}. Write the {loc.lang} file, or build "
            "without --release"
        )
    if release and state.drafts:
        shutil.rmtree(work, ignore_errors=True)
        raise BuildError(
            f"{spec.describe()}: release build refused: generated draft text where authored "
            f"text belongs: {', '.join(state.drafts)}. Write it (see "
            "docs/formats/research.md), or build without --release"
        )
    if release and loc.missing:
        shutil.rmtree(work, ignore_errors=True)
        listed = "; ".join(sorted(loc.missing)[:10])
        raise BuildError(
            f"{spec.describe()}: release build refused: {len(loc.missing)} string(s) "
            f"have no {loc.lang} translation in locale/{loc.lang}/LC_MESSAGES/"
            f"messages.po: {listed}. Translate them, or build without --release"
        )
    if release and loc.foreign:
        shutil.rmtree(work, ignore_errors=True)
        listed = "; ".join(sorted(loc.foreign)[:10])
        raise BuildError(
            f"{spec.describe()}: release build refused: {len(loc.foreign)} data label(s) "
            f"have no {loc.lang} translation and are shown in another language: {listed}. "
            f"See `python -m lnob.i18n report --lang {loc.lang} --details` for the file of "
            "each, or build without --release"
        )
    (work / "index.html").write_text(with_csp(page), encoding="utf-8")
    meta = state.meta
    rendered = Rendered(
        title=loc.plain(meta.title),
        short_title=loc.plain(meta.short_title) if meta.short_title else loc.plain(meta.title),
        summary=loc.plain(meta.summary),
        downloads=tuple(state.downloads),
        untranslated=tuple(sorted(loc.missing)),
    )
    (work / "render.json").write_text(
        json.dumps(
            {
                "title": rendered.title,
                "short_title": rendered.short_title,
                "summary": rendered.summary,
                "untranslated": list(rendered.untranslated),
                "downloads": [d.__dict__ for d in rendered.downloads],
                "data": [t.to_json() for t in state.data],  # lnob.render.tabledata
                "demo": demo,
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    if out_dir.exists():
        old = out_dir.with_name(out_dir.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(out_dir, old)
        os.replace(work, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(work, out_dir)
    return rendered


def load_rendered(out_dir: Path) -> Rendered:
    d = json.loads((out_dir / "render.json").read_text(encoding="utf-8"))
    return Rendered(
        d["title"],
        d["short_title"],
        d["summary"],
        tuple(Download(**x) for x in d["downloads"]),
        tuple(d["untranslated"]),
    )
