"""A product's name leads to the chapter that explains it (issue #16): no other page may carry it
as a search tag in its front matter, or the two pages tie and the wrong one may come first
(/applications/ tagged Jukebox, which the VAE chapter explains, and came first for it)."""

from __future__ import annotations

import re

import yaml

from atlas_build.paths import DOCS

CATALOGUE = "models.md"  # lists every system: a secondary destination at boost 0.5 (mkdocs.yml)
# The transformer chapter explains GPT's architecture (decoder-only); the LLM chapter explains GPT.
SHARED = {("concepts/transformers.md", "gpt")}


def _key(name: str) -> str:
    return name.lower().replace("·", "-")


def test_no_page_tags_a_product_another_chapter_explains():
    atlas = yaml.safe_load((DOCS / "data" / "atlas.yaml").read_text(encoding="utf-8"))
    explained_in = {_key(n): s["concept"].split("#")[0] for s in atlas["systems"] for n in [s["name"], *(s.get("aliases") or [])]}
    assert len(explained_in) > 50
    wrong = []
    for page in sorted(DOCS.rglob("*.md")):
        rel = page.relative_to(DOCS).as_posix()
        if rel.startswith("_generated/") or rel == CATALOGUE:
            continue
        front = page.read_text(encoding="utf-8").split("\n---", 1)[0]
        tags = re.search(r"^tags: \[(.*)\]$", front, re.M)
        for tag in (t.strip() for t in tags.group(1).split(",")) if tags else ():
            home = explained_in.get(_key(tag))
            if home and home != rel and (rel, _key(tag)) not in SHARED:
                wrong.append(f"{rel} tags {tag!r}, which {home} explains")
    assert not wrong, "\n".join(wrong)
