"""The reader cache: each input's model and warnings as JSON, in the build's memo under its input key.

Reading (PDF extraction above all) is the expensive stage, and it is a pure function of the input's
bytes and name, so its output can be kept (STYLE.md 8.4). An entry holds `Report.to_dict()` and the
reader's warnings as JSON (never pickle: a cache folder must not be a way to run code). The key
(`sitegen.executors.input_key`, where the readers are known) covers everything the model depends on,
so an entry is never stale. A bad entry (truncated, edited, from an older shape, for another key) is
logged at debug level and the input is read again, as Pelican's cache does.

This module knows the model, not the readers: it sits below them, and anything may use it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import Diagnostic
from sitegen.io import atomic_write, canonical_json
from sitegen.memo import FolderMemo, Memo
from sitegen.model import Report

__all__ = ["ENTRY_FORMAT", "CachedRead", "ReaderCache", "atomic_write", "canonical_json", "model_digest"]
# atomic_write is re-exported for sitegen.render.search until it imports it from sitegen.io.

log = logging.getLogger("sitegen.cache")

ENTRY_FORMAT = 1
"""The shape of an entry file itself (bumped if the fields below change)."""
TABLE = "models"


def model_digest(report_dict: dict[str, Any]) -> str:
    """A hash of a model's JSON, for telling whether a page must be rendered again."""
    return hashlib.sha256(canonical_json(report_dict)).hexdigest()


@dataclass(frozen=True, slots=True)
class CachedRead:
    report: Report
    warnings: tuple[Diagnostic, ...]
    digest: str
    """`model_digest` of the report."""


class ReaderCache:
    """Reader output in a memo (a cache folder, given as a path, is one); `get` and `put` never raise."""

    def __init__(self, memo: Memo | Path) -> None:
        self.memo = FolderMemo(memo) if isinstance(memo, Path) else memo
        self.hits = 0
        self.misses = 0

    def get(self, key: str, path: Path) -> CachedRead | None:
        """The cached read of `path`, or None (never cached, or a bad entry, which is ignored)."""
        raw = self.memo.get(TABLE, key)
        found = None if raw is None else _decoded(raw, key, path)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
        return found

    def put(self, key: str, path: Path, report_dict: dict[str, Any], warnings: tuple[Diagnostic, ...]) -> str:
        """Store one read; returns the model's digest."""
        digest = model_digest(report_dict)
        self.memo.put(TABLE, key, encode_entry(key, path, report_dict, warnings, digest))
        return digest


def _decoded(raw: bytes, key: str, path: Path) -> CachedRead | None:
    try:
        return decode_entry(raw, key, path)
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        log.debug("ignoring a bad cache entry for %s (%s: %s)", path, type(e).__name__, e)
        return None


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
