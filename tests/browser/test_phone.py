"""Every page on a 375-px phone, light and dark (issue 15): nothing pans the page sideways; whatever is
wider than the column scrolls in its own box with a cue; tables of up to four columns fit, in text of
14 px or more; every diagram can be read at 11 px or more, inline or opened full screen; one link
control per heading, never alone on a line; acronyms underlined once; a deep link lands under the
header; and the page prints as a handout (title block, no controls, white paper).

Kept fast (the browser suite has a time budget): ONE context and one tab load each page once, at a
deep link chosen to sit below the page's interactive figures; the facts of the light scheme, the
dark scheme (Material's own switch: the palette attributes on <body>, as its toggle sets them) and
print are read from that one load, and the tests below only judge them.
"""

from __future__ import annotations

import re

import pytest

from atlas_tools.browser import PHONE
from atlas_tools.built import pages as built_pages

pytestmark = pytest.mark.browser  # one worker, one sweep of the site

READABLE_PX = 11     # the smallest diagram label a reader is asked to read
TABLE_TEXT_PX = 14   # table text
UNDER_HEADER_PX = 80  # a deep-linked heading lands at most this far below the sticky header
DARK = {"data-md-color-scheme": "slate", "data-md-color-primary": "indigo", "data-md-color-accent": "light-blue"}

# Facts of the page as it stands (one scheme). Every list holds short, readable descriptions.
SCREEN = r"""(full = true) => {
  const art = document.querySelector('article');
  const W = document.documentElement.clientWidth;
  const css = (e) => getComputedStyle(e);
  const scrollsX = (e) => ['auto', 'scroll'].includes(css(e).overflowX) && !/^(inline-)?table$|^inline$|contents/.test(css(e).display);
  const shown = (e) => e.getClientRects().length > 0 && css(e).visibility !== 'hidden';
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ')[0] : '');
  const where = (e) => name(e.closest('[id]') || e) + ' > ' + name(e) + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
  const out = {pan: document.documentElement.scrollWidth - W, unboxed: [], nocue: [], scrolling: 0, smallTables: [], tables: 0,
               smallText: [], diagrams: [], headings: [], abbrs: [], controls: 0};
  // Whatever reaches past the screen must sit in a box that scrolls sideways and ends on screen.
  for (const e of full ? art.querySelectorAll('*') : []) {
    const r = e.getBoundingClientRect();
    if (r.width <= 1 || r.right <= W + 1 || e.closest('.atlas-visually-hidden, .atlas-sr-only')) continue;
    let box = e.parentElement;
    while (box && box !== art && !(scrollsX(box) && box.getBoundingClientRect().right <= W + 1)) box = box.parentElement;
    if (!box || box === art) out.unboxed.push(where(e));
  }
  // Every box that scrolls sideways shows a cue: the scroll shadow (phone.css), covers and shades.
  for (const e of art.querySelectorAll('*')) {
    if (e.scrollWidth <= e.clientWidth + 1 || !scrollsX(e) || !shown(e)) continue;
    out.scrolling++;
    const s = css(e);
    if ((s.backgroundImage.match(/gradient/g) || []).length < 4 || !/local/.test(s.backgroundAttachment) || !/scroll/.test(s.backgroundAttachment))
      out.nocue.push(where(e));
  }
  // Tables of up to four columns fit; table text is large enough (a mounted figure's own widgets aside).
  for (const t of full ? art.querySelectorAll('table') : []) {
    if (!shown(t) || (t.closest('[data-atlas-figure-ready]') && !t.closest('[data-atlas-static]'))) continue;
    out.tables++;
    const cols = t.rows[0] ? Array.from(t.rows[0].cells).reduce((n, c) => n + c.colSpan, 0) : 0;
    let scrolled = false;
    for (let e = t; e && e !== art; e = e.parentElement) if (scrollsX(e) && e.scrollWidth > e.clientWidth + 1) scrolled = true;
    if (cols <= 4 && scrolled) out.smallTables.push(cols + ' columns: ' + where(t));
    for (const cell of t.querySelectorAll('td, th')) {
      const size = parseFloat(css(cell).fontSize);
      if (shown(cell) && size < 14) { out.smallText.push(size.toFixed(1) + ' px: ' + where(cell)); break; }
    }
  }
  // Head-to-head and catalogue tables (.atlas-cards): a card per row, each value under its column's name.
  out.cards = 0;
  out.notCards = [];
  for (const t of full ? art.querySelectorAll('.atlas-cards table') : []) {
    out.cards++;
    const row = t.tBodies[0]?.rows[0];
    const label = row?.cells[1] && getComputedStyle(row.cells[1], '::before').content;
    if (css(t).display !== 'block' || !row || css(row).display !== 'grid' || !label || label === 'none')
      out.notCards.push(where(t) + ' shown as ' + css(t).display + ', label ' + label);
  }
  // Diagrams: the smallest label as drawn, whether they can be opened, and the labels' contrast.
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4; })
                                     .reduce((s, v, i) => s + v * [.2126, .7152, .0722][i], 0);
  const bg = rgb(css(document.body).backgroundColor);
  const over = ([r, g, b, a = 1]) => [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
  const contrast = (fg) => { const [a, b] = [lum(over(rgb(fg))), lum(bg)].sort((x, y) => y - x); return (a + .05) / (b + .05); };
  for (const s of art.querySelectorAll('svg.atlas-diagram')) {
    const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    const texts = Array.from(s.querySelectorAll('text'));
    out.diagrams.push({
      title: s.querySelector('title')?.textContent || '?',
      inline: Math.min(...texts.map(t => parseFloat(css(t).fontSize) * scale)),
      opener: !!s.parentElement.querySelector('.atlas-zoom-open'),
      contrast: Math.min(...texts.map(t => contrast(css(t).fill))),
    });
  }
  // Headings: one link control each, not alone on the last line.
  for (const h of full ? art.querySelectorAll('h2[id], h3[id], h4[id]') : []) {
    const controls = Array.from(h.querySelectorAll('a[href], button')).filter(shown);
    out.controls++;
    if (controls.length !== 1) { out.headings.push(controls.length + ' link controls: #' + h.id); continue; }
    const range = document.createRange();
    range.setStart(h, 0);
    range.setEndBefore(controls[0]);
    const lines = Array.from(range.getClientRects()).filter(r => r.width > 0);
    const last = lines[lines.length - 1];
    if (last && controls[0].getBoundingClientRect().top >= last.bottom - 2) out.headings.push('link icon alone on a line: #' + h.id);
  }
  // Acronyms: underlined once per page, never in a heading; the underlined one takes focus.
  const marked = new Map();
  for (const a of full ? art.querySelectorAll('abbr') : []) {
    const s = css(a);
    const underlined = s.borderBottomStyle !== 'none' || s.textDecorationLine !== 'none';
    if (!underlined) continue;
    if (a.closest('h1, h2, h3, h4, h5, h6')) out.abbrs.push('underlined in a heading: ' + where(a));
    else if (marked.has(a.textContent)) out.abbrs.push('underlined twice: ' + a.textContent);
    else if (a.tabIndex !== 0) out.abbrs.push('underlined but not focusable: ' + a.textContent);
    marked.set(a.textContent, true);
  }
  return out;
}"""

