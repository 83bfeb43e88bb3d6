"""The built site: pages, anchors, links, language versions, escaping, failures, determinism, overrides.

Reports are small Markdown files written here, so each test builds in a fraction of a second.
Where HTML is compared, only what is inside <main> is.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen.cli import main as cli_main
from sitegen.write import Output, OutputError, checked_path, collect_outputs, write_site
from tests.conftest import CORPUS, ElementTree, tree_hash

CITING = """---
title: Human rights of migrants
symbol: A/79/213
date: 2024-07-19
language: en
---

# I. Introduction

1. The Special Rapporteur recalls A/78/180, para. 68 (j) and A/77/1.[^1]

2. Second paragraph citing S/2025/109, para. 3.[^2]
   (a) An item that cites A/78/180, para. 2;
   (b) Another item.[^1]

[^1]: See A/78/180, para. 68.
[^2]: See also A/78/180, para. 99.
"""

CITED = """---
title: Earlier report
symbol: A/78/180
date: 2023-07-20
---

# I. Scope

2. Paragraph two.

3. Paragraph three.
   (i) Item i.
   (j) Item j.

# II. Conclusions

68. Paragraph sixty-eight.
    (j) Item j of 68.
"""

CITED_FR = """---
title: Rapport antérieur
symbol: A/78/180
language: fr
---

# I. Portée

2. Paragraphe deux.

68. Paragraphe soixante-huit.
    (j) Alinéa j.
"""

JOINT = """---
title: Joint report
symbol: A/79/797-S/2025/109
---

3. Paragraph three of a joint report.
"""

ARABIC = """---
title: تقرير
symbol: A/79/555
language: ar
---

