"""The quiz bank (docs/data/quiz.yaml, issue #19): validated, rendered on each chapter at #quiz,
and exported for learning platforms (Moodle XML, GIFT, QTI 1.2 for Canvas).

    load(docs)                        the bank, read strictly (atlas_build/yamlfile.py) and
                                      validated against `Bank`; absent file: None
    check(loaded, anchors)            cross-checks: ids unique, chapters known, `tests:` is a
                                      section of the chapter, every `see:` an existing page#id,
                                      one/at least one correct choice, numeric `from:` a
                                      zero-argument example function returning a finite number
    fragment(loaded, chapter, titles) Markdown for `_generated/quiz/<slug>.md`: the items with
                                      their answers and feedback in collapsed <details> (what a
                                      reader without scripts sees); docs/javascripts/figures/quiz.js
                                      turns it into the interactive quiz
    downloads(loaded, titles, url)    {"downloads/quiz/<slug>.<format>": bytes}, per chapter and
                                      `all.*` for the whole bank

Every problem is one line `docs/data/quiz.yaml:LINE: chapters[concepts/gans.md][3].choices[1].see: why`;
nothing is written until the whole bank passes. Text fields are `Inline` (schema.py), rendered by
atlas_build/inline.py for the site and by `html_text` (the same grammar, to HTML) for the exports.
"""

from __future__ import annotations

import functools
import html
import importlib
import inspect
import io
import json
import math
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Annotated, Literal
from xml.sax.saxutils import escape as xml_escape

from pydantic import BeforeValidator, Field, ValidationError

from atlas_build import yamlfile
from atlas_build.inline import EMPHASIS, LINK, PAGE, escape, link
from atlas_build.schema import Inline, Slug, Strict, _no_coercion
from atlas_build.sections import plain
from atlas_build.yamlfile import DataError, Located

FILE = "docs/data/quiz.yaml"
CHAPTERS = (
    "concepts/neural-networks.md", "concepts/rnns.md", "concepts/gans.md", "concepts/vaes.md",
    "concepts/diffusion-models.md", "concepts/transformers.md", "concepts/tokenization.md",
    "concepts/large-language-models.md", "applications.md", "challenges.md",
)
MIN_ITEMS = 8  # per chapter; checked by tests/source/test_quiz.py, so a chapter can grow item by item
FORMATS = {"moodle.xml": "Moodle XML", "gift.txt": "GIFT", "qti.zip": "QTI 1.2 (Canvas)"}
DOWNLOADS = "downloads/quiz/"  # under docs/, published at /downloads/quiz/
FROM = re.compile(r"([a-z][a-z0-9_]*):([a-z_][a-z0-9_]*)\Z")
SEE = re.compile(r"(?:[a-z0-9-]+/)*[a-z0-9-]+\.md#[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # every zip entry's timestamp, so the package is byte-reproducible


def slug(chapter: str) -> str:
    """`concepts/gans.md` -> `gans`: the chapter's name in fragment and download paths."""
    return posixpath.basename(chapter).removesuffix(".md")


def _see(value: str) -> str:
    if not SEE.match(value):
        raise ValueError(f"{value!r} is not a section such as concepts/gans.md#mode-collapse")
    return value


def _from(value: str) -> str:
    if not FROM.match(value):
        raise ValueError(f"{value!r} is not module:function (a module of atlas_build/examples/)")
    return value


def _number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"must be a number, not {type(value).__name__} {value!r}")
    if not math.isfinite(value):
        raise ValueError(f"must be a finite number, not {value!r}")
    return value


SeeRef = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=200), BeforeValidator(_see)]
FromRef = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=120), BeforeValidator(_from)]
Number = Annotated[float, BeforeValidator(_number)]


class Choice(Strict):
    text: Inline
    correct: bool = False
    feedback: Inline
    see: SeeRef | None = None  # required on a wrong choice (check())


class Answer(Strict):
    from_: FromRef | None = Field(None, alias="from")
    value: Number | None = None
    tolerance: Annotated[float, BeforeValidator(_number), Field(ge=0)]
    unit: Annotated[str, BeforeValidator(_no_coercion), Field(max_length=40, pattern=r"^[^<>&{}\[\]()*_`$\\|#!]*$")] = ""


