"""The transformers page shows attention weights that plain Python recomputes independently.

The weights are recomputed here with lists and loops (no NumPy) from the inputs the page states,
and the generated fragment, which the page includes, must show the same numbers.
"""

from __future__ import annotations

import math

import pytest

from atlas_build.examples import transformers_attention as ta
from atlas_build.examples import transformers_scaling as ts
from atlas_build.grids import read as cells
from atlas_build.paths import ROOT

GENERATED = ROOT / "docs" / "_generated" / "examples"
PAGE = ROOT / "docs" / "concepts" / "transformers.md"

# The inputs exactly as the page states them (copied, not imported, so the test fails if the
# module's numbers drift from what this test and the page say).
X = [[1, 0, 1, 0], [0, 2, 0, 1], [1, 1, 0, 1]]
W_Q = [[1, 0], [0, 1], [1, 0], [0, 1]]
W_K = [[0, 1], [1, 0], [1, 0], [0, 1]]
W_V = [[1, 0], [0, 1], [0, 0], [1, 1]]
TOKENS = ["the", "cat", "sat"]


def matmul(a, b):
    return [[sum(a[i][t] * b[t][j] for t in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]


def loop_attention(causal=False, scale=True):
    q, k, v = matmul(X, W_Q), matmul(X, W_K), matmul(X, W_V)
    d_k = len(k[0])
    n = len(X)
    weights = []
    for i in range(n):
        visible = range(i + 1) if causal else range(n)
        s = {j: sum(q[i][t] * k[j][t] for t in range(d_k)) / (math.sqrt(d_k) if scale else 1.0) for j in visible}
        top = max(s.values())
        z = sum(math.exp(x - top) for x in s.values())
        weights.append([math.exp(s[j] - top) / z if j in s else 0.0 for j in range(n)])
    out = [[sum(weights[i][j] * v[j][c] for j in range(n)) for c in range(len(v[0]))] for i in range(n)]
    return weights, out


@pytest.fixture(scope="session")
def fragment():
    path = GENERATED / "transformers-attention.md"
    assert path.is_file(), "run `make generate` first"
    text = path.read_text(encoding="utf-8")
    assert ta.render() in text, "fragment is stale: run `make generate`"
    return text


def test_inputs_match_module():
    assert ta.X.tolist() == X
    assert ta.W_Q.tolist() == W_Q and ta.W_K.tolist() == W_K and ta.W_V.tolist() == W_V
    assert ta.TOKENS == TOKENS


def test_hand_values():
    # Scores worked out by hand: "the" asks with q = (2, 0); keys are (1, 1), (2, 1), (1, 2).
    w, _ = loop_attention()
    e = [math.exp(2 / math.sqrt(2)), math.exp(4 / math.sqrt(2)), math.exp(2 / math.sqrt(2))]
    assert w[0] == pytest.approx([x / sum(e) for x in e])
    assert w[0][1] == pytest.approx(0.6728, abs=1e-4)
    cw, _ = loop_attention(causal=True)
    assert cw[0] == [1.0, 0.0, 0.0] and cw[1] == pytest.approx([0.5, 0.5, 0.0])


@pytest.mark.parametrize("causal", [False, True])
def test_function_agrees_with_loops(causal):
    weights, out = ta.attention(ta.X, ta.W_Q, ta.W_K, ta.W_V, causal=causal)
    lw, lo = loop_attention(causal=causal)
    for a, b in zip(weights.tolist(), lw, strict=True):
        assert a == pytest.approx(b, abs=1e-12)
    for a, b in zip(out.tolist(), lo, strict=True):
        assert a == pytest.approx(b, abs=1e-12)
    for r in weights.tolist():
        assert sum(r) == pytest.approx(1.0)


SOFTMAX = r"\operatorname{softmax}"


@pytest.mark.parametrize(
    "caption,causal,scale",
    [
        (SOFTMAX + r"(Q K^\top / \sqrt{d_k})", False, True),
        (SOFTMAX + r"(Q K^\top)", False, False),
        (SOFTMAX + r"(Q K^\top / \sqrt{d_k} + M)", True, True),
    ],
)
def test_fragment_shows_weight_grids(fragment, caption, causal, scale):
    weights, _ = loop_attention(causal=causal, scale=scale)
    shown = cells(fragment, caption)
    assert list(shown) == TOKENS
    for label, values in zip(TOKENS, weights, strict=True):
        assert shown[label] == [f"{x:.3f}" for x in values]


@pytest.mark.parametrize("caption,causal", [(SOFTMAX + r"(Q K^\top / \sqrt{d_k}) V", False), (SOFTMAX + r"(Q K^\top / \sqrt{d_k} + M) V", True)])
def test_fragment_shows_outputs(fragment, caption, causal):
    _, out = loop_attention(causal=causal)
    shown = cells(fragment, caption)
    for label, values in zip(TOKENS, out, strict=True):
        assert shown[label] == [f"{x:.3f}" for x in values]


def test_fragment_shows_the_masked_scores_and_the_inputs(fragment):
    masked = cells(fragment, r"Q K^\top / \sqrt{d_k} + M")
    assert masked["the"] == ["1.414", "−∞", "−∞"] and masked["cat"][2] == "−∞"
    assert cells(fragment, "X") == {t: [str(x) for x in row] for t, row in zip(TOKENS, X, strict=True)}
    q = matmul(X, W_Q)
    assert cells(fragment, "Q = X W_Q") == {t: [str(x) for x in row] for t, row in zip(TOKENS, q, strict=True)}


def test_scaling_fragment():
    text = (GENERATED / "transformers-scaling.md").read_text(encoding="utf-8")
    for d in (4, 64):  # pure-Python recomputation on the same random draws (512 is too slow in loops)
        q, k = ts.draws(d)
        raw = [sum(a * b for a, b in zip(q[t], k[t][j], strict=True)) for t in range(ts.TRIALS) for j in range(ts.N_KEYS)]
        mean = sum(raw) / len(raw)
        sd = math.sqrt(sum((x - mean) ** 2 for x in raw) / len(raw))
        assert abs(sd / math.sqrt(d) - 1) < 0.05  # variance of q.k is d_k
        tops = []
        for t in range(ts.TRIALS):
            s = [x / math.sqrt(d) for x in raw[t * ts.N_KEYS : (t + 1) * ts.N_KEYS]]
            z = sum(math.exp(x - max(s)) for x in s)
            tops.append(1 / z)  # the largest weight is exp(0) / z
        assert f"| {d} | {math.sqrt(d):.2f} | {sd:.2f} | " in text
        assert f" | {sum(tops) / len(tops):.3f} |" in text
    for d in ts.DIMS:
        s = ts.stats(d)
        assert s["top_raw"] > s["top_scaled"]
    assert ts.stats(512)["top_raw"] > 0.9 and ts.stats(512)["top_scaled"] < 0.5


def test_page_includes_fragments():
    page = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "examples/transformers-attention.md"' in page
    assert '--8<-- "examples/transformers-scaling.md"' in page
    assert "attention(x, w_q, w_k, w_v, causal=False)" in page
