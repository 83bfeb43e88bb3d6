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
knowledge of the layer above. A module in no layer is an error too, so each new one is placed on
purpose.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sitegen"

LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["sitegen", "sitegen.errors", "sitegen.io", "sitegen.memo", "sitegen.config"]),
    ("model", ["sitegen.model", "sitegen.draft", "sitegen.anchors", "sitegen.citations", "sitegen.symbols",
               "sitegen.genres", "sitegen.corrigenda", "sitegen.families", "sitegen.cache"]),
    ("readers", ["sitegen.readers", "sitegen.discover", "sitegen.executors"]),
    ("resolve", ["sitegen.resolve"]),
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


def problems(edges: dict[str, set[str]]) -> list[str]:
    found = [f"{module}: in no layer (add it to LAYERS in tools/layers.py)"
             for module in edges if layer_of(module) is None]
    for module, targets in sorted(edges.items()):
        here = layer_of(module)
        for target in sorted(targets):
            there = layer_of(target)
            if here is not None and there is not None and there > here:
                found.append(f"{module} ({LAYERS[here][0]}) imports {target} ({LAYERS[there][0]}): upward")
    return found


def main() -> int:
    edges = graph()
    for rank, (layer, _) in enumerate(LAYERS):
        print(f"{layer}:")
        for module in sorted(m for m in edges if layer_of(m) == rank):
            print(f"  {module} -> {', '.join(sorted(edges[module])) or '(nothing)'}")
    found = problems(edges)
    for line in found:
        print(f"UPWARD: {line}" if "upward" in line else f"UNPLACED: {line}")
    print(f"{len(found)} problems" if found else "no upward imports")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
