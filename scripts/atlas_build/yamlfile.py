"""YAML with line numbers, and nothing the site's data does not need.

The data files and page front matter are plain trees of mappings, lists and scalars. Everything
YAML can do beyond that is refused with one line naming the file and line, before anything is
built: anchors and aliases (a 600-byte "billion laughs" block would otherwise expand to
gigabytes), merge keys, explicit tags (`!include`, `!!python/name:`), keys that are not plain
scalars, nesting deeper than MAX_DEPTH, files over MAX_BYTES, bytes that are not UTF-8, and
characters a reader cannot see (controls, bidirectional overrides, zero-width marks).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): the same events, nodes and marks
# as the pure-Python one, about ten times faster on the quiz bank and the catalogue.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2_000_000
MAX_DEPTH = 12
# Characters that must never reach a page: C0/C1 controls (tab and newline aside), bidirectional
# embeddings, overrides and isolates, zero-width marks, the BOM and the line/paragraph separators.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")

Loc = tuple  # a path into the data: ("systems", 3, "maker")


class DataError(Exception):
    """One or more problems in the data, each already formatted as `file:line: field: why`."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def field_name(loc: Loc) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


@dataclass(frozen=True)
class Located:
    """A parsed YAML document and the line on which each value (by path) was written."""

    path: str
    data: object
    lines: dict[Loc, int]

    def where(self, loc: Loc) -> str:
        """`file:line` for the deepest part of `loc` that has a known line."""
        for cut in range(len(loc), -1, -1):
            if loc[:cut] in self.lines:
                return f"{self.path}:{self.lines[loc[:cut]]}"
        return f"{self.path}:1"


def char_name(ch: str) -> str:
    return f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}"


def decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise DataError([f"{path}:1: (file): {len(raw):,} bytes is more than the {MAX_BYTES:,} a data file may have"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{path}:{line}: (encoding): byte 0x{raw[exc.start]:02X} is not UTF-8; save the file as UTF-8"]) from None
    return text.removeprefix("\ufeff")


def parse(text: str, path: str, first_line: int = 1) -> Located:
    """Parse one YAML document written at `first_line` of `path`; raise DataError on anything refused."""
    offset = first_line - 1
    bad = INVISIBLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1 + offset
        raise DataError([f"{path}:{line}: (text): invisible or control character {char_name(bad.group())} is not allowed"])

    def fail(mark, why: str):
        line = (mark.line + 1 if mark else 1) + offset
        raise DataError([f"{path}:{line}: (syntax): {why}"])

    try:
        depth = 0
        for event in yaml.parse(text, Loader=LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                fail(event.start_mark, "anchors and aliases (&name, *name) are not allowed; write the value out")
            if getattr(event, "tag", None) is not None:
                fail(event.start_mark, f"tags such as {event.tag!r} are not allowed")
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    fail(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        root = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        fail(exc.problem_mark or exc.context_mark, str(exc.problem or exc).strip())
    except yaml.YAMLError as exc:  # ReaderError and the like carry no mark
        fail(None, str(exc).splitlines()[0])
    if root is None:
        raise DataError([f"{path}:{first_line}: (top level): the document is empty"])

    lines: dict[Loc, int] = {}
    errors: list[str] = []
    constructor = yaml.SafeLoader("")  # turns scalar nodes into Python values (ints, bools, dates)

    def build(node: yaml.Node, loc: Loc):
        lines.setdefault(loc, node.start_mark.line + 1 + offset)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                at = f"{path}:{key_node.start_mark.line + 1 + offset}"
                if not isinstance(key_node, yaml.ScalarNode):
                    errors.append(f"{at}: {field_name(loc)}: keys must be plain names, not lists or mappings")
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    errors.append(f"{at}: {field_name(loc)}: merge keys (<<) are not allowed; write the fields out")
                    continue
                key = constructor.construct_object(key_node)
                if not isinstance(key, str):
                    key = str(key)
                if key in out:
                    errors.append(f"{at}: {field_name((*loc, key))}: duplicate key")
                lines[(*loc, key)] = key_node.start_mark.line + 1 + offset
                out[key] = build(value_node, (*loc, key))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(item, (*loc, i)) for i, item in enumerate(node.value)]
        try:
            return constructor.construct_object(node)
        except (yaml.YAMLError, ValueError) as exc:  # e.g. an impossible timestamp such as 2020-02-31
            errors.append(f"{path}:{node.start_mark.line + 1 + offset}: {field_name(loc)}: {str(exc).splitlines()[0]}")
            return node.value

    data = build(root, ())
    if errors:
        raise DataError(errors)
    return Located(path, data, lines)


def read(file: Path, shown_as: str | None = None) -> Located:
    """Read and parse a YAML file; `shown_as` is the name errors use (default: the path given)."""
    name = shown_as or str(file)
    if not file.is_file():
        raise DataError([f"{name}:1: (file): file not found"])
    return parse(decode(file.read_bytes(), name), name)
