"""The interactive figures: their data is the Python reference's output, and each one works in Chromium.

- BPE step by step (concepts/tokenization/#bpe-step-by-step) replays `train_bpe`'s merges;
- the attention explorer (concepts/transformers/#attention-explorer) shows `attention()`'s weights,
  recomputed here with plain loops;
- the tokenizer playground (concepts/tokenization/#try-it) loads its vocabulary only when used
  (its tokens are checked in test_tokenizer_parity.py), colours each token over the text, groups the
  tokens of a character split across several under it, links text and chips by hover and focus,
  and survives a hostile paste.
Every figure is driven with the keyboard, has a table without scripts, announces changes in a live
region, fits 375 px, follows the dark scheme, and requests nothing from another host; pages
without a figure load none of the figures' files.
"""

from __future__ import annotations

import html
import itertools
import json
import math
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_tokenizer_parity import chunked

from atlas_build import bytebpe
from atlas_build.examples import tokenization_bpe as bpe
from atlas_build.examples import transformers_attention as ta
from atlas_build.paths import ROOT

FIGURE_SOURCES = ROOT / "docs/javascripts/figures"
FIGURE_STYLES = ROOT / "docs/stylesheets/figures.css"   # added by atlas.js with the first figure
FAILED = "This interactive figure could not start; the table below shows the same numbers."
TOKENIZATION, TRANSFORMERS = "concepts/tokenization/", "concepts/transformers/"
FIGURES = {"tokenizer-playground": TOKENIZATION, "bpe-steps": TOKENIZATION, "attention-explorer": TRANSFORMERS}



def reach(page, figure: str) -> None:
    """Scroll a figure into view, as a reader would, and wait until its module has mounted it."""
    page.locator(figure).scroll_into_view_if_needed()
    page.wait_for_selector(f"{figure}[data-atlas-figure-ready]")

def figure_data(site: Path, url: str, figure: str) -> dict:
    page = (site / url / "index.html").read_text(encoding="utf-8")
    match = re.search(rf'data-atlas-figure="{figure}"[^>]*data-atlas-data="([^"]*)"', page)
    assert match, f"/{url} has no {figure} figure with data"
    return json.loads(html.unescape(match.group(1)))


def figure_html(site: Path, url: str, figure: str) -> str:
    page = (site / url / "index.html").read_text(encoding="utf-8")
    start = page.index(f'data-atlas-figure="{figure}"')
    return page[start:page.index("</div>", start)]


# --- the data is the reference computation's ------------------------------------------------------


def test_bpe_steps_are_train_bpes_merges(site):
    data = figure_data(site, TOKENIZATION, "bpe-steps")
    merges, steps = bpe.train_bpe(bpe.CORPUS, bpe.NUM_MERGES)
    assert [tuple(s["pair"]) for s in data["steps"]] == merges
    assert [s["count"] for s in data["steps"]] == [s.count for s in steps]
    for shown, step in zip(data["steps"], steps, strict=True):
        assert {w: tuple(p) for w, p in shown["segmented"].items()} == step.segmented
        assert shown["length"] == sum(len(p) * bpe.CORPUS[w] for w, p in step.segmented.items())
    assert data["start"] == {w: [*w, bpe.END] for w in bpe.CORPUS}
    # The pair listed first before each merge is the one merged: counted by hand here.
    for k, step in enumerate(steps):
        state = data["start"] if k == 0 else data["steps"][k - 1]["segmented"]
        counts: dict[tuple[str, str], int] = {}
        for word, pieces in state.items():
            for a, b in itertools.pairwise(pieces):
                counts[(a, b)] = counts.get((a, b), 0) + bpe.CORPUS[word]
        best = max(counts.values())
        assert data["candidates"][k][0] == [*step.pair, best]
        assert all(n <= best for _, _, n in data["candidates"][k])
    # The table shown without scripts lists the same merges.
    table = figure_html(site, TOKENIZATION, "bpe-steps")
    for a, b in merges:
        assert f"<code>{html.escape(a + b)}</code>" in table


