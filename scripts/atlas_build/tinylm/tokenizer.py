"""The tiny model's tokenizer: one token per word of its grammar (atlas_build/tinylm/corpus.py).

Text is lower-cased and split into runs of letters and single other characters (spaces dropped);
a piece that is not one of the grammar's words becomes `<unk>`. Training hid 2 % of the input words
behind `<unk>`, so the model reads it as "some word I do not know" instead of an untrained vector.
Every sequence starts with `<bos>`. docs/javascripts/figures/tiny-lm.js implements the same rule;
the parity test compares the two.
"""

from __future__ import annotations

import re

from atlas_build.tinylm.corpus import WORDS

BOS, UNK = "<bos>", "<unk>"
VOCAB = [BOS, UNK, *WORDS]
INDEX = {w: i for i, w in enumerate(VOCAB)}
PIECE = re.compile(r"[a-z]+|[^\sa-z]")


def pieces(text: str) -> list[str]:
    return PIECE.findall(text.lower())


def encode(text: str) -> list[int]:
    """`<bos>` then one id per piece (`<unk>` for pieces outside the vocabulary)."""
    return [INDEX[BOS]] + [INDEX.get(p, INDEX[UNK]) for p in pieces(text)]
