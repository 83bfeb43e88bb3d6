"""The one cache interface of the build: bytes by (table, key), kept between builds or not at all.

Every stage that can skip work asks a `Memo` (the reader for a model, the page stage for what the
last build rendered, the build for its last record) and tells it what it made. `NoMemo` remembers
nothing, so a build without a cache runs the very same code and simply never finds anything: no
stage asks whether there is a cache. `FolderMemo` keeps one file per entry in the cache folder,
written atomically; an entry it cannot read is a miss, and a folder it cannot write costs speed only
(one warning, then it stops trying), never the build.

A stage that keeps whole files rather than entries asks for a `place` (the writer keeps the site it
replaced there as the next build's starting folder; the search index keeps its analyses under
`folder`); `NoMemo` has none to give.

Tables in use: "models" (sitegen.cache), "pages" and "builds" and "last-good" (sitegen.incremental),
and the place "spare" (sitegen.write).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Protocol

from sitegen.io import atomic_write, canonical_json

log = logging.getLogger("sitegen.cache")

GITIGNORE = b"# sitegen's cache: safe to delete, never commit\n*\n"


class Memo(Protocol):
    folder: Path | None
    """Where entries live on disk (None when nowhere), for a stage that keeps files of its own."""

    def get(self, table: str, key: str) -> bytes | None: ...

    def put(self, table: str, key: str, data: bytes) -> None: ...

    def place(self, table: str, key: str) -> Path | None:
        """A folder for a stage that keeps files of its own under this key (None: keep nothing)."""
        ...


class NoMemo:
    """Remembers nothing: every lookup misses and every store is dropped."""

    folder: Path | None = None

    def get(self, table: str, key: str) -> bytes | None:
        return None

    def put(self, table: str, key: str, data: bytes) -> None:
        return None

    def place(self, table: str, key: str) -> Path | None:
        return None


class FolderMemo:
    """Entries as files `folder/table/kk/key.json`; the folder gets a `.gitignore` of `*`."""

    def __init__(self, folder: Path) -> None:
        self.folder: Path | None = folder
        self.root = folder
        self._usable = True

    def path(self, table: str, key: str) -> Path:
        return self.root / table / key[:2] / f"{key}.json"

    def place(self, table: str, key: str) -> Path | None:
        return self.root / table / key

    def get(self, table: str, key: str) -> bytes | None:
        try:
            return self.path(table, key).read_bytes()
        except OSError:
            return None

    def put(self, table: str, key: str, data: bytes) -> None:
        if not self._usable:
            return
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            if not (self.root / ".gitignore").exists():
                atomic_write(self.root / ".gitignore", GITIGNORE)
            atomic_write(self.path(table, key), data)
        except OSError as e:
            log.warning(
                "warning: %s: cache not written (%s); builds will not be incremental",
                self.root,
                e.strerror or e,
            )
            self._usable = False


def open_memo(folder: Path | None) -> Memo:
    """A memo in `folder`, or one that remembers nothing."""
    return NoMemo() if folder is None else FolderMemo(folder)


def get_json(memo: Memo, table: str, key: str) -> Any:
    """The JSON value stored under (table, key), or None when missing or unreadable."""
    raw = memo.get(table, key)
    if raw is None:
        return None
    try:
        return json.loads(raw)
    except ValueError as e:
        log.debug("ignoring a bad %s entry %s (%s)", table, key, e)
        return None


def put_json(memo: Memo, table: str, key: str, value: Any) -> None:
    memo.put(table, key, canonical_json(value))
