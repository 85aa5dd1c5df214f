"""atlas_build/example_cache.py: the worked examples' output is reused only for the same inputs."""

from __future__ import annotations

import pytest

from atlas_build import example_cache


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    code = tmp_path / "code"
    code.mkdir()
    (code / "example.py").write_text("one\n", encoding="utf-8")
    monkeypatch.setattr(example_cache, "ROOT", tmp_path)
    monkeypatch.setattr(example_cache, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(example_cache, "INPUTS", (code,))
    monkeypatch.delenv("ATLAS_NO_CACHE", raising=False)
    example_cache.digest.cache_clear()
    yield code
    example_cache.digest.cache_clear()


def counting(value):
    calls = []

    def compute():
        calls.append(1)
        return dict(value)

    return compute, calls


def test_same_inputs_reuse_the_stored_output(scratch):
    compute, calls = counting({"examples/a.md": "text ü"})
    assert example_cache.cached("examples", compute) == {"examples/a.md": "text ü"}
    assert example_cache.cached("examples", compute) == {"examples/a.md": "text ü"}
    assert len(calls) == 1


def test_an_edited_input_computes_afresh_and_replaces_the_entry(scratch):
    compute, calls = counting({"a": "1"})
    example_cache.cached("examples", compute)
    (scratch / "example.py").write_text("two\n", encoding="utf-8")
    example_cache.digest.cache_clear()
    example_cache.cached("examples", compute)
    assert len(calls) == 2
    assert len(list((example_cache.CACHE).glob("examples-*.json"))) == 1


def test_a_damaged_entry_is_recomputed(scratch):
    compute, calls = counting({"a": "1"})
    example_cache.cached("examples", compute)
    (entry,) = example_cache.CACHE.glob("examples-*.json")
    entry.write_text('{"a": ', encoding="utf-8")
    assert example_cache.cached("examples", compute) == {"a": "1"}
    entry.write_text('{"a": 1}', encoding="utf-8")  # valid JSON, wrong shape
    assert example_cache.cached("examples", compute) == {"a": "1"}
    assert len(calls) == 3


def test_no_cache_when_asked(scratch, monkeypatch):
    monkeypatch.setenv("ATLAS_NO_CACHE", "1")
    compute, calls = counting({"a": "1"})
    example_cache.cached("examples", compute)
    example_cache.cached("examples", compute)
    assert len(calls) == 2 and not example_cache.CACHE.exists()
