"""The SDG indicator list: the reference for every indicator code and its title in each language.

An `IndicatorList` holds the English titles from one reference file (the official UNSD
CSV or xlsx, read by `lnob.stocktake.official`, or the project's own
`data/sdg/indicators.csv`) plus title translations added per language. Every indicator
code the stocktake meets is checked with `IndicatorList.require`, which raises an
`InputError` naming the file and row of an unknown code.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import yaml

from lnob.errors import InputError, read_input_text
from lnob.stocktake.codes import code_sort_key, normalise_indicator, parse_code_ref
from lnob.yamlio import safe_load_text

ENGLISH = "en"
_TITLE_FILE = re.compile(r"^titles\.([a-z]{2,3})\.csv$")
_YAML_KEY = re.compile(r"^(\d{1,2}-[0-9a-z]{1,2}-\d{1,2})-title$")


@dataclass(frozen=True)
class Title:
    """An indicator title in a language; `fallback` is True when English stands in for it."""

    text: str
    lang: str
    fallback: bool


@dataclass(frozen=True)
class TitleSet:
    """Indicator titles in one language as read from one file; `rows` gives each code's line."""

    lang: str
    path: Path
    titles: Mapping[str, str]
    rows: Mapping[str, int | None] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class IndicatorList:
    """Indicator codes with English titles (in list order) and translated titles per language."""

    titles: Mapping[str, str]
    files: tuple[Path, ...]
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.titles

    def __len__(self) -> int:
        return len(self.titles)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.titles)

    @property
    def languages(self) -> tuple[str, ...]:
        return (ENGLISH, *sorted(self.translations))

    def require(
        self,
        text: str,
        *,
        path: Path | str,
        row: int | None = None,
        column: str | None = None,
        sheet: str | None = None,
    ) -> str:
        """The normalised code of `text`, or an InputError naming where the unknown code was met."""
        code = normalise_indicator(text)
        if code is None:
            raise InputError(
                path,
                "not an SDG indicator code",
                row=row,
                column=column,
                sheet=sheet,
                expected="a code such as 4.1.1 or 5.a.1",
                found=text,
                hint="Write the goal, target and indicator numbers",
            )
        if code not in self.titles:
            raise InputError(
                path,
                f"indicator {code} is not in the SDG indicator list",
                row=row,
                column=column,
                sheet=sheet,
                expected=f"a code from {self._list_names()}",
                found=text,
                hint="Check the code against the official list (it may have "
                "been renumbered or deleted in a refinement)",
            )
        return code

    def expand(self, text: str) -> tuple[str, ...]:
        """Indicators under a goal (`5`), target (`3.8`) or the indicator itself (`4.1.1`)."""
        ref = parse_code_ref(text)
        if ref is None:
            return ()
        return tuple(code for code in self.titles if ref.covers(code))

    def title(self, code: str, lang: str = ENGLISH) -> Title:
        """The title in `lang`, or the English one flagged as a fallback."""
        english = self.titles[code]
        if lang == ENGLISH:
            return Title(english, ENGLISH, fallback=False)
        translated = self.translations.get(lang, {}).get(code)
        if translated:
            return Title(translated, lang, fallback=False)
        return Title(english, ENGLISH, fallback=True)

    def with_titles(self, title_set: TitleSet, *, strict: bool = True) -> IndicatorList:
        """A copy with `title_set` added (its titles win over earlier ones in that language).

        `strict` makes a code outside the list an error (project files); with
        `strict=False` such codes are left out (see `unknown_codes`), which suits
        published translation files that still carry retired indicators.
        """
        if title_set.lang == ENGLISH:
            raise InputError(
                title_set.path,
                "English titles come from the indicator list",
                expected="a translation file for another language",
                found="en",
                hint="Change English titles in the indicator list itself",
            )
        if strict:
            for code in title_set.titles:
                if code not in self.titles:
                    self.require(
                        code, path=title_set.path, row=title_set.rows.get(code), column="code"
                    )
        merged = dict(self.translations.get(title_set.lang, {}))
        merged.update({c: t for c, t in title_set.titles.items() if c in self.titles})
        translations = {**self.translations, title_set.lang: MappingProxyType(merged)}
        return replace(
            self, translations=MappingProxyType(translations), files=(*self.files, title_set.path)
        )

    def unknown_codes(self, title_set: TitleSet) -> tuple[str, ...]:
        """Codes of `title_set` that are not in this list (e.g. retired indicators)."""
        return tuple(
            sorted((c for c in title_set.titles if c not in self.titles), key=code_sort_key)
        )

    def _list_names(self) -> str:
        return ", ".join(p.name for p in self.files[:1]) or "the indicator list"


def indicator_list(rows: Iterable[tuple[str, str]], files: Iterable[Path]) -> IndicatorList:
    """An IndicatorList from (code, English title) pairs already validated by a reader."""
    return IndicatorList(titles=MappingProxyType(dict(rows)), files=tuple(files))


