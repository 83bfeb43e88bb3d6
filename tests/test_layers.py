"""Imports flow one way: base <- model <- readers <- resolve <- render <- build <- cli (tools/layers.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import layers  # noqa: E402 (tools/ is not a package: its folder goes on the path first)


def test_no_module_imports_a_layer_above_its_own() -> None:
    assert layers.problems(layers.graph()) == []


def test_the_script_prints_the_graph_and_passes() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "layers.py")], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout
    assert "  sitegen.build -> " in run.stdout and run.stdout.rstrip().endswith("no upward imports")


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("sitegen.render", "sitegen.incremental"),
        ("sitegen.cache", "sitegen.readers"),
        ("sitegen.io", "sitegen.model"),
    ],
)
def test_an_upward_import_is_caught(module: str, target: str) -> None:
    edges = layers.graph()
    edges[module] = edges[module] | {target}
    here, there = (layers.LAYERS[layers.layer_of(m) or 0][0] for m in (module, target))
    assert layers.problems(edges) == [f"{module} ({here}) imports {target} ({there}): upward"]


def test_imports_are_found_wherever_they_are(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from sitegen.incremental import PageMemo\n"
        "def f():\n    import sitegen.build\n    from . import write\n"
    )
    found = layers.imports_of(source, "sitegen.render.mod")
    assert {"sitegen.incremental", "sitegen.build", "sitegen.render.write"} <= found


def test_a_module_in_no_layer_sits_where_its_imports_put_it() -> None:
    edges = {"sitegen.model": set(), "sitegen.resolve": set(), "sitegen.new": {"sitegen.resolve"}}
    assert layers.placed(edges)["sitegen.new"] == layers.layer_of("sitegen.resolve")
    assert layers.problems(edges) == []
    edges["sitegen.model"] = {"sitegen.new"}
    assert layers.problems(edges) == ["sitegen.model (model) imports sitegen.new (resolve): upward"]
