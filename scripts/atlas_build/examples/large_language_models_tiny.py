"""The tiny model's figure on concepts/large-language-models.md (#tiny-model), computed at build time.

The NumPy reference (atlas_build/tinylm/model.py) runs the committed final checkpoint on the
starting prompt: the figure's data carries its logits (so the bars are drawn before the weights
load), and the table shown without scripts lists the top ten next tokens and a greedy
continuation. docs/javascripts/figures/tiny-lm.js runs the same model in the browser; the tests
compare the two (tests/browser/test_tiny_lm.py).
"""

from __future__ import annotations

import numpy as np

from atlas_build.figures import container, esc, table
from atlas_build.tinylm import heads, model, tokenizer, weights

PROMPT = "the cat that the dogs chase"
GREEDY_STEPS = 8


def tokens(text: str) -> list[dict]:
    pieces = tokenizer.pieces(text)
    ids = tokenizer.encode(text)
    out = [{"piece": tokenizer.BOS, "id": ids[0], "unk": False}]
    out += [{"piece": p, "id": i, "unk": i == tokenizer.INDEX[tokenizer.UNK]} for p, i in zip(pieces, ids[1:], strict=True)]
    return out


def greedy(params, cfg, text: str, steps: int) -> list[tuple[str, float]]:
    ids = tokenizer.encode(text)
    out = []
    for _ in range(steps):
        probs, _ = model.next_token_probs(params, cfg, ids)
        best = int(np.argmax(probs))
        out.append((tokenizer.VOCAB[best], float(probs[best])))
        ids.append(best)
    return out


def curve(man: dict, every: int = 50) -> list[list[float]]:
    """The loss curve every `every` steps, and its last point (the page's weight budget is tight)."""
    pts = man["loss_curve"]
    keep = [p for p in pts if p[0] % every == 0]
    return keep if keep[-1] == pts[-1] else [*keep, pts[-1]]


def data() -> dict:
    man = weights.manifest()
    params, cfg = weights.load()
    logits, _ = model.forward(params, cfg, np.asarray(model.crop(tokenizer.encode(PROMPT), cfg.context)))
    return {
        "prompt": PROMPT,
        "tokens": tokens(PROMPT),
        "logits": [round(float(z), 3) for z in logits[-1]],
        "vocab": tokenizer.VOCAB,
        "vocab_size": len(tokenizer.VOCAB),
        "layers": cfg.layers, "heads": cfg.heads,
        "checkpoints": [{"step": c["step"], "heldout_loss": c["heldout_loss"]} for c in man["checkpoints"]],
        "loss_curve": curve(man),
        "entropy": man["training"]["grammar_entropy"],
        "labels": {f"{layer}.{head}": label for (layer, head), (label, _) in heads.LABELS.items()},
    }


def render() -> str:
    d = data()
    probs = model.softmax(np.asarray(d["logits"], dtype=np.float64))
    top = np.argsort(-probs, kind="stable")[:10]
    rows = [[f"<code>{esc(d['vocab'][i])}</code>", f"{d['logits'][i]:.2f}", f"{probs[i]:.3f}", f"{probs[i]:.3f}"] for i in top]
    params, cfg = weights.load()
    cont = greedy(params, cfg, PROMPT, GREEDY_STEPS)
    final = d["checkpoints"][-1]["step"]
    inner = [
        *table(["Next token", "Logit <em>z</em>", "<em>p</em> at <em>T</em> = 1", "After top-k and top-p"], rows,
               f"Next-token distribution after <em>{esc(PROMPT)}</em> (step {final}, <em>T</em> = 1): top ten"),
        '<div class="atlas-figure-fallback">',
        *table(["Step", "Greedy choice", "Probability"], [[str(k), f"<code>{esc(w)}</code>", f"{p:.3f}"] for k, (w, p) in enumerate(cont, 1)],
               f"Greedy continuation of <em>{esc(PROMPT)}</em>, computed when the site was built"),
        "</div>",
    ]
    return container("tiny-lm", d, inner, "A tiny language model")


if __name__ == "__main__":
    print(render())
