"""The theme's static files (CSS, JS, images), copied with a content hash in their names.

A hashed name ("site.3f2a9c01d4.css") changes whenever the file does, so a host can cache assets
forever and a reader never gets a new page with an old script. Templates get the names through the
`assets` context variable: `{{ assets["site.css"] }}` -> "/assets/site.3f2a9c01d4.css".
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from sitegen.write import Output

ASSETS_URL = "/assets/"


def hashed_name(rel: PurePosixPath, data: bytes) -> PurePosixPath:
    digest = hashlib.sha256(data).hexdigest()[:10]
    return rel.with_name(f"{rel.stem}.{digest}{rel.suffix}") if rel.suffix else rel.with_name(f"{rel.name}.{digest}")


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


def build_assets(folders: Sequence[Path]) -> tuple[dict[str, str], list[Output]]:
    """(name -> URL for templates, the hashed files to write)."""
    urls: dict[str, str] = {}
    outputs: list[Output] = []
    for rel, path in sorted(find_assets(folders).items()):
        data = path.read_bytes()
        name = hashed_name(rel, data)
        urls[str(rel)] = ASSETS_URL + str(name)
        outputs.append(Output(f"assets/{name}", data))
    return urls, outputs