def loop_attention(causal: bool) -> list[list[float]]:
    """softmax(Q K^T / sqrt(d_k)) with lists and loops, from the inputs the page states."""
    x, wq, wk = ta.X.tolist(), ta.W_Q.tolist(), ta.W_K.tolist()
    proj = lambda w: [[sum(r[t] * w[t][c] for t in range(len(r))) for c in range(len(w[0]))] for r in x]  # noqa: E731
    q, k = proj(wq), proj(wk)
    n, dk = len(x), len(k[0])
    rows = []
    for i in range(n):
        scores = [sum(q[i][c] * k[j][c] for c in range(dk)) / math.sqrt(dk) for j in range(n) if not causal or j <= i]
        top = max(scores)
        z = sum(math.exp(s - top) for s in scores)
        rows.append([math.exp(s - top) / z for s in scores] + [0.0] * (n - len(scores)))
    return rows


def test_attention_weights_are_recomputed(site):
    data = figure_data(site, TRANSFORMERS, "attention-explorer")
    assert data["tokens"] == ta.TOKENS and data["dk"] == ta.W_K.shape[1]
    for key, causal in (("weights", False), ("causal", True)):
        want = loop_attention(causal)
        for got_row, want_row in zip(data[key], want, strict=True):
            assert got_row == pytest.approx(want_row, abs=5e-4)
            assert sum(got_row) == pytest.approx(1, abs=2e-3)
    table = figure_html(site, TRANSFORMERS, "attention-explorer")
    for row in loop_attention(False):
        for w in row:
            assert f"<td>{w:.3f}</td>" in table


def test_figure_sources_use_theme_colours_only():
    for path in [*FIGURE_SOURCES.glob("*.js"), FIGURE_STYLES]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"#(?:000|fff)\b|#(?:000000|ffffff)\b|\b(?:black|white)\b(?!-)|rgb\(\s*(?:0|255)\s*,", text, re.I), path.name


# --- in the browser -------------------------------------------------------------------------------


def watch(page) -> list[str]:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    return seen


def outside(urls: list[str]) -> list[str]:
    return [u for u in urls if urlsplit(u).hostname != "127.0.0.1"]


def announces(page, figure: str, words: str) -> bool:
    """Wait until the figure's live region says `words` (it is cleared first, so repeats are heard)."""
    page.wait_for_function(
        "([figure, words]) => document.querySelector(`[data-atlas-figure=${figure}] [role=status]`).textContent.includes(words)",
        arg=[figure, words], timeout=5000,
    )
    return True


@pytest.mark.browser
def test_pages_without_figures_load_none_of_their_files(page, server):
    seen = watch(page)
    for url in ["", "concepts/gans/", "generative-ai-vs-llms/", "glossary/"]:
        page.goto(f"{server}/{url}", wait_until="networkidle")
    assert not [u for u in seen if "/javascripts/figures/" in u], "a page without a figure loaded figure code"
    assert not [u for u in seen if u.endswith("/stylesheets/figures.css")], "a page without a figure loaded the figures' styles"


@pytest.mark.browser
def test_tokenization_page_loads_the_vocabulary_only_when_used(page, server):
    seen = watch(page)
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    reach(page, "[data-atlas-figure=tokenizer-playground]")
    reach(page, "[data-atlas-figure=bpe-steps]")
    assert not [u for u in seen if "/vendor/" in u], "the vocabulary was fetched on page load"
    page.focus("[data-atlas-figure=tokenizer-playground] textarea")
    page.wait_for_selector("[data-atlas-figure=tokenizer-playground] [data-role=tokens] li[data-id]")
    assert [u for u in seen if u.endswith("/bpeRanks/r50k_base.js")]
    assert not [u for u in seen if "cl100k" in u], "GPT-4's vocabulary loads only when chosen"
    assert not outside(seen)


