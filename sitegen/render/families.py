"""What a page shows of its document family (sitegen.families): the family box, the notice that a
revision supersedes it, the corrections a corrigendum made (marked in the text, with the text as
issued at `<slug>/as-issued/`), instructions that could not be applied, and the link from each
paragraph of a superseded document to the same paragraph of its revision."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.corrigenda import added_note
from sitegen.families import Correction, FamilyMember, SiteFamilies, reading_order
from sitegen.resolve import SiteIndex, Version, undocs_url
from sitegen.symbols import split_joint_symbol

AS_ISSUED = "as-issued"
"""The folder under a corrected report's page that holds its text as issued."""
KIND_NAMES = {"base": "", "addendum": "Addendum", "revision": "Revision", "corrigendum": "Corrigendum"}


@dataclass(frozen=True, slots=True)
class MemberLink:
    symbol: str
    href: str
    kind: str
    date: str
    """ISO date, as the page's <time datetime> gives it."""
    current: bool
    depth: int = 0
    """Steps from the base (0 the base, 1 its addendum, 2 the addendum's revision): the box's nesting."""


@dataclass(frozen=True, slots=True)
class FamilyBox:
    members: list[MemberLink]
    superseded_by: MemberLink | None
    base: str
    base_outside: str | None
    """undocs.org link of the base when a member's base is not in the site."""
    as_issued_href: str | None
    """For a corrected report: its text as issued; for the as-issued page: the corrected one."""
    is_as_issued: bool


@dataclass(frozen=True, slots=True)
class IndexPlace:
    """Where a report stands in the index's list: in its family's group, after the members before it."""

    family: str
    """The family's base symbol: the group's name, whether or not the base is in the site."""
    order: tuple[tuple[int, int], ...]
    """The member's (kind, number) path from the base (sitegen.families.reading_order)."""
    kind: str
    """"Corrigendum 1", "Revision 1", ...; "" for the base."""
    superseded_by: MemberLink | None
    base_outside: str | None
    """undocs.org link of the base when it is not in the site (the group then starts with it)."""

    @property
    def depth(self) -> int:
        return len(self.order)


@dataclass(slots=True)
class FamilyViews:
    index: SiteIndex
    site: SiteFamilies

    def box(self, version: Version, *, as_issued: bool = False) -> FamilyBox | None:
        family = self.site.family_of(version.report.symbol)
        if family is None:
            return None
        me = version.report.symbol or ""
        members = [self._link(m, version.language, me) for m in family.members]
        member = family.member(me.split("-")[0]) if me else None
        newer = family.superseded_by(member.symbol) if member else None
        base_in_site = any(m.kind == "base" for m in family.members)
        corrected = (version.slug, version.language) in self.site.as_issued
        href = None
        if corrected:
            href = version.url.removesuffix(f"{AS_ISSUED}/") if as_issued else f"{version.url}{AS_ISSUED}/"
        return FamilyBox(
            members,
            self._link(newer, version.language, me) if newer else None,
            family.base,
            None if base_in_site else undocs_url(family.base),
            href,
            as_issued,
        )

    def index_place(self, version: Version) -> IndexPlace | None:
        """The report's place in its family's group on the index (None: it is in no family)."""
        family = self.site.family_of(version.report.symbol)
        member = family.member(split_joint_symbol(version.report.symbol or "")[0]) if family else None
        if family is None or member is None:
            return None
        newer = family.superseded_by(member.symbol)
        base_in_site = any(m.kind == "base" for m in family.members)
        return IndexPlace(
            family.base,
            reading_order(member),
            _kind_name(member),
            self._link(newer, version.language, "") if newer else None,
            None if base_in_site else undocs_url(family.base),
        )

    def note_added_by(self, version: Version, key: str) -> tuple[str, str] | None:
        """For a note a corrigendum added: (the corrigendum's symbol, its URL)."""
        added = added_note(key)
        family = self.site.family_of(version.report.symbol)
        if added is None or family is None:
            return None
        me = split_joint_symbol(version.report.symbol or "")[0]
        corr = next((m for m in family.corrigenda_of(me) if m.number == added[1]), None)
        return (corr.symbol, self.corrigendum_href(corr.symbol, version.language)) if corr else None

    def correction(self, version: Version, block_id: str) -> Correction | None:
        return self.site.corrections.get((version.slug, version.language), {}).get(block_id)

    def unread(self, version: Version, block_id: str) -> list[tuple[str, str]]:
        return self.site.unread.get((version.slug, version.language), {}).get(block_id, [])

    def corrigendum_href(self, symbol: str, language: str) -> str:
        slug = self.index.slug_for(symbol)
        return self.index.version_for(slug, language).url if slug else undocs_url(symbol)

    def revision_href(self, version: Version, block_id: str) -> str | None:
        """The same paragraph in the revision that supersedes this document, where it has one."""
        family = self.site.family_of(version.report.symbol)
        newer = family.superseded_by(version.report.symbol or "") if family else None
        if newer is None or newer.slug not in self.index.versions:
            return None
        revision = self.index.version_for(newer.slug, version.language)
        return f"{revision.url}#{block_id}" if block_id in self.index.ids_of(revision) else None

    def revision_of(self, slug: str, language: str, anchor: str | None) -> tuple[str, str] | None:
        """For a cited report a revision supersedes: (the revision's symbol, its URL, at the same
        paragraph when the revision has it), shown beside the citation, which keeps its own link."""
        versions = self.index.versions.get(slug)
        symbol = versions[0].report.symbol if versions else None
        family = self.site.family_of(symbol)
        newer = family.superseded_by(split_joint_symbol(symbol or "")[0]) if family else None
        if newer is None or newer.slug not in self.index.versions:
            return None
        revision = self.index.version_for(newer.slug, language)
        at = f"#{anchor}" if anchor and anchor in self.index.ids_of(revision) else ""
        return newer.symbol, f"{revision.url}{at}"

    def _link(self, m: FamilyMember, language: str, current: str) -> MemberLink:
        href = (
            self.index.version_for(m.slug, language).url
            if m.slug in self.index.versions
            else undocs_url(m.symbol)
        )
        return MemberLink(
            m.symbol, href, _kind_name(m), m.date or "", m.symbol == current, len(reading_order(m))
        )


def _kind_name(m: FamilyMember) -> str:
    return f"{KIND_NAMES[m.kind]} {m.number}" if m.kind != "base" else ""


def as_issued_version(version: Version, site: SiteFamilies) -> Version | None:
    """The page of a corrected report's text as issued, beside its corrected page."""
    original = site.as_issued.get((version.slug, version.language))
    if original is None:
        return None
    return Version(
        report=original, file=version.file, folder=f"{version.folder}/{AS_ISSUED}", is_default=False
    )
