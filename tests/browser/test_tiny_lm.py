"""The tiny language model in the browser (docs/javascripts/figures/tiny-lm.js) against the NumPy
reference (scripts/atlas_build/tinylm/model.py), and the figure a reader drives.

- parity: for 60 prompts the browser's tokens equal the reference tokenizer's, its next-token
  probabilities equal the reference's within 1e-4, and so do all its attention weights;
- the weights are fetched only when the reader first uses the figure, from this site only;
- typing a prompt, moving temperature, top-k and top-p: the bars are the reference's, renormalized,
  with the cut tokens struck out; the layer and head selector shows the reference's attention;
- a link to a view restores it, and "copy link to this view" writes one;
- "next token" with a seed picks what the same seeded draw picks here, and says so.
"""

from __future__ import annotations

import random
from urllib.parse import parse_qs, urlencode, urlsplit

import numpy as np
import pytest

from atlas_build.tinylm import corpus, model, tokenizer, weights

pytestmark = pytest.mark.browser
PAGE = "concepts/large-language-models/"
FIG = "[data-atlas-figure=tiny-lm]"
TOL = 1e-4


def prompts() -> list[str]:
    rng = random.Random(5)
    out = []
    for s in corpus.sentences(77, 40):
        out.append(" ".join(s.words[: rng.randrange(1, len(s.words) + 1)]))
    out += ["", "The Cat that the DOGS chase", "the zebra sees a cat", "a happy robot, that runs!", "the cat that the dogs chase sees",
            "two mice . the old horse", "every girl that likes the boys sleeps . some",
            " ".join(w for s in corpus.sentences(78, 8) for w in s.words),   # longer than the context: cropped
            "ünïcode cat 42 dogs", "that that that", "sees sees", ". . .", "the"]
    out += [" ".join(s.words[:-1]) for s in corpus.sentences(79, 10)]
    return out


def reshape(probs: np.ndarray, logits: np.ndarray, temperature: float, top_k: int, top_p: float):
    """The page's rule, written again here: temperature, top-k, top-p on what top-k kept, renormalize."""
    p = model.softmax(logits / temperature)
    order = sorted(range(len(p)), key=lambda i: (-p[i], i))
    top = order[: top_k or len(p)]
    mass = sum(p[i] for i in top)
    kept, cum = [], 0.0
    for i in top:
        kept.append(i)
        cum += p[i] / mass
        if cum >= top_p - 1e-12:
            break
    z = sum(p[i] for i in kept)
    return order, set(kept), {i: p[i] / z for i in kept}, p


def uniform(seed: int, n: int) -> float:
    """tiny-lm.js uniform(): mulberry32, in 32-bit arithmetic."""
    m = 0xFFFFFFFF

    def imul(a, b):
        return (a * b) & m

    def signed(x):
        return x - (1 << 32) if x & 0x80000000 else x

    a = (imul(seed, 0x9E3779B1) + imul(n + 1, 0x85EBCA6B)) & m
    for _ in range(2):
        a = (a + 0x6D2B79F5) & m
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & m) ^ t
        a = (t ^ (t >> 14)) & m
        a = signed(a) & m
    return a / 4294967296


def open_figure(page, server, query: str = ""):
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(f"{server}/{PAGE}{query}", wait_until="networkidle")
    page.locator(FIG).scroll_into_view_if_needed()
    page.wait_for_selector(f"{FIG}[data-atlas-figure-ready]")
    return seen


def loaded(page):
    page.wait_for_function(f"() => document.querySelector('{FIG} [data-role=status]').textContent === ''")


def bars(page) -> list[dict]:
    return page.eval_on_selector_all(f"{FIG} [data-role=bars] > li", """lis => lis.map(li => ({
        token: li.dataset.token, p: Number(li.dataset.p), q: Number(li.dataset.q), cut: li.classList.contains('atlas-cut')}))""")


def test_browser_forward_pass_equals_the_reference(page, server):
    seen = open_figure(page, server)
    assert not [u for u in seen if "/assets/models/" in u], "weights fetched before the reader used the figure"
    texts = prompts()
    assert len(texts) >= 50
    man = weights.manifest()
    steps = [man["checkpoints"][-1]["step"], man["checkpoints"][2]["step"]]
    got = page.evaluate(
        """async ([texts, steps]) => {
            const m = await import(new URL("../../javascripts/figures/tiny-lm.js", location.href).href);
            const out = {};
            for (const step of steps) {
                const model = await m.loadCheckpoint(step);
                out[step] = texts.map((t) => {
                    const ids = m.tokenize(t, model.man).map((x) => x.id);
                    const r = m.run(model, ids);
                    return { ids, probs: Array.from(r.probs), attn: r.attn };
                });
            }
            return out;
        }""",
        [texts, steps],
    )
    worst_p = worst_a = 0.0
    for step in steps:
        params, cfg = weights.load(step)
        for text, g in zip(texts, got[str(step)], strict=True):
            assert g["ids"] == tokenizer.encode(text), text
            probs, attns = model.next_token_probs(params, cfg, g["ids"])
            worst_p = max(worst_p, float(np.abs(np.asarray(g["probs"]) - probs).max()))
            for layer, a in enumerate(attns):
                worst_a = max(worst_a, float(np.abs(np.asarray(g["attn"][layer]) - a).max()))
    assert worst_p <= TOL and worst_a <= TOL, (worst_p, worst_a)
    print(f"parity over {len(texts)} prompts x {len(steps)} checkpoints: probabilities {worst_p:.1e}, attention {worst_a:.1e}")
    assert not [u for u in seen if urlsplit(u).hostname != "127.0.0.1"]


