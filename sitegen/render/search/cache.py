"""What a build keeps for the next one, in the build's cache folder (`search/`):

- each report's analysis (analysis.py), by model digest, language and the code of this package;
- per language, the state of the last index: every term's full postings (postings.py), each term's
  entry size and record count, where each report's ids were, and which file each shard became;
- the index's files by content hash, so an unchanged shard is linked into the new site, not rebuilt.

A rebuild after one edit analyses that report, splices its postings into the stored lists and rebuilds
only the files of the terms it touched. The result is byte-identical to a clean build (tested): every
stored byte is a function of its own record and term (scoring.py), and record ids do not move
(records.py). Anything missing or unreadable means a clean build, never a wrong one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.io import atomic_write, canonical_json
from sitegen.model import Report
from sitegen.render.search.analysis import Analysis
from sitegen.render.search.format import File
from sitegen.render.search.postings import Postings

FORMAT = 2


def _code_hash() -> str:
    code = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        code.update(module.name.encode() + b"\0" + module.read_bytes())
    return code.hexdigest()


@dataclass(slots=True)
class LanguageState:
    """One language's index as the last build left it (see the module's docstring)."""

    reports: dict[str, tuple[str, int, int]]
    """slug -> (key: analysis and URL, first id, record count)."""
    postings: Postings
    sizes: array[int]
    """Each term's entry size in bytes (the shard cut needs every one), aligned with postings.terms."""
    dfs: array[int]
    """Each term's record count (completions need every one), aligned with postings.terms."""
    shards: list[tuple[str, int, str]]
    """Each postings shard: its first term, its number of terms, its file's hash."""
    prefixes: dict[str, str]
    """Prefix -> its file's hash."""
    docs: dict[int, str]
    """Record shard number -> its file's hash."""
    cards: dict[str, list[int]]
    """Term -> the records it ranks first (terms with cards only)."""
    stems: dict[str, str] = field(default_factory=dict)
    """Spanning prefix -> its stem, as the code in `stems_code` stems (a build asks for thousands)."""
    stems_code: str = ""

    def to_bytes(self) -> bytes:
        return b"".join(self.to_parts())

    def to_parts(self) -> list[bytes]:
        """The state as parts to write one after the other (the postings are most of 100 MB at 3,000
        reports: never copied into one more buffer)."""
        meta = canonical_json(
            {
                "format": FORMAT,
                "reports": self.reports,
                "sizes": base64.b64encode(self.sizes.tobytes()).decode(),
                "dfs": base64.b64encode(self.dfs.tobytes()).decode(),
                "shards": self.shards,
                "prefixes": self.prefixes,
                "docs": {str(n): h for n, h in self.docs.items()},
                "cards": self.cards,
                "stems": self.stems,
                "stems_code": self.stems_code,
            }
        )
        return [len(meta).to_bytes(8, "little"), meta, self.postings.to_bytes()]

    @classmethod
    def from_bytes(cls, data: bytes) -> LanguageState:
        n = int.from_bytes(data[:8], "little")
        return cls.from_parts(data[8 : 8 + n], data[8 + n :])

    @classmethod
    def read(cls, path: Path) -> LanguageState:
        """The state in a file, read in its two parts (no copy of the postings made to split them)."""
        with open(path, "rb") as f:
            n = int.from_bytes(f.read(8), "little")
            meta = f.read(n)
            return cls.from_parts(meta, f.read())

    @classmethod
    def from_parts(cls, meta_bytes: bytes, postings_bytes: bytes) -> LanguageState:
        meta = json.loads(meta_bytes)
        if meta["format"] != FORMAT:
            raise ValueError("another format")
        postings = Postings.from_bytes(postings_bytes)
        sizes = array("I", base64.b64decode(meta["sizes"]))
        dfs = array("I", base64.b64decode(meta["dfs"]))
        if not len(sizes) == len(dfs) == len(postings.terms):
            raise ValueError("inconsistent state")
        return cls(
            reports={k: (str(v[0]), int(v[1]), int(v[2])) for k, v in meta["reports"].items()},
            postings=postings,
            sizes=sizes,
            dfs=dfs,
            shards=[(str(f), int(c), str(h)) for f, c, h in meta["shards"]],
            prefixes={str(k): str(v) for k, v in meta["prefixes"].items()},
            docs={int(k): str(v) for k, v in meta["docs"].items()},
            cards={str(k): [int(d) for d in v] for k, v in meta["cards"].items()},
            stems={str(k): str(v) for k, v in meta["stems"].items()},
            stems_code=str(meta["stems_code"]),
        )


