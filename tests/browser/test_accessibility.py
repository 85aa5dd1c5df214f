"""axe-core on every page of the built site: light and dark, 375 px and 1280 px wide.

axe-core is pinned in package.json (node_modules/axe-core/axe.min.js) and injected into the page.
Every rule axe runs by default is checked (WCAG 2.x A and AA plus axe's best practices); the goal
is zero violations. Each page is loaded once per width, audited in light, then switched to dark in
place (the media query changes, as when a reader's system turns dark at dusk) and audited again: half
the page loads of one visit per (width, scheme). tests/browser/test_dark_rules_are_the_colour_rules
checks that a page switched to dark is coloured exactly as one loaded dark.

Dark mode is what a reader whose system prefers dark gets: the first palette entry in mkdocs.yml
follows `prefers-color-scheme`, so the context emulates it and Material applies the slate palette
(scheme, primary and accent together). The test checks that `data-md-color-scheme` really is
"slate" before trusting the result.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas_build.paths import ROOT

pytestmark = pytest.mark.browser  # one worker: each width audited once

AXE = ROOT / "node_modules/axe-core/axe.min.js"
WIDTHS = {"375px": {"width": 375, "height": 812}, "1280px": {"width": 1280, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}
AXE_OPTIONS = {"resultTypes": ["violations"]}
# The dark scheme changes colours only (Material's slate palette: no element is shown, hidden or moved
# by it; the site has no #only-dark images), so in dark every page is audited by the rules that read
# colours; every rule runs in light at both widths. Halves the dark runs (7.7 s to 4.4 s for the
# transformers page). tests/browser/test_dark_rules_are_the_colour_rules checks the premise.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]

# Nothing is filtered: axe runs as it ships. (A table header that is only a formula carries its
# spoken form as visually hidden text, atlas_build/spoken.py, which axe and screen readers read.)


def site_pages(site: Path) -> list[str]:
    """Every page of the build (as a URL path), leaving out mkdocs-redirects' stubs."""
    pages = []
    for index in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in index.read_text(encoding="utf-8")[:3000]:
            continue
        rel = index.parent.relative_to(site).as_posix()
        pages.append("" if rel == "." else rel + "/")
    return pages


def run_axe(page, context: str | None = None, rules: list[str] | None = None) -> list[dict]:
    """Inject axe-core (once per document) and return its violations, one dict per rule (all
    rules, or only `rules`)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    options = AXE_OPTIONS | ({"runOnly": {"type": "rule", "values": rules}} if rules else {})
    return page.evaluate(
        "([context, options]) => axe.run(context || document, options).then(r => r.violations"
        ".map(v => ({ id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})) })))",
        [context, options],
    )


ENHANCED = """() => document.readyState === 'complete'
  && (!document.querySelector('article h2[id]') || !!document.querySelector('article h2 .atlas-copy-link'))
  && [...document.querySelectorAll('[data-atlas-figure]')].every(f => f.hasAttribute('data-atlas-figure-ready')
       || f.hasAttribute('data-atlas-figure-failed') || f.getBoundingClientRect().top > 2 * innerHeight)"""


def open_page(page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=SCHEMES[scheme])
    # Audit the page a reader interacts with: atlas.js's copy-link buttons in, the figures near the
    # top mounted, atlas-a11y.js's scroll boxes settled (150 ms after load). Waiting for these, not
    # for the network to idle (500 ms more on every page), keeps the four runs short.
    page.wait_for_function(ENHANCED)
    page.wait_for_timeout(200)


def describe(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        for n in v["nodes"]:
            lines.append(f"{where}: {v['id']} ({v['impact']}) {json.dumps(n['target'])}: {v['help']}")
    return lines


def to_dark(page) -> None:
    """Switch a loaded page to the dark scheme in place, as a system going dark does."""
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_timeout(100)  # figures that listen for the scheme repaint


def audit_site(browser, server: str, pages: list[str], width: str) -> dict[str, list[str]]:
    """Run axe on every page at one width, light then dark; return readable lines per scheme."""
    context = browser.new_context(viewport=WIDTHS[width], color_scheme="light")
    page = context.new_page()
    lines: dict[str, list[str]] = {scheme: [] for scheme in SCHEMES}
    try:
        for path in pages:
            page.emulate_media(color_scheme="light")
            open_page(page, f"{server}/{path}", "light")
            lines["light"] += describe(f"/{path} [light, {width}]", run_axe(page))
            to_dark(page)
            lines["dark"] += describe(f"/{path} [dark, {width}]", run_axe(page, rules=COLOUR_RULES))
    finally:
        context.close()
    return lines


@pytest.fixture(scope="session")
def pages(site) -> list[str]:
    found = site_pages(site)
    assert len(found) >= 17, f"only {len(found)} pages found in the build"
    return found


def test_axe_core_is_the_pinned_version():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    assert AXE.is_file(), "node_modules/axe-core is missing: run `make setup` (npm ci)"
    assert f"axe v{pinned}" in AXE.read_text(encoding="utf-8")[:300]


@pytest.fixture(scope="session")
def audits(browser, server, pages):
    """audits(width)[scheme]: the violations at one width, each width audited once per session."""
    done: dict[str, dict[str, list[str]]] = {}

    def audit(width: str) -> dict[str, list[str]]:
        if width not in done:
            done[width] = audit_site(browser, server, pages, width)
        return done[width]

    return audit


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_axe_violations_on_any_page(audits, width, scheme):
    lines = audits(width)[scheme]
    assert not lines, f"{len(lines)} axe violations:\n" + "\n".join(lines[:80])


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
