"""Worked examples computed for the pages. Each module's `render()` returns Markdown that
scripts/generate.py writes to docs/_generated/examples/<module>.md, so a page shows exactly
what the code computes; tests import the same functions and check the numbers."""
