"""`sitegen serve`: build into a temporary folder, serve it on loopback, rebuild on change, reload tabs.

MkDocs' design (STYLE.md 8.7) on the livereload package's parts: its `Watcher` notices changed files
(content, the user's templates, the default theme, the config file), its websocket handler and
`livereload.js` tell open tabs to reload. The rest is ours, for three promises:

- Nobody sees a half-built site: a build runs in a worker thread and writes a whole new site that
  is swapped in at the end (sitegen.write); page requests that arrive meanwhile wait for it.
- A failed rebuild keeps the last good site served. An input whose edit breaks it keeps its last good
  model, so its page stays (the build's own mechanism, sitegen.incremental.LastGood, which needs a
  cache: with --no-cache one lives in the temporary folder); a fatal error (a broken template, a bad
  config) keeps the whole previous site. The error is printed in the terminal and shown as a banner
  at the top of every served page.
- What is served is the built site plus, in served HTML only, a `<script src>` for livereload.js
  and the banner's stylesheet: nothing is injected into the files (so `sitegen build` and Netlify
  never see them), nothing inline (the strict CSP holds in development too), and no path outside
  the site folder is served (tornado's StaticFileHandler refuses anything that leaves its root).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import logging
import re
import secrets
import shutil
import signal
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.watcher import Watcher
from tornado import httpserver, ioloop, web

from sitegen.build import BuildResult, build_site
from sitegen.config import CONFIG_NAME, SiteConfig, resolve_config
from sitegen.connections import CONNECTIONS_FILE, appended, connection_entry, types_from_settings
from sitegen.console import build_options, report_problems, summary_line
from sitegen.deploy import CONTENT_SECURITY_POLICY
from sitegen.errors import SitegenError
from sitegen.executors import ReadResult
from sitegen.io import atomic_write
from sitegen.render.html import default_templates_dir

log = logging.getLogger("sitegen.serve")

DEBOUNCE_SECONDS = 0.3
"""Wait this long after the last change before building, so a burst of saves makes one build."""
POLL_SECONDS = 0.1
BANNER_CSS = b"""\
.sitegen-serve-error{position:sticky;top:0;z-index:1000;margin:0;padding:.75rem 1rem;background:#7a0010;
color:#fff;font:14px/1.4 system-ui,sans-serif;border-bottom:3px solid #ff5c6c}
.sitegen-serve-error strong{display:block;margin-bottom:.25rem}
.sitegen-serve-error pre{margin:0;white-space:pre-wrap;font:13px/1.4 ui-monospace,monospace}
"""
_BODY_OPEN = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_HEAD_CLOSE = re.compile(rb"</head\s*>", re.IGNORECASE)


@dataclass(slots=True)
class BuildState:
    epoch: int = 0
    """Bumped every time a new site is swapped in."""
    errors: list[str] = field(default_factory=list)
    """What went wrong in the last build (shown as the banner until a build goes clean)."""
    building: bool = False


class DevServer:
    def __init__(
        self, args: argparse.Namespace, site_dir: Path, *, debounce: float = DEBOUNCE_SECONDS
    ) -> None:
        self.args = args
        self.site_dir = site_dir
        self.debounce = debounce
        self.state = BuildState()
        self.config = self.load_config()
        self.watcher = Watcher()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sitegen-build")
        self.idle = asyncio.Event()
        self.idle.set()
        self.pending_since: float | None = None
        self.pending_build: asyncio.Future[None] | None = None
        self.token = secrets.token_urlsafe(32)
        """Given to the pages this server serves, asked back on every write the page requests: no other
        site, tab of another server or local process can write into the content."""

    # ------------------------------------------------------------ building

    def load_config(self) -> SiteConfig:
        return resolve_config(
            content=self.args.content, output=None, config_file=getattr(self.args, "config", None)
        )

    def build(self) -> BuildResult | None:
        """One build (in the worker thread); never raises: a failure leaves the served site as it was."""
        errors: list[str] = []
        """Inputs that failed, shown beside the error of a build that then fails as a whole."""
        start = time.perf_counter()

        def note_failure(read: ReadResult) -> None:
            if read.error is not None:
                errors.append(read.error)

        try:
            self.config = self.load_config()
            fallback = self.site_dir.parent / "cache"  # LastGood needs a cache, even with --no-cache
            result = build_site(
                replace(self.config, output=self.site_dir),
                build_options(self.args, self.config, on_read=note_failure, fallback_cache=fallback),
            )
        except SitegenError as e:
            self.finish([*errors, str(e)], None, start)
            return None
        except Exception as e:  # a bug must not stop the server; the last good site stays
            log.debug("build failed", exc_info=True)
            self.finish([*errors, f"internal error: {type(e).__name__}: {e}"], None, start)
            return None
        self.finish(result.failed, result, start)
        return result

    def finish(self, errors: list[str], result: BuildResult | None, start: float) -> None:
        if result is not None and result.written:
            self.state.epoch += 1
        self.state.errors = errors
        if result is not None:
            report_problems(BuildResult(warnings=result.warnings), show_all=self.args.verbose)
            log.info("%s", summary_line(result, time.perf_counter() - start))
        for line in errors:
            log.error("%s", line)
        if result is None:
            log.error("The build failed; still serving the last good site.")

    # ------------------------------------------------------------ watching

    def watched_paths(self) -> list[Path]:
        config = self.config
        folder = config.content.absolute().parent
        paths = [
            config.content,
            default_templates_dir(),
            config.templates or folder / "templates",
            folder / CONFIG_NAME,
            Path.cwd() / CONFIG_NAME,
            folder / "pyproject.toml",
        ]
        if config.source is not None:
            paths.append(config.source)
        return list(dict.fromkeys(p.absolute() for p in paths))

    def start_watching(self) -> None:
        for path in self.watched_paths():
            self.watcher.watch(str(path), ignore=_ignored)
        self.watcher.examine()  # the first look only records what is there

    def poll(self) -> None:
        changed, _ = self.watcher.examine()
        now = time.monotonic()
        if changed:
            log.debug("changed: %s", changed)
            self.pending_since = now
        if (
            self.pending_since is not None
            and not self.state.building
            and now - self.pending_since >= self.debounce
        ):
            self.pending_since = None
            self.pending_build = asyncio.ensure_future(self.rebuild())  # kept: a task nobody holds may vanish

    async def rebuild(self) -> None:
        self.state.building = True
        self.idle.clear()
        try:
            await ioloop.IOLoop.current().run_in_executor(self.pool, self.build)
        finally:
            self.state.building = False
            self.idle.set()
        LiveReloadHandler.reload_waiters(path="*")

    def first_build(self) -> None:
        # Rebuilds read one edited file in this process: load the readers now, not on the first save.
        import sitegen.readers.markdown
        import sitegen.readers.pdf  # noqa: F401

        result = self.build()
        if result is None and not (self.site_dir / "index.html").exists():
            log.error("Nothing to serve yet; fix the error and save to rebuild.")

    # ------------------------------------------------------------ serving

    def inject(self, page: bytes) -> bytes:
        """The livereload script and, after a failed build, the error banner; for served pages only."""
        head = f'<meta name="sitegen-serve-token" content="{self.token}">'.encode()
        head += b'<link rel="stylesheet" href="/_sitegen/serve.css">'
        head += f'<script src="/livereload.js?port={self.args.port}" defer></script>'.encode()
        page = (
            _HEAD_CLOSE.sub(lambda m: head + m.group(0), page, count=1)
            if _HEAD_CLOSE.search(page)
            else head + page
        )
        if self.state.errors:
            banner = error_banner(self.state.errors)
            match = _BODY_OPEN.search(page)
            page = page[: match.end()] + banner + page[match.end() :] if match else banner + page
        return page

    def application(self) -> web.Application:
        LiveReloadHandler.live_css = False
        LiveReloadHandler.watcher = self.watcher  # it names the watcher's last changed file in its log
        return web.Application(
            [
                (r"/livereload", LiveReloadHandler),
                (r"/livereload\.js", LiveReloadJSHandler),
                (r"/_sitegen/serve\.css", BannerStyleHandler),
                (r"/_sitegen/connections", ConnectionWriteHandler, {"server": self}),
                (
                    r"/(.*)",
                    SiteHandler,
                    {"path": str(self.site_dir), "default_filename": "index.html", "server": self},
                ),
            ]
        )


def error_banner(errors: list[str]) -> bytes:
    text = "\n".join(errors)
    return (
        '<div class="sitegen-serve-error" role="alert"><strong>sitegen: the last build failed; '
        "this is the last good version.</strong><pre>" + html.escape(text) + "</pre></div>"
    ).encode("utf-8")


def _ignored(path: str) -> bool:
    """Editors' swap, backup and lock files are not changes to the site."""
    name = Path(path).name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp"))


class ConnectionWriteHandler(web.RequestHandler):
    """POST /_sitegen/connections: a connection made on a page (site/connect.js) is appended to the
    content's connections.yaml, which the watcher then rebuilds. Refused (403) without this session's
    token, or from a page of another origin; a malformed connection is refused (400) unwritten."""

    def initialize(self, server: DevServer) -> None:
        self.server = server

    def post(self) -> None:
        token = self.request.headers.get("X-Sitegen-Token", "")
        origin = self.request.headers.get("Origin")
        if not secrets.compare_digest(token, self.server.token) or (origin and origin != self._own_origin()):
            raise web.HTTPError(403)
        try:
            data = json.loads(self.request.body or b"null")
            entry = connection_entry(
                data if isinstance(data, dict) else {},
                types_from_settings(self.server.config.connection_types),
            )
        except (ValueError, UnicodeDecodeError) as e:
            raise web.HTTPError(400, reason=str(e)[:100]) from e
        path = self.server.config.content / CONNECTIONS_FILE
        existing = path.read_text(encoding="utf-8") if path.is_file() else ""
        atomic_write(path, appended(existing, entry).encode("utf-8"))
        log.info("connection written to %s", path)
        self.set_status(201)
        self.write({"written": str(path.name)})

    def _own_origin(self) -> str:
        return f"{self.request.protocol}://{self.request.host}"


class BannerStyleHandler(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "text/css; charset=utf-8")
        self.write(BANNER_CSS)


class SiteHandler(web.StaticFileHandler):
    """The built site; HTML gets the livereload script (and banner) on the way out."""

    server: DevServer

    def initialize(self, path: str, default_filename: str | None = None, server: Any = None) -> None:
        super().initialize(path, default_filename)
        self.server = server

    def set_default_headers(self) -> None:
        self.set_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        self.set_header("X-Content-Type-Options", "nosniff")

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", "no-store")  # a rebuilt page must never come from the browser cache

    def should_return_304(self) -> bool:
        return False

    async def get(self, path: str, include_body: bool = True) -> None:
        await self.server.idle.wait()  # never serve a site that is being swapped
        self.path = self.parse_url_path(path)
        absolute = self.validate_absolute_path(self.root, self.get_absolute_path(self.root, self.path))
        if absolute is None:  # redirected ("/A/1/1" -> "/A/1/1/")
            return
        if not absolute.endswith(".html"):
            await super().get(path, include_body)
            return
        self.absolute_path = absolute
        body = self.server.inject(Path(absolute).read_bytes())
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_extra_headers(path)
        if include_body:
            self.write(body)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """The site's own 404 page (as a static host serves it), with the script and banner."""
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.clear_header("Content-Disposition")
        page = Path(self.root) / "404.html"
        if status_code == 404 and page.is_file():
            body = page.read_bytes()
        else:
            body = (
                f"<!doctype html><html><head><title>{status_code}</title></head><body><h1>{status_code} "
                f"{html.escape(self._reason)}</h1></body></html>".encode()
            )
        self.finish(self.server.inject(body))


def run_serve(args: argparse.Namespace) -> int:
    """`sitegen serve`: returns when interrupted (Ctrl+C or SIGTERM)."""
    if args.output is not None:
        log.warning(
            "warning: serve builds into a temporary folder; -o %s is not used (sitegen build writes it)",
            args.output,
        )
    tmp = Path(tempfile.mkdtemp(prefix="sitegen-serve-"))
    server = DevServer(args, tmp / "site")
    loop = ioloop.IOLoop.current()
    try:
        server.first_build()
        listen(server, args)
        log.info(
            "Serving on http://%s:%s/ (watching %s, building into %s; Ctrl+C stops)",
            args.host,
            args.port,
            server.config.content,
            server.site_dir,
        )
        with contextlib.suppress(KeyboardInterrupt):
            loop.start()
        return 0
    finally:
        server.pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(tmp, ignore_errors=True)


def listen(server: DevServer, args: argparse.Namespace) -> None:
    """Serve on the address asked for, watch the files, and stop cleanly on SIGTERM."""
    http = httpserver.HTTPServer(server.application())
    try:
        http.listen(args.port, address=args.host)
    except OSError as e:
        raise SitegenError(f"cannot serve on {args.host}:{args.port}: {e.strerror or e}") from e
    server.start_watching()
    ioloop.PeriodicCallback(server.poll, POLL_SECONDS * 1000).start()
    loop = ioloop.IOLoop.current()
    loop.asyncio_loop.add_signal_handler(signal.SIGTERM, loop.stop)  # type: ignore[attr-defined]
    if not args.verbose:
        logging.getLogger("tornado.access").setLevel(logging.ERROR)  # 404s of favicon probes etc.
