"""Shared fixtures: build a small site from files written in the test (MkDocs' `@tempdir(files=...)`)."""

from __future__ import annotations

import hashlib
import html.parser
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, BuildResult
from sitegen.build import build_site as run_site_build
from sitegen.config import SiteConfig

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass
class Site:
    """A built site and how to look at it."""

    root: Path
    content: Path
    result: BuildResult

    def page(self, url: str) -> str:
        """The HTML of the page at a site URL ("/A/79/213/")."""
        return (
            (self.root / url.strip("/") / "index.html").read_text(encoding="utf-8")
            if url.strip("/")
            else (self.root / "index.html").read_text(encoding="utf-8")
        )

    def main(self, url: str) -> str:
        """Only what is inside <main>: the rest is theme noise (mdBook's check_main_file)."""
        return main_of(self.page(url))

    def tree_hash(self) -> str:
        return tree_hash(self.root)


def main_of(page: str) -> str:
    m = re.search(r"<main\b.*?</main>", page, re.DOTALL)
    assert m, "page has no <main>"
    return m.group(0)


def tree_hash(root: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(str(f.relative_to(root)).encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def write_files(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")


@pytest.fixture
def build_site() -> Callable[..., Site]:
    """`build_site(tmp_path, files={"content/a.md": "...", "templates/report.html": "..."})` writes the
    files under tmp_path and builds tmp_path/content into tmp_path/site (in-process, jobs=1)."""

    def build(
        tmp_path: Path,
        files: dict[str, str | bytes] | None = None,
        *,
        out: str = "site",
        jobs: int = 1,
        **options: object,
    ) -> Site:
        write_files(tmp_path, files or {})
        content = tmp_path / "content"
        content.mkdir(exist_ok=True)
        config = SiteConfig(content=content, output=tmp_path / out)
        result = run_site_build(config, BuildOptions(jobs=jobs, **options))  # type: ignore[arg-type]
        return Site(tmp_path / out, content, result)

    return build


class ElementTree(html.parser.HTMLParser):
    """Ids on a page, and for each link the ids of the elements it sits inside (as check-site does)."""

    VOID = frozenset(
        {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    )

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, list[str]]] = []
        self.handlers: list[str] = []
        self.text: list[str] = []
        self._stack: list[str | None] = []
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.handlers += [f"{tag}.{k}" for k in a if k.lower().startswith("on")]
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.links.append((a["href"] or "", [i for i in self._stack if i]))
        if tag not in self.VOID:
            self._stack.append(a.get("id"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def hrefs_inside(self, element_id: str) -> list[str]:
        return [href for href, ancestors in self.links if element_id in ancestors]
