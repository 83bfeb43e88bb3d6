"""The reader cache (JSON by content hash, reader and model versions), parallel reading, and incremental
rendering that stays byte-identical to a clean build."""

from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
from pathlib import Path

import pytest

import sitegen.build
import sitegen.executors
from sitegen.build import BuildOptions, build_site
from sitegen.cache import ReaderCache
from sitegen.config import SiteConfig
from sitegen.executors import input_key, read_inputs
from sitegen.memo import FolderMemo, NoMemo
from tests.conftest import tree_hash

CITED = """---
symbol: A/90/1
title: The cited report
date: 2035-07-15
---

# I. Introduction

1. The first paragraph.[^1]

2. The second paragraph has items:

   (a) item a;

   (b) item b.

[^1]: A note.
"""

CITING = """---
symbol: A/90/2
title: The citing report
---

1. As said in A/90/1, para. 2 (b), things happened.

2. See also A/90/1, para. 1.
"""

WARNS = """---
title: A report with a bad date
date: someday
---

1. Text.
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return write(tmp_path / "content", {"A_90_1.md": CITED, "A_90_2.md": CITING, "warns.md": WARNS})


def forbid_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("an input was read although it is cached")

    monkeypatch.setattr(sitegen.executors, "read_payload", fail)


# ---------------------------------------------------------------- keys


def test_key_changes_with_bytes_name_and_versions(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    a = tmp_path / "a.md"
    base = input_key(a, b"text")
    assert input_key(a, b"text") == base
    assert input_key(a, b"text!") != base
    assert input_key(tmp_path / "b.md", b"text") != base
    assert input_key(tmp_path / "other" / "a.md", b"text") == base  # the folder is not part of the model
    assert input_key(tmp_path / "a.pdf", b"text") != base  # another reader
    monkeypatch.setattr(sitegen.executors, "READER_VERSION", "999")
    assert input_key(a, b"text") != base
    monkeypatch.undo()
    monkeypatch.setattr(sitegen.executors, "MODEL_VERSION", 999)
    assert input_key(a, b"text") != base


# ---------------------------------------------------------------- the memo every stage asks


def test_a_folder_memo_keeps_entries_and_no_memo_keeps_nothing(tmp_path: Path) -> None:
    memo = FolderMemo(tmp_path / "cache")
    assert memo.get("pages", "abc") is None
    memo.put("pages", "abc", b"{}")
    assert memo.get("pages", "abc") == b"{}" and FolderMemo(tmp_path / "cache").get("pages", "abc") == b"{}"
    assert memo.get("models", "abc") is None  # tables do not share keys
    nothing = NoMemo()
    nothing.put("pages", "abc", b"{}")
    assert nothing.get("pages", "abc") is None and nothing.folder is None


def test_an_unwritable_memo_warns_once_and_stops_trying(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="sitegen")  # whatever an earlier command line set
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    memo = FolderMemo(blocker)
    memo.put("models", "a", b"1")
    memo.put("models", "b", b"2")
    assert len([r for r in caplog.records if "cache not written" in r.message]) == 1
    assert memo.get("models", "a") is None


def test_a_page_reports_the_citations_it_looked_up(content: Path) -> None:
    from sitegen.render.assets import build_assets
    from sitegen.render.html import SiteRenderer, default_templates_dir, make_environment
    from sitegen.resolve import build_index, find_backlinks

    reads = read_inputs(sorted(content.iterdir()), jobs=1)
    index, _ = build_index([(r.path.name, r.report) for r in reads if r.report is not None])
    urls, _ = build_assets([default_templates_dir() / "assets"])
    renderer = SiteRenderer(make_environment(None), index, find_backlinks(index), urls)
    citing = renderer.render_report_traced(index.versions["A/90/2"][0], None)
    assert citing.lookups == [("A/90/1", "1", None), ("A/90/1", "2", "b")]
    assert renderer.render_report_traced(index.versions["A/90/1"][0], None).lookups == []
    assert citing.output == renderer.render_report(index.versions["A/90/2"][0], None)


# ---------------------------------------------------------------- hits, misses, bad entries


def test_second_read_comes_from_the_cache_with_the_same_models_and_warnings(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sorted(content.iterdir())
    cache = ReaderCache(tmp_path / "cache")
    first = read_inputs(paths, jobs=1, cache=cache)
    assert cache.misses == 3 and cache.hits == 0
    assert any(w.code == "front-matter-date" for r in first for w in r.warnings)
    forbid_reading(monkeypatch)
    cache = ReaderCache(tmp_path / "cache")
    second = read_inputs(paths, jobs=1, cache=cache)
    assert cache.hits == 3
    assert [r.report for r in second] == [r.report for r in first]
    assert [r.warnings for r in second] == [r.warnings for r in first]
    assert [r.digest for r in second] == [r.digest for r in first]
    assert all(r.cached for r in second)


def test_entries_are_json_never_pickle_and_the_folder_ignores_itself(content: Path, tmp_path: Path) -> None:
    read_inputs(sorted(content.iterdir()), jobs=1, cache=ReaderCache(tmp_path / "cache"))
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    assert len(entries) == 3
    for entry in entries:
        data = json.loads(entry.read_bytes())
        assert {"report", "warnings", "key", "digest"} <= data.keys()
        with pytest.raises(pickle.UnpicklingError):
            pickle.loads(entry.read_bytes())
    assert (tmp_path / "cache" / ".gitignore").read_text().splitlines()[-1] == "*"


def test_a_moved_content_folder_reuses_entries_and_names_the_new_path(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_inputs(sorted(content.iterdir()), jobs=1, cache=ReaderCache(tmp_path / "cache"))
    moved = shutil.copytree(content, tmp_path / "moved")
    forbid_reading(monkeypatch)
    reads = read_inputs(sorted(moved.iterdir()), jobs=1, cache=ReaderCache(tmp_path / "cache"))
    [warning] = [w for r in reads for w in r.warnings]
    assert warning.path == str(moved / "warns.md")


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b"\x00\xff not json",  # garbage
        lambda b: json.dumps({"format": 1}).encode(),  # wrong shape
        lambda b: b.replace(b'"blocks":[', b'"blocks":[{"type":"heading"},', 1),  # a block without fields
    ],
)
def test_a_bad_entry_is_ignored_reread_and_repaired(content: Path, tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    paths = [content / "A_90_1.md"]
    cache = ReaderCache(tmp_path / "cache")
    [good] = read_inputs(paths, jobs=1, cache=cache)
    [entry] = (tmp_path / "cache").rglob("*.json")
    entry.write_bytes(damage(entry.read_bytes()))
    cache = ReaderCache(tmp_path / "cache")
    [again] = read_inputs(paths, jobs=1, cache=cache)
    assert cache.misses == 1 and not again.cached
    assert again.report == good.report
    [repaired] = read_inputs(paths, jobs=1, cache=ReaderCache(tmp_path / "cache"))
    assert repaired.cached and repaired.report == good.report


def test_an_entry_for_another_key_is_not_trusted(content: Path, tmp_path: Path) -> None:
    """A file copied over another entry (or a hash prefix collision) must not give the wrong model."""
    paths = sorted(content.iterdir())[:2]
    read_inputs(paths, jobs=1, cache=ReaderCache(tmp_path / "cache"))
    one, two = (FolderMemo(tmp_path / "cache").path("models", input_key(p, p.read_bytes())) for p in paths)
    shutil.copy(one, two)
    cache = ReaderCache(tmp_path / "cache")
    reads = read_inputs(paths, jobs=1, cache=cache)
    assert cache.hits == 1 and cache.misses == 1
    assert reads[1].report is not None and reads[1].report.symbol == "A/90/2"


def test_an_unwritable_cache_only_costs_speed(content: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    reads = read_inputs(sorted(content.iterdir()), jobs=1, cache=ReaderCache(blocker))
    assert all(r.report is not None for r in reads)


def test_failures_are_not_cached(tmp_path: Path) -> None:
    content = write(tmp_path / "content", {"bad.md": "---\ntitle: [unclosed\n---\n\n1. Bad front matter.\n"})
    cache = ReaderCache(tmp_path / "cache")
    [r] = read_inputs([content / "bad.md"], jobs=1, cache=cache)
    assert r.error and "bad.md" in r.error
    assert not list((tmp_path / "cache").rglob("*.json"))


# ---------------------------------------------------------------- parallel reading


def test_parallel_reading_gives_the_same_results_in_path_order(content: Path, tmp_path: Path) -> None:
    paths = sorted(content.iterdir(), reverse=True)
    one = read_inputs(paths, jobs=1)
    two = read_inputs(paths, jobs=2)
    assert [r.path for r in two] == sorted(paths)
    assert [(r.path, r.report, r.warnings, r.digest) for r in two] == [
        (r.path, r.report, r.warnings, r.digest) for r in one
    ]


def test_an_unknown_executor_is_a_usage_error(content: Path) -> None:
    from sitegen.errors import UsageError

    with pytest.raises(UsageError, match="--executor"):
        read_inputs(sorted(content.iterdir()), executor="carrier-pigeon")


# ---------------------------------------------------------------- incremental rendering


def build(content: Path, out: Path, cache: Path | None, **kw):  # type: ignore[no-untyped-def]
    result = build_site(SiteConfig(content=content, output=out), BuildOptions(jobs=1, cache=cache, **kw))
    assert result.written and result.ok, result.failed
    return result


def same_as_clean_build(content: Path, out: Path, tmp_path: Path) -> bool:
    clean = tmp_path / f"clean-{os.urandom(4).hex()}"
    build(content, clean, None)
    return tree_hash(out) == tree_hash(clean)


def test_no_change_rebuild_reuses_every_page_and_reads_nothing(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = build(content, out, cache)
    assert first.pages_rendered == 3 and first.pages_reused == 0 and first.cached == 0
    forbid_reading(monkeypatch)
    again = build(content, out, cache)
    assert again.pages_rendered == 0 and again.pages_reused == 3 and again.cached == 3
    monkeypatch.undo()
    assert same_as_clean_build(content, out, tmp_path)


def test_editing_an_unrelated_report_renders_only_its_page(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    (content / "warns.md").write_text(WARNS.replace("1. Text.", "1. Edited text, searchable as zygomorphic."))
    result = build(content, out, cache)
    assert (result.pages_rendered, result.pages_reused, result.cached) == (1, 2, 2)
    assert "zygomorphic" in (out / "warns" / "index.html").read_text()
    assert same_as_clean_build(content, out, tmp_path)  # the search index included


def test_a_change_in_a_cited_report_rerenders_the_citing_one(content: Path, tmp_path: Path) -> None:
    """Dropping item (b) changes where A/90/2's citation of 'para. 2 (b)' links, though A/90/2 did not
    change; and the cited page's backlinks change with it."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    assert 'href="/A/90/1/#para-2-b"' in (out / "A/90/2/index.html").read_text()
    (content / "A_90_1.md").write_text(
        CITED.replace("   (a) item a;\n\n   (b) item b.\n", "   (a) item a.\n")
    )
    result = build(content, out, cache)
    assert result.pages_rendered == 2
    assert 'href="/A/90/1/#para-2"' in (out / "A/90/2/index.html").read_text()
    assert same_as_clean_build(content, out, tmp_path)


