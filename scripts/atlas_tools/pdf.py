"""Just enough of a PDF reader for the PDFs Chromium prints (page.pdf()): each page's text, how far
down its ink goes, and the colour of any fill that covers most of it. No dependency: the print
test checks a handout's first page and its page fill with it (tests/browser/test_print.py).

Chromium (Skia) writes one content stream per page, Flate-compressed, Type0 fonts with Identity-H
codes and a ToUnicode map, and positions text with Tm/Td; that is all this reader understands.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_TOKEN = re.compile(rb"/[^\s/<>\[\]()]+|" + _NUM + rb"|<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|[A-Za-z'\"*]+|\[|\]")
_IS_NUM = re.compile(_NUM)
_PAINT = {b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*"}
_FILL = _PAINT - {b"S", b"s"}


@dataclass
class Page:
    width: float
    height: float
    text: str = ""
    ink: float = 0.0                      # lowest ink, as a fraction of the page height from the top
    fills: list[tuple[float, ...]] = field(default_factory=list)  # colours of fills over 30 % of the page


def _objects(pdf: bytes) -> dict[int, bytes]:
    return {int(n): body for n, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}


def _stream(body: bytes) -> bytes:
    m = re.search(rb"stream\r?\n(.*)endstream", body, re.S)
    if not m:
        return b""
    data = m.group(1)
    return zlib.decompress(data) if b"FlateDecode" in body[: m.start()] else data


def _dict_at(objs: dict[int, bytes], body: bytes, key: bytes) -> bytes:
    """The value of /key in `body`, following one indirect reference."""
    m = re.search(rb"/" + key + rb"\s*(\d+) 0 R", body)
    if m:
        return objs.get(int(m.group(1)), b"")
    m = re.search(rb"/" + key + rb"\s*<<(.*?)>>", body, re.S)
    return m.group(1) if m else b""


def _cmap(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    utf16 = lambda h: bytes.fromhex(h.decode()).decode("utf-16-be", "replace")  # noqa: E731
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + i) if start + i < 0x110000 else ""
    return out


def _mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _page(objs: dict[int, bytes], body: bytes) -> Page:
    box = [float(x) for x in re.search(rb"/MediaBox\s*\[([^\]]*)\]", body).group(1).split()]
    page = Page(width=box[2] - box[0], height=box[3] - box[1])
    ref = re.search(rb"/Resources\s*(\d+) 0 R", body)
    resources = objs.get(int(ref.group(1)), b"") if ref else body
    fonts = {name: _cmap(_stream(objs.get(int(_to.group(1)), b""))) if (_to := re.search(rb"/ToUnicode\s*(\d+) 0 R", objs.get(int(ref), b""))) else {}
             for name, ref in re.findall(rb"/(\w+)\s*(\d+) 0 R", _dict_at(objs, resources, b"Font"))}
    contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
    data = b"\n".join(_stream(objs[int(r)]) for r in re.findall(rb"(\d+) 0 R", contents.group(1))) if contents else b""

    ctm, stack, tm, ops, path = [1, 0, 0, 1, 0, 0], [], [1, 0, 0, 1, 0, 0], [], []
    font: dict[int, str] = {}
    fill: tuple[float, ...] = (0.0,)
    text: list[str] = []
    area = page.width * page.height

    def mark(x: float, y: float, m) -> None:
        down = page.height - (x * m[1] + y * m[3] + m[5])
        page.ink = max(page.ink, min(max(down, 0.0), page.height) / page.height)

    def show(s: bytes) -> None:
        if s.startswith(b"<"):
            raw = bytes.fromhex(re.sub(rb"\s", b"", s[1:-1]).decode())
            text.append("".join(font.get(int.from_bytes(raw[i:i + 2], "big"), "") for i in range(0, len(raw) - 1, 2)))
        else:
            text.append(s[1:-1].decode("latin-1"))
        mark(0, 0, _mul(tm, ctm))

    array: list[bytes] | None = None
    big = False
    for tok in _TOKEN.findall(data):
        if array is not None:  # a TJ array: its strings are shown, its kerning numbers skipped
            if tok == b"]":
                ops.append(array)
                array = None
            elif tok.startswith((b"<", b"(")):
                array.append(tok)
            continue
        if tok == b"[":
            array = []
            continue
        if _IS_NUM.fullmatch(tok):
            ops.append(float(tok))
            continue
        if tok.startswith((b"/", b"<", b"(")):  # a name or a string: an operand
            ops.append(tok)
            continue
        nums = [o for o in ops if isinstance(o, float)]
        if tok == b"q":
            stack.append(ctm[:])
        elif tok == b"Q":
            ctm = stack.pop() if stack else ctm
        elif tok == b"cm" and len(nums) >= 6:
            ctm = _mul(nums[-6:], ctm)
        elif tok == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
            text.append("\n")
        elif tok == b"Tf" and ops and isinstance(ops[0], bytes):
            font = fonts.get(ops[0][1:], {})
        elif tok == b"Tm" and len(nums) >= 6:
            tm = nums[-6:]
            text.append(" ")
        elif tok == b"Td" and len(nums) >= 2:
            tm = _mul([1, 0, 0, 1, nums[-2], nums[-1]], tm)
        elif tok in (b"Tj", b"'", b'"') and ops and isinstance(ops[-1], bytes):
            show(ops[-1])
        elif tok == b"TJ" and ops and isinstance(ops[-1], list):
            for item in ops[-1]:
                show(item)
        elif tok == b"rg" and len(nums) >= 3:
            fill = tuple(nums[-3:])
        elif tok == b"g" and nums:
            fill = (nums[-1],) * 3
        elif tok == b"re" and len(nums) >= 4:
            x, y, w, h = nums[-4:]
            if abs(w * ctm[0] * h * ctm[3]) > 0.3 * area:
                big = True  # a page-wide background (once filled), not ink
            else:
                path += [(x, y), (x + w, y + h)]
        elif tok in (b"m", b"l", b"c", b"v", b"y") and len(nums) >= 2:
            path.append((nums[-2], nums[-1]))
        elif tok in _PAINT:
            for x, y in path:
                mark(x, y, ctm)
            if big and tok in _FILL:
                page.fills.append(fill)
            path, big = [], False
        elif tok == b"n":  # a clipping path: nothing painted
            path, big = [], False
        elif tok == b"Do":
            mark(0, 0, ctm)
            mark(1, 1, ctm)
        ops = []
    page.text = re.sub(r"[ \t]+", " ", "".join(text)).strip()
    return page


def pages(pdf: bytes) -> list[Page]:
    """The pages of a Chromium PDF, in order."""
    objs = _objects(pdf)
    root = objs[int(re.search(rb"/Root\s*(\d+) 0 R", pdf).group(1))]

    def walk(n: int) -> list[Page]:
        body = objs[n].split(b"stream", 1)[0]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body).group(1)
            return [p for k in re.findall(rb"(\d+) 0 R", kids) for p in walk(int(k))]
        return [_page(objs, body)]

    return walk(int(re.search(rb"/Pages\s*(\d+) 0 R", root).group(1)))