# Where the deep link landed, once the figures near the screen have mounted.
LANDING = r"""(id) => {
  const h = document.getElementById(id);
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const top = h.getBoundingClientRect().top;
  const atBottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
  return {below: Math.round(top - header), atBottom, visible: top >= header - 1 && top < innerHeight};
}"""
FIGURES_SETTLED = r"""() => Array.from(document.querySelectorAll('[data-atlas-figure]')).every(f => {
  const r = f.getBoundingClientRect();
  return f.hasAttribute('data-atlas-figure-ready') || f.hasAttribute('data-atlas-figure-failed') || r.bottom < -innerHeight || r.top > 2 * innerHeight;
})"""

# The page in print: the title block first, no controls, white paper.
PRINT = r"""() => {
  const art = document.querySelector('article');
  const head = art.querySelector('.atlas-print-head') || document.querySelector('.atlas-print-head');
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const h1 = art.querySelector('h1');
  return {
    head: head && visible(head) ? head.textContent.replace(/\s+/g, ' ').trim() : null,
    first: !!(head && h1 && head.getBoundingClientRect().top < h1.getBoundingClientRect().top),
    controls: Array.from(art.querySelectorAll('input, select, textarea, button')).filter(visible).map(e => e.outerHTML.slice(0, 80)),
    paper: [getComputedStyle(document.documentElement).backgroundColor, getComputedStyle(document.body).backgroundColor],
    ink: getComputedStyle(art).color,
    split: Array.from(art.querySelectorAll('figure, svg.atlas-diagram')).filter(e => getComputedStyle(e).breakInside !== 'avoid').length,
  };
}"""

