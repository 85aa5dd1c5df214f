"""A concept page printed as a class handout, in Chromium's print mode and PDF output: no
navigation or sidebars, external link targets written out, diagrams and formulas kept; a title block
on page 1 (address, last reviewed, licence); interactive figures as their table, never controls;
white paper from a reader in dark mode; no page left more than half empty but the last.

One load per context (module fixtures), one PDF. Every page's print layout (title block, no
controls, white paper) is checked at 375 px by tests/browser/test_phone.py."""

from __future__ import annotations

import re

import pytest

from atlas_tools.browser import DESKTOP
from atlas_tools.pdf import pages as pdf_pages

pytestmark = pytest.mark.browser  # one worker: one load, one PDF

PAGE = "concepts/transformers/"  # diagrams (inline SVG), formulas (MathML), tables, external links
SCREEN_ONLY = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-path",
               ".md-top", ".md-search", ".md-content__button", ".atlas-copy-link", ".md-skip"]


@pytest.fixture(scope="session")
def printed(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    # atlas-a11y.js marks links to other sites for the print stylesheet; under load it can run
    # after network idle, so wait for its mark rather than for the network.
    page.wait_for_selector("article a[data-atlas-external]", state="attached")
    page.emulate_media(media="print")
    yield page
    context.close()


# Every chapter prints as a handout (issue #15): the eight concept chapters, Applications and
# Challenges, and the head-to-head page. A4 page counts before and after: the README, "Print".
CHAPTERS = ["generative-ai-vs-llms/", *(f"concepts/{c}/" for c in (
    "neural-networks", "rnns", "gans", "vaes", "diffusion-models", "transformers", "tokenization",
    "large-language-models")), "applications/", "challenges/"]
TITLES = {"generative-ai-vs-llms/": "Generative AI vs large language models", "concepts/neural-networks/": "Neural networks",
          "concepts/rnns/": "Recurrent neural networks", "concepts/gans/": "Generative adversarial networks",
          "concepts/vaes/": "Variational autoencoders", "concepts/diffusion-models/": "Diffusion models",
          "concepts/transformers/": "Transformers", "concepts/tokenization/": "Tokenization",
          "concepts/large-language-models/": "Large language models",
          "applications/": "Applications of generative AI and LLMs", "challenges/": "Challenges and risks"}


@pytest.fixture(scope="session", params=CHAPTERS)
def handout(request, browser, server):
    """A chapter as a reader in dark mode prints it, backgrounds on, once its interactive figures
    have started: the PDF's pages, and the print layout's controls and figure tables."""
    path = request.param
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{server}/{path}", wait_until="load")
    figures = page.locator("[data-atlas-figure]")
    for i in range(figures.count()):
        figures.nth(i).scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelectorAll('[data-atlas-figure]').length === "
                           "document.querySelectorAll('[data-atlas-figure-ready]').length")
    # What a browser does when the reader prints (page.pdf() below does it too): beforeprint, then
    # the print layout.
    page.evaluate("() => dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    layout = page.evaluate("""() => ({
        controls: [...document.querySelectorAll('article :is(input, select, textarea, button)')].filter(e => e.getClientRects().length).length,
        // per figure: what prints of it, and whether its table (if it has one) is among it
        // (the figure itself, or the print copy atlas.js places after it)
        printed: [...document.querySelectorAll('[data-atlas-figure]')].map(f => {
            const copy = f.nextElementSibling?.classList.contains('atlas-figure-print') ? [f.nextElementSibling] : [];
            const parts = [f, ...copy].flatMap(p => [...p.children]).filter(e => e.getClientRects().length);
            const tables = [f, ...copy].flatMap(p => [...p.querySelectorAll('table')]);
            return {figure: f.dataset.atlasFigure, ready: f.hasAttribute('data-atlas-figure-ready'),
                    parts: parts.map(e => e.className || e.tagName), tables: tables.length,
                    tablesShown: tables.filter(t => t.getClientRects().length).length};
        }),
    })""")
    pdf = page.pdf(format="A4", print_background=True, margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
    context.close()
    return {"path": path, "pdf": pdf, "pages": pdf_pages(pdf), "layout": layout}


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
        svgs: [...document.querySelectorAll('article figure svg.atlas-diagram')].map(e => e.getBoundingClientRect().width),
        maths: [...document.querySelectorAll('article math')].map(e => [e.getBoundingClientRect().width,
               getComputedStyle(e).visibility, getComputedStyle(e).display]),
    })""")
    assert facts["svgs"] and all(w > 50 for w in facts["svgs"]), f"diagrams missing or collapsed in print: {facts['svgs']}"
    assert facts["maths"] and all(w > 0 and v == "visible" and d != "none" for w, v, d in facts["maths"]), "formulas hidden in print"


def test_pdf_is_a_handout(handout, server):
    pdf, pages, path = handout["pdf"], handout["pages"], handout["path"]
    assert pdf.startswith(b"%PDF-")
    assert len(pages) == len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert len(pages) > 1
    if path == PAGE:
        assert len(pages) <= 13, f"{len(pages)} pages (12 in November 2026)"
    # Page 1 has the title block: where the chapter lives, when it was reviewed, the licence (that it
    # comes first is checked in the print layout, test_phone.py: a PDF's text order is paint order).
    first = re.sub(r"\s+", "", pages[0].text)
    for words in ("GenAI Atlas", f"{server}/{path}", "Last reviewed", "CC BY 4.0", TITLES[path]):
        assert re.sub(r"\s+", "", words) in first, f"/{path}: page 1 lacks {words!r}: {pages[0].text[:300]!r}"


def test_pdf_pages_are_full_and_white(handout):
    pages = handout["pages"]
    dark = [(i + 1, c) for i, p in enumerate(pages) for c in p.fills if min(c) < 0.95]
    assert not dark, f"/{handout['path']}: dark paper from a reader in dark mode (page, colour): {dark[:4]}"
    empty = [(i + 1, round(p.ink, 2)) for i, p in enumerate(pages[:-1]) if p.ink < 0.5]
    assert not empty, f"/{handout['path']}: pages more than half empty before the last (page, share inked): {empty}"


def test_interactive_figures_print_their_table_not_controls(handout):
    layout = handout["layout"]
    where = f"/{handout['path']}"
    assert layout["controls"] == 0, f"{where}: {layout['controls']} form controls printed"
    for f in layout["printed"]:
        assert f["ready"] and f["parts"], f"{where}: figure {f['figure']!r} printed nothing: {f}"
        assert not f["tables"] or f["tablesShown"], f"{where}: figure {f['figure']!r} printed without its table: {f['parts']}"
    if handout["path"] == PAGE:
        assert any(f["tablesShown"] for f in layout["printed"]), "the attention explorer printed without its table"
