"""The diffusion-models worked examples: recompute the key numbers independently (plain Python
loops and math, not the module's NumPy helpers) and check the generated fragments show them."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from atlas_build.examples import diffusion_models_forward as fwd
from atlas_build.examples import diffusion_models_guidance as cfg
from atlas_build.paths import ROOT

FRAGMENTS = ROOT / "docs" / "_generated" / "examples"


def alpha_bar_by_hand(t: int, T: int = 1000, lo: float = 1e-4, hi: float = 0.02) -> float:
    """alpha_bar_t = prod_{s=1}^{t} (1 - beta_s), beta_s linear from lo (s = 1) to hi (s = T)."""
    prod = 1.0
    for s in range(1, t + 1):
        beta = lo + (hi - lo) * (s - 1) / (T - 1)
        prod *= 1.0 - beta
    return prod


@pytest.fixture(scope="session")
def forward_md() -> str:
    return fwd.render()


@pytest.fixture(scope="session")
def guidance_md() -> str:
    return cfg.render()


def test_schedule_is_the_ddpm_one():
    betas, _ = fwd.schedule()
    assert len(betas) == 1000
    assert betas[0] == pytest.approx(1e-4) and betas[-1] == pytest.approx(0.02)


@pytest.mark.parametrize("t", fwd.SHOWN_STEPS)
def test_alpha_bar_matches_hand_product_and_is_shown(t, forward_md):
    ab = alpha_bar_by_hand(t)
    _, alpha_bars = fwd.schedule()
    assert alpha_bars[t - 1] == pytest.approx(ab, rel=1e-9)
    row = f"| {t} | {0.0001 + 0.0199 * (t - 1) / 999:.6f} | {ab:.6f} | {math.sqrt(ab):.4f} | {math.sqrt(1 - ab):.4f} |"
    assert row in forward_md


def test_known_values():
    # Landmarks the page's prose relies on.
    assert 0.89 < alpha_bar_by_hand(100) < 0.90
    assert alpha_bar_by_hand(500) < 0.08
    assert alpha_bar_by_hand(1000) < 1e-4  # "more than 99.99% noise by variance"


@pytest.mark.parametrize("t", fwd.SAMPLE_STEPS)
def test_forward_sample_by_hand_is_shown(t, forward_md):
    eps = np.random.default_rng(0).standard_normal(4)
    x0 = [0.9, -0.4, 0.1, 0.7]
    ab = alpha_bar_by_hand(t)
    xt = [math.sqrt(ab) * a + math.sqrt(1 - ab) * e for a, e in zip(x0, eps, strict=True)]
    shown = "[" + ", ".join(f"{v:.3f}" for v in xt) + "]"
    assert f"| {t} | {math.sqrt(ab):.4f} | {math.sqrt(1 - ab):.4f} | {shown} |" in forward_md


def test_noise_vector_is_shown_and_last_step_is_almost_noise(forward_md):
    eps = np.random.default_rng(0).standard_normal(4)
    assert "[" + ", ".join(f"{v:.3f}" for v in eps) + "]" in forward_md
    ab = alpha_bar_by_hand(1000)
    x0 = np.array([0.9, -0.4, 0.1, 0.7])
    x1000 = math.sqrt(ab) * x0 + math.sqrt(1 - ab) * eps
    assert np.max(np.abs(x1000 - eps)) < 0.01  # the page says so in its prose


def test_stepping_agrees_with_closed_form(forward_md):
    mean, std = fwd.step_by_step()
    ab = alpha_bar_by_hand(500)
    assert mean == pytest.approx(math.sqrt(ab), abs=0.01)
    assert std == pytest.approx(math.sqrt(1 - ab), abs=0.01)
    assert f"mean {mean:.4f} and standard deviation {std:.4f}" in forward_md
    assert f"= {math.sqrt(ab):.4f}$ and" in forward_md


@pytest.mark.parametrize("w", cfg.SCALES)
def test_guidance_rows(w, guidance_md):
    u, c = (0.20, -0.10), (0.50, 0.30)
    g = [ui + w * (ci - ui) for ui, ci in zip(u, c, strict=True)]
    norm = math.hypot(*g)
    assert re.search(rf"\| {w:g} \| \[{g[0]:.2f}, {g[1]:.2f}\] \| {norm:.2f} \|", guidance_md)


@pytest.mark.parametrize("name, render", [("diffusion-models-forward.md", fwd.render), ("diffusion-models-guidance.md", cfg.render)])
def test_generated_fragment_is_current(name, render):
    path = FRAGMENTS / name
    if not path.is_file():
        pytest.skip(f"{path} not generated yet; run `make generate`")
    assert render() in path.read_text(encoding="utf-8")
