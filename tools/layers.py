"""Print sitegen's import graph by layer and fail on any import that runs back up.

    python tools/layers.py          # the graph, then "no upward imports" (exit 0) or each one (exit 1)

The layers, bottom to top (a module may import its own layer and those below it, never above):

    base     errors, io, memo, config        helpers any stage may use
    model    model, anchors, citations, ...  the document model and what is known about UN documents
    readers  readers, discover, executors    PDF and Markdown in, models out (and where reading runs)
    resolve  resolve                         citations across reports, backlinks
    render   render, write, deploy           models in, files out
    build    build, incremental              the pipeline, and what it takes from the last build
    cli      cli, console, serve             the command line and the dev server

Every `import` counts, inside functions and under `if TYPE_CHECKING:` too: a type-only import is still
knowledge of the layer above. A module not listed here sits in the highest layer of what it imports
(shown as such), so a new module is checked from the start: nothing below may import it.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sitegen"

LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["sitegen", "sitegen.errors", "sitegen.io", "sitegen.memo", "sitegen.config"]),
    (
        "model",
        [
            "sitegen.model",
            "sitegen.draft",
            "sitegen.anchors",
            "sitegen.citations",
            "sitegen.symbols",
            "sitegen.genres",
            "sitegen.corrigenda",
            "sitegen.views",
            "sitegen.cache",
        ],
    ),
    ("readers", ["sitegen.readers", "sitegen.discover", "sitegen.executors"]),
    ("resolve", ["sitegen.resolve", "sitegen.families", "sitegen.connections", "sitegen.suggest"]),
    ("render", ["sitegen.render", "sitegen.write", "sitegen.deploy"]),
    ("build", ["sitegen.build", "sitegen.incremental"]),
    ("cli", ["sitegen.cli", "sitegen.console", "sitegen.serve", "sitegen.__main__"]),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """The layer of the longest listed name that is `module` or a package holding it."""
    best: tuple[int, int] | None = None
    for rank, (_, names) in enumerate(LAYERS):
        for name in names:
            inside = module.startswith(name + ".") and name != "sitegen"  # the package itself, not all of it
            if (module == name or inside) and (best is None or len(name) > best[1]):
                best = (rank, len(name))
    return None if best is None else best[0]


def imports_of(path: Path, module: str) -> set[str]:
    """Every sitegen module `path` imports (absolute or relative, at any depth)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_bytes(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "sitegen" or name.startswith("sitegen.")}


def graph() -> dict[str, set[str]]:
    """Module -> the sitegen modules it imports (names that are not modules, such as a function
    imported from a package, are mapped to the module they come from)."""
    modules = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}
    edges: dict[str, set[str]] = {}
    for module, path in modules.items():
        targets = {_known(name, modules) for name in imports_of(path, module)}
        edges[module] = {t for t in targets if t != module}
    return edges


def _known(name: str, modules: dict[str, Path]) -> str:
    while name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def placed(edges: dict[str, set[str]]) -> dict[str, int]:
    """Every module's layer: its own in LAYERS, else the highest layer of what it imports (a new
    module sits just where its imports allow, so it is checked before anyone lists it)."""
    ranks = {m: r for m in edges if (r := layer_of(m)) is not None}
    guessed = {m: 0 for m in edges if m not in ranks}
    for _ in range(len(guessed)):  # rises to a fixed point: each round can only raise a guess
        for module in guessed:
            guessed[module] = max([ranks.get(t, guessed.get(t, 0)) for t in edges[module]], default=0)
    return ranks | guessed


def problems(edges: dict[str, set[str]]) -> list[str]:
    """Every import of a module in a higher layer than the importer's."""
    rank = placed(edges)
    return [
        f"{module} ({LAYERS[rank[module]][0]}) imports {target} ({LAYERS[rank[target]][0]}): upward"
        for module, targets in sorted(edges.items())
        for target in sorted(targets)
        if target in rank and rank[target] > rank[module]
    ]


def main() -> int:
    edges = graph()
    rank = placed(edges)
    for number, (layer, _) in enumerate(LAYERS):
        print(f"{layer}:")
        for module in sorted(m for m in edges if rank[m] == number):
            guessed = " (by its imports; not in LAYERS)" if layer_of(module) is None else ""
            print(f"  {module}{guessed} -> {', '.join(sorted(edges[module])) or '(nothing)'}")
    found = problems(edges)
    for line in found:
        print(f"UPWARD: {line}")
    print(f"{len(found)} upward imports" if found else "no upward imports")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
