"""Data for the attention explorer on concepts/transformers.md (#attention-explorer).

The weights are computed by `attention()` in transformers_attention.py (scaled dot-product
attention, with and without the causal mask) on the page's own embeddings and projections,
so the heatmap shows exactly the worked example's numbers. `make generate` writes render() to
docs/_generated/examples/transformers-attention-live.md; docs/javascripts/figures/attention-explorer.js
turns the table into a heatmap with lines between tokens. With scripts off, the table stays.
"""

from __future__ import annotations

from atlas_build.examples.transformers_attention import TOKENS, W_K, W_Q, W_V, X, attention
from atlas_build.figures import container, esc, table

DIGITS = 3


def data() -> dict:
    full, _ = attention(X, W_Q, W_K, W_V)
    causal, _ = attention(X, W_Q, W_K, W_V, causal=True)
    return {
        "tokens": TOKENS,
        "dk": int(W_K.shape[1]),
        "weights": [[round(float(w), DIGITS) for w in row] for row in full],
        "causal": [[round(float(w), DIGITS) for w in row] for row in causal],
    }


def render() -> str:
    d = data()
    head = ["Query"] + [f"to <em>{esc(t)}</em>" for t in d["tokens"]]
    rows = [[f"<em>{esc(t)}</em>"] + [f"{w:.{DIGITS}f}" for w in row] for t, row in zip(d["tokens"], d["weights"], strict=True)]
    inner = [
        *table(head, rows, "Attention weights of one head for <em>the cat sat</em>: each row sums to 1"),
    ]
    return container("attention-explorer", d, inner, "Attention explorer")


if __name__ == "__main__":
    print(render())
