"""Editor-made connections between paragraphs of different reports (issue 12), read and checked.

`connections.yaml` in the content folder lists typed connections, each from an anchor of a report in
the site to an anchor of another report (in the site, or outside it: then it links to undocs.org):

    - from: A/79/213#para-26
      to: A/68/283#para-77
      type: follows-up
      quote: "As previously recommended by my predecessor"   # optional: the words it hangs on
      note: "The earlier recommendation on bilateral agreements"  # optional
      suggested: 0.82        # written by `sitegen suggest`; not published until the key is removed

Types and their labels in both directions come from the site's settings (`ConnectionType`). The whole
file is checked before anything is built: every problem is one line naming the file, the line and
what is wrong; the connections that are sound are kept, the others dropped with their warning.
Ids come from the documents' own numbering, so a connection survives a re-typeset PDF.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitegen.errors import Diagnostics
from sitegen.resolve import SiteIndex, block_ids, undocs_url

CONNECTIONS_FILE = "connections.yaml"
_END = re.compile(r"^(?P<symbol>[^#\s]+)#(?P<anchor>[a-z0-9][a-z0-9_\-]*)$")
_KEYS = ("from", "to", "type", "quote", "note", "suggested")


@dataclass(frozen=True, slots=True)
class ConnectionType:
    name: str
    label: Mapping[str, str]
    """Language code -> the label seen at the source end ("follows up")."""
    inverse: Mapping[str, str]
    """Language code -> the label seen at the target end ("followed up in")."""

    def label_for(self, language: str, *, at_source: bool) -> str:
        labels = self.label if at_source else self.inverse
        return labels.get(language) or labels.get("en") or next(iter(labels.values()), self.name)


DEFAULT_TYPES = {
    "follows-up": ConnectionType(
        "follows-up",
        {"en": "follows up", "fr": "donne suite à"},
        {"en": "followed up in", "fr": "suivi dans"},
    ),
    "repeats": ConnectionType(
        "repeats", {"en": "repeats", "fr": "reprend"}, {"en": "repeated in", "fr": "repris dans"}
    ),
    "responds-to": ConnectionType(
        "responds-to",
        {"en": "responds to", "fr": "répond à"},
        {"en": "responded to in", "fr": "réponse dans"},
    ),
}


@dataclass(frozen=True, slots=True)
class End:
    symbol: str
    anchor: str
    slug: str | None
    """The report's slug when it is in the site; None for a report outside it."""

    @property
    def key(self) -> str:
        return f"{self.symbol}#{self.anchor}"

    def href(self, index: SiteIndex) -> str:
        if self.slug is None:
            return undocs_url(self.symbol)
        return f"{index.versions[self.slug][0].url}#{self.anchor}"


@dataclass(frozen=True, slots=True)
class Connection:
    source: End
    target: End
    type: str
    quote: str = ""
    note: str = ""
    suggested: float | None = None
    line: int = 0

    def to_dict(self, index: SiteIndex) -> dict[str, Any]:
        out: dict[str, Any] = {
            "from": self.source.key,
            "to": self.target.key,
            "type": self.type,
            "from_url": self.source.href(index),
            "to_url": self.target.href(index),
        }
        if self.quote:
            out["quote"] = self.quote
        if self.note:
            out["note"] = self.note
        return out


