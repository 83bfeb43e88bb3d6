"""Linking reports to each other, after every report has been read (CONTRACT.md section 4).

`build_index` places every report at its URL (the default language at `/<slug>/`, other language
versions at `/<lang>/<slug>/`) and answers for every symbol it was issued under, including each part
of a joint symbol. `resolve_citation` turns one citation into a link, and `find_backlinks` inverts all
citations so each paragraph knows who cites it. Pure functions on the models: no I/O, no HTML.
"""

from __future__ import annotations

import re
import urllib.parse
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sitegen.anchors import citation_text, item_key, paragraph_key
from sitegen.corrigenda import note_labels
from sitegen.errors import Diagnostics
from sitegen.model import Paragraph, Report
from sitegen.symbols import NOTE_MARK_RE, split_joint_symbol
from sitegen.views import AS_PAIRS, AS_PAIRS_OF_TUPLES, AS_SET, report_view

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})
UNDOCS = "https://undocs.org/"


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of a report and where it lives in the site."""

    report: Report
    file: str
    """The input file's name ("A_79_213.en.pdf")."""
    folder: str
    """Path of its page's folder inside OUT: "A/79/213" or "fr/A/79/213"."""
    is_default: bool

    @property
    def url(self) -> str:
        return f"/{self.folder}/"

    @property
    def language(self) -> str:
        return self.report.language

    @property
    def slug(self) -> str:
        return self.report.slug


@dataclass(frozen=True, slots=True)
class Target:
    """Where a citation links: a page in the site (maybe at an anchor) or undocs.org."""

    href: str
    slug: str | None = None
    """The cited report's slug when it is in the site."""
    anchor: str | None = None
    missing: str | None = None
    """Why the link is coarser than the citation ("paragraph 99 not found"), for the warning."""

    @property
    def internal(self) -> bool:
        return self.slug is not None


@dataclass(frozen=True, slots=True)
class Backlink:
    """A place in another report that cites: "A/80/188, para. 12" -> /A/80/188/#para-12."""

    slug: str
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """A report that cannot be placed (same slug and language as an earlier one)."""

    file: str
    message: str


@dataclass(slots=True)
class SiteIndex:
    versions: dict[str, tuple[Version, ...]] = field(default_factory=dict)
    """Slug -> its language versions, the default one first; slugs in natural order."""
    symbols: dict[str, str] = field(default_factory=dict)
    """Every symbol (and each part of a joint symbol) -> slug."""
    default_language: str = "en"
    _ids: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    """Memo of `block_ids` per version folder: every citation of a report looks its ids up."""

    def ids_of(self, version: Version) -> frozenset[str]:
        if version.folder not in self._ids:
            self._ids[version.folder] = block_ids(version.report)
        return self._ids[version.folder]

    def all_versions(self) -> list[Version]:
        return [v for slug in self.versions for v in self.versions[slug]]

    def slug_for(self, symbol: str) -> str | None:
        if symbol in self.symbols:
            return self.symbols[symbol]
        for part in split_joint_symbol(symbol):
            if part in self.symbols:
                return self.symbols[part]
        return None

    def version_for(self, slug: str, language: str) -> Version:
        """The version in `language` if there is one, else the default version."""
        versions = self.versions[slug]
        return next((v for v in versions if v.language == language), versions[0])


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort "A/79/213" before "A/79/1000" and "para. 9" before "para. 10"."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.findall(r"\d+|\D+", text))


def language_segment(language: str) -> str:
    """A language code as a URL segment; codes come from documents, so keep only safe characters."""
    return re.sub(r"[^A-Za-z0-9-]", "", language).strip("-").lower() or "und"


def is_rtl(language: str) -> bool:
    return language_segment(language).split("-")[0] in RTL_LANGUAGES


def build_index(
    reports: Sequence[tuple[str, Report]], *, default_language: str = "en"
) -> tuple[SiteIndex, list[Rejected]]:
    """Place (file name, report) pairs, given in input order, at their URLs."""
    by_slug: dict[str, list[tuple[str, Report]]] = defaultdict(list)
    for file, report in reports:
        by_slug[report.slug].append((file, report))
    index = SiteIndex(default_language=default_language)
    rejected: list[Rejected] = []
    for slug in sorted(by_slug, key=natural_key):
        index.versions[slug] = _place_versions(slug, by_slug[slug], default_language, rejected)
        _index_symbols(index, slug)
    return index, rejected


