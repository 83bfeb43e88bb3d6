"""Step 5: text repair. Lines joined into running text, words broken at line ends re-joined,
ligatures expanded, spaces tidied.

A hyphen at a line's end is ambiguous ("informa-" + "tion" vs "pre-" + "migration"): the join is
marked first and decided once the whole report is read, by which spelling the report itself uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitegen.readers.pdf.chars import is_cjk

LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
SOFT_HYPHEN = "\u00ad"
BREAK_MARK = "\u2063"
"""Stands for "a hyphen at a line end between two letters" until `resolve_breaks` decides."""

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_BREAK = re.compile(r"([^\W\d_]+)" + BREAK_MARK + r"([^\W\d_]+)")
_LIG = re.compile("|".join(LIGATURES))


def expand_ligatures(text: str) -> str:
    return _LIG.sub(lambda m: LIGATURES[m.group(0)], text) if any(ch in text for ch in LIGATURES) else text


def join_lines(lines: Iterable[str]) -> str:
    """One running text from a block's lines."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith(SOFT_HYPHEN):
            out = out[:-1] + line
        elif out.endswith("-") and _URL_TAIL.search(out):
            out = out + line  # a URL broken after one of its own hyphens keeps it
        elif (
            out.endswith("-")
            and len(out) > 1
            and out[-2].isalpha()
            and line[:1].isalpha()
            and line[:1].islower()
        ):
            out = out[:-1] + BREAK_MARK + line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].isalnum():
            out = out + line  # "low-" + "and" stays glued
        elif out.endswith("/") and _URL_TAIL.search(out):
            out = out + line  # a URL broken after "/" is one URL
        elif is_cjk(out[-1]) and is_cjk(line[0]):
            out = out + line  # Chinese has no spaces between words, nor at a line end
        else:
            out = out + " " + line
    return tidy(out)


_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) -(?=[^\W\d_])")


def tidy(text: str) -> str:
    text = expand_ligatures(text.replace(SOFT_HYPHEN, ""))
    text = re.sub(r"[ \t\u00a0]+", " ", text).strip()
    # "plaintiff -parent" (a typing slip or a justified line's stretched space) is one compound;
    # before a capital ("Africa -Parts I") the hyphen was a dash between titles
    return _SPACED_HYPHEN.sub(lambda m: "-" if text[m.end()].islower() else " - ", text)


def vocabulary(texts: Iterable[str]) -> tuple[set[str], set[str]]:
    """(words, hyphenated compounds) the report spells out within lines, lower-cased."""
    words: set[str] = set()
    compounds: set[str] = set()
    for t in texts:
        t = _BREAK.sub(" ", t)  # the halves of a broken word are not words of the report
        for w in _WORD.findall(t):
            words.add(w.lower())
        for c in re.findall(r"[^\W\d_]+-[^\W\d_]+", t):
            compounds.add(c.lower())
    return words, compounds


COMPOUND_HEADS = frozenset(
    [
        "pre",
        "post",
        "anti",
        "non",
        "self",
        "co",
        "cross",
        "multi",
        "well",
        "long",
        "short",
        "full",
        "part",
        "follow",
        "semi",
        "sub",
        "ex",
        "vice",
    ]
)
"""Left halves that make a compound ("pre-migration"), not a broken word, when split at a line end."""


def resolve_breaks(text: str, words: set[str], compounds: set[str]) -> str:
    """Decide each marked line-end hyphen: "bila|teral" -> "bilateral", "pre|migration" -> "pre-migration".

    The report's own spelling decides first (a compound or a whole word seen elsewhere in it); then
    a known compound head, or two halves that are both words, keep the hyphen; the rest is joined.
    """
    if BREAK_MARK not in text:
        return text

    def decide(m: re.Match[str]) -> str:
        a, b = m.group(1), m.group(2)
        la, lb = a.lower(), b.lower()
        if f"{la}-{lb}" in compounds:
            return f"{a}-{b}"
        if la + lb in words:
            return a + b
        if la in COMPOUND_HEADS or (len(la) > 2 and len(lb) > 2 and la in words and lb in words):
            return f"{a}-{b}"
        return a + b

    return _BREAK.sub(decide, text).replace(BREAK_MARK, "-")
