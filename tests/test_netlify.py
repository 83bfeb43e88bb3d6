"""netlify.toml and the `_redirects` file the build writes: every redirect lands on a page the build made."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from sitegen.build import BuildOptions, build_site
from sitegen.config import SiteConfig
from sitegen.deploy import CONTENT_SECURITY_POLICY, UN_LANGUAGES

REPO = Path(__file__).resolve().parents[1]
NETLIFY = tomllib.loads((REPO / "netlify.toml").read_text(encoding="utf-8"))

FRENCH = """---
symbol: A/90/101
title: Rapport en français
language: fr
---

1. Un paragraphe.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content (English Markdown and PDF reports) plus a French version of one report."""
    root = tmp_path_factory.mktemp("netlify")
    content = root / "content"
    content.mkdir()
    for source in (REPO / "content").iterdir():
        if source.suffix in (".md", ".pdf") and source.name.startswith("A_"):
            shutil.copy(source, content / source.name)
    if not (content / "A_90_101.fr.md").exists():
        (content / "A_90_101.fr.md").write_text(FRENCH, encoding="utf-8")
    result = build_site(SiteConfig(content=content, output=root / "_site"), BuildOptions(jobs=1))
    assert result.written and result.ok, result.failed
    return root / "_site"


def pages_of(site: Path) -> set[str]:
    """Every URL that is a page: "/", "/A/90/101/", "/fr/A/90/101/", ..."""
    return {
        "/" if p.parent == site else f"/{p.parent.relative_to(site).as_posix()}/"
        for p in site.rglob("index.html")
    }


def redirects_of(site: Path) -> list[tuple[str, str, str]]:
    rules = []
    for line in (site / "_redirects").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, target, status = line.split()
            rules.append((source, target, status))
    return rules


def follow(path: str, site: Path, pages: set[str], hops: int = 3) -> str:
    """Where a host following our rules sends `path`, redirect after redirect: a page if it is one
    (rules never override pages), else the first matching rule of `_redirects`, then of netlify.toml
    (Netlify's order)."""
    for _ in range(hops):
        if path.rstrip("/") + "/" in pages:
            return path.rstrip("/") + "/"
        path = next_hop(path, site)
    return path


def next_hop(path: str, site: Path) -> str:
    for source, target, _ in redirects_of(site):
        if source.rstrip("/") == path.rstrip("/"):
            return target
    for rule in NETLIFY["redirects"]:
        prefix = rule["from"].removesuffix("*")
        if rule["from"].endswith("/*") and path.startswith(prefix):
            return rule["to"].replace(":splat", path[len(prefix) :])
    return path


# ---------------------------------------------------------------- netlify.toml


def test_build_command_and_publish_folder_agree() -> None:
    build = NETLIFY["build"]
    assert "sitegen build" in build["command"] and "pip install ." in build["command"]
    assert f"-o {build['publish']}" in build["command"]
    assert build["publish"] == "_site"


def test_python_version_is_pinned_and_supported() -> None:
    version = NETLIFY["build"]["environment"]["PYTHON_VERSION"]
    required = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (REPO / "pyproject.toml").read_text())
    assert required and tuple(map(int, version.split("."))) >= tuple(map(int, required.groups()))


def headers_for(pattern: str) -> dict[str, str]:
    return next(h["values"] for h in NETLIFY["headers"] if h["for"] == pattern)


def test_security_headers_are_strict() -> None:
    headers = headers_for("/*")
    csp = headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY  # the same policy `sitegen serve` sends
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin", "same-origin")


def netlify_pattern(rule: str) -> re.Pattern[str]:
    """A `[[headers]] for` path as Netlify reads it: ":name" is one path segment, a trailing "*" the rest."""
    parts = []
    for segment in rule.split("/"):
        if segment == "*":
            parts.append(".*")
        elif segment.startswith(":"):
            parts.append("[^/]+")
        else:
            parts.append(re.escape(segment))
    return re.compile("/".join(parts))


def cache_control_for(url: str) -> str:
    """The Cache-Control netlify.toml sends for `url` (the last matching rule that sets one wins)."""
    value = ""
    for rule in NETLIFY["headers"]:
        if netlify_pattern(rule["for"]).fullmatch(url) and "Cache-Control" in rule["values"]:
            value = rule["values"]["Cache-Control"]
    return value


