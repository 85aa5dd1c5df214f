"""The Zensical build in Chromium: every page loads from the site alone, every interactive figure
mounts, and search answers (Zensical has its own search, in a dialog, with results in a shadow root)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from atlas_tools.serve import free_port, serve
from sitemap import URLS

pytestmark = pytest.mark.browser  # one worker builds it, once


@pytest.fixture(scope="session")
def zensical_server(zensical_site):
    with serve(zensical_site, free_port()) as url:
        yield url


def test_zensical_pages_load_from_the_site_alone_and_their_figures_mount(page, zensical_server):
    outside, errors, mounted = [], [], 0
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in (None, "127.0.0.1") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for url in URLS:
        page.goto(f"{zensical_server}/{url}")
        figures = page.locator("[data-atlas-figure]")
        for i in range(figures.count()):  # figures mount within a screen of the reader
            figures.nth(i).scroll_into_view_if_needed()
        page.wait_for_function("() => [...document.querySelectorAll('[data-atlas-figure]')]"
                               ".every(f => f.hasAttribute('data-atlas-figure-ready'))", timeout=10_000)
        assert not page.locator("[data-atlas-figure-failed]").count(), f"/{url}: a figure failed under Zensical"
        mounted += figures.count()
    assert mounted >= 3, f"only {mounted} interactive figures found across the Zensical build"
    assert not outside, f"requests to other hosts: {sorted(set(outside))[:10]}"
    assert not errors, f"script errors under Zensical: {errors[:5]}"


def test_zensical_search_finds_the_section(page, zensical_server):
    page.goto(f"{zensical_server}/")
    page.locator(".md-search__button").click()
    # The whole query at once, into the dialog's box once it is there: keys typed before it had
    # focus went nowhere on a busy machine, and typed one by one, a prefix's results came first.
    box = page.locator("input[aria-label=Search][aria-controls]")  # in the dialog's open shadow root
    box.fill("mode collapse", timeout=10_000)
    first = page.locator("a[role=option]").first  # Playwright's CSS locators pierce the open shadow root
    first.wait_for(timeout=10_000)
    href = urlsplit(first.get_attribute("href"))
    assert (href.path.endswith("/concepts/gans/"), href.fragment) == (True, "mode-collapse"), href.geturl()
