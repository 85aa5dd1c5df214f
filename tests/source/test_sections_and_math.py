"""Section summaries and the MathML fixes, tested where they are made (each test fails if the
summary rule or a fix is cut or removed)."""

from __future__ import annotations

from atlas_build.mathml import to_mathml
from atlas_build.pages import read_page
from atlas_build.sections import read_sections

PAGE = """\
---
title: Idea page
---

# Idea page { #idea-page }

The page's answer comes first, in one sentence a reader could quote. A second sentence follows.

## The idea { #idea }

A first sentence that says what the section covers, long enough to be useful to an instructor. Then more.

## A list { #a-list }

- The first item says what the list is about.
- Another item.

## Long { #long }

""" + "word " * 80 + """end.
"""


def sections(tmp_path):
    (tmp_path / "idea.md").write_text(PAGE, encoding="utf-8")
    return {s.id: s for s in read_sections(read_page(tmp_path, "idea.md"))}


def test_a_summary_is_the_first_whole_sentence(tmp_path):
    s = sections(tmp_path)
    assert s["idea-page"].summary == "The page's answer comes first, in one sentence a reader could quote."
    assert s["idea"].summary == "A first sentence that says what the section covers, long enough to be useful to an instructor."
    assert s["a-list"].summary == "The first item says what the list is about."
    assert s["idea"].page_title == "Idea page" and s["idea"].page == "idea/"


def test_a_long_sentence_is_cut_at_a_word_near_200_characters(tmp_path):
    summary = sections(tmp_path)["long"].summary
    assert 180 <= len(summary) <= 200 and summary.endswith("…")


def test_display_limits_go_under_and_over_the_operator():
    display, inline = to_mathml(r"\sum_{i=1}^{n} x_i", display=True), to_mathml(r"\sum_{i=1}^{n} x_i", display=False)
    assert "<munderover>" in display and "<msubsup>" not in display
    assert "<munderover>" not in inline
    assert "<munder>" in to_mathml(r"\min_{G} V", display=True)


def test_sim_is_the_relation_operator_not_a_tilde():
    mathml = to_mathml(r"z \sim \mathcal{N}(0, I)", display=False)
    assert "<mo>&#x0223C;</mo>" in mathml and "&#x0007E;" not in mathml
