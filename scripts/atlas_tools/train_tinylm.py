"""Train GenAI Atlas's tiny language model and write its weights to docs/assets/models/tinylm/.

    make train-tinylm          (= OPENBLAS_NUM_THREADS=1 .venv/bin/python -m atlas_tools.train_tinylm)

NumPy only, on one CPU thread, deterministic: the corpus, the initialisation, the batches and the
`<unk>` masking all come from fixed seeds, so a rerun writes byte-identical files. About ten
minutes here. The build never trains; it reads the committed weights (atlas_build/tinylm/weights.py).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from functools import cache
from pathlib import Path

import numpy as np

from atlas_build.tinylm import corpus, model, tokenizer, weights

SEED = 17
TRAIN_SEED, TRAIN_SENTENCES = corpus.TRAIN_SEED, corpus.TRAIN_SENTENCES
HELDOUT_SEED, HELDOUT_SENTENCES = 2, 1_000   # the held-out loss; the head tests use another seed
BATCH = 32
STEPS = 1500
CHECKPOINTS = (0, 60, 250, 600, STEPS)
LR, WARMUP, MIN_LR_FRACTION = 3e-3, 100, 0.1
BETAS, WEIGHT_DECAY, CLIP = (0.9, 0.99), 0.01, 1.0
UNK_RATE = 0.02
EVAL_EVERY = 50


@cache
def train_and_heldout() -> tuple[list[corpus.Sentence], list[corpus.Sentence]]:
    train = corpus.sentences(TRAIN_SEED, TRAIN_SENTENCES)
    seen = {tuple(s.words) for s in train}
    heldout = [s for s in corpus.sentences(HELDOUT_SEED, HELDOUT_SENTENCES * 3) if tuple(s.words) not in seen]
    return train, heldout[:HELDOUT_SENTENCES]


def packed(sample: list[corpus.Sentence], start: int, length: int) -> list[int]:
    """`<bos>` then sentences from `start` on (wrapping round), `length` tokens in all."""
    ids = [tokenizer.INDEX[tokenizer.BOS]]
    i = start
    while len(ids) < length:
        ids += [tokenizer.INDEX[w] for w in sample[i % len(sample)].words]
        i += 1
    return ids[:length]


def batch(sample, rng: np.random.Generator, size: int, context: int, unk_rate: float):
    seqs = np.array([packed(sample, int(s), context + 1) for s in rng.integers(0, len(sample), size)])
    inputs, targets = seqs[:, :-1].copy(), seqs[:, 1:]
    hide = rng.random(inputs.shape) < unk_rate
    hide[:, 0] = False
    inputs[hide] = tokenizer.INDEX[tokenizer.UNK]
    return inputs, targets


def heldout_batch(heldout, context: int, count: int = 64):
    seqs = np.array([packed(heldout, k * len(heldout) // count, context + 1) for k in range(count)])
    return seqs[:, :-1], seqs[:, 1:]


def mean_loss(params, cfg, inputs, targets) -> float:
    logits, _ = model.forward(params, cfg, inputs)
    logp = logits - logits.max(-1, keepdims=True)
    logp = logp - np.log(np.exp(logp).sum(-1, keepdims=True))
    return float(-np.take_along_axis(logp, targets[..., None], -1).mean())


def lr_at(step: int, steps: int, warmup: int) -> float:
    if step < warmup:
        return LR * (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return LR * (MIN_LR_FRACTION + (1 - MIN_LR_FRACTION) * 0.5 * (1 + math.cos(math.pi * progress)))


def train(steps: int = STEPS, checkpoints=CHECKPOINTS, warmup: int = WARMUP, on_checkpoint=None, log=print, batch_size: int = BATCH):
    """Train; return the per-step training losses. `on_checkpoint(step, params)` is called at each checkpoint."""
    cfg = model.Config(vocab=len(tokenizer.VOCAB))
    sample, _ = train_and_heldout()
    params = model.init(cfg, SEED)
    m = {k: np.zeros_like(v) for k, v in params.items()}
    v = {k: np.zeros_like(x) for k, x in params.items()}
    rng = np.random.default_rng(SEED)
    losses = []
    for step in range(steps + 1):
        if step in checkpoints and on_checkpoint:
            on_checkpoint(step, params)
        if step == steps:
            break
        inputs, targets = batch(sample, rng, batch_size, cfg.context, UNK_RATE)
        loss, grads = model.loss_and_grads(params, cfg, inputs, targets)
        losses.append(loss)
        norm = math.sqrt(sum(float((g.astype(np.float64) ** 2).sum()) for g in grads.values()))
        clip = min(1.0, CLIP / (norm + 1e-6))
        lr = lr_at(step, steps, warmup)
        b1, b2 = BETAS
        for k in params:
            g = grads[k] * clip
            m[k] = b1 * m[k] + (1 - b1) * g
            v[k] = b2 * v[k] + (1 - b2) * g * g
            mhat = m[k] / (1 - b1 ** (step + 1))
            vhat = v[k] / (1 - b2 ** (step + 1))
            decay = WEIGHT_DECAY if params[k].ndim == 2 else 0.0
            params[k] = (params[k] - lr * (mhat / (np.sqrt(vhat) + 1e-8) + decay * params[k])).astype(np.float32)
        if log and (step % 50 == 0 or step == steps - 1):
            log(f"step {step:5d}  loss {loss:.4f}  lr {lr:.5f}")
    return losses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=weights.DIR)
    parser.add_argument("--steps", type=int, default=STEPS)
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    cfg = model.Config(vocab=len(tokenizer.VOCAB))
    train_s, heldout = train_and_heldout()
    h_in, h_tg = heldout_batch(heldout, cfg.context)
    checkpoints = (*(c for c in CHECKPOINTS if c < args.steps), args.steps)
    saved = []
    started = time.time()

    def save(step, params):
        blob = weights.quantize(params, cfg)
        name = f"step-{step:05d}.bin"
        (out / name).write_bytes(blob)
        used = weights.dequantize(blob, cfg)   # the losses of the weights as shipped (int8)
        saved.append({"step": step, "file": name, "tokens_seen": step * BATCH * cfg.context,
                      "heldout_loss": round(mean_loss(used, cfg, h_in, h_tg), 4)})
        print(f"checkpoint {name}: held-out loss {saved[-1]['heldout_loss']}", flush=True)

    losses = train(args.steps, checkpoints, on_checkpoint=save, log=lambda s: print(s, flush=True))
    seconds = time.time() - started
    curve = [[s, round(float(np.mean(losses[max(0, s - 10):s + 1])), 4)] for s in range(0, len(losses), 10)]
    man = {
        "name": "GenAI Atlas tiny LM",
        "config": cfg.as_dict(),
        "parameters": model.count(cfg),
        "vocab": tokenizer.VOCAB,
        "bos": tokenizer.INDEX[tokenizer.BOS], "unk": tokenizer.INDEX[tokenizer.UNK],
        "layout": weights.layout(cfg),
        "checkpoints": saved,
        "loss_curve": curve,   # [step, mean training loss over the 10 steps before], nats per token
        "training": {
            "steps": args.steps, "batch": BATCH, "seed": SEED, "optimizer": "AdamW",
            "peak_lr": LR, "warmup": WARMUP, "weight_decay": WEIGHT_DECAY, "unk_rate": UNK_RATE,
            "train_sentences": len(train_s), "train_tokens": sum(len(s.words) for s in train_s),
            "heldout_sentences": len(heldout), "heldout_tokens": sum(len(s.words) for s in heldout),
            "grammar_entropy": round(corpus.entropy_per_token(heldout), 4),
            "final_train_loss": round(float(np.mean(losses[-50:])), 4),
            "seconds": round(seconds), "threads": 1, "numpy": np.__version__,
        },
    }
    (out / "model.json").write_text(json.dumps(man, indent=1) + "\n", encoding="utf-8")
    weights.write_sums(out)
    print(f"done in {seconds:.0f} s: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
