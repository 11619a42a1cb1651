"""Locale formatting, table-driven per language: digits, grouping, percent, intervals, dates."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol
from hypothesis import given
from hypothesis import strategies as st

from lnob.i18n import Formatter, Languages, to_ascii_digits, to_native_digits


@pytest.mark.parametrize(
    ("lang", "value", "expected"),
    [
        ("en", 12345678, "12,345,678"),
        ("bn", 12345678, "১,২৩,৪৫,৬৭৮"),
        ("hi", 12345678, "1,23,45,678"),
        ("ne", 12345678, "१,२३,४५,६७८"),
        ("sw", 12345678, "12,345,678"),
        ("vi", 12345678, "12.345.678"),
        ("fr", 12345678, "12\u202f345\u202f678"),  # narrow no-break space
        ("es", 12345678, "12.345.678"),
        ("ur", 12345678, "12,345,678"),
        ("ar", 12345678, "12,345,678"),
        ("bn", 0, "০"),
        ("en", 12345678901234567, "12,345,678,901,234,567"),  # exact beyond 2**53
        ("hi", -1234567, "-12,34,567"),
    ],
)
def test_integer(languages: Languages, lang: str, value: int, expected: str) -> None:
    assert Formatter(languages[lang]).integer(value) == expected


@pytest.mark.parametrize(
    ("lang", "value", "decimals", "expected"),
    [
        ("en", 1234567.891, 1, "1,234,567.9"),
        ("bn", 1234567.891, 2, "১২,৩৪,৫৬৭.৮৯"),
        ("hi", 1234567.891, 1, "12,34,567.9"),
        ("vi", 1234.5, 1, "1.234,5"),  # decimal comma
        ("fr", 1234.5, 2, "1\u202f234,50"),
        ("es", 0.5, 0, "1"),  # half away from zero, not half-even
        ("en", 2.5, 0, "3"),
        ("en", 0.125, 2, "0.13"),
        ("en", 1.005, 2, "1.01"),  # the float's shortest form is 1.005, rounded half up
        ("en", -0.04, 1, "0.0"),  # never "-0.0"
        ("en", Decimal("3.14159"), 3, "3.142"),
        ("en", 7, 2, "7.00"),
    ],
)
def test_number(
    languages: Languages, lang: str, value: float, decimals: int, expected: str
) -> None:
    assert Formatter(languages[lang]).number(value, decimals) == expected


@pytest.mark.parametrize(
    ("lang", "share", "decimals", "expected"),
    [
        ("en", 0.4213, 1, "42.1%"),
        ("en", 0.4225, 1, "42.3%"),  # half up on the decimal value
        ("en", 0.4213, 0, "42%"),
        ("en", 0.4213, 2, "42.13%"),
        ("bn", 0.4213, 1, "৪২.১%"),
        ("ne", 0.4213, 1, "४२.१%"),  # Devanagari digits
        ("hi", 0.4213, 1, "42.1%"),  # ASCII digits
        ("vi", 0.4213, 1, "42,1%"),
        ("fr", 0.4213, 1, "42,1\u00a0%"),
        ("es", 0.4213, 1, "42,1\u00a0%"),
        ("sw", 1.0, 1, "100.0%"),
        ("en", 0.0, 1, "0.0%"),
    ],
)
def test_percent(
    languages: Languages, lang: str, share: float, decimals: int, expected: str
) -> None:
    assert Formatter(languages[lang]).percent(share, decimals) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "42.1% (38.0–46.2)"),
        ("bn", "৪২.১% (৩৮.০–৪৬.২)"),
        ("ne", "४२.१% (३८.०–४६.२)"),
        ("fr", "42,1\u00a0% (38,0–46,2)"),
        ("vi", "42,1% (38,0–46,2)"),
    ],
)
def test_interval_percent(languages: Languages, lang: str, expected: str) -> None:
    assert Formatter(languages[lang]).interval(0.421, 0.38, 0.462) == expected


def test_interval_rounds_like_percent_and_number(languages: Languages) -> None:
    f = Formatter(languages["en"])
    text = f.interval(0.42249, 0.38051, 0.46249, decimals=1)
    assert text == f"{f.percent(0.42249)} ({f.number(38.051, 1)}–{f.number(46.249, 1)})"
    assert text == "42.2% (38.1–46.2)"


def test_interval_of_numbers_and_negative_bound(languages: Languages) -> None:
    f = Formatter(languages["en"])
    assert f.interval(3.4, 2.95, 3.91, decimals=1, percent=False) == "3.4 (3.0–3.9)"
    assert f.interval(0.4, -1.2, 2.0, decimals=1, percent=False) == "0.4 (-1.2 – 2.0)"


def test_interval_refuses_bounds_that_do_not_enclose(languages: Languages) -> None:
    with pytest.raises(ValueError, match="do not enclose"):
        Formatter(languages["en"]).interval(0.5, 0.6, 0.7)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "7 March 2025"),
        ("bn", "৭ মার্চ, ২০২৫"),
        ("hi", "7 मार्च 2025"),
        ("sw", "7 Machi 2025"),
        ("vi", "7 tháng 3, 2025"),
        ("fr", "7 mars 2025"),
    ],
)
def test_date(languages: Languages, lang: str, expected: str) -> None:
    f = Formatter(languages[lang])
    assert f.date(date(2025, 3, 7)) == expected
    assert f.date("2025-03-07") == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Dhaka, Khulna and Sylhet"),
        ("fr", "Dhaka, Khulna et Sylhet"),
        ("vi", "Dhaka, Khulna và Sylhet"),
        ("sw", "Dhaka, Khulna na Sylhet"),
        # CLDR's Nepali start pattern has no space after its comma ("Dhaka,Khulna र"): every
        # comma of the list gets one, as the middle pattern has
        ("ne", "Dhaka, Khulna र Sylhet"),
    ],
)
def test_list(languages: Languages, lang: str, expected: str) -> None:
    assert Formatter(languages[lang]).list(["Dhaka", "Khulna", "Sylhet"]) == expected
    if lang == "ne":
        four = Formatter(languages[lang]).list(["A", "B", "C", "D"])
        assert four == "A, B, C र D"


@pytest.mark.parametrize(
    ("lang", "iso3", "expected"),
    [
        ("en", "NPL", "Nepal"),
        ("bn", "BGD", "বাংলাদেশ"),
        ("ne", "NPL", "नेपाल"),
        ("vi", "VNM", "Việt Nam"),
        ("fr", "KEN", "Kenya"),
        ("sw", "IND", "India"),
        ("en", "vnm", "Vietnam"),
    ],
)
def test_country(languages: Languages, lang: str, iso3: str, expected: str) -> None:
    assert Formatter(languages[lang]).country(iso3) == expected


def test_unknown_country_fails_clearly(languages: Languages) -> None:
    with pytest.raises(ValueError, match="'XYZ'"):
        Formatter(languages["en"]).country("XYZ")


@pytest.mark.parametrize(
    ("lang", "code", "expected"),
    [
        ("en", "bn", "Bangla"),
        ("bn", "bn", "বাংলা"),
        ("fr", "sw", "swahili"),
        ("hi", "hi", "हिन्दी"),
    ],
)
def test_language_name(languages: Languages, lang: str, code: str, expected: str) -> None:
    assert Formatter(languages[lang]).language(code) == expected


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"),
    [
        ("en", "{n} respondents", "2,855 respondents"),
        ("bn", "{n} জন উত্তরদাতা", "২,৮৫৫ জন উত্তরদাতা"),
        ("hi", None, "2,855"),
    ],
)
def test_count(languages: Languages, lang: str, phrase: str | None, expected: str) -> None:
    assert Formatter(languages[lang]).count(2855, phrase) == expected


@pytest.mark.parametrize("bad", [-1, 2.5, True])
def test_count_refuses_what_is_not_a_count(languages: Languages, bad: object) -> None:
    with pytest.raises(ValueError):
        Formatter(languages["en"]).count(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_number_refuses_nan_and_infinity(languages: Languages, bad: float) -> None:
    with pytest.raises(ValueError, match="cannot format"):
        Formatter(languages["en"]).percent(bad)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("bn", "২০২৫ সালের ১২টি জেলা"),
        ("ne", "२०२५ सालका १२"),
        ("hi", "2025 12"),
    ],
)
def test_digits_follow_the_language_setting(languages: Languages, lang: str, expected: str) -> None:
    text = {"bn": "2025 সালের 12টি জেলা", "ne": "2025 सालका 12", "hi": "2025 12"}[lang]
    assert Formatter(languages[lang]).digits(text) == expected


def test_year_has_no_grouping(languages: Languages) -> None:
    assert Formatter(languages["bn"]).year(2025) == "২০২৫"


@pytest.mark.parametrize("system", ["beng", "deva", "arab", "arabext"])
def test_native_digits_round_trip(system: str) -> None:
    text = "0123456789, 42.1%"
    native = to_native_digits(text, system)
    assert not any(ch in "0123456789" for ch in native)
    assert to_ascii_digits(native) == text


def test_native_digits_for_arabic_when_switched_on(languages: Languages) -> None:
    from dataclasses import replace

    arabic = replace(languages["ar"], native_digits=True)
    assert Formatter(arabic).percent(0.421) == "٤٢٫١٪؜"
    assert Formatter(arabic).integer(1234) == "١٬٢٣٤"


def test_the_same_figure_reads_the_same_everywhere(languages: Languages) -> None:
    f = Formatter(languages["bn"])
    share, low, high = 0.42149999, 0.38, 0.46
    headline = f.percent(share)
    assert f.interval(share, low, high).startswith(headline + " ")
    assert headline == f.number(share * 100, 1) + "%"


def read_back(text: str, locale: str) -> Decimal:
    """The number a reader sees in a formatted percentage, whatever the language."""
    plain = to_ascii_digits(text).replace(get_group_symbol(locale), "")
    plain = plain.replace(get_decimal_symbol(locale), ".")
    return Decimal(plain.strip("%\u00a0 "))


@given(share=st.floats(min_value=-1, max_value=2, allow_nan=False), decimals=st.integers(0, 3))
def test_every_language_shows_the_same_figure(
    languages: Languages, share: float, decimals: int
) -> None:
    expected = (Decimal(repr(share)) * 100).quantize(
        Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP
    )
    for code in ("en", "bn", "hi", "ne", "vi", "fr", "es", "sw"):
        language = languages[code]
        shown = Formatter(language).percent(share, decimals)
        assert read_back(shown, language.locale) == expected, (code, shown)
