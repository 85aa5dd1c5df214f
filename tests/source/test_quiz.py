"""The quiz bank (docs/data/quiz.yaml, issue #19): bad input gets one `file:line: field: why` line
and writes nothing; the bank is big enough, its numeric answers are the worked examples' own
numbers, and every export (Moodle XML, GIFT, QTI 1.2 for Canvas) parses back to the same items
and answers."""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import math
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser

import numpy as np
import pytest

from atlas_build import generate, quiz
from atlas_build.fragments import build_downloads
from atlas_build.paths import DOCS
from atlas_build.yamlfile import DataError
from sitemap import ROOT

QUIZ_JS = ROOT / "docs" / "javascripts" / "figures" / "quiz.js"

BASE = """\
chapters:
  concepts/gans.md:
    - id: gans-one
      kind: single
      tests: generator
      prompt: "Why?"
      choices:
        - text: "Because."
          correct: true
          feedback: "Right."
        - text: "No reason."
          feedback: "No."
          see: concepts/gans.md#generator
    - id: gans-two
      kind: numeric
      tests: generator
      prompt: "How much?"
      answer:
        from: gans_saturation:steepness_ratio
        tolerance: 1
      feedback:
        correct: "Right."
        wrong: "No."
        see: concepts/gans.md#mode-collapse
"""
ANCHORS = {"concepts/gans.md": {"generator", "mode-collapse"}, "concepts/vaes.md": {"elbo"}}
F = "docs/data/quiz.yaml"
I0, I1 = "chapters[concepts/gans.md][0]", "chapters[concepts/gans.md][1]"

