"""The reader's site around the documents, generated from `_site/catalogue.json`.

Home pages and listings in every interface language, a page per document with
its downloads, search (Pagefind), an Atom feed and a SHA256SUMS file. Layout and
conventions: docs/site.md. The pipeline calls `write_site` after every build.
"""

from lnob.site.generate import SiteReport, interface_languages, write_site
from lnob.site.linkcheck import BrokenLink, check_links
from lnob.site.model import (
    CatalogueEntry,
    DataDownload,
    Download,
    SiteCatalogue,
    SiteDocument,
    load_catalogue,
)

__all__ = [
    "BrokenLink",
    "CatalogueEntry",
    "DataDownload",
    "Download",
    "SiteCatalogue",
    "SiteDocument",
    "SiteReport",
    "check_links",
    "interface_languages",
    "load_catalogue",
    "write_site",
]