def _place_versions(
    slug: str, found: list[tuple[str, Report]], default_language: str, rejected: list[Rejected]
) -> tuple[Version, ...]:
    # Sorting is stable, so two reports in one language keep input order (the first wins the URL).
    ordered = sorted(found, key=lambda fr: (fr[1].language != default_language, fr[1].language))
    versions: list[Version] = []
    taken: set[str] = set()
    for i, (file, report) in enumerate(ordered):
        folder = slug if i == 0 else f"{language_segment(report.language)}/{slug}"
        if folder in taken:
            rejected.append(
                Rejected(
                    file, f"same symbol and language as another input ({slug}, {report.language}); not built"
                )
            )
            continue
        taken.add(folder)
        versions.append(Version(report=report, file=file, folder=folder, is_default=i == 0))
    return tuple(versions)


def _index_symbols(index: SiteIndex, slug: str) -> None:
    for version in index.versions[slug]:
        symbol = version.report.symbol
        names = [slug] + ([symbol] + split_joint_symbol(symbol) if symbol else [])
        for name in names:
            index.symbols.setdefault(name, slug)


def undocs_url(symbol: str) -> str:
    return UNDOCS + urllib.parse.quote(symbol.replace(" ", ""), safe="/().-")


def resolve_citation(
    index: SiteIndex, citing: Version, symbol: str, paragraph: str | None, item: str | None
) -> Target:
    """The link for a citation made in `citing`: the cited report in the citing report's language when
    the site has it, at the item's or paragraph's anchor; else undocs.org."""
    slug = index.slug_for(symbol)
    if slug is None:
        return Target(href=undocs_url(symbol))
    cited = index.version_for(slug, citing.language)
    if paragraph is None:
        return Target(href=cited.url, slug=slug)
    ids = index.ids_of(cited)
    para_id = f"para-{paragraph_key(paragraph)}"
    if para_id not in ids:
        # "151.119" is recommendation 119 of paragraph 151: when the site lacks it, land on 151.
        parent = f"para-{paragraph_key(paragraph.split('.')[0])}"
        missing = f"paragraph {paragraph} not found in {slug}"
        if "." in paragraph and parent in ids:
            return Target(href=f"{cited.url}#{parent}", slug=slug, anchor=parent, missing=missing)
        return Target(href=cited.url, slug=slug, missing=missing)
    if item is not None and f"{para_id}-{item_key(item)}" in ids:
        para_id = f"{para_id}-{item_key(item)}"
    return Target(href=f"{cited.url}#{para_id}", slug=slug, anchor=para_id)


@report_view("ids", AS_SET)
def block_ids(report: Report) -> frozenset[str]:
    return frozenset(text.id for text in report.texts() if text.kind != "footnote")


def check_references(index: SiteIndex) -> Diagnostics:
    """Warn once for every citation of a report in the site whose paragraph that report lacks."""
    diag = Diagnostics()
    for version in index.all_versions():
        pages = reference_pages(version.report)
        for ref in version.report.references:
            target = resolve_citation(index, version, ref.symbol, ref.paragraph, ref.item)
            if target.missing:
                diag.warn(
                    "xref-unresolved",
                    version.report.source.file,
                    f"{ref.text!r}: {target.missing}; linking to {target.href}",
                    pages.get(ref.from_id),
                )
    return diag


@report_view("reference-pages", AS_PAIRS)
def reference_pages(report: Report) -> dict[str, int]:
    """The page of each block, item or footnote a citation of the report comes from."""
    pages = _pages_of_ids(report)
    return {ref.from_id: pages[ref.from_id] for ref in report.references if ref.from_id in pages}


def _pages_of_ids(report: Report) -> dict[str, int]:
    pages = {b.id: b.page for b in report.blocks}
    pages.update((it.id, p.page) for p in report.paragraphs for it in p.items)
    pages.update((f.id, f.page) for f in report.footnotes)
    return pages