# case -> (old, new, the one error line expected)
CASES = {
    "wrong choice without see": ("          feedback: \"No.\"\n          see: concepts/gans.md#generator\n", "          feedback: \"No.\"\n",
                                 f"{F}:11: {I0}.choices[1].see: a wrong choice needs see: the page#id"),
    "see to a missing section": ("see: concepts/gans.md#generator", "see: concepts/gans.md#nowhere",
                                 f"{F}:13: {I0}.choices[1].see: docs/concepts/gans.md has no section or box #nowhere"),
    "see to a missing page": ("see: concepts/gans.md#generator", "see: concepts/gone.md#generator",
                              f"{F}:13: {I0}.choices[1].see: page docs/concepts/gone.md does not exist"),
    "see without a section": ("see: concepts/gans.md#generator", "see: concepts/gans.md",
                              f"{F}:13: {I0}.choices[1].see: 'concepts/gans.md' is not a section"),
    "numeric see to a missing section": ("see: concepts/gans.md#mode-collapse", "see: concepts/vaes.md#kl",
                                         f"{F}:24: {I1}.feedback.see: docs/concepts/vaes.md has no section or box #kl"),
    "tests a missing section": ("      tests: generator\n      prompt: \"Why?\"", "      tests: nowhere\n      prompt: \"Why?\"",
                                f"{F}:5: {I0}.tests: docs/concepts/gans.md has no section #nowhere"),
    "tests a section of another page": ("      tests: generator\n      prompt: \"Why?\"", "      tests: elbo\n      prompt: \"Why?\"",
                                        f"{F}:5: {I0}.tests: docs/concepts/gans.md has no section #elbo"),
    "two correct in a single-choice item": ("          feedback: \"No.\"\n", "          feedback: \"No.\"\n          correct: true\n",
                                            f"{F}:7: {I0}.choices: a single-choice item has exactly one correct choice, not 2"),
    "no correct in a multiple-choice item": ("kind: single\n      tests: generator\n      prompt: \"Why?\"\n      choices:\n        - text: \"Because.\"\n          correct: true\n",
                                             "kind: multiple\n      tests: generator\n      prompt: \"Why?\"\n      choices:\n        - text: \"Because.\"\n          see: concepts/gans.md#generator\n",
                                             f"{F}:7: {I0}.choices: a multiple-choice item has at least one correct choice"),
    "the same choice twice": ("- text: \"No reason.\"", "- text: \"Because.\"", f"{F}:11: {I0}.choices[1].text: the same text as choices[0]"),
    "duplicate id": ("id: gans-two", "id: gans-one", f"{F}:14: {I1}.id: duplicate id 'gans-one' (first at {I0})"),
    "id with capitals": ("id: gans-two", "id: Gans-Two", f"{F}:14: {I1}.id: String should match pattern"),
    "unknown chapter": ("  concepts/gans.md:\n", "  concepts/gan.md:\n", f"{F}:2: chapters[concepts/gan.md]: not a chapter"),
    "unknown kind": ("kind: numeric", "kind: essay", f"{F}:15: {I1}.kind: Input should be 'single', 'multiple' or 'numeric'"),
    "unknown field": ("      prompt: \"How much?\"\n", "      prompt: \"How much?\"\n      hint: \"x\"\n", f"{F}:18: {I1}.hint: unknown field"),
    "one choice only": ("        - text: \"No reason.\"\n          feedback: \"No.\"\n          see: concepts/gans.md#generator\n", "",
                        f"{F}:7: {I0}.choices: List should have at least 2 items"),
    "numeric item without feedback": ("      feedback:\n        correct: \"Right.\"\n        wrong: \"No.\"\n        see: concepts/gans.md#mode-collapse\n", "",
                                      f"{F}:14: {I1}: a numeric item needs feedback:"),
    "from: a missing function": ("from: gans_saturation:steepness_ratio", "from: gans_saturation:nope",
                                 f"{F}:19: {I1}.answer.from: atlas_build/examples/gans_saturation.py has no function nope()"),
    "from: a missing module": ("from: gans_saturation:steepness_ratio", "from: no_such_module:f",
                               f"{F}:19: {I1}.answer.from: there is no module atlas_build/examples/no_such_module.py"),
    "from: a function that needs arguments": ("from: gans_saturation:steepness_ratio", "from: gans_saturation:logit",
                                              f"{F}:19: {I1}.answer.from: gans_saturation:logit() must take no arguments (it needs d)"),
    "from: a function that returns no number": ("from: gans_saturation:steepness_ratio", "from: gans_saturation:render",
                                                f"{F}:19: {I1}.answer.from: gans_saturation:render() returned str, not a number"),
    "from: not module:function": ("from: gans_saturation:steepness_ratio", "from: gans_saturation.steepness_ratio",
                                  f"{F}:19: {I1}.answer.from: 'gans_saturation.steepness_ratio' is not module:function"),
    "from and value both": ("        tolerance: 1\n", "        tolerance: 1\n        value: 999\n",
                            f"{F}:18: {I1}.answer: give exactly one of from: (an example function) or value:"),
    "value not finite": ("from: gans_saturation:steepness_ratio", "value: .nan", f"{F}:19: {I1}.answer.value: must be a finite number"),
    "tolerance as text": ("tolerance: 1", "tolerance: 'one'", f"{F}:20: {I1}.answer.tolerance: must be a number, not str 'one'"),
    "negative tolerance": ("tolerance: 1", "tolerance: -1", f"{F}:20: {I1}.answer.tolerance: Input should be greater than or equal to 0"),
    "script link in a prompt": ('prompt: "Why?"', 'prompt: "Why [x](javascript:alert(1))?"', f"{F}:6: {I0}.prompt: link target 'javascript:alert(1' must be https"),
    "link to a missing section in feedback": ('feedback: "Right."\n        - text', 'feedback: "Right, see [this](concepts/gans.md#gone)."\n        - text',
                                              f"{F}:10: {I0}.choices[0].feedback: docs/concepts/gans.md has no section or box #gone"),
    "line break in a choice": ('- text: "Because."', '- text: "Because.\\n<script>alert(1)</script>"', f"{F}:8: {I0}.choices[0].text: must be one line"),
    "number as a prompt": ('prompt: "Why?"', "prompt: 42", f"{F}:6: {I0}.prompt: must be text, not int 42"),
    "anchor and alias": ('prompt: "Why?"', 'prompt: &p "Why?"', f"{F}:6: (syntax): anchors and aliases"),
}


def problems(tmp_path, text: str) -> list[str]:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "quiz.yaml").write_text(text, encoding="utf-8")
    try:
        loaded = quiz.load(tmp_path)
    except DataError as exc:
        return exc.lines
    return quiz.check(loaded, ANCHORS)


def test_the_small_bank_is_valid(tmp_path):
    assert problems(tmp_path, BASE) == []


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_gets_one_line_naming_file_line_and_field(tmp_path, case):
    old, new, expected = CASES[case]
    assert BASE.count(old) == 1, f"case {case!r}: {old!r} must occur once in BASE"
    lines = problems(tmp_path, BASE.replace(old, new))
    assert len(lines) == 1, lines
    assert lines[0].startswith(expected), lines[0]


