"""Serve a built site on 127.0.0.1 from a background thread: the one static server of the project.

The site is served under the path of its site_url (/genai-atlas/), as GitHub Pages will serve it:
Material's instant navigation only intercepts links that fall under site_url's path, so serving it
at / would silently turn every navigation into a full page load. With `gzip=True`, text is sent
compressed (level 6), as a static host serves it, so transfer sizes are what readers get.
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import io
import socket
import threading
from pathlib import Path

from atlas_build.urls import site_path

PREFIX = site_path()
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return super().translate_path(path[len(PREFIX):] or "/")
        return super().translate_path("/__outside_the_site__")  # 404, as on the real host

    def send_head(self):
        if not self.compress or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        if not path.is_file() or not ctype.startswith(COMPRESSIBLE):
            return super().send_head()
        body = gzip_module.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class _GzipHandler(_Handler):
    compress = True


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, port: int = 0, *, gzip: bool = False):
    """Yield the base URL (no trailing slash) of `site` served on loopback (a free port by default).

    For instant navigation to work, build the site with site_url set to this URL (Material matches
    links against sitemap.xml, rewriting its host but not its port), as `mkdocs serve` does.
    """
    handler = _GzipHandler if gzip else _Handler
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()