def read_project_indicators(path: Path) -> IndicatorList:
    """The project's own list `data/sdg/indicators.csv` (columns `code,title`)."""
    titles: dict[str, str] = {}
    for row, code_text, title in _code_title_rows(path):
        code = normalise_indicator(code_text)
        if code is None:
            raise InputError(
                path,
                "not an SDG indicator code",
                row=row,
                column="code",
                expected="a code such as 4.1.1",
                found=code_text,
                hint="Write the goal, target and indicator numbers",
            )
        if code in titles:
            raise InputError(
                path,
                f"indicator {code} is listed twice",
                row=row,
                column="code",
                expected="one row per indicator",
                found=code_text,
                hint="Remove the extra row",
            )
        titles[code] = title
    return indicator_list(titles.items(), [path])


def read_title_csv(path: Path) -> TitleSet:
    """Project title translations `titles.<lang>.csv` (columns `code,title`)."""
    match = _TITLE_FILE.match(path.name)
    if not match:
        raise InputError(
            path,
            "title file name does not give its language",
            expected="titles.<lang>.csv, e.g. titles.bn.csv",
            found=path.name,
            hint="Rename the file",
        )
    titles: dict[str, str] = {}
    rows: dict[str, int | None] = {}
    for row, code_text, title in _code_title_rows(path):
        code = normalise_indicator(code_text) or code_text
        if code in titles:
            raise InputError(
                path,
                f"indicator {code} is translated twice",
                row=row,
                column="code",
                expected="one row per indicator",
                found=code_text,
                hint="Remove the extra row",
            )
        titles[code], rows[code] = title, row
    return TitleSet(match.group(1), path, MappingProxyType(titles), MappingProxyType(rows))


def read_translation_yaml(path: Path, lang: str | None = None) -> TitleSet:
    """Indicator titles from the open-sdg/sdg-translations layout `<lang>/global_indicators.yml`.

    Keys look like `1-1-1-title`; other keys are ignored. The language is the
    folder name unless given.
    """
    try:
        data = safe_load_text(read_input_text(path, "yaml"), path)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(
            path,
            f"cannot read translations: {exc}",
            expected="a UTF-8 YAML mapping like `1-1-1-title: ...`",
            hint="Use the file from open-sdg/sdg-translations unchanged",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            path,
            "translations are not a mapping",
            expected="keys like `1-1-1-title`",
            found=type(data).__name__,
            hint="Use open-sdg/sdg-translations' global_indicators.yml",
        )
    titles: dict[str, str] = {}
    for key, value in data.items():
        match = _YAML_KEY.match(str(key))
        if match and isinstance(value, str) and value.strip():
            code = normalise_indicator(match.group(1))
            if code:
                titles[code] = " ".join(value.split())
    return TitleSet(lang or path.parent.name, path, MappingProxyType(titles))


def load_project_indicators(sdg_dir: Path, official: str | None = None) -> IndicatorList:
    """`data/sdg/indicators.csv`, or the official UN list `official` in that folder (the
    coalition's `sdg_indicator_list`), with every `titles.<lang>.csv` beside it (strictly
    checked)."""
    if official is None:
        indicators = read_project_indicators(sdg_dir / "indicators.csv")
    else:
        from lnob.stocktake.official import load_indicator_list

        path = sdg_dir / official
        if not path.is_file():
            raise InputError(
                path,
                "the official SDG indicator list named in data/coalition.yaml is not there",
                column="sdg_indicator_list",
                expected=f"the UN's file in {sdg_dir.name}/ as downloaded",
                found="nothing",
                hint="Put the file in data/sdg/ (the UN Statistics Division's global indicator "
                "framework .xlsx) or fix 'sdg_indicator_list' in data/coalition.yaml",
            )
        indicators = load_indicator_list(path)
    for path in sorted(sdg_dir.glob("titles.*.csv")):
        indicators = indicators.with_titles(read_title_csv(path))
    return indicators


def _code_title_rows(path: Path) -> list[tuple[int, str, str]]:
    """(line, code, title) rows of a two-column `code,title` CSV, checked for shape."""
    try:
        with io.StringIO(read_input_text(path, "csv"), newline="") as handle:
            reader = csv.reader(handle)
            header = [h.strip() for h in next(reader, [])]
            if header != ["code", "title"]:
                raise InputError(
                    path,
                    "unexpected header",
                    row=1,
                    expected="code,title",
                    found=",".join(header),
                    hint="Use the two columns code,title",
                )
            rows: list[tuple[int, str, str]] = []
            for line, cells in enumerate(reader, start=2):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != 2 or not cells[1].strip():
                    raise InputError(
                        path,
                        "each row needs a code and a title",
                        row=line,
                        expected="2 non-empty cells",
                        found=cells,
                        hint="Quote titles that contain commas",
                    )
                rows.append((line, cells[0].strip(), " ".join(cells[1].split())))
            return rows
    except FileNotFoundError:
        raise InputError(
            path,
            "file not found",
            expected="a code,title CSV",
            found="nothing",
            hint="Create it or fix the path",
        ) from None