@pytest.mark.browser
def test_playground_by_keyboard(page, server):
    seen = watch(page)
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    figure = "[data-atlas-figure=tokenizer-playground]"
    reach(page, figure)
    page.focus(f"{figure} textarea")
    page.keyboard.press("Control+A")
    page.keyboard.type("I love AI")
    # "I love A" is 3 tokens too: wait for the whole text's count, then read its chips.
    page.wait_for_function(f"() => document.querySelector('{figure} [data-role=counts]')?.textContent.startsWith('9 characters')")
    chips = page.locator(f"{figure} [data-role=tokens] li[data-id]")
    assert chips.evaluate_all("els => els.map(e => e.dataset.id)") == ["40", "1842", "9552"]   # the page's recorded ids
    assert chips.nth(1).locator(".atlas-piece").inner_text() == "␣love"
    assert page.inner_text(f"{figure} [data-role=counts]") == "9 characters · 3 words · 3 tokens"
    assert announces(page, "tokenizer-playground", "3 tokens")
    # Tab to the vocabulary, pick GPT-4's with the keyboard; then the words baseline.
    page.keyboard.press("Tab")   # the vocabulary select comes right after the text box
    assert page.evaluate("document.activeElement.dataset.role") == "encoding"
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"() => document.querySelector('{figure} [data-role=tokens] li[data-id]:nth-child(2)')?.dataset.id === '3021'")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowRight")   # radio group: nothing -> words
    page.wait_for_selector(f"{figure} [data-role=baseline-chips]:not([hidden]) > li")
    assert page.locator(f"{figure} [data-role=baseline-chips] > li").all_inner_texts() == ["I", "love", "AI"]
    # Whitespace is visible: a new line and two spaces.
    page.fill(f"{figure} textarea", "a\n  b")
    page.wait_for_function(f"() => document.querySelector('{figure} [data-role=tokens]').textContent.includes('↵')")
    assert "␣" in page.inner_text(f"{figure} [data-role=tokens]")
    assert not outside(seen)


PLAYGROUND = "[data-atlas-figure=tokenizer-playground]"


def hot(page) -> list[str]:
    """What the playground highlights: the text of each span over the text, and the ids of each chip."""
    return page.eval_on_selector_all(
        f"{PLAYGROUND} .atlas-hot",
        "els => els.map(e => e.matches('span') ? e.textContent : Array.from(e.querySelectorAll('li[data-id]').length ? e.querySelectorAll('li[data-id]') : [e], c => c.dataset.id).join(','))",
    )


@pytest.mark.browser
def test_playground_draws_tokens_over_the_text_groups_split_characters_and_links_both(page, server):
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    reach(page, PLAYGROUND)
    text = "I 👍 it"
    page.fill(f"{PLAYGROUND} textarea", text)
    want = bytebpe.encode(text, "r50k_base")   # I | ␣ F0 9F 91 | 8D | ␣it: the emoji's bytes in two tokens
    assert [t for t, _ in want] == [40, 50169, 235, 340]
    page.wait_for_function(f"() => document.querySelectorAll('{PLAYGROUND} [data-role=tokens] li[data-id]').length === 4")
    # The text, one span per token, except the emoji: one span, marked split, for its two tokens.
    spans = page.locator(f"{PLAYGROUND} [data-role=text-view] > span")
    assert spans.all_text_contents() == ["I", " 👍", " it"]
    assert [("atlas-split" in c) for c in spans.evaluate_all("els => els.map(e => e.className)")] == [False, True, False]
    colours = spans.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)")
    assert all(a != b for a, b in itertools.pairwise(colours)), "neighbouring tokens share a colour"
    # The chips: the emoji's two tokens grouped under it, their bytes in hex, never as a bare chip.
    units = page.locator(f"{PLAYGROUND} [data-role=tokens] > li")
    assert units.count() == 3
    group = units.nth(1)
    assert "atlas-group" in group.get_attribute("class")
    assert group.locator(".atlas-group-label").inner_text() == "␣👍 = 2 tokens"
    assert group.locator("li[data-id]").evaluate_all("els => els.map(e => e.dataset.id)") == ["50169", "235"]
    assert group.locator("li[data-id]").first.locator(".atlas-piece").inner_text().split() == ["␣F0", "9F", "91"]
    assert "\\x" not in page.inner_text(f"{PLAYGROUND} [data-role=tokens]")
    # Hover a chip: its text lights up; hover the text: its chip.
    page.hover(f"{PLAYGROUND} [data-role=tokens] > li:nth-child(3)")
    assert sorted(hot(page)) == sorted([" it", "340"])
    page.hover(f"{PLAYGROUND} [data-role=text-view] > span:nth-child(2)")
    assert sorted(hot(page)) == sorted([" 👍", "50169,235"])
    # The chips are one stop for Tab, after the text; arrow keys move between them, focus lights the text.
    page.mouse.move(0, 0)
    page.focus(f"{PLAYGROUND} [data-role=text-view]")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.id") == "40"
    assert sorted(hot(page)) == sorted(["I", "40"])
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.id") == "50169"
    assert " 👍" in hot(page)
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.dataset.id") == "340"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.id") is None, "each chip is a Tab stop"
    # A long text: a bounded number of chips, and "Show all".
    text = "one two " * 60
    n = len(bytebpe.encode(text, "r50k_base"))
    page.fill(f"{PLAYGROUND} textarea", text)
    show = page.locator(f"{PLAYGROUND} [data-action=show-all]")
    show.wait_for()
    shown = page.locator(f"{PLAYGROUND} [data-role=tokens] li[data-id]").count()
    assert shown < n and show.inner_text() == f"Show all {n}"
    show.click()
    page.wait_for_function(f"() => document.querySelectorAll('{PLAYGROUND} [data-role=tokens] li[data-id]').length === {n}")


