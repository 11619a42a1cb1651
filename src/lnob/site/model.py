"""The catalogue: `_site/catalogue.json` as typed values, written and read with one type.

The catalogue is the contract between the pipeline and the reader's site: publish makes
each document's `CatalogueEntry` (`lnob.build.publish`) and writes its `to_json()`; the
site reads them back with `CatalogueEntry.from_json`, checked once. Everything the site
shows comes from here, so a missing or mistyped field fails with the file, the entry and
the field named, instead of a page with a hole in it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lnob.errors import InputError

GLOBAL = "global"
"""The owner of a document that has no country (the coalition-wide synthesis)."""

_HINT = "catalogue.json is written by the build; rebuild with `python build.py`"


@dataclass(frozen=True)
class DataDownload:
    """A file behind a chart or table (CSV), as the catalogue lists it (`downloads`)."""

    path: str  # relative to the site root, forward slashes
    title: str
    kind: str  # "figure" or "table" (others are shown as plain data)
    sha256: str


@dataclass(frozen=True)
class Download:
    """The file of one output format (`lnob.stages.formats`): the PDF, and every other
    format registered (`outputs`)."""

    format: str  # the format's name: "pdf", …
    path: str  # relative to the site root, forward slashes
    bytes: int
    sha256: str
    media_type: str


@dataclass(frozen=True)
class CatalogueEntry:
    """One published document in one language: what publish writes into catalogue.json (and
    the cache's published.json) and the site reads back, with the same type."""

    id: str
    group: str  # the document independent of language
    country: str | None  # ISO 3166 alpha-3; None for the synthesis
    language: str
    product: str
    slug: str
    year: int
    date: str  # ISO date of publication
    title: str
    summary: str
    html: str  # the reading view, relative to the site root
    pages: int  # of the PDF
    outputs: tuple[Download, ...]  # one per output format, the PDF first
    downloads: tuple[DataDownload, ...]
    untranslated: int  # strings shown untranslated
    inputs: dict[str, Any] = field(hash=False)  # the stage keys and input digests it was made from
    built_from: dict[str, Any] = field(hash=False)  # code version, build date, parameters
    languages: tuple[str, ...] = ()  # every language of the group (set by the catalogue)

    def output(self, name: str) -> Download | None:
        return next((d for d in self.outputs if d.format == name), None)

    @property
    def _pdf(self) -> Download:
        found = self.output("pdf")
        assert found is not None  # from_json and publish always give one
        return found

    @property
    def pdf(self) -> str:
        return self._pdf.path

    @property
    def pdf_sha256(self) -> str:
        return self._pdf.sha256

    @property
    def pdf_size(self) -> int:
        return self._pdf.bytes

    @property
    def owner(self) -> str:
        """The folder and facet value of the document's country ('bgd'), or 'global'."""
        return self.country.lower() if self.country else GLOBAL

    @property
    def folder(self) -> str:
        """The document's folder under the site root (where its index.html and PDF are)."""
        return self.html.rsplit("/", 1)[0]

    def to_json(self) -> dict[str, Any]:
        """The entry as catalogue.json holds it (the PDF also under its older fields)."""
        out = asdict(self)
        out.update(pdf=self.pdf, pdf_sha256=self.pdf_sha256, pdf_size=self.pdf_size)
        out["languages"] = list(self.languages)
        return out

    @classmethod
    def from_json(cls, path: Path, i: int, entry: Any) -> CatalogueEntry:
        """Check and type one entry of `documents` in `path`; `InputError` names the field."""
        return _document(path, i, entry)


SiteDocument = CatalogueEntry  # the name the site's modules have used


@dataclass(frozen=True)
class Withdrawn:
    """A document removed from coalition.yaml: its files are gone from the site."""

    id: str
    language: str
    title: str
    html: str  # the address it had, relative to the site root
    withdrawn: str  # ISO date the build withdrew it


@dataclass(frozen=True)
class SiteCatalogue:
    coalition: str
    demo: bool
    documents: tuple[SiteDocument, ...]  # newest first
    source: Path
    withdrawn: tuple[Withdrawn, ...] = ()
    # Each country's national partners (ISO3: names), as coalition.yaml lists them.
    partners: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)

    def by_group(self) -> dict[str, dict[str, SiteDocument]]:
        """Documents by group, then by language: what a language switcher links across."""
        groups: dict[str, dict[str, SiteDocument]] = {}
        for d in self.documents:
            groups.setdefault(d.group, {})[d.language] = d
        return groups