def read_connections(
    text: str, file: str, index: SiteIndex, types: Mapping[str, ConnectionType], diag: Diagnostics
) -> list[Connection]:
    """The sound, accepted connections of the file; every problem becomes one warning with its line."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        diag.warn("connections", file, f"{where}not valid YAML ({getattr(e, 'problem', None) or e})")
        return []
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        diag.warn("connections", file, f"line {root.start_mark.line + 1}: expected a list of connections")
        return []
    found: list[Connection] = []
    for node in root.value:
        connection = _read_one(node, file, index, types, diag)
        if connection is not None and connection.suggested is None:
            found.append(connection)
    return sorted(found, key=lambda c: (c.source.key, c.target.key, c.type))


def _read_one(
    node: yaml.Node, file: str, index: SiteIndex, types: Mapping[str, ConnectionType], diag: Diagnostics
) -> Connection | None:
    line = node.start_mark.line + 1

    def problem(message: str) -> None:
        diag.warn("connections", file, f"line {line}: {message}")

    if not isinstance(node, yaml.MappingNode):
        problem("a connection is a mapping with 'from', 'to' and 'type'")
        return None
    fields = {str(k.value): v for k, v in node.value}
    unknown = sorted(set(fields) - set(_KEYS))
    missing = [k for k in ("from", "to", "type") if k not in fields]
    if unknown or missing:
        problem(
            "; ".join(
                [f"unknown key '{k}' (known: {', '.join(_KEYS)})" for k in unknown]
                + [f"missing '{k}'" for k in missing]
            )
        )
        return None
    values = {k: str(v.value) if isinstance(v, yaml.ScalarNode) else "" for k, v in fields.items()}
    if values["type"] not in types:
        problem(f"unknown type '{values['type']}' (known: {', '.join(sorted(types)) or 'none declared'})")
        return None
    source = _end(values["from"], index, problem, must_be_in_site=True)
    target = _end(values["to"], index, problem, must_be_in_site=False)
    if source is None or target is None:
        return None
    suggested = _score(values.get("suggested"), problem)
    return Connection(
        source, target, values["type"], values.get("quote", ""), values.get("note", ""), suggested, line
    )


def _end(value: str, index: SiteIndex, problem: Any, *, must_be_in_site: bool) -> End | None:
    m = _END.match(value.strip())
    if m is None:
        problem(f"'{value}' is not SYMBOL#anchor (for example A/79/213#para-26)")
        return None
    symbol, anchor = m.group("symbol"), m.group("anchor")
    slug = index.slug_for(symbol)
    if slug is None:
        if must_be_in_site:
            problem(f"unknown report '{symbol}' (not in the site)")
            return None
        return End(symbol, anchor, None)
    if anchor not in block_ids(index.versions[slug][0].report) | _footnote_ids(index, slug):
        problem(f"unknown anchor '#{anchor}' in {symbol}")
        return None
    return End(index.versions[slug][0].report.symbol or symbol, anchor, slug)


def _footnote_ids(index: SiteIndex, slug: str) -> frozenset[str]:
    return frozenset(f.id for f in index.versions[slug][0].report.footnotes)


def _score(value: str | None, problem: Any) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        problem(f"'suggested' must be a score (a number), not '{value}'")
        return 0.0


def connections_by_anchor(
    connections: list[Connection],
) -> dict[str, dict[str, list[tuple[Connection, bool]]]]:
    """Slug -> anchor -> its connections, each with whether the anchor is the source end: what a page
    shows under each paragraph, in both directions."""
    out: dict[str, dict[str, list[tuple[Connection, bool]]]] = {}
    for c in connections:
        for end, at_source in ((c.source, True), (c.target, False)):
            if end.slug is not None:
                out.setdefault(end.slug, {}).setdefault(end.anchor, []).append((c, at_source))
    return out


def connections_graph(connections: list[Connection], index: SiteIndex) -> dict[str, Any]:
    """`/connections.json`: every accepted connection, for other tools."""
    return {"version": 1, "connections": [c.to_dict(index) for c in connections]}


def connection_entry(data: Mapping[str, Any], types: Mapping[str, ConnectionType]) -> str:
    """One connection sent by a page (under `sitegen serve`) as connections.yaml text; ValueError
    when it is not a well-formed connection of a known type (the file is never written then)."""
    fields = {k: data.get(k) for k in ("from", "to", "type", "quote", "note")}
    for key in ("from", "to"):
        if not isinstance(fields[key], str) or not _END.match(str(fields[key])):
            raise ValueError(f"'{key}' must be SYMBOL#anchor")
    if fields["type"] not in types:
        raise ValueError(f"unknown type {fields['type']!r}")
    lines = [f"- from: {fields['from']}", f"  to: {fields['to']}", f"  type: {fields['type']}"]
    for key in ("quote", "note"):
        value = fields[key]
        if isinstance(value, str) and value.strip():
            lines.append(f"  {key}: {yaml_string(value)}")
    return "\n".join(lines) + "\n"


def yaml_string(text: str) -> str:
    """A double-quoted YAML scalar on one line: words from a page can hold anything."""
    one_line = " ".join(text.split())
    return '"' + one_line.replace("\\", "\\\\").replace('"', '\\"') + '"'


def appended(existing: str, entry: str) -> str:
    """The file's text with one more entry at its end (its own lines and comments kept as written)."""
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + entry


def types_from_settings(settings: Mapping[str, Mapping[str, Mapping[str, str]]]) -> dict[str, ConnectionType]:
    """The site's connection types ([connections.types] in sitegen.toml); the default ones when none."""
    if not settings:
        return dict(DEFAULT_TYPES)
    return {
        name: ConnectionType(name, dict(spec["label"]), dict(spec["inverse"]))
        for name, spec in settings.items()
    }


def read_site_connections(
    content: Path, index: SiteIndex, types: Mapping[str, ConnectionType], diag: Diagnostics
) -> list[Connection]:
    """The content folder's connections.yaml, checked against the site (none when there is no file)."""
    path = content / CONNECTIONS_FILE
    if not path.is_file():
        return []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        diag.warn("connections", str(path), f"cannot be read: {e}")
        return []
    return read_connections(text, str(path), index, types, diag)
