"""Print the size of sitegen's functions, module by module: how many, and the median, 90th percentile and
largest length in lines (from `def` to the function's last line, docstring included; a nested function
counts for itself and inside its parent).

    python tools/function_sizes.py               # every module, then the package as a whole
    python tools/function_sizes.py --largest 10  # and the ten longest functions
    python tools/function_sizes.py --function build_site   # one function's length
"""

from __future__ import annotations

import argparse
import ast
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sitegen"


@dataclass(frozen=True, slots=True)
class Function:
    module: str
    name: str
    lines: int


def functions_of(path: Path) -> list[Function]:
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    tree = ast.parse(path.read_bytes(), str(path))
    return [
        Function(module, node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    ]


def percentile(sizes: list[int], fraction: float) -> int:
    """The nearest-rank percentile (the size that `fraction` of the functions do not exceed)."""
    ordered = sorted(sizes)
    return ordered[max(0, -(-int(fraction * 100) * len(ordered) // 100) - 1)]


def row(name: str, sizes: list[int]) -> str:
    return (
        f"{name:<40} {len(sizes):>5} {statistics.median(sizes):>7.1f} {percentile(sizes, 0.9):>5} "
        f"{max(sizes):>5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest", type=int, default=0, help="also list the N longest functions")
    parser.add_argument("--function", help="print only this function's length (every module defining it)")
    args = parser.parse_args()
    found = [
        f
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__pycache__" not in path.parts
        for f in functions_of(path)
    ]
    if args.function:
        for f in found:
            if f.name == args.function:
                print(f"{f.module}.{f.name}: {f.lines} lines")
        return 0
    print(f"{'module':<40} {'funcs':>5} {'median':>7} {'p90':>5} {'max':>5}")
    by_module: dict[str, list[int]] = {}
    for f in found:
        by_module.setdefault(f.module, []).append(f.lines)
    for module, sizes in by_module.items():
        print(row(module, sizes))
    print(row("sitegen (all)", [f.lines for f in found]))
    for f in sorted(found, key=lambda f: -f.lines)[: args.largest]:
        print(f"  {f.lines:>4}  {f.module}.{f.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
