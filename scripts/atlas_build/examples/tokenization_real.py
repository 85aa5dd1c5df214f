"""Real byte-level BPE output for a few short strings, recorded from a real tokenizer.

How the numbers were produced (2026-11-23): the npm package `gpt-tokenizer` 4.0.0, which bundles
OpenAI's vocabularies and needs no network at run time, run with Node.js:

    npm install gpt-tokenizer
    node -e "const e = require('gpt-tokenizer/cjs/encoding/r50k_base'); console.log(e.encode('I love AI'))"

and likewise with `cl100k_base` and `o200k_base`. `r50k_base` is GPT-2's vocabulary (tiktoken
maps `gpt2` and the original GPT-3 models to it); `cl100k_base` is the one tiktoken maps to
GPT-4 and GPT-3.5 Turbo; `o200k_base` the one it maps to GPT-4o and later models. Each piece
below is the byte sequence the package stores for that id; a piece that is not valid UTF-8 on
its own (part of a multi-byte character) is recorded as `bytes`.

This module cannot re-run the tokenizer (no vocabulary files ship with the site), but the test
checks what it can: every row's pieces concatenate back to exactly the input's UTF-8 bytes.
"""

from __future__ import annotations

Piece = str | bytes

# text -> encoding -> [(piece, id), ...]
RECORDED: dict[str, dict[str, list[tuple[Piece, int]]]] = {
    "I love AI": {
        "r50k_base": [("I", 40), (" love", 1842), (" AI", 9552)],
        "cl100k_base": [("I", 40), (" love", 3021), (" AI", 15592)],
    },
    "love": {
        "r50k_base": [("love", 23205)],
        "cl100k_base": [("love", 31153)],
    },
    " love": {
        "r50k_base": [(" love", 1842)],
        "cl100k_base": [(" love", 3021)],
    },
    "Love": {
        "r50k_base": [("Love", 18565)],
        "cl100k_base": [("Love", 29351)],
    },
    "antidisestablishmentarianism": {
        "r50k_base": [("ant", 415), ("idis", 29207), ("establishment", 44390), ("arian", 3699), ("ism", 1042)],
        "cl100k_base": [("ant", 519), ("idis", 85342), ("establish", 34500), ("ment", 479), ("arian", 8997), ("ism", 2191)],
    },
    "2026": {
        "r50k_base": [("20", 1238), ("26", 2075)],
        "cl100k_base": [("202", 2366), ("6", 21)],
    },
    "Tokenisierung": {
        "r50k_base": [("Token", 30642), ("is", 271), ("ier", 959), ("ung", 2150)],
        "cl100k_base": [("Token", 3404), ("is", 285), ("ierung", 37716)],
    },
    "привет": {
        "r50k_base": [(b"\xd0", 140), (b"\xbf", 123), ("р", 21169), ("и", 18849), ("в", 38857), ("е", 16843), ("т", 20375)],
        "cl100k_base": [("п", 8164), ("р", 2233), ("ив", 28089), ("ет", 8341)],
    },
    "こんにちは": {
        "r50k_base": [("こ", 46036), ("ん", 22174), ("に", 28618), (b"\xe3\x81", 2515), (b"\xa1", 94), ("は", 31676)],
        "cl100k_base": [("こんにちは", 90115)],
    },
}

MAIN_ROWS = ["I love AI", "antidisestablishmentarianism", "2026", "Tokenisierung", "привет", "こんにちは"]
ROW_NOTES = {
    "I love AI": "the popular example",
    "antidisestablishmentarianism": "a long, rare word",
    "2026": "a number",
    "Tokenisierung": "German for *tokenization*",
    "привет": "Russian for *hi*",
    "こんにちは": "Japanese for *hello*",
}

# The same greeting in five languages: characters, UTF-8 bytes, and token counts per encoding.
SENTENCES: list[tuple[str, str, dict[str, int]]] = [
    ("English", "Hello, how are you?", {"r50k_base": 6, "cl100k_base": 6, "o200k_base": 6}),
    ("German", "Hallo, wie geht es dir?", {"r50k_base": 10, "cl100k_base": 7, "o200k_base": 7}),
    ("Russian", "Привет, как дела?", {"r50k_base": 18, "cl100k_base": 8, "o200k_base": 6}),
    ("Japanese", "こんにちは、お元気ですか？", {"r50k_base": 19, "cl100k_base": 8, "o200k_base": 7}),
    ("Hindi", "नमस्ते, आप कैसे हैं?", {"r50k_base": 32, "cl100k_base": 20, "o200k_base": 9}),
]
ENCODINGS = ["r50k_base", "cl100k_base", "o200k_base"]

# Sizes read from the same package: byte sequences with an id (256 single bytes + learned merges),
# and the total including special tokens such as <|endoftext|>.
VOCAB = {"r50k_base": (50256, 50257), "cl100k_base": (100256, 100264), "o200k_base": (199998, 200006)}


def piece_bytes(piece: Piece) -> bytes:
    return piece if isinstance(piece, bytes) else piece.encode("utf-8")


def show(piece: Piece) -> str:
    """A piece for display: a leading or inner space as ␣, a lone byte as <0xD0>."""
    if isinstance(piece, bytes):
        return "`" + " ".join(f"<0x{b:02X}>" for b in piece) + "`"
    return "`" + piece.replace(" ", "␣") + "`"


def row(text: str, enc: str) -> tuple[str, str]:
    pairs = RECORDED[text][enc]
    return " ".join(show(p) for p, _ in pairs), ", ".join(str(i) for _, i in pairs)


def render() -> str:
    out = [
        "| Text | GPT-2 (`r50k_base`) pieces | ids | `cl100k_base` pieces | ids |",
        "|---|---|---|---|---|",
    ]
    for text in MAIN_ROWS:
        r50_p, r50_i = row(text, "r50k_base")
        cl_p, cl_i = row(text, "cl100k_base")
        out.append(f"| `{text}` ({ROW_NOTES[text]}) | {r50_p} | {r50_i} | {cl_p} | {cl_i} |")
    out += [
        "",
        "`␣` marks a space character that belongs to the token; `<0xD0>` is a token that holds a single byte "
        "(part of a character that takes several bytes in UTF-8). Recorded with the npm package "
        "[`gpt-tokenizer`](https://www.npmjs.com/package/gpt-tokenizer) 4.0.0 on 2026-11-23.",
        "",
    ]
    return "\n".join(out)


def render_languages() -> str:
    out = [
        "| Language | Text | Characters | UTF-8 bytes | " + " | ".join(f"`{e}`" for e in ENCODINGS) + " |",
        "|---|---|---:|---:|" + "---:|" * len(ENCODINGS),
    ]
    english = SENTENCES[0][2]
    for lang, text, counts in SENTENCES:
        cells = []
        for e in ENCODINGS:
            ratio = counts[e] / english[e]
            cells.append(f"{counts[e]}" + ("" if lang == "English" else f" ({ratio:.1f}&times;)"))
        out.append(f"| {lang} | {text} | {len(text)} | {len(text.encode('utf-8'))} | " + " | ".join(cells) + " |")
    out += [
        "",
        "The last three columns are token counts; in brackets, the count relative to the English sentence in the same encoding. "
        "Counted with `gpt-tokenizer` 4.0.0 on 2026-11-23.",
        "",
    ]
    return "\n".join(out)


if __name__ == "__main__":
    print(render())
    print(render_languages())
