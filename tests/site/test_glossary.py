"""The glossary and the acronym tooltips come from one source and cover the whole site."""

from __future__ import annotations

import html as htmllib
import re

import pytest
import yaml

from atlas_build.urls import page_url
from atlas_tools.built import article, read, without_hidden
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
    body = without_hidden(body)
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


# Every entry's `see:` must point where the term is explained: the target section (or page) names
# the term, its acronym or its expansion; and when a section of the target page is titled for the
# term, `see:` points at it (or at a section around or inside it), not at a neighbour that only uses
# the term. Pages titled for the term (the RNN chapter for "RNN") may point at any of their sections;
# worked examples, misconceptions and questions illustrate a term rather than explain it.
HEADING = re.compile(r'<h([2-6])\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)
NOT_EXPLANATIONS = re.compile(r"worked-example|misconceptions|check-your-understanding|key-papers")


def _stem(word: str) -> str:
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    return word


def words(text: str) -> str:
    """Lower-case word stems joined by single spaces, hyphens and slashes read as spaces, so
    "Vanishing gradients" contains "vanishing gradient" and "top-p" matches "top p"."""
    text = htmllib.unescape(text).lower().replace("\u2019", "'")
    return " " + " ".join(_stem(w) for w in re.findall(r"[a-z0-9\u00b7\u03b2]+", re.sub(r"[-\u2010\u2011\u2013\u2014/]", " ", text))) + " "


def names(term: dict) -> list[str]:
    """What a section may call the term: the term, its acronym, the acronym's expansion, and for a
    term with a parenthesis ("Top-p (nucleus) sampling") each reading ("top-p sampling", "nucleus sampling")."""
    out = [term["term"]] + [term[k] for k in ("abbr", "expansion") if term.get(k)]
    for name in list(out):
        m = re.fullmatch(r"(.*?)\s*\((.+?)\)\s*(.*)", name)
        if m:  # a trailing parenthesis only qualifies: "Watermark (of generated content)"
            out += [f"{m[1]} {m[3]}", f"{m[2]} {m[3]}"] if m[3] else [m[1]]
    return [words(n) for n in out if n.strip()]


def plain(fragment: str) -> str:
    return words(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style|math|svg)\b.*?</\1>", " ", fragment)))


def sections(body: str) -> dict[str, tuple[int, int, str]]:
    """Each heading's id -> (start, end, heading text): a section runs to the next heading of its level or higher."""
    heads = [(m.start(), int(m[1]), m[2], m[3]) for m in HEADING.finditer(body)]
    out = {}
    for i, (start, level, hid, title) in enumerate(heads):
        end = next((s for s, lv, _, _ in heads[i + 1 :] if lv <= level), len(body))
        out[hid] = (start, end, title)
    return out


def misplaced(term: dict, site) -> str | None:
    """Why `see:` does not point where the term is explained, or None when it does."""
    path, _, anchor = term["see"].partition("#")
    body = article(read(site / page_url(path) / "index.html"))
    spans = sections(body)
    wanted = names(term)
    if not anchor:
        start, end = 0, len(body)
    elif anchor in spans:
        start, end, _ = spans[anchor]
    else:  # an anchor on another element, such as an entry of /references/
        m = re.search(rf'<(\w+)\b[^>]*\bid="{re.escape(anchor)}"[^>]*>(.*?)</\1>', body, re.S)
        if not m:
            return f"{term['see']}: no such anchor"
        start, end = m.start(), m.end()
    if not any(n in plain(body[start:end]) for n in wanted):
        return f"{term['see']} never names {term['term']!r}"
    h1 = re.search(r"<h1\b[^>]*>(.*?)</h1>", body, re.S)
    if anchor and not any(n in plain(h1[1] if h1 else "") for n in wanted):
        titled = [
            (s, e, hid)
            for hid, (s, e, title) in spans.items()
            if not NOT_EXPLANATIONS.match(hid) and any(n in plain(title) for n in wanted)
        ]
        if titled and not any((s <= start and end <= e) or (start <= s and e <= end) for s, e, _ in titled):
            return f"{term['see']}: the page has a section titled for it, #{titled[0][2]}"
    return None


def test_every_glossary_entry_points_where_its_term_is_explained(site):
    wrong = [f"{t['id']}: {why}" for t in terms() if (why := misplaced(t, site))]
    assert not wrong, "glossary entries whose `see:` misses the term:\n" + "\n".join(wrong)


def test_the_see_check_can_fail(site):
    pbc = next(t for t in terms() if t["id"] == "pbc")
    assert misplaced(pbc, site) is None
    assert "never names" in misplaced({**pbc, "see": "concepts/gans.md#intuition"}, site)
    assert "no such anchor" in misplaced({**pbc, "see": "challenges.md#no-such-section"}, site)
    clip = next(t for t in terms() if t["id"] == "clip")
    assert "titled for it, #text-conditioning" in misplaced({**clip, "see": "concepts/diffusion-models.md#latent-diffusion"}, site)
    assert [w.strip() for w in names({"term": "Top-p (nucleus) sampling"})] == ["top p nucleu sampling", "top p sampling", "nucleu sampling"]
    assert [w.strip() for w in names({"term": "Watermark (of generated content)"})] == ["watermark of generated content", "watermark"]