def newest_first(docs: Iterable[SiteDocument]) -> list[SiteDocument]:
    """Documents by date, newest first; documents of one date by id."""
    return sorted(sorted(docs, key=lambda d: d.id), key=lambda d: d.date, reverse=True)


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "group": str,
    "country": (str, type(None)),
    "language": str,
    "product": str,
    "year": int,
    "date": str,
    "title": str,
    "summary": str,
    "html": str,
    "pdf": str,
    "pdf_sha256": str,
    "pdf_size": int,
    "pages": int,
    "downloads": list,
    "languages": list,
    "slug": str,
    "untranslated": int,
    "inputs": dict,
    "built_from": dict,
}
_DOWNLOAD_FIELDS = ("path", "title", "kind", "sha256")
_OUTPUT_FIELDS: dict[str, type] = {
    "format": str,
    "path": str,
    "bytes": int,
    "sha256": str,
    "media_type": str,
}


def load_catalogue(path: Path) -> SiteCatalogue:
    """Read and check `catalogue.json`; `InputError` names the entry and field at fault."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "the catalogue does not exist", hint=_HINT) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            path,
            f"not valid JSON ({exc.msg})",
            row=exc.lineno,
            expected="the JSON object the build writes",
            hint=_HINT,
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("documents"), list):
        raise InputError(
            path,
            "no 'documents' list",
            expected='{"documents": [...], ...}',
            found=type(raw).__name__,
            hint=_HINT,
        )
    docs = tuple(CatalogueEntry.from_json(path, i, e) for i, e in enumerate(raw["documents"]))
    seen: set[str] = set()
    for i, d in enumerate(docs):
        if d.id in seen:
            raise InputError(
                path,
                f"document id '{d.id}' appears twice",
                column=f"documents[{i}].id",
                found=d.id,
                hint=_HINT,
            )
        seen.add(d.id)
    return SiteCatalogue(
        coalition=str(raw.get("coalition", "")),
        demo=bool(raw.get("demo")),
        documents=tuple(newest_first(docs)),
        source=path,
        withdrawn=_withdrawn(path, raw.get("withdrawn", [])),
        partners=_partners(path, raw.get("partners", {})),
    )


def _partners(path: Path, raw: Any) -> dict[str, tuple[str, ...]]:
    ok = isinstance(raw, dict) and all(
        isinstance(names, list) and all(isinstance(n, str) for n in names) for names in raw.values()
    )
    if not ok:
        raise InputError(
            path,
            "'partners' is not an object of country codes and lists of names",
            column="partners",
            expected='{"NPL": ["NGO Federation of Nepal", ...]}',
            hint=_HINT,
        )
    return {str(code): tuple(names) for code, names in sorted(raw.items())}


def _withdrawn(path: Path, raw: Any) -> tuple[Withdrawn, ...]:
    names = ("id", "language", "title", "html", "withdrawn")
    if not isinstance(raw, list):
        raise InputError(path, "'withdrawn' is not a list", column="withdrawn", hint=_HINT)
    out = []
    for i, w in enumerate(raw):
        if not isinstance(w, dict) or not all(isinstance(w.get(k), str) for k in names):
            raise InputError(
                path,
                f"a withdrawn document needs the text fields {', '.join(names)}",
                column=f"withdrawn[{i}]",
                found=w,
                hint=_HINT,
            )
        out.append(Withdrawn(*(w[k] for k in names)))
    return tuple(out)


def _document(path: Path, i: int, entry: Any) -> SiteDocument:
    where = f"documents[{i}]"
    if not isinstance(entry, dict):
        raise InputError(
            path,
            "a catalogue entry is not an object",
            column=where,
            expected="an object",
            found=type(entry).__name__,
            hint=_HINT,
        )
    for name, kind in _FIELDS.items():
        value = entry.get(name, _MISSING)
        if value is _MISSING or isinstance(value, bool) or not isinstance(value, kind):
            raise InputError(
                path,
                f"field '{name}' is missing or of the wrong type",
                column=f"{where}.{name}",
                expected=_type_name(kind),
                found=None if value is _MISSING else value,
                hint=_HINT,
            )
    try:
        date.fromisoformat(entry["date"])
    except ValueError:
        raise InputError(
            path,
            "the publication date is not an ISO date",
            column=f"{where}.date",
            expected="YYYY-MM-DD",
            found=entry["date"],
            hint=_HINT,
        ) from None
    downloads = []
    for j, d in enumerate(entry["downloads"]):
        if not isinstance(d, dict) or not all(isinstance(d.get(k), str) for k in _DOWNLOAD_FIELDS):
            raise InputError(
                path,
                f"a download needs the text fields {', '.join(_DOWNLOAD_FIELDS)}",
                column=f"{where}.downloads[{j}]",
                found=d,
                hint=_HINT,
            )
        downloads.append(DataDownload(d["path"], d["title"], d["kind"], d["sha256"]))
    return CatalogueEntry(
        id=entry["id"],
        group=entry["group"],
        country=entry["country"],
        language=entry["language"],
        product=entry["product"],
        slug=entry["slug"],
        year=entry["year"],
        date=entry["date"],
        title=entry["title"],
        summary=entry["summary"],
        html=entry["html"],
        pages=entry["pages"],
        outputs=_outputs(path, where, entry),
        downloads=tuple(downloads),
        untranslated=entry["untranslated"],
        inputs=entry["inputs"],
        built_from=entry["built_from"],
        languages=tuple(str(x) for x in entry["languages"]),
    )


def _outputs(path: Path, where: str, entry: dict[str, Any]) -> tuple[Download, ...]:
    """The files of its output formats; a catalogue written before formats were declared
    (no `outputs`) has the PDF alone, under its own fields."""
    pdf = Download("pdf", entry["pdf"], entry["pdf_size"], entry["pdf_sha256"], "application/pdf")
    raw = entry.get("outputs", _MISSING)
    if raw is _MISSING:
        return (pdf,)
    if not isinstance(raw, list):
        raise InputError(
            path,
            "field 'outputs' is not a list",
            column=f"{where}.outputs",
            expected="a list",
            found=raw,
            hint=_HINT,
        )
    out = []
    for j, d in enumerate(raw):
        ok = isinstance(d, dict) and all(
            isinstance(d.get(k), kind) and not isinstance(d.get(k), bool)
            for k, kind in _OUTPUT_FIELDS.items()
        )
        if not ok:
            raise InputError(
                path,
                f"an output needs the fields {', '.join(_OUTPUT_FIELDS)}",
                column=f"{where}.outputs[{j}]",
                expected="text, and a whole number of bytes",
                found=d,
                hint=_HINT,
            )
        out.append(Download(**{k: d[k] for k in _OUTPUT_FIELDS}))
    names = [d.format for d in out]
    if len(set(names)) != len(names) or pdf not in out:
        raise InputError(
            path,
            "the outputs list a format twice, or not the PDF its fields name",
            column=f"{where}.outputs",
            expected=f"one file per format, the PDF as {entry['pdf']}",
            found=names,
            hint=_HINT,
        )
    return tuple(out)


_MISSING = object()


def _type_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "text", int: "a whole number", list: "a list", dict: "an object"}
    names[type(None)] = "null"
    return " or ".join(names.get(k, k.__name__) for k in kinds)
