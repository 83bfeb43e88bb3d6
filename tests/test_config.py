"""sitegen.toml / [tool.sitegen]: found beside the content or in the working folder, validated up front,
every bad key named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.config import SiteConfig, find_config_file, load_config, resolve_config
from sitegen.errors import ConfigError


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_full_config_is_read_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    cfg = write(
        tmp_path / "site" / "sitegen.toml",
        """
title = "Human rights reports"
base_url = "https://reports.example.org/"
default_language = "fr"
[paths]
content = "reports"
output = "public"
templates = "theme"
cache = "cache"
""",
    )
    c = load_config(cfg)
    site = tmp_path / "site"
    assert (c.title, c.base_url, c.default_language) == (
        "Human rights reports",
        "https://reports.example.org/",
        "fr",
    )
    assert (c.content, c.output, c.templates, c.cache) == (
        site / "reports",
        site / "public",
        site / "theme",
        site / "cache",
    )
    assert c.cache_dir == site / "cache"


def test_defaults_and_default_cache_beside_the_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    c = SiteConfig(content=tmp_path / "project" / "content")
    assert c.title and c.default_language == "en" and c.templates is None
    assert c.cache_dir == tmp_path / "project" / ".sitegen-cache"
    # Content outside the working folder (a read-only corpus) is never written beside.
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    assert c.cache_dir == tmp_path / "work" / ".sitegen-cache"
    # With a config file, beside it.
    assert (
        SiteConfig(source=tmp_path / "site" / "sitegen.toml").cache_dir
        == tmp_path / "site" / ".sitegen-cache"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('titel = "x"', "unknown key 'titel'"),
        ("title = 3", "'title' must be a string, not an integer"),
        ('default_language = "english language"', "'default_language' must be a language code"),
        ('base_url = "reports.example.org"', "'base_url' must be an http(s) URL"),
        ('paths = "content"', "'paths' must be a table, not a string"),
        ('[paths]\ncontnet = "x"', "unknown key 'paths.contnet'"),
        ("[paths]\noutput = 1", "'paths.output' must be a non-empty string"),
        ('title = "x', "not valid TOML"),
    ],
)
def test_bad_config_names_the_key(tmp_path: Path, text: str, message: str) -> None:
    cfg = write(tmp_path / "sitegen.toml", text + "\n")
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    assert message in str(e.value)
    assert str(cfg) in str(e.value)
    assert "\n" not in str(e.value)


def test_all_errors_are_reported_at_once(tmp_path: Path) -> None:
    cfg = write(tmp_path / "sitegen.toml", 'titel = "x"\ndefault_language = 5\n[paths]\nout = "x"\n')
    with pytest.raises(ConfigError) as e:
        load_config(cfg)
    for key in ("'titel'", "'default_language'", "'paths.out'"):
        assert key in str(e.value)


def test_pyproject_tool_table_with_prefixed_key_names(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n[tool.sitegen]\ntitle = "From pyproject"\n')
    found = find_config_file(tmp_path / "content", cwd=tmp_path / "elsewhere")
    assert found == (tmp_path / "pyproject.toml", True)
    assert load_config(*found).title == "From pyproject"
    write(tmp_path / "pyproject.toml", "[tool.sitegen]\ntitel = 1\n")
    with pytest.raises(ConfigError, match=r"unknown key 'tool\.sitegen\.titel'"):
        load_config(tmp_path / "pyproject.toml")


def test_pyproject_without_a_sitegen_table_is_not_a_config(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(tmp_path / "content", cwd=tmp_path) is None


def test_sitegen_toml_beside_the_content_wins_over_the_working_folder(tmp_path: Path) -> None:
    write(tmp_path / "site" / "sitegen.toml", 'title = "beside"\n')
    write(tmp_path / "cwd" / "sitegen.toml", 'title = "cwd"\n')
    write(tmp_path / "site" / "pyproject.toml", '[tool.sitegen]\ntitle = "pyproject"\n')
    c = resolve_config(content=tmp_path / "site" / "content", output=None, cwd=tmp_path / "cwd")
    assert c.title == "beside"
    c = resolve_config(content=tmp_path / "other" / "content", output=None, cwd=tmp_path / "cwd")
    assert c.title == "cwd"


def test_command_line_paths_win_over_the_file(tmp_path: Path) -> None:
    write(tmp_path / "sitegen.toml", '[paths]\ncontent = "reports"\noutput = "public"\n')
    c = resolve_config(content=None, output=tmp_path / "out", cwd=tmp_path)
    assert c.content == tmp_path / "reports" and c.output == tmp_path / "out"


def test_cli_reports_a_bad_config_in_one_line_and_builds_nothing(tmp_path: Path) -> None:
    write(tmp_path / "content" / "a.md", "---\ntitle: A\n---\n\n1. Text.\n")
    write(tmp_path / "sitegen.toml", 'title = "ok"\ncolour = "blue"\n')
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "content", "-o", "out"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "sitegen.toml" in lines[0] and "unknown key 'colour'" in lines[0]
    assert not (tmp_path / "out").exists()


def test_cli_uses_the_configured_title_and_paths(tmp_path: Path) -> None:
    write(tmp_path / "reports" / "a.md", "---\ntitle: A report\nsymbol: A/1/1\n---\n\n1. Text.\n")
    write(
        tmp_path / "sitegen.toml",
        'title = "Configured title"\n[paths]\ncontent = "reports"\noutput = "public"\ncache = "cache"\n',
    )
    run = subprocess.run(
        [sys.executable, "-m", "sitegen", "build", "-q"],
        check=False,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "Configured title" in (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert "Configured title" in (tmp_path / "public" / "search" / "index.html").read_text(encoding="utf-8")
    assert "Configured title" in (tmp_path / "public" / "A" / "1" / "1" / "index.html").read_text(
        encoding="utf-8"
    )
    assert (tmp_path / "public" / "A" / "1" / "1" / "index.html").is_file()
    assert any((tmp_path / "cache").rglob("*.json"))


def test_connection_types_are_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "sitegen.toml"
    good.write_text(
        '[connections.types.answers]\nlabel = {en = "answers", fr = "répond à"}\ninverse = "answered in"\n',
        encoding="utf-8",
    )
    assert load_config(good).connection_types == {
        "answers": {"label": {"en": "answers", "fr": "répond à"}, "inverse": {"en": "answered in"}}
    }
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[connections]\ncolour = 1\n[connections.types.x]\nlabel = 3\nshape = "round"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as e:
        load_config(bad)
    assert str(e.value) == (
        f"{bad}: unknown key 'connections.colour' (known: types); unknown key 'connections.types.x.shape' "
        "(known: label, inverse); 'connections.types.x.label' must be a string or a table of language = string; "
        "'connections.types.x.inverse' must be a string or a table of language = string"
    )
