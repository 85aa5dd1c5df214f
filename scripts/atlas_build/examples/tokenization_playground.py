"""The tokenizer playground's starting text and its no-script table (concepts/tokenization.md#try-it).

The table shows the starting text's GPT-2 tokens, recorded from the independent Python byte-level
BPE in scripts/atlas/bytebpe.py (`bytebpe.encode(SAMPLE, "r50k_base")`, which reads the package's
`r50k_base.tiktoken`); tests/test_tokenizer_parity.py re-runs it and the playground itself on the
same text, so the recording cannot go stale unnoticed. Recorded rather than computed here so that
`make generate` does not need node_modules. In the browser, docs/javascripts/figures/tokenizer-playground.js tokenizes whatever the reader types with
the npm package gpt-tokenizer's own encoder (served by the site; see scripts/atlas/vendor.py),
loading the vocabulary only when the reader first uses the box.
"""

from __future__ import annotations

import re

from atlas_build.figures import container, esc, table

SAMPLE = "Tokenizers don't split on spaces: naïve café, 2026 tokens 🤖!"

# (id, bytes) of each GPT-2 token of SAMPLE.
SAMPLE_TOKENS: list[tuple[int, bytes]] = [
    (30642, b"Token"), (11341, b"izers"), (836, b" don"), (470, b"'t"), (6626, b" split"), (319, b" on"),
    (9029, b" spaces"), (25, b":"), (41492, b" na\xc3\xafve"), (40304, b" caf\xc3\xa9"), (11, b","), (1160, b" 20"),
    (2075, b"26"), (16326, b" tokens"), (12520, b" \xf0\x9f"), (97, b"\xa4"), (244, b"\x96"), (0, b"!"),
]

# What the playground offers: encoding name and label (the first is the default).
ENCODINGS = [
    ["r50k_base", "GPT-2 (r50k_base)"],
    ["cl100k_base", "GPT-4 (cl100k_base)"],
]


def visible(piece: bytes) -> str:
    """A token's text with whitespace made visible; bytes that are not whole characters as \\xHH."""
    text = piece.decode("utf-8", errors="backslashreplace")
    text = re.sub(r"\\x([0-9a-f]{2})", lambda m: "\\x" + m.group(1).upper(), text)
    return text.replace(" ", "␣").replace("\n", "↵").replace("\t", "⇥").replace("\r", "␍")


def render() -> str:
    tokens = SAMPLE_TOKENS
    rows = [[str(i + 1), f"<code>{esc(visible(piece))}</code>", str(tid)] for i, (tid, piece) in enumerate(tokens)]
    words = len(SAMPLE.split())
    caption = (
        f"GPT-2 (r50k_base) tokens of “{esc(SAMPLE)}”: {len(SAMPLE)} characters, {words} words, {len(tokens)} tokens"
    )
    inner = [
        '<p class="atlas-figure-fallback">The playground needs JavaScript. Here is what it shows for its starting text.</p>',
        *table(["#", "Token (␣ is a space)", "Id"], rows, caption),
    ]
    return container("tokenizer-playground", {"sample": SAMPLE, "encodings": ENCODINGS}, inner, "Tokenizer playground")


if __name__ == "__main__":
    print(render())
