"""The GAN worked examples: recompute their numbers independently and check the page shows them.

scripts/examples/gans_optimum.py integrates on a uniform grid with a Riemann sum and writes the
Jensen-Shannon divergence as an average of two KL terms. Here D*(x) is recomputed point by point
with math.exp, V(D*, G) and JS are integrated with Simpson's rule on a different grid, and JS is
taken through its entropy form, JS = H(m) - (H(p) + H(q)) / 2. The identity V = -log 4 + 2 JS is
checked with the two quantities computed separately. The saturation table is recomputed from the
closed-form slopes of the two generator losses.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "concepts" / "gans.md"

# The distributions the page states, written out again on purpose: (weight, mean, std) per mode.
DATA = [(0.5, -2.0, 0.5), (0.5, 2.0, 0.5)]
GENS = {"collapsed": [(1.0, 2.0, 0.5)], "wide": [(1.0, 0.0, 2.0)], "perfect": DATA}


def density(x: float, modes) -> float:
    return sum(w * math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * math.sqrt(2 * math.pi)) for w, m, s in modes)


def simpson(y: np.ndarray, h: float) -> float:
    return float(h / 3 * (y[0] + y[-1] + 4 * y[1:-1:2].sum() + 2 * y[2:-1:2].sum()))


def on_grid(modes, x: np.ndarray) -> np.ndarray:
    return np.array([density(float(v), modes) for v in x])


GRID = np.linspace(-12.0, 12.0, 24_001)  # odd count for Simpson's rule; different from the module's grid
H = GRID[1] - GRID[0]


def plogp(p: np.ndarray) -> np.ndarray:
    return np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)


def js_entropy_form(p: np.ndarray, q: np.ndarray) -> float:
    m = (p + q) / 2
    ent = lambda r: -simpson(plogp(r), H)  # noqa: E731
    return ent(m) - (ent(p) + ent(q)) / 2


def value_of_game(p: np.ndarray, q: np.ndarray) -> float:
    d = np.where(p + q > 0, p / np.where(p + q > 0, p + q, 1.0), 0.5)
    with np.errstate(divide="ignore"):
        a = np.where(p > 0, p * np.log(np.where(d > 0, d, 1.0)), 0.0)
        b = np.where(q > 0, q * np.log(np.where(1 - d > 0, 1 - d, 1.0)), 0.0)
    return simpson(a + b, H)


@pytest.fixture(scope="session")
def optimum() -> str:
    return example_fragment("gans-optimum")


@pytest.fixture(scope="session")
def saturation() -> str:
    return example_fragment("gans-saturation")


def test_optimal_discriminator_rows(optimum: str) -> None:
    for x in (-2.0, -1.0, 0.0, 1.0, 2.0):
        pd = density(x, DATA)
        dc = pd / (pd + density(x, GENS["collapsed"]))
        dw = pd / (pd + density(x, GENS["wide"]))
        shown = f"{pd:.4f}" if pd >= 1e-3 else f"{pd:.1e}"
        assert f"| {x:.1f} | {shown} | {dc:.4f} | {dw:.4f} |" in optimum, f"row for x = {x} missing or wrong"
    # Against the collapsed generator, D* is exactly 1/3 at the shared mode and 1/2 midway.
    assert density(2.0, DATA) / (density(2.0, DATA) + density(2.0, GENS["collapsed"])) == pytest.approx(1 / 3, abs=1e-12)


def test_value_and_js_rows(optimum: str) -> None:
    p = on_grid(DATA, GRID)
    for name, modes in GENS.items():
        q = on_grid(modes, GRID)
        v = value_of_game(p, q)
        j = js_entropy_form(p, q)
        assert v == pytest.approx(-math.log(4) + 2 * j, abs=1e-6), f"V != -log 4 + 2 JS for {name}"
        assert 0.0 <= j <= math.log(2) + 1e-9
        assert f"| {name} | {v:.4f} | {j:.4f} | {-math.log(4) + 2 * j:.4f} |" in optimum, f"row for {name} missing or wrong"


def test_perfect_generator_hits_minus_log_four(optimum: str) -> None:
    assert f"{-math.log(4):.4f}" == "-1.3863"
    assert "$V = -1.3863 = -\\log 4$" in optimum


def test_saturation_table(saturation: str) -> None:
    for d in (0.001, 0.01, 0.1, 0.5, 0.9):
        # d/da log(1 - sigmoid(a)) = -D and d/da -log sigmoid(a) = -(1 - D), at D = sigmoid(a).
        row = f"| {d:g} | {math.log(1 - d):.4f} | {-d:.4f} | {-math.log(d):.4f} | {-(1 - d):.4f} |"
        assert row in saturation, f"row for D = {d} missing or wrong"
    assert "about 999 times steeper" in saturation


def test_page_includes_fragments() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "examples/gans-optimum.md"' in text
    assert '--8<-- "examples/gans-saturation.md"' in text
