"""The tiny model's attention on concepts/transformers.md (#attention-explorer), computed at build time.

The NumPy reference (atlas_build/tinylm/model.py) runs the committed final checkpoint on the
starting sentence; the figure's data carries the labelled head's weights (drawn before the weights
load) and the table shown without scripts is that head's heatmap. docs/javascripts/figures/
tiny-attention.js then runs the same model in the browser (tested in tests/browser/test_tiny_lm.py).
"""

from __future__ import annotations

import numpy as np

from atlas_build.examples.large_language_models_tiny import tokens
from atlas_build.figures import container, esc, table
from atlas_build.tinylm import heads, model, tokenizer, weights

SENTENCE = "the cat that chases the dogs sees a bird"


def data() -> dict:
    params, cfg = weights.load()
    man = weights.manifest()
    (layer, head), _ = next(iter(heads.LABELS.items()))
    _, attns = model.forward(params, cfg, np.asarray(tokenizer.encode(SENTENCE)))
    return {
        "prompt": SENTENCE, "tokens": tokens(SENTENCE), "layer": layer, "head": head,
        "layers": cfg.layers, "heads": cfg.heads,
        "checkpoint": man["checkpoints"][-1]["step"], "checkpoints": [c["step"] for c in man["checkpoints"]],
        "weights": [[round(float(w), 4) for w in row] for row in attns[layer - 1][head - 1]],
        "labels": {f"{la}.{he}": label for (la, he), (label, _) in heads.LABELS.items()},
    }


def render() -> str:
    d = data()
    pieces = [t["piece"] for t in d["tokens"]]
    head = ["Query"] + [esc(p) for p in pieces]
    rows = [[esc(p)] + [f"{w:.3f}" for w in row] for p, row in zip(pieces, d["weights"], strict=True)]
    inner = table(head, rows, f"Attention weights of the tiny model's head {d['layer']}.{d['head']} for <em>{esc(SENTENCE)}</em>: one row per query, each row sums to 1")
    return container("tiny-attention", d, inner, "The tiny model's attention")


if __name__ == "__main__":
    print(render())