class NumericFeedback(Strict):
    correct: Inline
    wrong: Inline
    see: SeeRef


class Item(Strict):
    id: Slug
    kind: Literal["single", "multiple", "numeric"]
    tests: Slug
    prompt: Inline
    choices: Annotated[list[Choice], Field(min_length=2, max_length=8)] | None = None
    answer: Answer | None = None
    feedback: NumericFeedback | None = None


class Bank(Strict):
    chapters: dict[Annotated[str, BeforeValidator(_no_coercion)], Annotated[list[Item], Field(max_length=100)]]


Loaded = tuple[Bank, Located]


def field(loc: tuple) -> str:
    """('chapters', 'concepts/gans.md', 3, 'choices', 1, 'see') -> chapters[concepts/gans.md][3].choices[1].see"""
    out = ""
    for i, part in enumerate(loc):
        if isinstance(part, int) or (i == 1 and loc[0] == "chapters"):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def _line(located: Located, loc: tuple, why: str) -> str:
    return f"{located.where(loc)}: {field(loc)}: {why}"


def load(docs: Path) -> Loaded | None:
    path = docs / "data" / "quiz.yaml"
    if not path.is_file():
        return None
    located = yamlfile.read(path, FILE)
    try:
        return Bank.model_validate(located.data), located
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            out.append(_line(located, loc, msg))
        raise DataError(list(dict.fromkeys(out))) from None


SIGNIFICANT = 12