@pytest.mark.browser
def test_a_hostile_paste_does_not_freeze_the_page(page, server):
    """A million letters in a row, or 100,000 emoji: the BPE merge costs the square of one unbroken run,
    so the playground cuts such runs (and the box holds 100,000 characters), tokenizes off the page's
    thread, and says so; the page answers all along, and the counts are the cut reference's."""
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    reach(page, PLAYGROUND)
    box = f"{PLAYGROUND} textarea"
    for paste, kept in (("a" * 1_000_000, "a" * 100_000), ("👍" * 100_000, "👍" * 50_000)):
        page.fill(box, "")
        page.wait_for_function(f"() => document.querySelector('{PLAYGROUND}').getAttribute('data-atlas-length') === '0'")
        t0 = time.perf_counter()
        page.keyboard.insert_text(paste)
        slowest = 0.0
        while not page.evaluate(f"() => document.querySelector('{PLAYGROUND}').getAttribute('data-atlas-length') === '100000'"):
            assert time.perf_counter() - t0 < 30, "the paste was not tokenized within 30 s"
            r0 = time.perf_counter()
            page.evaluate("1")
            slowest = max(slowest, time.perf_counter() - r0)
            time.sleep(0.05)
        assert slowest < 2, f"the page did not answer for {slowest:.1f} s"
        assert page.eval_on_selector(box, "el => el.value") == kept
        note = page.inner_text(f"{PLAYGROUND} [data-role=limits]")
        assert "at most 100,000 characters" in note and "100 characters at a time" in note
        count = len(chunked(kept, "r50k_base"))
        assert page.inner_text(f"{PLAYGROUND} [data-role=counts]").endswith(f" · {count:,} tokens")


@pytest.mark.browser
def test_bpe_steps_by_keyboard(page, server):
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    figure = "[data-atlas-figure=bpe-steps]"
    reach(page, figure)
    merges, steps = bpe.train_bpe(bpe.CORPUS, bpe.NUM_MERGES)
    rows = page.locator(f"{figure} tbody tr")
    assert rows.count() == len(merges)
    assert page.locator(f"{figure} tbody tr:not([hidden])").count() == 0
    page.focus(f"{figure} [data-action=next]")
    for k, step in enumerate(steps, start=1):
        page.keyboard.press("Enter")
        assert page.locator(f"{figure} tbody tr:not([hidden])").count() == k
        assert page.inner_text(f"{figure} [data-role=progress]") == f"Merge {k} of {len(steps)}"
        shown = page.eval_on_selector_all(
            f"{figure} [data-role=corpus] dd ol", "els => els.map(o => Array.from(o.children, li => li.textContent))")
        assert shown == [list(step.segmented[w]) for w in bpe.CORPUS]
        assert announces(page, "bpe-steps", f"Merge {k}: {step.pair[0]} plus {step.pair[1]}")
    assert page.is_disabled(f"{figure} [data-action=next]")
    assert page.evaluate("document.activeElement.dataset.action") == "reset", "focus stays in the figure"
    assert announces(page, "bpe-steps", "The next would join wi and d (3 times)")
    page.keyboard.press("Enter")
    assert page.locator(f"{figure} tbody tr:not([hidden])").count() == 0
    assert page.evaluate("document.activeElement.dataset.action") == "next"


