"""Read a YAML file and validate it against a JSON schema, with line numbers in errors.

Bottom layer: imports only `errors` and `paths`.
"""

from __future__ import annotations

import difflib
import json
import re
import reprlib
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lnob.errors import InputError, check_size, decode_utf8
from lnob.paths import SCHEMAS_DIR


def _import_jsonschema() -> Any:
    """jsonschema, without the IRI grammar it would otherwise build at import.

    On import, jsonschema registers a format checker for every optional library it finds;
    `rfc3987_syntax` (installed with JupyterLab, the `author` extra) compiles its Earley
    grammars then: 1.2 s of every command on these machines, three quarters of a no-op
    build. The project's schemas declare no `format`, so the checker is never used; the
    library is hidden while jsonschema is imported, and left importable for anyone else.
    """
    import importlib
    import sys

    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return importlib.import_module("jsonschema")
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import fails at once
    try:
        return importlib.import_module("jsonschema")
    finally:
        del sys.modules["rfc3987_syntax"]


if TYPE_CHECKING:
    import jsonschema
else:
    jsonschema = _import_jsonschema()


def validator(schema_dict: dict[str, Any]) -> jsonschema.Draft202012Validator:
    """A JSON Schema 2020-12 validator of the project's schemas (every module takes it here,
    so jsonschema is always imported as above)."""
    return jsonschema.Draft202012Validator(schema_dict)


