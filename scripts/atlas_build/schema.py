"""The shape of the site's data, in one place.

Three files under docs/data/ are validated against these models:
  atlas.yaml       comparison rows, systems catalogue, timeline (all tabular content)
  references.yaml  the bibliography: every source the site cites, by key
  glossary.yaml    terms and acronyms; the abbreviation tooltips are generated from it
Page front matter is validated against `PageMeta`.

Text fields are of two kinds, and atlas_build/inline.py is the only code that renders either:
  `PlainText`  one line of text, shown exactly as written (names, titles, venues).
  `Inline`     one line of text plus exactly this inline Markdown: *emphasis*, **strong**, and
               links [text](target) whose target is an https:// URL or a page of this site
               written from the docs root (`concepts/vaes.md` or `concepts/vaes.md#elbo`).
Anything else is shown as the characters written: `<script>`, `{onclick=x}`, `$x$`, `==x==`
and `++ctrl++` in the data render as text, never as markup. Line breaks, control characters,
bidirectional overrides and zero-width marks are rejected (atlas_build/yamlfile.py).

Each vocabulary (sections, modalities, families, topics) is defined once, as the mapping from
its values to their labels below; the allowed values are derived from it.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from atlas_build.inline import HTTPS, LINK_START, PAGE

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")  # ASCII digits only: `\d` is Unicode

# Vocabularies: value -> label. The schema's allowed values are these keys, so adding a value in
# one place makes it valid and labelled at once.
SECTIONS = {
    "purpose": "Purpose", "what-they-generate": "What they generate", "architectures": "Architectures",
    "applications": "Applications", "challenges": "Challenges", "how-they-relate": "How they relate",
}
MODALITIES = {m: m for m in ("text", "image", "audio", "music", "speech", "video", "code", "3d")}
FAMILIES = {
    "perceptron": "perceptron", "feedforward": "feed-forward network", "rnn": "RNN", "gan": "GAN",
    "vae": "VAE", "diffusion": "diffusion", "transformer": "transformer", "flow": "flow",
    "hybrid": "hybrid", "toolkit": "toolkit around a model",
    "undisclosed": "not disclosed",  # the maker has not published the architecture
}
TOPICS = {
    "foundations": "Neural-network foundations", "rnns": "Recurrent networks", "gans": "Generative adversarial networks",
    "vaes": "Variational autoencoders", "diffusion": "Diffusion models", "transformers": "Transformers and attention",
    "tokenization": "Tokenization", "llms": "Large language models", "alignment": "Instruction tuning and alignment",
    "applications": "Applications", "challenges": "Challenges and risks", "systems": "Systems and makers' pages",
}

Section = Literal[tuple(SECTIONS)]  # type: ignore[valid-type]
Modality = Literal[tuple(MODALITIES)]  # type: ignore[valid-type]
Family = Literal[tuple(FAMILIES)]  # type: ignore[valid-type]
Topic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError("must be one line of text (no line breaks)")
    if not value.strip():
        raise ValueError("must not be empty or only spaces")
    return value.strip()


def _inline(value: str) -> str:
    value = _one_line(value)
    if "![" in value:
        raise ValueError("images are not allowed in data text")
    for target in LINK_START.findall(value):
        if not (PAGE.match(target) or HTTPS.match(target)):
            raise ValueError(f"link target {target!r} must be https://... or a page such as concepts/vaes.md#elbo")
    return value


def _page(value: str) -> str:
    if not PAGE.match(value):
        raise ValueError(f"{value!r} is not a page path such as concepts/vaes.md or concepts/vaes.md#elbo")
    return value


def _date(value: str) -> str:
    m = DATE.match(value)
    if not m:
        raise ValueError(f"{value!r} is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1800 <= year <= 2100:
        raise ValueError(f"{value!r}: year {year} is out of range")
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a real date ({exc})") from None
    return value


def _unique(values: list) -> list:
    seen = set()
    for v in values:
        if v in seen:
            raise ValueError(f"{v!r} is listed twice")
        seen.add(v)
    return values


def _no_coercion(value: object) -> object:
    """Text fields take text: a YAML number or date written without quotes is a mistake, not a string."""
    if not isinstance(value, str):
        raise ValueError(f"must be text, not {type(value).__name__} {value!r} (quote it)")
    return value


PlainText = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=600), AfterValidator(_one_line)]
Inline = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=2000), AfterValidator(_inline)]
PagePath = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=200), AfterValidator(_page)]
Slug = Annotated[str, BeforeValidator(_no_coercion), Field(pattern=SLUG, max_length=80)]
Date = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=10), AfterValidator(_date)]


def Unique(item, min_length: int = 0):
    return Annotated[list[item], Field(min_length=min_length, max_length=500), AfterValidator(_unique)]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo never silently drops data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ComparisonRow(Strict):
    id: Slug
    dimension: PlainText
    section: Section
    generative_ai: Inline
    llms: Inline
    explained_in: Unique(PagePath, 1)


class System(Strict):
    id: Slug
    name: PlainText
    maker: PlainText
    released: Date
    modality: Unique(Modality, 1)
    family: Family
    open_weights: bool | None  # null: not applicable (software that ships no trained weights)
    concept: PagePath
    source: Slug  # a key of references.yaml
    aliases: Unique(PlainText) = []  # other names prose uses for it ("ChatGPT" for a GPT row, "DALL·E 3")
    in_seeds: bool = False
    note: Inline | None = None


class TimelineEvent(Strict):
    id: Slug
    date: Date
    title: PlainText
    description: Inline
    concept: PagePath
    source: Slug


class Atlas(Strict):
    comparison: list[ComparisonRow] = Field(min_length=1)
    systems: list[System] = Field(min_length=1)
    timeline: list[TimelineEvent] = Field(min_length=1)
    # Names of systems that pages may mention; a test fails when one appears in a page's prose and
    # no system row carries it as its name or an alias (so the catalogue keeps up with the prose).
    named_systems: Unique(PlainText) = []


class Reference(Strict):
    id: Slug
    authors: Unique(PlainText, 1)
    year: int = Field(ge=1900, le=2100)
    title: PlainText
    venue: PlainText
    topic: Topic
    arxiv: Annotated[str, BeforeValidator(_no_coercion), Field(pattern=r"^[0-9]{4}\.[0-9]{4,5}$|^[a-z-]+/[0-9]{7}$")] | None = None
    doi: Annotated[str, BeforeValidator(_no_coercion), Field(pattern=r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$", max_length=200)] | None = None
    url: Annotated[str, BeforeValidator(_no_coercion), Field(pattern=HTTPS.pattern.removesuffix("\\Z") + "$", max_length=500)] | None = None

    @model_validator(mode="after")
    def _has_locator(self):
        if not (self.arxiv or self.doi or self.url):
            raise ValueError("needs an arxiv id, a doi or a url")
        return self


class Bibliography(Strict):
    references: list[Reference] = Field(min_length=1)


class Term(Strict):
    id: Slug
    term: PlainText
    abbr: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9-]*[A-Z0-9]$")] | None = None
    expansion: PlainText | None = None  # what the abbr tooltip says; defaults to the term
    definition: Inline
    see: PagePath


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


def _theme_text(value: str) -> str:
    """Front matter the theme writes into pages itself (titles in <title>, the navigation, the
    search index), without escaping: only plain words and ordinary punctuation may go there."""
    bad = sorted(set(value) & set('<>&"'))
    if bad:
        raise ValueError(f"may not contain {' '.join(bad)}: the theme shows front matter as it is written")
    return value


ThemeText = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=600), AfterValidator(_one_line), AfterValidator(_theme_text)]


class PageMeta(BaseModel):
    """A page's front matter. Other keys Material understands (`search`, `hide`...) pass through."""

    model_config = ConfigDict(extra="allow", frozen=True)

    title: ThemeText | None = None  # the page's first heading stands in (the site's own pages all set it)
    description: ThemeText | None = None
    tags: Unique(ThemeText) = []
    last_reviewed: datetime.date | None = None
    key_papers: Unique(Slug) = []


