"""The shared 'leave no one behind' taxonomy: groups, their stable keys, and the column names
and values that stand for them in published data.

Loaded from `data/taxonomy.yaml` and validated against `schemas/taxonomy.schema.json`;
extending it (a column name, a total value, a language, a group) needs no code. The
survey products use the same group keys.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from lnob.errors import InputError
from lnob.yamlio import load_yaml

ANY_DATA = "any"  # pseudo-group of the coverage matrix: any data at all, totals included
ColumnRole = Literal["group", "metadata", "unmapped"]


def normalise_column(name: str) -> str:
    """Column names compare ignoring case, spaces, '_' and '-': `REF_AREA` == `Ref area`."""
    return " ".join(re.sub(r"[_\-]+", " ", name).casefold().split())


@dataclass(frozen=True)
class Group:
    """One group: stable key, labels per language, column names, extra total values."""

    key: str
    labels: Mapping[str, str]
    columns: tuple[str, ...]
    total_values: frozenset[str]

    def label(self, lang: str = "en") -> str:
        """The label in `lang`, English when there is none."""
        return self.labels.get(lang) or self.labels["en"]


@dataclass(frozen=True, eq=False)
class Taxonomy:
    """All groups in their fixed order, with lookups from column names and values."""

    path: Path
    groups: tuple[Group, ...]
    metadata_columns: frozenset[str]
    total_values: frozenset[str]
    _column_groups: Mapping[str, str]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(group.key for group in self.groups)

    def group(self, key: str) -> Group:
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(f"no group '{key}' in {self.path}; groups are {', '.join(self.keys)}")

    def classify(self, column: str) -> tuple[ColumnRole, str | None]:
        """('group', key), ('metadata', None) or ('unmapped', None) for a column name."""
        name = normalise_column(column)
        if name in self._column_groups:
            return "group", self._column_groups[name]
        if name in self.metadata_columns:
            return "metadata", None
        return "unmapped", None

    def totals_for(self, key: str) -> frozenset[str]:
        """Case-folded values that mean 'total' in a column of group `key`."""
        return self.total_values | self.group(key).total_values

    def require_key(
        self, text: str, *, path: Path | str, row: int | None = None, column: str | None = None
    ) -> str:
        """`text` if it is a group key, else an InputError naming where it was met."""
        if text in self.keys:
            return text
        raise InputError(
            path,
            f"'{text}' is not a group key",
            row=row,
            column=column,
            expected=f"one of {', '.join(self.keys)}",
            found=text,
            hint=f"Use a key from {self.path.name}, or add the group there",
        )


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate the taxonomy file; InputError on any problem, naming where it is."""
    data = load_yaml(path, "taxonomy")
    column_groups: dict[str, str] = {}
    metadata = frozenset(normalise_column(c) for c in data["metadata_columns"])
    groups: list[Group] = []
    for index, raw in enumerate(data["groups"]):
        key = raw["key"]
        if key in (group.key for group in groups):
            raise InputError(
                path,
                f"group key '{key}' is used twice",
                column=f"groups.{index}.key",
                expected="unique group keys",
                found=key,
                hint="Merge the two groups or rename the new one",
            )
        for column in raw["columns"]:
            name = normalise_column(column)
            owner = column_groups.get(name)
            if owner not in (None, key) or name in metadata:
                raise InputError(
                    path,
                    f"column '{column}' is claimed twice",
                    column=f"groups.{index}.columns",
                    expected="each column name in one group only (or in metadata)",
                    found=owner or "metadata_columns",
                    hint="Keep the name in the group it really describes",
                )
            column_groups[name] = key
        groups.append(
            Group(
                key=key,
                labels=MappingProxyType(dict(raw["label"])),
                columns=tuple(raw["columns"]),
                total_values=_fold(raw.get("total_values", [])),
            )
        )
    return Taxonomy(
        path=path,
        groups=tuple(groups),
        metadata_columns=metadata,
        total_values=_fold(data["total_values"]),
        _column_groups=MappingProxyType(column_groups),
    )


def _fold(values: list[str]) -> frozenset[str]:
    return frozenset(value.strip().casefold() for value in values)
