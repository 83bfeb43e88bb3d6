"""Renderers: the models (with the site index) in, `Output`s out. Nothing here touches OUT."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sitegen.render.assets import build_assets
from sitegen.render.html import SiteRenderer, default_templates_dir, make_environment, source_file_name
from sitegen.resolve import Backlinks, SiteIndex
from sitegen.write import Output

if TYPE_CHECKING:
    from sitegen.incremental import PageReuse


def render_site(
    index: SiteIndex, backlinks: Backlinks, *, sources: Mapping[str, Path], user_templates: Path | None = None,
    site_title: str | None = None, reuse: PageReuse | None = None,
) -> list[Output]:
    """Every page and file of the site. `sources` maps an input's file name to its path (PDFs are copied
    beside their report's page so each paragraph can open the source at its page). With `reuse`, a
    report page whose inputs did not change since the last build is taken from it (sitegen.incremental)."""
    folders = ([user_templates / "assets"] if user_templates else []) + [default_templates_dir() / "assets"]
    asset_urls, outputs = build_assets(folders)
    renderer = SiteRenderer(make_environment(user_templates), index, backlinks, asset_urls)
    if site_title:
        renderer.site_title = site_title
    for version in index.all_versions():
        source = sources.get(version.file)
        pdf_name = source_file_name(version.file) if source and source.suffix.lower() == ".pdf" else None
        if reuse is None:
            outputs.append(renderer.render_report(version, pdf_name))
        else:
            outputs.append(reuse.page(version, lambda: renderer.render_report(version, pdf_name)))  # noqa: B023
        if source and pdf_name:
            outputs.append(Output(f"{version.folder}/{pdf_name}", source.read_bytes()))
    outputs += [renderer.render_index(), renderer.render_not_found()]
    return outputs
