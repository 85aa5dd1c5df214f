"""The VAE worked example: recompute its numbers by independent formulas and check the page shows them.

The module under test (scripts/examples/vaes_reparameterization.py) computes the KL term from
log-variances and Gaussian log-densities. Here every number is recomputed another way: sigma as a
square root, the KL through its entropy/cross-entropy form, the Monte Carlo terms through the
identity (z - mu) / sigma = epsilon, and the KL once more by numerical integration on a grid.
"""

from __future__ import annotations

import numpy as np
import pytest

from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "concepts" / "vaes.md"

# The inputs the page states (encoder outputs and seeds), written out again on purpose.
MU = [0.8, -0.5]
LOGVAR = [-1.2, 0.4]
EPS_SEED, MC_SEED = 14, 2026


def fmt(x: float) -> str:
    return f"{x:.4f}"


@pytest.fixture(scope="session")
def fragment() -> str:
    return example_fragment("vaes-reparameterization")


def sigmas() -> list[float]:
    return [float(np.sqrt(np.exp(lv))) for lv in LOGVAR]


def kl_dim(mu: float, s: float) -> float:
    """KL(N(mu, s^2) || N(0, 1)) = cross-entropy minus entropy = -log s + (s^2 + mu^2)/2 - 1/2."""
    return -np.log(s) + (s * s + mu * mu) / 2 - 0.5


def test_sigma_and_z_are_shown(fragment: str) -> None:
    s = sigmas()
    eps = np.random.default_rng(EPS_SEED).standard_normal(2)
    z = [MU[i] + s[i] * eps[i] for i in range(2)]
    for value in (*s, *eps, *z):
        assert fmt(value) in fragment, f"{fmt(value)} missing from the fragment"
    # The derivative of z with respect to the log-variance, by a central finite difference.
    h = 1e-6
    for i in range(2):
        up = MU[i] + np.sqrt(np.exp(LOGVAR[i] + h)) * eps[i]
        down = MU[i] + np.sqrt(np.exp(LOGVAR[i] - h)) * eps[i]
        assert fmt((up - down) / (2 * h)) in fragment


def test_closed_form_kl(fragment: str) -> None:
    s = sigmas()
    dims = [kl_dim(MU[i], s[i]) for i in range(2)]
    for d in dims:
        assert fmt(d) in fragment
    assert f"**{fmt(sum(dims))}**" in fragment


def test_closed_form_matches_numerical_integration() -> None:
    s = sigmas()
    grid = np.linspace(-12, 12, 200_001)
    step = grid[1] - grid[0]
    total = 0.0
    for i in range(2):
        q = np.exp(-((grid - MU[i]) ** 2) / (2 * s[i] ** 2)) / (s[i] * np.sqrt(2 * np.pi))
        p = np.exp(-(grid**2) / 2) / np.sqrt(2 * np.pi)
        total += float(np.sum(q * np.log(q / p)) * step)
    assert total == pytest.approx(sum(kl_dim(MU[i], s[i]) for i in range(2)), abs=1e-6)


def test_monte_carlo_estimates(fragment: str) -> None:
    s = np.array(sigmas())
    mu = np.array(MU)
    # Single sample: log q - log p = sum(-log s - eps^2/2 + z^2/2), since (z - mu)/s = eps.
    eps = np.random.default_rng(EPS_SEED).standard_normal(2)
    z = mu + s * eps
    assert fmt(float(np.sum(-np.log(s) - eps**2 / 2 + z**2 / 2))) in fragment
    exact = sum(kl_dim(MU[i], s[i]) for i in range(2))
    for n in (10, 1_000, 100_000):
        e = np.random.default_rng(MC_SEED).standard_normal((n, 2))
        zz = mu + s * e
        terms = np.sum(-np.log(s) - e**2 / 2 + zz**2 / 2, axis=1)
        se = terms.std(ddof=1) / np.sqrt(n)
        assert f"| {n:,} | {fmt(terms.mean())} | {fmt(se)} |" in fragment
        assert abs(terms.mean() - exact) < 4 * se, "Monte Carlo estimate far from the closed form"


def test_page_includes_fragment() -> None:
    assert '--8<-- "examples/vaes-reparameterization.md"' in PAGE.read_text(encoding="utf-8")
