"""The neural-networks worked example: recompute it another way and check the page shows it.

The module under test (scripts/examples/neural_networks_backprop.py) runs a 2-2-1 network with
NumPy and backpropagates by the chain rule. Here the forward pass is written out in plain Python
(math.tanh, math.exp), and every gradient is estimated WITHOUT calculus, by central finite
differences of the loss. The fragment must show those gradients, the updated weights they imply,
and a loss that fell after the step.
"""

from __future__ import annotations

import math

import pytest

from atlas_build.grids import read as cells
from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "concepts" / "neural-networks.md"

# The inputs the page states, written out again on purpose (not imported from the module).
X = (0.5, -1.0)
Y = 1.0
# Parameter order: W11, W12, W21, W22, b1_1, b1_2, w2_1, w2_2, b2
THETA = (0.4, -0.3, 0.2, 0.6, 0.1, 0.0, 0.7, -0.5, 0.2)
LR = 0.5


def fmt(v: float) -> str:
    s = f"{v:.4f}"
    return "0.0000" if s == "-0.0000" else s.replace("-", "−")


def predict(t) -> float:
    h1 = math.tanh(t[0] * X[0] + t[1] * X[1] + t[4])
    h2 = math.tanh(t[2] * X[0] + t[3] * X[1] + t[5])
    z = t[6] * h1 + t[7] * h2 + t[8]
    return 1.0 / (1.0 + math.exp(-z))


def bce(t) -> float:
    p = predict(t)
    return -(Y * math.log(p) + (1 - Y) * math.log(1 - p))


def numeric_gradient(t, eps: float = 1e-6) -> list[float]:
    grads = []
    for i in range(len(t)):
        up = list(t)
        down = list(t)
        up[i] += eps
        down[i] -= eps
        grads.append((bce(up) - bce(down)) / (2 * eps))
    return grads


@pytest.fixture(scope="session")
def fragment() -> str:
    return example_fragment("neural-networks-backprop")


def test_forward_pass_is_shown(fragment: str) -> None:
    h1 = math.tanh(0.6)
    h2 = math.tanh(-0.5)
    for value in (h1, h2, predict(THETA), bce(THETA), -math.log(predict(THETA))):
        assert fmt(value) in fragment, f"{fmt(value)} missing from the fragment"


def test_gradients_match_finite_differences(fragment: str) -> None:
    """Each backpropagated gradient on the page equals the finite-difference estimate (4 d.p.)."""
    table = fragment.split("| Parameter |", 1)[1]
    rows = [line for line in table.splitlines() if line.startswith("| $")]
    assert len(rows) == 9, "the update table should list all nine parameters"
    for row, old, grad in zip(rows, THETA, numeric_gradient(THETA), strict=True):
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[1] == fmt(old), row
        assert cells[2] == fmt(grad), f"gradient {cells[2]} != finite difference {fmt(grad)} in {row}"
        assert cells[3] == fmt(old - LR * grad), f"update wrong in {row}"


def test_the_weight_update_is_drawn_as_grids(fragment: str) -> None:
    """The grids of W(1): its gradient (the outer product of the error signals and the input, from
    finite differences here), and the matrix before and after the step."""
    g = numeric_gradient(THETA)
    units = ("j = 1", "j = 2")
    grad = {units[0]: [fmt(g[0]), fmt(g[1])], units[1]: [fmt(g[2]), fmt(g[3])]}
    assert cells(fragment, r"\partial L / \partial W^{(1)} = \delta^{(1)} x^\top") == grad
    assert cells(fragment, r"\delta^{(1)}") == {units[0]: [fmt(g[4])], units[1]: [fmt(g[5])]}   # = bias gradients
    before = cells(fragment, r"W^{(1)}")   # the first grid so named: before the step
    assert before == {units[0]: [fmt(THETA[0]), fmt(THETA[1])], units[1]: [fmt(THETA[2]), fmt(THETA[3])]}
    after = cells(fragment, r"W^{(1)} - \eta \, \partial L / \partial W^{(1)}")
    assert after == {u: [fmt(THETA[2 * j + k] - LR * g[2 * j + k]) for k in range(2)] for j, u in enumerate(units)}
    assert list(after) == list(units)


def test_hand_derived_error_signals(fragment: str) -> None:
    """The chain-rule error signals, derived by hand, also match the finite differences."""
    p = predict(THETA)
    h1, h2 = math.tanh(0.6), math.tanh(-0.5)
    delta2 = p - Y
    delta1 = (delta2 * 0.7 * (1 - h1**2), delta2 * -0.5 * (1 - h2**2))
    g = numeric_gradient(THETA)
    assert abs(g[8] - delta2) < 1e-8 and abs(g[4] - delta1[0]) < 1e-8 and abs(g[5] - delta1[1]) < 1e-8
    for value in (delta2, *delta1):
        assert fmt(value) in fragment


def test_loss_falls_after_one_step(fragment: str) -> None:
    g = numeric_gradient(THETA)
    after = [t - LR * gi for t, gi in zip(THETA, g, strict=True)]
    assert bce(after) < bce(THETA)
    assert f"loss of {fmt(bce(after))} (was {fmt(bce(THETA))})" in fragment
    assert f"$\\hat{{y}} = {fmt(predict(after))}$" in fragment


def test_page_includes_the_fragment() -> None:
    assert '--8<-- "examples/neural-networks-backprop.md"' in PAGE.read_text(encoding="utf-8")
