"""Read a YAML file and validate it against a JSON schema, with line numbers in errors.

Bottom layer: imports only `errors` and `paths`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from lnob.errors import InputError
from lnob.paths import SCHEMAS_DIR

# libyaml's safe loader where PyYAML was built with it: the same data, about 8x faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def load_yaml(path: Path, schema_name: str | None = None) -> Any:
    """Load `path` (UTF-8, BOM tolerated); validate against the named schema if given."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(
            path, "file not found", hint="Create it or fix the path that names it"
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            "not UTF-8 text",
            expected="UTF-8",
            found=f"byte {exc.object[exc.start]:#x} at offset {exc.start}",
            hint="Save the file as UTF-8",
        ) from None
    try:
        data = yaml.load(text, Loader=_SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            path,
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            row=mark.line + 1 if mark else None,
            hint="Fix the indentation or quoting on that line",
        ) from None
    if schema_name is None:
        return data
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        err = errors[0]
        where = list(err.absolute_path)
        line = _line_of(yaml.compose(text), where)
        dotted = ".".join(str(p) for p in where) or "(top level)"
        raise InputError(
            path,
            f"'{dotted}' does not match the schema: {err.message}",
            row=line,
            expected=f"see src/lnob/schemas/{schema_name}.schema.json",
            hint=f"{len(errors)} problem(s) in all; fix this one and run "
            "`python build.py validate` again",
        )
    return data
