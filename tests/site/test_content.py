"""The chapter standard (../shared/CONTENT.md), checked on the sources and the built pages."""

from __future__ import annotations

import re

import pytest
import yaml

from atlas_tools.built import article, figures, primary_sources, prose_words
from sitemap import CONCEPTS, ROOT, URLS, parse, required_anchors

DOCS = ROOT / "docs"
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
EXPLICIT_ID = re.compile(r"\{\s*[^}]*#[a-z0-9][a-z0-9-]*[^}]*\}\s*$")


def source_pages():
    return sorted(p for p in DOCS.rglob("*.md") if "_generated" not in p.parts)


@pytest.mark.parametrize("url", list(required_anchors()))
def test_required_anchors_exist(site, url):
    ids = parse(site / url / "index.html").ids
    missing = [a for a in required_anchors()[url] if a not in ids]
    assert not missing, f"/{url} lacks #{', #'.join(missing)}"


def test_every_heading_has_an_explicit_id():
    """Courses link to headings: an id set by hand survives rewording; a generated slug does not."""
    bad = []
    for page in source_pages():
        in_code = False
        for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(("```", "~~~")):
                in_code = not in_code
            m = None if in_code else HEADING.match(line)
            if m and not EXPLICIT_ID.search(line):
                bad.append(f"{page.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not bad, "headings without an explicit { #id }:\n" + "\n".join(bad)


def test_every_page_has_front_matter():
    for page in source_pages():
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n"), f"{page}: no front matter"
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        for key in ("title", "description", "last_reviewed"):
            assert meta.get(key), f"{page.relative_to(ROOT)}: front matter lacks {key}"


@pytest.mark.parametrize("concept", CONCEPTS)
def test_concept_page_meets_the_standard(site, concept):
    html = (site / "concepts" / concept / "index.html").read_text(encoding="utf-8")
    body = article(html)
    words = prose_words(body)
    assert 1000 <= words <= 2500, f"{concept}: {words} words of prose (standard: 1,000 to 2,500)"
    assert figures(body) >= 1, f"{concept}: no diagram"
    ids = parse(site / "concepts" / concept / "index.html").ids
    assert "key-papers" in ids, f"{concept}: no Key papers section"
    key_papers = body.split('id="key-papers"', 1)[1]
    assert len(primary_sources(key_papers)) >= 3, f"{concept}: fewer than 3 linked primary sources in Key papers"
    assert body.count('class="admonition question"') + body.count('<details class="question"') >= 3, f"{concept}: fewer than 3 questions"
    assert re.search(r'class="admonition (warning|danger|failure|bug|note)"', body), f"{concept}: no misconception admonition"


@pytest.mark.parametrize("url", URLS)
def test_images_and_diagrams_have_text_alternatives(site, url):
    page = parse(site / url / "index.html")
    for img in page.images:
        assert img.get("alt") is not None, f"/{url}: <img src={img.get('src')}> has no alt"
    for svg in page.svgs:
        if "atlas-diagram" not in (svg.get("class") or ""):
            continue
        assert svg.get("role") == "img", f"/{url}: diagram without role=img"
        labels = (svg.get("aria-labelledby") or "").split()
        assert labels and all(label in page.ids for label in labels), f"/{url}: diagram without a resolvable aria-labelledby"


def test_diagrams_do_not_hard_code_black_or_white():
    """Diagrams follow light and dark mode: colours come from CSS classes, not fixed values."""
    fixed = re.compile(r'(fill|stroke|color)\s*[=:]\s*"?\s*(#000\b|#000000|black|#fff\b|#ffffff|white)', re.I)
    bad = [p.name for p in (DOCS / "assets/diagrams").glob("*.svg") if fixed.search(p.read_text(encoding="utf-8"))]
    assert not bad, f"diagrams with fixed black/white: {bad}"


@pytest.mark.parametrize("url", URLS)
def test_diagram_text_is_not_processed_as_markdown(site, url):
    """An <abbr> or <em> inside an SVG label is not drawn: the label silently loses words."""
    html = (site / url / "index.html").read_text(encoding="utf-8")
    for svg in re.findall(r"(?s)<svg\b.*?</svg>", html):
        assert not re.search(r"<(abbr|em|strong|a|code)\b", svg), f"/{url}: Markdown markup inside an SVG: {svg[:120]}"
