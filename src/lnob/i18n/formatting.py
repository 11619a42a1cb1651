"""Locale formatting of numbers, percentages, intervals, dates, lists and names.

The one place a figure becomes text, so the same figure reads the same in prose,
tables, charts and downloads. Rules, for every language:

- Rounding happens once, here: the value's shortest decimal form (`repr` of a float)
  is rounded half away from zero ("42.25" -> "42.3"), never binary-float half-even.
- Separators, grouping (Indian grouping 1,23,45,678 for bn, hi, ne), the percent sign
  and its spacing come from the locale's CLDR patterns (Babel); only the number of
  decimals is ours. A negative value that rounds to zero prints as zero.
- Native digits (bn ০-৯, ne ०-९) are applied last when the language asks for them.
- Country and language names come from CLDR in the reader's language.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cache, cached_property
from numbers import Integral
from typing import Literal, SupportsFloat

import pycountry
from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import NumberPattern

from lnob.i18n.digits import to_native_digits
from lnob.i18n.languages import Language

RANGE_DASH = "\u2013"  # en dash, CLDR's range pattern "{0}–{1}"

Number = SupportsFloat  # int, float, Decimal, NumPy scalars
DateStyle = Literal["short", "medium", "long", "full"]
ListStyle = Literal["standard", "standard-short", "or", "unit", "unit-short", "unit-narrow"]


@dataclass(frozen=True)
class Formatter:
    """Formats values for one language: `Formatter(language).percent(0.4213)` -> "42.1%"."""

    lang: Language

    @property
    def settings(self) -> dict[str, str]:
        """What of the language this formatter reads (with Babel's CLDR data): a notebook
        that formats names or dates with it depends on these, so they are in its key."""
        return {"locale": self.lang.locale, "numbering_system": self.lang.numbering_system}

    @cached_property
    def _locale(self) -> Locale:
        return Locale.parse(self.lang.locale)

    # numbers -----------------------------------------------------------------------------

    def number(self, x: Number, decimals: int = 0) -> str:
        """`x` with exactly `decimals` decimals and the locale's grouping."""
        value = _rounded(_to_decimal(x), decimals)
        return self._apply(_pattern(self.lang.locale, "decimal", decimals), value)

    def integer(self, n: int) -> str:
        """A whole number with the locale's grouping: 12345678 -> "1,23,45,678" (hi)."""
        if isinstance(n, bool) or not float(n).is_integer():
            raise ValueError(f"integer() needs a whole number, got {n!r}")
        return self.number(int(n), 0)

    def count(self, n: int, phrase: str | None = None) -> str:
        """A count of things; `phrase` is a translated text with `{n}` ("{n} respondents")."""
        if isinstance(n, bool) or not float(n).is_integer() or n < 0:
            raise ValueError(f"a count is a whole number of at least 0, got {n!r}")
        text = self.integer(int(n))
        if phrase is None:
            return text
        if "{n}" not in phrase:
            raise ValueError(f"count phrase {phrase!r} has no '{{n}}' placeholder")
        return phrase.format(n=text)

    def percent(self, share: Number, decimals: int = 1) -> str:
        """A share (0..1) as a percentage with `decimals` decimals: 0.4213 -> "42.1%"."""
        percent = _rounded(_to_decimal(share) * 100, decimals)
        # The pattern multiplies by 100 again; the division is exact in Decimal.
        return self._apply(_pattern(self.lang.locale, "percent", decimals), percent / 100)

    def interval(
        self, estimate: Number, low: Number, high: Number, decimals: int = 1, percent: bool = True
    ) -> str:
        """An estimate with its confidence interval: "42.1% (38.0–46.2)" in the locale's style.

        With `percent=True` the three values are shares (0..1); the bounds are written as
        numbers without the sign, rounded exactly as the estimate is.
        """
        est, lo, hi = _to_decimal(estimate), _to_decimal(low), _to_decimal(high)
        if not lo <= est <= hi:
            raise ValueError(
                f"interval bounds do not enclose the estimate: {low} <= {estimate} "
                f"<= {high} is false"
            )
        scale = 100 if percent else 1
        head = self.percent(est, decimals) if percent else self.number(est, decimals)
        lo_text, hi_text = self.number(lo * scale, decimals), self.number(hi * scale, decimals)
        dash = f" {RANGE_DASH} " if lo < 0 else RANGE_DASH
        return f"{head} ({lo_text}{dash}{hi_text})"

    def year(self, year: int) -> str:
        """A calendar year, without grouping, in the language's digits."""
        return self.digits(str(int(year)))

    # dates, lists, names -----------------------------------------------------------------

    def date(self, d: date | str, style: DateStyle = "long") -> str:
        """A date in the locale (`d` may be ISO 'YYYY-MM-DD'): "৭ মার্চ, ২০২৫" (bn, long)."""
        if isinstance(d, str):
            d = date.fromisoformat(d)
        if isinstance(d, datetime):
            d = d.date()
        return self.digits(format_date(d, format=style, locale=self._locale))

    def list(self, items: Iterable[str], style: ListStyle = "standard") -> str:
        """Items joined the locale's way: "a, b and c", "a, b et c", "a, b và c"."""
        words = list(items)
        patterns = self._locale.list_patterns.get(style) or {}
        start, middle = patterns.get("start", ""), patterns.get("middle", "")
        if len(words) < 3 or start == middle or start.replace(" ", "") != middle.replace(" ", ""):
            return format_list(words, style=style, locale=self._locale)
        # CLDR's Nepali joins the first two without the space it puts after every other
        # comma ("क,ख र ग"): the first two are joined as the others are
        out = middle.format(words[0], words[1])
        for word in words[2:-1]:
            out = middle.format(out, word)
        return str(patterns["end"]).format(out, words[-1])

    def country(self, iso3: str) -> str:
        """The CLDR name of a country, by ISO 3166-1 alpha-3 code, in this language."""
        record = pycountry.countries.get(alpha_3=iso3.upper())
        name = self._locale.territories.get(record.alpha_2) if record else None
        if name is None:
            raise ValueError(f"no country with ISO 3166-1 alpha-3 code '{iso3}'")
        return str(name)

    def language(self, code: str) -> str:
        """The CLDR name of a language, by code ('bn', 'sw'), in this language."""
        name = self._locale.languages.get(code)
        if name is None:
            raise ValueError(f"CLDR has no name for language code '{code}'")
        return str(name)

    def digits(self, text: str) -> str:
        """`text` with ASCII digits written in this language's digits (if it uses native ones)."""
        return to_native_digits(text, self.lang.numbering_system)

    # -------------------------------------------------------------------------------------

    def _apply(self, pattern: NumberPattern, value: Decimal) -> str:
        system = self.lang.numbering_system
        text = pattern.apply(value, self._locale, numbering_system=system)
        if system != "latn" and "%" in text:  # Babel writes '%' whatever the system says
            text = text.replace("%", self._locale.number_symbols[system].get("percentSign", "%"))
        return to_native_digits(text, system)


def _to_decimal(x: Number) -> Decimal:
    """The value as a Decimal of its shortest decimal form; NaN and infinity are refused."""
    if isinstance(x, bool):
        raise TypeError("a boolean is not a number to format")
    if isinstance(x, Decimal):
        value = x
    elif isinstance(x, Integral):  # exact, also beyond 2**53
        value = Decimal(int(x))
    else:
        value = Decimal(repr(float(x)))
    if not value.is_finite():
        raise ValueError(f"cannot format {x!r}: suppress or mark missing values before formatting")
    return value


def _rounded(value: Decimal, decimals: int) -> Decimal:
    if decimals < 0:
        raise ValueError(f"decimals must be 0 or more, got {decimals}")
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded  # never "-0.0"


@cache
def _pattern(locale: str, kind: Literal["decimal", "percent"], decimals: int) -> NumberPattern:
    """The locale's standard decimal or percent pattern with exactly `decimals` decimals."""
    data = Locale.parse(locale)
    base = (data.decimal_formats if kind == "decimal" else data.percent_formats)[None]
    pattern = copy.copy(base)
    pattern.frac_prec = (decimals, decimals)
    return pattern
