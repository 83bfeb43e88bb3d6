"""Renderers: the models (with the site index) in, `Output`s out. Nothing here touches OUT."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sitegen.families import SiteFamilies
from sitegen.render.assets import build_assets
from sitegen.render.connections import SiteConnections
from sitegen.render.families import FamilyViews, as_issued_version
from sitegen.render.html import (
    RenderedPage,
    SiteRenderer,
    default_templates_dir,
    make_environment,
    source_file_name,
)
from sitegen.resolve import Backlinks, SiteIndex, Version
from sitegen.write import Output

PageStage = Callable[[Version, Callable[[], RenderedPage]], Output]
"""How a report page is obtained: given the version and a way to render it, its `Output`. The build
passes a memo of the last build's pages (sitegen.incremental.PageMemo.page); by default, render it."""


def render_fresh(version: Version, render: Callable[[], RenderedPage]) -> Output:
    return render().output


def render_site(
    index: SiteIndex,
    backlinks: Backlinks,
    *,
    sources: Mapping[str, Path],
    user_templates: Path | None = None,
    site_title: str | None = None,
    page: PageStage = render_fresh,
    connections: SiteConnections | None = None,
    families: SiteFamilies | None = None,
) -> list[Output]:
    """Every page and file of the site. `sources` maps an input's file name to its path (PDFs are copied
    beside their report's page so each paragraph can open the source at its page). Each report page
    comes through `page`, which may take it from the last build instead of rendering it."""
    folders = ([user_templates / "assets"] if user_templates else []) + [default_templates_dir() / "assets"]
    asset_urls, outputs = build_assets(folders)
    renderer = SiteRenderer(
        make_environment(user_templates),
        index,
        backlinks,
        asset_urls,
        connections=connections,
        families=FamilyViews(index, families) if families else None,
    )
    if site_title:
        renderer.site_title = site_title
    for version in index.all_versions():
        source = sources.get(version.file)
        pdf_name = source_file_name(version.file) if source and source.suffix.lower() == ".pdf" else None
        outputs.append(page(version, lambda: renderer.render_report_traced(version, pdf_name)))  # noqa: B023
        if source and pdf_name:
            outputs.append(Output.copied(f"{version.folder}/{pdf_name}", source))
        issued = as_issued_version(version, families) if families else None
        if issued is not None:  # a corrected report's text as issued keeps a URL of its own
            outputs.append(
                renderer.render_report_traced(issued, pdf_name and f"../{pdf_name}", as_issued=True).output
            )
    outputs += [renderer.render_index(), renderer.render_not_found()]
    if connections is not None and connections.connections:
        outputs.append(connections.graph())  # /connections.json: the graph, for other tools
    return outputs
