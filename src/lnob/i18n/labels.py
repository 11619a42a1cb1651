"""Data labels a reader sees, and which languages have a translation of each.

Catalogue strings are not everything a reader sees: group names of the taxonomy, SDG
indicator titles, survey titles, the synthesis' comparison labels and the survey
library's own words (Total, the disability categories) live in data files with one text
per language. `label_sets` reads them from a project, so `python -m lnob.i18n report` and
a release build count them with the catalogue strings: "complete" means a reader sees no
English in a Bangla or Arabic document.

A `LabelSet` says, per label, the languages it has and the languages it must have
(`expected`: every language, or a country's and the synthesis' languages).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lnob.yamlio import load_yaml


@dataclass(frozen=True)
class Label:
    """One label of one data file: its key there and its text per language."""

    source: Path  # the file to add the translation to
    key: str  # e.g. "group location", "title 3.8.1"
    texts: Mapping[str, str]
    expected: frozenset[str] | None = None  # None: every language

    def wanted_in(self, lang: str) -> bool:
        return self.expected is None or lang in self.expected

    def missing_in(self, lang: str) -> bool:
        return self.wanted_in(lang) and not (self.texts.get(lang) or "").strip()

    def describe(self, lang: str) -> str:
        return f"{self.source.as_posix().replace('<lang>', lang)}: {self.key}"


def missing_labels(labels: Iterable[Label], lang: str) -> tuple[str, ...]:
    """How a report names each label the language lacks: 'file: key' (the file to edit)."""
    return tuple(label.describe(lang) for label in labels if label.missing_in(lang))


def taxonomy_labels(path: Path) -> list[Label]:
    """`data/taxonomy.yaml`: each group's `label`, in every language."""
    if not path.exists():
        return []
    raw = load_yaml(path, "taxonomy")
    return [Label(path, f"group {g['key']}", dict(g["label"])) for g in raw["groups"]]


def indicator_title_labels(sdg_dir: Path) -> list[Label]:
    """`data/sdg/indicators.csv` and `titles.<lang>.csv`: every indicator's title in every
    language (the English one is the list itself). A missing title is reported against the
    language's file, which may not exist yet."""
    listed = sdg_dir / "indicators.csv"
    if not listed.exists():
        return []
    titles: dict[str, dict[str, str]] = {code: {"en": t} for code, t in _code_titles(listed)}
    for path in sorted(sdg_dir.glob("titles.*.csv")):
        lang = path.name.split(".")[1]
        for code, title in _code_titles(path):
            if code in titles:
                titles[code][lang] = title
    return [
        Label(sdg_dir / "titles.<lang>.csv", f"title {code}", texts)
        for code, texts in titles.items()
    ]


def _code_titles(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [(row["code"], row["title"]) for row in csv.DictReader(f)]


def survey_title_labels(
    countries_dir: Path, by_country: Mapping[str, Iterable[str]], synthesis: Iterable[str]
) -> list[Label]:
    """Each survey's `title` (`data/countries/<ISO3>/surveys/<id>/survey.yaml`), in its
    country's languages and the synthesis' (which lists every country's surveys)."""
    labels = []
    wanted_everywhere = set(synthesis)
    for path in sorted(countries_dir.glob("*/surveys/*/survey.yaml")):
        raw = load_yaml(path, "survey")
        country = str(raw.get("country", path.parts[-4]))
        expected = frozenset(wanted_everywhere | set(by_country.get(country, ())))
        labels.append(Label(path, "title", dict(raw.get("title") or {}), expected))
    return labels


def synthesis_labels(reports_dir: Path, synthesis: Iterable[str]) -> list[Label]:
    """The comparison labels of each year's `reports/synthesis/<year>/synthesis.yaml`,
    in the synthesis' languages."""
    expected = frozenset(synthesis)
    labels = []
    for path in sorted(reports_dir.glob("synthesis/*/synthesis.yaml")):
        raw = load_yaml(path, "synthesis")
        for item in raw.get("comparison") or ():
            if item.get("label"):
                key = f"comparison {item['indicator']} label"
                labels.append(Label(path, key, dict(item["label"]), expected))
    return labels


def wording_labels(source: Path, words: Mapping[str, Mapping[str, str]]) -> list[Label]:
    """Words a library writes itself (`lnob.i18n.wording`), in every language."""
    return [Label(source, key, dict(texts)) for key, texts in words.items()]
