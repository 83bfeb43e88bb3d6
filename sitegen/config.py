"""The site's settings: `sitegen.toml` (or `[tool.sitegen]` in pyproject.toml), validated up front.

    title = "UN reports"
    base_url = "https://reports.example.org/"
    default_language = "en"

    [paths]                      # relative to the folder the config file is in
    content = "content"
    output = "_site"
    templates = "templates"
    cache = ".sitegen-cache"

Like MkDocs' `load_config`, every problem is collected first and reported at once, each naming its
key, so a user fixes the file in one go; unknown keys are errors too (a typo must not be silently
ignored). Values given on the command line win over the file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sitegen.errors import ConfigError

CONFIG_NAME = "sitegen.toml"
CACHE_NAME = ".sitegen-cache"
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str = "UN reports"
    """The site's name: the index page's heading and every page's <title> suffix."""
    base_url: str = ""
    """Where the site is published ("https://reports.example.org/"); empty when not known."""
    default_language: str = "en"
    """The language served at /<slug>/ (BCP 47); other versions live at /<lang>/<slug>/."""
    content: Path = Path("content")
    """The folder of reports (PDF and Markdown)."""
    output: Path = Path("_site")
    """Where the site is written; replaced as a whole when a build finishes."""
    templates: Path | None = None
    """A folder of templates overriding the default theme (default: `templates/` beside the content)."""
    cache: Path | None = None
    """The reader cache (default: `.sitegen-cache/` beside the config file, else beside the content when
    that is inside the working folder, else in the working folder)."""
    connection_types: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    """Types of editor-made connections (sitegen.connections): name -> {"label": {lang: text},
    "inverse": {lang: text}}; empty for the default types."""
    source: Path | None = field(default=None, compare=False)
    """The file these settings came from, if any (for messages)."""

    @property
    def cache_dir(self) -> Path:
        """Never inside a folder we were only asked to read (a shared, read-only corpus elsewhere)."""
        if self.cache is not None:
            return self.cache
        if self.source is not None:
            return self.source.absolute().parent / CACHE_NAME
        beside = self.content.absolute().parent
        cwd = Path.cwd().absolute()
        return (beside if beside == cwd or cwd in beside.parents else cwd) / CACHE_NAME


TOP_KEYS: dict[str, type] = {
    "title": str,
    "base_url": str,
    "default_language": str,
    "paths": dict,
    "connections": dict,
}
CONNECTION_TYPE_KEYS = ("label", "inverse")
PATH_KEYS = ("content", "output", "templates", "cache")


def find_config_file(content: Path | None, cwd: Path | None = None) -> tuple[Path, bool] | None:
    """(file, is_pyproject): `sitegen.toml` beside the content, then in the working folder; failing both,
    a pyproject.toml with a [tool.sitegen] table in either place."""
    cwd = cwd or Path.cwd()
    folders = list(
        dict.fromkeys([content.absolute().parent, cwd.absolute()] if content else [cwd.absolute()])
    )
    for folder in folders:
        if (folder / CONFIG_NAME).is_file():
            return folder / CONFIG_NAME, False
    for folder in folders:
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "sitegen" in _read_toml(pyproject).get("tool", {}):
            return pyproject, True
    return None


def load_config(path: Path | None = None, is_pyproject: bool | None = None) -> SiteConfig:
    """The settings in `path` (defaults when None); raises `ConfigError` listing every bad key."""
    if path is None:
        return SiteConfig()
    if is_pyproject is None:
        is_pyproject = path.name == "pyproject.toml"
    data = _read_toml(path)
    prefix = "tool.sitegen." if is_pyproject else ""
    if is_pyproject:
        data = data.get("tool", {}).get("sitegen", {})
    errors = validate(data, prefix)
    if errors:
        raise ConfigError(f"{path}: " + "; ".join(errors))
    return config_from(data, base=path.absolute().parent, source=path)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from e
    except OSError as e:
        raise ConfigError(f"{path}: cannot be read: {e.strerror}") from e


def validate(data: dict[str, Any], prefix: str = "") -> list[str]:
    """Every problem in a parsed config table, one message per key."""
    errors: list[str] = []
    for key, value in data.items():
        expected = TOP_KEYS.get(key)
        if expected is None:
            errors.append(f"unknown key '{prefix}{key}' (known: {', '.join(TOP_KEYS)})")
        elif not isinstance(value, expected):
            errors.append(f"'{prefix}{key}' must be {_kind(expected)}, not {_kind(type(value))}")
    if isinstance(data.get("paths"), dict):
        for key, value in data["paths"].items():
            if key not in PATH_KEYS:
                errors.append(f"unknown key '{prefix}paths.{key}' (known: {', '.join(PATH_KEYS)})")
            elif not isinstance(value, str) or not value.strip():
                errors.append(
                    f"'{prefix}paths.{key}' must be a non-empty string (a path), not {_kind(type(value))}"
                )
    errors += _check_values(data, prefix)
    if isinstance(data.get("connections"), dict):
        errors += _check_connections(data["connections"], prefix)
    return errors


