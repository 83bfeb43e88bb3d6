"""HTML pages from the models: the Jinja2 environment, and one view model per page.

Python decides *what* a page shows (segments, links, backlinks, language versions) as plain
dataclasses; templates decide *how* (docs/markup.md). All text reaches HTML through autoescape:
nothing here builds HTML strings or marks document text safe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

import sitegen
from sitegen.anchors import citation_text
from sitegen.citations import Citation
from sitegen.corrigenda import note_labels, word_diff
from sitegen.errors import SitegenError
from sitegen.families import Correction
from sitegen.model import Heading, Item, Paragraph, Report, Section
from sitegen.render.connections import ConnectionView, SiteConnections, mark_quotes
from sitegen.render.families import AS_ISSUED, FamilyBox, FamilyViews, IndexPlace
from sitegen.render.segments import FootnoteRefs, Segment, footnote_numbers, split_text
from sitegen.resolve import (
    Backlink,
    Backlinks,
    SiteIndex,
    Target,
    Version,
    is_rtl,
    natural_key,
    resolve_citation,
)
from sitegen.symbols import issuing_body, month_name
from sitegen.write import Output

LANGUAGE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ru": "Русский",
    "zh": "中文",
    "de": "Deutsch",
    "pt": "Português",
}
MISSING_NOTE = "This note was referred to but not found in the source document."


def default_templates_dir() -> Path:
    """The theme shipped in the wheel (sitegen/templates), or the repository's templates/ in a checkout."""
    package = Path(sitegen.__file__).resolve().parent
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "base.html").is_file():
            return candidate
    raise SitegenError(f"default templates not found beside {package}")


def make_environment(user_templates: Path | None = None) -> jinja2.Environment:
    """A user's template wins over the default one of the same name, and can still extend the default
    as "!default/report.html" to replace one block (Pelican's pattern)."""
    default = jinja2.FileSystemLoader(default_templates_dir())
    loaders: list[jinja2.BaseLoader] = []
    if user_templates is not None and user_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(user_templates))
    loaders += [default, jinja2.PrefixLoader({"!default": default})]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,  # one environment per build: no need to stat every template on every lookup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = format_date  # "2025-09-01" -> "1 September 2025", as the report pages print it
    return env


# ---------------------------------------------------------------- view models


Lookup = tuple[str, str | None, str | None]
"""A citation as a page looked it up in the site index: (symbol, paragraph, item)."""


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """A report page and every citation it looked up: what the page depends on beyond its own model,
    its place and its backlinks (sitegen.incremental keys a page on these)."""

    output: Output
    lookups: list[Lookup]


@dataclass(frozen=True, slots=True)
class ItemView:
    id: str
    label: str
    cite: str
    segments: list[Segment]
    backlinks: tuple[Backlink, ...]
    connections: list[ConnectionView] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BlockView:
    kind: str
    """"heading" or "paragraph"."""
    id: str
    segments: list[Segment]
    page: int
    level: int = 0
    label: str = ""
    number: str | None = None
    cite: str = ""
    pdf_href: str | None = None
    items: list[ItemView] = field(default_factory=list)
    backlinks: tuple[Backlink, ...] = ()
    connections: list[ConnectionView] = field(default_factory=list)
    corrected_by: list[tuple[str, str]] = field(default_factory=list)
    """(corrigendum symbol, its URL) for a paragraph a corrigendum changed."""
    unread: list[tuple[str, str]] = field(default_factory=list)
    """(corrigendum symbol, its words) for an instruction about this paragraph that could not be applied."""
    revision_href: str | None = None
    as_issued_href: str | None = None
    """For a corrected paragraph: the same paragraph in the text as issued."""

    depth: int = 1
    """Nesting depth among the report's headings (1 = top), so h2..h6 never skip a level."""

    @property
    def tag(self) -> str:
        return f"h{min(self.depth + 1, 6)}"


@dataclass(slots=True)
class TocEntry:
    id: str
    label: str
    text: str
    children: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FootnoteView:
    id: str
    number: str
    segments: list[Segment]
    back_id: str | None
    missing: bool = False
    added_by: tuple[str, str] | None = None
    """For a note a corrigendum added: (the corrigendum's symbol, its URL)."""


@dataclass(frozen=True, slots=True)
class LanguageLink:
    language: str
    name: str
    href: str
    current: bool


@dataclass(frozen=True, slots=True)
class ReportPage:
    report: Report
    url: str
    language: str
    language_name: str
    dir: str
    date_iso: str | None
    date_text: str
    pdf_href: str | None
    blocks: list[BlockView]
    toc: list[TocEntry]
    footnotes: list[FootnoteView]
    languages: list[LanguageLink]
    cited_by: tuple[Backlink, ...]
    family: FamilyBox | None = None
    unread: list[tuple[str, str]] = field(default_factory=list)
    """Instructions of a corrigendum that name no paragraph of this report (shown at its head)."""


