"""Browser tests in real headless Chromium (Debian's), against the built site on 127.0.0.1."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from sitemap import URLS

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(page, server):
    """Fonts, scripts, styles and images all come from the site itself."""
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in (None, "127.0.0.1") else None)
    for url in URLS:
        page.goto(f"{server}/{url}", wait_until="networkidle")
    assert not outside, f"requests to other hosts: {sorted(set(outside))[:10]}"


def test_formulas_are_typeset_not_raw_tex(page, server):
    checked = 0
    for url in URLS:
        page.goto(f"{server}/{url}")
        text = page.inner_text("article")
        assert not re.search(r"\$\$|\\frac|\\mathbb|\\sum_|\\left\(", text), f"/{url} shows raw TeX"
        sizes = page.eval_on_selector_all("article math", "els => els.map(e => e.getBoundingClientRect().width)")
        assert all(w > 0 for w in sizes), f"/{url}: a <math> element renders with zero width"
        checked += len(sizes)
    assert checked > 20, f"only {checked} formulas found across the site"


def test_theme_toggle_switches_between_light_and_dark(page, server):
    page.emulate_media(color_scheme="light")
    page.goto(f"{server}/")
    schemes = set()
    for _ in range(3):
        schemes.add(page.get_attribute("body", "data-md-color-scheme"))
        page.click("form[data-md-component=palette] label:visible")
    assert {"default", "slate"} <= schemes


def test_search_box_finds_the_chapter(page, server):
    page.goto(f"{server}/")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "diffusion")
    first = page.wait_for_selector(".md-search-result__item a", timeout=15000)
    assert "concepts/diffusion-models/" in first.get_attribute("href")


def test_edit_link_and_breadcrumbs(page, server):
    page.goto(f"{server}/concepts/gans/")
    edit = page.get_attribute("a.md-content__button[href*=edit]", "href")
    assert edit == "https://github.com/genai-atlas/genai-atlas/edit/main/docs/concepts/gans.md"
    assert "Concepts" in page.inner_text(".md-path")
