"""What a build can take from the last one: pages, the search files, last good models, and the whole
site when nothing changed. Everything here goes through the build's memo (sitegen.memo), so a build
without a cache runs the same code and finds nothing.

A report page is a pure function of: its model, where it sits (folder, language versions), what its
citations resolve to, who cites it (backlinks), and the theme and code that render it. A page key
hashes exactly those, so equal keys mean equal bytes. The keys of the last build are kept in a
manifest, one per output folder, with each page file's size and modification time as the build left
it; a page whose key is unchanged, and whose file in the previous OUT still has that size and time
(make's and rsync's test, which any edit fails), is carried over from there (linked by the writer,
never read) instead of being rendered. Anything else (a new key, a missing or edited file, a manifest
that cannot be read) renders as in a clean build, so the output is always byte-identical to one.

What a page's citations resolve to depends on the other reports, so the manifest also records which
citations each page looked up (the renderer reports them as it renders), and the next build asks the
new site index for the same ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import sitegen
from sitegen.cache import ReaderCache
from sitegen.executors import ReadResult
from sitegen.families import is_family_touched, revision_key
from sitegen.io import canonical_json
from sitegen.memo import Memo, get_json, put_json
from sitegen.render.html import Lookup, RenderedPage
from sitegen.resolve import Backlinks, SiteIndex, Version, resolve_citation
from sitegen.views import code_version
from sitegen.write import Output

log = logging.getLogger("sitegen.incremental")

MANIFEST_FORMAT = 3
LAST_GOOD_FORMAT = 1
KEPT_NOTE = "the previous version was kept"
"""Added to the error of an input whose last good model stands in for it."""


def code_signature(*folders: Path | None, extra: Iterable[str] = ()) -> str:
    """A hash of sitegen's own code and the template folders (any change there may change every page),
    plus `extra` settings (site title, default language, base URL)."""
    h = hashlib.sha256(f"sitegen {sitegen.__version__} manifest {MANIFEST_FORMAT}".encode())
    h.update(code_version().encode())  # the readers aside: a model is all a page sees of them
    for root in folders:
        if root is not None and root.is_dir():
            h.update(_folder_hash(root).encode())
    for value in extra:
        h.update(value.encode() + b"\0")
    return h.hexdigest()


def _folder_hash(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = path.relative_to(root)
        h.update(str(rel).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _key_of(place: Path) -> str:
    """A memo key for a folder (an output or content folder has one record of each kind)."""
    return hashlib.sha256(str(place.absolute()).encode()).hexdigest()


# ---------------------------------------------------------------- report pages and the search files


class PageMemo:
    """The previous build's pages, for one output folder. `page()` renders or reuses; `search()` builds
    or reuses the search files; `save()` records this build for the next one."""

    def __init__(
        self,
        memo: Memo,
        out: Path,
        *,
        signature: str,
        index: SiteIndex,
        backlinks: Backlinks,
        digests: Mapping[str, str],
    ) -> None:
        self.memo, self.out, self.key = memo, out.absolute(), _key_of(out)
        self.signature = signature
        self.index = index
        self.backlinks_of = _backlinks_by_slug(backlinks)
        self.digests = digests
        """Input file name -> model digest."""
        self.previous = self._load()
        self.current: dict[str, dict[str, Any]] = {}
        self.search_record: dict[str, Any] = {}
        self.rendered = 0
        self.reused = 0

    def _load(self) -> dict[str, Any]:
        data = get_json(self.memo, "pages", self.key)
        if (
            isinstance(data, dict)
            and data.get("format") == MANIFEST_FORMAT
            and data.get("signature") == self.signature
        ):
            return data
        log.debug("%s: no page manifest for this theme, code and settings; rendering every page", self.out)
        return {"pages": {}, "search": {}}

    def page(self, version: Version, render: Callable[[], RenderedPage]) -> Output:
        digest = self.digests.get(version.file, "")
        path = f"{version.folder}/index.html"
        before = self.previous["pages"].get(path)
        # A page its family corrected depends on the corrigenda's files too: rendered every time.
        if before and before.get("digest") == digest and not is_family_touched(version.report):
            lookups = [(str(q[0]), q[1], q[2]) for q in before["queries"]]
            if before.get("key") == self.page_key(version, digest, lookups) and self._as_left(
                path, before.get("stat")
            ):
                self.reused += 1
                self.current[path] = before
                return Output.kept(path, f"{self.out}/{path}")
        rendered = render()
        self.rendered += 1
        key = self.page_key(version, digest, rendered.lookups)
        self.current[path] = {"digest": digest, "queries": rendered.lookups, "key": key}
        return rendered.output

    def page_key(self, version: Version, digest: str, lookups: list[Lookup]) -> str:
        parts: dict[str, Any] = {
            "digest": digest,
            "place": [version.folder, version.file, version.is_default],
            "languages": [[v.language, v.folder, v.is_default] for v in self.index.versions[version.slug]],
            "meta": [
                list(fact) for fact in version.report.meta
            ],  # with what its family adds (sitegen.families)
            "backlinks": self.backlinks_of.get(version.slug, ""),
            "citations": [repr(resolve_citation(self.index, version, *q)) for q in lookups],
            "revisions": [revision_key(self.index, q[0], self.digests) for q in lookups],  # shown beside them
        }
        return hashlib.sha256(canonical_json(parts)).hexdigest()

    def _as_left(self, path: str, recorded: object) -> bool:
        """Whether the file at `path` in OUT is a regular file of the recorded [size, mtime_ns]."""
        try:
            st = os.lstat(self.out / path)
        except OSError:
            return False
        return stat.S_ISREG(st.st_mode) and recorded == [st.st_size, st.st_mtime_ns]

    def search(self, build: Callable[[], list[Output]]) -> list[Output]:
        """The search files: rebuilt when any report's model or URL changed, else carried over from the
        previous OUT (each file checked by size and modification time, as pages are)."""
        versions = self.index.all_versions()
        key = hashlib.sha256(
            canonical_json(
                sorted([v.folder, v.file, v.language, self.digests.get(v.file, "")] for v in versions)
            )
        ).hexdigest()
        before = self.previous.get("search") or {}
        files = before.get("files") if before.get("key") == key else None
        if isinstance(files, dict) and files and all(self._as_left(p, st) for p, st in files.items()):
            self.search_record = before
            return [Output.kept(p, f"{self.out}/{p}") for p in sorted(files)]
        outputs = build()
        self.search_record = {"key": key, "files": {o.path: None for o in outputs}}
        return outputs

    def save(self, state: Mapping[str, list[int]]) -> None:
        """Record this build (call only once it has been written to OUT, whose `out_state` is `state`)."""
        for path, record in self.current.items():
            record["stat"] = state.get(path)
        for path in self.search_record.get("files", {}):
            self.search_record["files"][path] = state.get(path)
        put_json(
            self.memo,
            "pages",
            self.key,
            {
                "format": MANIFEST_FORMAT,
                "signature": self.signature,
                "out": str(self.out),
                "pages": self.current,
                "search": self.search_record,
            },
        )


def _backlinks_by_slug(backlinks: Backlinks) -> dict[str, str]:
    """Slug -> a stable text of everything citing it (by report and by anchor)."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for (slug, anchor), links in backlinks.by_anchor.items():
        grouped[slug].append([anchor, [repr(b) for b in links]])
    for slug, links in backlinks.by_report.items():
        grouped[slug].append(["", [repr(b) for b in links]])
    return {slug: json.dumps(sorted(parts)) for slug, parts in grouped.items()}