# --- /for-instructors/: docs/data/instructors.yaml (issue #16) ---------------------------------
SECTION_REF = re.compile(r"(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md#[a-z0-9]+(?:-[a-z0-9]+)*\Z")
SUMMARY_MAX = 200


def summary_problem(text: str) -> str | None:
    """Why `text` is not a one-line summary an instructor can read as it stands, or None."""
    if len(text) > SUMMARY_MAX:
        return f"is {len(text)} characters; a summary has at most {SUMMARY_MAX}"
    if not text[:1].isupper():
        return "must start with a capital letter"
    if not text.endswith((".", "?", "!")) or text.endswith(("…", "...")):
        return "must be one whole sentence, ending with . ? or !"
    if len(text.split()) < 5:
        return "is too short to say what the section covers (5 words at least)"
    for mark, why in (("$", "TeX"), ("\\", "TeX"), ("—", "a dash placeholder"), ("<", "markup")):
        if mark in text:
            return f"contains {mark!r} ({why}); write the formula or the idea in words"
    return None


def _section_ref(value: str) -> str:
    if not SECTION_REF.match(value):
        raise ValueError(f"{value!r} is not a section such as concepts/vaes.md#elbo")
    return value


def _summary(value: str) -> str:
    value = _one_line(value)
    problem = summary_problem(value)
    if problem:
        raise ValueError(problem)
    return value


SectionRef = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=200), AfterValidator(_section_ref)]
Summary = Annotated[str, BeforeValidator(_no_coercion), Field(max_length=600), AfterValidator(_summary)]


class ReadingPath(Strict):
    id: Slug
    title: PlainText
    audience: PlainText
    prerequisites: Unique(SectionRef)
    background: PlainText | None = None
    sections: Unique(SectionRef, 2)


class Instructors(Strict):
    reading_paths: list[ReadingPath] = Field(min_length=1, max_length=50)
    summaries: dict[SectionRef, Summary] = {}
