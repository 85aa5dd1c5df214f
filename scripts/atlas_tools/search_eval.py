"""Drive the site's real search box in Chromium and score the results.

Shared by tests/browser/test_search.py and `atlas-tools search`, which both fail under the targets
below on the tuned query sets; `atlas-tools search` also fails under the held-out targets and over
the keystroke-to-results budget. A query file has lines
`query<TAB>expected` where expected is one or more URL substrings separated by `|`.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path

# The targets (issue #16). Tuned sets (tests/search_queries.tsv with the project's examples):
TARGET_AT_1 = 0.97
TARGET_AT_5 = 1.0
# The held-out set (tests/search_queries_holdout.tsv, written before tuning, never tuned on):
HELD_OUT_AT_1 = 0.95
HELD_OUT_AT_5 = 0.98
# Key released -> results in the list, median over a query set, ms (timed in the page).
TARGET_MS = 50


@dataclass
class Query:
    text: str
    expected: list[str]


@dataclass
class Result:
    query: Query
    hrefs: list[str]     # result links in order (page and section results)
    ms: float            # last key released -> results in the list (timed in the page)

    @property
    def rank(self) -> int | None:
        for i, href in enumerate(self.pages(), 1):
            if any(e in href for e in self.query.expected):
                return i
        return None

    def pages(self) -> list[str]:
        """One entry per result page, in order (a page's section links share its rank)."""
        seen: list[str] = []
        for href in self.hrefs:
            page = href.split("#")[0]
            if page not in seen:
                seen.append(page)
        return [next(h for h in self.hrefs if h.split("#")[0] == p) for p in seen]


def read_queries(path: Path) -> list[Query]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, expected = line.split("\t")
        out.append(Query(text.strip(), [e.strip() for e in expected.split("|")]))
    return out


_WAIT_FOR_NEW_RESULTS = """(prev) => {
  const meta = document.querySelector('.md-search-result__meta');
  const list = document.querySelector('.md-search-result__list');
  if (!meta || !list) return false;
  const sig = meta.textContent + '|' + (list.firstElementChild ? list.firstElementChild.innerText.slice(0, 200) : '');
  if (sig === 'Initializing search|') return false;
  if (list.firstElementChild !== window.__atlasPrev) return sig;
  // No results after no results: nothing in the list changes, so wait out the worker's answer.
  return !list.firstElementChild && window.__atlasKeyup && performance.now() - window.__atlasKeyup > 500 ? sig : false;
}"""


# Keystroke to results, timed inside the page (no Playwright round trips in the figure): from the
# key's release (keyup, where Material starts the search) to the results being in the list.
_TIMER = """() => {
  if (window.__atlasTimer) return;
  window.__atlasTimer = true;
  document.addEventListener('keyup', (e) => {
    if (e.target.matches && e.target.matches('.md-search__input')) { window.__atlasKeyup = performance.now(); window.__atlasShown = 0; }
  }, true);
  const list = document.querySelector('.md-search-result__list');
  new MutationObserver((records) => {
    if (window.__atlasKeyup && !window.__atlasShown && records.some((r) => r.addedNodes.length)) window.__atlasShown = performance.now();
  }).observe(list, { childList: true });
}"""


def open_search(page, base_url: str) -> float:
    """Load the home page and open search; return ms until the index is ready to answer."""
    page.goto(base_url + "/")
    page.evaluate(_TIMER)
    t0 = time.perf_counter()
    box = page.locator("input.md-search__input")
    if box.is_visible():
        box.click()
    else:  # narrow screens: the header button opens the search dialog
        page.locator("label[for=__search]:visible").first.click()
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta'); return m && !/Initializing/.test(m.textContent); }",
        timeout=20000,
    )
    return (time.perf_counter() - t0) * 1000


def run_query(page, query: Query) -> Result:
    box = page.locator("input.md-search__input")
    page.evaluate("() => { const l = document.querySelector('.md-search-result__list'); window.__atlasPrev = l && l.firstElementChild; }")
    box.fill(query.text[:-1])
    t0 = time.perf_counter()
    box.press(query.text[-1] if query.text[-1] != " " else "Space")
    page.wait_for_function(_WAIT_FOR_NEW_RESULTS, arg=None, timeout=10000)
    wall = (time.perf_counter() - t0) * 1000
    shown = page.evaluate("() => window.__atlasShown && window.__atlasShown - window.__atlasKeyup")
    ms = shown if shown else wall  # no new node (the same results again): the wall-clock time
    hrefs = page.eval_on_selector_all(".md-search-result__list a[href]", "els => els.map(e => e.getAttribute('href'))")
    return Result(query, hrefs, ms)


def run_all(page, base_url: str, queries: list[Query]) -> tuple[list[Result], float]:
    ready_ms = open_search(page, base_url)
    return [run_query(page, q) for q in queries], ready_ms


@dataclass
class Scores:
    n: int
    recall_at_1: float
    recall_at_5: float
    mrr_at_10: float
    median_ms: float


def score(results: list[Result]) -> Scores:
    ranks = [r.rank for r in results]
    return Scores(
        n=len(results),
        recall_at_1=sum(1 for r in ranks if r == 1) / len(ranks),
        recall_at_5=sum(1 for r in ranks if r and r <= 5) / len(ranks),
        mrr_at_10=sum(1 / r for r in ranks if r and r <= 10) / len(ranks),
        median_ms=statistics.median(r.ms for r in results),
    )


def misses(results: list[Result], k: int = 1) -> list[str]:
    return [f"{r.query.text!r}: expected {r.query.expected}, got {r.pages()[:3]} (rank {r.rank})" for r in results if not r.rank or r.rank > k]
