"""The RNN worked example: recompute its gradients independently and check the page shows them.

The module under test (scripts/examples/rnns_gradients.py) multiplies one-step derivatives
w * (1 - h_t^2) along the chain rule. Here the same gradients are recomputed without the chain
rule, by complex-step differentiation: perturb h_k by an imaginary step i*eps, rerun the recurrence
to step T, and read dh_T/dh_k off the imaginary part (exact to rounding, even for gradients of
1e-8). The 2-D matrix norms are recomputed from the closed form of U_B^n and from eigenvalues of
(U^n)^T U^n, not from numpy's matrix 2-norm.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from atlas_build.paths import ROOT
from sitemap import example_fragment

PAGE = ROOT / "docs" / "concepts" / "rnns.md"

# The setup the page states, written out again on purpose.
T = 20
X = [1.0] + [0.0] * (T - 1)          # x_1 .. x_T
WEIGHTS = (0.5, 1.5)
ROWS = range(0, T + 1, 2)            # steps back n
POWERS = (1, 5, 10, 20, 40)


def g(x: float) -> str:
    """The page's number format: 4 significant figures, scientific outside [1e-3, 1e4)."""
    return f"{x:.4g}" if 1e-3 <= abs(x) < 1e4 or x == 0 else f"{x:.3e}"


@pytest.fixture(scope="session")
def fragment() -> str:
    return example_fragment("rnns-gradients")


def run_from(w: float, k: int, h_k: complex) -> complex:
    """Run h_t = tanh(w h_{t-1} + x_t) from a given h_k (possibly complex) up to h_T."""
    h = h_k
    for t in range(k + 1, T + 1):
        h = np.tanh(w * h + X[t - 1])
    return h


def state(w: float, k: int) -> float:
    h = 0.0
    for t in range(1, k + 1):
        h = math.tanh(w * h + X[t - 1])
    return h


def complex_step_gradient(w: float, k: int) -> float:
    eps = 1e-30
    return float(np.imag(run_from(w, k, state(w, k) + 1j * eps)) / eps)


def test_complex_step_agrees_with_finite_differences() -> None:
    """Sanity check of the checker itself, where finite differences are accurate enough."""
    for w in WEIGHTS:
        for k in (T - 1, T - 4):
            h = state(w, k)
            fd = (run_from(w, k, h + 1e-6).real - run_from(w, k, h - 1e-6).real) / 2e-6
            assert complex_step_gradient(w, k) == pytest.approx(fd, rel=1e-6)


def test_scalar_table_rows(fragment: str) -> None:
    lo, hi = WEIGHTS
    for n in ROWS:
        k = T - n
        cells = [lo**n, complex_step_gradient(lo, k), hi**n, complex_step_gradient(hi, k)]
        row = f"| {n} | " + " | ".join(g(c) for c in cells) + " |"
        assert row in fragment, f"row {row!r} missing from the fragment"


def test_tanh_gradient_never_exceeds_linear_bound() -> None:
    for w in WEIGHTS:
        for n in ROWS:
            assert abs(complex_step_gradient(w, T - n)) <= w**n + 1e-15


def test_headline_numbers(fragment: str) -> None:
    # The 20-step linear growth quoted in the prose, and the vanishing despite w > 1 with tanh.
    assert g(1.5**20) == "3325" and "| 20 | " in fragment
    assert complex_step_gradient(1.5, 0) < 1e-6 < 1.5**20
    # The fixed point of h = tanh(1.5 h) the state settles to, found by bisection.
    lo_, hi_ = 0.5, 1.0
    for _ in range(100):
        mid = (lo_ + hi_) / 2
        lo_, hi_ = (mid, hi_) if math.tanh(1.5 * mid) > mid else (lo_, mid)
    assert f"h_{{20}} = {lo_:.4f}" in fragment
    assert f"= {1.5 * (1 - lo_**2):.4f}$" in fragment
    assert f"h_1 = {math.tanh(1.0):.4f}" in fragment


def test_matrix_norms(fragment: str) -> None:
    rows = {
        # U_A = 0.9 I: every power is 0.9^n I, norm 0.9^n.
        "A": [0.9**n for n in POWERS],
        # U_B = [[0.9, 1], [0, 0.9]]: U_B^n = [[a, b], [0, a]] with a = 0.9^n, b = n 0.9^(n-1);
        # its largest singular value is the square root of the largest eigenvalue of M^T M.
        "B": [],
    }
    for n in POWERS:
        a, b = 0.9**n, n * 0.9 ** (n - 1)
        mtm = np.array([[a * a, a * b], [a * b, b * b + a * a]])
        tr, det = np.trace(mtm), np.linalg.det(mtm)
        rows["B"].append(math.sqrt((tr + math.sqrt(tr * tr - 4 * det)) / 2))
    sigma_b = rows["B"][0]
    assert sigma_b == pytest.approx((1 + math.sqrt(1 + 4 * 0.81)) / 2, rel=1e-12)  # singular value of U_B
    for name, sigma in (("A", 0.9), ("B", sigma_b)):
        row = f"| $U_{name}$ | 0.9000 | {sigma:.4f} | " + " | ".join(g(v) for v in rows[name]) + " |"
        assert row in fragment, f"row {row!r} missing from the fragment"
    assert max(rows["B"]) > 3.5, "U_B should amplify transiently despite spectral radius 0.9"


def test_page_includes_fragment_and_quotes_it() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert '--8<-- "examples/rnns-gradients.md"' in text
    assert "3,325-fold" in text and f"{(1 + math.sqrt(1 + 4 * 0.81)) / 2:.2f}" in text
