"""What a first visit to a page transfers, measured in Chromium with a cold cache, and its budget.

Each response body is gzip-compressed (level 6, as a static host such as GitHub Pages serves
text) and summed. Images are counted separately, since the weight budget sets them aside.
Used by tests/browser/test_first_visit.py (every page, on every `make test`) and `atlas-tools weight`.

    atlas-tools weight [--site site]    print every page's first visit; exit 1 over the budget
"""

from __future__ import annotations

import argparse
import gzip
import sys
from dataclasses import dataclass, field
from pathlib import Path

from atlas_build.paths import ROOT
from atlas_tools.browser import DESKTOP, launch
from atlas_tools.built import pages
from atlas_tools.serve import COMPRESSIBLE, serve

BUDGET_KIB = 120  # a cold first visit to any page, gzip, images aside


@dataclass
class Visit:
    url: str
    bytes_by_type: dict[str, int] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)    # the responses counted
    requested: list[str] = field(default_factory=list)   # every request made, answered or not
    inspected: object = None                             # what `inspect` returned in the loaded page

    @property
    def total(self) -> int:
        return sum(v for k, v in self.bytes_by_type.items() if k != "image")

    @property
    def images(self) -> int:
        return self.bytes_by_type.get("image", 0)

    @property
    def over_budget(self) -> bool:
        return self.total > BUDGET_KIB * 1024


def wire_size(body: bytes, content_type: str) -> int:
    if content_type.startswith(COMPRESSIBLE):
        return len(gzip.compress(body, 6))
    return len(body)  # fonts (woff2) and images are already compressed


def first_visit(browser, url: str, inspect: str | None = None) -> Visit:
    """A cold visit to `url` until the network is idle; `inspect` (a JavaScript function) is then
    evaluated in the page, so that tests which need a loaded page share this visit."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    visit = Visit(url)
    responses = []
    page.on("request", lambda r: visit.requested.append(r.url))
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    if inspect:
        visit.inspected = page.evaluate(inspect)
    for r in responses:
        try:
            body = r.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        kind = r.request.resource_type
        visit.bytes_by_type[kind] = visit.bytes_by_type.get(kind, 0) + wire_size(body, r.headers.get("content-type", ""))
        visit.requests.append(r.url)
    context.close()
    return visit


def measure(site: Path) -> list[Visit]:
    """A cold first visit to every page of a built site."""
    from playwright.sync_api import sync_playwright

    with serve(site) as url, sync_playwright() as p:
        browser = launch(p)
        try:
            return [first_visit(browser, f"{url}/{page}") for page in pages(site)]
        finally:
            browser.close()


def report(visits: list[Visit]) -> str:
    lines = [f"first visit, cold cache, gzip as served (budget {BUDGET_KIB} KiB, images aside):",
             f"  {'page':44} {'total':>8} {'document':>9} {'script':>8} {'css':>7} {'font':>7} {'other':>7} {'images':>7}  requests"]
    for v in visits:
        kib = {k: n / 1024 for k, n in v.bytes_by_type.items()}
        other = sum(n for k, n in kib.items() if k not in ("document", "script", "stylesheet", "font", "image"))
        path = "/" + v.url.split("/", 4)[-1]
        lines.append(f"  {path:44} {v.total / 1024:7.1f}K {kib.get('document', 0):8.1f}K {kib.get('script', 0):7.1f}K "
                     f"{kib.get('stylesheet', 0):6.1f}K {kib.get('font', 0):6.1f}K {other:6.1f}K {v.images / 1024:6.1f}K  "
                     f"{len(v.requests)}{'  <- over budget' if v.over_budget else ''}")
    lines.append(f"  heaviest first visit: {max(v.total for v in visits) / 1024:.1f} KiB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="first-visit weight of every built page, against the budget")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args(argv)
    visits = measure(args.site)
    print(report(visits))
    over = [v.url for v in visits if v.over_budget]
    if over:
        print(f"FAIL: {len(over)} pages over {BUDGET_KIB} KiB: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0
