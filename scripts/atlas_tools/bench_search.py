#!/usr/bin/env python3
"""Search benchmark: recall@1, recall@5, MRR@10, keystroke-to-results time, time until search is
ready, and index size, typed into the real search box of a built site in headless Chromium.

    atlas-tools search [QUERY_FILE ...] [--site site]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path

from atlas_build.paths import ROOT
from atlas_tools.browser import launch
from atlas_tools.search_eval import HELD_OUT_AT_1, HELD_OUT_AT_5, TARGET_AT_1, TARGET_AT_5, TARGET_MS, misses, read_queries, run_all, score
from atlas_tools.serve import serve

TUNED = [ROOT / "tests/search_queries.tsv", ROOT / "tests/search_queries_examples.tsv"]
# Held out, never tuned on: the first set (read once, 2026-12-02, when this script still printed
# its misses), the second, written that day by a helper who had not read the pages, and the third,
# the held-out half of a pool of 180 written the same way (its other half is a tuning set).
HELD_OUT = [ROOT / f"tests/search_queries_{name}.tsv" for name in ("holdout", "holdout2", "holdout3", "holdout4", "holdout5")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="query files (default: the tuned sets, then the held-out set)")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs for the time-until-ready median")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    files = args.files or TUNED + HELD_OUT
    index = args.site / "search/search_index.json"
    raw = index.read_bytes()
    print(f"search index: {len(raw) / 1024:.1f} KiB raw, {len(gzip.compress(raw, 6)) / 1024:.1f} KiB gzip (fetched only when search opens)")
    scripts = [args.site / "javascripts" / f"search-{name}.js" for name in ("query", "worker", "spelling")]
    extra = sum(len(gzip.compress(path.read_bytes(), 6)) for path in scripts if path.is_file())
    print(f"  plus search-query.js, search-worker.js and search-spelling.js: {extra / 1024:.1f} KiB gzip")
    failed = []
    with serve(args.site) as url, sync_playwright() as p:
        browser = launch(p)
        for file in files:
            queries = read_queries(file)
            ready = []
            for _ in range(args.runs):
                page = browser.new_context().new_page()
                results, ready_ms = run_all(page, url, queries)
                ready.append(ready_ms)
                page.context.close()
            s = score(results)
            print(f"\n{file.name}: {s.n} queries")
            print(f"  recall@1 {s.recall_at_1:.3f}   recall@5 {s.recall_at_5:.3f}   MRR@10 {s.mrr_at_10:.3f}")
            print(f"  key released -> results in the list: median {s.median_ms:.1f} ms (target {TARGET_MS})")
            print(f"  open search -> ready: median {statistics.median(ready):.0f} ms over {args.runs} cold loads")
            held_out = file.resolve() in {p.resolve() for p in HELD_OUT}
            if held_out:  # never shown: who tunes the ranking must not read which held-out queries miss
                print(f"  {len(misses(results, 1))} not first (held out: the queries are not shown)")
            else:
                for line in misses(results, 1):
                    print("  not first:", line)
            at_1, at_5 = (HELD_OUT_AT_1, HELD_OUT_AT_5) if held_out else (TARGET_AT_1, TARGET_AT_5)
            if s.recall_at_1 < at_1 or s.recall_at_5 < at_5:
                failed.append(f"{file.name}: recall@1 {s.recall_at_1:.3f} (target {at_1}), recall@5 {s.recall_at_5:.3f} (target {at_5})")
            if s.median_ms > TARGET_MS:
                failed.append(f"{file.name}: keystroke to results {s.median_ms:.0f} ms (target {TARGET_MS} ms)")
        browser.close()
    if failed:
        print("FAIL: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0
