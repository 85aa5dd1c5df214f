"""Worked example for concepts/transformers.md: the attention weights of a three-token sentence.

Three tokens ("the", "cat", "sat") get made-up 4-dimensional embeddings; small fixed matrices
W_Q, W_K, W_V project them to 2-dimensional queries, keys and values. `attention()` computes
scaled dot-product attention, softmax(Q K^T / sqrt(d_k)) V, optionally with a causal mask, and
returns the weights and the output. It is deliberately small and dependency-light (NumPy only) so
that an interactive figure can reuse it.

`make generate` writes render() to docs/_generated/examples/transformers-attention.md.
"""

from __future__ import annotations

import numpy as np

TOKENS = ["the", "cat", "sat"]

# One row per token: made-up 4-D embeddings (position information already folded in).
X = np.array(
    [
        [1.0, 0.0, 1.0, 0.0],  # the
        [0.0, 2.0, 0.0, 1.0],  # cat
        [1.0, 1.0, 0.0, 1.0],  # sat
    ]
)

# Projections from d_model = 4 to d_k = d_v = 2. In a trained model these are learned.
W_Q = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]])
W_K = np.array([[0.0, 1.0], [1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
W_V = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [1.0, 1.0]])


def softmax_rows(scores: np.ndarray) -> np.ndarray:
    """Softmax of each row; -inf entries get weight exactly 0."""
    shifted = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / e.sum(axis=1, keepdims=True)


def causal_mask(n: int) -> np.ndarray:
    """n x n array with 0 on and below the diagonal and -inf above it (the future)."""
    return np.triu(np.full((n, n), -np.inf), k=1)


def attention(x, w_q, w_k, w_v, causal: bool = False):
    """Scaled dot-product self-attention of the rows of x.

    x: (n, d_model) token vectors; w_q, w_k: (d_model, d_k); w_v: (d_model, d_v).
    Returns (weights, output): weights is (n, n), each row summing to 1 (row i says how much
    token i draws from every token j); output is (n, d_v), the weighted sums of the values.
    With causal=True, token i may only attend to tokens 0..i.
    """
    x = np.asarray(x, dtype=float)
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.T / np.sqrt(k.shape[1])
    if causal:
        scores = scores + causal_mask(len(x))
    weights = softmax_rows(scores)
    return weights, weights @ v


def _fmt(value: float, digits: int) -> str:
    if np.isneginf(value):
        return "−∞"
    text = f"{value:.{digits}f}"
    return "0." + "0" * digits if text.startswith("-0.") and float(text) == 0 else text.replace("-", "−")


def _table(rows, row_labels, col_labels, digits=3, corner="token") -> str:
    head = "| " + " | ".join([corner, *col_labels]) + " |"
    rule = "|" + "|".join([":--"] + ["--:"] * len(col_labels)) + "|"
    body = [
        "| " + " | ".join([f"**{label}**"] + [_fmt(v, digits) for v in row]) + " |"
        for label, row in zip(row_labels, rows, strict=True)
    ]
    return "\n".join([head, rule, *body])


def render() -> str:
    q, k, v = X @ W_Q, X @ W_K, X @ W_V
    d_k = k.shape[1]
    scores = q @ k.T
    scaled = scores / np.sqrt(d_k)
    weights, output = attention(X, W_Q, W_K, W_V)
    unscaled = softmax_rows(scores)
    c_weights, c_output = attention(X, W_Q, W_K, W_V, causal=True)
    masked = scaled + causal_mask(len(X))
    keys = [f"*{t}*" for t in TOKENS]

    qkv = np.hstack([q, k, v])
    parts = [
        "**Inputs:** made-up embeddings $X$ and projection matrices.",
        "",
        _table(X, TOKENS, ["dim 1", "dim 2", "dim 3", "dim 4"], digits=0, corner="$X$"),
        "",
        _table(
            np.hstack([W_Q, W_K, W_V]),
            ["row 1", "row 2", "row 3", "row 4"],
            ["$W_Q$ col 1", "$W_Q$ col 2", "$W_K$ col 1", "$W_K$ col 2", "$W_V$ col 1", "$W_V$ col 2"],
            digits=0,
        ),
        "",
        f"**Step 1:** $Q = XW_Q$, $K = XW_K$, $V = XW_V$, each {len(X)} × {d_k}.",
        "",
        _table(qkv, TOKENS, ["$q_1$", "$q_2$", "$k_1$", "$k_2$", "$v_1$", "$v_2$"], digits=0),
        "",
        "**Step 2:** scores $QK^\\top$ (row: the token asking; column: the token looked at).",
        "",
        _table(scores, TOKENS, keys, digits=0, corner="$QK^\\top$"),
        "",
        f"**Step 3:** divide by $\\sqrt{{d_k}} = \\sqrt{{{d_k}}} \\approx {np.sqrt(d_k):.3f}$.",
        "",
        _table(scaled, TOKENS, keys, corner="$QK^\\top/\\sqrt{d_k}$"),
        "",
        "**Step 4:** softmax of each row gives the attention weights.",
        "",
        _table(weights, TOKENS, keys, corner="weights"),
        "",
        "Row sums: " + ", ".join(f"{s:.3f}" for s in weights.sum(axis=1)) + ".",
        "",
        f"**Step 5:** output = weights × $V$; for *{TOKENS[0]}*: "
        + " + ".join(f"{weights[0, j]:.3f} × ({v[j, 0]:.0f}, {v[j, 1]:.0f})" for j in range(len(X)))
        + f" = ({output[0, 0]:.3f}, {output[0, 1]:.3f}).",
        "",
        _table(output, TOKENS, ["out 1", "out 2"], corner="output"),
        "",
        "**Without scaling** (softmax of the raw scores), each row is sharper:",
        "",
        _table(unscaled, TOKENS, keys, corner="unscaled"),
        "",
        "**With a causal mask**, scores above the diagonal become $-\\infty$:",
        "",
        _table(masked, TOKENS, keys, corner="masked scores"),
        "",
        _table(c_weights, TOKENS, keys, corner="causal weights"),
        "",
        _table(c_output, TOKENS, ["out 1", "out 2"], corner="causal output"),
        "",
    ]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render())