# Every diagram opened full screen from its button: a named modal dialog, its labels as drawn, no id
# doubled, and focus back on the button once it closes. (The keyboard, Enter and Escape, is tried
# once, in test_a_diagram_opens_and_closes_from_the_keyboard.)
DIALOGS = r"""async () => {
  const out = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const button of document.querySelectorAll('article .atlas-zoom-open')) {
    button.focus();
    button.click();
    await frame();
    const d = document.querySelector('dialog.atlas-zoom');
    const svg = d && d.querySelector('svg');
    const scale = svg ? svg.getBoundingClientRect().width / svg.viewBox.baseVal.width : 0;
    const ids = Array.from(document.querySelectorAll('[id]'), e => e.id);
    const f = {
      modal: !!d && d.matches(':modal'),
      name: d ? document.getElementById(d.getAttribute('aria-labelledby') || '')?.textContent || '' : '',
      least: svg ? Math.min(...Array.from(svg.querySelectorAll('text'), t => parseFloat(getComputedStyle(t).fontSize) * scale)) : 0,
      doubled: ids.filter((x, i) => ids.indexOf(x) !== i),
    };
    d?.close();
    f.closed = !!d && !d.open;
    f.focus = document.activeElement === button;
    out.push(f);
  }
  return out;
}"""

SCHEME = "attrs => Object.entries(attrs).forEach(([k, v]) => document.body.setAttribute(k, v))"


