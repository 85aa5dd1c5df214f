"""Keyboard use in real Chromium: a skip link first, a visible focus on everything Tab reaches,
and search from the keyboard alone (open, type, pick a result), on a phone and a desktop width."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

WIDTHS = {"375px": {"width": 375, "height": 812}, "1280px": {"width": 1280, "height": 900}}
PAGE = "concepts/transformers/"  # long page: tables, formulas, figures, code, admonitions
TABS = 80

# What Tab landed on: whether it is on screen and how its focus is drawn. Material draws the
# palette toggle's focus on the <label> that follows the (visually hidden) radio input.
FOCUS_FACTS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const drawn = el.matches('.md-option') ? el.nextElementSibling : el;
  const s = getComputedStyle(drawn), r = drawn.getBoundingClientRect();
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1.5) || (s.boxShadow && s.boxShadow !== 'none');
  const onScreen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth
    && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.2;
  const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '') + (el.getAttribute('aria-label') ? `[aria-label="${el.getAttribute('aria-label')}"]` : '');
  return {name, ring, onScreen};
}"""


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param])
    page = context.new_page()
    yield page
    context.close()


def test_skip_link_comes_first_and_moves_to_the_content(sized_page, server):
    page = sized_page
    page.goto(f"{server}/{PAGE}")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.matches('a.md-skip')"), "the first Tab stop is not the skip link"
    page.wait_for_timeout(400)  # Material fades the skip link in (opacity .175 s after .075 s)
    facts = page.evaluate(FOCUS_FACTS)
    assert facts["onScreen"] and facts["ring"], f"the focused skip link is not visible: {facts}"
    target = page.evaluate("() => new URL(document.querySelector('a.md-skip').href).hash")
    assert target == "#" + page.get_attribute("article h1", "id"), f"the skip link points to {target}, not the page title"
    page.keyboard.press("Enter")
    page.wait_for_function("h => location.hash === h", arg=target)
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('article')"), "Tab after the skip link did not land in the article"


def test_every_tab_stop_shows_where_focus_is(sized_page, server):
    page = sized_page
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    problems, seen = [], 0
    for _ in range(TABS):
        page.keyboard.press("Tab")
        facts = page.evaluate(FOCUS_FACTS)
        if facts is None:
            continue
        seen += 1
        if not facts["onScreen"]:  # give fades and smooth scrolling a moment, then look again
            page.wait_for_timeout(400)
            facts = page.evaluate(FOCUS_FACTS)
            if facts is None:
                continue
        if not facts["onScreen"]:
            problems.append(f"off screen or invisible: {facts['name']}")
        elif not facts["ring"]:
            problems.append(f"no focus ring: {facts['name']}")
    assert seen > TABS // 2
    assert not problems, "\n".join(problems)


def test_search_from_the_keyboard_alone(sized_page, server):
    page = sized_page
    page.goto(f"{server}/", wait_until="networkidle")
    # Reach the search box with Tab, as a reader who does not know the "/" shortcut would.
    for _ in range(25):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.md-search__input, [data-atlas-for=__search]')"):
            break
    else:
        pytest.fail("Tab never reached the search box or the search button")
    if page.evaluate("() => document.activeElement.matches('[data-atlas-for=__search]')"):
        page.keyboard.press("Enter")  # narrow screens: the search button opens the search dialog
    page.wait_for_function("() => document.activeElement.matches('.md-search__input')", timeout=5000)
    assert page.get_attribute(".md-search", "aria-label"), "the search dialog has no accessible name"
    page.keyboard.type("diffusion")
    # Results follow each key ("d", "di", ...) and replace the list, focus and all: wait for the
    # whole word's results (their links highlight "diffusion", a prefix's "diffusio").
    page.wait_for_function("() => { const a = document.querySelector('.md-search-result__item a');"
                           " return a && /[?&]h=diffusion(&|#|$)/.test(a.href); }", timeout=15000)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("() => document.activeElement.closest('.md-search-result__item') ? document.activeElement.href : null")
    assert focused and "concepts/diffusion-models/" in focused, f"ArrowDown did not move to the first result ({focused})"
    page.keyboard.press("Enter")
    page.wait_for_url("**/concepts/diffusion-models/**")


def test_search_closes_with_escape(page, server):
    page.goto(f"{server}/")
    page.keyboard.press("/")
    page.wait_for_selector("input.md-search__input:focus")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
