"""The site's own search box puts the right page first, the way learners type (issue #7)."""

from __future__ import annotations

import pytest

from atlas_tools.search_eval import TARGET_AT_1, TARGET_AT_5, misses, read_queries, run_all, score
from sitemap import ROOT

pytestmark = pytest.mark.browser

OWN = ROOT / "tests" / "search_queries.tsv"
EXAMPLES = ROOT / "tests" / "search_queries_examples.tsv"  # the project's own example queries


def queries():
    qs = read_queries(OWN)
    known = {q.text for q in qs}
    return qs + [q for q in read_queries(EXAMPLES) if q.text not in known]


def test_query_set_covers_every_page():
    from sitemap import URLS

    expected = {e for q in read_queries(OWN) for e in q.expected}
    uncovered = [u for u in URLS if u and not any(u in e for e in expected)]
    assert len(read_queries(OWN)) >= 100
    assert not uncovered, f"no query expects these pages: {uncovered}"


def test_search_recall(page, server):
    results, _ = run_all(page, server, queries())
    s = score(results)
    report = f"recall@1 {s.recall_at_1:.3f}, recall@5 {s.recall_at_5:.3f}, MRR@10 {s.mrr_at_10:.3f} on {s.n} queries"
    assert s.recall_at_1 >= TARGET_AT_1, report + "\nnot first:\n" + "\n".join(misses(results, 1))
    assert s.recall_at_5 >= TARGET_AT_5, report + "\nnot in the top 5:\n" + "\n".join(misses(results, 5))


def test_a_section_result_opens_that_section(page, server):
    page.goto(server + "/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("mode collapse")
    # The section is listed as a result of its own (not folded under "more on this page").
    link = page.locator(".md-search-result__item:first-child > a.md-search-result__link[href*='#mode-collapse']")
    link.wait_for(timeout=15000)
    link.click()
    page.wait_for_url("**/concepts/gans/**#mode-collapse")
    box = page.locator("#mode-collapse").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["y"] + header["height"] <= box["y"] <= page.viewport_size["height"] / 2
