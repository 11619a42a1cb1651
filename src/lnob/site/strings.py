"""Every word of the site's interface, as gettext messages.

Templates never hold interface text: they ask for a message by key (`t("home")`),
and the page's `Localizer` translates it, so `python -m lnob.i18n extract` finds
every string here. Placeholders are filled with text already formatted for the
reader's language (numbers, dates, names).
"""

from __future__ import annotations

from lnob.doc.text import Msg, Name, _
from lnob.registry import product_kind, product_names

UI: dict[str, Msg] = {
    # every page
    "skip": _("Skip to content"),
    "site_nav": _("Site"),
    "home": _("Home"),
    "all_publications": _("All publications"),
    "search": _("Search"),
    "language": _("Language"),
    "language_nav": _("Read this page in another language"),
    "demo": _(
        "Demonstration site: every document here is built from synthetic demo data, not "
        "real survey results."
    ),
    "feed": _("New publications (Atom feed)"),
    "checksums": _("Checksums of every download ({file})").format(file=Name("SHA256SUMS")),
    "breadcrumb": _("Breadcrumb"),
    # home
    "home_lead": _(
        "Data on the communities that official statistics leave out: stocktakes of "
        "national data, community research, policy briefs and the global synthesis."
    ),
    "featured": _("Featured publication"),
    "latest": _("Latest publications"),
    "browse_country": _("Browse by country"),
    "browse_product": _("Browse by type"),
    "see_all": _("See all publications ({n})"),
    "also_in": _("Also in:"),
    # listings
    "listing_country": _("Publications: {country}"),
    "listing_year": _("Publications from {year}"),
    "listing_language": _("Publications in {language}"),
    # a country's page: its introduction
    "country_intro_partners": _(
        "In {country}, the coalition works with {partners}. Together they check national "
        "data for the groups it leaves out, ask those groups themselves, and take what they "
        "find to the government. Publications: {n}, in {languages}."
    ),
    "country_intro": _(
        "In {country}, the coalition checks national data for the groups it leaves out, "
        "asks those groups themselves, and takes what it finds to the government. "
        "Publications: {n}, in {languages}."
    ),
    "global_intro": _(
        "The coalition's work across countries: the yearly synthesis of what its members "
        "found, and guides and evaluations of how they work. Publications: {n}, in "
        "{languages}."
    ),
    "filter": _("Filter publications"),
    "country": _("Country"),
    "type": _("Type"),
    "year": _("Year"),
    "any": _("Any"),
    "apply": _("Show"),
    "reset": _("Show all"),
    "shown": _("Publications shown: {n}"),
    "none_match": _("No publication matches these filters."),
    "global": _("Global"),
    "read_online": _("Read online"),
    "details": _("Details and downloads"),
    # a document's page
    "published": _("Published"),
    "summary": _("Summary"),
    "read_download": _("Read and download"),
    "read_html": _("Read online (web page)"),
    "data": _("Data behind the charts and tables"),
    "data_none": _("This document has no chart or table data to download."),
    "kind_figure": _("Chart data (CSV)"),
    "kind_table": _("Table data (CSV)"),
    "kind_other": _("Data (CSV)"),
    "opensdg": _("Data for national SDG platforms (Open SDG)"),
    "opensdg_lead": _(
        "The same figures in the layout that national SDG reporting platforms "
        "(Open SDG) import: year, disaggregation columns and value, with confidence "
        "bounds and bases. Each indicator has a metadata file stating the source, "
        "method, sample, dates and that the data is community-generated."
    ),
    "kind_opensdg": _("Data (CSV)"),
    "kind_opensdg_meta": _("Metadata (YAML)"),
    "other_languages": _("Also available in"),
    "checksum": _("{algorithm} checksum of the PDF").format(algorithm=Name("SHA-256")),
    "checksum_of": _("{algorithm} checksum of {file}").format(algorithm=Name("SHA-256")),
    "size_kb": _("{n} KB"),
    "size_mb": _("{n} MB"),
    # search
    "search_title": _("Search publications"),
    "search_label": _("Search words"),
    "search_scope": _("Searching the publications in {language}."),
    "search_other": _("Search in another language:"),
    "search_nojs": _(
        "Search needs JavaScript, which is off or has not loaded. You can browse "
        "all publications instead."
    ),
    "search_results": _("Results: {n}"),
    "search_none": _("No publication matches these words."),
    "search_failed": _("Search is not available right now. Browse all publications instead."),
    # the Atom feed
    "feed_title": _("{coalition}: new publications"),
}


DOWNLOAD_KINDS = {
    "figure": "kind_figure",
    "table": "kind_table",
    "opensdg": "kind_opensdg",
    "opensdg-metadata": "kind_opensdg_meta",
}


def site_product_names() -> dict[str, tuple[Msg, Msg]]:
    """product: (one document, the listing of all of them), from each product's descriptor,
    in the order the products are registered."""
    return {n: (product_kind(n).site_name, product_kind(n).site_plural) for n in product_names()}


def product_name(product: str, plural: bool = False) -> Msg:
    """The name of a product type (its descriptor's); an unknown one shows its code."""
    if product not in product_names():
        return Msg(product)  # not a catalogue string: reported as untranslated, never hidden
    kind = product_kind(product)
    return kind.site_plural if plural else kind.site_name
