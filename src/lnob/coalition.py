"""The coalition's configuration (`data/coalition.yaml`), validated at the edge.

Adding a country, a language or a document is an edit of that file (and the
country's data folder), never of code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pycountry

from lnob.errors import InputError
from lnob.registry import product_kind, product_names
from lnob.spec import DocumentSpec
from lnob.yamlio import check_date, check_slug, line_in, load_yaml


@dataclass(frozen=True)
class Product:
    name: str
    notebook: str
    page_budget: int | None = None
    cover: bool = False
    toc: bool = False


@dataclass(frozen=True)
class Country:
    code: str
    languages: tuple[str, ...]
    partners: tuple[str, ...]
    documents: tuple[DocumentSpec, ...]

    @property
    def name(self) -> str:
        country = pycountry.countries.get(alpha_3=self.code)
        if country is None:  # validated on load: only ISO 3166 codes reach a Country
            raise KeyError(self.code)
        return str(country.name)


@dataclass(frozen=True)
class Coalition:
    name: str
    short_name: str
    demo: bool
    members: tuple[str, ...]
    page_size: str
    products: dict[str, Product]
    countries: tuple[Country, ...]
    synthesis_languages: tuple[str, ...]
    synthesis_years: tuple[int, ...]
    source: Path
    publications: tuple[DocumentSpec, ...] = ()  # coalition-wide guides and evaluations
    indicator_list: str | None = None  # the official list's file in data/sdg/ (else indicators.csv)

    def country(self, code: str) -> Country:
        for c in self.countries:
            if c.code == code:
                return c
        known = ", ".join(c.code for c in self.countries)
        raise InputError(
            self.source,
            f"no country '{code}' in the coalition",
            expected=f"one of {known}",
            found=code,
            hint="Add it under 'countries' or fix the code",
        )

    def synthesis_surveys(self, year: int) -> tuple[str, ...]:
        """The surveys behind the research a year's synthesis draws on (published by its date,
        the year's 1 December), country by country, each once: what its SDMX files hold."""
        until = DocumentSpec("synthesis", None, "synthesis", year, "en").publication_date
        return tuple(
            dict.fromkeys(
                s
                for c in self.countries
                for d in sorted(c.documents, key=lambda d: (d.publication_date, d.slug))
                if d.product == "research" and d.published_by(year, until)
                for s in d.surveys
            )
        )

    def documents(self) -> tuple[DocumentSpec, ...]:
        """Every document of the build matrix, in a stable order."""
        docs = [d for c in self.countries for d in c.documents]
        for name in self.products:
            if product_kind(name).scope == "synthesis":
                docs += [
                    DocumentSpec(name, None, name, year, lang, surveys=self.synthesis_surveys(year))
                    for year in self.synthesis_years
                    for lang in self.synthesis_languages
                ]
        docs += [d for d in self.publications if d.product in self.products]
        return tuple(docs)


def load_coalition(path: Path, known_languages: set[str] | None = None) -> Coalition:
    """Read and check `coalition.yaml`; `known_languages` are the codes `languages.yaml` defines."""
    raw = load_yaml(path, "coalition", precheck=partial(_check_names_and_dates, path))
    products: dict[str, Product] = {}
    listed = raw["products"]
    for k, name in enumerate(listed):
        if name not in product_names():
            raise InputError(
                path,
                f"unknown product '{name}' under 'products'",
                row=line_in(path, ["products", name if isinstance(listed, dict) else k]),
                expected=f"one of {', '.join(product_names())}",
                found=name,
                hint="Fix the spelling, or register the product in lnob.registry "
                "(README, 'Adding a product')",
            )
        kind = product_kind(name)
        p = listed[name] if isinstance(listed, dict) else {}  # the coalition's own settings
        products[name] = Product(
            name,
            p.get("notebook", kind.notebook),
            p.get("page_budget", kind.page_budget),
            p.get("cover", kind.cover),
            p.get("toc", kind.toc),
        )

    def check_language(lang: str, where: str, keys: list[str | int] | None = None) -> None:
        if known_languages is not None and lang not in known_languages:
            raise InputError(
                path,
                f"unknown language '{lang}' in {where}",
                row=line_in(path, keys) if keys else None,
                expected=f"a code defined in data/languages.yaml "
                f"({', '.join(sorted(known_languages))})",
                found=lang,
                hint="Add the language to data/languages.yaml first",
            )

    countries: list[Country] = []
    seen_ids: dict[str, str] = {}
    for i, c in enumerate(raw["countries"]):
        code = c["code"]
        where = f"countries[{i}] ({code})"
        if pycountry.countries.get(alpha_3=code) is None:
            raise InputError(
                path,
                f"'{code}' in {where} is not an ISO 3166 alpha-3 country code",
                row=line_in(path, ["countries", i, "code"]),
                expected="a code such as BGD, IND, KEN, NPL, VNM",
                found=code,
                hint="Use the country's three-letter ISO 3166 code (KEN for "
                "Kenya), the same as its folder under data/countries/",
            )
        if any(x.code == code for x in countries):
            raise InputError(
                path, f"country '{code}' is listed twice", found=code, hint="Merge the two entries"
            )
        for k, lang in enumerate(c["languages"]):
            check_language(lang, where, ["countries", i, "languages", k])
        docs: list[DocumentSpec] = []
        for j, d in enumerate(c["documents"]):
            product = d["product"]
            if product not in products or product not in product_names("country"):
                national = [p for p in products if p in product_names("country")]
                raise InputError(
                    path,
                    f"unknown product '{product}' in {where}.documents[{j}]",
                    row=line_in(path, ["countries", i, "documents", j, "product"]),
                    expected=f"one of {', '.join(national)}",
                    found=product,
                    hint="Guides and evaluations are listed under 'publications'"
                    if product in product_names("publication")
                    else "Fix the spelling, or declare the product under 'products'",
                )
            surveys = tuple(d.get("surveys", ())) + ((d["survey"],) if "survey" in d else ())
            for lang in c["languages"]:
                spec = DocumentSpec(
                    product,
                    code,
                    d.get("slug", product),
                    d["year"],
                    lang,
                    d.get("date", ""),
                    surveys,
                )
                if spec.id in seen_ids:
                    raise InputError(
                        path,
                        f"duplicate document id '{spec.id}'",
                        row=line_in(path, ["countries", i, "documents", j]),
                        expected="one entry per product, slug and year",
                        found=f"{where}.documents[{j}] and {seen_ids[spec.id]}",
                        hint="Give one of them a different 'slug' or 'year'",
                    )
                seen_ids[spec.id] = f"{where}.documents[{j}]"
                docs.append(spec)
        _check_citations(path, i, docs)
        countries.append(
            Country(code, tuple(c["languages"]), tuple(c.get("partners", ())), tuple(docs))
        )
    syn = raw["synthesis"]
    for lang in syn["languages"]:
        check_language(lang, "synthesis.languages")
    publications = _publications(
        path, raw.get("publications", ()), products, seen_ids, check_language
    )
    return Coalition(
        name=raw["name"],
        short_name=raw.get("short_name", raw["name"]),
        demo=bool(raw.get("demo", False)),
        members=tuple(raw.get("members", ())),
        page_size=raw.get("page_size", "A4"),
        products=products,
        countries=tuple(countries),
        synthesis_languages=tuple(syn["languages"]),
        synthesis_years=tuple(sorted(syn["years"])),
        source=path,
        publications=publications,
        indicator_list=raw.get("sdg_indicator_list"),
    )


