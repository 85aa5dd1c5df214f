"""Read the data files, validate them, and fail with one clear line per problem.

Every problem is reported as `file:line: field: why` (no traceback), so an author can jump
straight to it. Nothing is rendered until everything has loaded and passed the checks; the
checks that need the rendered fragments (anchors, ids) run in atlas_build/fragments.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from atlas_build import inline, yamlfile
from atlas_build.schema import PAGE, Atlas, Bibliography, Glossary
from atlas_build.yamlfile import DataError, Located, field_name

__all__ = ["DataError", "SiteData", "load_site_data"]


def validate(located: Located, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(located.data)
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                msg = "unknown field"
            out.append(f"{located.where(loc)}: {field_name(loc)}: {msg}")
        raise DataError(list(dict.fromkeys(out))) from None


@dataclass(frozen=True)
class SiteData:
    atlas: Atlas
    bibliography: Bibliography
    glossary: Glossary
    files: dict[str, Located]  # "atlas" | "references" | "glossary" -> where each value was written

    def where(self, file: str, loc: tuple) -> str:
        return self.files[file].where(loc)


def _unique_ids(located: Located, key: str, items: list) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(items):
        if item.id in seen:
            out.append(f"{located.where((key, i, 'id'))}: {key}[{i}].id: duplicate id {item.id!r} (first at item {seen[item.id]})")
        seen.setdefault(item.id, i)
    return out


def links_in(model: BaseModel, prefix: tuple = ()):
    """Yield (loc, target) for every page path and Markdown link inside a model, recursively."""
    for name, value in model:
        values = value if isinstance(value, list) else [value]
        for j, v in enumerate(values):
            loc = (*prefix, name, j) if isinstance(value, list) else (*prefix, name)
            if isinstance(v, BaseModel):
                yield from links_in(v, loc)
            elif isinstance(v, str):
                if PAGE.match(v):
                    yield loc, v
                for target in inline.links_in(v):
                    if PAGE.match(target):
                        yield loc, target


def data_links(data: SiteData):
    """(file, loc, target) for every internal link the data makes."""
    for file, key, items in (
        ("atlas", "comparison", data.atlas.comparison),
        ("atlas", "systems", data.atlas.systems),
        ("atlas", "timeline", data.atlas.timeline),
        ("glossary", "terms", data.glossary.terms),
    ):
        for i, item in enumerate(items):
            for loc, target in links_in(item, (key, i)):
                yield file, loc, target


def _cross_checks(docs: Path, data: SiteData) -> list[str]:
    errors: list[str] = []
    atlas_f, bib_f, glo_f = data.files["atlas"], data.files["references"], data.files["glossary"]
    for key in ("comparison", "systems", "timeline"):
        errors += _unique_ids(atlas_f, key, getattr(data.atlas, key))
    errors += _unique_ids(bib_f, "references", data.bibliography.references)
    errors += _unique_ids(glo_f, "terms", data.glossary.terms)
    abbrs: dict[str, int] = {}
    for i, term in enumerate(data.glossary.terms):
        if term.abbr and term.abbr in abbrs:
            errors.append(f"{glo_f.where(('terms', i, 'abbr'))}: terms[{i}].abbr: duplicate abbreviation {term.abbr!r}")
        if term.abbr:
            abbrs.setdefault(term.abbr, i)
    ref_ids = {r.id for r in data.bibliography.references}
    for key in ("systems", "timeline"):
        for i, item in enumerate(getattr(data.atlas, key)):
            if item.source not in ref_ids:
                errors.append(f"{atlas_f.where((key, i, 'source'))}: {key}[{i}].source: no reference with id {item.source!r} in references.yaml")
    for file, loc, target in data_links(data):
        if not (docs / target.split("#", 1)[0]).is_file():
            errors.append(f"{data.where(file, loc)}: {field_name(loc)}: page {target.split('#')[0]!r} does not exist")
    return errors


def load_site_data(docs: Path) -> SiteData:
    """Load and check all three data files; raise DataError listing every problem found."""
    specs = {"atlas": Atlas, "references": Bibliography, "glossary": Glossary}
    files: dict[str, Located] = {}
    models: dict[str, BaseModel] = {}
    errors: list[str] = []
    for name, model in specs.items():
        try:
            files[name] = yamlfile.read(docs / "data" / f"{name}.yaml", f"docs/data/{name}.yaml")
            models[name] = validate(files[name], model)
        except DataError as exc:
            errors += exc.lines
    if errors:
        raise DataError(errors)
    data = SiteData(models["atlas"], models["references"], models["glossary"], files)
    errors = _cross_checks(docs, data)
    if errors:
        raise DataError(errors)
    return data
