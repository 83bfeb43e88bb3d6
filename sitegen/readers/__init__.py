"""Readers: one input file in, one `Report` out (plus warnings). Pure: same bytes, same model.

Each reader fills a `DraftReport`; `finish_report` gives it ids, slug and references, so the PDF
and Markdown readers cannot drift apart in those.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sitegen.anchors import finish_report
from sitegen.draft import DraftReport
from sitegen.errors import Diagnostics, InputError
from sitegen.model import Report

DraftReader = Callable[[Path, Diagnostics], DraftReport]


def _read_pdf(path: Path, diag: Diagnostics) -> DraftReport:
    from sitegen.readers.pdf import read_pdf  # pdfplumber is slow to import; only load it for PDFs

    return read_pdf(path, diag)


def _read_markdown(path: Path, diag: Diagnostics) -> DraftReport:
    from sitegen.readers.markdown import read_markdown

    return read_markdown(path, diag)


READERS: dict[str, DraftReader] = {".pdf": _read_pdf, ".md": _read_markdown, ".markdown": _read_markdown}

READER_VERSION = "1"
"""Bumped when any reader's output changes for the same input (part of the cache key)."""


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def slug_hint_for(path: Path) -> str:
    """The slug of a report with no symbol: its file name without language and suffix."""
    stem = path.name
    for suffix in reversed(path.suffixes):
        stem = stem[: -len(suffix)] if stem.endswith(suffix) and len(suffix) <= 4 else stem
    return stem or path.stem


def read_report(path: Path, diag: Diagnostics | None = None) -> Report:
    """Read one report; raises `InputError` naming the file for input that cannot be read."""
    diag = diag if diag is not None else Diagnostics()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unsupported file type {path.suffix!r} (expected .pdf or .md)")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    draft = reader(path, diag)
    return finish_report(draft, slug_hint=slug_hint_for(path))
