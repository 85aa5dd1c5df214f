"""The worked examples' grid component (atlas_build/grids.py): a real table per matrix, shaded by the
size of its numbers (which are always printed), labels through the one text renderer, operations
that add no prose, and one raw HTML block per row of grids."""

from __future__ import annotations

import math
import re

import pytest

from atlas_build.grids import grid, number, op, pipeline, read
from atlas_tools.built import prose_words


def test_a_grid_is_a_table_with_a_caption_and_headers_for_every_row_and_column():
    html = grid([[1, -2], [0, 4]], "A = B C", ["the", "cat"], ["x", "y"], digits=0, words="scores")
    assert html.startswith('<table class="atlas-grid"><caption><math alttext="A = B C"')
    assert "</math> scores</caption>" in html
    assert re.findall(r'<th scope="col">(.*?)</th>', html) == ["x", "y"]
    assert re.findall(r'<th scope="row">(.*?)</th>', html) == ["the", "cat"]
    assert '<td class="atlas-grid-corner"></td>' in html   # the corner is no header: nothing to name
    assert read(html, "A = B C") == {"the": ["1", "−2"], "cat": ["0", "4"]}


def test_shades_follow_the_size_of_the_number_and_its_sign():
    html = grid([[0, 1, -2, 4], [-math.inf, 0.5, 3.9, -0.0]], "S", ["a", "b"], ["1", "2", "3", "4"], digits=1)
    shades = re.findall(r'<td class="(atlas-l[^"]*)">([^<]*)</td>', html)
    assert shades == [
        ("atlas-l0", "0.0"), ("atlas-l1", "1.0"), ("atlas-l2 atlas-neg", "−2.0"), ("atlas-l5", "4.0"),
        ("atlas-l5 atlas-neg atlas-inf", "−∞"), ("atlas-l1", "0.5"), ("atlas-l5", "3.9"), ("atlas-l0", "0.0"),
    ]
    # A fixed scale: weights in [0, 1] shade alike in every grid.
    assert 'class="atlas-l1">0.2' in grid([[0.2]], "W", ["a"], ["b"], digits=1, top=1)


def test_numbers_have_true_minus_signs_and_no_negative_zero():
    assert [number(v, 3) for v in (-0.0004, -1.5, 2, -math.inf)] == ["0.000", "−1.500", "2.000", "−∞"]


def test_labels_are_plain_text_through_the_renderer_or_formulas():
    html = grid([[1]], "x", ["<b>*a*</b> {#id}"], ["$y_1$"], digits=0)
    row = re.search(r'<th scope="row">(.*?)</th>', html).group(1)
    assert "<b>" not in row and "*" not in row and "{" not in row and row.startswith("&#60;b&#62;")
    assert re.search(r'<th scope="col"><math alttext="y_1"', html)
    words = grid([[1]], "x", ["a"], ["b"], words="<i>hi</i>")
    assert "<i>" not in words and "&#60;i&#62;hi" in words


def test_a_grid_must_have_a_label_for_every_row_and_column():
    with pytest.raises(ValueError, match="2x1 values for 2x2 labels"):
        grid([[1], [2]], "x", ["a", "b"], ["c", "d"])


def test_operations_add_no_words_and_a_row_is_one_html_block():
    row = pipeline(grid([[1]], "A", ["a"], ["b"]), op(r"\operatorname{softmax}"), grid([[1]], "B", ["a"], ["b"]))
    ops = re.findall(r'<div class="atlas-grid-op" aria-hidden="true">(.*?)</div>', row)
    assert len(ops) == 1 and re.fullmatch(r"(?s)<math\b.*</math>", ops[0]), "an operation holds its formula only"
    assert prose_words(row) == 0   # tables and formulas are not prose: a chapter's word budget is untouched
    assert row.startswith('<div class="atlas-grids">') and row.endswith("</div>\n") and "\n\n" not in row
