"""Which of each country's documents a year's synthesis draws on: those dated up to that year.

A country whose stocktake or research is published later is in the synthesis as a
country without results for that year, never with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass

from lnob.coalition import Coalition
from lnob.spec import DocumentSpec

RESULT_PRODUCTS = ("stocktake", "research")


@dataclass(frozen=True)
class CountryDocs:
    """One country's documents published by the end of the synthesis year."""

    code: str
    languages: tuple[str, ...]
    documents: tuple[DocumentSpec, ...]  # one per document (its first language), by date

    @property
    def stocktake(self) -> DocumentSpec | None:
        """The latest stocktake published by then."""
        found = [d for d in self.documents if d.product == "stocktake"]
        return found[-1] if found else None

    @property
    def research(self) -> tuple[DocumentSpec, ...]:
        return tuple(d for d in self.documents if d.product == "research")

    @property
    def surveys(self) -> tuple[str, ...]:
        """The surveys behind its published research, in order, each once."""
        return tuple(dict.fromkeys(s for d in self.research for s in d.surveys))

    @property
    def has_results(self) -> bool:
        return self.stocktake is not None or bool(self.research)


def country_documents(
    coalition: Coalition, year: int, until: str | None = None
) -> tuple[CountryDocs, ...]:
    """Every country of the coalition with its documents dated up to `year` and, for a
    document that cites them, dated on or before `until` (its own publication date)."""
    out = []
    for country in coalition.countries:
        seen: dict[str, DocumentSpec] = {}
        for d in country.documents:
            if d.published_by(year, until):
                seen.setdefault(d.group, d)
        docs = sorted(seen.values(), key=lambda d: (d.publication_date, d.product, d.slug))
        out.append(CountryDocs(country.code, country.languages, tuple(docs)))
    return tuple(out)


def with_results(coalition: Coalition, year: int) -> tuple[str, ...]:
    """Countries with a stocktake or research published by the end of `year`."""
    return tuple(c.code for c in country_documents(coalition, year) if c.has_results)