@dataclass(frozen=True, slots=True)
class IndexRow:
    symbol: str
    title: str
    href: str
    date: str | None
    date_text: str
    year: str
    language: str
    language_name: str
    dir: str
    body: str
    family: IndexPlace | None = None
    """Its place in its document family, when it has one."""


@dataclass(frozen=True, slots=True)
class IndexGroup:
    """What the index lists together: a report alone, or a family (base, then its revisions,
    corrigenda and addenda in reading order, each language version after the other)."""

    rows: list[IndexRow]
    family: str = ""
    """The family's base symbol ("" for a report in no family)."""
    base_outside: str | None = None
    """undocs.org link of a family's base that is not in the site (named at the group's head)."""


# ---------------------------------------------------------------- pages


@dataclass(slots=True)
class SiteRenderer:
    """Renders every page of one site; holds what all pages share."""

    env: jinja2.Environment
    index: SiteIndex
    backlinks: Backlinks
    assets: dict[str, str]
    site_title: str = "UN reports"
    connections: SiteConnections | None = None
    families: FamilyViews | None = None

    def render_page(self, template: str, **context: Any) -> bytes:
        """One page; a broken (user) template is a one-line error naming the file and line."""
        shared = {"assets": self.assets, "site_title": self.site_title}
        try:
            return self.env.get_template(template).render(**shared, **context).encode("utf-8")
        except jinja2.TemplateSyntaxError as e:
            raise SitegenError(f"{e.filename or e.name}: line {e.lineno}: {e.message}") from e
        except jinja2.TemplateError as e:
            raise SitegenError(f"template {template}: {type(e).__name__}: {e}") from e

    def render_report(self, version: Version, pdf_name: str | None) -> Output:
        return self.render_report_traced(version, pdf_name).output

    def render_report_traced(
        self, version: Version, pdf_name: str | None, *, as_issued: bool = False
    ) -> RenderedPage:
        """The page, and the citations its rendering looked up (sorted, each once)."""
        views = _PageViews(
            self.index,
            self.backlinks,
            version,
            f"{version.url}{pdf_name}" if pdf_name else None,
            self.connections,
            self.families,
            as_issued=as_issued,
        )
        page = page_of(views)
        html = self.render_page(
            "report.html", page=page, lang=page.language, dir=page.dir, page_title=page_title(version.report)
        )
        lookups = sorted(views.lookups, key=lambda q: (q[0], q[1] or "", q[2] or ""))
        return RenderedPage(Output(f"{version.folder}/index.html", html), lookups)

    def render_index(self) -> Output:
        rows = index_rows(self.index, self.families)
        html = self.render_page(
            "index.html",
            groups=index_groups(rows),
            lang=self.index.default_language,
            dir="ltr",
            page_title=self.site_title,
            filters=index_filters(rows),
        )
        return Output("index.html", html)

    def render_not_found(self) -> Output:
        html = self.render_page(
            "404.html", lang=self.index.default_language, dir="ltr", page_title="Not found"
        )
        return Output("404.html", html)


def page_title(report: Report) -> str:
    return (
        f"{report.symbol}: {report.title}"
        if report.symbol and report.symbol != report.title
        else report.title
    )


def report_page(index: SiteIndex, backlinks: Backlinks, version: Version, pdf_name: str | None) -> ReportPage:
    return page_of(_PageViews(index, backlinks, version, f"{version.url}{pdf_name}" if pdf_name else None))


def page_of(views: _PageViews) -> ReportPage:
    report, index, version = views.report, views.index, views.version
    blocks = [views.block(b) for b in report.blocks]
    return ReportPage(
        report=report,
        url=version.url,
        language=report.language,
        language_name=language_name(report.language),
        dir="rtl" if is_rtl(report.language) else "ltr",
        date_iso=iso_date(report.date),
        date_text=format_date(report.date),
        pdf_href=views.pdf_href,
        blocks=blocks,
        toc=build_toc(report.sections()),
        footnotes=views.footnotes(),  # after the blocks: notes link back to the references made there
        languages=language_links(index, version),
        cited_by=views.backlinks.by_report.get(version.slug, ()),
        family=views.families.box(version, as_issued=views.as_issued) if views.families else None,
        unread=views.families.unread(version, "") if views.families and not views.as_issued else [],
    )


