"""Token counts of one greeting in five languages (data recorded in tokenization_real.py)."""

from __future__ import annotations

from atlas_build.examples.tokenization_real import render_languages


def render() -> str:
    return render_languages()
