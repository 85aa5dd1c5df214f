"""A small, independent byte-level BPE encoder (tiktoken's algorithm) in pure Python.

It reads the merge ranks from the `.tiktoken` files in node_modules/gpt-tokenizer/data/ (base64
bytes and rank per line, OpenAI's published format), not from the JavaScript rank tables the
site serves, and pre-tokenizes with OpenAI's regular expressions. Python's `re` has no \\p{L},
so the letter and number classes are built from `unicodedata`; whitespace is Unicode's
White_Space set, as in tiktoken's Rust regex. Used at generate time for the playground's
no-script table, and by tests/test_tokenizer_parity.py to check the playground's tokens.
"""

from __future__ import annotations

import base64
import functools
import re
import sys
import unicodedata

from atlas_build.paths import NODE_MODULES

DATA = NODE_MODULES / "gpt-tokenizer" / "data"

# Unicode White_Space (what `\s` means in tiktoken's regex engine).
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"


@functools.cache
def _category_class(prefix: str) -> str:
    """The body of a character class holding every code point whose category starts with `prefix`."""
    ranges: list[list[int]] = []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)).startswith(prefix):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


@functools.cache
def pattern(name: str) -> re.Pattern[str]:
    """OpenAI's pre-tokenization pattern for `name`, with \\p{L}, \\p{N} and \\s spelled out."""
    L, N, S = _category_class("L"), _category_class("N"), WHITE_SPACE
    if name == "r50k_base":
        p = rf"'s|'t|'re|'ve|'m|'ll|'d| ?[{L}]+| ?[{N}]+| ?[^{S}{L}{N}]+|[{S}]+(?![^{S}])|[{S}]+"
    elif name == "cl100k_base":
        p = (
            rf"'(?i:[sdmt]|ll|ve|re)|[^\r\n{L}{N}]?[{L}]+|[{N}]{{1,3}}| ?[^{S}{L}{N}]+[\r\n]*"
            rf"|[{S}]+\Z|[{S}]*[\r\n]|[{S}]+(?![^{S}])|[{S}]"
        )
    else:
        raise ValueError(f"unknown encoding {name!r}")
    return re.compile(p)


@functools.cache
def ranks(name: str) -> dict[bytes, int]:
    """Mergeable ranks: token bytes -> id, from `<name>.tiktoken`."""
    out = {}
    for line in (DATA / f"{name}.tiktoken").read_text(encoding="ascii").splitlines():
        if line:
            token, rank = line.split()
            out[base64.b64decode(token)] = int(rank)
    return out


def _merge(piece: bytes, table: dict[bytes, int]) -> list[bytes]:
    """Byte pair merge: join the adjacent pair whose joined bytes have the lowest rank, until none does."""
    parts = [piece[i:i + 1] for i in range(len(piece))]
    while len(parts) > 1:
        best, where = None, -1
        for i in range(len(parts) - 1):
            r = table.get(parts[i] + parts[i + 1])
            if r is not None and (best is None or r < best):
                best, where = r, i
        if best is None:
            break
        parts[where:where + 2] = [parts[where] + parts[where + 1]]
    return parts


def encode(text: str, name: str) -> list[tuple[int, bytes]]:
    """(id, bytes) of every token of `text`; special tokens are treated as ordinary text."""
    table = ranks(name)
    out = []
    for chunk in pattern(name).findall(text):
        data = chunk.encode("utf-8")
        if data in table:
            out.append((table[data], data))
        else:
            out += [(table[p], p) for p in _merge(data, table)]
    return out
