"""Opening a PDF: the one place that turns a broken input into a one-line `InputError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pdfplumber

from sitegen.errors import Diagnostics, InputError


@contextmanager
def open_pdf(path: Path, diag: Diagnostics) -> Iterator[pdfplumber.PDF]:
    """Yield an open pdfplumber document; raise `InputError` naming the file when it cannot be read."""
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many unrelated types for broken files
        raise InputError(str(path), f"not a readable PDF ({type(e).__name__}: {e})") from e
    with pdf:
        yield pdf
