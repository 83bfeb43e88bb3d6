"""Every search file of a site: one index per language (index.py), the symbol table for jumps, and
entry.json, the one file with a fixed name, which says where the rest are."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sitegen.families import SUPERSEDED_BY, family_fact
from sitegen.io import canonical_json
from sitegen.model import Report
from sitegen.render.search import text
from sitegen.render.search.cache import SearchCache
from sitegen.render.search.format import SYMBOLS_PER_SHARD, File, gz
from sitegen.render.search.index import LanguageIndex
from sitegen.symbols import browser_rules, split_joint_symbol, symbol_key


def build_symbol_index(
    reports: Sequence[Report],
    url_for: Callable[[Report], str],
    ranges: dict[str, dict[str, tuple[int, int]]],
) -> tuple[list[str], dict[str, bytes]]:
    """Symbol -> {title, date, per language [URL, first record, end record], and the revision that
    supersedes it if one does}; joint symbols answer to each part."""
    table: dict[str, dict[str, object]] = {}
    for report in sorted(reports, key=lambda r: (r.symbol or "", r.language, r.slug)):
        if not report.symbol:
            continue
        keys = {symbol_key(report.symbol), *(symbol_key(p) for p in split_joint_symbol(report.symbol))}
        for key in keys:
            entry = table.setdefault(
                key, {"s": report.symbol, "t": report.title, "d": report.date or "", "u": {}}
            )
            if newer := family_fact(report, SUPERSEDED_BY):  # a jump to it says so (only then: most are not)
                entry.setdefault("r", newer)
            urls = entry["u"]
            assert isinstance(urls, dict)
            start, end = ranges.get(report.language, {}).get(report.slug, (0, 0))
            urls.setdefault(report.language, [url_for(report), start, end])
    ordered = sorted(table)
    first: list[str] = []
    files: dict[str, bytes] = {}
    for i in range(0, len(ordered), SYMBOLS_PER_SHARD):
        part = ordered[i : i + SYMBOLS_PER_SHARD]
        first.append(part[0])
        files[f"s{i // SYMBOLS_PER_SHARD}.bin"] = gz(canonical_json([[k, table[k]] for k in part]))
    return first, files


def _dir_hash(files: dict[str, bytes]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    return h.hexdigest()[:12]


def search_files(
    reports: Sequence[Report], *, url_for: Callable[[Report], str], cache: SearchCache | None = None
) -> list[tuple[str, File]]:
    """Every search file of the site: (path relative to the output folder, file), sorted, deterministic."""
    outputs: list[tuple[str, File]] = []
    # The analyser's tables travel with the index they built, so the browser always stems as the index did;
    # so do the labels of symbols, paragraphs and items, so it reads a query as the ids were made.
    languages: dict[str, str] = {}
    entry: dict[str, object] = {
        "version": 2,
        "languages": languages,
        "rules": text.rules_for_js(),
        "labels": browser_rules(),
    }
    ranges: dict[str, dict[str, tuple[int, int]]] = {}
    for lang in sorted({r.language for r in reports}):
        index = LanguageIndex(lang, [r for r in reports if r.language == lang], url_for, cache)
        files, ranges[lang] = index.build()
        languages[lang] = index.manifest_path.rsplit("/", 1)[0] + "/"
        outputs.extend((f"search/{path}", f) for path, f in files.items())
    sym_first, sym_files = build_symbol_index(reports, url_for, ranges)
    sym_base = f"sym/{_dir_hash(sym_files)}/"
    entry["symbols"] = {"base": sym_base, "first": sym_first}
    outputs.extend((f"search/{sym_base}{name}", File.of(data)) for name, data in sym_files.items())
    outputs.append(("search/entry.json", File.of(canonical_json(entry))))
    if cache is not None:
        cache.prune()  # every report was analysed or found above, so what is left over is unused
    return sorted(outputs, key=lambda o: o[0])


def build_search_outputs(
    reports: Sequence[Report], *, url_for: Callable[[Report], str], cache: SearchCache | None = None
) -> list[tuple[str, bytes]]:
    """`search_files` with every file's bytes (for tests and benchmarks)."""
    return [
        (path, f.data if f.data is not None else Path(f.stored or "").read_bytes())
        for path, f in search_files(reports, url_for=url_for, cache=cache)
    ]


def write_outputs(outputs: Iterable[tuple[str, bytes]], root: Path) -> None:
    """Write (path, bytes) pairs under `root` (for tests and benchmarks; the build has its own writer)."""
    for rel, data in outputs:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
