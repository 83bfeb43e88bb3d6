"""The theme's static files (CSS, JS, images), copied with a content hash in their names.

A hashed name ("site.3f2a9c01d4.css") changes whenever the file does, so a host can cache assets
forever and a reader never gets a new page with an old script. Templates get the names through the
`assets` context variable: `{{ assets["site.css"] }}` -> "/assets/site.3f2a9c01d4.css".

JavaScript modules import each other by relative path (`import { Engine } from "./engine.js"`). A
module's imports are rewritten to the hashed names of what they import, and its own hash is taken after
that, so a change to any module a page loads, however deep, gives the page's entry module a new URL.
An import map would do it without rewriting, but it is an inline script, which the CSP forbids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from sitegen.errors import SitegenError
from sitegen.write import Output

ASSETS_URL = "/assets/"

_IMPORT_RE = re.compile(
    r"""(\bimport\s*(?:[\w*{}\s,$]+\s*from\s*)?|\bexport\s*[\w*{}\s,$]+\s*from\s*|\bimport\s*\()(["'])(\.{1,2}/[^"']+)\2"""
)
"""A static or dynamic import of a relative specifier: `import x from "./a.js"`, `import "./a.js"`,
`export { x } from "./a.js"`, `import("./a.js")`."""


def hashed_name(rel: PurePosixPath, data: bytes) -> PurePosixPath:
    digest = hashlib.sha256(data).hexdigest()[:10]
    return (
        rel.with_name(f"{rel.stem}.{digest}{rel.suffix}")
        if rel.suffix
        else rel.with_name(f"{rel.name}.{digest}")
    )


def find_assets(folders: Sequence[Path]) -> dict[PurePosixPath, Path]:
    """Relative name -> file; a file in an earlier folder (the user's theme) replaces a later one."""
    found: dict[PurePosixPath, Path] = {}
    for folder in reversed(folders):
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                found[PurePosixPath(path.relative_to(folder).as_posix())] = path
    return found


def _resolve(importer: PurePosixPath, spec: str) -> PurePosixPath:
    parts: list[str] = list(importer.parent.parts)
    for part in spec.split("/"):
        if part == "..":
            if not parts:
                raise SitegenError(f"assets/{importer}: import {spec!r} leaves the assets folder")
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return PurePosixPath(*parts)


def _relative(importer: PurePosixPath, target: PurePosixPath) -> str:
    up = len(importer.parent.parts)
    common = 0
    while (
        common < up
        and common < len(target.parts) - 1
        and importer.parent.parts[common] == target.parts[common]
    ):
        common += 1
    prefix = "../" * (up - common) or "./"
    return prefix + "/".join(target.parts[common:])


class _Modules:
    """Rewrites the relative imports of JS modules to hashed names, depth first."""

    def __init__(self, files: dict[PurePosixPath, Path]) -> None:
        self.files = files
        self.done: dict[PurePosixPath, tuple[PurePosixPath, bytes]] = {}
        self.active: list[PurePosixPath] = []

    def hashed(self, rel: PurePosixPath) -> tuple[PurePosixPath, bytes]:
        if rel in self.done:
            return self.done[rel]
        if rel in self.active:
            raise SitegenError(
                f"assets/{rel}: modules import each other in a cycle: {' -> '.join(map(str, self.active))}"
            )
        self.active.append(rel)
        data = self.files[rel].read_bytes()
        if rel.suffix == ".js":
            data = _IMPORT_RE.sub(lambda m: self._rewritten(rel, m), data.decode()).encode()
        self.active.pop()
        self.done[rel] = (hashed_name(rel, data), data)
        return self.done[rel]

    def _rewritten(self, importer: PurePosixPath, m: re.Match[str]) -> str:
        target = _resolve(importer, m.group(3))
        if target not in self.files:
            raise SitegenError(f"assets/{importer}: imports {m.group(3)!r}, which is not an asset")
        name, _ = self.hashed(target)
        return f"{m.group(1)}{m.group(2)}{_relative(importer, name)}{m.group(2)}"


def build_assets(folders: Sequence[Path]) -> tuple[dict[str, str], list[Output]]:
    """(name -> URL for templates, the hashed files to write)."""
    urls: dict[str, str] = {}
    outputs: list[Output] = []
    files = find_assets(folders)
    modules = _Modules(files)
    for rel in sorted(files):
        name, data = modules.hashed(rel)
        urls[str(rel)] = ASSETS_URL + str(name)
        outputs.append(Output(f"assets/{name}", data))
    return urls, outputs