@functools.cache
def example_value(ref: str) -> float:
    """The number a worked-example function returns (`module:function`); ValueError says why not."""
    module_name, name = ref.split(":")
    try:
        module = importlib.import_module(f"atlas_build.examples.{module_name}")
    except ImportError:
        raise ValueError(f"there is no module atlas_build/examples/{module_name}.py") from None
    fn = getattr(module, name, None)
    if not callable(fn):
        raise ValueError(f"atlas_build/examples/{module_name}.py has no function {name}()")
    required = [p for p in inspect.signature(fn).parameters.values()
                if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if required:
        raise ValueError(f"{ref}() must take no arguments (it needs {', '.join(p.name for p in required)})")
    value = fn()
    if isinstance(value, bool):
        raise ValueError(f"{ref}() returned a bool, not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{ref}() returned {type(value).__name__}, not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{ref}() returned {number}, not a finite number")
    # Twelve significant digits: the last bits of a float sum differ between CPUs (vectorised NumPy
    # kernels add in different orders), and the quiz's data would otherwise change with the machine.
    return float(f"{number:.{SIGNIFICANT}g}")


def answer_value(answer: Answer) -> float:
    return example_value(answer.from_) if answer.from_ else float(answer.value)


def check(loaded: Loaded | None, anchors: dict[str, set[str]]) -> list[str]:
    """`anchors`: {page path: every id it carries}. One line per problem, in file order."""
    if loaded is None:
        return []
    bank, located = loaded
    errors: list[str] = []
    seen: dict[str, str] = {}

    def see_ok(loc: tuple, target: str) -> None:
        page, _, anchor = target.partition("#")
        if page not in anchors:
            errors.append(_line(located, loc, f"page docs/{page} does not exist"))
        elif anchor not in anchors[page]:
            errors.append(_line(located, loc, f"docs/{page} has no section or box #{anchor}"))

    for chapter, items in bank.chapters.items():
        at = ("chapters", chapter)
        if chapter not in CHAPTERS:
            errors.append(_line(located, at, f"not a chapter; the chapters are {', '.join(CHAPTERS)}"))
            continue
        for i, item in enumerate(items):
            loc = (*at, i)
            if item.id in seen:
                errors.append(_line(located, (*loc, "id"), f"duplicate id {item.id!r} (first at {seen[item.id]})"))
            seen.setdefault(item.id, field(loc))
            if item.tests not in anchors.get(chapter, set()):
                errors.append(_line(located, (*loc, "tests"), f"docs/{chapter} has no section #{item.tests}"))
            for link_loc, target in _links(item, loc):
                see_ok(link_loc, target)
            if item.kind == "numeric":
                for name in ("choices",):
                    if getattr(item, name) is not None:
                        errors.append(_line(located, (*loc, name), "a numeric item has no choices (it has answer: and feedback:)"))
                for name in ("answer", "feedback"):
                    if getattr(item, name) is None:
                        errors.append(_line(located, loc, f"a numeric item needs {name}:"))
                if item.answer is not None:
                    a = item.answer
                    if (a.from_ is None) == (a.value is None):
                        errors.append(_line(located, (*loc, "answer"), "give exactly one of from: (an example function) or value:"))
                    elif a.from_:
                        try:
                            example_value(a.from_)
                        except Exception as exc:  # whatever the example raises is reported, by line
                            errors.append(_line(located, (*loc, "answer", "from"), str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
                continue
            for name in ("answer", "feedback"):
                if getattr(item, name) is not None:
                    errors.append(_line(located, (*loc, name), f"a {item.kind}-choice item has no {name}: (each choice has its feedback)"))
            if item.choices is None:
                errors.append(_line(located, loc, f"a {item.kind}-choice item needs choices:"))
                continue
            right = sum(c.correct for c in item.choices)
            if item.kind == "single" and right != 1:
                errors.append(_line(located, (*loc, "choices"), f"a single-choice item has exactly one correct choice, not {right}"))
            if item.kind == "multiple" and right < 1:
                errors.append(_line(located, (*loc, "choices"), "a multiple-choice item has at least one correct choice"))
            texts: dict[str, int] = {}
            for j, c in enumerate(item.choices):
                if c.text in texts:
                    errors.append(_line(located, (*loc, "choices", j, "text"), f"the same text as choices[{texts[c.text]}]"))
                texts.setdefault(c.text, j)
                if not c.correct and c.see is None:
                    errors.append(_line(located, (*loc, "choices", j, "see"),
                                        "a wrong choice needs see: the page#id of the section or misconceptions box that corrects it"))
    return errors


def _links(item: Item, loc: tuple):
    """(loc, page#id) for every internal link an item makes: see: fields and links in its text."""
    def text_links(text: str, at: tuple):
        for _, target in LINK.findall(text):
            if PAGE.match(target) and "#" in target:
                yield at, target
            elif PAGE.match(target):
                yield at, target + "#" + slug(target)  # a page link: the page must exist

    yield from text_links(item.prompt, (*loc, "prompt"))
    for j, c in enumerate(item.choices or []):
        yield from text_links(c.text, (*loc, "choices", j, "text"))
        yield from text_links(c.feedback, (*loc, "choices", j, "feedback"))
        if c.see:
            yield (*loc, "choices", j, "see"), c.see
    if item.feedback:
        yield from text_links(item.feedback.correct, (*loc, "feedback", "correct"))
        yield from text_links(item.feedback.wrong, (*loc, "feedback", "wrong"))
        yield (*loc, "feedback", "see"), item.feedback.see


# --- the page: _generated/quiz/<slug>.md -------------------------------------------------------

LETTERS = "ABCDEFGH"


def number_text(x: float) -> str:
    """A number as a reader types it: no exponent for everyday sizes, no trailing zeros."""
    if x == 0:
        return "0"
    if 1e-4 <= abs(x) < 1e9:
        text = f"{x:.10f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "") else "0"
    return f"{x:.6g}"


def shown(x: float, tolerance: float) -> str:
    """The answer as the page and the exports state it: one digit finer than the tolerance."""
    if tolerance <= 0:
        return number_text(x)
    return number_text(round(x, max(0, math.ceil(-math.log10(tolerance))) + 1))


FROM_DOWNLOADS = "../../"  # the site root, seen from downloads/quiz/<slug>.html


def _see_link(target: str, titles: dict[str, str]) -> str:
    href = html.escape(absolute(target, FROM_DOWNLOADS), quote=True)
    return f'See <a href="{href}">{html.escape(titles.get(target, "the section"), quote=False)}</a>.'


def _item(item: Item, n: int, chapter: str, titles: dict[str, str]) -> list[str]:
    """One item as HTML, links relative to downloads/quiz/ (where the chapter's quiz document is)."""
    t = lambda text: html_text(text, FROM_DOWNLOADS)  # noqa: E731
    tests = f"{chapter}#{item.tests}"
    kind = {"single": "one answer", "multiple": "one or more answers", "numeric": "a number"}[item.kind]
    out = [f'<div class="atlas-quiz-item" data-atlas-item="{item.id}" data-atlas-kind="{item.kind}">',
           f'<p class="atlas-quiz-prompt"><strong>Question {n}</strong> <span class="atlas-quiz-kind">({kind})</span> {t(item.prompt)}</p>']
    if item.choices:
        out.append('<ol class="atlas-quiz-choices" type="A">')
        out += [f'<li data-atlas-choice="{j}">{t(c.text)}</li>' for j, c in enumerate(item.choices)]
        out.append("</ol>")
    out += ['<details class="atlas-quiz-answer">', "<summary>Answer and feedback</summary>", '<ul class="atlas-quiz-feedback">']
    if item.choices:
        for j, c in enumerate(item.choices):
            verdict = "correct" if c.correct else "wrong"
            see = f" {_see_link(c.see, titles)}" if c.see else ""
            out.append(f'<li data-atlas-feedback="{j}" data-atlas-correct="{str(c.correct).lower()}">'
                       f'<strong class="atlas-quiz-verdict">{LETTERS[j]}: {verdict}.</strong> {t(c.feedback)}{see}</li>')
    else:
        a, fb = item.answer, item.feedback
        unit = f" {html.escape(a.unit, quote=False)}" if a.unit else ""
        tol = f" (answers within {number_text(a.tolerance)} count)" if a.tolerance else ""
        out.append(f"<li data-atlas-answer><strong>Answer: {shown(answer_value(a), a.tolerance)}{unit}</strong>{tol}.</li>")
        out.append(f'<li data-atlas-feedback="correct" data-atlas-correct="true">{t(fb.correct)}</li>')
        out.append(f'<li data-atlas-feedback="wrong" data-atlas-correct="false">'
                   f'<strong class="atlas-quiz-verdict">If you got another number:</strong> {t(fb.wrong)} {_see_link(fb.see, titles)}</li>')
    tested = html.escape(titles.get(tests, item.tests), quote=False)
    out.append(f'<li class="atlas-quiz-tests">This question tests <a href="{html.escape(absolute(tests, FROM_DOWNLOADS), quote=True)}">{tested}</a>.</li>')
    out += ["</ul>", "</details>", "</div>"]
    return out


DOCUMENT_STYLE = ("body{font:16px/1.5 system-ui,sans-serif;margin:0 .8rem;color-scheme:light dark}"
                  ".atlas-quiz-item{margin:1em 0;padding-top:.6em;border-top:1px solid #8886}"
                  ".atlas-quiz-kind{opacity:.7;font-size:.8em}summary{cursor:pointer}a{color:inherit}")


def document(loaded: Loaded | None, chapter: str, titles: dict[str, str], title: str) -> str:
    """The chapter's quiz with its answers, as a page of its own (downloads/quiz/<slug>.html): what a
    reader without scripts sees (in a frame on the chapter), what quiz.js reads, and a handout."""
    items = list(loaded[0].chapters.get(chapter, [])) if loaded else []
    head = html.escape(f"Quiz: {title}", quote=False)
    out = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{head} (GenAI Atlas)</title>",
           '<meta name="robots" content="noindex">', '<base target="_top">', f"<style>{DOCUMENT_STYLE}</style>", "</head>", "<body>", "<main>",
           f'<h1 style="font-size:1.2em">{head}, with answers</h1>', '<div class="atlas-quiz-items">']
    for n, item in enumerate(items, 1):
        out += _item(item, n, chapter, titles)
    out += ["</div>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _seed(text: str) -> int:
    """FNV-1a of the chapter's slug: the shuffle's seed, the same on every build."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def page_data(items: list[Item], chapter: str) -> dict:
    """What quiz.js needs beyond the page's text: each item's kind and answer, and the seed."""
    out: dict = {}
    for item in items:
        if item.kind == "numeric":
            out[item.id] = {"kind": "numeric", "value": answer_value(item.answer), "tolerance": item.answer.tolerance}
        else:
            out[item.id] = {"kind": item.kind, "correct": [j for j, c in enumerate(item.choices) if c.correct]}
    return {"chapter": slug(chapter), "seed": _seed(slug(chapter)), "items": out}


def fragment(loaded: Loaded | None, chapter: str, titles: dict[str, str], title: str, depth: int) -> str:
    """What the chapter includes under `## Quiz { #quiz }` (Markdown with raw HTML): the figure,
    its downloads, and the items in a lazily loaded frame (document()), so the first visit to the
    chapter does not carry them. `depth`: how many folders the page's address is below the site root."""
    items = list(loaded[0].chapters.get(chapter, [])) if loaded else []
    name = slug(chapter)
    payload = html.escape(json.dumps(page_data(items, chapter), separators=(",", ":")), quote=True)
    where = posixpath.relpath(DOWNLOADS, posixpath.dirname(chapter) or ".")
    src = "../" * depth + f"{DOWNLOADS}{name}.html"
    files = ", ".join(f"[{label}]({where}/{name}.{ext})" for ext, label in FORMATS.items())
    label = html.escape(f"Quiz: {title}", quote=True)
    out = [f'<div class="atlas-figure atlas-quiz" data-atlas-figure="quiz" role="group" aria-label="{label}" '
           f'data-atlas-src="{src}" data-atlas-data="{payload}" markdown>',
           f'<p class="atlas-quiz-intro" markdown>{len(items)} question{"s" if len(items) != 1 else ""}, each with feedback on every answer. '
           f"Your answers stay in this browser only. For a learning platform: {files}; the whole bank: "
           + ", ".join(f"[{label}]({where}/all.{ext})" for ext, label in FORMATS.items())
           + f"; the questions with their answers on [a page of their own]({where}/{name}.html).</p>",
           f'<iframe class="atlas-quiz-frame" src="{src}" loading="lazy" title="{label}, with answers"></iframe>',
           "</div>", ""]
    return "\n".join(out)


# --- the exports: downloads/quiz/ ----------------------------------------------------------------

def html_text(text: str, site_url: str) -> str:
    """An `Inline` value as HTML (the grammar of atlas_build/inline.py): escaped text, <em>,
    <strong>, and links, a site page becoming its absolute address."""
    def emphasis(part: str) -> str:
        out, pos = [], 0
        for m in EMPHASIS.finditer(part):
            tag = "strong" if m.group(1) == "**" else "em"
            out += [html.escape(part[pos:m.start()], quote=False), f"<{tag}>{html.escape(m.group(2), quote=False)}</{tag}>"]
            pos = m.end()
        return "".join(out) + html.escape(part[pos:], quote=False)

    out, pos = [], 0
    for m in LINK.finditer(text):
        out.append(emphasis(text[pos:m.start()]))
        out.append(f'<a href="{html.escape(absolute(m.group(2), site_url), quote=True)}">{emphasis(m.group(1))}</a>')
        pos = m.end()
    return "".join(out) + emphasis(text[pos:])


def absolute(target: str, site_url: str) -> str:
    """`concepts/gans.md#mode-collapse` -> https://.../concepts/gans/#mode-collapse (https URLs as they are)."""
    if not PAGE.match(target):
        return target
    path, _, anchor = target.partition("#")
    page = path.removesuffix(".md")
    page = "" if page == "index" else page + "/"
    return site_url.rstrip("/") + "/" + page + (f"#{anchor}" if anchor else "")


def plain_text(text: str) -> str:
    """An `Inline` value without its markup: link labels kept, emphasis marks dropped."""
    text = LINK.sub(lambda m: m.group(1), text)
    return EMPHASIS.sub(lambda m: m.group(2), text)


def _wrong_html(feedback: str, see: str | None, titles: dict[str, str], site_url: str) -> str:
    body = html_text(feedback, site_url)
    if see:
        body += f' See <a href="{html.escape(absolute(see, site_url), quote=True)}">{html.escape(titles.get(see, see), quote=False)}</a>.'
    return body


def _fraction(n_right: int) -> str:
    """Moodle's per-choice credit for a multiple-answer item: 100 split over the right ones."""
    return f"{100 / n_right:.5f}".rstrip("0").rstrip(".")


def moodle_xml(items: list[Item], titles: dict[str, str], site_url: str, category: str) -> str:
    def text(tag: str, content: str, fmt: str = "html") -> str:
        return f'<{tag} format="{fmt}"><text>{xml_escape(content)}</text></{tag}>'

    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>",
           '<question type="category">', f"<category><text>{xml_escape(category)}</text></category>", "</question>"]
    for item in items:
        prompt = html_text(item.prompt, site_url)
        name = f"<name><text>{xml_escape(item.id)}</text></name>"
        if item.kind == "numeric":
            a, fb = item.answer, item.feedback
            out += ['<question type="numerical">', name, text("questiontext", prompt),
                    text("generalfeedback", ""), "<defaultgrade>1</defaultgrade>",
                    f'<answer fraction="100" format="moodle_auto_format"><text>{shown(answer_value(a), a.tolerance)}</text>'
                    f"<tolerance>{number_text(a.tolerance)}</tolerance>{text('feedback', html_text(fb.correct, site_url))}</answer>",
                    f'<answer fraction="0" format="moodle_auto_format"><text>*</text>'
                    f"{text('feedback', _wrong_html(fb.wrong, fb.see, titles, site_url))}</answer>"]
            if a.unit:
                out.append(f"<units><unit><multiplier>1</multiplier><unit_name>{xml_escape(a.unit)}</unit_name></unit></units>")
            out.append("</question>")
            continue
        right = sum(c.correct for c in item.choices)
        out += ['<question type="multichoice">', name, text("questiontext", prompt), text("generalfeedback", ""),
                "<defaultgrade>1</defaultgrade>", f"<single>{'true' if item.kind == 'single' else 'false'}</single>",
                "<shuffleanswers>true</shuffleanswers>", "<answernumbering>abc</answernumbering>"]
        for c in item.choices:
            fraction = ("100" if item.kind == "single" else _fraction(right)) if c.correct else ("0" if item.kind == "single" else "-100")
            feedback = html_text(c.feedback, site_url) if c.correct else _wrong_html(c.feedback, c.see, titles, site_url)
            out.append(f'<answer fraction="{fraction}" format="html"><text>{xml_escape(html_text(c.text, site_url))}</text>'
                       f"{text('feedback', feedback)}</answer>")
        out.append("</question>")
    out.append("</quiz>")
    return "\n".join(out) + "\n"


GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def gift_escape(text: str) -> str:
    return GIFT_SPECIAL.sub(r"\\\1", text)


def gift(items: list[Item], titles: dict[str, str], site_url: str, category: str) -> str:
    """GIFT with `[html]` text: Moodle shows the prompt, choices and feedback as formatted."""
    h = lambda s: gift_escape(html_text(s, site_url))  # noqa: E731
    out = [f"// GenAI Atlas quiz bank ({category}), from docs/data/quiz.yaml. Import: Question bank > Import > GIFT.",
           f"$CATEGORY: {gift_escape(category)}", ""]
    for item in items:
        head = f"::{gift_escape(item.id)}::[html]{h(item.prompt)} {{" + ("#" if item.kind == "numeric" else "")
        if item.kind == "numeric":
            a, fb = item.answer, item.feedback
            # The wrong-answer feedback is the item's general feedback (####), shown after any answer.
            wrong = gift_escape("If you got another number: " + _wrong_html(fb.wrong, fb.see, titles, site_url))
            out += [head, f"\t={shown(answer_value(a), a.tolerance)}:{number_text(a.tolerance)}#{h(fb.correct)}",
                    f"\t####{wrong}", "}", ""]
            continue
        right = sum(c.correct for c in item.choices)
        lines = [head]
        for c in item.choices:
            feedback = h(c.feedback) if c.correct else gift_escape(_wrong_html(c.feedback, c.see, titles, site_url))
            single = "=" if c.correct else "~"
            mark = single if item.kind == "single" else (f"~%{_fraction(right)}%" if c.correct else "~%-100%")
            lines.append(f"\t{mark}{h(c.text)}#{feedback}")
        out += [*lines, "}", ""]
    return "\n".join(out)


def _qti_item(item: Item, titles: dict[str, str], site_url: str) -> list[str]:
    """One QTI 1.2 <item> in the dialect Canvas exports and imports (question_type in itemmetadata)."""
    x = xml_escape
    types = {"single": "multiple_choice_question", "multiple": "multiple_answers_question", "numeric": "numerical_question"}
    out = [f'<item ident="{x(item.id)}" title="{x(item.id)}">', "<itemmetadata><qtimetadata>",
           f"<qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>{types[item.kind]}</fieldentry></qtimetadatafield>",
           "<qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>1.0</fieldentry></qtimetadatafield>",
           "</qtimetadata></itemmetadata>",
           f'<presentation><material><mattext texttype="text/html">{x(html_text(item.prompt, site_url))}</mattext></material>']
    feedback: list[tuple[str, str]] = []
    if item.kind == "numeric":
        a, fb = item.answer, item.feedback
        v = answer_value(a)
        out += ['<response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>',
                "</presentation>", "<resprocessing><outcomes><decvar maxvalue=\"100\" minvalue=\"0\" varname=\"SCORE\" vartype=\"Decimal\"/></outcomes>",
                '<respcondition continue="No"><conditionvar>'
                f'<vargte respident="response1">{number_text(v - a.tolerance)}</vargte><varlte respident="response1">{number_text(v + a.tolerance)}</varlte>'
                '</conditionvar><setvar action="Set" varname="SCORE">100</setvar><displayfeedback feedbacktype="Response" linkrefid="correct_fb"/></respcondition>',
                '<respcondition continue="Yes"><conditionvar><other/></conditionvar><displayfeedback feedbacktype="Response" linkrefid="general_incorrect_fb"/></respcondition>',
                "</resprocessing>"]
        feedback = [("correct_fb", html_text(fb.correct, site_url)), ("general_incorrect_fb", _wrong_html(fb.wrong, fb.see, titles, site_url))]
    else:
        cardinality = "Single" if item.kind == "single" else "Multiple"
        out.append(f'<response_lid ident="response1" rcardinality="{cardinality}"><render_choice>')
        for j, c in enumerate(item.choices):
            out.append(f'<response_label ident="{j}"><material><mattext texttype="text/html">{x(html_text(c.text, site_url))}</mattext></material></response_label>')
        out += ["</render_choice></response_lid>", "</presentation>",
                '<resprocessing><outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>']
        for j in range(len(item.choices)):
            out.append(f'<respcondition continue="Yes"><conditionvar><varequal respident="response1">{j}</varequal></conditionvar>'
                       f'<displayfeedback feedbacktype="Response" linkrefid="{j}_fb"/></respcondition>')
        if item.kind == "single":
            right = next(j for j, c in enumerate(item.choices) if c.correct)
            out.append(f'<respcondition continue="No"><conditionvar><varequal respident="response1">{right}</varequal></conditionvar>'
                       '<setvar action="Set" varname="SCORE">100</setvar></respcondition>')
        else:
            conds = "".join(f'<varequal respident="response1">{j}</varequal>' if c.correct else f'<not><varequal respident="response1">{j}</varequal></not>'
                            for j, c in enumerate(item.choices))
            out.append(f'<respcondition continue="No"><conditionvar><and>{conds}</and></conditionvar>'
                       '<setvar action="Set" varname="SCORE">100</setvar></respcondition>')
        out.append("</resprocessing>")
        feedback = [(f"{j}_fb", html_text(c.feedback, site_url) if c.correct else _wrong_html(c.feedback, c.see, titles, site_url))
                    for j, c in enumerate(item.choices)]
    for ident, body in feedback:
        out.append(f'<itemfeedback ident="{ident}"><flow_mat><material><mattext texttype="text/html">{x(body)}</mattext></material></flow_mat></itemfeedback>')
    out.append("</item>")
    return out


def qti_zip(items: list[Item], titles: dict[str, str], site_url: str, name: str, title: str) -> bytes:
    """A QTI 1.2 content package (imsmanifest.xml + one assessment), as Canvas imports it
    (Settings > Import course content > QTI .zip file). Fixed timestamps, sorted entries."""
    ident = f"genai-atlas-quiz-{name}"
    assessment = ['<?xml version="1.0" encoding="UTF-8"?>',
                  '<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" '
                  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                  'xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
                  f'<assessment ident="{ident}" title="{xml_escape(title)}">',
                  "<qtimetadata><qtimetadatafield><fieldlabel>cc_maxattempts</fieldlabel><fieldentry>1</fieldentry></qtimetadatafield></qtimetadata>",
                  '<section ident="root_section">']
    for item in items:
        assessment += _qti_item(item, titles, site_url)
    assessment += ["</section>", "</assessment>", "</questestinterop>", ""]
    manifest = ['<?xml version="1.0" encoding="UTF-8"?>',
                f'<manifest identifier="{ident}-manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
                "<metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>",
                "<organizations/>", "<resources>",
                f'<resource identifier="{ident}" type="imsqti_xmlv1p2" href="{ident}/{ident}.xml">',
                f'<file href="{ident}/{ident}.xml"/>', "</resource>", "</resources>", "</manifest>", ""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path, body in sorted({"imsmanifest.xml": "\n".join(manifest), f"{ident}/{ident}.xml": "\n".join(assessment)}.items()):
            info = zipfile.ZipInfo(path, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, body.encode("utf-8"))
    return buffer.getvalue()


def downloads(loaded: Loaded | None, titles: dict[str, str], site_url: str, page_titles: dict[str, str]) -> dict[str, bytes]:
    """Every export, per chapter and `all.*`, as {path under docs/: bytes}."""
    if loaded is None:
        return {}
    bank = loaded[0]
    groups = {slug(c): (page_titles.get(c, slug(c)), list(bank.chapters.get(c, []))) for c in CHAPTERS}
    groups["all"] = ("All chapters", [i for c in CHAPTERS for i in bank.chapters.get(c, [])])
    out: dict[str, bytes] = {}
    for name, (title, items) in groups.items():
        category = f"GenAI Atlas/{title}" if name != "all" else "GenAI Atlas"
        out[f"{DOWNLOADS}{name}.moodle.xml"] = moodle_xml(items, titles, site_url, category).encode("utf-8")
        out[f"{DOWNLOADS}{name}.gift.txt"] = gift(items, titles, site_url, category).encode("utf-8")
        out[f"{DOWNLOADS}{name}.qti.zip"] = qti_zip(items, titles, site_url, name, f"GenAI Atlas quiz: {title}")
    for chapter in CHAPTERS:
        out[f"{DOWNLOADS}{slug(chapter)}.html"] = document(loaded, chapter, titles, page_titles.get(chapter, slug(chapter))).encode("utf-8")
    return out


def downloads_table(loaded: Loaded | None, page_titles: dict[str, str], host: str) -> str:
    """Markdown for /for-instructors/: one row per chapter (and the whole bank), its number of
    questions and a link to each export."""
    if loaded is None:
        return ""
    bank = loaded[0]
    where = posixpath.relpath(DOWNLOADS, posixpath.dirname(host) or ".")
    rows = [(page_titles.get(c, c), c, slug(c), len(bank.chapters.get(c, []))) for c in CHAPTERS]
    rows.append(("All chapters", None, "all", sum(n for *_, n in rows)))
    out = ["| Chapter | Questions | " + " | ".join(FORMATS.values()) + " |", "|:--|--:|" + ":--|" * len(FORMATS)]
    for title, chapter, name, n in rows:
        label = link(escape(title), f"{chapter}#quiz", host) if chapter else escape(title)
        files = " | ".join(f"[{name}.{ext}]({where}/{name}.{ext})" for ext in FORMATS)
        out.append(f"| {label} | {n} | {files} |")
    return "\n".join(out) + "\n"


def titles_of(pages) -> dict[str, str]:
    """{"page.md#id": plain heading title} for every heading with an id, and the page titles."""
    out = {}
    for page in pages:
        for h in page.headings:
            if h.id:
                out[f"{page.path}#{h.id}"] = plain(h.title)
    return out


__all__ = ["CHAPTERS", "DataError", "check", "downloads", "fragment", "load", "slug"]
