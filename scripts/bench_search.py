#!/usr/bin/env python3
"""Search benchmark: recall@1, recall@5, MRR@10, keystroke-to-results time, time until search is
ready, and index size, typed into the real search box of a built site in headless Chromium.

    python scripts/bench_search.py [QUERY_FILE ...] [--site site]
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from atlas.search_eval import misses, read_queries, run_all, score  # noqa: E402
from atlas.serve import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=[ROOT / "tests/search_queries.tsv"])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=3, help="runs for the time-until-ready median")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    index = args.site / "search/search_index.json"
    raw = index.read_bytes()
    print(f"search index: {len(raw) / 1024:.1f} KiB raw, {len(gzip.compress(raw, 6)) / 1024:.1f} KiB gzip (fetched only when search opens)")
    with serve(args.site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for file in args.files:
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
            print(f"  last keystroke -> results: median {s.median_ms:.0f} ms")
            print(f"  open search -> ready: median {statistics.median(ready):.0f} ms over {args.runs} cold loads")
            for line in misses(results, 1):
                print("  not first:", line)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
