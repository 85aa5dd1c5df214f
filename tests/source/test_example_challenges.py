"""The challenges worked examples: recompute their numbers independently and check the page shows them.

scripts/examples/challenges_watermark.py generates two token sequences from a toy model and counts
"green" tokens with its own helper. Here the green lists are rebuilt from the documented rule (a keyed
NumPy permutation seeded by KEY * 1000 + previous token, first GAMMA * VOCAB entries green) with set
membership instead of a mask, the z-scores come from the formula written out again, and the p-value
of the threshold from the normal survival function via math.erfc. The carbon table is recomputed from
the published figures by hand arithmetic.
"""

from __future__ import annotations

import importlib
import math

import numpy as np
import pytest

from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "challenges.md"


def load(name: str):
    return importlib.import_module(f"atlas_build.examples.{name}")


@pytest.fixture(scope="session")
def watermark_md() -> str:
    return example_fragment("challenges-watermark")


@pytest.fixture(scope="session")
def carbon_md() -> str:
    return example_fragment("challenges-carbon")


# The scheme's constants as the page states them, written out again on purpose.
VOCAB, GAMMA, KEY, START = 1000, 0.25, 15_485_863, 7


def green_set(prev: int) -> set[int]:
    order = np.random.default_rng(KEY * 1000 + prev).permutation(VOCAB)
    return set(int(v) for v in order[:250])


def greens(tokens: list[int]) -> int:
    prev, n = START, 0
    for tok in tokens:
        n += tok in green_set(prev)
        prev = tok
    return n


def z(g: int, t: int) -> float:
    return (g - t / 4) / math.sqrt(t * 3 / 16)


def test_watermark_rows(watermark_md: str) -> None:
    mod = load("challenges_watermark")
    texts = mod.texts()
    for t in (25, 50, 100, 200):
        gp, gm = greens(texts["plain"][:t]), greens(texts["marked"][:t])
        flag = " ✔" if z(gm, t) > 4 else ""
        row = f"| {t} | {t / 4:g} | {gp} | {z(gp, t):.2f} | {gm} | {z(gm, t):.2f}{flag} |"
        assert row in watermark_md, f"row for T = {t} missing or wrong: {row}"
    # The plain text stays near chance and the full watermarked text is far above the threshold.
    assert abs(z(greens(texts["plain"]), 200)) < 3
    assert z(greens(texts["marked"]), 200) > 8


def test_watermark_edits(watermark_md: str) -> None:
    mod = load("challenges_watermark")
    marked = mod.texts()["marked"]
    for rate in (0.0, 0.2, 0.4, 0.6):
        g = greens(mod.edit(marked, rate, seed=2))
        flag = " ✔" if z(g, 200) > 4 else ""
        assert f"| {rate:.0%} | {g} | {z(g, 200):.2f}{flag} |" in watermark_md, f"edit row {rate:.0%} wrong"


def test_threshold_p_value(watermark_md: str) -> None:
    p = 0.5 * math.erfc(4 / math.sqrt(2))
    assert p == pytest.approx(3.167e-5, rel=1e-3)
    assert f"{p:.1e}" in watermark_md


def test_carbon_table(carbon_md: str) -> None:
    bloom_kwh = 1_082_990 * 0.4  # GPU-hours x kW
    assert bloom_kwh == pytest.approx(433_196)
    i_bloom = 24.7e6 / bloom_kwh  # g per kWh
    i_gpt3 = 552e6 / 1_287_000
    assert round(i_bloom, 1) == 57.0 and round(i_gpt3, 1) == 428.9
    assert f"| 433.2 | 24.7 | {i_bloom:.1f} | {bloom_kwh * i_gpt3 / 1e6:.1f} |" in carbon_md
    assert f"| 1,287 | 552 | {i_gpt3:.1f} | {1_287_000 * i_bloom / 1e6:.1f} |" in carbon_md
    assert f"{552 / 24.7:.1f} times as much" in carbon_md
    assert f"about {i_gpt3 / i_bloom:.1f} times more" in carbon_md


def test_page_includes_fragments() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "examples/challenges-watermark.md"' in text
    assert '--8<-- "examples/challenges-carbon.md"' in text
    # The check-your-understanding answer uses the same formula: 30 green of 80 gives z = 2.58.
    assert f"{z(30, 80):.2f}" == "2.58" and "z \\approx 2.58" in text
