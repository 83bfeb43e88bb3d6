"""The reader cache: each input's model and warnings as JSON, in the build's memo under its input key.

Reading (PDF extraction above all) is the expensive stage, and it is a pure function of the input's
bytes and name, so its output can be kept (STYLE.md 8.4). An entry holds `Report.to_dict()` and the
reader's warnings as JSON (never pickle: a cache folder must not be a way to run code). The key
(`sitegen.executors.input_key`, where the readers are known) covers everything the model depends on,
so an entry is never stale. A bad entry (truncated, edited, from an older shape, for another key) is
logged at debug level and the input is read again, as Pelican's cache does.

Beside each entry, a summary (table "summaries", same key): the model's small fields, its digest and
warnings, and its views (sitegen.views) as the last build computed them. A build takes an input it
has a summary of as a `PartlyLoaded` report, whose text is read from the entry only if something
reads it: an edit in a site of 3,000 reports loads the edited model and the few that depend on it,
not 3,000 models (sitegen.build).

This module knows the model, not the readers: it sits below them, and anything may use it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.errors import Diagnostic, SitegenError
from sitegen.io import atomic_write, canonical_json
from sitegen.memo import FolderMemo, Memo
from sitegen.model import Report
from sitegen.views import Body, PartlyLoaded, all_views, code_version

__all__ = ["ENTRY_FORMAT", "CachedRead", "ReaderCache", "atomic_write", "canonical_json", "model_digest"]
# atomic_write is re-exported for sitegen.render.search until it imports it from sitegen.io.

log = logging.getLogger("sitegen.cache")

ENTRY_FORMAT = 1
"""The shape of an entry file itself (bumped if the fields below change)."""
TABLE = "models"
SUMMARIES = "summaries"
SUMMARY_FORMAT = 1


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

    def get_partly(self, key: str, path: Path, reread: Callable[[], Report | None]) -> CachedRead | None:
        """The cached read of `path` from its summary, its report a `PartlyLoaded` one whose text comes
        from the entry when first read (or, should the entry be gone by then, from `reread()`, the
        input read again, if that gives the same model); None without a usable summary."""
        raw = self.memo.get(SUMMARIES, key)
        try:
            found = None if raw is None else _summary(raw, key, path, self._loader(key, path, reread))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            log.debug("ignoring a bad summary for %s (%s: %s)", path, type(e).__name__, e)
            found = None
        if found is not None:
            self.hits += 1
        return found

    def _loader(self, key: str, path: Path, reread: Callable[[], Report | None]) -> Callable[[str], Body]:
        def load(digest: str) -> Body:
            hit = self.get(key, path)
            if hit is not None and hit.digest == digest:
                return hit.report.blocks, hit.report.footnotes
            report = reread()
            if report is None or model_digest(report.to_dict()) != digest:
                raise SitegenError(
                    f"{path}: its cached model is gone and the file reads differently now; build again"
                )
            return report.blocks, report.footnotes

        return load

    def put_summary(self, key: str, path: Path, read: CachedRead) -> None:
        """Store what `get_partly` needs of a read (its report's views computed where not carried)."""
        head = read.report.with_changes(blocks=(), footnotes=()).to_dict()  # never loads a PartlyLoaded one
        for name in _LAZY_KEYS:
            del head[name]
        entry = {
            "format": SUMMARY_FORMAT,
            "key": key,
            "digest": read.digest,
            "head": head,
            "warnings": _encoded_warnings(path, read.warnings),
            "code": code_version(),
            "views": all_views(read.report),
        }
        self.memo.put(SUMMARIES, key, canonical_json(entry))


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
    return canonical_json(
        {
            "format": ENTRY_FORMAT,
            "key": key,
            "digest": digest,
            "report": report_dict,
            "warnings": _encoded_warnings(path, warnings),
        }
    )


def _encoded_warnings(path: Path, warnings: tuple[Diagnostic, ...]) -> list[list[Any]]:
    this = str(path)
    return [
        [w.code, None if str(w.path) == this else str(w.path), w.message.replace(this, "\0"), w.page]
        for w in warnings
    ]


def _decoded_warnings(path: Path, rows: list[list[Any]]) -> tuple[Diagnostic, ...]:
    this = str(path)
    return tuple(
        Diagnostic(
            str(code),
            this if where is None else str(where),
            str(message).replace("\0", this),
            None if page is None else int(page),
        )
        for code, where, message, page in rows
    )


def decode_entry(raw: bytes, key: str, path: Path) -> CachedRead:
    data = json.loads(raw)
    if data["format"] != ENTRY_FORMAT or data["key"] != key:
        raise ValueError("entry is for another key or format")
    return CachedRead(
        Report.from_dict(data["report"]), _decoded_warnings(path, data["warnings"]), str(data["digest"])
    )


_LAZY_KEYS = ("blocks", "footnotes")
"""What a summary leaves out of the model's JSON (sitegen.views: the fields a `PartlyLoaded` loads)."""


def _summary(raw: bytes, key: str, path: Path, load: Callable[[str], Body]) -> CachedRead | None:
    data = json.loads(raw)
    if data["format"] != SUMMARY_FORMAT or data["key"] != key:
        raise ValueError("summary is for another key or format")
    digest = str(data["digest"])
    head = Report.from_dict({**data["head"], "blocks": [], "footnotes": []})
    views = data["views"] if data["code"] == code_version() else {}
    report = PartlyLoaded.of(head, lambda: load(digest), {str(k): str(v) for k, v in views.items()})
    return CachedRead(report, _decoded_warnings(path, data["warnings"]), digest)