@dataclass
class SearchCache:
    """The search part of a build's cache folder. `digest_of` gives a report's model digest (None: not
    cached, analysed every time)."""

    root: Path
    digest_of: Callable[[Report], str | None]
    hits: int = 0
    misses: int = 0
    code: str = field(default_factory=_code_hash)
    used_analyses: set[str] = field(default_factory=set)
    """Analysis keys this build used."""
    used_files: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    files_folder: str = ""

    FOLDER = "search"

    def __post_init__(self) -> None:
        self.files_folder = str(self.folder / "files")

    @property
    def folder(self) -> Path:
        return self.root / self.FOLDER

    # ------------------------------------------------------------ analyses

    def key(self, report: Report) -> str | None:
        digest = self.digest_of(report)
        if digest is None:
            return None
        return hashlib.sha256(f"{self.code}\0{digest}\0{report.language}".encode()).hexdigest()

    def _analysis_path(self, key: str) -> Path:
        return self.folder / "analysis" / key[:2] / f"{key}.json"

    def hold(self, report: Report) -> None:
        """Keep a report's analysis though this build did not need it (the report did not change)."""
        key = self.key(report)
        if key is not None:
            self.used_analyses.add(key)

    def analysis(self, report: Report, compute: Callable[[], Analysis]) -> Analysis:
        key = self.key(report)
        if key is None:
            self.misses += 1
            return compute()
        path = self._analysis_path(key)
        self.used_analyses.add(key)
        try:
            found = Analysis.from_json(path.read_bytes())
            self.hits += 1
            return found
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            pass  # missing or unreadable: analyse again
        analysis = compute()
        self.misses += 1
        try:
            atomic_write(path, analysis.to_json())
        except OSError:
            pass  # a cache that cannot be written only costs time
        return analysis

    # ------------------------------------------------------------ files by content

    def file_path(self, digest: str) -> str:
        """Plain strings: a build asks for tens of thousands of these."""
        return f"{self.files_folder}/{digest[:2]}/{digest}"

    def stored(self, digest: str) -> File:
        """A file an earlier build stored (it must exist: `previous` checked)."""
        self.used_files.add(digest)
        return File(digest, stored=self.file_path(digest))

    def keep(self, file: File) -> File:
        """Store a new file's bytes, so the next build can link it instead of making it again; the
        file is then the stored one (the writer links it too, so the site and the cache share it and
        its bytes are written once). A file that cannot be stored keeps its bytes."""
        self.used_files.add(file.sha)
        path = self.file_path(file.sha)
        if file.data is not None and not os.path.exists(path):
            try:
                atomic_write(Path(path), file.data)
            except OSError:
                return file
        return File(file.sha, stored=path)

    def read(self, digest: str) -> bytes:
        with open(self.file_path(digest), "rb") as f:
            return f.read()

    # ------------------------------------------------------------ a language's last index

    def _state_path(self, lang: str) -> Path:
        return self.folder / f"index-{lang}.bin"

    def previous(self, lang: str) -> LanguageState | None:
        """The last build's state, if it is readable and every file it names is still stored."""
        self.languages.add(lang)
        try:
            state = LanguageState.read(self._state_path(lang))
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return None
        hashes = [h for _, _, h in state.shards] + list(state.prefixes.values()) + list(state.docs.values())
        stored = self._stored_names()
        if not all(h in stored for h in hashes):
            return None
        return state

    def _stored_names(self) -> set[str]:
        names: set[str] = set()
        try:
            with os.scandir(self.files_folder) as folders:
                for folder in folders:
                    with os.scandir(folder.path) as files:
                        names.update(f.name for f in files if f.is_file())
        except OSError:
            pass
        return names

    def save(self, lang: str, state: LanguageState) -> None:
        try:
            atomic_write(self._state_path(lang), state.to_parts())
        except OSError:
            pass

    def prune(self) -> None:
        """Delete the analyses and files this build did not use (an edited report's old version, an
        older version of the code, shards that changed), so the folder holds one index's worth."""
        _prune(f"{self.folder}/analysis", lambda name: name.removesuffix(".json") in self.used_analyses)
        _prune(self.files_folder, lambda name: name in self.used_files)
        for path in self.folder.glob("index-*.bin"):
            if path.name[len("index-") : -len(".bin")] not in self.languages:
                path.unlink(missing_ok=True)


def _prune(folder: str, used: Callable[[str], bool]) -> None:
    """Delete every file in `folder`'s subfolders whose name is not `used` (plain os.scandir: a cache
    of 3,000 reports holds tens of thousands of such files)."""
    try:
        with os.scandir(folder) as subfolders:
            places = [entry.path for entry in subfolders if entry.is_dir(follow_symlinks=False)]
    except OSError:
        return
    for place in places:
        with os.scandir(place) as files:
            for entry in files:
                if not used(entry.name):
                    os.unlink(entry.path)
