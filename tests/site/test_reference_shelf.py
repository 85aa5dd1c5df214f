"""The reference shelf: catalogue, timeline, references and the machine-readable indexes."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from atlas_tools.manifest import site_anchors
from sitemap import ROOT, parse

# Every system the two seed articles name (issue #3 and #6): the catalogue must keep them all.
SEED_SYSTEMS = ["DALL·E", "Stable Diffusion", "Udio", "Jukebox", "Runway", "Topaz Video AI", "GPT-3", "GPT-4",
                "Gemini", "PrivateGPT", "Rasa", "Marian", "Tower"]
LANDMARKS = ["GPT-2", "BERT", "T5", "LLaMA", "Claude", "Midjourney", "DDPM", "StyleGAN", "Whisper"]


def atlas():
    return yaml.safe_load((ROOT / "docs/data/atlas.yaml").read_text(encoding="utf-8"))


def test_catalogue_covers_the_seed_systems_and_landmarks(site):
    names = [s["name"] for s in atlas()["systems"]]
    missing = [n for n in SEED_SYSTEMS + LANDMARKS if not any(name.startswith(n) for name in names)]
    assert not missing, f"systems missing from the catalogue: {missing}"
    seeds = {s["name"] for s in atlas()["systems"] if s.get("in_seeds")}
    assert all(any(n.startswith(s) for n in seeds) for s in SEED_SYSTEMS)
    text = re.sub(r"<[^>]+>", "", (site / "models/index.html").read_text(encoding="utf-8"))  # abbr tags aside
    assert not [n for n in SEED_SYSTEMS if n not in text]


def test_timeline_has_enough_dated_events_each_linked(site):
    events = atlas()["timeline"]
    assert len(events) >= 25
    assert events[0]["date"] < "1960" and max(e["date"] for e in events) >= "2025"
    html = (site / "timeline/index.html").read_text(encoding="utf-8")
    assert html.count("<tr>") >= len(events) + 1


def test_every_reference_has_a_stable_anchor_and_a_primary_link(site):
    refs = yaml.safe_load((ROOT / "docs/data/references.yaml").read_text(encoding="utf-8"))["references"]
    assert len([r for r in refs if r.get("arxiv") or r.get("doi")]) >= 40
    ids = parse(site / "references/index.html").ids
    assert not [r["id"] for r in refs if r["id"] not in ids]


def test_concept_pages_embed_their_slice_of_the_catalogue(site):
    html = (site / "concepts/gans/index.html").read_text(encoding="utf-8")
    section = html.split('id="systems"', 1)[1].split("<h2", 1)[0]
    assert "StyleGAN" in section and "GPT-3" not in section


def test_sections_json_has_the_documented_shape_and_every_url_resolves(site):
    doc = json.loads((site / "sections.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and doc["site"] == "https://genai-atlas.github.io/genai-atlas/"
    built = site_anchors(site)
    keys = {"page", "page_title", "id", "title", "level", "summary", "minutes", "digest", "reviewed", "url"}
    for s in doc["sections"]:
        assert set(s) == keys, s
        assert s["url"].startswith(doc["site"])
        assert "/" + s["page"] + "#" + s["id"] in built, s["url"]
        assert isinstance(s["minutes"], int) and s["minutes"] >= 1, s
    assert len(doc["sections"]) > 200


def test_llms_txt_lists_every_page(site):
    text = (site / "llms.txt").read_text(encoding="utf-8")
    assert text.startswith("# GenAI Atlas\n\n> ")
    for page in ("concepts/gans/", "challenges/", "glossary/", "for-instructors/"):
        assert re.search(rf"\]\(https://genai-atlas\.github\.io/genai-atlas/{page}\)", text), page


@pytest.mark.browser
def test_catalogue_filters_without_reload(page, server):
    page.goto(f"{server}/models/")
    rows = page.locator(".atlas-catalogue tbody tr")
    total = rows.count()
    page.evaluate("() => { window.__sameDocument = true; }")
    page.select_option(".atlas-filters select[name=modality]", "image")
    visible = page.locator(".atlas-catalogue tbody tr:visible")
    assert 0 < visible.count() < total
    for text in visible.all_inner_texts():
        assert "image" in text
    assert f"of {total} systems" in page.inner_text(".atlas-filter-status")
    page.select_option(".atlas-filters select[name=family]", "diffusion")
    assert all("diffusion" in t for t in page.locator(".atlas-catalogue tbody tr:visible").all_inner_texts())
    assert page.evaluate("() => window.__sameDocument === true")


@pytest.mark.browser
def test_catalogue_is_complete_with_scripts_off(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/models/")
    assert page.locator(".atlas-catalogue tbody tr").count() == len(atlas()["systems"])
    assert page.locator(".atlas-filters").count() == 0
    context.close()


@pytest.mark.browser
def test_math_font_loads_only_on_pages_with_math(browser, server):
    for url, expect in (("glossary/", False), ("concepts/vaes/", True)):
        context = browser.new_context()
        page = context.new_page()
        fonts: list[str] = []
        page.on("request", lambda r, fonts=fonts: fonts.append(r.url) if r.url.endswith(".woff2") else None)
        page.goto(f"{server}/{url}", wait_until="networkidle")
        assert bool(fonts) == expect, f"/{url}: math font requested: {fonts}"
        context.close()