class _PageViews:
    """Turns one report's blocks, items and notes into views, sharing the page's footnote-reference ids."""

    def __init__(
        self,
        index: SiteIndex,
        backlinks: Backlinks,
        version: Version,
        pdf_href: str | None,
        connections: SiteConnections | None = None,
        families: FamilyViews | None = None,
        *,
        as_issued: bool = False,
    ) -> None:
        self.index, self.backlinks, self.version, self.pdf_href = index, backlinks, version, pdf_href
        self.connections = connections or SiteConnections(index)
        self.families, self.as_issued = families, as_issued
        self.report = version.report
        self.refs = FootnoteRefs(note_labels([f.number for f in self.report.footnotes]))
        self.depths = heading_depths(self.report.sections())
        # Citations are searched for only where the model found some: the parser is the same one, and
        # most paragraphs cite nothing.
        self.citing = {ref.from_id for ref in self.report.references}
        self.lookups: set[Lookup] = set()
        self.revised: dict[str, tuple[str, str]] = {}
        """A citation's href -> the revision that supersedes the cited report (symbol, URL)."""

    def resolve(self, c: Citation) -> Target:
        self.lookups.add((c.symbol, c.paragraph, c.item))
        target = resolve_citation(self.index, self.version, c.symbol, c.paragraph, c.item)
        revision = (
            self.families.revision_of(target.slug, self.report.language, target.anchor)
            if (self.families and target.slug and target.slug != self.version.slug)
            else None
        )
        if revision is not None and revision[0] != self.report.symbol:  # a revision citing what it replaces
            self.revised[target.href] = revision
        return target

    def segments(self, element_id: str, text: str, *, notes: bool = True) -> list[Segment]:
        segments = split_text(
            text, self.resolve, self.refs if notes else None, cites=element_id in self.citing
        )
        return with_revisions(segments, self.revised) if self.revised else segments

    def block(self, block: Heading | Paragraph) -> BlockView:
        if isinstance(block, Heading):
            return BlockView(
                "heading",
                block.id,
                self.segments(block.id, block.text),
                block.page,
                level=block.level,
                label=block.label,
                depth=self.depths.get(block.id, 1),
            )
        name = self.report.symbol or self.report.title
        cite = citation_text(name, block)
        correction = (
            self.families.correction(self.version, block.id) if self.families and not self.as_issued else None
        )
        # the segments are made once: each footnote reference made takes the next id of its note
        segments = (
            self.corrected_segments(block.id, correction.before, correction.after)
            if correction
            else self.segments(block.id, block.text)
        )
        return BlockView(
            "paragraph",
            block.id,
            self.marked(block.id, segments),
            block.page,
            number=block.number,
            cite=cite,
            pdf_href=f"{self.pdf_href}#page={block.page}" if self.pdf_href and block.page else None,
            items=[self.item(it, cite) for it in block.items],
            backlinks=self.backlinks.at(self.version.slug, block.id),
            connections=self.connected(block.id),
            **self.family_notes(block.id, correction),
        )

    def family_notes(self, block_id: str, correction: Correction | None) -> dict[str, Any]:
        """What the document's family says about one paragraph: corrected by, not applied, revised in."""
        families = self.families
        if families is None:
            return {}
        language = self.report.language
        corrected_by = (
            [(c, families.corrigendum_href(c, language)) for c in correction.corrigenda] if correction else []
        )
        unread = [] if self.as_issued else families.unread(self.version, block_id)
        return {
            "corrected_by": corrected_by,
            "unread": unread,
            "revision_href": families.revision_href(self.version, block_id),
            "as_issued_href": f"{self.version.url}{AS_ISSUED}/#{block_id}" if correction else None,
        }

    def corrected_segments(self, block_id: str, before: str, after: str) -> list[Segment]:
        """The corrected text with what the corrigendum removed and inserted marked, word by word; the
        removed words' note markers stay text (their notes are referenced where the words stand now)."""
        out: list[Segment] = []
        for op, words in word_diff(before, after):
            if op == "same":
                out += self.segments(block_id, words)
                continue
            tag = "del" if op == "removed" else "ins"
            space = words[: len(words) - len(words.lstrip())]
            out += [Segment("text", space)] if space else []
            out.append(Segment("open", tag))
            out += self.segments(block_id, words.lstrip(), notes=op == "inserted")
            out.append(Segment("close", tag))
        return out

    def item(self, item: Item, para_cite: str) -> ItemView:
        segments = self.marked(item.id, self.segments(item.id, item.text))
        return ItemView(
            item.id,
            item.label,
            f"{para_cite} {item.label}",
            segments,
            self.backlinks.at(self.version.slug, item.id),
            self.connected(item.id),
        )

    def connected(self, anchor: str) -> list[ConnectionView]:
        return self.connections.at(self.version.slug, anchor, self.report.language)

    def marked(self, anchor: str, segments: list[Segment]) -> list[Segment]:
        quotes = self.connections.quotes(self.version.slug, anchor)
        return mark_quotes(segments, quotes) if quotes else segments

    def footnotes(self) -> list[FootnoteView]:
        """The notes in order, plus a placeholder for any note referred to but missing from the source,
        so every reference still lands somewhere that says what happened."""
        report, refs = self.report, self.refs
        families = self.families
        views = [
            FootnoteView(
                f.id,
                refs.label(f.number),
                self.segments(f.id, f.text, notes=False),
                refs.first_id(f.number),
                added_by=families.note_added_by(self.version, f.number) if families else None,
            )
            for f in report.footnotes
        ]
        have = {f.id for f in report.footnotes}
        for number in sorted(set(_referenced_numbers(report)), key=natural_key):
            if f"fn-{number}" not in have:
                views.append(
                    FootnoteView(
                        f"fn-{number}",
                        number,
                        [Segment("text", MISSING_NOTE)],
                        refs.first_id(number),
                        missing=True,
                    )
                )
        return views


