"""Document families across the site: a base with its addenda, revisions and corrigenda.

Members are known from their symbols (`sitegen.symbols.family_member`); a corrigendum's
instructions (`sitegen.corrigenda`) are applied to its base when both are in the site. This is the
resolver's view of versions: readers know nothing of other documents, writers only show what is
decided here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from sitegen.corrigenda import Applied, apply_edits, read_instructions
from sitegen.errors import Diagnostics
from sitegen.model import Heading, Report
from sitegen.resolve import SiteIndex
from sitegen.symbols import family_member, kind_from_front_page, split_joint_symbol
from sitegen.views import report_view

KIND_ORDER = {"base": 0, "revision": 1, "corrigendum": 2, "addendum": 3}
"""A family reads as a tree: a document, its own revisions and corrigenda, then its addenda, each
followed by theirs (E/2025/15, E/2025/15/Corr.1, E/2025/15/Add.1, E/2025/15/Add.1/Rev.1)."""


@dataclass(frozen=True, slots=True)
class FamilyMember:
    symbol: str
    slug: str
    kind: str
    """"base", "addendum", "revision" or "corrigendum"."""
    number: int
    of: str
    """The symbol this member extends, revises or corrects."""
    date: str | None
    title: str


@dataclass(frozen=True, slots=True)
class Family:
    base: str
    """The base symbol ("E/2025/15"), whether or not the base itself is in the site."""
    members: tuple[FamilyMember, ...]
    """In reading order: the base, then its addenda, revisions and corrigenda, each by number."""

    def member(self, symbol: str) -> FamilyMember | None:
        return next((m for m in self.members if m.symbol == symbol), None)

    def superseded_by(self, symbol: str) -> FamilyMember | None:
        """The latest revision of `symbol` in the site (a revision replaces the whole text)."""
        revisions = [m for m in self.members if m.kind == "revision" and m.of == symbol]
        return max(revisions, key=lambda m: m.number, default=None)

    def corrigenda_of(self, symbol: str) -> tuple[FamilyMember, ...]:
        return tuple(m for m in self.members if m.kind == "corrigendum" and m.of == symbol)


def member_of(report: Report) -> FamilyMember | None:
    """What the report is in its family, from its symbol (and, for a symbol without a suffix,
    from a "Corrigendum" / "Addendum" / "Revision" heading on its first page)."""
    if not report.symbol:
        return None
    symbol = split_joint_symbol(report.symbol)[0]
    m = family_member(symbol)
    kind = m.kind
    if kind == "base":
        kind = _front_page_kind(report) or "base"
    return FamilyMember(symbol, report.slug, kind, m.number, m.of, report.date, report.title)


@report_view("front-page-kind")
def _front_page_kind(report: Report) -> str | None:
    first = [b for b in report.blocks if b.page <= 1][:6]
    return next((k for b in first if isinstance(b, Heading) and (k := kind_from_front_page(b.text))), None)


def build_families(reports: Iterable[Report]) -> dict[str, Family]:
    """Base symbol -> its family, for every family with more than one member in the site."""
    groups: dict[str, dict[str, FamilyMember]] = {}
    for report in reports:
        member = member_of(report)
        if member is not None:
            base = family_member(member.symbol).base
            groups.setdefault(base, {}).setdefault(member.symbol, member)
    return {
        base: Family(base, tuple(sorted(found.values(), key=reading_order)))
        for base, found in sorted(groups.items())
        if len(found) > 1 or any(m.kind != "base" for m in found.values())
    }


def reading_order(m: FamilyMember) -> tuple[tuple[int, int], ...]:
    """The member's path of (kind, number) steps from the base: () for the base itself, so sorting by
    it reads a family as a tree and its length is the member's depth in it."""
    steps: list[tuple[int, int]] = []
    symbol = m.symbol
    while (step := family_member(symbol)).kind != "base":
        steps.insert(0, (KIND_ORDER[step.kind], step.number))
        symbol = step.of
    return tuple(steps)


def correct(base: Report, corrigenda: Iterable[Report]) -> tuple[Report, list[tuple[str, Applied]]]:
    """The base with every corrigendum's edits applied in order (Corr.1 before Corr.2)."""
    results: list[tuple[str, Applied]] = []
    current = base
    for corr in sorted(corrigenda, key=lambda r: family_member(r.symbol or "").number):
        applied = apply_edits(current, read_instructions(instruction_texts(corr)), corr.symbol or corr.slug)
        results.append((corr.symbol or corr.slug, applied))
        current = applied.report
    return current, results


def instruction_texts(corrigendum: Report) -> list[str]:
    """The corrigendum's text after its "Corrigendum" heading (the title block above it is not an
    instruction), each block and item a unit the instruction reader splits further."""
    blocks = list(corrigendum.blocks)
    start = next((i + 1 for i, b in enumerate(blocks) if kind_from_front_page(b.text) == "corrigendum"), 0)
    texts: list[str] = []
    for b in blocks[start:]:
        texts.append(b.text)
        texts.extend(f"{it.label} {it.text}" for it in getattr(b, "items", ()))
    return texts


# ---- the site's view of its families ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Correction:
    """What the corrigenda changed in one block of one language version, for the page to mark."""

    block_id: str
    before: str
    after: str
    corrigenda: tuple[str, ...]


