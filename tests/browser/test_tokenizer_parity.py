"""The tokenizer playground splits text exactly like an independent implementation of the same vocabulary.

The playground (docs/javascripts/figures/tokenizer-playground.js) runs the npm package gpt-tokenizer's
encoder on the package's JavaScript rank tables, served by the site. The reference here is
scripts/atlas_build/bytebpe.py: a pure-Python byte-level BPE (tiktoken's algorithm and OpenAI's
pre-tokenization patterns) reading the package's `.tiktoken` rank files instead. The reference is
itself checked against tiktoken's own outputs, recorded in the package's TestPlans.txt, and
against the outputs the page records in `I love AI, corrected`.

The playground cuts a run the pre-tokenizer left unbroken into pieces of at most MAX_RUN characters
before merging (docs/javascripts/figures/_tokenize.js; the figure says so when it happens), so that a
hostile paste cannot freeze the page: the reference applies the same cut in `chunked()`, and no
ordinary string here has such a run.
"""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import urlsplit

import pytest

from atlas_build import bytebpe
from atlas_build.examples import tokenization_playground, tokenization_real
from atlas_build.paths import ROOT
from atlas_tools import vendor

STRINGS = json.loads((ROOT / "tests/data/tokenizer_parity_strings.json").read_text(encoding="utf-8"))["strings"]
ENCODINGS = ["r50k_base", "cl100k_base"]
PAGE = "concepts/tokenization/"
MAX_RUN = 100   # _tokenize.js
LONG_RUNS = ["a" * 250, "x " + "=" * 230 + " y", "👍" * 120 + " ok", "Hi " + "naïve" * 30 + "!"]


@functools.cache
def _merged(data: bytes, name: str) -> tuple[tuple[int, bytes], ...]:
    table = bytebpe.ranks(name)
    return ((table[data], data),) if data in table else tuple((table[p], p) for p in bytebpe._merge(data, table))


def chunked(text: str, name: str) -> list[tuple[int, bytes]]:
    """The reference's tokens, with runs longer than MAX_RUN characters cut as the playground cuts them."""
    out: list[tuple[int, bytes]] = []
    for piece in bytebpe.pattern(name).findall(text):
        for i in range(0, len(piece), MAX_RUN):
            out += _merged(piece[i:i + MAX_RUN].encode("utf-8"), name)
    return out


def test_there_are_at_least_fifty_varied_strings():
    assert len(STRINGS) >= 50 and len(set(STRINGS)) == len(STRINGS)
    for name in ENCODINGS:  # ordinary text: no run the playground would cut
        assert all(len(p) <= MAX_RUN for s in STRINGS for p in bytebpe.pattern(name).findall(s))
        assert all(chunked(s, name) == bytebpe.encode(s, name) for s in STRINGS[:10])
    kinds = {
        "spaces": r"  |\n|\t", "punctuation": r"[!?.,;:()]", "numbers": r"\d", "accents": r"[éïüçß]",
        "emoji": r"[\U0001F300-\U0001FAFF]", "CJK": r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", "code": r"[{}<>=;]",
    }
    for kind, pattern in kinds.items():
        assert sum(bool(re.search(pattern, s)) for s in STRINGS) >= 3, f"too few strings with {kind}"


def test_reference_reproduces_tiktoken_recorded_outputs():
    """The package ships tiktoken's outputs for many samples; the Python reference must match every one."""
    text = (bytebpe.DATA / "TestPlans.txt").read_text(encoding="utf-8")
    checked = 0
    for block in re.finditer(r"EncodingName: (\S+)\nSample: (.*?)\nEncoded: \[(.*?)\]", text, re.S):
        name, sample, ids = block.groups()
        if name in ENCODINGS:
            want = [int(i) for i in ids.split(",")] if ids.strip() else []
            assert [i for i, _ in bytebpe.encode(sample, name)] == want, f"{name}: {sample[:40]!r}"
            checked += 1
    assert checked >= 50


def test_reference_reproduces_the_pages_recorded_tokens():
    for text, per_encoding in tokenization_real.RECORDED.items():
        for name, pieces in per_encoding.items():
            want = [(tid, p.encode() if isinstance(p, str) else p) for p, tid in pieces]
            assert bytebpe.encode(text, name) == want, f"{name}: {text!r}"


def test_the_playgrounds_recorded_starting_tokens_are_current():
    assert bytebpe.encode(tokenization_playground.SAMPLE, "r50k_base") == tokenization_playground.SAMPLE_TOKENS


def test_the_site_serves_the_pinned_package_unchanged():
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["gpt-tokenizer"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/gpt-tokenizer"]["version"]
    assert vendor.package_version() == pin == lock, "node_modules differs from the pin: run `make setup`"
    assert vendor.main(["--check"]) == 0, "the served tokenizer is stale: run `atlas-tools vendor`"
    assert f"gpt-tokenizer {pin}" in (vendor.TARGET / "VERSION").read_text(encoding="utf-8")


@pytest.mark.browser
def test_playground_tokens_and_ids_match_the_reference(page, server):
    outside = []
    page.on("request", lambda r: outside.append(r.url) if urlsplit(r.url).hostname != "127.0.0.1" else None)
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    page.locator("[data-atlas-figure=tokenizer-playground]").scroll_into_view_if_needed()  # figures load on approach
    page.wait_for_selector("[data-atlas-figure=tokenizer-playground][data-atlas-figure-ready]")
    # The same module the page mounted, and the function its chips are drawn from.
    got = page.evaluate(
        """async ([strings, names]) => {
            const m = await import(new URL("../../javascripts/figures/tokenizer-playground.js", location.href).href);
            const out = {};
            for (const name of names) out[name] = await Promise.all(strings.map((s) => m.tokenize(s, name)));
            return out;
        }""",
        [STRINGS + LONG_RUNS, ENCODINGS],
    )
    compared = 0
    for name in ENCODINGS:
        for text, tokens in zip(STRINGS + LONG_RUNS, got[name], strict=True):
            want = [{"id": tid, "bytes": list(piece)} for tid, piece in chunked(text, name)]
            assert tokens == want, f"{name}: {text!r}"
            compared += 1
    assert compared >= 100
    assert not outside, f"requests to other hosts: {outside}"


@pytest.mark.browser
@pytest.mark.parametrize("name", ENCODINGS)
def test_typed_text_shows_the_reference_tokens_as_chips(page, server, name):
    page.goto(f"{server}/{PAGE}", wait_until="networkidle")
    page.locator("[data-atlas-figure=tokenizer-playground]").scroll_into_view_if_needed()  # figures load on approach
    page.wait_for_selector("[data-atlas-figure=tokenizer-playground][data-atlas-figure-ready]")
    box = page.locator("[data-atlas-figure=tokenizer-playground] textarea")
    page.select_option("[data-atlas-figure=tokenizer-playground] select", name)
    for text in [tokenization_playground.SAMPLE, "Hello world", "naïve café, 2026 🤖", "def f(x):\n    return x", "日本語のテキスト"]:
        box.fill(text)
        want = [str(tid) for tid, _ in bytebpe.encode(text, name)]
        chips = page.locator("[data-atlas-figure=tokenizer-playground] [data-role=tokens] li[data-id]")
        page.wait_for_function(
            "([n, first]) => { const li = document.querySelectorAll('[data-atlas-figure=tokenizer-playground] [data-role=tokens] li[data-id]');"
            " return li.length === n && li[0].dataset.id === first; }",
            arg=[len(want), want[0]],
        )
        assert chips.evaluate_all("els => els.map(e => e.dataset.id)") == want, f"{name}: {text!r}"
