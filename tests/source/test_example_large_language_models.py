"""The LLM worked example: recompute its numbers independently and check the page shows them.

The module under test (scripts/examples/large_language_models_sampling.py) uses a numerically
stable softmax, a ranked top-k / top-p and an inverse-CDF sampler. Here every number is recomputed
another way: the softmax straight from math.exp without the max-subtraction, the top-p set by
sorting (probability, token) pairs, the sampled token by bisecting a cumulative list, and the loss
both as -log p and as log-sum-exp minus the target logit.
"""

from __future__ import annotations

import bisect
import math

import pytest

from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "concepts" / "large-language-models.md"

# The inputs the page states, written out again on purpose.
TOKENS = [" mat", " floor", " sofa", " bed", " roof", " moon"]
LOGITS = [3.0, 2.4, 1.9, 1.1, 0.3, -1.0]


def fmt(x: float) -> str:
    return f"{x:.4f}"


def probs(t: float) -> list[float]:
    e = [math.exp(z / t) for z in LOGITS]
    s = sum(e)
    return [x / s for x in e]


@pytest.fixture(scope="session")
def fragment() -> str:
    return example_fragment("large-language-models-sampling")


@pytest.mark.parametrize("t", [0.5, 1.0, 2.0])
def test_softmax_columns(fragment: str, t: float) -> None:
    p = probs(t)
    assert sum(p) == pytest.approx(1.0)
    for tok, z, q in zip(TOKENS, LOGITS, p, strict=True):
        row = next(line for line in fragment.splitlines() if line.startswith(f'| `"{tok}"` | {z:.1f} |'))
        assert fmt(q) in row, f"{fmt(q)} missing from the row of {tok!r} at T={t}"


def test_temperature_orders_the_peak() -> None:
    peaks = [max(probs(t)) for t in (0.5, 1.0, 2.0)]
    assert peaks[0] > peaks[1] > peaks[2], "a lower temperature must sharpen the distribution"


def test_greedy_and_top_k(fragment: str) -> None:
    p = probs(1.0)
    assert '| Greedy (any $T$) | `" mat"` |' in fragment
    kept = sorted(p, reverse=True)[:3]
    shown = ", ".join(fmt(q / sum(kept)) for q in kept)
    assert f'| Top-k, $k = 3$, $T = 1$ | `" mat"`, `" floor"`, `" sofa"` | {shown} |' in fragment


@pytest.mark.parametrize("t,size", [(0.5, 2), (1.0, 4), (2.0, 5)])
def test_top_p_sets(fragment: str, t: float, size: int) -> None:
    pairs = sorted(zip(probs(t), TOKENS, strict=True), reverse=True)
    mass, n = 0.0, 0
    while mass < 0.9:
        mass += pairs[n][0]
        n += 1
    assert n == size
    assert f"$T = {t:g}$ ({n} tokens, mass {fmt(mass)})" in fragment
    assert ", ".join(fmt(q / mass) for q, _ in pairs[:n]) in fragment


def test_sampled_token(fragment: str) -> None:
    p = probs(1.0)
    cumulative = [sum(p[: i + 1]) for i in range(len(p))]
    pick = TOKENS[bisect.bisect_right(cumulative, 0.80)]
    assert pick == " sofa"
    assert f'it picks `"{pick}"`' in fragment


def test_cross_entropy_of_the_target(fragment: str) -> None:
    target = TOKENS.index(" floor")
    loss = -math.log(probs(1.0)[target])
    log_sum_exp = math.log(sum(math.exp(z) for z in LOGITS))
    assert loss == pytest.approx(log_sum_exp - LOGITS[target])
    assert f"= {fmt(loss)}$ nats" in fragment
    assert f"= {fmt(math.exp(loss))}$" in fragment
    assert fmt(-math.log(probs(1.0)[0])) in fragment


def test_page_includes_fragment() -> None:
    assert '--8<-- "examples/large-language-models-sampling.md"' in PAGE.read_text(encoding="utf-8")