@dataclass(slots=True)
class SiteFamilies:
    """Every family of the site, the corrected reports' texts as issued, and what changed where."""

    families: dict[str, Family] = field(default_factory=dict)
    as_issued: dict[tuple[str, str], Report] = field(default_factory=dict)
    """(slug, language) -> the report as issued, for a report corrigenda were applied to."""
    corrections: dict[tuple[str, str], dict[str, Correction]] = field(default_factory=dict)
    """(slug, language) -> block id -> its correction."""
    unread: dict[tuple[str, str], dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    """(slug, language) -> block id (or "" for the report as a whole) -> [(corrigendum, its words)]
    for every instruction that could not be applied: never dropped, shown beside the text."""

    def family_of(self, symbol: str | None) -> Family | None:
        if not symbol:
            return None
        return self.families.get(family_member(split_joint_symbol(symbol)[0]).base)


def apply_site_corrigenda(index: SiteIndex, diag: Diagnostics) -> SiteFamilies:
    """Group the site's reports in families and apply each corrigendum to its base's version in the
    corrigendum's language; the index's versions then hold the corrected texts (ids unchanged)."""
    reports = [v.report for v in index.all_versions()]
    site = SiteFamilies(build_families(reports))
    for family in site.families.values():
        for member in family.members:
            corrigenda = family.corrigenda_of(member.symbol)
            if corrigenda and member.slug in index.versions and member.kind != "corrigendum":
                _correct_versions(index, member.slug, [c.slug for c in corrigenda], site, diag)
                corrected = {lang for slug, lang in site.as_issued if slug == member.slug}
                _note(index, member.slug, CORRECTED_BY, " ".join(c.symbol for c in corrigenda), corrected)
            newer = family.superseded_by(member.symbol)
            if newer is not None and member.slug in index.versions:
                _note(index, member.slug, SUPERSEDED_BY, newer.symbol)
            if member.slug in index.versions:
                _note(index, member.slug, FAMILY, family_text(family))
    return site


FAMILY = "family"
SUPERSEDED_BY = "superseded-by"
CORRECTED_BY = "corrected-by"
"""Facts the site adds to a report's `meta` in the index (never to the model a reader made), so what
renders from the index alone knows them (search records say "superseded"), and so a cache keyed on
the input file also sees what its family changed: a page shows its family box (FAMILY), a notice
(SUPERSEDED_BY) and, when corrected, a text that depends on the corrigenda's (CORRECTED_BY)."""


def family_text(family: Family) -> str:
    """The family as its members' pages show it: each member's symbol, kind, date and title."""
    return "\n".join(f"{m.symbol}\t{m.kind}\t{m.date or ''}\t{m.title}" for m in family.members)


def _note(index: SiteIndex, slug: str, key: str, value: str, languages: set[str] | None = None) -> None:
    """Add (key, value) to the meta of the report's versions (those in `languages`, else all)."""
    index.versions[slug] = tuple(
        replace(v, report=v.report.with_changes(meta=tuple(sorted((*v.report.meta, (key, value))))))
        if languages is None or v.language in languages
        else v
        for v in index.versions[slug]
    )


def family_fact(report: Report, key: str) -> str:
    """A fact `apply_site_corrigenda` noted on the report ("" when it has none)."""
    return next((value for k, value in report.meta if k == key), "")


def revision_key(index: SiteIndex, symbol: str, digests: Mapping[str, str]) -> list[str]:
    """What a page citing `symbol` shows of the revision that supersedes it (its symbol, and the model
    digests of its versions, whose ids say where the link lands), for a cache of pages to compare."""
    slug = index.slug_for(symbol)
    cited = index.versions.get(slug) if slug else None
    newer = family_fact(cited[0].report, SUPERSEDED_BY) if cited else ""
    revision = index.slug_for(newer) if newer else None
    return (
        [newer, *(digests.get(v.file, "") for v in index.versions.get(revision, ()))] if revision else [newer]
    )


def is_family_touched(report: Report) -> bool:
    """Whether its family changed what the report's records and text say (a correction, a revision
    that supersedes it): these depend on other files than its own, so they are never taken from a cache."""
    return any(k in (SUPERSEDED_BY, CORRECTED_BY) for k, _ in report.meta)


def _correct_versions(
    index: SiteIndex, slug: str, corr_slugs: list[str], site: SiteFamilies, diag: Diagnostics
) -> None:
    versions = list(index.versions[slug])
    for i, version in enumerate(versions):
        corrs = [
            v.report for s in corr_slugs for v in index.versions.get(s, ()) if v.language == version.language
        ]
        if not corrs:
            continue
        corrected, results = correct(version.report, corrs)
        key = (slug, version.language)
        site.as_issued[key] = version.report
        site.corrections[key] = _corrections(version.report, corrected, results)
        for corr_symbol, applied in results:
            for edit, why in applied.not_applied:
                corr_file = next(
                    v.file
                    for s in corr_slugs
                    for v in index.versions.get(s, ())
                    if (v.report.symbol or v.slug) == corr_symbol
                )
                diag.warn("corrigendum-not-applied", corr_file, f"{edit.target.describe()}: {why}")
                anchor = _anchor_of(version.report, edit.target.kind, edit.target.number)
                site.unread.setdefault(key, {}).setdefault(anchor, []).append((corr_symbol, edit.source))
        versions[i] = replace(version, report=corrected)
    index.versions[slug] = tuple(versions)


def _corrections(before: Report, after: Report, results: list[tuple[str, Applied]]) -> dict[str, Correction]:
    by_block: dict[str, list[str]] = {}
    for corr_symbol, applied in results:
        for change in applied.changes:
            names = by_block.setdefault(change.block_id, [])
            if corr_symbol not in names:
                names.append(corr_symbol)
    old = {b.id: b.text for b in before.blocks}
    new = {b.id: b.text for b in after.blocks}
    return {bid: Correction(bid, old[bid], new[bid], tuple(names)) for bid, names in by_block.items()}


def _anchor_of(report: Report, kind: str, number: str) -> str:
    if kind == "paragraph":
        return next((p.id for p in report.paragraphs if p.number == number), "")
    return ""
