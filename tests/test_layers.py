"""The package's architecture: acyclic layers, imports pointing down only.

Every module of ``analysis`` belongs to one layer. A module may import
modules of its own layer or of a lower one, never of a higher one, and the
import graph has no cycle. Imports inside functions count (they are real
dependencies); imports under ``if TYPE_CHECKING:`` do not (type hints only).
A new module must be given a layer here: the layers are the map a reader
uses to find where a job lives (see the README's Layout section).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "analysis"

#: lowest first; the README's Layout section lists the same
LAYERS: dict[str, tuple[str, ...]] = {
    "base": ("errors", "paths", "caches", "records", "csvtext", "processes"),
    "text": ("punkt_fast", "tokenize", "article", "blocks", "extract", "vocabulary", "postag", "wordnet"),
    "tone": ("vader", "sentiment"),
    "frames": ("matching", "codebook", "framing", "actors", "dictionaries", "entities", "metaphor"),
    "core": ("pipeline",),
    "outputs": ("atomic", "manifest", "sinks"),
    "studies": ("tone_validity", "frame_evaluation", "datasets", "entity_evaluation"),
    "views": ("style", "annotate", "plots", "corpus_figures", "figures", "report", "explore"),
    "api": ("result", "corpus", "article_report", "notebook", "keyness", "suggest"),
    "face": ("__main__", "__init__"),
}
RANK = {module: rank for rank, modules in enumerate(LAYERS.values()) for module in modules}
LAYER_OF = {module: layer for layer, modules in LAYERS.items() for module in modules}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(source: str) -> set[str]:
    """The package modules one module's source imports (relative imports and ``analysis.x``)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == "analysis"):
                parts = (node.module or "").split(".")
                parts = parts[1:] if node.level == 0 else parts
                if parts and parts[0]:
                    found.add(parts[0])
                else:
                    found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "analysis" and len(parts) > 1:
                    found.add(parts[1])
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module -> the package modules it imports, for every module of the package."""
    modules = {p.stem: p for p in package.glob("*.py")}
    return {name: imports_of(path.read_text("utf-8")) & set(modules) for name, path in modules.items()}


def wrong_way(graph: dict[str, set[str]]) -> list[str]:
    """Every import that points to a higher layer, and every module without a layer."""
    problems = [f"{m}: no layer (add it to LAYERS in tests/test_layers.py)" for m in graph if m not in RANK]
    for module, deps in sorted(graph.items()):
        for dep in sorted(deps):
            if module in RANK and dep in RANK and RANK[dep] > RANK[module]:
                problems.append(f"{module} ({LAYER_OF[module]}) imports {dep} ({LAYER_OF[dep]})")
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of ``graph`` (each as the modules on it, in order)."""
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == "open":
                found.append(stack[stack.index(dep) :] + [dep])
            elif dep not in state:
                visit(dep)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_every_module_has_a_layer_and_imports_point_down():
    assert wrong_way(import_graph()) == []


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_a_planted_wrong_way_import_is_caught(tmp_path):
    """The check fails on what it is for: the core importing a view, and a cycle."""
    for p in PACKAGE.glob("*.py"):
        (tmp_path / p.name).write_text(p.read_text("utf-8"), encoding="utf-8")
    pipeline = tmp_path / "pipeline.py"
    pipeline.write_text(pipeline.read_text("utf-8") + "\n\ndef _planted():\n    from .report import write_analysis\n")
    graph = import_graph(tmp_path)
    assert wrong_way(graph) == ["pipeline (core) imports report (views)"]
    assert cycles(graph) == []
    records = tmp_path / "records.py"
    records.write_text(records.read_text("utf-8") + "\n\nfrom .pipeline import article_records\n")
    found = cycles(import_graph(tmp_path))
    assert found and all("records" in c and "pipeline" in c for c in found)
    (tmp_path / "newmodule.py").write_text("from . import errors\n")
    assert "newmodule: no layer" in wrong_way(import_graph(tmp_path))[0]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from . import plots", {"plots"}),
        ("from .plots import x", {"plots"}),
        ("from analysis.plots import x", {"plots"}),
        ("import analysis.plots", {"plots"}),
        ("def f():\n    from .report import y", {"report"}),
        ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .report import y", set()),
        ("import os\nfrom pathlib import Path", set()),
    ],
)
def test_imports_are_read_where_they_are(source, expected):
    assert imports_of(source) == expected
