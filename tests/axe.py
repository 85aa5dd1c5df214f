"""axe-core in the built site's pages: inject it, open a page as a reader gets it, audit it light
and then dark, and describe what it finds (tests/browser/test_accessibility.py and the per-width
sweeps test_axe_pages_375.py and test_axe_pages_1280.py, which run on two workers at once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from atlas_build.paths import ROOT

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
    # atlas.css skips styling blocks far from the screen at first paint; atlas-phone.js lays them out
    # a few per frame once the page has started. Audit the page once it has (nothing is forced).
    page.wait_for_selector("html[data-atlas-laid-out]", state="attached")


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
    # Material eases link colours over 125 ms: read colours (ours and axe's) once no transition
    # runs, or a busy machine reads a colour halfway (a clean-clone run saw three links on /models/).
    page.wait_for_function("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))")
    page.wait_for_function("() => !document.getAnimations().some((a) => a instanceof CSSTransition && a.playState === 'running')", timeout=10000)


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


def page_audit(width: str):
    """(fixture, test) for a module that audits every page at `width`, light and dark, in one sweep."""

    @pytest.fixture(scope="module")
    def audit(browser, server, site) -> dict[str, list[str]]:
        found = site_pages(site)
        assert len(found) >= 17, f"only {len(found)} pages found in the build"
        return audit_site(browser, server, found, width)

    @pytest.mark.parametrize("scheme", SCHEMES)
    def test_no_axe_violations_on_any_page(audit, scheme):
        lines = audit[scheme]
        assert not lines, f"{len(lines)} axe violations:\n" + "\n".join(lines[:80])

    return audit, test_no_axe_violations_on_any_page