def snapshot(docs) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for d in ("_generated", "downloads") for p in sorted((docs / d).rglob("*")) if p.is_file()}


def test_the_generator_stops_with_the_line_and_writes_nothing(project_copy):
    """End to end: one broken `see:` in the real bank (a page without its section id: refused when
    the bank is read, before the worked examples run), `atlas-generate` exits 1 with that one line
    and leaves docs/_generated/ and docs/downloads/ as they were. The cross-checks (`see:` to a
    section that does not exist...) take the same path: CASES above."""
    docs = project_copy / "docs"
    path = docs / "data" / "quiz.yaml"
    text = path.read_text(encoding="utf-8")
    target = "see: concepts/rnns.md#gru\n"
    line = text[: text.index(target)].count("\n") + 1
    path.write_text(text.replace(target, "see: concepts/rnns.md\n", 1), encoding="utf-8")
    before = snapshot(docs)
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        code = generate.main(["--docs", str(docs)])
    assert code == 1, err.getvalue()
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err.getvalue(), lines
    assert re.match(rf"error: docs/data/quiz\.yaml:{line}: chapters\[concepts/rnns\.md\]\[\d+\]\.choices\[\d\]\.see: "
                    r"'concepts/rnns\.md' is not a section such as concepts/gans\.md#mode-collapse$", lines[0]), lines[0]
    assert snapshot(docs) == before


# --- the real bank -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def bank():
    loaded = quiz.load(DOCS)
    assert loaded is not None, "docs/data/quiz.yaml is missing"
    return loaded[0]


def test_every_chapter_has_enough_items_of_each_kind(bank):
    assert set(bank.chapters) == set(quiz.CHAPTERS)
    counts = {}
    for chapter in quiz.CHAPTERS:
        items = bank.chapters[chapter]
        kinds = {i.kind for i in items}
        counts[chapter] = len(items)
        assert len(items) >= quiz.MIN_ITEMS, f"{chapter}: {len(items)} items, at least {quiz.MIN_ITEMS} wanted"
        # Every chapter has a worked example that computes numbers, so each has a numeric item.
        assert kinds == {"single", "multiple", "numeric"}, f"{chapter}: kinds {sorted(kinds)}"
    assert sum(counts.values()) >= 10 * quiz.MIN_ITEMS


def test_the_chapter_carries_the_frame_not_the_items(bank):
    """The items load with the frame (or quiz.js), not with the chapter: the first-visit budget.
    (The committed fragments; `atlas-generate --check` keeps them up to date.)"""
    for chapter in quiz.CHAPTERS:
        text = (DOCS / "_generated" / "quiz" / f"{quiz.slug(chapter)}.md").read_text(encoding="utf-8")
        depth = "../../" if chapter.startswith("concepts/") else "../"
        assert f'<iframe class="atlas-quiz-frame" src="{depth}downloads/quiz/{quiz.slug(chapter)}.html" loading="lazy"' in text
        assert 'class="atlas-quiz-item"' not in text
        data = json.loads(re.search(r'data-atlas-data="([^"]*)"', text).group(1).replace("&quot;", '"'))
        assert list(data["items"]) == [i.id for i in bank.chapters[chapter]]


def test_every_chapter_shows_its_quiz_before_the_key_papers():
    for chapter in quiz.CHAPTERS:
        text = (DOCS / chapter).read_text(encoding="utf-8")
        block = f'## Quiz {{ #quiz }}\n\n--8<-- "quiz/{quiz.slug(chapter)}.md"\n\n## Key papers {{ #key-papers }}'
        assert block in text, f"docs/{chapter}: the quiz section must come just before Key papers"


def test_numeric_answers_are_the_worked_examples_numbers(bank):
    checked = 0
    for chapter, items in bank.chapters.items():
        for item in (i for i in items if i.kind == "numeric" and i.answer.from_):
            module, name = item.answer.from_.split(":")
            exact = float(getattr(importlib.import_module(f"atlas_build.examples.{module}"), name)())
            assert math.isfinite(exact)
            value = quiz.answer_value(item.answer)
            # Rounded to 12 significant digits, so that the bank is the same on every CPU.
            assert value == float(f"{exact:.12g}") and abs(value - exact) <= 1e-11 * max(1.0, abs(exact))
            data = quiz.page_data(bank.chapters[chapter], chapter)
            assert data["items"][item.id]["value"] == value
            assert abs(float(quiz.shown(value, item.answer.tolerance)) - value) <= item.answer.tolerance / 2
            checked += 1
    assert checked >= 10


