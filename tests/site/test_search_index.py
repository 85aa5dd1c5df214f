"""What the search index holds (issue #16): excluded pages and sections stay out, diagrams and formulas do not
leak into excerpts, and systems' names reach the chapter that explains them."""

from __future__ import annotations

import json
import re

import pytest

from atlas_build.searchable import exclude_from_search, readable
from sitemap import ROOT


@pytest.fixture(scope="session")
def index(site):
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_pages_excluded_in_front_matter_are_not_indexed(index):
    excluded = [p.relative_to(ROOT / "docs").with_suffix("").as_posix() + "/" for p in (ROOT / "docs").rglob("*.md")
                if re.search(r"^search:\s*\n\s+exclude:\s*true", p.read_text(encoding="utf-8").split("\n---", 1)[0], re.M)]
    leaked = sorted({d["location"] for d in index["docs"] for page in excluded if d["location"].startswith(page)})
    assert not leaked, f"excluded from search but indexed: {leaked}"
    assert any(d["location"].startswith("concepts/gans/#") for d in index["docs"]), "sections are still indexed one by one"


def test_sections_excluded_by_their_heading_are_not_indexed(index, site):
    """/for-instructors/ is searchable for its own prose (citing, licence, quizzes), not for its
    reading paths and section index, which repeat every page's titles and summaries."""
    html = (site / "for-instructors" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<h[1-6] data-search-exclude id="([^"]+)"', html)
    assert {"reading-paths", "section-index"} <= set(ids) and len(ids) >= 6, ids
    leaked = sorted(d["location"] for d in index["docs"] if d["location"].split("#")[-1] in ids and d["location"].startswith("for-instructors/"))
    assert not leaked, f"marked data-search-exclude but indexed: {leaked}"
    words = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("for-instructors/"))
    assert "Large language models in one 90-minute class" not in words, "a reading path's title is indexed"
    assert any(d["location"] == "for-instructors/#citing" for d in index["docs"]), "the page's own sections are indexed"


def test_every_diagram_and_formula_is_marked_for_the_indexer(site):
    unmarked, seen = [], 0
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        tags = re.findall(r'<svg class="atlas-diagram"[^>]*>|<svg data-search-exclude class="atlas-diagram"[^>]*>|<math\b[^>]*>', text)
        unmarked += [f"{html.relative_to(site)}: {tag[:60]}" for tag in tags if "data-search-exclude" not in tag]
        seen += len(tags)
    assert seen > 100, "diagrams and formulas were found"
    assert not unmarked, "\n".join(unmarked[:10])


def test_excerpts_carry_no_diagram_labels_and_no_flattened_formulas(index):
    by_location = {d["location"]: d for d in index["docs"]}
    sampling = by_location["concepts/large-language-models/#sampling-and-temperature"]["text"]
    assert "z_i is the logit" in sampling, sampling[:400]  # the readable form of an inline formula
    assert "zi is the logit" not in sampling
    assert all("<svg" not in d["text"] and "<math" not in d["text"] for d in index["docs"])
    # The GAN training-loop diagram's own labels never reach the index as text of that section.
    svg = (ROOT / "docs/assets/diagrams/gans-training-loop.svg").read_text(encoding="utf-8")
    prose = (ROOT / "docs/concepts/gans.md").read_text(encoding="utf-8")
    labels = [t for t in re.findall(r"<text[^>]*>([^<]{8,})</text>", svg) if t not in prose]  # words only the diagram has
    assert labels, "the diagram has labels to check"
    gan_text = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("concepts/gans/"))
    assert not [t for t in labels if t in gan_text]


def test_readable_form_of_short_formulas():
    assert readable("z_i") == "z_i"
    assert readable(r"\sqrt{d_k}") == "√d_k"
    assert readable(r"\mathbf{x}_t") == "x_t"
    assert readable(r"\frac{a}{b}") is None  # longer or structured formulas are left out
    marked = exclude_from_search('<p><math alttext="T" display="inline"><mi>T</mi></math> and <svg class="x"></svg></p>')
    assert marked.count("data-search-exclude") == 2 and '<span class="atlas-search-alt" hidden>T</span>' in marked


def test_system_names_are_search_tags_of_their_chapter(index):
    tags = {d["location"]: d.get("tags", []) for d in index["docs"]}
    assert "ChatGPT" in tags["concepts/large-language-models/"]
    assert "Copilot" in tags["applications/"] and "GitHub Copilot" in tags["applications/"]
    assert "ChatGPT" not in tags["concepts/gans/"]
