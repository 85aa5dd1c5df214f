"""axe-core on every page of the built site: light and dark, 375 px and 1280 px wide.

axe-core is pinned in package.json (node_modules/axe-core/axe.min.js) and injected into the page.
Every rule axe runs by default is checked (WCAG 2.x A and AA plus axe's best practices); the goal
is zero violations. Each page is loaded once per width, audited in light, then switched to dark in
place (the media query changes, as when a reader's system turns dark at dusk) and audited again:
half the page loads of one visit per (width, scheme). The sweeps are test_axe_pages_375.py and
test_axe_pages_1280.py, one module per width so that two workers run them at once (helpers in
tests/axe.py). test_dark_rules_are_the_colour_rules below checks that a page switched to dark is
coloured exactly as one loaded dark.

Dark mode is what a reader whose system prefers dark gets: the first palette entry in mkdocs.yml
follows `prefers-color-scheme`, so the context emulates it and Material applies the slate palette
(scheme, primary and accent together). The test checks that `data-md-color-scheme` really is
"slate" before trusting the result.
"""

from __future__ import annotations

import json

import pytest

from atlas_build.paths import ROOT
from axe import AXE, COLOUR_RULES, SCHEMES, WIDTHS, describe, open_page, run_axe, to_dark

pytestmark = pytest.mark.browser


def test_axe_core_is_the_pinned_version():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert AXE.is_file(), "node_modules/axe-core is missing: run `make setup` (npm ci)"
    assert f"axe v{pinned}" in AXE.read_text(encoding="utf-8")[:300]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_in_open_search(browser, server, width, scheme):
    """The search dialog, open with results listed (the state the closed-page audit cannot see)."""
    context = browser.new_context(viewport=WIDTHS[width], color_scheme=scheme)
    page = context.new_page()
    try:
        open_page(page, f"{server}/", scheme)
        page.keyboard.press("/")
        page.wait_for_selector("input.md-search__input:focus")
        page.keyboard.type("attention")
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        lines = describe(f"/ search open [{scheme}, {width}]", run_axe(page))
    finally:
        context.close()
    assert not lines, f"{len(lines)} axe violations:\n" + "\n".join(lines)


GEOMETRY = """() => [...document.body.querySelectorAll('*')].map(e => {
  const r = e.getBoundingClientRect();
  return r.width && r.height ? `${e.tagName}:${Math.round(r.x)},${Math.round(r.y)},${Math.round(r.width)},${Math.round(r.height)}` : '';
}).filter(Boolean)"""


COLOURS = """() => [...document.body.querySelectorAll('*')].map(e => {
  const s = getComputedStyle(e);
  return `${e.tagName}:${s.color}|${s.backgroundColor}|${s.borderTopColor}|${s.fill}|${s.stroke}`;
})"""
PREMISE_PAGES = ("models/", "references/", "concepts/gans/", "concepts/transformers/")


def test_dark_rules_are_the_colour_rules(browser, server):
    """The premise of auditing dark with COLOUR_RULES only, on a page switched to dark in place: they
    are axe's default colour rules, the dark scheme lays out every element exactly as light does
    (same boxes, element by element), and a page switched to dark is coloured element by element as
    the same page loaded dark (figures included)."""
    layouts, colours = {}, {}
    for scheme in SCHEMES:
        context = browser.new_context(viewport=WIDTHS["1280px"], color_scheme=scheme)
        page = context.new_page()
        try:
            for path in PREMISE_PAGES:
                open_page(page, f"{server}/{path}", scheme)
                layouts[scheme, path] = page.evaluate(GEOMETRY)
                if scheme == "light":
                    to_dark(page)
                    colours["switched", path] = page.evaluate(COLOURS)
                    page.emulate_media(color_scheme="light")
                else:
                    colours["loaded", path] = page.evaluate(COLOURS)
            page.add_script_tag(path=str(AXE))
            colour = page.evaluate("axe.getRules(['cat.color']).filter(r => !r.tags.includes('wcag2aaa')).map(r => r.ruleId)")
        finally:
            context.close()
    assert sorted(colour) == sorted(COLOUR_RULES)
    for path in PREMISE_PAGES:
        light, dark = layouts["light", path], layouts["dark", path]
        assert len(light) > 200 and light == dark, f"/{path}: dark lays out {len(set(light) ^ set(dark))} boxes differently"
        switched, loaded = colours["switched", path], colours["loaded", path]
        differ = [f"{a} != {b}" for a, b in zip(switched, loaded, strict=False) if a != b]
        assert len(switched) == len(loaded) and not differ, f"/{path}: switched to dark differs from loaded dark: {differ[:5]}"
