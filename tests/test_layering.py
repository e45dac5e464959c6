"""The house rule: imports point down only (flows → evaluation → warehouse → scrapers → transforms; the replica is a
leaf that flows and evaluation may use), product code never imports tests, and no two modules import each other
(directly or round a longer loop). Imports inside functions count: a late import is still an arrow."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("flows", "evaluation", "replica", "warehouse", "scrapers", "transforms")
# What each package may import besides itself.
MAY_IMPORT = {
    "flows": {"evaluation", "replica", "warehouse", "scrapers", "transforms"},
    "evaluation": {"replica", "warehouse", "scrapers", "transforms"},
    "warehouse": {"scrapers", "transforms"},
    "scrapers": {"transforms"},
    "transforms": set(),
    "replica": set(),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module of ours that `path` imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            # `from pkg import mod` may name a module: count both the package and pkg.mod where it exists.
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {name for name in found if name.split(".")[0] in PACKAGES + ("tests",)}


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path) if m in modules and m != name} | {
            m for m in _imports(path) if m.split(".")[0] == "tests"
        }
    return graph


def test_no_arrow_points_up_and_product_code_never_imports_tests():
    up = []
    for module, targets in import_graph().items():
        package = module.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != package and other not in MAY_IMPORT[package]:
                up.append(f"{module} imports {target}")
    assert up == [], "\n".join(sorted(up))


def test_no_import_cycles():
    graph = import_graph()
    # Tarjan's strongly connected components: any component of more than one module is a cycle.
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert cycles == [], cycles


def test_tests_are_not_installed_with_the_product():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    include = next(line for line in pyproject.splitlines() if line.startswith("include"))
    assert "tests" not in include and all(f'"{p}*"' in include for p in PACKAGES)
