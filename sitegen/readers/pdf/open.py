"""Opening a PDF: the one place that turns a broken input into a one-line `InputError`.

`open_pdf` checks the cheap things first (empty file, no PDF header), opens the bytes with
pdfplumber, and only when pdfminer finds no pages (or raises) pays for a repair: qpdf (pikepdf)
rebuilds the cross-reference table, and PDFium (pypdfium2) rewrites files whose page tree qpdf
cannot find. A repaired file is read whole, with a "pdf-repaired" warning.

Errors that pdfminer raises later, while the reader walks a page's characters, leave the `with`
block through this context manager too; they become an `InputError` naming the page.
"""

from __future__ import annotations

import io
import logging
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr
from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from sitegen.errors import Diagnostics, InputError, SitegenError

log = logging.getLogger("sitegen")

# pdfminer and pdfplumber log a warning for every oddity of a damaged file ("Could not get
# FontBBox ..."), which would break the one-line promise of `sitegen extract`. What matters to
# the user reaches them as our own diagnostic; the rest is for us, at debug level (-v).
for _noisy in ("pdfminer", "pdfplumber"):
    logging.getLogger(_noisy).setLevel(logging.DEBUG if log.isEnabledFor(logging.DEBUG) else logging.ERROR)

PDF_HEADER = b"%PDF-"
HEADER_WINDOW = 1024
"""Readers accept junk before the header (the spec's implementation note); so do we, up to 1 KiB."""
EOF_WINDOW = 2048
"""Where `%%EOF` must appear for a file not to count as truncated (some writers pad after it)."""

LIBRARY_PACKAGES = ("pdfminer", "pdfplumber", "pikepdf", "pypdfium2")
"""An exception raised inside these came from the file's bytes, not from a bug of ours."""

Repairer = Callable[[bytes], bytes]


@contextmanager
def open_pdf(path: Path, diag: Diagnostics) -> Iterator[PDF]:
    """Yield an open pdfplumber document; raise `InputError` naming the file when it cannot be read."""
    name = str(path)
    data = read_pdf_bytes(path)
    pdf = open_or_repair(name, data, diag)
    try:
        yield pdf
    except SitegenError:
        raise
    except Exception as e:
        if not raised_by_pdf_library(e):
            raise  # a bug in our own code: let read_report and `-v` show it
        raise InputError(name, f"damaged content ({describe(e)})", page=page_of(e)) from e
    finally:
        close_quietly(pdf)