def test_the_new_example_functions_give_the_pages_numbers():
    """Recomputed here from the worked examples' stated inputs, not through their code."""
    from atlas_build.examples import applications_retrieval, neural_networks_backprop, rnns_gradients

    x, w1, b1, w2, b2 = np.array([0.5, -1.0]), np.array([[0.4, -0.3], [0.2, 0.6]]), np.array([0.1, 0.0]), np.array([0.7, -0.5]), 0.2
    y_hat = 1 / (1 + math.exp(-(w2 @ np.tanh(w1 @ x + b1) + b2)))
    assert neural_networks_backprop.output_error() == pytest.approx(y_hat - 1, abs=1e-12)
    assert round(neural_networks_backprop.output_error(), 4) == -0.3085
    h = 0.0
    for x_t in [1.0] + [0.0] * 19:
        h = math.tanh(1.5 * h + x_t)
    assert rnns_gradients.settled_step_factor() == pytest.approx(1.5 * (1 - h * h), abs=1e-12)
    assert round(rnns_gradients.settled_step_factor(), 4) == 0.3943
    q, p = (0.9, 0.3, 0.2), (0.8, 0.1, 0.1)
    cos = sum(a * b for a, b in zip(q, p, strict=True)) / math.sqrt(sum(a * a for a in q) * sum(b * b for b in p))
    assert applications_retrieval.warranty_cosine() == pytest.approx(cos, abs=1e-12)
    assert round(cos, 3) == 0.978


def test_the_quiz_document_has_every_item_with_its_feedback_and_links_that_resolve(bank, exports):
    """downloads/quiz/<chapter>.html: what the chapter's frame shows without scripts and what quiz.js reads."""
    for chapter in quiz.CHAPTERS:
        doc = exports[f"downloads/quiz/{quiz.slug(chapter)}.html"].decode("utf-8")
        items = bank.chapters[chapter]
        assert doc.count('<div class="atlas-quiz-item"') == len(items) == doc.count("<details ")
        for item in items:
            assert f'data-atlas-item="{item.id}"' in doc
            wrong = [c for c in item.choices or [] if not c.correct] or [item.feedback]
            for c in wrong:
                page, _, anchor = c.see.partition("#")
                assert f'href="../../{page.removesuffix(".md")}/#{anchor}"' in doc, f"{item.id}: no link to {c.see}"
        assert "<script" not in doc and '<base target="_top">' in doc


# --- the exports ---------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def exports() -> dict[str, bytes]:
    return build_downloads(DOCS)


def groups(bank) -> dict[str, list]:
    out = {quiz.slug(c): list(bank.chapters.get(c, [])) for c in quiz.CHAPTERS}
    out["all"] = [i for c in quiz.CHAPTERS for i in bank.chapters.get(c, [])]
    return out


def expected(item) -> object:
    """What an item's answer is: the set of correct choice indices, or (value, tolerance)."""
    if item.kind == "numeric":
        return (quiz.answer_value(item.answer), item.answer.tolerance)
    return {j for j, c in enumerate(item.choices) if c.correct}


def close(got: tuple[float, float], want: tuple[float, float]) -> bool:
    return abs(got[0] - want[0]) <= want[1] / 2 and math.isclose(got[1], want[1])


def test_the_committed_downloads_are_what_the_generator_makes(exports):
    names = {f"downloads/quiz/{g}.{ext}" for g in [*map(quiz.slug, quiz.CHAPTERS), "all"] for ext in quiz.FORMATS}
    names |= {f"downloads/quiz/{quiz.slug(c)}.html" for c in quiz.CHAPTERS}  # the items with answers, shown in the frame
    assert set(exports) == names
    for name, data in exports.items():
        assert (DOCS / name).read_bytes() == data, f"docs/{name} is stale: run `make generate` and commit it"
    assert build_downloads(DOCS) == exports, "the exports are not byte-reproducible"


