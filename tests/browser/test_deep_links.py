"""A deep link lands on its section below the sticky header, highlighted; after instant
navigation too, and on a phone-width screen. The copy-link buttons work from the keyboard."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from atlas_tools.serve import PREFIX, free_port, serve
from conftest import build_site

pytestmark = pytest.mark.browser

TARGET = "concepts/vaes/#reparameterization-trick"


def section_position(page, anchor: str):
    page.wait_for_timeout(400)  # smooth scrolling settles
    heading = page.locator(f"#{anchor}").bounding_box()
    header = page.locator(".md-header").bounding_box()
    return heading, header


# Sections below interactive figures, which grow when they mount: the section must stay put.
BELOW_FIGURES = ["concepts/tokenization/#tokens-and-context-windows", "concepts/transformers/#systems"]
UNDER_HEADER_PX = 80


@pytest.mark.parametrize("width", [375, 1280])
def test_deep_link_shows_section_below_header_and_highlights_it(browser, server, width):
    """A cold load lands with the heading within UNDER_HEADER_PX under the header, and keeps it there
    once the figures above it have mounted (one tab per width, reused for each address)."""
    context = browser.new_context(viewport={"width": width, "height": 812})
    page = context.new_page()
    try:
        for address in [TARGET, *BELOW_FIGURES]:
            anchor = address.split("#")[1]
            page.goto(f"{server}/{address}")
            page.wait_for_selector(f"#{anchor}.atlas-target", state="attached")  # the highlight, while it lasts
            page.wait_for_function("""() => [...document.querySelectorAll('[data-atlas-figure]')].every(f =>
                f.hasAttribute('data-atlas-figure-ready') || f.getBoundingClientRect().bottom < -innerHeight
                || f.getBoundingClientRect().top > 2 * innerHeight)""", timeout=10_000)
            heading, header = section_position(page, anchor)
            below = heading["y"] - (header["y"] + header["height"])
            assert -1 <= below <= UNDER_HEADER_PX, f"/{address} at {width} px: the heading landed {below:.0f} px below the header"
            assert page.evaluate("() => location.hash") == f"#{anchor}", "the address moved on to another section"
            # Arrived at: marked by a bar at its edge, not a heavy outline box.
            style = page.eval_on_selector(f"#{anchor}", "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).boxShadow]")
            assert style[0] == "none" and style[1] != "none", f"/{address}: outline {style[0]}, shadow {style[1]}"
    finally:
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


# mkdocs.yml `extra.moved_sections`, as overrides/main.html renders it: {"old/page/#old-id": "new/page/#new-id"},
# both sides WITHOUT a leading slash (the format atlas.js's movedSections documents).
MOVED_BLOCK = re.compile(r'<script id="atlas-moved" type="application/json">.*?</script>', re.S)


def serve_with_moved(page, path: str, moved: dict[str, str]) -> None:
    """Serve `path` with its moved-sections data block replaced by `moved`."""
    block = f'<script id="atlas-moved" type="application/json">{json.dumps(moved)}</script>'

    def inject(route):
        body = MOVED_BLOCK.sub("", route.fetch().text())
        route.fulfill(body=body.replace("</body>", block + "</body>"), content_type="text/html")

    page.route(f"**/{path}", inject)


def test_moved_section_forwards_to_its_new_home(page, server):
    serve_with_moved(page, "concepts/gans/", {"concepts/gans/#old-name": "concepts/vaes/#elbo"})
    page.goto(f"{server}/concepts/gans/#old-name")
    page.wait_for_url("**/concepts/vaes/#elbo")
    page.goto(f"{server}/concepts/gans/#mode-collapse")  # an id that exists is never forwarded
    page.wait_for_timeout(300)
    assert page.url.endswith("/concepts/gans/#mode-collapse")


@pytest.mark.parametrize(
    "moved",
    [
        {"concepts/gans/#old-name": "/concepts/vaes/#elbo"},           # a leading slash
        {"concepts/gans/#old-name": "https://example.org/#elbo"},      # a scheme
        {"concepts/gans/#old-name": "//example.org/#elbo"},            # another host
        {"concepts/gans/#old-name": "javascript:alert(1)//#x"},        # a script
        {"concepts/gans/#old-name": "../../../#elbo"},                 # out of the site
        {"concepts/gans/#old-name": "\\\\example.org/#elbo"},          # backslashes count as slashes
        {"/concepts/gans/#old-name": "concepts/vaes/#elbo"},           # a key with a leading slash
        {"concepts/gans#old-name": "concepts/vaes/#elbo"},             # a key not of the form page/#id
    ],
    ids=["slash", "scheme", "host", "script", "dotdot", "backslash", "key-slash", "key-form"],
)
def test_moved_section_goes_nowhere_outside_the_site(page, server, moved):
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname not in (None, "127.0.0.1") else None)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    serve_with_moved(page, "concepts/gans/", moved)
    page.goto(f"{server}/concepts/gans/#old-name")
    # Forwarding is decided first, then the other enhancements run: once their buttons are there,
    # the page has stayed (and they still ran).
    page.wait_for_selector("article h2 .atlas-copy-link")
    page.wait_for_timeout(300)
    assert page.url == f"{server}/concepts/gans/#old-name"
    assert not outside
    assert [e for e in errors if "moved section ignored" in e], errors


def test_moved_section_in_a_built_site(browser, project_copy, tmp_path):
    """The real path: one more mkdocs.yml moved_sections entry, built and served; the old address
    lands on the new one, on a full load and after instant navigation."""
    old, new = "concepts/gans/#a-section-that-moved", "concepts/vaes/#reparameterization-trick"
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    entry = f'    "{old}": "{new}"\n'
    text, n = re.subn(r"^  moved_sections: *\{\} *\n", "  moved_sections:\n" + entry, text, flags=re.M)
    if not n:
        text, n = re.subn(r"^  moved_sections: *\n", lambda m: m.group(0) + entry, text, flags=re.M)
    assert n == 1, "mkdocs.yml has no extra.moved_sections mapping to add to"
    config.write_text(text, encoding="utf-8")
    port = free_port()
    site = build_site(project_copy, tmp_path / "site", site_url=f"http://127.0.0.1:{port}{PREFIX}/")
    assert f'"{old}": "{new}"' in (site / "concepts/gans/index.html").read_text(encoding="utf-8")
    with serve(site, port) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.goto(f"{url}/{old}")
        page.wait_for_url(f"{url}/{new}")
        page.wait_for_selector("#reparameterization-trick.atlas-target")
        # Instant navigation: a link to the old address, followed from another page.
        page.goto(f"{url}/generative-ai-vs-llms/", wait_until="networkidle")
        page.evaluate("(href) => { const a = document.createElement('a'); a.href = href; a.id = 'old-link'; a.textContent = 'old';"
                      " document.querySelector('article').append(a); }", f"{url}/{old}")
        page.click("#old-link")
        page.wait_for_url(f"{url}/{new}")
        context.close()


@pytest.mark.parametrize("fragment", ["%", "%ZZ", "%E0%A4%A"])
def test_a_malformed_hash_leaves_every_enhancement_working(page, server, fragment):
    uncaught: list[str] = []
    page.on("pageerror", lambda e: uncaught.append(str(e)))
    page.goto(f"{server}/models/#{fragment}", wait_until="networkidle")
    assert page.evaluate("() => location.hash") == f"#{fragment}"
    page.wait_for_selector("form.atlas-filters select")
    assert page.locator("article h2 .atlas-copy-link").count() > 0
    assert not uncaught, uncaught
