"""Data for the "BPE step by step" figure on concepts/tokenization.md (#bpe-step-by-step).

Every merge, its count, the segmented corpus after it and the pair counts the next merge is
chosen from all come from `train_bpe` and `count_pairs` in tokenization_bpe.py, the same code
as the worked example, so the figure cannot drift from it. `make generate` writes render() to
docs/_generated/examples/tokenization-bpe-live.md; the page includes it inside its section and
docs/javascripts/figures/bpe-steps.js makes it interactive. With scripts off, the table of all
merges stays.
"""

from __future__ import annotations

from atlas_build.examples.tokenization_bpe import CORPUS, NUM_MERGES, base_alphabet, count_pairs, split_word, train_bpe
from atlas_build.figures import container, esc, table

TOP_PAIRS = 6   # candidate pairs listed before each merge


def corpus_length(segmented: dict[str, tuple[str, ...]]) -> int:
    return sum(len(symbols) * CORPUS[word] for word, symbols in segmented.items())


def candidates(segmented: dict[str, tuple[str, ...]]) -> list[list]:
    """The most frequent pairs in this state, highest count first, ties in first-seen order."""
    counts = count_pairs(segmented, CORPUS)
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])   # stable: keeps first-seen order for ties
    return [[a, b, n] for (a, b), n in ranked[:TOP_PAIRS]]


def data() -> dict:
    _, steps = train_bpe(CORPUS, NUM_MERGES)
    start = {w: split_word(w) for w in CORPUS}
    states = [start] + [s.segmented for s in steps]
    return {
        "corpus": [[w, n] for w, n in CORPUS.items()],
        "alphabet": base_alphabet(CORPUS),
        "start": {w: list(p) for w, p in start.items()},
        "startLength": corpus_length(start),
        "steps": [
            {
                "step": s.step,
                "pair": list(s.pair),
                "count": s.count,
                "segmented": {w: list(p) for w, p in s.segmented.items()},
                "length": corpus_length(s.segmented),
            }
            for s in steps
        ],
        # candidates[k]: the pair counts in the corpus after k merges (what merge k + 1 picks from)
        "candidates": [candidates(state) for state in states],
    }


def render() -> str:
    d = data()
    rows = [
        [str(s["step"]), f"<code>{esc(s['pair'][0])}</code> + <code>{esc(s['pair'][1])}</code>",
         f"<code>{esc(''.join(s['pair']))}</code>", str(s["count"]), str(s["length"])]
        for s in d["steps"]
    ]
    inner = [
        '<p class="atlas-figure-fallback">The merges <code>train_bpe</code> learns from the corpus above, in order. '
        "With scripts on, this figure replays them one at a time.</p>",
        *table(["Merge", "Pair joined", "New symbol", "Count", "Corpus length"], rows,
               f"Merge table: {len(rows)} merges learned from the toy corpus (corpus length at the start: {d['startLength']} symbols)"),
    ]
    return container("bpe-steps", d, inner, "BPE step by step")


if __name__ == "__main__":
    print(render())
