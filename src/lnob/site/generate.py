"""Write the reader's site around the documents, from `_site/catalogue.json`.

The pipeline calls `write_site` after every build. It renders every page in
memory, writes the files whose bytes changed (aside, then renamed into place),
removes the pages a previous build wrote that this one no longer has, and then
updates the Pagefind search index. Dates come from the catalogue, never the
clock: the same catalogue gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from lnob.atomic import write_bytes
from lnob.coalition import Coalition
from lnob.i18n import Languages, css_font_family, load_languages
from lnob.identity import load_identity
from lnob.paths import TEMPLATES_DIR, ProjectPaths
from lnob.render.context import make_localizer
from lnob.render.csp import with_csp
from lnob.render.localize import Localizer
from lnob.site import layout, reading
from lnob.site.checksums import sha256sums
from lnob.site.feed import atom_feed
from lnob.site.model import SiteCatalogue, SiteDocument, load_catalogue
from lnob.site.pages import SiteRenderer
from lnob.site.search import search_records, write_search_index
from lnob.site.strings import site_product_names

CATALOGUE = "catalogue.json"


@dataclass(frozen=True)
class SiteReport:
    """What `write_site` did."""

    pages: int  # HTML pages generated
    written: tuple[str, ...]  # files whose bytes changed, relative to the site root
    removed: tuple[str, ...]  # files of an earlier build no longer generated
    search_updated: bool
    seconds: float  # generating and writing, without Pagefind


def interface_languages(catalogue: SiteCatalogue, languages: Languages) -> tuple[str, ...]:
    """English (the source language) and every language a document is in, in file order."""
    used = {"en"} | {d.language for d in catalogue.documents}
    for code in sorted(used):
        languages[code]  # an unknown language fails here, naming data/languages.yaml
    return tuple(code for code in languages if code in used)


def site_files(
    catalogue: SiteCatalogue,
    languages: Languages,
    localizer: dict[str, Localizer],
    interface: tuple[str, ...],
    logo: Path | None = None,
) -> tuple[dict[str, bytes], SiteRenderer]:
    """Every generated file of the site (not the documents, not the search index); `logo`
    is the coalition's mark (identity.yaml), shown on the home pages."""
    logo_path = f"{layout.ASSETS}/logo{logo.suffix.lower()}" if logo else None
    renderer = SiteRenderer(catalogue, languages, localizer.__getitem__, interface, logo_path)
    files = {path: with_csp(html).encode("utf-8") for path, html in renderer.render().items()}
    if logo and logo_path:
        files[logo_path] = logo.read_bytes()
    files[layout.CSS] = stylesheet(languages, interface).encode("utf-8")
    files[layout.READING_CSS] = reading_stylesheet(languages, interface).encode("utf-8")
    files[layout.SCRIPT] = (TEMPLATES_DIR / "site_script.js").read_bytes()
    english = localizer["en"]
    labels = {p: english.plain(names[0]) for p, names in site_product_names().items()}
    files[layout.FEED] = atom_feed(
        catalogue, renderer.labels["en"].tp("feed_title", coalition=catalogue.coalition), labels
    )
    files[layout.CHECKSUMS] = sha256sums(catalogue).encode("utf-8")
    return files, renderer


def stylesheet(languages: Languages, interface: tuple[str, ...]) -> str:
    """site.css and, per language, its fonts (text in a language is set in that language's)."""
    rules = [
        f":lang({code}) {{ font-family: {css_font_family(languages[code], 'sans-serif')}; }}"
        for code in interface
    ]
    return (TEMPLATES_DIR / "site.css").read_text(encoding="utf-8") + "\n" + "\n".join(rules) + "\n"


