"""A concept page printed as a class handout, in Chromium's print mode and PDF output: no
navigation or sidebars, external link targets written out, diagrams and formulas kept."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGE = "concepts/transformers/"  # diagrams (inline SVG), formulas (MathML), tables, external links
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-path",
               ".md-top", ".md-search", ".md-content__button", ".atlas-copy-link", ".md-skip"]


@pytest.fixture
def printed(page, server):
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    page.emulate_media(media="print")
    return page


def test_navigation_and_sidebars_are_not_printed(printed):
    shown = printed.evaluate(
        "sels => sels.flatMap(s => [...document.querySelectorAll(s)].filter(e => getComputedStyle(e).display !== 'none').map(() => s))",
        SCREEN_ONLY,
    )
    assert not shown, f"printed although screen-only: {sorted(set(shown))}"
    width = printed.evaluate("() => document.querySelector('article').getBoundingClientRect().width / innerWidth")
    assert width > 0.8, f"the article uses only {width:.0%} of the printed width"


def test_external_link_targets_are_written_out(printed):
    links = printed.evaluate("""() => [...document.querySelectorAll('article a[href]')]
        .filter(a => a.offsetParent && !a.closest('.md-content__button') && !a.classList.contains('headerlink'))
        .map(a => [a.href, a.hostname !== location.hostname, getComputedStyle(a, '::after').content])""")
    external = [(href, after) for href, other, after in links if other]
    internal = [(href, after) for href, other, after in links if not other]
    assert external and internal, "the page should have links both to other sites and within the site"
    missing = [href for href, after in external if href.rstrip("/") not in after]
    assert not missing, f"{len(missing)} of {len(external)} external links print without their address, e.g. {missing[:3]}"
    noisy = [href for href, after in internal if "http" in after]
    assert not noisy, f"links within the site should print as plain text, e.g. {noisy[:3]}"


def test_diagrams_and_formulas_are_kept(printed):
    facts = printed.evaluate("""() => ({
        svgs: [...document.querySelectorAll('article figure svg')].map(e => e.getBoundingClientRect().width),
        maths: [...document.querySelectorAll('article math')].map(e => [e.getBoundingClientRect().width,
               getComputedStyle(e).visibility, getComputedStyle(e).display]),
    })""")
    assert facts["svgs"] and all(w > 50 for w in facts["svgs"]), f"diagrams missing or collapsed in print: {facts['svgs']}"
    assert facts["maths"] and all(w > 0 and v == "visible" and d != "none" for w, v, d in facts["maths"]), "formulas hidden in print"


def test_pdf_is_a_handout(printed):
    pdf = printed.pdf(format="A4", print_background=False, margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 < pages < 40, f"{pages} pages"
