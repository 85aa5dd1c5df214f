"""A deep link lands on its section below the sticky header, highlighted; after instant
navigation too, and on a phone-width screen. The copy-link buttons work from the keyboard."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

TARGET = "concepts/vaes/#reparameterization-trick"


def section_position(page, anchor: str):
    page.wait_for_timeout(400)  # smooth scrolling settles
    heading = page.locator(f"#{anchor}").bounding_box()
    header = page.locator(".md-header").bounding_box()
    return heading, header


@pytest.mark.parametrize("width", [375, 1280])
def test_deep_link_shows_section_below_header_and_highlights_it(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/{TARGET}")
    heading, header = section_position(page, "reparameterization-trick")
    assert heading["y"] >= header["y"] + header["height"] - 1, "section hidden under the sticky header"
    assert heading["y"] < 400, "section not scrolled into view"
    assert "atlas-target" in (page.get_attribute("#reparameterization-trick", "class") or "")
    context.close()


def test_deep_link_after_instant_navigation(page, server):
    # networkidle: instant navigation starts once Material has read sitemap.xml
    page.goto(f"{server}/generative-ai-vs-llms/", wait_until="networkidle")
    page.evaluate("() => { window.__atlasSamePage = true; }")
    page.click("article a[href$='concepts/vaes/']")
    page.wait_for_url("**/concepts/vaes/**")
    # the table of contents (instant navigation rewrites its hrefs to absolute URLs)
    page.locator("a.md-nav__link[href$='#reparameterization-trick']:visible").first.click()
    assert page.evaluate("() => window.__atlasSamePage === true"), "navigation reloaded the page: instant navigation is off"
    heading, header = section_position(page, "reparameterization-trick")
    assert heading["y"] >= header["y"] + header["height"] - 1
    assert "atlas-target" in (page.get_attribute("#reparameterization-trick", "class") or "")


def test_copy_link_button_is_keyboard_reachable_and_announces(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{server}/concepts/gans/")
    button = page.locator("#minimax-objective .atlas-copy-link")
    assert "Copy link to section" in button.get_attribute("aria-label")
    button.focus()
    assert page.evaluate("() => document.activeElement.classList.contains('atlas-copy-link')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[role=status][aria-live=polite]')?.textContent.includes('copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{server}/concepts/gans/#minimax-objective"
    context.close()


def test_moved_section_forwards_to_its_new_home(page, server):
    """mkdocs.yml extra.moved_sections is rendered into each page; atlas.js follows it."""
    moved = '<script id="atlas-moved" type="application/json">{"concepts/gans/#old-name": "concepts/vaes/#elbo"}</script>'

    def inject(route):
        body = route.fetch().text()
        route.fulfill(body=body.replace("</body>", moved + "</body>"), content_type="text/html")

    page.route("**/concepts/gans/", inject)
    page.goto(f"{server}/concepts/gans/#old-name")
    page.wait_for_url("**/concepts/vaes/#elbo")
    page.goto(f"{server}/concepts/gans/#mode-collapse")  # an id that exists is never forwarded
    page.wait_for_timeout(300)
    assert page.url.endswith("/concepts/gans/#mode-collapse")
