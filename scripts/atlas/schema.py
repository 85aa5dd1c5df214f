"""The shape of the site's data, in one place.

Three files under docs/data/ are validated against these models:
  atlas.yaml       comparison rows, systems catalogue, timeline (all tabular content)
  references.yaml  the bibliography: every source the site cites, by key
  glossary.yaml    terms and acronyms; the abbreviation tooltips are generated from it

Text fields typed `Inline` accept plain text plus exactly this inline Markdown:
  *emphasis*, **strong**, and links [text](target) whose target is either an https:// URL or a
  page of this site written from the docs root (`concepts/vaes.md` or `concepts/vaes.md#elbo`).
Anything else is shown as text: `<script>` in the data renders as the characters, never as HTML.
Images, raw URLs with other schemes and line breaks are rejected.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")
PAGE = re.compile(r"^(?:[a-z0-9-]+/)*[a-z0-9-]+\.md(?:#[a-z0-9-]+)?$")
HTTPS = re.compile(r"^https://[^\s<>\"']+$")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"


def _inline(value: str) -> str:
    if "\n" in value.strip():
        raise ValueError("must be one line of text")
    if "![" in value:
        raise ValueError("images are not allowed in data text")
    for _, target in LINK.findall(value):
        if not (PAGE.match(target) or HTTPS.match(target)):
            raise ValueError(f"link target {target!r} must be https://... or a page such as concepts/vaes.md#elbo")
    return value.strip()


def _page(value: str) -> str:
    if not PAGE.match(value):
        raise ValueError(f"{value!r} is not a page path such as concepts/vaes.md or concepts/vaes.md#elbo")
    return value


Inline = Annotated[str, Field(min_length=1), AfterValidator(_inline)]
PagePath = Annotated[str, AfterValidator(_page)]
Slug = Annotated[str, Field(pattern=SLUG)]
Text = Annotated[str, Field(min_length=1)]

Section = Literal["purpose", "what-they-generate", "architectures", "applications", "challenges", "how-they-relate"]
Modality = Literal["text", "image", "audio", "music", "speech", "video", "code", "3d"]
Family = Literal[
    "perceptron", "feedforward", "rnn", "gan", "vae", "diffusion", "transformer", "flow", "hybrid", "toolkit",
    "undisclosed",  # the maker has not published the architecture
]
Topic = Literal[
    "foundations", "rnns", "gans", "vaes", "diffusion", "transformers", "tokenization",
    "llms", "alignment", "applications", "challenges", "systems",
]


class Strict(BaseModel):
    """Unknown fields are errors, so a typo never silently drops data."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ComparisonRow(Strict):
    id: Slug
    dimension: Text
    section: Section
    generative_ai: Inline
    llms: Inline
    explained_in: list[PagePath] = Field(min_length=1)


class System(Strict):
    id: Slug
    name: Text
    maker: Text
    released: Annotated[str, Field(pattern=DATE)]
    modality: list[Modality] = Field(min_length=1)
    family: Family
    open_weights: bool | None  # null: not applicable (software that ships no trained weights)
    concept: PagePath
    source: Slug  # a key of references.yaml
    aliases: list[Text] = []  # other names prose uses for it ("ChatGPT" for a GPT row, "DALL·E 3")
    in_seeds: bool = False
    note: Inline | None = None


class TimelineEvent(Strict):
    id: Slug
    date: Annotated[str, Field(pattern=DATE)]
    title: Text
    description: Inline
    concept: PagePath
    source: Slug


class Atlas(Strict):
    comparison: list[ComparisonRow] = Field(min_length=1)
    systems: list[System] = Field(min_length=1)
    timeline: list[TimelineEvent] = Field(min_length=1)
    # Names of systems that pages may mention; a test fails when one appears in a page's prose and
    # no system row carries it as its name or an alias (so the catalogue keeps up with the prose).
    named_systems: list[Text] = []


class Reference(Strict):
    id: Slug
    authors: list[Text] = Field(min_length=1)
    year: int = Field(ge=1900, le=2100)
    title: Text
    venue: Text
    topic: Topic
    arxiv: Annotated[str, Field(pattern=r"^\d{4}\.\d{4,5}$|^[a-z-]+/\d{7}$")] | None = None
    doi: Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    url: Annotated[str, Field(pattern=HTTPS.pattern)] | None = None

    @model_validator(mode="after")
    def _has_locator(self):
        if not (self.arxiv or self.doi or self.url):
            raise ValueError("needs an arxiv id, a doi or a url")
        return self


class Bibliography(Strict):
    references: list[Reference] = Field(min_length=1)


class Term(Strict):
    id: Slug
    term: Text
    abbr: Annotated[str, Field(pattern=r"^[A-Z][A-Za-z0-9-]*[A-Z0-9]$")] | None = None
    expansion: Text | None = None  # what the abbr tooltip says; defaults to the term
    definition: Inline
    see: PagePath


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)
