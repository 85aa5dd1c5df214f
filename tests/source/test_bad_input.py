"""Bad input of every kind gets one line naming file, line and field, exit 1, and no output.

Each case edits one file of the small docs tree of tests/source/test_generator.py (so line numbers
are exact), runs the generator, and checks: exactly one `error: file:line: field: why` line,
no traceback, and docs/_generated/ exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import subprocess

import pytest
from test_generator import docs, edit, snapshot  # noqa: F401 - the fixture and helpers of that file

from atlas_build import generate

BILLION_LAUGHS = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n'

# case -> (file, old, new, the start of the one error line expected)
CASES = {
    "alias bomb": ("atlas.yaml", "comparison:\n", BILLION_LAUGHS + "comparison:\n", "docs/data/atlas.yaml:1: (syntax): anchors and aliases"),
    "merge key": ("atlas.yaml", "    maker: NVIDIA\n", "    maker: NVIDIA\n    <<: {maker: x}\n", "docs/data/atlas.yaml:"),
    "tag on a scalar": ("atlas.yaml", "maker: NVIDIA", "maker: !include other.yaml", "docs/data/atlas.yaml:11: (syntax): tags such as '!include'"),
    "python tag": ("atlas.yaml", "maker: NVIDIA", "maker: !!python/name:os.system", "docs/data/atlas.yaml:11: (syntax): tags such as"),
    "recursive alias": ("atlas.yaml", "    maker: NVIDIA\n", "    maker: &m [*m]\n", "docs/data/atlas.yaml:11: (syntax)"),
    "complex key": ("atlas.yaml", "    maker: NVIDIA\n", "    maker: NVIDIA\n    ? [a, b]\n    : c\n", "docs/data/atlas.yaml:12: systems[0]: keys must be plain names"),
    "deep nesting": ("atlas.yaml", "    maker: NVIDIA\n", "    maker: NVIDIA\n    x: " + "[" * 3000 + "]" * 3000 + "\n", "docs/data/atlas.yaml:12: (syntax): nested more than"),
    "NUL byte": ("atlas.yaml", "maker: NVIDIA", "maker: NV\x00IDIA", "docs/data/atlas.yaml:11: (text): invisible or control character U+0000"),
    "bidi override": ("atlas.yaml", "maker: NVIDIA", "maker: NV\u202eAIDI", "docs/data/atlas.yaml:11: (text): invisible or control character U+202E"),
    "zero-width joiner": ("glossary.yaml", "term: Generative", "term: Gene\u200drative", "docs/data/glossary.yaml:3: (text): invisible or control character U+200D"),
    "impossible month": ("atlas.yaml", "released: 2018-12", "released: 2018-13", "docs/data/atlas.yaml:12: systems[0].released: '2018-13' is not a real date"),
    "impossible day": ("atlas.yaml", "released: 2018-12", "released: '2020-02-31'", "docs/data/atlas.yaml:12: systems[0].released: '2020-02-31' is not a real date"),
    "year zero": ("atlas.yaml", "released: 2018-12", "released: 0000-00", "docs/data/atlas.yaml:12: systems[0].released:"),
    "full-width digits": ("atlas.yaml", "released: 2018-12", "released: ２０２０-０５", "docs/data/atlas.yaml:12: systems[0].released: '２０２０-０５' is not a date"),
    "arabic digits": ("atlas.yaml", "date: 2014-06", "date: '١٩٤٣'", "docs/data/atlas.yaml:20: timeline[0].date:"),
    "unquoted date in text": ("atlas.yaml", "title: GANs", "title: 2014-06-10", "docs/data/atlas.yaml:21: timeline[0].title: must be text"),
    "whitespace-only name": ("atlas.yaml", "name: StyleGAN", "name: '   '", "docs/data/atlas.yaml:10: systems[0].name: must not be empty"),
    "newline in a plain field": ("atlas.yaml", "name: StyleGAN", 'name: "Style\\nGAN"', "docs/data/atlas.yaml:10: systems[0].name: must be one line"),
    "newline in an author": ("references.yaml", "[Ian J. Goodfellow]", '["Ian J.\\n- Goodfellow"]', "docs/data/references.yaml:3: references[0].authors[0]: must be one line"),
    "newline then script in an expansion": ("glossary.yaml", "    abbr: GAN\n", '    abbr: GAN\n    expansion: "GANs\\n<script>alert(1)</script>"\n', "docs/data/glossary.yaml:5: terms[0].expansion: must be one line"),
    "duplicate list value": ("atlas.yaml", "modality: [image]", "modality: [image, image]", "docs/data/atlas.yaml:13: systems[0].modality: 'image' is listed twice"),
    "huge name": ("atlas.yaml", "name: StyleGAN", "name: " + "x" * 1_000_000, "docs/data/atlas.yaml:10: systems[0].name: Value should have at most 600"),
    "page path with a trailing newline": ("atlas.yaml", "concept: concepts/gans.md\n    source: karras", 'concept: "concepts/gans.md\\n"\n    source: karras', "docs/data/atlas.yaml:16: systems[0].concept:"),
    "missing anchor": ("atlas.yaml", "concept: concepts/gans.md\n    source: karras", "concept: concepts/gans.md#nowhere\n    source: karras", "docs/data/atlas.yaml:16: systems[0].concept: docs/concepts/gans.md has no section #nowhere"),
    "missing anchor in text": ("atlas.yaml", "(concepts/gans.md#generator)", "(concepts/gans.md#gone)", "docs/data/atlas.yaml:6: comparison[0].llms: docs/concepts/gans.md has no section #gone"),
    "reference id taken by a topic": ("references.yaml", "references:\n", "references:\n  - id: topic-gans\n    authors: [A. B.]\n    year: 2020\n    title: T\n    venue: V\n    topic: gans\n    url: https://example.org/\n",
                                      "docs/data/references.yaml:2: references[0].id: 'topic-gans' is already an id on docs/references.md"),
    "reserved id": ("glossary.yaml", "  - id: gan\n", "  - id: atlas-moved\n", "docs/data/glossary.yaml:2: terms[0].id: 'atlas-moved' is already an id"),
}
PAGE_CASES = {
    "unclosed front matter": ("---\ntitle: GANs\nkey_papers: [goodfellow2014generative]\n---\n", "---\ntitle: GANs\n", "docs/concepts/gans.md:1: (front matter): the block opened on line 1 is never closed"),
    "key_papers a number": ("key_papers: [goodfellow2014generative]", "key_papers: 5", "docs/concepts/gans.md:3: key_papers: Input should be a valid list"),
    "key_papers a word": ("key_papers: [goodfellow2014generative]", "key_papers: somekey", "docs/concepts/gans.md:3: key_papers: Input should be a valid list"),
    "duplicate key_papers": ("key_papers: [goodfellow2014generative]", "key_papers: [goodfellow2014generative, goodfellow2014generative]", "docs/concepts/gans.md:3: key_papers: 'goodfellow2014generative' is listed twice"),
    "title with a line break": ("title: GANs", 'title: "GANs\\n<img src=x onerror=alert(1)>"', "docs/concepts/gans.md:2: title: must be one line"),
    "markup in a title": ("title: GANs", "title: 'GANs <img src=x onerror=alert(1)>'", "docs/concepts/gans.md:2: title: may not contain < >"),
    "quote in a description": ("title: GANs", "title: GANs\ndescription: 'x\" onload=\"alert(1) & more'", "docs/concepts/gans.md:3: description: may not contain \" &"),
    "two headings with one id": ("## Generator { #generator }\n", "## Generator { #generator }\n\n## Again { #generator }\n", "docs/concepts/gans.md:10: id: 'generator' is given twice"),
}


def run(docs):  # noqa: F811 - a docs folder, not the fixture
    """The generator in-process (its worked examples are then computed once for all cases);
    tests/source/test_generator.py runs it as a command, exit status included."""
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = generate.main(["--docs", str(docs)])
    return subprocess.CompletedProcess([], code, out.getvalue(), err.getvalue())


def check_one_line(docs, before  # noqa: F811
                   , result, expected):
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr[:2000]
    assert lines[0].startswith("error: " + expected), lines[0][:300]
    assert snapshot(docs) == before  # no partial output


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_data_file(docs, case):  # noqa: F811 - `docs` is the imported fixture
    assert run(docs).returncode == 0
    before = snapshot(docs)
    name, old, new, expected = CASES[case]
    edit(docs, name, old, new)
    check_one_line(docs, before, run(docs), expected)


@pytest.mark.parametrize("case", PAGE_CASES, ids=list(PAGE_CASES))
def test_bad_page(docs, case):  # noqa: F811
    assert run(docs).returncode == 0
    before = snapshot(docs)
    old, new, expected = PAGE_CASES[case]
    page = docs / "concepts" / "gans.md"
    assert old in page.read_text(encoding="utf-8")
    page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    check_one_line(docs, before, run(docs), expected)


@pytest.mark.parametrize("raw, expected", [
    (b"terms:\n  - id: gan\n    term: Caf\xe9\n", "docs/data/glossary.yaml:3: (encoding): byte 0xE9 is not UTF-8"),
    (b"terms:\n  - id: gan\n    term: \xff\xfe\n", "docs/data/glossary.yaml:3: (encoding): byte 0xFF is not UTF-8"),
], ids=["latin-1", "invalid utf-8"])
def test_bad_encoding(docs, raw, expected):  # noqa: F811
    assert run(docs).returncode == 0
    before = snapshot(docs)
    (docs / "data" / "glossary.yaml").write_bytes(raw)
    check_one_line(docs, before, run(docs), expected)


def test_a_glossary_id_the_page_already_has(docs):  # noqa: F811
    (docs / "glossary.md").write_text("# Glossary { #glossary }\n\n## Terms { #terms }\n\n--8<-- \"glossary/terms.md\"\n", encoding="utf-8")
    assert run(docs).returncode == 0
    before = snapshot(docs)
    edit(docs, "glossary.yaml", "  - id: gan\n", "  - id: terms\n")
    check_one_line(docs, before, run(docs), "docs/data/glossary.yaml:2: terms[0].id: 'terms' is already an id on docs/glossary.md")


# --- docs/data/instructors.yaml (issue #16): reading paths and summary overrides -----------------
INSTRUCTORS = """\
reading_paths:
  - id: gans-first
    title: GANs first
    audience: A short first look at adversarial training.
    prerequisites: []
    sections:
      - concepts/gans.md#gans
      - concepts/gans.md#generator