def is_content_hashed(path: Path, site: Path) -> bool:
    """A file whose URL changes when its bytes do: a hash in its name (assets) or its folder (search)."""
    rel = path.relative_to(site).parts
    if rel[0] == "assets":
        return re.search(r"\.[0-9a-f]{10}(\.|$)", path.name) is not None
    return rel[0] == "search" and len(rel) >= 4 and re.fullmatch(r"[0-9a-f]{12}", rel[2]) is not None


def test_long_cache_exactly_for_content_hashed_files(site: Path) -> None:
    """Every file the build wrote, matched against netlify.toml's own header rules: a file is cached
    for a year exactly when its URL carries its content hash (else an edit would not reach readers)."""
    files = [p for p in site.rglob("*") if p.is_file()]
    hashed = [p for p in files if is_content_hashed(p, site)]
    assert any(p.parts[len(site.parts)] == "assets" for p in hashed)
    assert any(p.parts[len(site.parts)] == "search" for p in hashed)
    for p in files:
        url = "/" + p.relative_to(site).as_posix()
        immutable = "immutable" in cache_control_for(url)
        assert immutable == is_content_hashed(p, site), url


def test_the_pattern_reader_reads_netlify_rules_as_netlify_does() -> None:
    assert netlify_pattern("/search/:lang/:hash/*").fullmatch("/search/en/0123456789ab/p1.bin")
    assert not netlify_pattern("/search/:lang/:hash/*").fullmatch("/search/entry.json")
    assert netlify_pattern("/assets/*").fullmatch("/assets/site.0123456789.css")
    assert not netlify_pattern("/assets/*").fullmatch("/A/79/213/index.html")


# ---------------------------------------------------------------- _redirects


def test_every_redirect_points_at_a_page_the_build_made(site: Path) -> None:
    pages = pages_of(site)
    rules = redirects_of(site)
    assert len(rules) >= 6
    for source, target, status in rules:
        assert next_hop(source, site) == target
        assert target in pages, f"{source} -> {target}: no such page"
        assert source.rstrip("/") + "/" not in pages, f"{source} is a page; a rule would hide it"
        assert status == "301"


def test_lowercase_symbols_and_undocs_paths_reach_the_report(site: Path) -> None:
    pages = pages_of(site)
    assert {"/A/90/101/", "/fr/A/90/101/", "/A/90/101/Add.1/", "/A/HRC/70/12/"} <= pages
    expected = {
        "/a/90/101": "/A/90/101/",
        "/a/90/101/add.1": "/A/90/101/Add.1/",
        "/a/hrc/70/12/": "/A/HRC/70/12/",
        "/fr/a/90/101": "/fr/A/90/101/",
        "/en/A/90/101": "/A/90/101/",
        "/en/A/HRC/70/12": "/A/HRC/70/12/",
        "/fr/A/90/101": "/fr/A/90/101/",  # the French version is a page: served as it is
        "/fr/A/90/101/Add.1": "/A/90/101/Add.1/",  # no French version: the report
        "/ru/A/HRC/70/12": "/A/HRC/70/12/",  # netlify.toml's generic rule
        "/ru/a/hrc/70/12": "/A/HRC/70/12/",  # ... then the lower-case rule
    }
    for path, target in expected.items():
        assert follow(path, site, pages) == target, path


def test_every_undocs_style_path_of_every_report_lands_on_a_page(site: Path) -> None:
    pages = pages_of(site)
    reports = [p for p in pages if p != "/" and not p.startswith(("/search/", "/fr/"))]
    assert len(reports) >= 3
    for url in reports:
        slug = url.strip("/")
        for lang in UN_LANGUAGES:
            for path in (f"/{lang}/{slug}", f"/{lang}/{slug}".lower()):
                landed = follow(path, site, pages).rstrip("/") + "/"
                assert landed in pages, f"{path} -> {landed}"


def test_a_sitemap_of_every_page_when_the_base_url_is_configured(site: Path, tmp_path: Path) -> None:
    assert not (site / "sitemap.xml").exists()  # no base URL, no absolute URLs to list
    content = site.parent / "content"
    out = tmp_path / "with-sitemap"
    config = SiteConfig(content=content, output=out, base_url="https://reports.example.org/")
    result = build_site(config, BuildOptions(jobs=1))
    assert result.written
    locs = re.findall(r"<loc>([^<]+)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8"))
    base = "https://reports.example.org"
    pages = {p for p in pages_of(out) if not p.startswith("/search/")}
    assert sorted(locs) == sorted(base + p for p in pages)
    assert f"Sitemap: {base}/sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")
