"""Errors and warnings that name the input and where in it ("a.pdf: page 11: ...")."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field


class SitegenError(Exception):
    """Anything sitegen reports to the user as one line, without a traceback."""


class InputError(SitegenError):
    """An input file that cannot be read (encrypted, truncated, scanned, not a PDF, ...)."""

    def __init__(self, path: str, message: str, page: int | None = None) -> None:
        self.path, self.page, self.message = path, page, message
        super().__init__(format_location(path, page) + ": " + message)


class ConfigError(SitegenError):
    """A bad configuration value; the message names the key."""


class UsageError(SitegenError):
    """A bad command line (exit 2)."""


def format_location(path: str, page: int | None = None) -> str:
    return f"{path}: page {page}" if page is not None else path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    """A stable category such as "footnote-missing" or "xref-unresolved"."""
    path: str
    message: str
    page: int | None = None

    def __str__(self) -> str:
        return f"{format_location(self.path, self.page)}: {self.message}"


@dataclass(slots=True)
class Diagnostics:
    """Warnings collected during a stage; readers return them beside the model."""

    items: list[Diagnostic] = field(default_factory=list)

    def warn(self, code: str, path: str, message: str, page: int | None = None) -> None:
        d = Diagnostic(code, path, message, page)
        if d not in self.items:
            self.items.append(d)
        logging.getLogger("sitegen").debug("warning: %s", d)

    def extend(self, other: Diagnostics) -> None:
        for d in other.items:
            if d not in self.items:
                self.items.append(d)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)