def _check_connections(table: dict[str, Any], prefix: str) -> list[str]:
    """[connections.types.follows-up] label = "follows up" (or {en = ..., fr = ...}), inverse = ..."""
    errors = [f"unknown key '{prefix}connections.{k}' (known: types)" for k in table if k != "types"]
    types = table.get("types", {})
    if not isinstance(types, dict):
        return errors + [f"'{prefix}connections.types' must be a table, not {_kind(type(types))}"]
    for name, spec in types.items():
        key = f"{prefix}connections.types.{name}"
        if not isinstance(spec, dict):
            errors.append(f"'{key}' must be a table, not {_kind(type(spec))}")
            continue
        errors += [
            f"unknown key '{key}.{k}' (known: label, inverse)" for k in spec if k not in CONNECTION_TYPE_KEYS
        ]
        for part in CONNECTION_TYPE_KEYS:
            value = spec.get(part)
            ok = (isinstance(value, str) and value.strip()) or (
                isinstance(value, dict)
                and value
                and all(isinstance(v, str) and v.strip() for v in value.values())
            )
            if not ok:
                errors.append(f"'{key}.{part}' must be a string or a table of language = string")
    return errors


def _connection_types(table: dict[str, Any]) -> dict[str, dict[str, dict[str, str]]]:
    def labels(value: str | dict[str, str]) -> dict[str, str]:
        return {"en": value} if isinstance(value, str) else dict(value)

    types = table.get("types", {})
    return {name: {part: labels(spec[part]) for part in CONNECTION_TYPE_KEYS} for name, spec in types.items()}


def _check_values(data: dict[str, Any], prefix: str) -> list[str]:
    errors = []
    base_url = data.get("base_url")
    if isinstance(base_url, str) and base_url and not re.match(r"^https?://[^/\s]+(/\S*)?$", base_url):
        errors.append(
            f"'{prefix}base_url' must be an http(s) URL such as \"https://example.org/\", not {base_url!r}"
        )
    language = data.get("default_language")
    if isinstance(language, str) and not _LANGUAGE.match(language):
        errors.append(f"'{prefix}default_language' must be a language code such as \"en\", not {language!r}")
    title = data.get("title")
    if isinstance(title, str) and not title.strip():
        errors.append(f"'{prefix}title' must not be empty")
    return errors


def _kind(t: type) -> str:
    return {
        str: "a string",
        dict: "a table",
        int: "an integer",
        float: "a number",
        bool: "true or false",
        list: "a list",
    }.get(t, t.__name__)


def config_from(data: dict[str, Any], *, base: Path, source: Path | None = None) -> SiteConfig:
    """A validated table as settings; paths are relative to `base` (the config file's folder)."""
    paths = {k: base / v for k, v in data.get("paths", {}).items()}
    defaults = SiteConfig()
    return SiteConfig(
        title=data.get("title", defaults.title),
        base_url=data.get("base_url", defaults.base_url),
        default_language=data.get("default_language", defaults.default_language),
        content=paths.get("content", defaults.content),
        output=paths.get("output", defaults.output),
        templates=paths.get("templates"),
        cache=paths.get("cache"),
        connection_types=_connection_types(data.get("connections", {})),
        source=source,
    )


def resolve_config(
    *, content: Path | None, output: Path | None, config_file: Path | None = None, cwd: Path | None = None
) -> SiteConfig:
    """The settings for one command: the config file found (or given), then the command line on top."""
    if config_file is not None:
        if not config_file.is_file():
            raise ConfigError(f"{config_file}: config file not found")
        config = load_config(config_file)
    else:
        found = find_config_file(content, cwd)
        config = load_config(*found) if found else SiteConfig()
    overrides: dict[str, Any] = {}
    if content is not None:
        overrides["content"] = content
    if output is not None:
        overrides["output"] = output
    return replace(config, **overrides) if overrides else config


def describe(config: SiteConfig) -> str:
    """One line per setting, for `-v`."""
    return "\n".join(f"{f.name} = {getattr(config, f.name)!s}" for f in fields(config) if f.name != "source")
