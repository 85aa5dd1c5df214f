"""The tiny language model's figures on the paths test_tiny_lm.py leaves out: greedy decoding and
"Generate 20" against the NumPy reference, and both figures (tiny-lm, tiny-attention) on a phone in
the dark scheme: they fit 375 px, every control is labelled, axe-core finds no colour problem."""

from __future__ import annotations

import numpy as np
import pytest
from test_tiny_lm import uniform

from atlas_build.tinylm import model, tokenizer, weights
from labfigure import axe, open_figure, unlabelled

pytestmark = pytest.mark.browser
PAGE = "concepts/large-language-models/"
FIG = "[data-atlas-figure=tiny-lm]"
PROMPT = "the cat"


def reference(text: str, steps: int, seed: int | None) -> list[str]:
    """What the figure must write: greedy (seed None), or the page's seeded draw with T = 1, no top-k
    or top-p (tiny-lm.js: order by probability, then token id; pick where the cumulative
    probability passes uniform(seed, number of tokens so far))."""
    params, cfg = weights.load()
    ids = tokenizer.encode(text)
    out = []
    for _ in range(steps):
        probs, _ = model.next_token_probs(params, cfg, ids)
        order = sorted(range(len(probs)), key=lambda i: (-probs[i], i))
        if seed is None:
            pick = order[0]
        else:
            u, cum, pick = uniform(seed, len(ids)), 0.0, order[0]
            for i in order:
                pick, cum = i, cum + probs[i]
                if u < cum:
                    break
        out.append(tokenizer.VOCAB[pick])
        ids.append(pick)
    return out


def generate(page, greedy: bool, seed: int) -> list[str]:
    page.fill(f"{FIG} [data-role=prompt]", PROMPT)
    page.fill(f"{FIG} [data-role=seed]", str(seed))
    page.dispatch_event(f"{FIG} [data-role=seed]", "change")
    if page.is_checked(f"{FIG} [data-role=greedy]") != greedy:
        page.click(f"{FIG} [data-role=greedy]")
    page.click(f"{FIG} [data-action=generate]")
    page.wait_for_function(f"() => document.querySelector('{FIG} [data-role=generated]').textContent.split(' ').length === 21",
                           timeout=60_000)
    return page.inner_text(f"{FIG} [data-role=generated]").removeprefix("Sampled: ").split()


def test_greedy_and_seeded_generate_20_write_what_the_reference_writes(page, server):
    open_figure(page, f"{server}/{PAGE}", FIG)
    greedy = generate(page, True, 17)
    assert greedy == reference(PROMPT, 20, None)
    sampled = generate(page, False, 5)
    assert sampled == reference(PROMPT, 20, 5)
    assert sampled != greedy, "with seed 5 the draw leaves the greedy path"
    assert np.isin(sampled, tokenizer.VOCAB).all()


@pytest.mark.parametrize(("url", "fig"), [(PAGE, FIG), ("concepts/transformers/", "[data-atlas-figure=tiny-attention]")])
def test_on_a_phone_in_the_dark_every_control_is_labelled_and_nothing_sticks_out(browser, server, url, fig):
    context = browser.new_context(viewport={"width": 375, "height": 812}, color_scheme="dark")
    page = context.new_page()
    try:
        open_figure(page, f"{server}/{url}", fig)
        page.focus(f"{fig} :is(textarea, input, select, button)")   # the model loads on first use
        page.wait_for_timeout(300)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        # Wide parts (the attention matrix) scroll inside their own box, which test_phone.py checks
        # shows a cue; the figure and the page do not scroll sideways.
        assert page.eval_on_selector(fig, "e => e.getBoundingClientRect().right") <= 375, "the figure is wider than the phone"
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert not unlabelled(page, fig)
        assert not axe(page, fig, ["color-contrast", "link-in-text-block"])
    finally:
        context.close()