# ---------------------------------------------------------------- the whole build


def out_state(out: Path) -> dict[str, list[int]]:
    """Every file in OUT with its size and modification time (cheap to take, and changed by any edit)."""
    state: dict[str, list[int]] = {}
    if out.is_dir():
        _scan_state(str(out), "", state)
    return state


def _scan_state(folder: str, prefix: str, state: dict[str, list[int]]) -> None:
    # os.scandir and plain strings: a site of 3,000 reports has tens of thousands of files, and
    # os.walk with a relpath per file costs seconds there.
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _scan_state(entry.path, f"{prefix}{entry.name}/", state)
            else:
                st = entry.stat(follow_symlinks=False)
                state[prefix + entry.name] = [st.st_size, st.st_mtime_ns]


class UpToDate:
    """Make's question for the whole site: same inputs, same code, theme and settings, and OUT as the
    last build left it? Then the build has nothing to do, and says what the last one said.

    The key covers every input's key (bytes, name, reader and model versions), in order, and the code
    signature; OUT is compared by the size and modification time of every file in it. A build with
    failed inputs is never recorded (those inputs must be tried again)."""

    def __init__(self, memo: Memo, out: Path, key: str) -> None:
        self.memo, self.out, self.key = memo, out.absolute(), key

    def previous_result(self) -> dict[str, Any] | None:
        """The recorded summary of the last build if nothing changed since, else None."""
        data = get_json(self.memo, "builds", _key_of(self.out))
        if not isinstance(data, dict) or data.get("key") != self.key or not self.out.is_dir():
            return None
        if data.get("out") != out_state(self.out):
            log.debug("%s: changed since the last build", self.out)
            return None
        result = data.get("result")
        return result if isinstance(result, dict) else None

    def record(self, result: dict[str, Any], state: dict[str, list[int]]) -> None:
        """Record a build just written to OUT, whose `out_state` is `state`."""
        put_json(self.memo, "builds", _key_of(self.out), {"key": self.key, "out": state, "result": result})


