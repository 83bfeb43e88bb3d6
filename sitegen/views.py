"""Views of a report: the few walks over a whole model that site-wide stages make for every report at
every build (its ids, the pages and places its own citations come from, its first page's kind, its
numbers of paragraphs, footnotes and search records), kept between builds so that an unchanged
report's model need not be loaded at all: an edit in a site of 3,000 reports loads the edited model
and those whose pages it changes, not 3,000.

A walk becomes a view by a decorator, where it is written (`@report_view("ids", AS_SET)`); nothing
else about it changes. Asked of an ordinary `Report`, a view walks it as before. Asked of a report
read back from the cache (`PartlyLoaded`: its small fields now, its blocks and footnotes only when
something reads them), it answers from the values the last build computed for the same model, and
walks the model (loading it) only for a view it does not carry.

What a report carries is keyed by its model's digest and by `code_version()`, a hash of sitegen's code
(the readers aside: the digest covers what they made), so a changed view function, or anything it
calls, is never answered from an older result. Each value is stored as its own JSON text and decoded
only when asked, so a build pays for the views it uses. A view's value must survive its codec
exactly (tests/test_cache.py checks every registered view on fixture reports), order included.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any, TypeVar

import sitegen
from sitegen.io import canonical_json
from sitegen.model import Block, Footnote, Report

T = TypeVar("T")
Codec = tuple[Callable[[Any], Any], Callable[[Any], Any]]
"""(encode to JSON data, decode from it)."""

PLAIN: Codec = (lambda v: v, lambda v: v)
"""Numbers, strings and None."""
AS_SET: Codec = (sorted, frozenset)
AS_PAIRS: Codec = (lambda d: [[k, v] for k, v in d.items()], lambda pairs: {k: v for k, v in pairs})
"""A dict of plain values, in its own order."""
AS_PAIRS_OF_TUPLES: Codec = (
    lambda d: [[k, list(v)] for k, v in d.items()],
    lambda pairs: {k: tuple(v) for k, v in pairs},
)
AS_TUPLE: Codec = (list, tuple)

VIEWS: dict[str, tuple[Callable[[Report], Any], Codec]] = {}
"""Every view by name: its walk and its codec (filled as the modules that declare them are imported)."""


def report_view(name: str, codec: Codec = PLAIN) -> Callable[[Callable[[Report], T]], Callable[[Report], T]]:
    """Declare `walk(report)` a view named `name`, stored through `codec` (see the module's docstring)."""

    def register(walk: Callable[[Report], T]) -> Callable[[Report], T]:
        known = VIEWS.get(name)
        if known is not None and (known[0].__module__, known[0].__qualname__) != (
            walk.__module__,
            walk.__qualname__,
        ):
            raise ValueError(f"two report views named {name!r}")
        VIEWS[name] = (walk, codec)

        @functools.wraps(walk)
        def view(report: Report) -> T:
            if isinstance(report, PartlyLoaded):
                carried: T = report.view(name)
                return carried
            return walk(report)

        return view

    return register


def encoded(name: str, report: Report) -> str:
    """A view of a loaded report as the JSON text a `PartlyLoaded` report carries."""
    walk, (encode, _) = VIEWS[name]
    return canonical_json(encode(walk(report))).decode("utf-8")


@functools.cache
def code_version() -> str:
    """A hash of the code this process runs (loaded at start-up, so hashed once), the readers aside."""
    package = Path(sitegen.__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts):
        rel = path.relative_to(package)
        if rel.parts[0] != "readers":
            h.update(str(rel).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


# ---------------------------------------------------------------- a report loaded when first read

_LAZY_FIELDS = ("blocks", "footnotes")
"""The fields that hold a report's text: all but a few kilobytes of its model."""
_HEAD_SLOTS = [Report.__dict__[f.name] for f in fields(Report) if f.name not in _LAZY_FIELDS]
"""The member descriptors of every other field (copied slot to slot: a build makes thousands of these)."""
_BLOCKS: Any = Report.__dict__["blocks"]
_FOOTNOTES: Any = Report.__dict__["footnotes"]
"""Report's own slots (member descriptors): `PartlyLoaded` keeps the loaded values there."""

Body = tuple[tuple[Block, ...], tuple[Footnote, ...]]


class PartlyLoaded(Report):
    """A `Report` whose blocks and footnotes are loaded by `load()` the first time anything reads
    them; every other field is there from the start. It is equal to, hashes as and prints as the
    report it stands for (fields compared as a `Report`'s are). `dataclasses.replace` gives one whose
    fields are all set, which never loads."""

    __slots__ = ("_carried", "_grown", "_load")

    _load: Callable[[], Body] | None
    _carried: dict[str, str]
    _grown: bool

    @classmethod
    def of(cls, head: Report, load: Callable[[], Body], carried: Mapping[str, str]) -> PartlyLoaded:
        """`head`'s fields but its blocks and footnotes, which `load()` gives when first read;
        `carried`: view name -> its value as JSON text, for this model and this code."""
        report = cls.__new__(cls)
        for slot in _HEAD_SLOTS:
            slot.__set__(report, slot.__get__(head, Report))
        object.__setattr__(report, "_load", load)
        object.__setattr__(report, "_carried", dict(carried))
        object.__setattr__(report, "_grown", False)
        return report

    def _body(self) -> None:
        load = getattr(self, "_load", None)
        if load is None:
            raise AttributeError("a PartlyLoaded report with neither its body nor a way to load it")
        blocks, footnotes = load()
        _BLOCKS.__set__(self, blocks)
        _FOOTNOTES.__set__(self, footnotes)
        object.__setattr__(self, "_load", None)

    @property
    def blocks(self) -> tuple[Block, ...]:
        if not self.loaded:
            self._body()
        blocks: tuple[Block, ...] = _BLOCKS.__get__(self, Report)
        return blocks

    @blocks.setter
    def blocks(self, value: tuple[Block, ...]) -> None:  # dataclass __init__ and replace() set it
        _BLOCKS.__set__(self, value)

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        if not self.loaded:
            self._body()
        footnotes: tuple[Footnote, ...] = _FOOTNOTES.__get__(self, Report)
        return footnotes

    @footnotes.setter
    def footnotes(self, value: tuple[Footnote, ...]) -> None:
        _FOOTNOTES.__set__(self, value)

    @property
    def loaded(self) -> bool:
        """Whether its blocks and footnotes have been read (for tests and the benchmark)."""
        try:
            _BLOCKS.__get__(self, Report)
        except AttributeError:
            return False
        return True

    def view(self, name: str) -> Any:
        """The named view: from what the report carries, else walked (loading it) and then carried."""
        carried = self.carried()
        text = carried.get(name)
        if text is None:
            text = carried[name] = encoded(name, self)
            object.__setattr__(self, "_grown", True)
        _, (_, decode) = VIEWS[name]
        return decode(json.loads(text))

    def carried(self) -> dict[str, str]:
        try:
            return self._carried
        except AttributeError:  # made by replace(): nothing carried
            object.__setattr__(self, "_carried", {})
            return self._carried

    @property
    def grown(self) -> bool:
        """Whether it computed a view it did not carry (its summary is then worth storing again)."""
        return getattr(self, "_grown", False)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Report):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(Report))

    __hash__ = Report.__hash__

    def __repr__(self) -> str:  # as the report it stands for: a repr may end up in a key
        return "Report" + Report.__repr__(self).removeprefix(type(self).__qualname__)


def all_views(report: Report) -> dict[str, str]:
    """Every registered view of `report` as JSON text (what a `PartlyLoaded` copy of it should carry)."""
    carried = report.carried() if isinstance(report, PartlyLoaded) else {}
    return {name: carried.get(name) or encoded(name, report) for name in sorted(VIEWS)}


def carries_all(report: Report, names: Iterable[str] | None = None) -> bool:
    """Whether `report` is a `PartlyLoaded` one carrying every view (nothing new to store for it)."""
    if not isinstance(report, PartlyLoaded) or report.grown:
        return False
    carried = report.carried()
    return all(name in carried for name in (VIEWS if names is None else names))
