"""Serve a built site on 127.0.0.1 from a background thread, for tests and benchmarks.

The site is served under the path of its site_url (/genai-atlas/), as GitHub Pages will serve it:
Material's instant navigation only intercepts links that fall under site_url's path, so serving it
at / would silently turn every navigation into a full page load.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from pathlib import Path

PREFIX = "/genai-atlas"


class _Handler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path):
        if path == PREFIX or path.startswith(PREFIX + "/"):
            return super().translate_path(path[len(PREFIX):] or "/")
        return super().translate_path("/__outside_the_site__")  # 404, as on the real host

    def log_message(self, *args):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(site: Path, port: int = 0):
    """Yield the base URL (no trailing slash) of `site` served on loopback (a free port by default).

    For instant navigation to work, build the site with site_url set to this URL (Material matches
    links against sitemap.xml, rewriting its host but not its port), as `mkdocs serve` does.
    """
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{PREFIX}"
    finally:
        httpd.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