class _SafeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's safe loader where PyYAML was built with it (the same data, about 8x faster),
    keeping dates as the text written: `date: 2026-02-30` is then a value `check_date` names,
    not a Python exception, and a date means the same quoted or not."""


_SafeLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_SAFE_LOADER = _SafeLoader
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON schema `src/lnob/schemas/<name>.schema.json`."""
    return json.loads((SCHEMAS_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _line_of(node: yaml.Node | None, path: list[str | int]) -> int | None:
    """The 1-based line of the node at `path` in a composed YAML tree (the deepest one found)."""
    line = None
    for key in path:
        if node is None:
            break
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            node = None
    if node is not None:
        line = node.start_mark.line + 1
    return line


def line_in(path: Path, keys: list[str | int]) -> int | None:
    """The 1-based line of the value at `keys` in a YAML file (for error messages)."""
    try:
        return _line_of(yaml.compose(path.read_text(encoding="utf-8-sig")), keys)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None


# How many values a YAML file may stand for once its aliases are expanded. Real files hold a
# few thousand (coalition.yaml of 30 countries: about 3,000); nested aliases (a "billion
# laughs") reach billions from a few lines.
MAX_EXPANDED_VALUES = 100_000


def _expanded_size(root: yaml.Node) -> int:
    """How many nodes the tree stands for with every alias written out, counted on the composed
    graph (an alias is the same node object again), each node once: nothing is expanded."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in size:
            continue
        if isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            children = list(node.value)
        else:
            children = []
        if children_done or not children:
            size[id(node)] = 1 + sum(size.get(id(c), 0) for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in size)
    return size[id(root)]


def cap_aliases(text: str, path: Path, loader: type = _SAFE_LOADER, first_line: int = 1) -> None:
    """Refuse YAML whose aliases (`*name`) would stand for more than `MAX_EXPANDED_VALUES`
    values: one alias can stand for a large tree and nested ones grow exponentially (a 4 KB
    file expands to gigabytes). Counted on the composed graph, nothing is built."""
    events = (e for e in yaml.parse(text, Loader=loader) if isinstance(e, yaml.AliasEvent))
    alias = next(events, None)
    if alias is None:
        return
    root = yaml.compose(text, Loader=loader)
    if root is None or _expanded_size(root) <= MAX_EXPANDED_VALUES:
        return
    mark = alias.start_mark
    raise InputError(
        path,
        f"YAML aliases (the first, *{alias.anchor}, at line {mark.line + first_line}, column "
        f"{mark.column + 1}) make the file stand for more than {MAX_EXPANDED_VALUES:,} values",
        row=mark.line + first_line,
        expected="values written out, or aliases that repeat little",
        hint="Write the values out where the aliases stand (and drop the &anchors)",
    )


def safe_load_text(text: str, path: Path, loader: type = _SAFE_LOADER, first_line: int = 1) -> Any:
    """YAML text to data with a safe loader, aliases capped; a syntax error names its line
    (`first_line` is the file line of the text's first line, for front matter)."""
    try:
        cap_aliases(text, path, loader, first_line)
        return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + first_line}, column {mark.column + 1}" if mark else ""
        raise InputError(
            path,
            f"not valid YAML{where}: {getattr(exc, 'problem', exc)}",
            row=mark.line + first_line if mark else None,
            expected="valid YAML",
            hint="Fix the indentation, brackets or quoting on that line",
        ) from None


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 40
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 4
_SHORT.maxlevel = 2


def unknown_key(err: jsonschema.ValidationError) -> str | None:
    """The first key the schema does not know, for an `additionalProperties` error."""
    if err.validator != "additionalProperties" or not isinstance(err.instance, dict):
        return None
    known = err.schema.get("properties", {})
    patterns = err.schema.get("patternProperties", {})
    unknown = [
        k
        for k in err.instance
        if k not in known and not any(re.search(p, str(k)) for p in patterns)
    ]
    return str(unknown[0]) if unknown else None


def did_you_mean(key: str, known: list[str]) -> str:
    """ "; did you mean 'x'?" for the known key nearest to a misspelt one, or nothing."""
    near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return f"; did you mean '{near[0]}'?" if near else ""


def schema_message(err: jsonschema.ValidationError) -> str:
    """A schema error in a line: an unknown key with the nearest known one, and the value
    shortened (jsonschema's own message prints the whole value, however large)."""
    key = unknown_key(err)
    if key is not None:
        known = list(err.schema.get("properties", {}))
        tip = did_you_mean(key, known)
        allowed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
        return f"unknown key '{_SHORT.repr(key)[1:-1]}'{tip} (known keys: {allowed})"
    message = err.message
    whole = repr(err.instance)
    if len(whole) > 60:
        message = message.replace(whole, _SHORT.repr(err.instance))
    return message if len(message) <= 300 else message[:297] + "..."


def check_schema(
    data: Any, schema_name: str, path: Path, text: str, first_line: int = 1, what: str = ""
) -> None:
    """Validate `data` against the named schema; the first error names its line (`what`
    says which part of the file it is, such as "front matter ")."""
    checker = validator(schema(schema_name))
    # an unknown key first where it sits: a misspelt key also makes the right one 'missing'
    errors = sorted(
        checker.iter_errors(data),
        key=lambda e: (list(map(str, e.absolute_path)), e.validator != "additionalProperties"),
    )
    if errors:
        err = errors[0]
        where = list(err.absolute_path)
        key = unknown_key(err)
        if key is not None:
            where = [*where, key]
        line = _line_of(yaml.compose(text, Loader=_SAFE_LOADER), where)
        dotted = ".".join(str(p) for p in list(err.absolute_path)) or "(top level)"
        raise InputError(
            path,
            f"{what}'{dotted}' does not match the schema: {schema_message(err)}",
            row=line + first_line - 1 if line else None,
            expected=f"see src/lnob/schemas/{schema_name}.schema.json",
            hint=f"{len(errors)} problem(s) in all; fix this one and run "
            "`python build.py validate` again",
        )


def load_yaml(
    path: Path, schema_name: str | None = None, precheck: Callable[[Any], None] | None = None
) -> Any:
    """Load `path` (UTF-8, BOM tolerated, within the size limit, aliases capped); validate
    against the named schema if given, after `precheck(data)` (checks whose message says
    more than the schema's would: a date, a slug)."""
    try:
        check_size(path, "yaml")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            path, "file not found", hint="Create it or fix the path that names it"
        ) from None
    text = decode_utf8(raw, path)
    data = safe_load_text(text, path)
    if precheck is not None:
        precheck(data)
    if schema_name is not None:
        check_schema(data, schema_name, path, text)
    return data


def check_date(path: Path, value: object, keys: list[str | int], of: str = "") -> None:
    """`value`, at `keys` of the YAML file `path`, must be a date of the calendar written
    YYYY-MM-DD in the digits 0-9; else an InputError naming the key (and `of`, what it is the
    date of), its line and the fix."""
    import calendar
    import unicodedata

    where = ".".join(str(k) for k in keys) + (f"' ({of})" if of else "'")
    text = str(value).strip()
    match = _ISO_DATE.fullmatch(text)

    def located() -> dict[str, Any]:  # the line is looked up only for a message: composing
        # the file again per date made reading a 30-country coalition.yaml take seconds
        return {
            "row": line_in(path, keys),
            "column": ".".join(str(k) for k in keys),
            "found": value,
        }

    if not isinstance(value, str) or match is None:
        raise InputError(
            path,
            f"'{where} is not a date written YYYY-MM-DD",
            expected="a date such as 2026-07-10 (year, month, day)",
            hint="Write it as year-month-day in the digits 0-9, such as 2026-07-10",
            **located(),
        )
    foreign = next((c for c in text if c.isdigit() and not c.isascii()), None)
    if foreign is not None:
        script = unicodedata.name(foreign, "").split(" DIGIT")[0].title() or "other"
        ascii_text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
        raise InputError(
            path,
            f"'{where} is written in {script} digits",
            expected="a date in the digits 0-9, such as 2026-07-10",
            hint=f"Write it as {ascii_text}: dates in data files use the digits 0-9 "
            "(each language's document writes them in its own digits)",
            **located(),
        )
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise InputError(
            path,
            f"'{where} is not a date: there is no month {month}",
            expected="a date of the calendar, year-month-day (month 01 to 12)",
            hint="Fix the month (the order is year, month, day)",
            **located(),
        )
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InputError(
            path,
            f"'{where} is not a date: {calendar.month_name[month]} {year} has {days} days",
            expected=f"a date of the calendar (day 01 to {days:02d} in that month)",
            hint="Fix the day (or the month)",
            **located(),
        )


def check_slug(path: Path, value: object, keys: list[str | int], of: str = "") -> None:
    """A slug (a document's name in its folder and address) holds no white space: a YAML
    block scalar (`slug: |`) or a stray space would give it a line break or a space."""
    if isinstance(value, str) and value != "".join(value.split()):
        where = ".".join(str(k) for k in keys)
        label = f"'{where}' ({of})" if of else f"'{where}'"
        what = (
            "ends with a line break (written as a block, with '|' or '>'?)"
            if value.rstrip(" \t") != value.rstrip()
            else "holds white space"
        )
        raise InputError(
            path,
            f"{label} {what}",
            row=line_in(path, keys),
            column=where,
            expected="lower-case letters, digits and hyphens only, such as health-access",
            found=value,
            hint="Write it on the line of its key, without spaces: "
            f"slug: {'-'.join(value.split())}",
        )