def moodle(data: bytes) -> dict[str, object]:
    """{question name: answer} read back from Moodle XML."""
    out = {}
    root = ET.fromstring(data)
    assert root.tag == "quiz"
    for q in root.findall("question"):
        if q.get("type") == "category":
            continue
        name = q.findtext("name/text")
        assert q.findtext("questiontext/text"), name
        answers = q.findall("answer")
        assert all(a.findtext("feedback/text") for a in answers), f"{name}: an answer without feedback"
        if q.get("type") == "numerical":
            right = next(a for a in answers if float(a.get("fraction")) == 100)
            out[name] = (float(right.findtext("text")), float(right.findtext("tolerance")))
        else:
            assert q.get("type") == "multichoice"
            fractions = [float(a.get("fraction")) for a in answers]
            if q.findtext("single") == "true":
                assert sorted(fractions)[-1] == 100 and fractions.count(100) == 1
            else:
                assert math.isclose(sum(f for f in fractions if f > 0), 100, abs_tol=0.01)
            out[name] = {j for j, f in enumerate(fractions) if f > 0}
    return out


GIFT_QUESTION = re.compile(r"::((?:[^:\\]|\\.)+)::(.*?)(?<!\\)\{(.*?)(?<!\\)\}", re.S)
GIFT_ANSWER = re.compile(r"^\t([=~])(%-?[0-9.]+%)?(.*)$")


def gift_split(text: str, mark: str) -> list[str]:
    """Split at `mark` where it is not escaped with a backslash."""
    return re.split(rf"(?<!\\){re.escape(mark)}", text)


def gift(text: str) -> dict[str, object]:
    """A small GIFT reader: `::name::text {answers}`, one answer a line, `#` feedback."""
    out = {}
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("//", "$CATEGORY")))
    for m in GIFT_QUESTION.finditer(body):
        name, answers = m.group(1).replace("\\", ""), m.group(3)
        assert m.group(2).startswith("[html]")
        if answers.startswith("#"):  # numerical: =value:tolerance#feedback, then ####general feedback
            lines = [line for line in answers[1:].splitlines() if line.strip()]
            right = next(line for line in lines if line.startswith("\t="))
            value, tolerance = gift_split(right[2:], "#")[0].split(":")
            assert any(line.startswith("\t####") for line in lines), f"{name}: no feedback for a wrong number"
            out[name] = (float(value), float(tolerance))
            continue
        picked, credits = set(), []
        for j, line in enumerate(line for line in answers.splitlines() if line.strip()):
            a = GIFT_ANSWER.match(line)
            assert a, f"{name}: not an answer line: {line!r}"
            assert len(gift_split(a.group(3), "#")) == 2, f"{name}: each answer has exactly one feedback"
            credit = float(a.group(2).strip("%")) if a.group(2) else (100.0 if a.group(1) == "=" else 0.0)
            credits.append(credit)
            if credit > 0:
                picked.add(j)
        assert math.isclose(sum(c for c in credits if c > 0), 100, abs_tol=0.01), name
        out[name] = picked
    return out


