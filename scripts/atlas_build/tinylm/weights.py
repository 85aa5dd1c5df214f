"""The tiny model's weight files (docs/assets/models/tinylm/), shared by the trainer, the build and the tests.

`model.json` holds the configuration, the vocabulary, where each tensor lies in a checkpoint file,
the checkpoints (step, losses, file) and the loss curve. Each `step-NNNNN.bin` stores every matrix
as int8 with one float32 scale per row, and every vector as float32: first all float32 parts
(4-byte aligned), then the int8 parts. The weights used are the dequantized ones, int8 x scale,
computed in float64, by this reference and by the page's engine alike, so the two agree to
rounding. `SHA256SUMS` lists every file's SHA-256 (`sha256sum -c` reads it; a test checks it).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from atlas_build.paths import DOCS
from atlas_build.tinylm.model import Config, shapes

DIR = DOCS / "assets/models/tinylm"
MANIFEST = DIR / "model.json"
SUMS = DIR / "SHA256SUMS"


def layout(cfg: Config) -> dict[str, dict]:
    """name -> {shape, f32 (offset of its float32 part: scales or values), i8 (offset of int8 data or None)}."""
    table, f32, i8 = {}, 0, 0
    for name, shape in shapes(cfg).items():
        rows = shape[0] if len(shape) == 2 else 0
        table[name] = {"shape": list(shape), "f32": f32, "i8": None}
        f32 += 4 * (rows if rows else shape[0])
    for name, shape in shapes(cfg).items():
        if len(shape) == 2:
            table[name]["i8"] = f32 + i8
            i8 += shape[0] * shape[1]
    return table


def quantize(params: dict[str, np.ndarray], cfg: Config) -> bytes:
    f32_parts, i8_parts = [], []
    for name in shapes(cfg):
        w = np.asarray(params[name], dtype=np.float64)
        if w.ndim == 2:
            scale = (np.abs(w).max(1) / 127).astype(np.float32)
            scale[scale == 0] = np.float32(1)
            q = np.clip(np.rint(w / scale.astype(np.float64)[:, None]), -127, 127).astype(np.int8)
            f32_parts.append(scale.astype("<f4").tobytes())
            i8_parts.append(q.tobytes())
        else:
            f32_parts.append(w.astype("<f4").tobytes())
    return b"".join(f32_parts) + b"".join(i8_parts)


def dequantize(blob: bytes, cfg: Config) -> dict[str, np.ndarray]:
    """The float64 weights both forward passes use."""
    out = {}
    for name, spec in layout(cfg).items():
        shape = tuple(spec["shape"])
        if spec["i8"] is None:
            out[name] = np.frombuffer(blob, "<f4", shape[0], spec["f32"]).astype(np.float64)
        else:
            scale = np.frombuffer(blob, "<f4", shape[0], spec["f32"]).astype(np.float64)
            q = np.frombuffer(blob, np.int8, shape[0] * shape[1], spec["i8"]).reshape(shape).astype(np.float64)
            out[name] = q * scale[:, None]
    return out


def manifest(directory: Path = DIR) -> dict:
    return json.loads((directory / "model.json").read_text(encoding="utf-8"))


def config(man: dict) -> Config:
    return Config(**man["config"])


def load(step: int | None = None, directory: Path = DIR) -> tuple[dict[str, np.ndarray], Config]:
    """A checkpoint's dequantized weights (the final one by default) and the configuration."""
    man = manifest(directory)
    ckpt = man["checkpoints"][-1] if step is None else next(c for c in man["checkpoints"] if c["step"] == step)
    cfg = config(man)
    return dequantize((directory / ckpt["file"]).read_bytes(), cfg), cfg


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sums(directory: Path = DIR) -> None:
    files = sorted(p for p in directory.iterdir() if p.name != SUMS.name and p.is_file())
    (directory / SUMS.name).write_text("".join(f"{sha256(p)}  {p.name}\n" for p in files), encoding="utf-8")


def gzip_kib(name: str, directory: Path = DIR) -> float:
    """A weight file's size gzip-compressed (level 6, as the site's host serves it), in KiB."""
    import gzip

    return len(gzip.compress((directory / name).read_bytes(), 6)) / 1024
