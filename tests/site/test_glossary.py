"""The glossary and the acronym tooltips come from one source and cover the whole site."""

from __future__ import annotations

import html as htmllib
import re

import pytest
import yaml

from atlas_tools.built import article
from sitemap import ROOT, URLS, parse

ACRONYM = re.compile(r"(?<![\w/#.-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?![\w/-])")
# Capitalised words that are names, not abbreviations a reader needs expanded.
NOT_ACRONYMS = {
    "DALL",  # DALL·E, a product name
    "JND",   # JND Legal Administration, a company named in a court record
}


def terms() -> list[dict]:
    return yaml.safe_load((ROOT / "docs/data/glossary.yaml").read_text(encoding="utf-8"))["terms"]


def visible_text(page_html: str) -> str:
    body = article(page_html)
    body = re.sub(r"(?s)<(script|style|math|svg|pre|code)\b.*?</\1>", " ", body)
    body = re.sub(r"(?s)<abbr\b[^>]*>.*?</abbr>", " ", body)  # already expanded
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", body))


def test_glossary_has_enough_terms_each_with_an_anchor(site):
    entries = terms()
    assert len(entries) >= 60, f"only {len(entries)} glossary terms"
    ids = parse(site / "glossary/index.html").ids
    missing = [t["id"] for t in entries if t["id"] not in ids]
    assert not missing, f"glossary terms without an anchor on /glossary/: {missing}"


def test_abbreviation_list_is_generated_from_the_glossary():
    generated = (ROOT / "docs/_generated/abbreviations.md").read_text(encoding="utf-8")
    expected = {t["abbr"]: t.get("expansion") or t["term"] for t in terms() if t.get("abbr")}
    found = dict(re.findall(r"^\*\[([^\]]+)\]: (.+)$", generated, re.M))
    assert found == expected


def uncovered(found: list[str], known: set[str]) -> list[str]:
    """Acronyms without a tooltip. Like the abbr extension, "GPT-4" is covered by "GPT", and
    "WGAN-GP" by an entry for the whole name or for each capitalised part."""
    out = set()
    for token in found:
        if token in known:
            continue
        out.update(p for p in token.split("-") if ACRONYM.fullmatch(p) and p not in known)
    return sorted(out)


@pytest.mark.parametrize("url", URLS)
def test_every_acronym_on_the_page_has_a_tooltip(site, url):
    known = {t["abbr"] for t in terms() if t.get("abbr")} | NOT_ACRONYMS
    text = visible_text((site / url / "index.html").read_text(encoding="utf-8"))
    unknown = uncovered(ACRONYM.findall(text), known)
    assert not unknown, f"/{url} uses acronyms the glossary lacks (add them with `abbr`): {unknown}"


def test_tooltips_are_rendered(site):
    html = (site / "concepts/gans/index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="Generative adversarial network">GAN</abbr>', html)


def test_the_acronym_check_can_fail():
    text = visible_text("<article><p>The ELBO and KL terms; not A or Ab; GPT-4 and WGAN-GP. <math>KL</math></p></article>")
    assert ACRONYM.findall(text) == ["ELBO", "KL", "GPT-4", "WGAN-GP"]
    assert uncovered(ACRONYM.findall(text), {"ELBO", "GPT", "WGAN"}) == ["GP", "KL"]
