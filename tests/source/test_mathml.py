"""Formulas are set as TeX sets them (issue #15): atlas_build/mathml.py, Temml at build time.

Each case is one of the flaws Chromium showed with the former converter (latex2mathml): `= −∞`
spaced as a subtraction, operator names with operator spacing, a floating transpose, brackets that
reserve the width of their largest size around short content, display limits beside a sum.
"""

from __future__ import annotations

import pytest

from atlas_build.mathml import MathError, to_mathml

MINUS, INFINITY, TOP, SUM, APPLY = "&#x02212;", "&#x0221E;", "&#x022A4;", "&#x02211;", "&#x02061;"


def test_a_minus_after_a_relation_is_a_sign_and_infinity_a_symbol():
    mathml = to_mathml(r"M_{ij} = -\infty", display=True)
    assert f'<mo>=</mo><mo form="prefix" stretchy="false">{MINUS}</mo><mi>{INFINITY}</mi>' in mathml


def test_operator_names_are_names_applied_to_their_argument():
    mathml = to_mathml(r"\operatorname{LayerNorm}(\mathbf{x})", display=True)
    assert f"<mi>LayerNorm</mi><mo>{APPLY}</mo>" in mathml and "<mo>LayerNorm</mo>" not in mathml
    assert f"<mi>log</mi><mo>{APPLY}</mo>" in to_mathml(r"\log p", display=False)


def test_the_transpose_is_an_ordinary_symbol_in_the_superscript():
    assert f"<mi>{TOP}</mi></msup>" in to_mathml(r"\mathbf{q}^\top \mathbf{k}", display=True)


def test_display_sums_keep_their_limits_under_and_over_and_inline_ones_beside():
    display, inline = to_mathml(r"\sum_{i=1}^{n} x_i", display=True), to_mathml(r"\sum_{i=1}^{n} x_i", display=False)
    assert f'<munderover><mo movablelimits="false">{SUM}</mo>' in display
    assert "<msubsup>" in inline and "<munderover>" not in inline


def test_brackets_stretch_only_around_what_is_taller_than_a_bracket():
    rotary = to_mathml(r"\left( R(s\theta)\,\mathbf{q} \right)^\top", display=True)
    assert 'stretchy="true"' not in rotary
    assert rotary.count('stretchy="false"') == 4
    fraction = to_mathml(r"\left( \frac{a}{b} \right)", display=True)
    assert fraction.count('stretchy="true"') == 2
    limits = to_mathml(r"\phi\left( \sum_{i=1}^{n} w_i x_i + b \right)", display=True)
    assert limits.count('stretchy="true"') == 2
    # Inner brackets are decided first, so short brackets inside short brackets unstretch both.
    nested = to_mathml(r"\left[ \log\left(1 - D(G(z))\right) \right]", display=True)
    assert 'stretchy="true"' not in nested
    assert to_mathml(r"\left( \left( \frac{a}{b} \right) \right)", display=True).count('stretchy="true"') == 4


def test_the_start_tag_is_the_sites_and_the_text_is_ascii():
    mathml = to_mathml(r"\alpha < \frac{1}{2}", display=False)
    assert mathml.startswith('<math alttext="\\alpha &lt; \\frac{1}{2}" xmlns="http://www.w3.org/1998/Math/MathML" display="inline">')
    assert "tml-" not in mathml and "style=" not in mathml and mathml.isascii()
    assert to_mathml("x", display=True).startswith('<math alttext="x" xmlns="http://www.w3.org/1998/Math/MathML" display="block">')


def test_a_formula_that_cannot_be_converted_names_its_tex():
    with pytest.raises(MathError, match=r"\\frac\{1"):
        to_mathml(r"\frac{1", display=True)


def test_the_bar_accent_is_a_mark_the_math_font_has():
    mathml = to_mathml(r"\bar{\alpha}_t", display=False)
    assert "<mover>" in mathml and "&#x000AF;" in mathml and "&#x0203E;" not in mathml
