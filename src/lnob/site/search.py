"""Full-text search over every document, with Pagefind: one index per language.

Each document becomes one Pagefind record: its title, summary and the text of its
reading view (`<main>` of its index.html), in its own language, so Pagefind writes a
separate index per language and the search page of `<lang>` (whose `<html lang>` is
`<lang>`) searches the documents in that language. The result links to the reading
view; the record's metadata carries the document's page (`about`) and a line saying
what the document is, in the document's language.

The records are handed to Pagefind as small HTML pages in a temporary folder, one
page per record at the record's URL, and indexed with one request: the Python
wrapper reads one answer per tenth of a second, so a request per record cost 0.1 s
a document (28 s for 276 documents) while Pagefind itself works for milliseconds.

Pagefind's output is deterministic once its entry file's language order is sorted;
it runs again only when the records change, and its folder is written aside and
swapped into place.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape, unescape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lnob.errors import BuildError
from lnob.site import layout
from lnob.site.model import SiteCatalogue

SKIPPED_TAGS = {"script", "style", "noscript", "template", "svg"}
# Inline elements: their text runs on within the sentence around them. Every other tag
# ends a line of the record (a paragraph, heading, list item, cell, caption…).
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
# What a snippet must never show: a table's cells (figures and symbols, one per line: its
# caption is kept), file links ('Data (CSV)', '6-1-1.meta.yml'), and the source lines
# repeated under every figure, key number and table.
NOISE_CLASSES = ("download", "opensdg-files", "provenance", "source", "table-foot", "legend")


@dataclass(frozen=True)
class SearchRecord:
    """What Pagefind indexes for one document."""

    url: str  # absolute from the site root ('/bgd/.../index.html'): Pagefind prefixes its base
    language: str
    title: str
    content: str
    about: str  # the document's page, relative to the site root
    info: str  # 'Policy brief · Bangladesh · 1 July 2026', in the document's language


_SKIPPED = re.compile(rf"<({'|'.join(sorted(SKIPPED_TAGS))})\b.*?</\1\s*>", re.S | re.I)
# An element of a noise class, up to its own end tag (none of them nests its own kind).
_NOISE = re.compile(
    r"<(\w+)\b[^>]*\bclass=\"(?:[^\"]*\s)?(?:"
    + "|".join(NOISE_CLASSES)
    + r")(?:\s[^\"]*)?\"[^>]*>.*?</\1\s*>",
    re.S | re.I,
)
_TABLE = re.compile(r"<table\b.*?</table\s*>", re.S | re.I)
_CAPTION = re.compile(r"<caption\b.*?</caption\s*>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)[^>]*>")


def _tag_break(match: re.Match[str]) -> str:
    name = match[2].lower()
    if name == "br":
        return " "
    return "" if name in INLINE_TAGS else "\n"


def main_text(html: str) -> str:
    """The readable text of a document page (inside `<main>`): one line per block (a
    paragraph, heading, list item, caption), whitespace collapsed, so a snippet reads as
    the sentence it comes from. Tables give their caption alone, and file links and
    source lines are left out (see `NOISE_CLASSES`).

    The pages are the build's own, escaped HTML (no `<` or `>` inside an attribute), so
    splitting at tags is exact; it is ten times faster than an HTML parser on documents
    of a hundred tables.
    """
    start, end = html.find("<main"), html.rfind("</main>")
    if start < 0 or end < start:
        return ""
    body = _COMMENT.sub("", html[start:end])
    body = _SKIPPED.sub("<br>", body)
    body = _NOISE.sub("<br>", body)
    body = _TABLE.sub(lambda m: "<p>" + "".join(_CAPTION.findall(m[0])) + "</p>", body)
    text = _TAG.sub(_tag_break, body)
    runs = (" ".join(unescape(run).split()) for run in text.split("\n"))
    return "\n".join(run for run in runs if run)


def search_records(
    catalogue: SiteCatalogue, site: Path, info: dict[str, str]
) -> list[SearchRecord]:
    """A record per document; `info` maps a document id to its one-line description."""
    records = []
    for doc in catalogue.documents:
        page = site / doc.html
        body = main_text(page.read_text(encoding="utf-8")) if page.is_file() else ""
        records.append(
            SearchRecord(
                url=f"/{doc.html}",
                language=doc.language,
                title=doc.title,
                content="\n".join(part for part in (doc.title, doc.summary, body) if part),
                about=layout.about(doc),
                info=info[doc.id],
            )
        )
    return records


def pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        raise BuildError(
            "Pagefind is not installed, so the site has no search index. Install "
            "the PyPI package 'pagefind[bin]' (it ships the binary)"
        ) from None


def records_digest(records: list[SearchRecord]) -> str:
    """What the index depends on: the records and Pagefind's version."""
    payload = json.dumps([r.__dict__ for r in records], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"pagefind {pagefind_version()}\n{payload}".encode()).hexdigest()