summaries:
  concepts/gans.md#generator: The network that turns random noise into samples.
"""
INSTRUCTOR_CASES = {
    "unknown section in a path": ("      - concepts/gans.md#generator\n", "      - concepts/gans.md#nowhere\n",
                                  "docs/data/instructors.yaml:8: reading_paths[0].sections[1]: docs/concepts/gans.md has no section #nowhere"),
    "unknown page in a path": ("      - concepts/gans.md#gans\n", "      - concepts/vaes.md#elbo\n",
                               "docs/data/instructors.yaml:7: reading_paths[0].sections[0]: page docs/concepts/vaes.md does not exist"),
    "a path without its anchor": ("      - concepts/gans.md#gans\n", "      - concepts/gans.md\n",
                                  "docs/data/instructors.yaml:7: reading_paths[0].sections[0]: 'concepts/gans.md' is not a section"),
    "a path of one section": ("      - concepts/gans.md#generator\n", "",
                              "docs/data/instructors.yaml:6: reading_paths[0].sections: List should have at least 2 items"),
    "a section twice": ("      - concepts/gans.md#generator\n", "      - concepts/gans.md#gans\n",
                        "docs/data/instructors.yaml:6: reading_paths[0].sections: 'concepts/gans.md#gans' is listed twice"),
    "a prerequisite inside the path": ("    prerequisites: []\n", "    prerequisites: [concepts/gans.md#gans]\n",
                                       "docs/data/instructors.yaml:5: reading_paths[0].prerequisites[0]: 'concepts/gans.md#gans' is also in the path"),
    "a missing prerequisite": ("    prerequisites: []\n", "    prerequisites: [concepts/gans.md#gone]\n",
                               "docs/data/instructors.yaml:5: reading_paths[0].prerequisites[0]: docs/concepts/gans.md has no section #gone"),
    "unknown field": ("    prerequisites: []\n", "    prerequisites: []\n    minutes: 90\n", "docs/data/instructors.yaml:6: reading_paths[0].minutes: unknown field"),
    "TeX in a summary": ("random noise into samples.", "map $z$ to samples $G(z)$ as it learns.",
                         "docs/data/instructors.yaml:10: summaries.concepts/gans.md#generator: contains '$' (TeX)"),
    "a fragment for a summary": ("The network that turns random noise into samples.", '"The generator turns noise into:"',
                                 "docs/data/instructors.yaml:10: summaries.concepts/gans.md#generator: must be one whole sentence"),
    "a dash for a summary": ("The network that turns random noise into samples.", "—",
                             "docs/data/instructors.yaml:10: summaries.concepts/gans.md#generator: must start with a capital letter"),
    "a summary for a missing section": ("  concepts/gans.md#generator:", "  concepts/gans.md#discriminator:",
                                        "docs/data/instructors.yaml:10: summaries.concepts/gans.md#discriminator: docs/concepts/gans.md has no section #discriminator"),
    "no paths": (INSTRUCTORS.split("summaries:")[0], "reading_paths: []\n", "docs/data/instructors.yaml:1: reading_paths: List should have at least 1 item"),
}


@pytest.mark.parametrize("case", INSTRUCTOR_CASES, ids=list(INSTRUCTOR_CASES))
def test_bad_instructors_file(docs, case):  # noqa: F811
    (docs / "data" / "instructors.yaml").write_text(INSTRUCTORS, encoding="utf-8")
    good = run(docs)
    assert good.returncode == 0, good.stderr
    assert "concepts/gans.md#generator" in snapshot(docs)["for-instructors/reading-paths.md"]
    before = snapshot(docs)
    old, new, expected = INSTRUCTOR_CASES[case]
    edit(docs, "instructors.yaml", old, new)
    check_one_line(docs, before, run(docs), expected)
