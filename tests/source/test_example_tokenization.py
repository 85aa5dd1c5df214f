"""The tokenization page's worked examples: recomputed independently, and checked on the page.

The BPE merges are re-derived here by counting symbol pairs by hand (explicit loops over a
hand-written segmentation), not by calling the trainer. The recorded real-tokenizer output is
checked for internal consistency: each row's pieces must reassemble the input's UTF-8 bytes.
"""

from __future__ import annotations

import pytest

from atlas_build.examples import tokenization_bpe as bpe
from atlas_build.examples import tokenization_languages
from atlas_build.examples import tokenization_real as real
from atlas_build.paths import ROOT

PAGE = ROOT / "docs" / "concepts" / "tokenization.md"
FRAG_BPE = ROOT / "docs" / "_generated" / "examples" / "tokenization-bpe.md"
FRAG_REAL = ROOT / "docs" / "_generated" / "examples" / "tokenization-real.md"
FRAG_LANG = ROOT / "docs" / "_generated" / "examples" / "tokenization-languages.md"

# The corpus written out by hand: low x5, lower x2, newest x6, widest x3.
HAND = [(["l", "o", "w", "</w>"], 5),
        (["l", "o", "w", "e", "r", "</w>"], 2),
        (["n", "e", "w", "e", "s", "t", "</w>"], 6),
        (["w", "i", "d", "e", "s", "t", "</w>"], 3)]


def hand_pair_counts(words):
    counts = {}
    for symbols, freq in words:
        for k in range(len(symbols) - 1):
            pair = (symbols[k], symbols[k + 1])
            counts[pair] = counts.get(pair, 0) + freq
    return counts


def hand_merge(words, pair):
    out = []
    for symbols, freq in words:
        new, k = [], 0
        while k < len(symbols):
            if k + 1 < len(symbols) and symbols[k] == pair[0] and symbols[k + 1] == pair[1]:
                new.append(pair[0] + pair[1])
                k += 2
            else:
                new.append(symbols[k])
                k += 1
        out.append((new, freq))
    return out


def test_first_pair_counts_by_hand():
    counts = hand_pair_counts(HAND)
    # e+s occurs in newest (6) and widest (3); w+e in lower (2) and newest (6); l+o in low and lower.
    assert counts[("e", "s")] == 6 + 3 == 9
    assert counts[("s", "t")] == 9 and counts[("t", "</w>")] == 9
    assert counts[("w", "e")] == 2 + 6 == 8
    assert counts[("l", "o")] == 5 + 2 == 7
    assert max(counts.values()) == 9


def test_trainer_matches_hand_derived_merges():
    words = [(list(s), f) for s, f in HAND]
    expected = []
    for _ in range(bpe.NUM_MERGES):
        counts = hand_pair_counts(words)
        best = max(counts.values())
        pair = next(p for p, c in counts.items() if c == best)
        expected.append((pair, best))
        words = hand_merge(words, pair)
    merges, steps = bpe.train_bpe(bpe.CORPUS, bpe.NUM_MERGES)
    assert [(s.pair, s.count) for s in steps] == expected
    assert merges == [p for p, _ in expected]
    # The classic sequence from Sennrich et al.'s example.
    assert merges[:5] == [("e", "s"), ("es", "t"), ("est", "</w>"), ("l", "o"), ("lo", "w")]
    assert steps[-1].segmented["newest"] == ("newest</w>",)
    assert steps[-1].segmented["lower"] == ("low", "e", "r", "</w>")


def test_segmenting_new_words():
    merges, _ = bpe.train_bpe(bpe.CORPUS, bpe.NUM_MERGES)
    alphabet = bpe.base_alphabet(bpe.CORPUS)
    assert bpe.segment("lowest", merges, alphabet) == ["low", "est</w>"]
    assert bpe.segment("zest", merges, alphabet) == ["<unk>", "est</w>"]


def test_corpus_lengths():
    assert sum(len(s) * f for s, f in HAND) == 4 * 5 + 6 * 2 + 7 * 6 + 7 * 3 == 95


@pytest.mark.parametrize("text", list(real.RECORDED))
def test_recorded_pieces_reassemble_the_text(text):
    for enc, pairs in real.RECORDED[text].items():
        joined = b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p, _ in pairs)
        assert joined == text.encode("utf-8"), (text, enc)


def test_byte_tokens_are_the_utf8_bytes():
    # GPT-2 has no single entry for Cyrillic п: its two UTF-8 bytes are D0 BF.
    assert "п".encode() == b"\xd0\xbf"
    assert [p for p, _ in real.RECORDED["привет"]["r50k_base"][:2]] == [b"\xd0", b"\xbf"]
    # GPT-2's vocabulary: 256 bytes + 50,000 merges + 1 end-of-text token.
    assert real.VOCAB["r50k_base"] == (256 + 50000, 256 + 50000 + 1)


def test_language_table_numbers():
    counts = {lang: c for lang, _, c in real.SENTENCES}
    assert round(counts["Hindi"]["r50k_base"] / counts["English"]["r50k_base"], 1) == 5.3
    hindi = next(t for lang, t, _ in real.SENTENCES if lang == "Hindi")
    assert len(hindi.encode("utf-8")) == 50


def test_fragments_show_the_numbers():
    text = FRAG_BPE.read_text(encoding="utf-8")
    assert text == bpe.render() or bpe.render() in text
    for row in ["| 1 | `e`&nbsp;+&nbsp;`s` | 9 |", "| 4 | `l`&nbsp;+&nbsp;`o` | 7 |",
                "| 10 | `w`&nbsp;+&nbsp;`i` | 3 |", "| `lowest` | `low est</w>` | 2 |"]:
        assert row in text
    real_text = FRAG_REAL.read_text(encoding="utf-8")
    assert "`I` `␣love` `␣AI` | 40, 1842, 9552 |" in real_text
    assert "`202` `6` | 2366, 21 |" in real_text
    assert "32 (5.3&times;)" in FRAG_LANG.read_text(encoding="utf-8")
    assert tokenization_languages.render() in FRAG_LANG.read_text(encoding="utf-8")


def test_page_includes_the_examples_and_anchors():
    page = PAGE.read_text(encoding="utf-8")
    for include in ["examples/tokenization-bpe.md", "examples/tokenization-real.md",
                    "examples/tokenization-languages.md", "tokenization-pipeline.svg"]:
        assert f'--8<-- "{include}"' in page
    for anchor in ["what-is-a-token", "subword-tokenization", "byte-pair-encoding", "tokens-and-context-windows"]:
        assert "{ #" + anchor + " }" in page
    # The prose quotes the numbers the examples compute.
    assert "50,257 × 768 = 38,597,376" in page and 50257 * 768 == 38597376
    assert "5.3 times" in page