def with_revisions(segments: list[Segment], revised: dict[str, tuple[str, str]]) -> list[Segment]:
    """Each citation of a superseded report followed by its revision: the citation keeps linking to the
    text it names (a citer of "A/79/213, para. 26" meant that text), the revision is shown beside it."""
    out: list[Segment] = []
    for s in segments:
        out.append(s)
        if s.kind == "xref" and s.href in revised:
            symbol, href = revised[s.href]
            out.append(Segment("revision", symbol, href=href))
    return out


def _referenced_numbers(report: Report) -> list[str]:
    numbers: list[str] = []
    for text in report.texts():
        if text.kind != "footnote":
            numbers += footnote_numbers(text.text)
    return numbers


def heading_depths(sections: Sequence[Section]) -> dict[str, int]:
    """Heading id -> its depth in the contents (the same nesting `build_toc` makes)."""
    return {section.heading.id: section.depth for section in sections}


def build_toc(sections: Sequence[Section]) -> list[TocEntry]:
    """The contents list: each heading under the one it stands under (`Report.sections`)."""
    root: list[TocEntry] = []
    entries: dict[str, TocEntry] = {}
    for section in sections:
        h = section.heading
        entry = entries[h.id] = TocEntry(h.id, h.label, h.text)
        (entries[section.parents[-1].id].children if section.parents else root).append(entry)
    return root


def language_links(index: SiteIndex, version: Version) -> list[LanguageLink]:
    versions = index.versions[version.slug]
    if len(versions) < 2:
        return []
    return [
        LanguageLink(v.language, language_name(v.language), v.url, v.folder == version.folder)
        for v in versions
    ]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


def iso_date(text: str | None) -> str | None:
    """The date if it is a valid YYYY-MM-DD (fit for `<time datetime>`), else None."""
    try:
        return dt.date.fromisoformat(text).isoformat() if text else None
    except ValueError:
        return None


def format_date(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.day} {month_name(d.month)} {d.year}"


def index_rows(index: SiteIndex, families: FamilyViews | None = None) -> list[IndexRow]:
    rows = []
    for v in index.all_versions():
        r = v.report
        rows.append(
            IndexRow(
                symbol=r.symbol or "",
                title=r.title,
                href=v.url,
                date=iso_date(r.date),
                date_text=format_date(r.date),
                year=(r.date or "")[:4] if re.match(r"\d{4}\b", r.date or "") else "",
                language=r.language,
                language_name=language_name(r.language),
                dir="rtl" if is_rtl(r.language) else "ltr",
                body=issuing_body(r.symbol),
                family=families.index_place(v) if families else None,
            )
        )
    return rows


def index_groups(rows: Sequence[IndexRow]) -> list[IndexGroup]:
    """The rows with each family's members gathered where its first member stands, in reading order
    (a stable sort: a member's language versions keep the index's order)."""
    groups: list[IndexGroup] = []
    by_family: dict[str, IndexGroup] = {}
    for row in rows:
        place = row.family
        if place is None:
            groups.append(IndexGroup([row]))
            continue
        group = by_family.get(place.family)
        if group is None:
            group = by_family[place.family] = IndexGroup([], place.family, place.base_outside)
            groups.append(group)
        group.rows.append(row)
    for group in by_family.values():
        group.rows.sort(key=lambda r: r.family.order if r.family else ())
    return groups


def index_filters(rows: Sequence[IndexRow]) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers, as (value, label)."""
    return {
        "body": [(b, b) for b in sorted({r.body for r in rows if r.body}, key=natural_key)],
        "year": [(y, y) for y in sorted({r.year for r in rows if r.year}, reverse=True)],
        "lang": sorted({(r.language, r.language_name) for r in rows}),
    }


def source_file_name(name: str) -> str:
    """The copied PDF's file name: the input's name, reduced to characters safe in a URL."""
    cleaned = re.sub(r"[^\w.()+-]", "_", Path(name.replace("\\", "/")).name).lstrip(".")
    return cleaned or "source.pdf"
