"""A product's name leads to the chapter that explains it (issue #16): no other page may carry it
as a search tag in its front matter, or the two pages tie and the wrong one may come first
(/applications/ tagged Jukebox, which the VAE chapter explains, and came first for it)."""

from __future__ import annotations

from atlas_build.load import load_site_data
from atlas_build.pages import read_pages
from atlas_build.paths import DOCS
from atlas_build.search_terms import search_terms

CATALOGUE = "models.md"  # lists every system: a secondary destination at boost 0.5 (mkdocs.yml)
# The transformer chapter explains GPT's architecture (decoder-only); the LLM chapter explains GPT.
SHARED = {("concepts/transformers.md", "gpt")}


def _key(name: str) -> str:
    return name.lower().replace("·", "-")


def test_no_page_tags_a_product_another_chapter_explains():
    # The names the hook adds as tags of each explaining page (search_terms.py), years aside.
    explained_in = {_key(n): page for page, names in search_terms(load_site_data(DOCS)).items() for n in names if not n.isdigit()}
    assert len(explained_in) > 50
    wrong = [
        f"{page.path} tags {tag!r}, which {explained_in[_key(tag)]} explains"
        for page in read_pages(DOCS) if page.path != CATALOGUE
        for tag in page.meta.tags
        if explained_in.get(_key(tag), page.path) != page.path and (page.path, _key(tag)) not in SHARED
    ]
    assert not wrong, "\n".join(wrong)
