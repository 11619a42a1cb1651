"""A language's locale and digits reach every string made from them, also those made when
the notebook runs (country names, fieldwork dates): changing `native_digits` in
languages.yaml re-executes the documents in that language, not only re-renders them."""

from __future__ import annotations

import html
import re
from datetime import date

import openpyxl
import pytest
import yaml
from babel.dates import format_date

from lnob.build.plan import BuildOptions
from lnob.build.run import Selection, build, explain
from lnob.paths import ProjectPaths

pytestmark = pytest.mark.slow

DOC = "bgd-research-health-access-2026-bn"
SITE_DIR = "bgd/bgd-research-health-access-2026/bn"
BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")
ANY_BENGALI_DIGIT = re.compile("[০-৯]")


def fieldwork_dates(paths: ProjectPaths) -> list[str]:
    """The survey's start and end as Babel writes them in bn_BD (ASCII digits), read from
    its survey.yaml."""
    survey = paths.country_dir("BGD") / "surveys" / "bgd-health-access-2024" / "survey.yaml"
    dates = yaml.safe_load(survey.read_text(encoding="utf-8"))["dates"]
    return [
        format_date(date.fromisoformat(dates[k]), format="long", locale="bn_BD")
        for k in ("start", "end")
    ]


def authored_bangla(paths: ProjectPaths) -> list[str]:
    """The survey's own Bangla texts (sample description, titles), written with their digits
    by their authors: not formatted by the build."""
    survey = paths.country_dir("BGD") / "surveys" / "bgd-health-access-2024" / "survey.yaml"
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "bn" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(yaml.safe_load(survey.read_text(encoding="utf-8")))
    # the form's Bangla labels too: a note on a skip-logic question quotes the question it
    # depends on ("গত ১২ মাসে ...", in the last 12 months), as the survey team wrote it
    book = openpyxl.load_workbook(survey.with_name("form.xlsx"), read_only=True)
    for sheet in ("survey", "choices"):
        rows = book[sheet].iter_rows(values_only=True)
        header = [str(h or "") for h in next(rows)]
        bangla = [i for i, h in enumerate(header) if h.startswith("label") and "(bn)" in h]
        found += [str(row[i]) for row in rows for i in bangla if row[i]]
    return sorted(found, key=len, reverse=True)  # longest first: no label cuts another


def set_native_digits(paths: ProjectPaths, lang: str, value: bool) -> None:
    text = paths.languages_file.read_text(encoding="utf-8")
    entry = re.search(rf"(?ms)^  {lang}:\n.*?(?=^  \w+:\n|\Z)", text)
    assert entry is not None, f"no entry for {lang} in {paths.languages_file}"
    old = entry.group(0)
    new = re.sub(r"native_digits: \w+", f"native_digits: {str(value).lower()}", old)
    assert new != old or f"native_digits: {str(value).lower()}" in old
    paths.languages_file.write_text(text.replace(old, new), encoding="utf-8")


def test_changing_a_languages_digits_changes_every_string(demo: ProjectPaths) -> None:
    page = demo.site / SITE_DIR / "index.html"
    first = build(demo, BuildOptions(jobs=1), Selection(ids=(DOC,)))
    assert not first.failed, [r.error for r in first.failed]
    before = page.read_text(encoding="utf-8")
    ascii_dates = fieldwork_dates(demo)
    for d in ascii_dates:  # made when the notebook ran, in Bengali digits
        assert d.translate(BENGALI_DIGITS) in before, d
    assert re.search(r"\d", ascii_dates[0])

    set_native_digits(demo, "bn", False)
    assert any(
        "language changed" in line for line in explain(demo, BuildOptions(), Selection(ids=(DOC,)))
    )
    second = build(demo, BuildOptions(jobs=1), Selection(ids=(DOC,)))
    assert not second.failed, [r.error for r in second.failed]
    (result,) = second.results
    assert "execute" in result.stages, result.stages
    after = page.read_text(encoding="utf-8")
    for d in ascii_dates:
        assert d in after and d.translate(BENGALI_DIGITS) not in after, d
    formatted = after
    for text in authored_bangla(demo):
        formatted = formatted.replace(html.escape(text, quote=False), "")
    left = sorted(set(ANY_BENGALI_DIGIT.findall(formatted)))
    contexts = [
        formatted[max(0, m.start() - 80) : m.end() + 40]
        for m in ANY_BENGALI_DIGIT.finditer(formatted)
    ][:5]
    assert not left, (
        f"Bengali digits still in the HTML after native_digits: false: {left} {contexts}"
    )
    assert ANY_BENGALI_DIGIT.search(before)  # numbers of every kind were Bengali before