def _check_citations(path: Path, index: int, docs: list[DocumentSpec]) -> None:
    """A document cites only documents dated on or before it: a brief's survey, when a
    research report of the country publishes it, is cited as that report, so one of those
    reports must be out by the brief's date."""
    research = [d for d in docs if d.product == "research"]
    for brief in (d for d in docs if d.product == "brief"):
        for survey in brief.surveys:
            reports = [r for r in research if survey in r.surveys]
            if reports and not any(r.publication_date <= brief.publication_date for r in reports):
                first = min(reports, key=lambda r: r.publication_date)
                raise InputError(
                    path,
                    f"the brief '{brief.slug}' ({brief.year}) is dated {brief.publication_date}, "
                    f"before the research report '{first.slug}' that publishes its survey "
                    f"'{survey}' ({first.publication_date})",
                    row=line_in(path, ["countries", index, "documents"]),
                    column="date",
                    expected=f"a brief dated on or after {first.publication_date}: a document "
                    "cites only documents published by its own date",
                    found=brief.publication_date,
                    hint="Fix the 'date' of the brief or of the research report",
                )


def _publications(
    path: Path,
    entries: list[dict],
    products: dict[str, Product],
    seen_ids: dict[str, str],
    check_language: Callable[[str, str], None],
) -> tuple[DocumentSpec, ...]:
    """The coalition-wide guides and evaluations (`publications:`), one spec per language.

    Their authored text is `reports/<slug>/<lang>.md`, so a slug must not be the name of a
    product (whose folder `reports/<product>/` holds that product's authored text).
    """
    docs: list[DocumentSpec] = []
    for i, d in enumerate(entries):
        where = f"publications[{i}]"
        product, slug = d["product"], d["slug"]
        if product not in product_names("publication") or product not in products:
            known = ", ".join(p for p in product_names("publication") if p in products)
            raise InputError(
                path,
                f"unknown product '{product}' in {where}",
                expected=f"one of {known}",
                found=product,
                hint="Declare the product under 'products' first (notebook: authored.ipynb)"
                if product in product_names("publication")
                else None,
            )
        if slug in product_names():
            raise InputError(
                path,
                f"slug '{slug}' in {where} is the name of a product",
                expected="a name of its own, such as 'methodology-guide'",
                found=slug,
                hint="reports/<product>/ holds that product's text; rename the slug",
            )
        for lang in d["languages"]:
            check_language(lang, where)
            spec = DocumentSpec(product, None, slug, d["year"], lang, d.get("date", ""))
            if spec.id in seen_ids:
                raise InputError(
                    path,
                    f"duplicate document id '{spec.id}'",
                    found=f"{where} and {seen_ids[spec.id]}",
                    hint="Give one of them a different 'slug' or 'year'",
                )
            seen_ids[spec.id] = where
            docs.append(spec)
    return tuple(docs)


def _check_names_and_dates(path: Path, raw: object) -> None:
    """Each document's `slug` and `date`, before the schema: its message would give a pattern,
    and an impossible date (2026-02-30) or one in other digits would pass it."""
    if not isinstance(raw, dict):
        return
    entries: list[tuple[list[str | int], str, object]] = []
    for i, c in enumerate(raw.get("countries") or ()):
        if isinstance(c, dict):
            for j, d in enumerate(c.get("documents") or ()):
                entries.append((["countries", i, "documents", j], f"{c.get('code')} ", d))
    for i, d in enumerate(raw.get("publications") or ()):
        entries.append((["publications", i], "the coalition's ", d))
    for keys, owner, d in entries:
        if not isinstance(d, dict):
            continue
        of = f"{owner}{d.get('product')}" + (f" '{str(d['slug']).strip()}'" if "slug" in d else "")
        if "slug" in d:
            check_slug(path, d["slug"], [*keys, "slug"], of)
        if "date" in d:
            check_date(path, d["date"], [*keys, "date"], f"the date of {of}")