def read_pdf_bytes(path: Path) -> bytes:
    """The file's bytes, after the checks that need no PDF parser."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), f"cannot be read ({e.strerror or e})") from e
    if not data:
        raise InputError(str(path), "empty file")
    if PDF_HEADER not in data[:HEADER_WINDOW]:
        raise InputError(str(path), f"not a PDF (starts with {printable_start(data)})")
    return data


def printable_start(data: bytes, length: int = 16) -> str:
    """The first bytes as a short quoted string a person can recognise ("PK..." is a zip)."""
    head = data[:length].decode("latin-1")
    shown = "".join(c if c.isprintable() and ord(c) < 127 else "." for c in head)
    return repr(shown)


def open_or_repair(name: str, data: bytes, diag: Diagnostics) -> PDF:
    """Open `data`; repair it in memory only when pdfminer finds no pages, so healthy files pay nothing."""
    failure: str | None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as e:
        raise_if_encrypted(name, e)
        failure = describe(e)
    else:
        failure = pages_failure(pdf)
        if failure is None:
            return pdf
        close_quietly(pdf)
    if is_truncated(data):
        # Repairing a cut file would publish part of a report as if it were whole.
        raise InputError(name, f"truncated or damaged beyond repair (no end-of-file marker; {failure})")
    return open_repaired(name, data, failure, diag)


def pages_failure(pdf: PDF) -> str | None:
    """Why the page tree is unusable, or None. Reading `pdf.pages` here is free: pdfplumber caches it."""
    try:
        return None if pdf.pages else "no pages found"
    except Exception as e:  # noqa: BLE001 (pdfminer raises many unrelated types for a broken page tree)
        return describe(e)


def raise_if_encrypted(name: str, e: PdfminerException) -> None:
    cause = unwrap(e)
    if isinstance(cause, PDFPasswordIncorrect):
        raise InputError(name, "encrypted (password required)") from e
    if isinstance(cause, PDFEncryptionError):
        raise InputError(name, f"encrypted ({cause or 'unsupported encryption'})") from e


def is_truncated(data: bytes) -> bool:
    return b"%%EOF" not in data[-EOF_WINDOW:]


def open_repaired(name: str, data: bytes, failure: str, diag: Diagnostics) -> PDF:
    """Try each repairer in turn; the first whose output has pages wins."""
    attempts: list[str] = []
    for tool, repair in REPAIRERS:
        try:
            pdf = pdfplumber.open(io.BytesIO(repair(data)))
        except Exception as e:  # noqa: BLE001 (a repairer that fails is one attempt, not an error yet)
            attempts.append(f"{tool}: {describe(e)}")
            continue
        n_pages = page_count(pdf)
        if n_pages:
            diag.warn(
                "pdf-repaired", name, f"damaged PDF ({failure}); repaired with {tool}, {n_pages} pages read"
            )
            return pdf
        close_quietly(pdf)
        attempts.append(f"{tool}: no pages")
    log.debug("%s: repair failed: %s", name, "; ".join(attempts))
    raise InputError(name, f"truncated or damaged beyond repair ({failure})")


def page_count(pdf: PDF) -> int:
    try:
        return len(pdf.pages)
    except Exception:  # noqa: BLE001 (a page tree that cannot be counted has no pages to read)
        return 0


def repair_with_qpdf(data: bytes) -> bytes:
    """qpdf rebuilds a broken cross-reference table by scanning the file for objects."""
    import pikepdf  # only a damaged file pays for importing it

    out, chatter = io.BytesIO(), io.StringIO()
    # qpdf writes its repair notes straight to sys.stderr; keep them off the user's one line.
    with redirect_stderr(chatter), pikepdf.open(io.BytesIO(data)) as doc:
        doc.save(out)
    if chatter.getvalue().strip():
        log.debug("qpdf: %s", " ".join(chatter.getvalue().split()))
    return out.getvalue()


def repair_with_pdfium(data: bytes) -> bytes:
    """PDFium finds pages that qpdf cannot (a page tree reachable only by its own recovery)."""
    import pypdfium2  # installed with pdfplumber

    out = io.BytesIO()
    doc = pypdfium2.PdfDocument(data)
    try:
        doc.save(out)
    finally:
        doc.close()
    return out.getvalue()


REPAIRERS: tuple[tuple[str, Repairer], ...] = (("qpdf", repair_with_qpdf), ("PDFium", repair_with_pdfium))


def unwrap(e: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exception as the first argument of its own."""
    while (
        isinstance(e, (PdfminerException, MalformedPDFException))
        and e.args
        and isinstance(e.args[0], BaseException)
    ):
        e = e.args[0]
    return e


def describe(e: BaseException) -> str:
    cause = unwrap(e)
    text = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    text = text if len(text) <= 120 else text[:117] + "..."
    return f"{type(cause).__name__}: {text}" if text else type(cause).__name__


def raised_by_pdf_library(e: BaseException) -> bool:
    """True when the innermost frame of the traceback is inside a PDF library."""
    if isinstance(unwrap(e), (PSException, PdfminerException, MalformedPDFException)):
        return True
    tb = e.__traceback__
    module = ""
    while tb is not None:
        module = tb.tb_frame.f_globals.get("__name__", "")
        tb = tb.tb_next
    return module.split(".")[0] in LIBRARY_PACKAGES


def page_of(e: BaseException) -> int | None:
    """The page being read when `e` was raised: the innermost pdfplumber `Page` on the stack."""
    page: int | None = None
    tb: types.TracebackType | None = e.__traceback__
    while tb is not None:
        owner = tb.tb_frame.f_locals.get("self")
        if isinstance(owner, Page):
            page = owner.page_number
        tb = tb.tb_next
    return page


def close_quietly(pdf: PDF) -> None:
    """pdfplumber's close walks the page tree again, which raises on the very files we reject."""
    try:
        pdf.close()
    except Exception:
        log.debug("closing a damaged PDF failed", exc_info=True)