def reading_stylesheet(languages: Languages, interface: tuple[str, ...]) -> str:
    """reading.css and, per language, the font of the site's words around a reading view
    (the switcher names every language in its own; the document sets its own fonts)."""
    parts = (".site-header", ".breadcrumb", ".reading-bar", ".site-footer")
    rules = [
        ", ".join(f"{part} :lang({code})" for part in parts)
        + f" {{ font-family: {css_font_family(languages[code], 'sans-serif')}; }}"
        for code in interface
    ]
    text = (TEMPLATES_DIR / "site_reading.css").read_text(encoding="utf-8")
    return text + "\n" + "\n".join(rules) + "\n"


def write_site(
    paths: ProjectPaths, coalition: Coalition | None = None, *, search: bool = True
) -> SiteReport:
    """Write the home pages, listings, document pages, search page, feed and checksums.

    `coalition` is accepted for the pipeline's call; the catalogue is the only source.
    """
    started = time.perf_counter()
    catalogue = load_catalogue(paths.site / CATALOGUE)
    languages = load_languages(paths.languages_file)
    interface = interface_languages(catalogue, languages)
    localizers = {code: make_localizer(paths, code, release=False) for code in interface}
    logo = None
    if paths.identity_file.is_file():
        logo = load_identity(paths.identity_file).document_logo
    files, renderer = site_files(catalogue, languages, localizers, interface, logo)
    written = tuple(
        sorted(
            [p for p, data in files.items() if _write_if_changed(paths.site / p, data)]
            + dress_reading_views(paths.site, catalogue, renderer)
        )
    )
    removed = _remove_stale(paths, set(files))
    seconds = time.perf_counter() - started
    updated = False
    if search:
        info = {d.id: _info(renderer, d) for d in catalogue.documents}
        records = search_records(catalogue, paths.site, info)
        updated = write_search_index(paths.site, records, state_dir(paths) / "search.sha256")
    return SiteReport(
        pages=sum(p.endswith(".html") for p in files),
        written=written,
        removed=removed,
        search_updated=updated,
        seconds=seconds,
    )


def dress_reading_views(site: Path, catalogue: SiteCatalogue, renderer: SiteRenderer) -> list[str]:
    """Put the site around every document's reading view (`lnob.site.reading`); the pages
    whose bytes changed. The views stay the documents' own files (publish writes them and
    withdraws them), so they are not in the site's manifest."""
    changed = []
    for doc in catalogue.documents:
        path = site / doc.html
        if not path.is_file():
            continue
        page = path.read_text(encoding="utf-8")
        if _write_if_changed(path, reading.dress(page, *renderer.reading(doc)).encode("utf-8")):
            changed.append(doc.html)
    return changed


def state_dir(paths: ProjectPaths) -> Path:
    """Where the cache remembers what was written into this site folder (the pages it
    generated, the records its search index holds): one folder per site, so that builds
    into several `--site` folders sharing one cache never take one's state for another's."""
    key = hashlib.sha256(str(paths.site.resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.cache / "site" / key


def _info(renderer: SiteRenderer, doc: SiteDocument) -> str:
    """'Policy brief · Bangladesh · 1 July 2026', in the document's language."""
    labels = renderer.labels[doc.language]
    names = site_product_names()
    product = labels.loc.plain(names[doc.product][0]) if doc.product in names else doc.product
    return " · ".join((product, labels.country(doc.owner), labels.date(doc.date)))


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


def _remove_stale(paths: ProjectPaths, current: set[str]) -> tuple[str, ...]:
    """Delete what the previous `write_site` generated and this one did not; remember this one."""
    manifest = state_dir(paths) / "files.json"
    previous: set[str] = set()
    if manifest.is_file():
        previous = set(json.loads(manifest.read_text(encoding="utf-8")))
    stale = sorted(previous - current)
    for rel in stale:
        (paths.site / rel).unlink(missing_ok=True)
        _prune_empty(paths.site, (paths.site / rel).parent)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(manifest, json.dumps(sorted(current), indent=0).encode("utf-8"))
    return tuple(stale)


def _prune_empty(site: Path, folder: Path) -> None:
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
