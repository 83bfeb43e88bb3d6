"""What the build adds for search: the index files and the /search/ results page."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sitegen.families import is_family_touched
from sitegen.render.assets import build_assets
from sitegen.render.html import SiteRenderer, default_templates_dir, make_environment
from sitegen.render.search.cache import SearchCache
from sitegen.render.search.site import search_files
from sitegen.resolve import Backlinks, SiteIndex
from sitegen.write import Output


def search_site_outputs(
    index: SiteIndex,
    user_templates: Path | None = None,
    site_title: str | None = None,
    *,
    cache_dir: Path | None = None,
    digests: Mapping[str, str] | None = None,
) -> list[Output]:
    """The index files and the /search/ page. With `cache_dir` and the model digest of each input file
    (`digests`), a rebuild makes again only what changed reports touched (search/cache.py); files it
    kept are linked from the cache by the writer, not read."""
    versions = index.all_versions()
    # A report version is its language and slug (not its object: the models may be copies).
    url_of = {(v.language, v.slug): v.url for v in versions}
    cache = None
    if cache_dir is not None and digests is not None:
        # A report its family changed (corrected, superseded) is more than its file: never cached.
        digest_of = {
            (v.language, v.slug): None if is_family_touched(v.report) else digests.get(v.file)
            for v in versions
        }
        cache = SearchCache(cache_dir, lambda r: digest_of.get((r.language, r.slug)))
    files = search_files(
        [v.report for v in versions], url_for=lambda r: url_of[(r.language, r.slug)], cache=cache
    )
    outputs = [
        Output(path, f.data) if f.data is not None else Output.kept(path, f.stored or "") for path, f in files
    ]
    folders = ([user_templates / "assets"] if user_templates else []) + [default_templates_dir() / "assets"]
    asset_urls, _ = build_assets(folders)
    renderer = SiteRenderer(make_environment(user_templates), index, Backlinks(), asset_urls)
    if site_title:
        renderer.site_title = site_title
    page = renderer.render_page("search.html", lang=index.default_language, dir="ltr", page_title="Search")
    outputs.append(Output("search/index.html", page))
    return outputs
