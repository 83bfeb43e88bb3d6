"""Readers: one input file in, one `Report` out (plus warnings). Pure: same bytes, same model.

Each reader fills a `DraftReport`; `finish_report` gives it ids, slug and references, so the PDF
and Markdown readers cannot drift apart in those.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.anchors import finish_report
from sitegen.draft import DraftReport
from sitegen.errors import Diagnostics, InputError, SitegenError
from sitegen.model import Report

log = logging.getLogger("sitegen")

OCR_MODES = ("auto", "always", "never")
CHAR_SOURCES = ("pdfplumber", "pdfium")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How PDFs are read: part of every input's cache key, so a model read one way is never reused
    for another. The defaults read as `sitegen build` always has."""

    ocr: str = "auto"
    """"auto": pages without a usable text layer are recognised by Tesseract; "always"; "never"."""
    ocr_language: str | None = None
    """The language of scans whose file name does not say (".fr.pdf"); else English."""
    chars: str = "pdfplumber"
    """Where a PDF's characters come from: "pdfplumber" (the reference) or "pdfium" (faster)."""
    ocr_cache: Path | None = field(default=None, compare=False)
    """Where recognised pages are kept (a folder of the cache); None keeps nothing."""

    def key(self) -> str:
        engine = "-"
        if self.ocr != "never":
            from sitegen.readers.pdf.ocr import find_tesseract

            tesseract = find_tesseract()
            engine = tesseract.version if tesseract else "none"
        return f"ocr={self.ocr} language={self.ocr_language} chars={self.chars} tesseract={engine}"


DraftReader = Callable[[Path, Diagnostics, ReadOptions], DraftReport]


def _read_pdf(path: Path, diag: Diagnostics, options: ReadOptions) -> DraftReport:
    from sitegen.readers.pdf import read_pdf  # pdfplumber is slow to import; only load it for PDFs

    return read_pdf(path, diag, options)


def _read_markdown(path: Path, diag: Diagnostics, options: ReadOptions) -> DraftReport:
    from sitegen.readers.markdown import read_markdown

    return read_markdown(path, diag)


READERS: dict[str, DraftReader] = {".pdf": _read_pdf, ".md": _read_markdown, ".markdown": _read_markdown}


def _reader_source_digest() -> str:
    """A hash of every source file the model of an input depends on.

    The reader cache is keyed by it, so any change to a reader, the id scheme, the citation parser or
    the model invalidates cached models by itself: a hand-bumped version number goes stale silently.
    """
    package = Path(__file__).resolve().parent.parent
    files = sorted(
        [
            *package.glob("readers/**/*.py"),
            *(
                package / name
                for name in ("anchors.py", "citations.py", "draft.py", "model.py", "genres.py", "symbols.py")
            ),
        ]
    )
    digest = hashlib.sha256()
    for f in files:
        digest.update(f.relative_to(package).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


READER_VERSION = _reader_source_digest()
"""Part of the reader cache key: changes whenever the reading code changes."""


def supported(path: Path) -> bool:
    return path.suffix.lower() in READERS


def slug_hint_for(path: Path) -> str:
    """The slug of a report with no symbol: its file name without the type and a language code.

    "A_48_PV.46.en.pdf" -> "A_48_PV.46" (a dot inside a name is part of it).
    """
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    base, dot, last = stem.rpartition(".")
    if dot and re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?", last):
        stem = base
    return stem or path.stem


def read_report(path: Path, diag: Diagnostics | None = None, options: ReadOptions | None = None) -> Report:
    """Read one report; raises `InputError` naming the file for input that cannot be read."""
    diag = diag if diag is not None else Diagnostics()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(str(path), f"unsupported file type {path.suffix!r} (expected .pdf or .md)")
    if not path.is_file():
        raise InputError(str(path), "no such file")
    try:
        draft = reader(path, diag, options or ReadOptions())
        return finish_report(draft, slug_hint=slug_hint_for(path))
    except (SitegenError, ImportError, NameError):
        raise  # ours to report, or a bug no input can cause: keep its traceback
    except Exception as e:
        # A broken file can trip any line of a reader; the user gets one line naming the file and
        # the build goes on. The traceback stays available for us with -v (debug logging).
        log.debug("%s: unexpected error while reading", path, exc_info=True)
        raise InputError(str(path), f"could not be read: {type(e).__name__}: {first_line(e)}") from e


def first_line(e: BaseException, limit: int = 160) -> str:
    """An exception's message fit for a one-line error (some span lines or quote whole objects)."""
    lines = str(e).strip().splitlines()
    text = lines[0] if lines else ""
    return text if len(text) <= limit else text[: limit - 3] + "..."
