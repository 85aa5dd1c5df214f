"""Worked example for concepts/transformers.md: why attention divides the scores by sqrt(d_k).

Draw random queries and keys whose components are independent with mean 0 and variance 1 (the
assumption of Vaswani et al., 2017, section 3.2.1), for d_k = 4, 64 and 512. The raw dot product
q.k has standard deviation about sqrt(d_k), so the softmax over 8 keys becomes nearly one-hot as
d_k grows; dividing by sqrt(d_k) keeps the spread, and the weights, the same at every width.

`make generate` writes render() to docs/_generated/examples/transformers-scaling.md.
"""

from __future__ import annotations

import numpy as np

SEED = 0
DIMS = (4, 64, 512)
TRIALS = 2000  # independent (query, 8 keys) draws per dimension
N_KEYS = 8


def draws(d_k: int, seed: int = SEED):
    """(queries, keys): arrays of shape (TRIALS, d_k) and (TRIALS, N_KEYS, d_k), fixed seed per d_k."""
    rng = np.random.default_rng([seed, d_k])
    return rng.standard_normal((TRIALS, d_k)), rng.standard_normal((TRIALS, N_KEYS, d_k))


def stats(d_k: int) -> dict[str, float]:
    q, k = draws(d_k)
    raw = np.einsum("td,tkd->tk", q, k)
    scaled = raw / np.sqrt(d_k)

    def mean_top_weight(s: np.ndarray) -> float:
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return float((e / e.sum(axis=1, keepdims=True)).max(axis=1).mean())

    return {
        "sd_raw": float(raw.std()),
        "sd_scaled": float(scaled.std()),
        "top_raw": mean_top_weight(raw),
        "top_scaled": mean_top_weight(scaled),
    }


def render() -> str:
    lines = [
        f"{TRIALS:,} random draws of one query and {N_KEYS} keys with standard-normal components "
        f"(NumPy, seed {SEED}); \"largest weight\" averages the biggest of the {N_KEYS} softmax weights "
        f"({1 / N_KEYS:.3f} is even, 1 is one-hot).",
        "",
        "| $d_k$ | $\\sqrt{d_k}$ | spread of $q \\cdot k$ (std) | spread after $\\div\\sqrt{d_k}$ | largest weight, raw | largest weight, scaled |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for d in DIMS:
        s = stats(d)
        lines.append(
            f"| {d} | {np.sqrt(d):.2f} | {s['sd_raw']:.2f} | {s['sd_scaled']:.2f} | "
            f"{s['top_raw']:.3f} | {s['top_scaled']:.3f} |"
        )
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render())