1. نص الفقرة.
"""


def site_files(**extra: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "content/A_79_213.md": CITING,
        "content/A_78_180.md": CITED,
        "content/A_78_180.fr.md": CITED_FR,
        "content/joint.md": JOINT,
    }
    files.update(extra)
    return files


@pytest.fixture
def site(build_site, tmp_path):  # type: ignore[no-untyped-def]
    return build_site(tmp_path, site_files())


def test_every_report_has_a_pretty_url_page_listed_on_the_index(site) -> None:  # type: ignore[no-untyped-def]
    assert site.result.ok and site.result.written
    for url in ("/A/79/213/", "/A/78/180/", "/fr/A/78/180/", "/A/79/797-S/2025/109/"):
        assert (site.root / url.strip("/") / "index.html").is_file(), url
        assert f'href="{url}"' in site.main("/"), url
    assert (site.root / "404.html").is_file()
    all_hrefs = [h for p in site.root.rglob("*.html") for h, _ in ElementTree(p.read_text()).links]
    assert not [h for h in all_hrefs if h.split("#")[0].endswith(".html")], "links must be pretty"


def test_index_rows_carry_body_year_and_language_for_filters(site) -> None:  # type: ignore[no-untyped-def]
    index = site.main("/")
    assert re.search(
        r'<tr data-body="A" data-year="2024" data-lang="en"[^>]*>\s*<td class="col-symbol">'
        r'<a href="/A/79/213/">A/79/213</a>',
        index,
    )
    assert 'data-lang="fr"' in index
    assert '<option value="fr">Français</option>' in index


def test_assets_have_content_hashes_and_pages_reference_them(site) -> None:  # type: ignore[no-untyped-def]
    names = sorted(p.name for p in (site.root / "assets").iterdir())
    assert any(re.fullmatch(r"site\.[0-9a-f]{10}\.css", n) for n in names), names
    page = site.page("/A/79/213/")
    css = next(n for n in names if re.fullmatch(r"site\.[0-9a-f]{10}\.css", n))
    assert f'href="/assets/{css}"' in page


def test_paragraph_item_heading_and_footnote_anchors(site) -> None:  # type: ignore[no-untyped-def]
    doc = ElementTree(site.page("/A/78/180/"))
    assert {"para-2", "para-3", "para-3-i", "para-3-j", "para-68", "para-68-j", "sec-i", "sec-ii"} <= doc.ids
    main = site.main("/A/78/180/")
    assert '<a class="para-num" href="#para-68" aria-label="Paragraph 68">68.</a>' in main
    assert 'data-cite="A/78/180, para. 68 (j)"' in main
    cited = ElementTree(site.page("/A/79/213/"))
    assert {"fn-1", "fn-2", "fnref-1", "fnref-1-2", "fnref-2"} <= cited.ids


def test_every_footnote_reference_is_a_link_inside_its_paragraph(site) -> None:  # type: ignore[no-untyped-def]
    doc = ElementTree(site.page("/A/79/213/"))
    assert "#fn-1" in doc.hrefs_inside("para-1")
    assert "#fn-2" in doc.hrefs_inside("para-2")
    assert "#fn-1" in doc.hrefs_inside("para-2-b")
    assert "#fnref-1" in doc.hrefs_inside("fn-1"), "each note links back to its first reference"


def test_citations_link_to_paragraph_item_report_or_undocs(site) -> None:  # type: ignore[no-untyped-def]
    main = site.main("/A/79/213/")
    assert '<a class="xref" href="/A/78/180/#para-68-j">A/78/180, para. 68 (j)</a>' in main
    assert '<a class="xref xref-external" href="https://undocs.org/A/77/1">A/77/1</a>' in main
    # A joint symbol answers to each of its parts.
    assert '<a class="xref" href="/A/79/797-S/2025/109/#para-3">S/2025/109, para. 3</a>' in main
    # A paragraph the cited report lacks: link to the report, and warn naming the file.
    assert '<a class="xref" href="/A/78/180/">A/78/180, para. 99</a>' in main
    warnings = [w for w in site.result.warnings if w.code == "xref-unresolved"]
    assert [w.path for w in warnings] == ["A_79_213.md"] and "paragraph 99" in warnings[0].message


def test_a_french_report_links_to_french_versions_of_cited_reports(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    citing_fr = CITING.replace("language: en", "language: fr")
    site = build_site(tmp_path, site_files(**{"content/A_79_213.fr.md": citing_fr}))
    assert 'href="/fr/A/78/180/#para-68-j"' in site.main("/fr/A/79/213/")


def test_backlinks_show_who_cites_each_paragraph_and_report(site) -> None:  # type: ignore[no-untyped-def]
    main = site.main("/A/78/180/")
    para_68 = main[main.index('id="para-68"') :]
    assert '<p class="backlinks">Cited in <a href="/A/79/213/#para-1">A/79/213, para. 1</a></p>' in para_68
    para_2 = main[main.index('id="para-2"') : main.index('id="para-3"')]
    assert '<a href="/A/79/213/#para-2-a">A/79/213, para. 2 (a)</a>' in para_2
    cited_by = main[main.index('class="cited-by"') :]
    assert '<a href="/A/79/213/">A/79/213</a>' in cited_by
    # The French version shows the same backlinks: ids line up across languages.
    assert 'href="/A/79/213/#para-1"' in site.main("/fr/A/78/180/")


def test_language_versions_and_switcher(site) -> None:  # type: ignore[no-untyped-def]
    fr = site.main("/fr/A/78/180/")
    assert '<article class="report" lang="fr" dir="ltr"' in fr
    assert '<a hreflang="en" lang="en" href="/A/78/180/">English</a>' in fr
    assert '<a hreflang="fr" lang="fr" href="/fr/A/78/180/" aria-current="true">Français</a>' in fr
    assert {"para-2", "para-68", "para-68-j"} <= ElementTree(fr).ids
    assert 'rel="alternate" hreflang="fr"' in site.page("/A/78/180/")


def test_a_report_only_in_another_language_is_at_the_plain_url_and_rtl(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, {"content/ar.md": ARABIC})
    page = site.page("/A/79/555/")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<article class="report" lang="ar" dir="rtl"' in page


def test_hostile_text_is_shown_as_text(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    hostile = CITED.replace("title: Earlier report", "title: \"<script>alert('t')</script> & co\"")
    site = build_site(tmp_path, {"content/h.md": hostile})
    page = site.page("/A/78/180/")
    doc = ElementTree(page)
    assert "<script>alert" not in page and not doc.handlers
    assert "<script>alert('t')</script> & co" in "".join(doc.text)


def test_hostile_symbol_cannot_write_outside_the_site(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    evil = CITED.replace("symbol: A/78/180", "symbol: ../../../escaped/..\\\\x")
    site = build_site(tmp_path, {"content/evil.md": evil})
    assert site.result.ok
    assert not (tmp_path / "escaped").exists() and not (tmp_path.parent / "escaped").exists()
    assert (site.root / "escaped" / "x" / "index.html").is_file()


def test_a_failing_input_exits_1_and_the_others_are_built(tmp_path, caplog) -> None:  # type: ignore[no-untyped-def]
    content = tmp_path / "content"
    content.mkdir()
    (content / "A_78_180.md").write_text(CITED)
    (content / "broken.pdf").write_bytes(b"this is not a PDF")
    (content / "A_79_213.md").write_text(CITING)
    with caplog.at_level(logging.ERROR, logger="sitegen"):
        code = cli_main(["build", str(content), "-o", str(tmp_path / "site")])
    assert code == 1
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and errors[0].startswith(str(content / "broken.pdf") + ": ")
    assert "\n" not in errors[0]
    assert (tmp_path / "site" / "A" / "79" / "213" / "index.html").is_file()
    assert (tmp_path / "site" / "A" / "78" / "180" / "index.html").is_file()


def test_a_build_that_fails_leaves_the_previous_site_untouched(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, site_files())
    before = site.tree_hash()
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "report.html").write_text("{% extends 'base.html' %}{% block main %}{% if %}")
    code = cli_main(["build", str(tmp_path / "content"), "-o", str(site.root), "-q"])
    assert code == 1
    assert tree_hash(site.root) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")], "temp folders cleaned up"


def test_strict_leaves_the_site_alone_when_there_are_warnings(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, {"content/b.md": CITED})
    before = site.tree_hash()
    (tmp_path / "content" / "a.md").write_text(CITING)  # cites A/78/180 para. 99: a warning
    assert cli_main(["build", str(tmp_path / "content"), "-o", str(site.root), "--strict", "-q"]) == 1
    assert tree_hash(site.root) == before


def test_rebuilds_are_byte_identical_whatever_the_worker_count(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    one = build_site(tmp_path, site_files(), out="one", jobs=1)
    two = build_site(tmp_path, out="two", jobs=2)
    again = build_site(tmp_path, out="one", jobs=1)
    assert one.tree_hash() == two.tree_hash() == again.tree_hash()


def test_builds_are_byte_identical_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Two cold builds of the sample content, each in a process of its own with another string-hash
    seed and another worker count: any order that leaks from a set or dict of strings shows here
    (one process would reuse one seed and hide it)."""
    content = Path(__file__).resolve().parents[1] / "content"
    trees = []
    for seed, jobs in (("0", "1"), ("4242", "2")):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "sitegen",
                "build",
                str(content),
                "-o",
                str(out),
                "--no-cache",
                "--jobs",
                jobs,
                "-q",
            ],
            check=True,
            env=env,
            cwd=tmp_path,
        )
        trees.append(tree_hash(out))
    assert trees[0] == trees[1]


