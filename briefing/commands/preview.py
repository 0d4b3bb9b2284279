"""`serve`: the built site on 127.0.0.1, rebuilt when content, templates or config change.

A watcher (watchfiles) rebuilds on every change; each HTML page the server sends
carries a small script that asks `/__briefing__/status` once a second and
reloads the page when a new build is ready. A build that fails keeps the last
good site on screen and shows its problems over the page and in the terminal;
the server keeps running. Missing pages get the site's own 404 page. Builds run
without Python's cyclic garbage collector; once no change has come for a few
seconds, the session collects what they left (`BuildSession.tidy`).
"""

from __future__ import annotations

import errno
import functools
import http.server
import json
import threading
from pathlib import Path
from typing import Any

from ..config import SiteConfig, load_config
from ..console import ConsoleReporter
from ..diagnostics import Severity
from ..executors import Workers
from ..pipeline import BuildSession

STATUS_PATH = "/__briefing__/status"
# With no change for this long after a build, the session collects its garbage
# (`BuildSession.tidy`): the open pages poll every second, so they have reloaded
# by then, and the collection (about 0.5 s at 5,000 articles) holds no request up.
TIDY_AFTER_MS = 3000
RELOAD_SCRIPT = b"""<script>
(function () {
  var seen = null;
  function show(problems) {
    var box = document.getElementById("briefing-preview-problems");
    if (!problems.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "briefing-preview-problems";
      box.style.cssText = "position:fixed;left:1em;right:1em;bottom:1em;z-index:9999;" +
        "max-height:40vh;overflow:auto;margin:0;padding:1em;background:#fff3f3;" +
        "color:#5f0000;border:2px solid #b00020;font-size:13px;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "briefing serve: the last build had problems (this is the last " +
      "good build):\\n\\n" + problems.join("\\n");
  }
  function poll() {
    fetch("/__briefing__/status", {cache: "no-store"})
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen) { location.reload(); return; }
        seen = s.version;
        show(s.problems);
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
</script>
"""


class PortInUse(Exception):
    """The port is taken by another program."""


class Preview:
    """One preview session: the server, the watcher and the latest build's state."""

    def __init__(self, config_path: Path, config: SiteConfig, port: int,
                 reporter: ConsoleReporter, strict: bool = False,
                 allow_empty: bool = False, workers: Workers | None = None) -> None:
        self.config_path = config_path
        # One pool for the session, and what each build used kept for the next.
        self.session = BuildSession(workers or Workers())
        self.config = config
        self.port = port
        self.reporter = reporter
        self.strict = strict
        self.allow_empty = allow_empty
        self.version = 0                       # bumped after every build, good or bad
        self.problems: list[str] = []          # the last build's errors and warnings
        self.stop_event = threading.Event()
        self.server: http.server.ThreadingHTTPServer | None = None

    @property
    def site_dir(self) -> Path:
        return self.config.path(self.config.output_dir)

    def run(self) -> None:
        """Build, start serving, then rebuild on changes until stopped (or Ctrl-C)."""
        try:
            self.server = self._start_server()     # first: a busy port fails at once
            try:
                self.rebuild()
                self._watch()
            finally:
                self.server.shutdown()
                self.server.server_close()
        finally:
            self.session.close()

    def _watch(self) -> None:
        """Rebuild after each change until stopped."""
        import watchfiles

        watched = [self.config.path(self.config.content_dir),
                   self.config.path(self.config.templates_dir), self.config_path.resolve()]
        self.reporter.info(
            f"Serving {self.site_dir} at http://127.0.0.1:{self.port}/ — rebuilding when "
            "content, templates or the config change; open pages reload. Ctrl-C to stop.")
        for changes in watchfiles.watch(*[p for p in watched if p.exists()],
                                        stop_event=self.stop_event, debounce=400,
                                        rust_timeout=TIDY_AFTER_MS, yield_on_timeout=True):
            if not changes:                # quiet for a while: the page has reloaded
                self.session.tidy()
                continue
            names = sorted({Path(path).name for _, path in changes})
            self.reporter.info(f"Changed: {', '.join(names[:5])}"
                               f"{' …' if len(names) > 5 else ''}; rebuilding.")
            self.rebuild()

    def stop(self) -> None:
        """End `run` from another thread."""
        self.stop_event.set()

    def rebuild(self) -> None:
        """Read the config again and build; on failure keep the last good site."""
        reporter = ConsoleReporter(quiet=self.reporter.quiet)
        loaded = load_config(self.config_path, {"base_url": f"http://127.0.0.1:{self.port}/"})
        problems = [d for d in loaded.diagnostics if d.severity is not Severity.INFO]
        for diagnostic in loaded.diagnostics:
            reporter.report(diagnostic)
        if loaded.config is not None and not any(d.severity is Severity.ERROR
                                                 for d in problems):
            self.config = loaded.config
            result = self.session.build(self.config, reporter, strict=self.strict,
                                        allow_empty=self.allow_empty)
            problems = [d for d in result.diagnostics if d.severity is not Severity.INFO]
            built = result.site_dir is not None
        else:
            built = False
        reporter.close()
        self.problems = [d.format() for d in problems]
        self.version += 1
        self.reporter.info(("Rebuilt" if built else "Build failed; still showing the last "
                            "good build") + f" ({len(self.problems)} problem(s)).")

    def status(self) -> dict[str, Any]:
        return {"version": self.version, "problems": self.problems}

    def _start_server(self) -> http.server.ThreadingHTTPServer:
        handler = functools.partial(PreviewHandler, self)
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(self.port) from exc
            raise
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the site folder, plus the status endpoint and reload script."""

    def __init__(self, preview: Preview, *args: Any, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, directory=str(preview.site_dir), **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == STATUS_PATH:
            self._send(200, "application/json", json.dumps(self.preview.status()).encode())
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._send(200, "text/html; charset=utf-8", _with_reload(target.read_bytes()))
        elif target.exists():
            super().do_GET()
        else:
            missing = self.preview.site_dir / "404.html"
            page = missing.read_bytes() if missing.is_file() else b"<h1>Not found</h1>"
            self._send(404, "text/html; charset=utf-8", _with_reload(page))

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: requests are not worth a terminal line each."""


def _with_reload(page: bytes) -> bytes:
    """The page with the reload script before `</body>` (or at the end)."""
    at = page.rfind(b"</body>")
    return page[:at] + RELOAD_SCRIPT + page[at:] if at >= 0 else page + RELOAD_SCRIPT