def qti(data: bytes) -> dict[str, object]:
    """The package Canvas imports: imsmanifest.xml naming one QTI 1.2 assessment, read back."""
    ns = {"q": "http://www.imsglobal.org/xsd/ims_qtiasiv1p2", "m": "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert names == sorted(names) and "imsmanifest.xml" in names
        assert {i.date_time for i in z.infolist()} == {quiz.ZIP_TIME}
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        resources = manifest.findall("m:resources/m:resource", ns)
        assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
        assessment = ET.fromstring(z.read(resources[0].get("href")))
    out = {}
    for item in assessment.iter(f"{{{ns['q']}}}item"):
        fields = {f.findtext("q:fieldlabel", namespaces=ns): f.findtext("q:fieldentry", namespaces=ns)
                  for f in item.iter(f"{{{ns['q']}}}qtimetadatafield")}
        kind = fields["question_type"]
        scoring = [c for c in item.iter(f"{{{ns['q']}}}respcondition") if c.findtext("q:setvar", namespaces=ns) == "100"]
        assert len(scoring) == 1, item.get("ident")
        cond = scoring[0].find("q:conditionvar", ns)
        assert item.findall("q:itemfeedback", ns), item.get("ident")
        if kind == "numerical_question":
            low, high = float(cond.findtext(".//q:vargte", namespaces=ns)), float(cond.findtext(".//q:varlte", namespaces=ns))
            out[item.get("ident")] = ((low + high) / 2, (high - low) / 2)
            continue
        assert kind in ("multiple_choice_question", "multiple_answers_question")
        negated = {v.text for n in cond.iter(f"{{{ns['q']}}}not") for v in n.iter(f"{{{ns['q']}}}varequal")}
        out[item.get("ident")] = {int(v.text) for v in cond.iter(f"{{{ns['q']}}}varequal") if v.text not in negated}
    return out


@pytest.mark.parametrize("fmt", ["moodle.xml", "gift.txt", "qti.zip"])
def test_each_export_has_every_item_with_its_answers(bank, exports, fmt):
    read = {"moodle.xml": moodle, "gift.txt": lambda b: gift(b.decode("utf-8")), "qti.zip": qti}[fmt]
    for group, items in groups(bank).items():
        got = read(exports[f"downloads/quiz/{group}.{fmt}"])
        assert list(got) == [i.id for i in items], f"{group}.{fmt}: the items differ from the bank"
        for item in items:
            want = expected(item)
            ok = close(got[item.id], want) if isinstance(want, tuple) else got[item.id] == want
            assert ok, f"{group}.{fmt}: {item.id}: {got[item.id]} but the bank says {want}"


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs |= {name for name, _ in attrs}


PROBE = 'Probe <script>alert(1)</script> <img src=x onerror=alert(2)> *em* [lnk](https://example.org/x) {#x} ~=:\\ & "q"'


def test_exported_text_is_escaped_and_carries_only_the_inline_markup(tmp_path):
    text = BASE.replace('"Why?"', json.dumps(PROBE)).replace('"No."', json.dumps(PROBE + " no"))
    assert problems(tmp_path, text) == []
    loaded = quiz.load(tmp_path)
    item = loaded[0].chapters["concepts/gans.md"][0]
    html_out = quiz.html_text(item.prompt, "https://x.example/")
    parser = Tags()
    parser.feed(html_out)
    assert parser.tags == {"em", "a"} and parser.attrs == {"href"}, (parser.tags, parser.attrs)
    files = quiz.downloads(loaded, {}, "https://x.example/", {})
    root = ET.fromstring(files["downloads/quiz/gans.moodle.xml"])
    shown = root.findtext(".//question[@type='multichoice']/questiontext/text")
    assert "&lt;script&gt;" in shown and "<script>" not in shown
    assert gift(files["downloads/quiz/gans.gift.txt"].decode())["gans-one"] == {0}  # ~ = : { } escaped, still parses
    assert qti(files["downloads/quiz/gans.qti.zip"])["gans-one"] == {0}


# --- the page's script: pure functions of quiz.js, in node ----------------------------------------

def test_the_shuffle_is_seeded_and_answers_are_marked_right():
    script = f"""import {{ order, hash, parseNumber, isRight }} from {json.dumps(QUIZ_JS.as_uri())};
      console.log(JSON.stringify({{
        a: order(5, 7), b: order(5, 7), c: order(5, 8), h: hash("gans"),
        all: Array.from({{length: 200}}, (_, s) => order(4, s).join("")),
        n: ["0.5", " -0.955 ", "\u22120.955", "0,5", "1e-3", "abc", "", "1.2.3"].map(parseNumber),
        r: [isRight({{kind: "single", correct: [2]}}, [2]), isRight({{kind: "single", correct: [2]}}, [1]),
            isRight({{kind: "multiple", correct: [0, 3]}}, [3, 0]), isRight({{kind: "multiple", correct: [0, 3]}}, [0]),
            isRight({{kind: "numeric", value: 0.978, tolerance: 0.001}}, "0.9775"),
            isRight({{kind: "numeric", value: 0.978, tolerance: 0.001}}, "0.98")]
      }}));"""
    out = json.loads(subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, timeout=60).stdout)
    assert out["a"] == out["b"] and sorted(out["a"]) == [0, 1, 2, 3, 4]
    assert out["a"] != out["c"]
    assert out["h"] == quiz._seed("gans")  # the page's seed and the script's hash are one function
    assert len(set(out["all"])) == 24  # every order of four choices occurs
    assert out["n"] == [0.5, -0.955, -0.955, 0.5, 0.001, None, None, None]
    assert out["r"] == [True, False, True, False, True, False]