@pytest.mark.browser
def test_attention_explorer_by_keyboard_and_pointer(page, server):
    page.goto(f"{server}/{TRANSFORMERS}", wait_until="networkidle")
    figure = "[data-atlas-figure=attention-explorer]"
    reach(page, figure)
    weights, causal = loop_attention(False), loop_attention(True)

    def keys() -> list[float]:
        return [float(t) for t in page.locator(f"{figure} [data-role=keys] b").all_inner_texts()]

    assert keys() == pytest.approx(weights[0], abs=5e-4)
    page.focus(f"{figure} [data-query='0']")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.query") == "1"
    assert page.get_attribute(f"{figure} [data-query='1']", "aria-pressed") == "true"
    assert keys() == pytest.approx(weights[1], abs=5e-4)
    assert announces(page, "attention-explorer", "cat attends: 0.097 to the")
    # Line thickness follows the weight.
    widths = page.eval_on_selector_all(f"{figure} svg line", "ls => ls.map(l => parseFloat(l.getAttribute('stroke-width')))")
    assert widths.index(max(widths)) == weights[1].index(max(weights[1]))
    # Hovering a token or a heatmap row picks it too.
    page.hover(f"{figure} [data-query='2']")
    assert keys() == pytest.approx(weights[2], abs=5e-4)
    page.hover(f"{figure} tbody tr:nth-child(1)")
    assert page.get_attribute(f"{figure} [data-query='0']", "aria-pressed") == "true"
    # The causal mask, switched with the space bar: the table shows the masked weights.
    page.focus(f"{figure} [data-role=causal]")
    page.keyboard.press("Space")
    cells = page.eval_on_selector_all(f"{figure} tbody tr", "rs => rs.map(r => Array.from(r.cells).slice(1).map(c => parseFloat(c.textContent)))")
    assert [c for row in cells for c in row] == pytest.approx([w for row in causal for w in row], abs=5e-4)
    assert announces(page, "attention-explorer", "Causal mask on")
    shades = page.eval_on_selector_all(f"{figure} tbody td", "cs => cs.map(c => c.style.background)")
    assert all("var(--md-accent-fg-color)" in s for s in shades), "heatmap cells use the theme's accent colour"