def test_typing_and_the_sampling_controls_reshape_the_bars(page, server):
    seen = open_figure(page, server)
    params, cfg = weights.load()
    text = "the dogs that the cat sees"
    page.fill(f"{FIG} textarea", text)
    loaded(page)
    assert [u for u in seen if u.endswith("/assets/models/tinylm/step-01500.bin")], "typing did not load the final weights"
    chips = page.eval_on_selector_all(f"{FIG} [data-role=tokens] > li", "ls => ls.map(l => Number(l.dataset.id))")
    assert chips == tokenizer.encode(text)
    logits, _ = model.forward(params, cfg, np.asarray(tokenizer.encode(text)))
    logits = logits[-1]

    def check(temperature, top_k, top_p):
        order, kept, q, p = reshape(None, logits, temperature, top_k, top_p)
        shown = bars(page)
        assert [b["token"] for b in shown] == [tokenizer.VOCAB[i] for i in order[:10]]
        for b, i in zip(shown, order[:10], strict=True):
            assert b["p"] == pytest.approx(p[i], abs=TOL)
            assert b["cut"] == (i not in kept), (temperature, top_k, top_p, b)
            assert b["q"] == pytest.approx(q.get(i, 0.0), abs=TOL)
        return shown

    check(1.0, 0, 1.0)
    page.eval_on_selector(f"{FIG} [data-role=temperature]", "e => { e.value = '0.5'; e.dispatchEvent(new Event('input')); }")
    sharp = check(0.5, 0, 1.0)
    assert sharp[0]["p"] > bars(page)[1]["p"]
    page.focus(f"{FIG} [data-role=top-k]")
    page.keyboard.press("Home")              # top-k = 1 ... then up to 3 with the arrow keys
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    shown = check(0.5, 3, 1.0)
    assert [b["cut"] for b in shown] == [False] * 3 + [True] * 7
    assert page.inner_text(f"{FIG} [data-role=bars] > li:nth-child(4) .atlas-lm-num") == "cut"
    page.eval_on_selector(f"{FIG} [data-role=top-k]", "e => { e.value = e.max; e.dispatchEvent(new Event('input')); }")
    page.eval_on_selector(f"{FIG} [data-role=top-p]", "e => { e.value = '0.5'; e.dispatchEvent(new Event('input')); }")
    shown = check(0.5, 0, 0.5)
    assert 1 <= sum(not b["cut"] for b in shown) < 10
    assert sum(b["q"] for b in shown) == pytest.approx(1, abs=1e-9), "kept tokens are renormalized"
    # The table alternative says the same.
    rows = page.eval_on_selector_all(f"{FIG} details table tbody tr", "rs => rs.map(r => [r.cells[0].textContent, r.classList.contains('atlas-cut')])")
    assert rows == [[b["token"], b["cut"]] for b in shown]
    # The layer and head selector shows the reference's attention from the last token.
    _, attns = model.forward(params, cfg, np.asarray(tokenizer.encode(text)))
    for layer, head in ((1, 2), (2, 4)):
        page.select_option(f"{FIG} [data-role=layer]", str(layer))
        page.select_option(f"{FIG} [data-role=head]", str(head))
        row = page.eval_on_selector_all(f"{FIG} [data-role=attention] > li", "ls => ls.map(l => Number(l.dataset.weight))")
        assert row == pytest.approx(attns[layer - 1][head - 1][-1].tolist(), abs=TOL)
    assert not [u for u in seen if urlsplit(u).hostname != "127.0.0.1"]