def write_search_index(site: Path, records: list[SearchRecord], stamp: Path) -> bool:
    """Write `site/pagefind/` for `records`; False when it was already up to date.

    `stamp` is a file outside the site that remembers which records the index holds.
    """
    target = site / layout.SEARCH_BUNDLE
    fresh = site / f".{layout.SEARCH_BUNDLE}.part"
    old = site / f".{layout.SEARCH_BUNDLE}.old"
    for leftover in (fresh, old):  # from a build that was killed while indexing
        shutil.rmtree(leftover, ignore_errors=True)
    digest = records_digest(records)
    if (
        (target / "pagefind.js").is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8").strip() == digest
    ):
        return False
    try:
        # In a thread of its own: the caller may be running an event loop (Jupyter, Playwright).
        with ThreadPoolExecutor(max_workers=1) as pool:
            pool.submit(asyncio.run, _index(records, fresh)).result()
        _sort_entry_file(fresh / "pagefind-entry.json")
    except Exception as exc:  # the Pagefind service raises bare Exception for its errors
        shutil.rmtree(fresh, ignore_errors=True)
        raise BuildError(
            f"Pagefind could not write the search index into {target}: {exc}. It ships as the "
            "PyPI package 'pagefind[bin]'; check `python -m pagefind --version` works"
        ) from exc
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return True


def _sort_entry_file(path: Path) -> None:
    """Pagefind lists its languages in hash-map order: sort them, so two runs match."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(
        json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )


def record_page(record: SearchRecord) -> str:
    """One record as the HTML page Pagefind indexes: its language, its text (the first line,
    the title, as the heading) and its metadata."""
    title, *lines = record.content.split("\n")
    esc = escape
    paragraphs = "".join(f"<p>{esc(line)}</p>" for line in lines)
    meta = "".join(
        f'<p data-pagefind-meta="{key}" hidden>{esc(value)}</p>'
        for key, value in (("about", record.about), ("info", record.info))
    )
    return (
        f'<!DOCTYPE html><html lang="{esc(record.language)}"><head><meta charset="utf-8">'
        f"</head><body><main data-pagefind-body><h1>{esc(title)}</h1>{paragraphs}</main>"
        f'<p data-pagefind-meta="title" hidden>{esc(record.title)}</p>{meta}</body></html>'
    )


def write_record_pages(records: list[SearchRecord], folder: Path) -> None:
    for r in records:
        page = folder / r.url.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(record_page(r), encoding="utf-8")


async def _index(records: list[SearchRecord], out: Path) -> None:
    from pagefind.index import IndexConfig, PagefindIndex

    with tempfile.TemporaryDirectory(prefix="lnob-search-") as tmp:
        write_record_pages(records, Path(tmp))
        async with PagefindIndex(IndexConfig(output_path=str(out), keep_index_url=True)) as index:
            done = await index.add_directory(path=tmp)
        if done.get("page_count") != len(records):
            raise BuildError(
                f"Pagefind indexed {done.get('page_count')} of {len(records)} documents"
            )
