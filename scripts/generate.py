#!/usr/bin/env python3
"""Generate the site's Markdown fragments from docs/data/ (run before `mkdocs build`).

    python scripts/generate.py            write docs/_generated/ (only after everything validates)
    python scripts/generate.py --check    exit 1 with a diff if any committed fragment is stale
    python scripts/generate.py --print generative-ai-vs-llms/at-a-glance.md
                                          print one fragment to stdout
    python scripts/generate.py --list     list fragment names

Bad data exits with status 1 and one line per problem, `file:line: field: why`.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from atlas.fragments import REMAKE, build_fragments  # noqa: E402
from atlas.load import DataError  # noqa: E402

PUBLISHED = ("sections.json", "llms.txt")  # generated files that live in docs/ itself


def existing(docs: Path) -> dict[str, str]:
    """The generated files now on disk, keyed like build_fragments' result."""
    files = sorted((docs / "_generated").rglob("*.md")) + [docs / name for name in PUBLISHED if (docs / name).is_file()]
    return {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in files}


def stale_diff(expected: dict[str, str], actual: dict[str, str]) -> str:
    diff = []
    for name in sorted(set(expected) | set(actual)):
        old, new = actual.get(name, ""), expected.get(name, "")
        if old != new:
            diff += difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"committed/{name}", f"generated/{name}")
    return "".join(diff)


def write(docs: Path, fragments: dict[str, str]) -> int:
    """Write every fragment, then remove fragments nothing generates any more."""
    changed = 0
    for name, text in fragments.items():
        target = docs / name
        if target.is_file() and target.read_text(encoding="utf-8") == text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
        changed += 1
    for name in set(existing(docs)) - set(fragments):
        (docs / name).unlink()
        changed += 1
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="fail with a diff if a committed fragment is stale")
    mode.add_argument("--print", metavar="FRAGMENT", help="print one fragment to stdout")
    mode.add_argument("--list", action="store_true", help="list the fragment names")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="docs directory (default: docs/)")
    args = parser.parse_args(argv)

    docs = args.docs.resolve()
    try:
        fragments = build_fragments(docs)
    except DataError as exc:
        root = str(docs.parent) + os.sep
        for line in exc.lines:
            print(f"error: {line.replace(root, '')}", file=sys.stderr)
        return 1

    if args.list:
        print("\n".join(fragments))
        return 0
    if args.print:
        name = args.print if args.print.endswith((".md", ".json", ".txt")) else args.print + ".md"
        name = name if name in PUBLISHED or name.startswith("_generated/") else f"_generated/{name}"
        if name not in fragments:
            print(f"error: no fragment {name!r}; try --list", file=sys.stderr)
            return 2
        sys.stdout.write(fragments[name])
        return 0
    if args.check:
        diff = stale_diff(fragments, existing(docs))
        if diff:
            sys.stdout.write(diff)
            print(f"error: generated files under docs/ are stale; run `{REMAKE}` and commit the result", file=sys.stderr)
            return 1
        print(f"{len(fragments)} fragments up to date")
        return 0
    changed = write(docs, fragments)
    print(f"{len(fragments)} fragments, {changed} written or removed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