def test_removing_the_citing_report_rerenders_the_cited_ones_backlinks(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    (content / "A_90_2.md").unlink()
    result = build(content, out, cache)
    assert result.pages_rendered == 1 and result.pages_reused == 1
    assert not (out / "A/90/2").exists()
    assert same_as_clean_build(content, out, tmp_path)


def test_a_template_change_rerenders_every_page(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "report.html").write_text('{% extends "!default/report.html" %}\n')
    result = build(content, out, cache)
    assert result.pages_rendered == 3
    assert same_as_clean_build(content, out, tmp_path)


@pytest.mark.parametrize("edit", ["other-size", "same-size"])
def test_a_page_edited_in_out_is_rendered_again(content: Path, tmp_path: Path, edit: str) -> None:
    """A reused page is trusted by its size and modification time, as make and rsync trust files."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    page = out / "A/90/1/index.html"
    st = page.stat()
    if edit == "other-size":
        page.write_text("tampered")
    else:
        page.write_bytes(page.read_bytes().replace(b"first paragraph", b"FIRST PARAGRAPH"))
        os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # saved a second later
    result = build(content, out, cache)
    assert result.pages_rendered == 1 and b"first paragraph" in page.read_bytes()
    assert same_as_clean_build(content, out, tmp_path)


def test_search_files_are_carried_over_unless_one_was_edited_in_out(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    entry = out / "search" / "entry.json"
    before = entry.stat()
    os.utime(out / "index.html")  # OUT changed, so every stage runs; no model changed
    build(content, out, cache)
    assert (entry.stat().st_ino, entry.stat().st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    entry.write_bytes(b"{}")
    build(content, out, cache)
    assert entry.read_bytes() != b"{}"
    assert same_as_clean_build(content, out, tmp_path)


def test_an_unchanged_page_is_carried_over_as_it_is_not_written_again(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    page = out / "A/90/2/index.html"
    before = page.stat()
    (content / "warns.md").write_text(WARNS.replace("1. Text.", "1. Edited text."))
    result = build(content, out, cache)
    assert result.pages_rendered == 1
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert same_as_clean_build(content, out, tmp_path)


def test_another_output_folder_has_its_own_manifest(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    build(content, tmp_path / "one", cache)
    result = build(content, tmp_path / "two", cache)
    assert result.pages_rendered == 3 and result.cached == 3
    assert tree_hash(tmp_path / "one") == tree_hash(tmp_path / "two")


def test_a_broken_manifest_means_a_full_render(content: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    for manifest in [*cache.glob("pages/*/*.json"), *cache.glob("builds/*/*.json")]:
        manifest.write_text("{not json")
    (content / "warns.md").write_text(WARNS.replace("Text.", "Changed text."))
    result = build(content, out, cache)
    assert result.pages_rendered == 3
    assert same_as_clean_build(content, out, tmp_path)


def test_an_up_to_date_build_does_nothing_and_says_what_the_last_one_said(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    first = build(content, out, cache)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}

    def no_write(*args: object) -> None:
        raise AssertionError("an up-to-date site was written again")

    monkeypatch.setattr(sitegen.build, "write_site", no_write)
    forbid_reading(monkeypatch)
    again = build(content, out, cache)
    assert again.up_to_date and again.written
    assert (again.reports, again.paragraphs, again.footnotes, again.citations, again.files) == (
        first.reports,
        first.paragraphs,
        first.footnotes,
        first.citations,
        first.files,
    )
    assert again.warnings == first.warnings and again.warnings
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


@pytest.mark.parametrize("change", ["input", "out-file", "out-extra", "template"])
def test_any_change_means_a_real_build(content: Path, tmp_path: Path, change: str) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    if change == "input":
        (content / "A_90_2.md").write_text(CITING + "\n3. A new paragraph.\n")
    elif change == "out-file":
        (out / "index.html").write_text("edited by hand")
    elif change == "out-extra":
        (out / "stray.html").write_text("not ours")
    else:
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "404.html").write_text('{% extends "!default/404.html" %}\n')
    again = build(content, out, cache)
    assert not again.up_to_date
    assert same_as_clean_build(content, out, tmp_path)


def test_how_a_pdf_is_read_is_part_of_its_key(tmp_path: Path) -> None:
    from sitegen.readers import ReadOptions

    pdf, md = tmp_path / "a.pdf", tmp_path / "a.md"
    base = input_key(pdf, b"%PDF", ReadOptions())
    assert input_key(pdf, b"%PDF", ReadOptions()) == base
    assert input_key(pdf, b"%PDF", ReadOptions(ocr="never")) != base
    assert input_key(pdf, b"%PDF", ReadOptions(chars="pdfium")) != base
    assert input_key(pdf, b"%PDF", ReadOptions(ocr_language="fra")) != base
    assert (
        input_key(pdf, b"%PDF", ReadOptions(ocr_cache=tmp_path)) == base
    )  # where pages are kept is no input
    assert input_key(md, b"x", ReadOptions(ocr="never")) == input_key(
        md, b"x", ReadOptions()
    )  # Markdown: none


# ---------------------------------------------------------------- models left unread (sitegen.views)


def test_every_report_view_survives_its_codec_exactly(content: Path) -> None:
    """What a partly loaded report answers must be what the walk gives, order included."""
    import sitegen.build  # noqa: F401  (registers its views, as a build does)
    from sitegen.views import VIEWS, encoded

    reads = read_inputs(sorted(content.iterdir()), jobs=1)
    assert {
        "ids",
        "reference-pages",
        "reference-places",
        "front-page-kind",
        "search-records",
        "contents-count",
    } <= set(VIEWS)
    for read in reads:
        assert read.report is not None
        for name, (walk, (_, decode)) in VIEWS.items():
            value, back = walk(read.report), decode(json.loads(encoded(name, read.report)))
            assert back == value and type(back) is type(value), name
            if isinstance(value, dict):
                assert list(back.items()) == list(value.items()), name


def test_a_cached_report_loads_its_text_only_when_read_and_equals_the_full_one(
    content: Path, tmp_path: Path
) -> None:
    from sitegen.executors import remember_summaries
    from sitegen.resolve import block_ids
    from sitegen.views import PartlyLoaded

    cache = ReaderCache(tmp_path / "cache")
    full = read_inputs(sorted(content.iterdir()), jobs=1, cache=cache)
    remember_summaries(cache, full)
    again = read_inputs(sorted(content.iterdir()), jobs=1, cache=cache)
    for before, after in zip(full, again, strict=True):
        assert isinstance(after.report, PartlyLoaded) and not after.report.loaded
        assert (
            after.report.title == before.report.title and after.report.references == before.report.references
        )  # type: ignore[union-attr]
        assert block_ids(after.report) == block_ids(before.report)  # type: ignore[arg-type]
        assert not after.report.loaded  # a view is answered from the summary
        assert after.warnings == before.warnings and after.digest == before.digest
        assert after.report == before.report and before.report == after.report and after.report.loaded
        assert hash(after.report) == hash(before.report) and repr(after.report) == repr(before.report)


def test_a_summary_from_other_code_answers_no_view(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sitegen.cache
    from sitegen.executors import remember_summaries
    from sitegen.resolve import block_ids

    cache = ReaderCache(tmp_path / "cache")
    remember_summaries(cache, read_inputs(sorted(content.iterdir()), jobs=1, cache=cache))
    monkeypatch.setattr(sitegen.cache, "code_version", lambda: "another sitegen")
    read = read_inputs([content / "A_90_1.md"], jobs=1, cache=cache)[0]
    assert read.report is not None and not read.report.loaded  # type: ignore[attr-defined]
    assert "para-2-b" in block_ids(read.report)
    assert read.report.loaded  # type: ignore[attr-defined]  (walked, not taken from the summary)


def test_a_partly_loaded_report_whose_entry_went_missing_reads_its_input_again(
    content: Path, tmp_path: Path
) -> None:
    from sitegen.errors import SitegenError
    from sitegen.executors import remember_summaries

    cache = ReaderCache(tmp_path / "cache")
    full = read_inputs([content / "A_90_1.md"], jobs=1, cache=cache)
    remember_summaries(cache, full)
    read = read_inputs([content / "A_90_1.md"], jobs=1, cache=cache)[0]
    shutil.rmtree(tmp_path / "cache" / "models")
    assert read.report == full[0].report
    changed = read_inputs([content / "A_90_1.md"], jobs=1, cache=cache)[0]
    (content / "A_90_1.md").write_text(CITED.replace("first paragraph", "very first paragraph"))
    with pytest.raises(SitegenError, match=r"A_90_1\.md: its cached model is gone"):
        changed.report.blocks  # type: ignore[union-attr]  # noqa: B018


def test_an_edit_loads_only_the_models_that_depend_on_it(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Editing warns.md (cited by nobody, citing nobody) loads no other model; dropping an item the
    other report cites loads that one too (its page renders again), never the third; and the site is
    still byte-identical to a clean build."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    build(content, out, cache)
    build(content, out, cache)  # the first build with summaries of every input
    loaded: list[str] = []
    real_get = ReaderCache.get

    def counting_get(self: ReaderCache, key: str, path: Path):  # type: ignore[no-untyped-def]
        found = real_get(self, key, path)
        if found is not None:
            loaded.append(path.name)
        return found

    monkeypatch.setattr(ReaderCache, "get", counting_get)
    (content / "warns.md").write_text(WARNS.replace("1. Text.", "1. Edited text."))
    build(content, out, cache)
    assert loaded == []
    (content / "A_90_1.md").write_text(
        CITED.replace("   (a) item a;\n\n   (b) item b.\n", "   (a) item a.\n")
    )
    result = build(content, out, cache)  # A/90/2's "para. 2 (b)" now links to para. 2: its page changes
    assert result.pages_rendered == 2 and loaded == ["A_90_2.md"]
    monkeypatch.undo()
    assert same_as_clean_build(content, out, tmp_path)


# ---------------------------------------------------------------- input keys memoised by file status


def test_input_keys_are_taken_again_only_for_files_whose_status_changed(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitegen.executors import STAT_TRUST_NS, input_keys

    memo, paths = FolderMemo(tmp_path / "cache"), sorted(content.iterdir())
    later = lambda: os.stat(paths[0]).st_ctime_ns + 10 * STAT_TRUST_NS  # noqa: E731
    first = input_keys(paths, memo=memo, folder=content, now=later)
    hashed: list[str] = []
    real_key = sitegen.executors.input_key
    monkeypatch.setattr(
        sitegen.executors, "input_key", lambda p, *a: hashed.append(p.name) or real_key(p, *a)
    )
    assert input_keys(paths, memo=memo, folder=content, now=later) == first and hashed == []
    edited = content / "A_90_1.md"
    before = os.stat(edited)
    edited.write_text(CITED.replace("first", "FIRST"))  # same size, and the old modification time back:
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the change time tells
    again = input_keys(paths, memo=memo, folder=content, now=later)
    assert hashed == ["A_90_1.md"] and again[edited] != first[edited]
    assert {p: k for p, k in again.items() if p != edited} == {p: k for p, k in first.items() if p != edited}


def test_a_file_recorded_in_the_instant_it_changed_is_hashed_again(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record taken within STAT_TRUST_NS of a file's change is not trusted: the file could have
    changed again in the same timestamp tick."""
    from sitegen.executors import input_keys

    memo, paths = FolderMemo(tmp_path / "cache"), sorted(content.iterdir())
    just_now = lambda: os.stat(paths[-1]).st_ctime_ns  # noqa: E731
    input_keys(paths, memo=memo, folder=content, now=just_now)
    hashed: list[str] = []
    real_key = sitegen.executors.input_key
    monkeypatch.setattr(
        sitegen.executors, "input_key", lambda p, *a: hashed.append(p.name) or real_key(p, *a)
    )
    input_keys(paths, memo=memo, folder=content, now=just_now)
    assert hashed == [p.name for p in paths]
