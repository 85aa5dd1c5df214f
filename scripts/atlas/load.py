"""Read the data files, validate them, and fail with one clear line per problem.

Every problem is reported as `file:line: field: why` (no traceback), so an author can jump
straight to it. Nothing is rendered until everything has loaded and passed the checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from atlas.schema import LINK, PAGE, Atlas, Bibliography, Glossary

Loc = tuple  # a path into the data: ("systems", 3, "maker")


class DataError(Exception):
    """One or more problems in the data, each already formatted as `file:line: field: why`."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


@dataclass(frozen=True)
class Located:
    """A parsed YAML file and the line on which each value (by path) was written."""

    path: Path
    data: object
    lines: dict[Loc, int]

    def where(self, loc: Loc) -> str:
        """`file:line` for the deepest part of `loc` that has a known line."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.lines:
                return f"{self.path}:{self.lines[loc[:cut]]}"
        return f"{self.path}:1"


def field_name(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def read_yaml(path: Path) -> Located:
    """Parse YAML keeping line numbers; duplicate keys are errors (YAML would keep the last)."""
    if not path.is_file():
        raise DataError([f"{path}: (file): file not found"])
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise DataError([f"{path}:{line}: (syntax): {exc.problem or exc}"]) from None
    if root is None:
        raise DataError([f"{path}:1: (top level): file is empty"])
    lines: dict[Loc, int] = {}
    errors: list[str] = []
    constructor = yaml.SafeLoader("")  # turns scalar nodes into Python values (ints, bools...)

    def build(node: yaml.Node, loc: Loc):
        lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = constructor.construct_object(key_node)
                if key in out:
                    errors.append(f"{path}:{key_node.start_mark.line + 1}: {field_name((*loc, key))}: duplicate key")
                lines[(*loc, key)] = key_node.start_mark.line + 1
                out[key] = build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return constructor.construct_object(node)

    data = build(root, ())
    if errors:
        raise DataError(errors)
    return Located(path, data, lines)


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


def _unique_ids(located: Located, key: str, items: list) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, item in enumerate(items):
        if item.id in seen:
            out.append(f"{located.where((key, i, 'id'))}: {key}[{i}].id: duplicate id {item.id!r} (first at item {seen[item.id]})")
        seen.setdefault(item.id, i)
    return out


def _page_exists(docs: Path, target: str) -> bool:
    return (docs / target.split("#", 1)[0]).is_file()


def _links_in(model: BaseModel):
    """Yield (field, target) for every page path and Markdown link inside a model, recursively."""
    for name, value in model:
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, BaseModel):
                for sub, target in _links_in(v):
                    yield f"{name}.{sub}", target
            elif isinstance(v, str):
                if PAGE.match(v):
                    yield name, v
                for _, target in LINK.findall(v):
                    if PAGE.match(target):
                        yield name, target


def _cross_checks(docs: Path, files: dict[str, Located], data: SiteData) -> list[str]:
    errors: list[str] = []
    atlas_f, bib_f, glo_f = files["atlas"], files["references"], files["glossary"]
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
    for located, key, items in (
        (atlas_f, "comparison", data.atlas.comparison),
        (atlas_f, "systems", data.atlas.systems),
        (atlas_f, "timeline", data.atlas.timeline),
        (glo_f, "terms", data.glossary.terms),
    ):
        for i, item in enumerate(items):
            for field, target in _links_in(item):
                if not _page_exists(docs, target):
                    top = field.split(".", 1)[0].split("[", 1)[0]
                    errors.append(f"{located.where((key, i, top))}: {key}[{i}].{field}: page {target.split('#')[0]!r} does not exist")
    return errors


def load_site_data(docs: Path) -> SiteData:
    """Load and check all three data files; raise DataError listing every problem found."""
    data_dir = docs / "data"
    specs = {"atlas": Atlas, "references": Bibliography, "glossary": Glossary}
    files: dict[str, Located] = {}
    models: dict[str, BaseModel] = {}
    errors: list[str] = []
    for name, model in specs.items():
        try:
            files[name] = read_yaml(data_dir / f"{name}.yaml")
            models[name] = validate(files[name], model)
        except DataError as exc:
            errors += exc.lines
    if errors:
        raise DataError(errors)
    data = SiteData(models["atlas"], models["references"], models["glossary"])
    errors = _cross_checks(docs, files, data)
    if errors:
        raise DataError(errors)
    return data
