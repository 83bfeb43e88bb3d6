"""What a static host needs beside the pages: the security policy and the `_redirects` file.

`netlify.toml` (at the repository root) holds what is the same for every site: the build command,
the headers, long caching for hashed assets, and generic redirects. The redirects that depend on
the reports in the site are written by the build as `_redirects` in OUT (Netlify reads that file
from the publish folder, before the rules in netlify.toml):

- `/a/79/213` -> `/A/79/213/`: symbols typed in lower case (Netlify's paths are case-sensitive);
- `/en/A/79/213` -> `/A/79/213/`: undocs.org-style paths, with the language first, for a language in
  which the site has no separate page of that report (else `/fr/A/79/213/` is already our page); for
  English and the site's languages here, for the other UN languages by netlify.toml's generic rules.

Every rule points at a page the build made (tests/test_netlify.py checks that). A slug with a character
that means something in `_redirects` (space, `:`, `*`, `#`, `?`, `!`) gets no rule rather than a wrong one.
"""

from __future__ import annotations

import re
from urllib.parse import quote
from xml.sax.saxutils import escape

from sitegen.anchors import safe_slug
from sitegen.resolve import SiteIndex, language_segment
from sitegen.write import Output

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
"""The strict policy the site is built for: no inline script or style, nothing from other origins.
netlify.toml sends the same string (tests/test_netlify.py keeps them equal); `sitegen serve` sends it
too, so a page that breaks it breaks in development first."""

UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
"""The official languages undocs.org puts before a symbol."""

_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~()/,+-]+$")


def redirect_rules(index: SiteIndex) -> list[tuple[str, str]]:
    """(from, to) pairs, sorted, one per path that is not already a page of the site."""
    pages = {v.url for v in index.all_versions()}
    # Languages of the site plus English; netlify.toml's generic rules cover the other UN languages.
    site_languages = {language_segment(v.language) for v in index.all_versions()} | {"en"}
    rules: dict[str, str] = {}

    def add(source: str, target: str) -> None:
        if source + "/" not in pages and source not in rules and _SAFE_PATH.match(source):
            rules[source] = target

    for slug, versions in index.versions.items():
        default = versions[0]
        for version in versions:
            lower = "/" + version.folder.lower()
            if lower + "/" != version.url:
                add(lower, version.url)
        for lang in sorted(site_languages):
            target = next((v.url for v in versions if language_segment(v.language) == lang), default.url)
            add(f"/{lang}/{slug}", target)
            add(f"/{lang}/{slug}".lower(), target)
    # Each part of a joint symbol ("S/2025/109" of "A/79/797-S/2025/109") answers for the report, as a
    # citation of it does: the path a reader (or an older build, which kept one part) uses still lands.
    for name, slug in sorted(index.symbols.items()):
        part = safe_slug(name)
        if part != slug:
            add(f"/{part}", index.versions[slug][0].url)
    return sorted(rules.items())


def redirects_file(index: SiteIndex) -> Output:
    """The `_redirects` file of the site (Netlify's format: from, to, status)."""
    lines = ["# Written by sitegen build: lower-case symbols and undocs.org-style paths to their pages."]
    lines += [f"{source}  {target}  301" for source, target in redirect_rules(index)]
    return Output("_redirects", ("\n".join(lines) + "\n").encode("utf-8"))


def sitemap_files(index: SiteIndex, base_url: str) -> list[Output]:
    """`sitemap.xml` (every page's full URL) and a `robots.txt` naming it, when the site's address is
    configured (`base_url`); a sitemap needs absolute URLs, so without one there is none."""
    if not base_url:
        return []
    base = base_url.rstrip("/")
    urls = ["/"] + [v.url for v in index.all_versions()]
    entries = "".join(
        f"<url><loc>{escape(base + quote(url, safe='/()._-~,+'))}</loc></url>\n" for url in urls
    )
    sitemap = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n"
    )
    robots = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n"
    return [Output("sitemap.xml", sitemap.encode("utf-8")), Output("robots.txt", robots.encode("utf-8"))]
