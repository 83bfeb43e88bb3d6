"""The reader cache: one JSON file per (input bytes, file name, reader, reader version, model version).

Reading (PDF extraction above all) is the expensive stage, and it is a pure function of the input's
bytes and name, so its output can be kept (STYLE.md 8.4). An entry holds `Report.to_dict()` and the
reader's warnings as JSON (never pickle: a cache folder must not be a way to run code). The key covers
everything the model depends on, so an entry is never stale; when the readers change, bumping
`READER_VERSION` or `MODEL_VERSION` makes every old key miss. A bad entry (truncated, edited, from an
older shape) is logged at debug level and the input is read again, as Pelican's cache does.

Entries are written atomically (temp file + rename), so a killed build or two builds at once leave
either a whole entry or none. The folder gets a `.gitignore` of `*` so it is never committed, wherever
it is.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import Diagnostic
from sitegen.model import MODEL_VERSION, Report
from sitegen.readers import READER_VERSION, READERS

log = logging.getLogger("sitegen.cache")

ENTRY_FORMAT = 1
"""The shape of an entry file itself (bumped if the fields below change)."""


def reader_name(path: Path) -> str:
    """The reader that handles `path` (its function's name: "_read_pdf", "_read_markdown")."""
    reader = READERS.get(path.suffix.lower())
    return getattr(reader, "__name__", path.suffix.lower())


def input_key(path: Path, data: bytes) -> str:
    """The cache key of one input: its bytes, its name (the model holds it, and a slug may come from it),
    which reader reads it, and the versions of the readers and the model."""
    h = hashlib.sha256()
    for part in (
        f"entry {ENTRY_FORMAT}",
        f"model {MODEL_VERSION}",
        f"reader {reader_name(path)} {READER_VERSION}",
        f"name {path.name}",
    ):
        h.update(part.encode("utf-8") + b"\0")
    h.update(hashlib.sha256(data).digest())
    return h.hexdigest()


def model_digest(report_dict: dict[str, Any]) -> str:
    """A hash of a model's JSON, for telling whether a page must be rendered again."""
    return hashlib.sha256(canonical_json(report_dict)).hexdigest()


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass(frozen=True, slots=True)
class CachedRead:
    report: Report
    warnings: tuple[Diagnostic, ...]
    digest: str
    """`model_digest` of the report."""


class ReaderCache:
    """Reader output on disk under `folder/models/`; `get` and `put` never raise for a bad folder or entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._usable = True

    def entry_path(self, key: str) -> Path:
        return self.folder / "models" / key[:2] / f"{key}.json"

    def get(self, key: str, path: Path) -> CachedRead | None:
        """The cached read of `path`, or None (never cached, or a bad entry, which is ignored)."""
        entry = self.entry_path(key)
        try:
            raw = entry.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            found = decode_entry(raw, key, path)
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            log.debug("%s: ignoring a bad cache entry for %s (%s: %s)", entry, path, type(e).__name__, e)
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, path: Path, report_dict: dict[str, Any], warnings: tuple[Diagnostic, ...]) -> str:
        """Store one read; returns the model's digest. A cache that cannot be written is skipped with a
        debug message: the build does not need it."""
        digest = model_digest(report_dict)
        if not self._usable:
            return digest
        data = encode_entry(key, path, report_dict, warnings, digest)
        try:
            self._prepare()
            atomic_write(self.entry_path(key), data)
        except OSError as e:
            log.warning(
                "warning: %s: cache not written (%s); builds will not be incremental",
                self.folder,
                e.strerror or e,
            )
            self._usable = False
        return digest

    def _prepare(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            atomic_write(ignore, b"# sitegen's cache: safe to delete, never commit\n*\n")


def encode_entry(
    key: str, path: Path, report_dict: dict[str, Any], warnings: tuple[Diagnostic, ...], digest: str
) -> bytes:
    """Warnings that name the input itself are stored without its path, which is filled in again on
    reading: the same bytes under the same name in another folder share the entry."""
    this = str(path)
    return canonical_json(
        {
            "format": ENTRY_FORMAT,
            "key": key,
            "digest": digest,
            "report": report_dict,
            "warnings": [
                [w.code, None if str(w.path) == this else str(w.path), w.message.replace(this, "\0"), w.page]
                for w in warnings
            ],
        }
    )


def decode_entry(raw: bytes, key: str, path: Path) -> CachedRead:
    data = json.loads(raw)
    if data["format"] != ENTRY_FORMAT or data["key"] != key:
        raise ValueError("entry is for another key or format")
    this = str(path)
    warnings = tuple(
        Diagnostic(
            str(code),
            this if where is None else str(where),
            str(message).replace("\0", this),
            None if page is None else int(page),
        )
        for code, where, message, page in data["warnings"]
    )
    return CachedRead(Report.from_dict(data["report"]), warnings, str(data["digest"]))


def atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