def test_an_incremental_rebuild_in_another_process_and_hash_seed_is_the_clean_build(tmp_path: Path) -> None:
    """The models a rebuild leaves unread answer from summaries another process wrote (sets and dicts
    of strings among them): a cached build under one seed, an edit rebuilt under another, and a clean
    build under a third must agree byte for byte."""
    content = tmp_path / "content"
    shutil.copytree(Path(__file__).resolve().parents[1] / "content", content)
    cache, out, clean = tmp_path / "cache", tmp_path / "site", tmp_path / "clean"

    def sitegen_build(seed: str, *args: str) -> None:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "sitegen", "build", str(content), "--jobs", "1", "-q", *args],
            check=True,
            env=env,
            cwd=tmp_path,
        )

    sitegen_build("0", "-o", str(out), "--cache", str(cache))
    edited = content / "A_90_101.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("1. ", "1. Edited. ", 1), encoding="utf-8")
    sitegen_build("4242", "-o", str(out), "--cache", str(cache))
    sitegen_build("99", "-o", str(clean), "--no-cache")
    assert tree_hash(out) == tree_hash(clean)


def test_a_user_template_replaces_one_block_of_the_default(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    override = (
        '{% extends "!default/report.html" %}\n'
        '{% block report_head %}<p class="custom-head">Custom {{ page.report.symbol }}</p>{% endblock %}\n'
    )
    site = build_site(tmp_path, site_files(**{"templates/report.html": override}))
    main = site.main("/A/78/180/")
    assert '<p class="custom-head">Custom A/78/180</p>' in main
    assert '<h1 class="report-title">' not in main, "the replaced block is gone"
    assert 'id="para-68-j"' in main, "the rest of the default page is still there"


def test_a_user_template_of_the_same_name_wins(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    site = build_site(tmp_path, site_files(**{"templates/404.html": "<main>Nothing here, friend</main>\n"}))
    assert (site.root / "404.html").read_text() == "<main>Nothing here, friend</main>\n"


@pytest.mark.corpus
def test_a_source_pdf_copy_is_linked_from_the_last_build_until_the_source_changes(
    build_site, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    pdf = CORPUS / "A_AC.109_2009_17.en.pdf"
    if not pdf.is_file():
        pytest.skip("../shared/corpus is absent")
    (tmp_path / "content").mkdir()
    source = tmp_path / "content" / pdf.name
    shutil.copy(pdf, source)
    copy = tmp_path / "site" / "A" / "AC.109" / "2009" / "17" / pdf.name
    build_site(tmp_path)
    first = copy.stat()
    build_site(tmp_path)
    assert copy.stat().st_ino == first.st_ino  # linked, neither file read
    os.utime(source, ns=(first.st_atime_ns, first.st_mtime_ns + 1_000_000_000))  # saved again
    build_site(tmp_path)
    assert copy.stat().st_ino != first.st_ino and copy.read_bytes() == pdf.read_bytes()
    assert copy.stat().st_mtime_ns == source.stat().st_mtime_ns


def test_a_corpus_pdf_builds_with_its_pdf_beside_the_page(build_site, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = CORPUS / "A_AC.109_2009_17.en.pdf"
    if not pdf.is_file():
        pytest.skip("../shared/corpus is absent")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / pdf.name).symlink_to(pdf)
    site = build_site(tmp_path)
    assert site.result.ok, site.result.failed
    folder = site.root / "A" / "AC.109" / "2009" / "17"  # its symbol, per the corpus' SOURCES.tsv
    assert (folder / pdf.name).read_bytes() == pdf.read_bytes()
    main = site.main("/A/AC.109/2009/17/")
    assert re.search(rf'<a class="para-pdf" href="/A/AC.109/2009/17/{re.escape(pdf.name)}#page=\d+"', main)
    assert 'href="/A/AC.109/2009/17/"' in site.main("/")


# ---------------------------------------------------------------- write.py: paths and the atomic swap


@pytest.mark.parametrize(
    "path", ["../x/index.html", "a/../../x", "/etc/passwd", "a\\..\\b", "a//b", "./a", "C:/x", "", "a/\x00"]
)
def test_output_paths_that_could_escape_are_refused(path: str) -> None:
    with pytest.raises(OutputError):
        checked_path(path)


def test_two_outputs_for_one_path_or_a_file_that_is_also_a_folder_are_refused() -> None:
    with pytest.raises(OutputError, match="two outputs"):
        collect_outputs([Output("a/index.html", b"1"), Output("a/index.html", b"2")])
    with pytest.raises(OutputError, match="file and a folder"):
        collect_outputs([Output("a", b"1"), Output("a/index.html", b"2")])


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "thesis.docx").write_bytes(b"precious")
    with pytest.raises(OutputError, match="not a built site"):
        write_site([Output("index.html", b"x")], tmp_path / "home")
    assert (tmp_path / "home" / "thesis.docx").read_bytes() == b"precious"


def test_a_swap_interrupted_between_renames_is_recovered(tmp_path: Path) -> None:
    write_site([Output("index.html", b"old")], tmp_path / "site")
    (tmp_path / "site").rename(tmp_path / ".site.old-99999")  # as if killed right after renaming OUT aside
    (tmp_path / ".site.new-99999").mkdir()  # and its half-written new site
    write_site([Output("index.html", b"new")], tmp_path / "site")
    assert (tmp_path / "site" / "index.html").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_files_the_new_site_shares_with_the_old_are_linked_not_written(tmp_path: Path) -> None:
    """A rebuild writes only what changed: an output with the bytes the previous site has at its path
    (or one carried over as `Output.kept`) becomes a hard link to that file, so it keeps its inode and
    modification time; the old site is still deleted whole."""
    site = tmp_path / "site"
    write_site(
        [Output("index.html", b"same"), Output("a/index.html", b"old"), Output("b/page.html", b"kept")], site
    )
    before = {name: (site / name).stat() for name in ("index.html", "a/index.html", "b/page.html")}
    write_site(
        [
            Output("index.html", b"same"),
            Output("a/index.html", b"new"),
            Output.kept("b/page.html", site / "b/page.html"),
        ],
        site,
    )
    after = {name: (site / name).stat() for name in before}
    assert after["index.html"].st_ino == before["index.html"].st_ino
    assert after["b/page.html"].st_ino == before["b/page.html"].st_ino
    assert after["b/page.html"].st_mtime_ns == before["b/page.html"].st_mtime_ns
    assert after["a/index.html"].st_ino != before["a/index.html"].st_ino
    assert (site / "a/index.html").read_bytes() == b"new" and (site / "b/page.html").read_bytes() == b"kept"
    assert all(s.st_nlink == 1 for s in after.values()), "no name left in a deleted old site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_spare_site_is_reused_without_writing_into_a_file_the_live_site_shares(tmp_path: Path) -> None:
    """With a spare, the replaced site is kept there and the next write starts from it: stale files and
    folders go, shared files are unlinked before anything is written at their path."""
    site, spare = tmp_path / "site", tmp_path / "cache" / "spare"
    first = [Output("index.html", b"one"), Output("a/page.html", b"a1"), Output("gone/x.html", b"x")]
    write_site(first, site, spare=spare)
    assert not spare.exists()  # nothing was replaced yet
    write_site([Output.kept(o.path, site / o.path) for o in first], site, spare=spare)
    assert (spare / "a" / "page.html").stat().st_ino == (site / "a" / "page.html").stat().st_ino
    live = tmp_path / "live-page.html"
    os.link(site / "a" / "page.html", live)  # the live site's file, shared with the spare
    write_site(
        [Output("index.html", b"two"), Output("a/page.html", b"a2"), Output("b/new.html", b"n")],
        site,
        spare=spare,
    )
    assert live.read_bytes() == b"a1", "a file shared with the live site was written into"
    assert {p.relative_to(site).as_posix() for p in site.rglob("*")} == {
        "index.html",
        "a",
        "a/page.html",
        "b",
        "b/new.html",
    }
    assert (site / "a" / "page.html").read_bytes() == b"a2" and (site / "index.html").read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "live-page.html", "site"]


def test_a_spare_that_is_a_symlink_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_bytes(b"mine")
    spare = tmp_path / "spare"
    spare.symlink_to(elsewhere)
    write_site([Output("index.html", b"x")], tmp_path / "site", spare=spare)
    write_site([Output("index.html", b"y")], tmp_path / "site", spare=spare)
    assert (elsewhere / "keep.txt").read_bytes() == b"mine"
    assert (tmp_path / "site" / "index.html").read_bytes() == b"y"


def test_a_symlink_in_out_is_never_linked_into_the_new_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_site([Output("index.html", b"home"), Output("notes.txt", b"secret")], site)
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"secret")
    (site / "notes.txt").unlink()
    (site / "notes.txt").symlink_to(outside)
    write_site([Output("index.html", b"home"), Output("notes.txt", b"secret")], site)
    assert not (site / "notes.txt").is_symlink()
    assert (site / "notes.txt").stat().st_ino != outside.stat().st_ino
    assert (site / "notes.txt").read_bytes() == b"secret"


def test_a_kept_output_reads_its_bytes_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_bytes(b"<p>old</p>")
    kept = Output.kept("page.html", tmp_path / "page.html")
    assert "kept from" in repr(kept)
    assert kept == Output("page.html", b"<p>old</p>") and kept.data == b"<p>old</p>"
