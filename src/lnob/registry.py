"""What each product is: one registered descriptor per product.

Everything the build, the page and the site know of a product is here: its template
notebook, the files it reads (its scope and where its authored text lives), its print
design (cover, contents, page budget), the words it goes by on the page and on the site,
and where it comes in the build order. The coalition only says which products it
publishes (`products:` in `data/coalition.yaml`); adding a product is one `register()`
call below, its notebook and its texts (README, "Adding a product").
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from lnob.doc.text import Msg, _
from lnob.errors import InputError
from lnob.spec import DocumentSpec

Scope = Literal["country", "synthesis", "publication"]
# country: one document per country entry (its data folder and reports/<product>/ are its
# inputs); synthesis: one per year and language over every country's data and data/global/;
# publication: coalition-wide, listed under `publications:`, its authored text alone.


@dataclass(frozen=True)
class ProductKind:
    name: str
    notebook: str  # notebooks/<notebook>
    scope: Scope
    kicker: Msg  # above the title: "{product} · {place}"
    site_name: Msg  # one document, on the site
    site_plural: Msg  # the site's listing of all of them
    # The folder of its authored text (`<lang>.md`), relative to the project, with
    # {country}, {slug} and {year} filled in; None when it has none.
    authored: str | None = None
    page_budget: int | None = None  # pages a PDF may have (briefs); None: no limit
    cover: bool = False
    toc: bool = False
    order: int = 2  # build order, lowest first: the longest documents start first

    def authored_folder(self, country: str | None, slug: str, year: int) -> str | None:
        if self.authored is None:
            return None
        return self.authored.format(country=country, slug=slug, year=year)


_PRODUCTS: dict[str, ProductKind] = {}


def register(kind: ProductKind) -> ProductKind:
    """Add a product; a name registered twice is refused (two descriptors would disagree)."""
    if kind.name in _PRODUCTS and _PRODUCTS[kind.name] != kind:
        raise ValueError(f"product '{kind.name}' is registered twice")
    _PRODUCTS[kind.name] = kind
    return kind


def unregister(name: str) -> None:
    """Remove a product (tests that add a toy one take it away again)."""
    _PRODUCTS.pop(name, None)


def product_names(scope: Scope | None = None) -> tuple[str, ...]:
    return tuple(n for n, k in _PRODUCTS.items() if scope is None or k.scope == scope)


def parameters(spec: DocumentSpec) -> dict[str, Any]:
    """The notebook parameters a document is built with (the build adds `preview: False`);
    a notebook that serves several products (authored.ipynb) is also told which one."""
    params: dict[str, Any] = {"language": spec.language, "document": spec.slug, "year": spec.year}
    if spec.country is not None:
        params["country"] = spec.country
    notebook = product_kind(spec.product).notebook
    if sum(1 for k in _PRODUCTS.values() if k.notebook == notebook) > 1:
        params["product"] = spec.product
    return params


def product_kind(name: str, where: str | Path = "data/coalition.yaml") -> ProductKind:
    """The descriptor of `name`; an unknown one is an InputError naming the known ones."""
    kind = _PRODUCTS.get(name)
    if kind is None:
        raise InputError(
            where,
            f"No product named '{name}'",
            expected=f"one of {', '.join(_PRODUCTS)}",
            found=name,
            hint="Fix the spelling, or register the product in lnob.registry",
        )
    return kind


# The coalition's products ------------------------------------------------------------------

register(
    ProductKind(
        "stocktake",
        "stocktake.ipynb",
        "country",
        kicker=_("Stocktake of national data"),
        site_name=_("Stocktake of national data"),
        site_plural=_("Stocktakes of national data"),
        cover=True,
        toc=True,
        order=1,
    )
)
register(
    ProductKind(
        "research",
        "research.ipynb",
        "country",
        kicker=_("Primary research report"),
        site_name=_("Research report"),
        site_plural=_("Research reports"),
        authored="reports/research/{country}/{slug}",  # optional: a draft may have none
        cover=True,
        toc=True,
        order=1,
    )
)
register(
    ProductKind(
        "brief",
        "brief.ipynb",
        "country",
        kicker=_("Policy brief"),
        site_name=_("Policy brief"),
        site_plural=_("Policy briefs"),
        authored="briefs/{country}/{slug}",
        page_budget=3,
    )
)
register(
    ProductKind(
        "synthesis",
        "synthesis.ipynb",
        "synthesis",
        kicker=_("Global synthesis report"),
        site_name=_("Global synthesis"),
        site_plural=_("Global syntheses"),
        authored="reports/synthesis/{year}",
        cover=True,
        toc=True,
        order=0,
    )
)
register(
    ProductKind(
        "guide",
        "authored.ipynb",
        "publication",
        kicker=_("Guide"),
        site_name=_("Guide"),
        site_plural=_("Guides"),
        authored="reports/{slug}",
        cover=True,
        toc=True,
    )
)
register(
    ProductKind(
        "evaluation",
        "authored.ipynb",
        "publication",
        kicker=_("Evaluation"),
        site_name=_("Evaluation"),
        site_plural=_("Evaluations"),
        authored="reports/{slug}",
        cover=True,
        toc=True,
    )
)
