"""SDG goal, target and indicator codes: recognise, normalise and sort them.

Bottom layer of the stocktake package: imports nothing of the project.
Codes are written `4.1.1` inside the project; `4-1-1` (Open SDG file names,
translation keys) and upper-case target letters (`5.A.1`) are accepted on input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_PART = r"(\d{1,2})[.\-]([0-9]{1,2}|[a-zA-Z])"
_INDICATOR = re.compile(rf"^{_PART}[.\-](\d{{1,2}})$")
_TARGET = re.compile(rf"^{_PART}$")
_GOAL = re.compile(r"^(\d{1,2})$")
_FILE_NAME = re.compile(r"^(?:indicator_)?(\d{1,2}-[0-9a-zA-Z]{1,2}-\d{1,2})\.csv$")

Level = Literal["goal", "target", "indicator"]


@dataclass(frozen=True)
class CodeRef:
    """A goal (`5`), target (`3.8`) or indicator (`4.1.1`) code, normalised."""

    level: Level
    code: str

    def covers(self, indicator: str) -> bool:
        """Whether the indicator code lies under this goal, target or indicator."""
        if self.level == "indicator":
            return indicator == self.code
        return indicator.startswith(self.code + ".")


def normalise_indicator(text: str) -> str | None:
    """`'4-1-1'` -> `'4.1.1'`, `' 5.A.1 '` -> `'5.a.1'`; None when not an indicator code."""
    match = _INDICATOR.match(text.strip())
    if not match:
        return None
    goal, target, number = match.groups()
    return f"{int(goal)}.{_target_part(target)}.{int(number)}"


def parse_code_ref(text: str) -> CodeRef | None:
    """A goal, target or indicator code in any accepted spelling; None when it is none of them."""
    text = text.strip()
    indicator = normalise_indicator(text)
    if indicator:
        return CodeRef("indicator", indicator)
    match = _TARGET.match(text)
    if match:
        goal, target = match.groups()
        return CodeRef("target", f"{int(goal)}.{_target_part(target)}")
    match = _GOAL.match(text)
    if match:
        return CodeRef("goal", str(int(match.group(1))))
    return None


def is_indicator_code(text: str) -> bool:
    """Whether `text` is an SDG indicator code as the project writes it: `4.1.1`, `5.a.1`
    (goals 1 to 17; any other spelling, `4-1-1` or `5.A.1`, is first normalised)."""
    code = normalise_indicator(text)
    return code == text and 1 <= int(code.split(".")[0]) <= 17


def code_from_file_name(name: str) -> str | None:
    """Indicator code of an Open SDG data file (`indicator_4-1-2.csv` or `4-1-2.csv`), else None."""
    match = _FILE_NAME.match(name)
    return normalise_indicator(match.group(1)) if match else None


def code_sort_key(code: str) -> tuple[int, int, str, int]:
    """Natural order: 1.2.1 < 1.10.1 < 1.a.1 < 2.1.1 (numbered targets before lettered ones)."""
    goal, target, number = code.split(".")
    if target.isdigit():
        return (int(goal), 0, f"{int(target):03d}", int(number))
    return (int(goal), 1, target, int(number))


def _target_part(target: str) -> str:
    return str(int(target)) if target.isdigit() else target.lower()
