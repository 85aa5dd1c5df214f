"""A table header that is only a formula gets the formula's spoken form (atlas_build/spoken.py),
read by axe and screen readers; headers with words of their own are left alone."""

from __future__ import annotations

import markdown
import pytest

from atlas_build.spoken import speak, speak_headers


@pytest.mark.parametrize(
    ("tex", "spoken"),
    [
        (r"\sqrt{d_k}", "square root of (d sub k)"),
        (r"\bar\alpha_t", "alpha bar sub t"),
        (r"\lVert U^{10} \rVert", "norm of (U to the power 10)"),
        (r"-\log D", "minus log D"),
        (r"D(G(z))", "D of (G of (z))"),
        (r"p_{\text{data}}(x)", "p sub data of (x)"),
        (r"V(D^*, G)", "V of (D star, G)"),
        (r"q \cdot p", "q dot p"),
    ],
)
def test_spoken_form(tex, spoken):
    assert speak(tex) == spoken


def built(text: str) -> str:
    return markdown.markdown(text, extensions=["tables", "atlas_build.mathml", "atlas_build.spoken"])


def test_formula_header_gets_hidden_words_and_its_math_is_hidden_from_assistive_tools():
    html = built("| $\\sqrt{d_k}$ | spread of $q$ |\n|---|---|\n| 1 | 2 |\n")
    first, second = html.split("<th>", 2)[1:]
    assert '<span class="atlas-visually-hidden">square root of (d sub k)</span>' in first
    assert '<math aria-hidden="true" ' in first
    assert "atlas-visually-hidden" not in second and "aria-hidden" not in second, "a header with words is left alone"


def test_cells_and_running_text_are_left_alone():
    html = built("$x_t$ in a sentence.\n\n| a |\n|---|\n| $x_t$ |\n")
    assert "atlas-visually-hidden" not in html and "aria-hidden" not in html


def test_already_hidden_search_text_is_kept():
    th = '<th><math alttext="x_t" display="inline"><mi>x</mi></math><span class="atlas-search-alt" hidden>x_t</span></th>'
    out = speak_headers(th)
    assert 'class="atlas-search-alt" hidden>x_t</span><span class="atlas-visually-hidden">x sub t</span></th>' in out
