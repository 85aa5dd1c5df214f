"""The attention explorer reports equal weights as a tie, never as one token "attended most"."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

CASES = [
    (["the", "cat", "sat"], [0.5, 0.5, 0.0], 1, "“cat” attends equally to “the” and “cat” (0.500 each)."),
    (["a", "b", "c"], [1 / 3, 1 / 3, 1 / 3], 2, "“c” attends equally to “a”, “b” and “c” (0.333 each)."),
    (["the", "cat", "sat"], [0.097, 0.6, 0.303], 1, "“cat” attends most to “cat” (0.600)."),
]


def test_ties_are_reported_as_ties(page, server):
    page.goto(f"{server}/concepts/transformers/")
    module = f"{server}/javascripts/figures/attention-explorer.js"
    said = page.evaluate("async ([url, cases]) => { const m = await import(url);"
                         " return cases.map(([t, row, i]) => m.strongest(t, row, i)); }", [module, [c[:3] for c in CASES]])
    assert said == [c[3] for c in CASES]


def test_the_causal_example_in_the_page_is_a_tie(page, server):
    page.goto(f"{server}/concepts/transformers/")
    figure = "[data-atlas-figure=attention-explorer]"
    page.locator(figure).scroll_into_view_if_needed()
    page.wait_for_selector(f"{figure}[data-atlas-figure-ready]", state="attached")
    page.focus(f"{figure} [data-role=causal]")
    page.keyboard.press("Space")
    page.focus(f"{figure} [data-query='1']")
    assert "attends equally to" in page.inner_text(f"{figure} [data-role=summary]")
