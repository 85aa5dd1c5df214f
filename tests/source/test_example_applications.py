"""The applications page's retrieval example: recompute it independently and check the page shows it.

The module under test (scripts/examples/applications_retrieval.py) ranks three passages by
cosine similarity with NumPy. Here the same numbers are recomputed in plain Python from the
vectors as the page states them (copied, not imported), the ranking is redone by hand, and the
generated fragment must show the same numbers, the same order and a prompt holding the top two
passages in that order. The page must include the fragment.
"""

from __future__ import annotations

import math

import pytest

from atlas_build.examples import applications_retrieval as ar
from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "applications.md"

# The inputs exactly as the page states them.
QUERY = [0.9, 0.3, 0.2]
PASSAGES = {
    "warranty": [0.8, 0.1, 0.1],
    "returns": [0.3, 0.9, 0.1],
    "battery": [0.4, 0.2, 2.0],
}


def dot(a, b):
    return sum(x * y for x, y in zip(a, b, strict=True))


def length(a):
    return math.sqrt(sum(x * x for x in a))


def cos(a, b):
    return dot(a, b) / (length(a) * length(b))


@pytest.fixture(scope="session")
def fragment() -> str:
    return example_fragment("applications-retrieval")


def test_hand_computed_cosines_match_known_values():
    # Written out by hand: 0.77 / (sqrt(0.94) * sqrt(0.66)) and so on.
    assert cos(QUERY, PASSAGES["warranty"]) == pytest.approx(0.77 / math.sqrt(0.94 * 0.66))
    assert round(cos(QUERY, PASSAGES["warranty"]), 3) == 0.978
    assert round(cos(QUERY, PASSAGES["returns"]), 3) == 0.605
    assert round(cos(QUERY, PASSAGES["battery"]), 3) == 0.413


def test_module_agrees_with_the_independent_computation():
    assert list(ar.Q) == QUERY
    for row, vec in zip(ar.P, PASSAGES.values(), strict=True):
        assert list(row) == vec
        assert ar.cosine(ar.Q, row) == pytest.approx(cos(QUERY, vec), abs=1e-12)


def test_ranking_cosine_versus_dot_product():
    names = list(PASSAGES)
    by_cos = sorted(names, key=lambda n: -cos(QUERY, PASSAGES[n]))
    by_dot = sorted(names, key=lambda n: -dot(QUERY, PASSAGES[n]))
    assert by_cos == ["warranty", "returns", "battery"]
    assert by_dot == ["battery", "warranty", "returns"]  # the long vector wins the raw dot product
    assert [names[i] for i in ar.rank(ar.Q, ar.P)] == by_cos


def test_fragment_shows_the_numbers(fragment):
    for name, vec in PASSAGES.items():
        c = cos(QUERY, vec)
        assert f"**{c:.3f}**" in fragment, f"{name}: cosine {c:.3f} missing"
        assert f"| {dot(QUERY, vec):.2f} |" in fragment
        assert f"| {length(vec):.3f} |" in fragment
    assert f"{length(QUERY):.3f}" in fragment


def test_fragment_prompt_holds_the_top_two_in_order(fragment):
    prompt = fragment.split("```text", 1)[1].split("```", 1)[0]
    first = prompt.index("[1] The warranty covers defects")
    second = prompt.index("[2] You can return an unopened product")
    assert first < second < prompt.index("Question: How long does the warranty last?")
    assert "battery" not in prompt


def test_page_includes_the_fragment():
    assert '--8<-- "examples/applications-retrieval.md"' in PAGE.read_text(encoding="utf-8")
