"""Browser tests in real headless Chromium (Debian's), against the built site on 127.0.0.1."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser


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


def test_no_resize_observer_means_a_local_fallback_not_a_polyfill_from_another_host(browser, server):
    """Material's bundle fetches a ResizeObserver polyfill from unpkg.com when the browser has none;
    atlas-early.js, loaded before the bundle, defines a small local one instead."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script("delete window.ResizeObserver;")
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in (None, "127.0.0.1") else None)
    page.goto(f"{server}/concepts/vaes/", wait_until="networkidle")
    assert "[native code]" not in page.evaluate("() => String(window.ResizeObserver)"), "the fallback was not used"
    # Material still works on it: instant navigation, and the deep-link highlight after it.
    page.evaluate("() => { window.__atlasSamePage = true; }")
    page.locator("a.md-nav__link[href$='#reparameterization-trick']:visible").first.click()
    page.wait_for_selector("#reparameterization-trick.atlas-target")
    page.click("a.md-nav__link[href$='concepts/gans/']")
    page.wait_for_url("**/concepts/gans/")
    assert page.evaluate("() => window.__atlasSamePage === true")
    # It calls back once on observe and again when the window is resized.
    page.evaluate("""() => { window.__sizes = 0;
        new ResizeObserver((entries) => { if (entries[0].target === document.body) window.__sizes++; }).observe(document.body); }""")
    page.wait_for_function("() => window.__sizes === 1")
    page.set_viewport_size({"width": 900, "height": 800})
    page.wait_for_function("() => window.__sizes >= 2")
    assert not outside, outside
    context.close()


# Make one enhancement throw (its own querySelectorAll call fails) and check that the others still run.
SABOTAGE = """(needle) => {
  const all = Document.prototype.querySelectorAll;
  Document.prototype.querySelectorAll = function (selector) {
    if (String(selector).includes(needle)) throw new Error("broken on purpose");
    return all.call(this, selector);
  };
}"""


@pytest.mark.parametrize(
    ("broken", "needle"),
    [("catalogue filters", ".atlas-catalogue"), ("heading copy-link buttons", ":is(h2, h3, h4)[id]")],
)
def test_one_enhancement_failing_leaves_the_others_running(browser, server, broken, needle):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(f"({SABOTAGE})({needle!r})")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/models/#catalogue")
    assert [e for e in errors if f"atlas: {broken} failed" in e], errors
    buttons = page.locator("article h2 .atlas-copy-link").count()
    filters = page.locator("form.atlas-filters select").count()
    if broken == "catalogue filters":
        assert buttons > 0 and filters == 0
    else:
        assert buttons == 0 and filters == 2
    assert "atlas-target" in (page.get_attribute("#catalogue", "class") or ""), "the deep-link highlight did not run"
    context.close()