def deep_link_target(page_html: str) -> str | None:
    """The section to deep-link to: the first h2 after the page's last interactive figure, or the
    middle h2 (the page must have one)."""
    ids = [(m.start(), m.group(1)) for m in re.finditer(r'<h2 id="([^"]+)"', page_html)]
    if not ids:
        return None
    figure = page_html.rfind("data-atlas-figure=")
    after = [i for pos, i in ids if pos > figure] if figure != -1 else []
    return after[0] if after else ids[len(ids) // 2][1]


@pytest.fixture(scope="session")
def facts(browser, server, site):
    """{page: {"landing", "light", "dialogs", "dark", "print"}}, one load per page; print is read
    in the dark scheme (the harder case for white paper)."""
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    found: dict[str, dict] = {}
    try:
        for path in built_pages(site):
            target = deep_link_target((site / path / "index.html").read_text(encoding="utf-8"))
            page.goto(f"{server}/{path}" + (f"#{target}" if target else ""), wait_until="load")
            page.wait_for_function("() => document.querySelector('article h2 .atlas-copy-link, article h1')")
            page.wait_for_function(FIGURES_SETTLED, timeout=10_000)
            f = page.evaluate(
                f"""async ([target, dark]) => {{
                  const f = {{landing: target ? ({LANDING})(target) : null, light: ({SCREEN})(), dialogs: await ({DIALOGS})()}};
                  ({SCHEME})(dark);
                  f.dark = ({SCREEN})(false);
                  return f;
                }}""",
                [target, DARK],
            )
            page.emulate_media(media="print")  # in the dark scheme still: white paper must win over it
            f["print"] = page.evaluate(PRINT)
            page.emulate_media(media="screen")
            found[path] = f
    finally:
        context.close()
    assert len(found) >= 17, f"only {len(found)} pages"
    return found


def each(facts, key, scheme=("light", "dark")):
    return [(f"/{p} [{s}]", f[s][key]) for p, f in facts.items() for s in scheme]


def test_no_page_scrolls_sideways(facts):
    panning = [f"{where}: {pan} px" for where, pan in each(facts, "pan") if pan > 0]
    assert not panning, f"pages that pan sideways at 375 px: {panning}"
    unboxed = [f"{where}: {items[:3]}" for where, items in each(facts, "unboxed", ("light",)) if items]  # layout: scheme-free
    assert not unboxed, "wider than the screen, outside a scroll box:\n" + "\n".join(unboxed)


def test_what_scrolls_sideways_shows_a_cue(facts):
    assert sum(n for _, n in each(facts, "scrolling")) > 10, "the site should have wide formulas and tables that scroll"
    missing = [f"{where}: {items[:3]}" for where, items in each(facts, "nocue") if items]
    assert not missing, "boxes that scroll sideways with no cue at the cut edge:\n" + "\n".join(missing)


def test_tables_of_four_columns_fit_and_read_at_14_px(facts):
    assert sum(n for _, n in each(facts, "tables", ("light",))) > 50
    scrolling = [f"{where}: {items}" for where, items in each(facts, "smallTables", ("light",)) if items]
    assert not scrolling, "tables of up to four columns that scroll sideways at 375 px:\n" + "\n".join(scrolling)
    small = [f"{where}: {items[:2]}" for where, items in each(facts, "smallText", ("light",)) if items]
    assert not small, f"table text under {TABLE_TEXT_PX} px:\n" + "\n".join(small)


def test_head_to_head_and_catalogue_tables_are_cards(facts):
    assert facts["models/"]["light"]["cards"] >= 1 and facts["generative-ai-vs-llms/"]["light"]["cards"] >= 7
    bad = [f"{where}: {items[:2]}" for where, items in each(facts, "notCards", ("light",)) if items]
    assert not bad, "tables meant as cards on a phone:\n" + "\n".join(bad)


def test_diagrams_can_be_read_at_11_px(facts):
    diagrams = [(where, d) for where, ds in each(facts, "diagrams", ("light",)) for d in ds]
    assert len(diagrams) >= 16
    unreadable = [f"{where}: {d['title']} ({d['inline']:.1f} px, no way to enlarge)"
                  for where, d in diagrams if d["inline"] < READABLE_PX and not d["opener"]]
    assert not unreadable, "\n".join(unreadable)
    dialogs = [(p, d) for p, f in facts.items() for d in f["dialogs"]]
    assert len(dialogs) >= len([d for _, d in diagrams if d["inline"] < READABLE_PX])
    bad = [f"/{p}: {d}" for p, d in dialogs
           if not (d["modal"] and d["name"] and d["least"] >= READABLE_PX and not d["doubled"] and d["closed"] and d["focus"])]
    assert not bad, "diagrams opened full screen: a named modal dialog, labels >= 11 px, no doubled id, Escape closes, focus returns:\n" + "\n".join(bad)
    faint = [f"{where}: {d['title']} {d['contrast']:.1f}:1" for where, d in each(facts, "diagrams") for d in d if d["contrast"] < 4.5]
    assert not faint, "diagram labels below 4.5:1 on the page:\n" + "\n".join(faint)


def test_one_link_control_per_heading_never_alone_on_a_line(facts):
    assert sum(f["light"]["controls"] for f in facts.values()) > 150
    bad = [f"{where}: {items[:4]}" for where, items in each(facts, "headings", ("light",)) if items]
    assert not bad, "\n".join(bad)


def test_acronyms_underlined_once_never_in_headings(facts):
    bad = [f"{where}: {items[:4]}" for where, items in each(facts, "abbrs", ("light",)) if items]
    assert not bad, "\n".join(bad)


def test_deep_links_land_under_the_header(facts):
    landed = {p: f["landing"] for p, f in facts.items() if f["landing"]}
    assert len(landed) >= 12
    off = {p: at for p, at in landed.items()
           if not (0 <= at["below"] <= UNDER_HEADER_PX or (at["atBottom"] and at["visible"]))}
    assert not off, f"deep links that did not land within {UNDER_HEADER_PX} px under the header (px below it): {off}"


def test_every_page_prints_as_a_handout(facts, server):
    """Read in the dark scheme: the paper must still be white."""
    for path, f in facts.items():
        p = f["print"]
        head = p["head"] or ""
        assert f"{server}/{path}" in head and "CC BY 4.0" in head and p["first"], f"/{path}: title block {p['head']!r}"
        assert not p["controls"], f"/{path}: form controls in print: {p['controls'][:3]}"
        white = p["paper"] == ["rgb(255, 255, 255)"] * 2 and re.match(r"rgba?\(0, 0, 0\b", p["ink"])
        assert white, f"/{path}: paper {p['paper']}, ink {p['ink']}: not black on white"
        assert not p["split"], f"/{path}: {p['split']} diagrams may split across pages"
    reviewed = [p for p, f in facts.items() if "Last reviewed" in (f["print"]["head"] or "")]
    assert len(reviewed) >= 8, f"the chapters' title blocks should carry their review date: {reviewed}"


def test_a_diagram_opens_and_closes_from_the_keyboard(browser, server):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{server}/concepts/transformers/", wait_until="load")
        button = page.locator("article .atlas-zoom-open").first
        assert button.get_attribute("aria-label").startswith("Enlarge diagram: ")
        button.focus()
        page.keyboard.press("Enter")
        dialog = page.locator("dialog.atlas-zoom")
        assert dialog.evaluate("d => d.open && d.matches(':modal') && d.contains(document.activeElement)")
        width = dialog.locator("svg").evaluate("s => s.getBoundingClientRect().width")
        dialog.get_by_role("button", name="Zoom in").click()
        assert dialog.locator("svg").evaluate("s => s.getBoundingClientRect().width") > width * 1.2
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        assert button.evaluate("b => document.activeElement === b"), "focus did not return to the button"
    finally:
        context.close()
