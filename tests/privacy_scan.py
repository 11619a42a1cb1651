"""Scan built outputs for the identifying values planted in the demo exports.

Every file under the given folders is read, with no exception by type: its raw bytes as text,
and besides, where the bytes hide text, what a reader or a program gets out of them: the text
of a PDF (pdftotext, also with line-end hyphens removed), the content of a gzip file (the
search index's fragments and word lists of pagefind are gzip: ``pagefind_dcd`` + JSON or
CBOR), the cells of a spreadsheet (both are zips: an XLSX's read by openpyxl, an ODS's from
its content.xml, meta.xml and styles.xml), the strings of a JSON file or notebook (JSON may
escape non-ASCII characters), and HTML or XML with its character references resolved.
Whitespace runs count as one space, so a name broken over two lines of a PDF is still found.
Pagefind's word lists (``.pf_index``) hold the lower-cased words of its fragments, whose whole
text is scanned as written. Pixels are not read: a chart's text is drawn from the table
published beside it as CSV, which is scanned.

A value is found where it stands alone: not inside a longer run of ASCII letters and digits
(the name "Sita" is in "Sita's" or "Sitaको", not in "Sitapur"; the id 184520088 is not in
1845200881). Candidates are looked up by their longest letter-and-digit run, so a scan of
some 18,000 values over thousands of files takes seconds.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_RUN = re.compile(r"[A-Za-z0-9]+")
_GZIP = b"\x1f\x8b"


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _json_view(text: str) -> str | None:
    try:
        return "\n".join(_strings(json.loads(text)))
    except ValueError:
        return None


def xlsx_text(raw: bytes) -> str:
    """Every cell of every sheet of a workbook, a line per row, and its properties."""
    import io

    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(raw))
    lines = [str(v) for v in vars(wb.properties).values() if v]
    for ws in wb.worksheets:
        lines.append(ws.title)
        lines += [
            " ".join(str(c) for c in row if c is not None) for row in ws.iter_rows(values_only=True)
        ]
    return "\n".join(lines)


_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_ODF_ROW = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}table-row"


def _odf_text(element: Any) -> str:
    """An ODF element's text, its space, tab and line-break elements as what they stand for."""
    out = [element.text or ""]
    for child in element:
        if child.tag == _ODF_TEXT + "s":
            out.append(" " * int(child.get(_ODF_TEXT + "c", "1")))
        elif child.tag == _ODF_TEXT + "tab":
            out.append("\t")
        elif child.tag == _ODF_TEXT + "line-break":
            out.append("\n")
        else:
            out.append(_odf_text(child))
        out.append(child.tail or "")
    return "".join(out)


def ods_text(raw: bytes) -> str:
    """Every cell of every sheet of an OpenDocument spreadsheet, a line per row, and every
    attribute (sheet names) and text of its content and metadata."""
    import io
    import zipfile
    from xml.etree import ElementTree

    lines = []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for name in ("content.xml", "meta.xml", "styles.xml"):
            root = ElementTree.fromstring(archive.read(name))
            for element in root.iter():
                lines += element.attrib.values()
                if element.tag == _ODF_ROW:
                    lines.append(" ".join(_odf_text(cell) for cell in element))
                elif element.text:
                    lines.append(element.text)
    return "\n".join(lines)


def views(path: Path, raw: bytes | None = None) -> list[str]:
    """Every readable text of one file (see the module's docstring)."""
    raw = path.read_bytes() if raw is None else raw
    out = [raw.decode("utf-8", errors="replace")]
    if raw.startswith(_GZIP):
        inner = gzip.decompress(raw)
        out.append(inner.decode("utf-8", errors="replace"))
        body = inner.removeprefix(b"pagefind_dcd").decode("utf-8", errors="replace")
        if body.startswith("{"):
            out.append(_json_view(body) or "")
    if raw.startswith(b"%PDF"):
        text = pdf_text(path)
        out += [text, re.sub(r"-\n", "", text)]
    if path.suffix in (".json", ".ipynb", ".webmanifest"):
        out.append(_json_view(out[0]) or "")
    if path.suffix == ".xlsx":  # a zip: every cell's value and the workbook's properties
        out.append(xlsx_text(raw))
    if path.suffix == ".ods":  # a zip too: its content.xml's cells and its meta.xml
        out.append(ods_text(raw))
    if path.suffix in (".html", ".htm", ".xml", ".svg", ".atom", ".rss"):
        out.append(html.unescape(out[0]))
    return [" ".join(text.split()) for text in out]


def output_views(*roots: Path) -> Iterator[tuple[Path, list[str]]]:
    """(file, its views) for every file under the roots; files with the same bytes share one
    list of views (the cache keeps copies of what the site publishes)."""
    by_digest: dict[str, list[str]] = {}
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            raw = path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            if digest not in by_digest:
                by_digest[digest] = views(path, raw)
            yield path, by_digest[digest]


class Scanner:
    """Finds any of a set of values standing alone in a text."""

    def __init__(self, values: Iterable[str]) -> None:
        self.by_run: dict[str, set[str]] = {}
        for value in values:
            runs = _RUN.findall(value)
            if not runs:
                raise ValueError(f"cannot scan for {value!r}: no letter or digit")
            self.by_run.setdefault(max(runs, key=len), set()).add(value)

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_run.values())

    def found(self, text: str) -> set[str]:
        candidates = {
            v for run in set(_RUN.findall(text)) & self.by_run.keys() for v in self.by_run[run]
        }
        return {
            v
            for v in candidates
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(v)}(?![A-Za-z0-9])", text)
        }


def leaks(
    values: Iterable[str], *roots: Path, relative_to: Path | None = None
) -> tuple[list[tuple[str, str]], list[Path]]:
    """(value, file) for every value found in any file under the roots, sorted; and the files
    scanned."""
    scanner = Scanner(values)
    found: set[tuple[str, str]] = set()
    known: dict[int, set[str]] = {}  # views shared by files with the same bytes: scanned once
    scanned = []
    for path, texts in output_views(*roots):
        scanned.append(path)
        if id(texts) not in known:
            known[id(texts)] = {value for text in texts for value in scanner.found(text)}
        name = str(path.relative_to(relative_to)) if relative_to else str(path)
        found |= {(value, name) for value in known[id(texts)]}
    return sorted(found), scanned