@pytest.mark.browser
def test_tables_remain_without_scripts(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for figure, url in FIGURES.items():
        page.goto(f"{server}/{url}")
        rows = page.locator(f"[data-atlas-figure={figure}] table tbody tr")
        assert rows.count() >= 3, f"{figure}: no table without scripts"
        assert rows.first.is_visible()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_figures_fit_375px_and_follow_the_colour_scheme(browser, server, scheme):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    seen = watch(page)
    for url, figures in ((TOKENIZATION, ["tokenizer-playground", "bpe-steps"]), (TRANSFORMERS, ["attention-explorer"])):
        page.goto(f"{server}/{url}", wait_until="networkidle")
        page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{scheme}')")
        for figure in figures:
            reach(page, f"[data-atlas-figure={figure}]")
        if url == TOKENIZATION:
            page.focus("[data-atlas-figure=tokenizer-playground] textarea")
            page.check("[data-atlas-figure=tokenizer-playground] input[value=characters]")
            page.wait_for_selector("[data-atlas-figure=tokenizer-playground] [data-role=tokens] li[data-id]")
            page.click("[data-atlas-figure=bpe-steps] [data-action=next]")
        for figure in figures:
            box = page.locator(f"[data-atlas-figure={figure}]").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375, f"{figure} is wider than the screen"
            # Nothing sticks out of the figure (wide tables scroll inside their own box).
            assert page.eval_on_selector(f"[data-atlas-figure={figure}]", "el => el.scrollWidth <= el.clientWidth"), f"{figure} overflows"
            colours = page.evaluate(
                """(figure) => {
                    const el = document.querySelector(`[data-atlas-figure=${figure}]`);
                    const probe = el.querySelector('.atlas-stats, .atlas-label');
                    const body = getComputedStyle(document.body);
                    return [getComputedStyle(probe).color, getComputedStyle(el.closest('.md-typeset')).color, body.backgroundColor];
                }""",
                figure,
            )
            assert colours[0] == colours[1], f"{figure}: text does not take the scheme's colour"
    assert not outside(seen)
    context.close()


@pytest.mark.browser
def test_figures_mount_after_instant_navigation(page, server):
    seen = watch(page)
    page.goto(f"{server}/concepts/rnns/", wait_until="networkidle")
    page.click("a.md-nav__link[href$='transformers/']")
    page.wait_for_url(f"{server}/{TRANSFORMERS}")
    reach(page, "[data-atlas-figure=attention-explorer]")
    page.click("a.md-nav__link[href$='tokenization/']")
    page.wait_for_url(f"{server}/{TOKENIZATION}")
    reach(page, "[data-atlas-figure=bpe-steps]")
    reach(page, "[data-atlas-figure=tokenizer-playground]")
    page.click("[data-atlas-figure=bpe-steps] [data-action=next]")
    assert page.locator("[data-atlas-figure=bpe-steps] tbody tr:not([hidden])").count() == 1
    assert not [u for u in seen if "/vendor/" in u]
    assert not outside(seen)


@pytest.mark.browser
def test_a_figure_loads_only_when_the_reader_reaches_it(page, server):
    """First-visit weight: a figure far down the page costs nothing until the reader scrolls to it."""
    seen = watch(page)
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    assert not [u for u in seen if u.endswith("tokenizer-playground.js")], "loaded before the reader reached it"
    assert not [u for u in seen if u.endswith("/stylesheets/figures.css")], "the figures' styles loaded before any figure"
    reach(page, "[data-atlas-figure=tokenizer-playground]")
    assert [u for u in seen if u.endswith("tokenizer-playground.js")]
    reach(page, "[data-atlas-figure=bpe-steps]")
    # One stylesheet for every figure, as a <link> (no styles injected by script), requested once.
    assert len([u for u in seen if u.endswith("/stylesheets/figures.css")]) == 1
    assert page.evaluate("() => document.querySelectorAll('link#atlas-figures-css[rel=stylesheet]').length") == 1
    assert not page.evaluate("() => Array.from(document.querySelectorAll('style'), s => s.textContent).some(t => t.includes('atlas-figure'))")


# --- a figure that fails keeps its table ----------------------------------------------------------

BROKEN_MODULES = {
    # mount() throws at once
    "throws": 'export function mount() { throw new Error("broken on purpose"); }',
    # mount() returns a promise that rejects
    "rejects": 'export async function mount() { await null; throw new Error("broken on purpose"); }',
    # mount() works; a handler it set (through _shared.js, as every figure does) throws later
    "handler": (
        'import { listener } from "./_shared.js";\n'
        "export function mount(el) {\n"
        '  const b = document.createElement("button"); b.type = "button"; b.dataset.action = "break"; b.textContent = "Break";\n'
        '  el.prepend(b); listener(el)(b, "click", () => { throw new Error("broken on purpose"); });\n'
        "}"
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize("how", [*BROKEN_MODULES, "missing", "bad data"])
def test_a_figure_that_fails_keeps_its_table_and_says_so(page, server, how):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    uncaught: list[str] = []
    page.on("pageerror", lambda e: uncaught.append(str(e)))
    if how in BROKEN_MODULES:
        page.route("**/javascripts/figures/bpe-steps.js",
                   lambda r: r.fulfill(body=BROKEN_MODULES[how], content_type="text/javascript"))
    elif how == "missing":
        page.route("**/javascripts/figures/bpe-steps.js", lambda r: r.fulfill(status=404, body="not found"))
    page.goto(f"{server}/{TOKENIZATION}", wait_until="networkidle")
    figure = "[data-atlas-figure=bpe-steps]"
    if how == "bad data":   # before the reader reaches it, so before it loads
        page.eval_on_selector(figure, "el => el.setAttribute('data-atlas-data', '{not json')")
    page.locator(figure).scroll_into_view_if_needed()
    if how == "handler":
        page.wait_for_selector(f"{figure}[data-atlas-figure-ready]")
        page.click(f"{figure} [data-action=break]")
    page.wait_for_selector(f"{figure}[data-atlas-figure-failed]")
    assert page.get_attribute(figure, "data-atlas-figure-ready") is None
    note = page.locator(f"{figure} .atlas-figure-note")
    assert note.inner_text() == FAILED and note.is_visible()
    # The content the page was built with, as without scripts: the fallback text and every merge.
    assert page.locator(f"{figure} .atlas-figure-fallback").is_visible()
    merges, _ = bpe.train_bpe(bpe.CORPUS, bpe.NUM_MERGES)
    assert page.locator(f"{figure} tbody tr:visible").count() == len(merges)
    assert not page.locator(f"{figure} [data-action]").count(), "the broken figure's controls are still there"
    assert [e for e in errors if 'figure "bpe-steps" failed' in e], errors
    assert not uncaught, uncaught
    # The other figure on the page and the rest of the page's enhancements are unaffected.
    reach(page, "[data-atlas-figure=tokenizer-playground]")
    assert page.locator("article h2 .atlas-copy-link").count() > 3
