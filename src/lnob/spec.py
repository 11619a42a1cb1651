"""The value that names one document of the build matrix. Bottom layer.

A `DocumentSpec` is product x country x language x year (x slug, when a country
publishes several documents of one product). Everything downstream keys on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class DocumentSpec:
    product: str
    country: str | None  # ISO 3166 alpha-3; None for the synthesis and publications
    slug: str
    year: int
    language: str  # BCP 47
    date: str = ""  # ISO date of publication; defaults to the year's 1 December
    surveys: tuple[str, ...] = field(default=(), compare=False)

    @property
    def group(self) -> str:
        """The document independent of language: what a language switcher links across."""
        parts = [self.country.lower() if self.country else "global", self.product]
        if self.slug != self.product:
            parts.append(self.slug)
        parts.append(str(self.year))
        return "-".join(parts)

    @property
    def id(self) -> str:
        return f"{self.group}-{self.language}"

    @property
    def publication_date(self) -> str:
        return self.date or f"{self.year}-12-01"

    @property
    def site_dir(self) -> str:
        """Folder of this document under `_site/`, relative, with forward slashes."""
        owner = self.country.lower() if self.country else "global"
        return f"{owner}/{self.group}/{self.language}"

    def published_by(self, year: int, until: str | None = None) -> bool:
        """Dated in `year` or before, and (`until`: a citing document's ISO date) not after it:
        whether a year's synthesis, or a document dated `until`, may draw on this one."""
        return int(self.publication_date[:4]) <= year and (
            until is None or self.publication_date <= until
        )

    def describe(self) -> str:
        owner = self.country or "coalition"
        return f"{owner} {self.product} '{self.slug}' {self.year} [{self.language}]"
