"""What a first visit to a page transfers, measured in Chromium with a cold cache.

Each response body is gzip-compressed (level 6, as a static host such as GitHub Pages serves
text) and summed. Images are counted separately, since the weight budget sets them aside.
Shared by tests/test_weight.py (the budget) and scripts/bench.py (the figures).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@dataclass
class Visit:
    url: str
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(v for k, v in self.bytes_by_type.items() if k != "image")

    @property
    def images(self) -> int:
        return self.bytes_by_type.get("image", 0)


def wire_size(body: bytes, content_type: str) -> int:
    if content_type.startswith(COMPRESSIBLE):
        return len(gzip.compress(body, 6))
    return len(body)  # fonts (woff2) and images are already compressed


def first_visit(browser, url: str) -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(url)
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    for r in responses:
        try:
            body = r.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        kind = r.request.resource_type
        kind = "image" if kind == "image" else kind
        visit.bytes_by_type[kind] = visit.bytes_by_type.get(kind, 0) + wire_size(body, r.headers.get("content-type", ""))
        visit.requests.append(r.url)
    context.close()
    return visit
