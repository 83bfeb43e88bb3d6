"""Lint that stays true: ruff check with the rule set chosen in pyproject.toml and ruff format, over the package, the tests,
the benchmarks and tools (mypy --strict is tests/test_types.py). A finding fails the suite, so the
rules are kept or changed on purpose, never ignored by drift."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


PATHS = ["sitegen", "tests", "benchmarks", "tools"]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ruff_finds_nothing() -> None:
    run = ruff("check")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_code_is_formatted() -> None:
    """`ruff format` with the line length in pyproject.toml: no diff to review but the one that matters."""
    run = ruff("format", "--check")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_rule_set_is_chosen_not_defaulted() -> None:
    """The rule set lives in pyproject.toml: a ruff upgrade that changes its defaults changes nothing here."""
    import tomllib

    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert {"F", "E9", "B", "I", "BLE"} <= set(lint["select"])