def build_key(keys: Mapping[Path, str | None], signature: str) -> str:
    """The inputs (where they are, and what the readers would make of them) and the code signature."""
    fingerprints = [[str(path.absolute()), key or ""] for path, key in keys.items()]
    return hashlib.sha256(canonical_json([signature, fingerprints])).hexdigest()


# ---------------------------------------------------------------- inputs that stop reading


class LastGood:
    """Each input's last good model, standing in for the input when an edit breaks it (a truncated PDF,
    bad front matter): nothing already built is lost. Its page, links, backlinks and search records
    stay, and the error is still reported (saying the previous version was kept), so the build still
    fails.

    Per content folder, a memo entry maps each input's path to the input key of its model in the last
    written site; the model itself is the reader cache's entry. Inputs gone from the content are
    dropped, so a deleted file's page goes; a missing entry means no stand-in."""

    def __init__(self, cache: ReaderCache, content: Path) -> None:
        self.cache, self.memo, self.key = cache, cache.memo, _key_of(content)
        self.keys = self._load()

    def _load(self) -> dict[str, str]:
        data = get_json(self.memo, "last-good", self.key)
        if not isinstance(data, dict) or data.get("format") != LAST_GOOD_FORMAT:
            return {}
        inputs = data.get("inputs")
        if not isinstance(inputs, dict):
            return {}
        return {str(p): k for p, k in inputs.items() if isinstance(k, str)}

    def stand_in(self, reads: list[ReadResult]) -> list[ReadResult]:
        """The reads, with a failed input's last good model put in where there is one."""
        return [self._kept(r) if r.report is None else r for r in reads]

    def _kept(self, read: ReadResult) -> ReadResult:
        key = self.keys.get(str(read.path.absolute()))
        hit = self.cache.get(key, read.path) if key else None
        if key is None or hit is None:
            return read
        error = f"{read.error} ({KEPT_NOTE})"
        return ReadResult(read.path, hit.report, error, hit.warnings, hit.digest, cached=True, key=key)

    def save(self, reads: list[ReadResult]) -> None:
        """Record the models of a site just written (a stand-in's key stays as it was)."""
        keys = {str(r.path.absolute()): r.key for r in reads if r.report is not None and r.key is not None}
        if keys != self.keys:
            put_json(self.memo, "last-good", self.key, {"format": LAST_GOOD_FORMAT, "inputs": keys})
            self.keys = keys
