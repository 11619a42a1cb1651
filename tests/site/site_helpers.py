"""Catalogue entries for the site's unit tests, shaped as `write_catalogue` writes them."""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from lnob.paths import ProjectPaths


def entry(
    country: str | None,
    product: str,
    slug: str,
    year: int,
    lang: str,
    date: str,
    title: str = "",
    languages: tuple[str, ...] = ("en",),
) -> dict[str, Any]:
    """One catalogue entry (values invented for the tests; the files need not exist)."""
    owner = country.lower() if country else "global"
    group = "-".join([owner, product] + ([slug] if slug != product else []) + [str(year)])
    folder = f"{owner}/{group}/{lang}"
    digest = hashlib.sha256(f"{group}-{lang}".encode()).hexdigest()
    return {
        "id": f"{group}-{lang}",
        "group": group,
        "country": country,
        "language": lang,
        "product": product,
        "slug": slug,
        "year": year,
        "date": date,
        "title": title or f"{product} {slug} {year} ({lang})",
        "summary": f"Summary of {group}.",
        "html": f"{folder}/index.html",
        "pdf": f"{folder}/{group}-{lang}.pdf",
        "pdf_sha256": digest,
        "pdf_size": 123_456,
        "pages": 12,
        "outputs": [
            {
                "format": "pdf",
                "path": f"{folder}/{group}-{lang}.pdf",
                "bytes": 123_456,
                "sha256": digest,
                "media_type": "application/pdf",
            }
        ],
        "downloads": [
            {
                "path": f"{folder}/data/fig-1.csv",
                "title": "Share of people",
                "kind": "figure",
                "sha256": digest[::-1],
            }
        ],
        "languages": sorted(languages),
        "untranslated": 0,
        "inputs": {},
        "built_from": {},
    }


def group(
    country: str | None, product: str, slug: str, year: int, date: str, langs: tuple[str, ...]
) -> list[dict[str, Any]]:
    return [entry(country, product, slug, year, lang, date, languages=langs) for lang in langs]


def with_opensdg(e: dict[str, Any], files: tuple[str, ...] = ("3-8-1", "1-4-1")) -> dict[str, Any]:
    """A research entry with the Open SDG downloads `lnob.render.exports` lists: per
    indicator a CSV, then its metadata file."""
    folder = e["html"].rsplit("/", 1)[0]
    for name in files:
        code = name.replace("-", ".")
        for suffix, kind, title in (
            (".csv", "opensdg", f"{code} · Indicator {code}"),
            (".meta.yml", "opensdg-metadata", f"Metadata: {code} · Indicator {code}"),
        ):
            path = f"{folder}/data/opensdg/{name}{suffix}"
            e["downloads"].append(
                {
                    "path": path,
                    "title": title,
                    "kind": kind,
                    "sha256": hashlib.sha256(path.encode()).hexdigest(),
                }
            )
    return e


def sample_entries() -> list[dict[str, Any]]:
    """Two countries, three products, two years, four languages; the research report has
    Open SDG downloads for two indicators."""
    return [
        *group("BGD", "brief", "women-health", 2026, "2026-07-01", ("en", "bn")),
        *group("BGD", "stocktake", "stocktake", 2025, "2025-09-15", ("en", "bn")),
        *(
            with_opensdg(e)
            for e in group("KEN", "research", "health-access", 2026, "2026-05-30", ("en", "sw"))
        ),
        *group(None, "synthesis", "synthesis", 2026, "2026-12-01", ("en", "fr")),
    ]


def write_catalogue(
    paths: ProjectPaths,
    entries: list[dict[str, Any]],
    coalition: str = "Test Coalition",
    demo: bool = True,
) -> Path:
    out = paths.site / "catalogue.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {"version": 1, "coalition": coalition, "demo": demo, "documents": entries},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return out


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.docs: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.text: list[str] = []
        self._link: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "li" and "doc" in a.get("class", "").split():
            self.docs.append({k[5:]: v for k, v in a.items() if k.startswith("data-")})
        elif tag == "a" and "href" in a:
            self._link = {**a, "text": ""}
            self.links.append(self._link)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._link is not None:
            self._link["text"] += data


@dataclass(frozen=True)
class Page:
    """What a test reads of a generated page."""

    path: str  # relative to the site root
    lang: str
    docs: list[dict[str, str]]  # data- attributes of each listed document
    links: list[dict[str, str]]  # attributes of each <a>, its text under "text"
    text: str

    def resolve(self, href: str) -> str:
        """A link on this page as a path from the site root."""
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.path), href))

    def targets(self) -> set[str]:
        return {self.resolve(a["href"]) for a in self.links}

    def link_to(self, target: str) -> dict[str, str]:
        found = [a for a in self.links if self.resolve(a["href"]) == target]
        assert found, f"{self.path} has no link to {target}"
        return found[0]


def read_page(site: Path, path: str) -> Page:
    parser = _PageParser()
    parser.feed((site / path).read_text(encoding="utf-8"))
    parser.close()
    text = " ".join("".join(parser.text).split())
    return Page(path, parser.lang, parser.docs, parser.links, text)
