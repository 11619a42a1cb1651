"""A country's research focus (`focus.yaml`): the goals, targets and indicators it looks at.

Items are read as written (`17.10` stays a target, not the number 17.1) and resolved to
indicator codes through the SDG indicator list passed in: `5` means every indicator of
goal 5 in that list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pycountry
import yaml

from lnob.errors import InputError, read_input_text
from lnob.stocktake.codes import code_sort_key, parse_code_ref
from lnob.stocktake.sdglist import IndicatorList
from lnob.yamlio import did_you_mean, safe_load_text

ALLOWED_KEYS = ("country", "focus", "demo", "notes")


@dataclass(frozen=True)
class Focus:
    """The research focus: the items as written and the indicators they resolve to."""

    path: Path
    country: str
    items: tuple[str, ...]
    indicators: tuple[str, ...]
    demo: bool


def read_focus(path: Path, indicators: IndicatorList) -> Focus:
    """Read and resolve `focus.yaml`; InputError naming the line of any bad item."""
    try:
        text = read_input_text(path, "yaml")
        data = safe_load_text(text, path)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except FileNotFoundError:
        raise InputError(
            path,
            "file not found",
            expected="focus.yaml",
            found="nothing",
            hint="Create it (see docs/formats/stocktake.md)",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            path,
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            row=mark.line + 1 if mark else None,
            expected="valid YAML",
            hint="Fix the indentation, brackets or quoting there",
        ) from None
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        raise InputError(
            path,
            "not a mapping",
            expected="keys country, focus, demo",
            found=type(data).__name__,
            hint="See docs/formats/stocktake.md",
        )
    unknown = [key for key in data if key not in ALLOWED_KEYS]
    if unknown:
        key_line = next(k.start_mark.line + 1 for k, _ in root.value if k.value == unknown[0])
        raise InputError(
            path,
            f"unknown key '{unknown[0]}'{did_you_mean(str(unknown[0]), list(ALLOWED_KEYS))}",
            row=key_line,
            expected=", ".join(ALLOWED_KEYS),
            found=unknown[0],
            hint="Fix the spelling or remove the key",
        )
    country = _country(path, data.get("country"))
    if not isinstance(data.get("demo", False), bool):
        raise InputError(
            path,
            "demo must be true or false",
            column="demo",
            expected="true or false",
            found=data.get("demo"),
            hint="Write demo: true for synthetic demo data",
        )
    items_node = next((v for k, v in root.value if k.value == "focus"), None)
    if not isinstance(items_node, yaml.SequenceNode) or not items_node.value:
        raise InputError(
            path,
            "no focus list",
            column="focus",
            expected='a list such as ["5", "3.8", "4.1.1"]',
            found="nothing",
            hint="List the goals, targets or indicators the research looks at",
        )
    items: list[str] = []
    resolved: set[str] = set()
    for node in items_node.value:
        line = node.start_mark.line + 1
        raw = node.value if isinstance(node, yaml.ScalarNode) else None
        ref = parse_code_ref(raw) if isinstance(raw, str) else None
        if ref is None:
            raise InputError(
                path,
                "not a goal, target or indicator code",
                row=line,
                column="focus",
                expected="e.g. 5, 3.8 or 4.1.1",
                found=raw,
                hint="Write one code per list item",
            )
        codes = indicators.expand(ref.code)
        if not codes:
            raise InputError(
                path,
                f"{ref.level} {ref.code} has no indicator in the SDG list",
                row=line,
                column="focus",
                found=raw,
                expected=f"a code with indicators in "
                f"{', '.join(p.name for p in indicators.files[:1])}",
                hint="Check the code, or add its indicators to the project list",
            )
        items.append(ref.code)
        resolved.update(codes)
    return Focus(
        path=path,
        country=country,
        items=tuple(items),
        indicators=tuple(sorted(resolved, key=code_sort_key)),
        demo=bool(data.get("demo", False)),
    )


def _country(path: Path, value: object) -> str:
    if not isinstance(value, str) or pycountry.countries.get(alpha_3=value.upper()) is None:
        raise InputError(
            path,
            "country is not an ISO 3166 alpha-3 code",
            column="country",
            expected="e.g. NPL",
            found=value,
            hint="Use the country's three-letter ISO code",
        )
    country = value.upper()
    folder = path.parent.parent.name if path.parent.name == "stocktake" else None
    if folder and len(folder) == 3 and folder.isupper() and folder != country:
        raise InputError(
            path,
            "country does not match its folder",
            column="country",
            expected=folder,
            found=country,
            hint="Move the file to its country's folder or fix the code",
        )
    return country