def test_a_view_link_restores_the_view_and_the_copy_control_writes_one(page, server):
    view = {"prompt": "two cats that the girl feeds", "temperature": "0.7", "top_k": "5", "top_p": "0.9", "seed": "3",
            "checkpoint": "250", "greedy": "0", "layer": "1", "head": "2"}
    seen = open_figure(page, server, "?" + urlencode(view) + "#tiny-model")
    loaded(page)
    assert [u for u in seen if u.endswith("/step-00250.bin")] and not [u for u in seen if u.endswith("/step-01500.bin")]
    assert page.input_value(f"{FIG} textarea") == view["prompt"]
    assert page.input_value(f"{FIG} [data-role=temperature]") == "0.7"
    assert page.input_value(f"{FIG} [data-role=layer]") == "1" and page.input_value(f"{FIG} [data-role=head]") == "2"
    params, cfg = weights.load(250)
    logits, _ = model.forward(params, cfg, np.asarray(tokenizer.encode(view["prompt"])))
    order, kept, q, _ = reshape(None, logits[-1], 0.7, 5, 0.9)
    shown = bars(page)
    assert [b["token"] for b in shown] == [tokenizer.VOCAB[i] for i in order[:10]]
    assert [b["cut"] for b in shown] == [i not in kept for i in order[:10]]
    # "Next token": the seeded draw for this text is the reference's, and it is announced.
    u = uniform(3, len(tokenizer.encode(view["prompt"])))
    cum, pick = 0.0, None
    for i in order:
        if i in q:
            pick = i
            cum += q[i]
            if u < cum:
                break
    page.click(f"{FIG} [data-action=next]")
    word = tokenizer.VOCAB[pick]
    page.wait_for_function(f"() => document.querySelector('{FIG} [role=status]').textContent.includes('Sampled')")
    assert page.input_value(f"{FIG} textarea") == f"{view['prompt']} {word}"
    assert f"“{word}”" in page.inner_text(f"{FIG} [role=status]")
    # Copy the link: the address now carries the view, including the new prompt.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click(f"{FIG} [data-action=copy-link]")
    page.wait_for_function(f"() => document.querySelector('{FIG} [role=status]').textContent.includes('Link')")
    link = page.evaluate("location.href")
    assert link.endswith("#tiny-model")
    for key in ("temperature=0.7", "top_k=5", "top_p=0.9", "seed=3", "checkpoint=250", "layer=1", "head=2"):
        assert key in link, key
    assert parse_qs(urlsplit(link).query)["prompt"] == [f"{view['prompt']} {word}"]
    assert page.input_value(f"{FIG} [data-role=link]") == link


def test_the_attention_explorer_shows_the_tiny_models_heads_for_the_readers_text(page, server):
    """concepts/transformers/#attention-explorer: the reader's text, a layer and head, the reference's weights."""
    fig = "[data-atlas-figure=tiny-attention]"
    view = {"prompt": "every boy that the birds follow sings", "layer": "2", "head": "3"}
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.goto(f"{server}/concepts/transformers/?{urlencode(view)}#attention-explorer", wait_until="networkidle")
    page.locator(fig).scroll_into_view_if_needed()
    page.wait_for_selector(f"{fig}[data-atlas-figure-ready]")
    params, cfg = weights.load()

    def heat():
        page.wait_for_function(f"() => document.querySelector('{fig} [data-role=status]').hidden")
        return page.eval_on_selector_all(f"{fig} table tbody tr", "rs => rs.map(r => Array.from(r.cells).slice(1).map(c => Number(c.textContent)))")

    def want(text, layer, head):
        _, attns = model.forward(params, cfg, np.asarray(tokenizer.encode(text)))
        return attns[layer - 1][head - 1]

    cells = heat()
    assert page.input_value(f"{fig} [data-role=layer]") == "2" and page.input_value(f"{fig} [data-role=head]") == "3"
    assert np.allclose(cells, want(view["prompt"], 2, 3), atol=5e-4)
    assert "no tested label" in page.inner_text(f"{fig} [data-role=label]")
    # The reader's own text, then the labelled head 1.2 with its tested name.
    text = "the girl that the dogs like feeds a horse"
    page.fill(f"{fig} [data-role=prompt]", text)
    page.select_option(f"{fig} [data-role=layer]", "1")
    page.select_option(f"{fig} [data-role=head]", "2")
    page.wait_for_function(f"() => document.querySelector('{fig} table caption').textContent.includes('head 1.2')")
    cells = heat()
    assert np.allclose(cells, want(text, 1, 2), atol=5e-4)
    assert "held-out" in page.inner_text(f"{fig} [data-role=label]")
    # Keyboard: the query buttons move with the arrow keys; the key weights are the row's.
    page.focus(f"{fig} [data-query='9']")
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("document.activeElement.dataset.query") == "8"
    keys = [float(b) for b in page.locator(f"{fig} [data-role=keys] b").all_inner_texts()]
    assert keys == pytest.approx(want(text, 1, 2)[8].tolist(), abs=5e-4)
    page.click(f"{fig} [data-action=copy-link]")
    link = parse_qs(urlsplit(page.evaluate("location.href")).query)
    assert link["prompt"] == [text] and link["layer"] == ["1"] and link["head"] == ["2"]
    assert not [u for u in seen if urlsplit(u).hostname != "127.0.0.1"]