@dataclass(slots=True)
class Backlinks:
    by_anchor: dict[tuple[str, str], tuple[Backlink, ...]] = field(default_factory=dict)
    """(cited slug, paragraph or item id) -> the places citing it."""
    by_report: dict[str, tuple[Backlink, ...]] = field(default_factory=dict)
    """Cited slug -> the reports citing it (label is the citing symbol)."""

    def at(self, slug: str, anchor: str) -> tuple[Backlink, ...]:
        return self.by_anchor.get((slug, anchor), ())


def find_backlinks(index: SiteIndex) -> Backlinks:
    """Invert every citation between two different reports of the site.

    A citation in a footnote counts for the paragraph that refers to that footnote, since that is what
    a reader wants to jump to. One place citing is listed once, whichever language versions cite.
    """
    anchors: dict[tuple[str, str], dict[tuple[str, str], Backlink]] = defaultdict(dict)
    reports: dict[str, dict[str, Backlink]] = defaultdict(dict)
    for version in index.all_versions():
        for cited_slug, anchor, link in _citations_from(index, version):
            if anchor is not None:
                anchors[(cited_slug, anchor)].setdefault((link.slug, link.href.split("#")[-1]), link)
            label = version.report.symbol or version.report.title
            reports[cited_slug].setdefault(
                version.slug, Backlink(version.slug, label, _default_url(index, version))
            )
    return Backlinks(
        by_anchor={k: _sorted_links(index, v.values()) for k, v in sorted(anchors.items())},
        by_report={
            k: tuple(sorted(v.values(), key=lambda b: natural_key(b.label)))
            for k, v in sorted(reports.items())
        },
    )


def _citations_from(index: SiteIndex, version: Version) -> Iterable[tuple[str, str | None, Backlink]]:
    places = reference_places(version.report)
    for ref in version.report.references:
        target = resolve_citation(index, version, ref.symbol, ref.paragraph, ref.item)
        if target.slug is None or target.slug == version.slug or ref.from_id not in places:
            continue
        anchor_id, label = places[ref.from_id]
        yield target.slug, target.anchor, Backlink(version.slug, label, f"{version.url}#{anchor_id}")


def _default_url(index: SiteIndex, version: Version) -> str:
    return index.versions[version.slug][0].url


def _sorted_links(index: SiteIndex, links: Iterable[Backlink]) -> tuple[Backlink, ...]:
    order = {slug: i for i, slug in enumerate(index.versions)}
    return tuple(sorted(links, key=lambda b: (order.get(b.slug, 0), natural_key(b.label), b.href)))


@report_view("reference-places", AS_PAIRS_OF_TUPLES)
def reference_places(report: Report) -> dict[str, tuple[str, str]]:
    """`citing_places` of the ids the report's citations come from (all a build asks of it)."""
    places = citing_places(report)
    return {ref.from_id: places[ref.from_id] for ref in report.references if ref.from_id in places}


def citing_places(report: Report) -> dict[str, tuple[str, str]]:
    """Every id a reference can come from -> (the anchor to link to, its label "A/80/188, para. 12")."""
    name = report.symbol or report.title
    places: dict[str, tuple[str, str]] = {}
    for p in report.paragraphs:
        places[p.id] = (p.id, paragraph_label(name, p))
        for it in p.items:
            places[it.id] = (it.id, f"{paragraph_label(name, p)} {it.label}")
    first_citing = _first_paragraph_citing_each_note(report)
    printed = note_labels([fn.number for fn in report.footnotes])  # a corrigendum's note: "5", not "5_corr1"
    for fn in report.footnotes:
        place = first_citing.get(fn.number)
        label = f"{name}, note {printed.get(fn.number, fn.number)}"
        places[fn.id] = (place.id, paragraph_label(name, place)) if place else (fn.id, label)
    return places


def paragraph_label(name: str, p: Paragraph) -> str:
    return citation_text(name, p)


def _first_paragraph_citing_each_note(report: Report) -> dict[str, Paragraph]:
    """Footnote number -> the first paragraph whose text (or an item's) refers to it."""
    first: dict[str, Paragraph] = {}
    for p in report.paragraphs:
        for text in (p.text, *(it.text for it in p.items)):
            for number in NOTE_MARK_RE.findall(text):
                first.setdefault(number, p)
    return first
