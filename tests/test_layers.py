"""The package's layers only point down: no package of `src/lnob` imports one above it.

Every import is read with `ast`, at module level and inside functions (a late import is
still a dependency), and each is reduced to the package or top-level module it names
(`lnob.build.plan` -> `build`). The order is the one the README writes down ("The package,
bottom layer first: ..."), so the text and the code cannot drift apart.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "lnob"


def _module_name(path: Path) -> tuple[str, bool]:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    is_package = parts[-1] == "__init__"
    return ".".join(parts[:-1] if is_package else parts), is_package


def _imported(node: ast.AST, module: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            name = ".".join(base + ([node.module] if node.module else []))
        else:
            name = node.module or ""
        return [name] + [f"{name}.{alias.name}" for alias in node.names]
    return []


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "lnob" or len(parts) < 2:
        return None
    return parts[1]


def import_graph() -> dict[str, dict[str, set[str]]]:
    """Layer -> imported layer -> the files that import it."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(PACKAGE.rglob("*.py")):
        module, is_package = _module_name(path)
        source = _layer(module)
        if source is None:  # lnob/__init__.py, the package's public face
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            for name in _imported(node, module, is_package):
                target = _layer(name)
                if target is not None and target != source:
                    graph[source][target].add(str(path.relative_to(ROOT)))
    return graph


def readme_layers() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"The package, bottom layer first(.*?)\n\n", text, re.DOTALL)
    assert match, "README.md: no 'The package, bottom layer first' paragraph"
    names = re.sub(r"\([^()]*\)", "", match.group(1)).split(":", 1)[1]  # asides dropped
    return re.findall(r"`(\w+)`", names)


def _cycles(graph: dict[str, dict[str, set[str]]]) -> list[list[str]]:
    """Strongly connected components of more than one layer (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, {}):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(set(graph) | {t for targets in graph.values() for t in targets}):
        if node not in index:
            visit(node)
    return found


def test_no_package_level_cycle() -> None:
    assert _cycles(import_graph()) == []


def test_every_layer_imports_only_layers_below_it_in_the_readme_order() -> None:
    order = readme_layers()
    graph = import_graph()
    present = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()} - {"__init__"}
    layers = set(graph) | {t for targets in graph.values() for t in targets}
    assert layers <= set(order), f"README.md's layer list lacks {sorted(layers - set(order))}"
    assert set(order) <= present, (
        f"README.md lists layers that do not exist: {set(order) - present}"
    )
    upward = [
        f"{source} imports {target} ({', '.join(sorted(files))})"
        for source, targets in graph.items()
        for target, files in targets.items()
        if order.index(target) > order.index(source)
    ]
    assert upward == []


def test_the_check_sees_a_late_import_upward(tmp_path: Path) -> None:
    """The check is not blind: an import inside a function, upward, is an edge."""
    tree = ast.parse("def f():\n    from lnob.build.plan import Planner\n")
    names = [n for node in ast.walk(tree) for n in _imported(node, "lnob.survey.x", False)]
    assert "lnob.build.plan" in names
    graph = {"survey": {"build": {"x"}}, "build": {"survey": {"y"}}}
    assert _cycles(graph) == [["build", "survey"]]
