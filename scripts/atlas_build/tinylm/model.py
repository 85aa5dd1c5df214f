"""The tiny model itself: a GPT-style decoder-only transformer in NumPy, forward and backward.

Pre-LayerNorm blocks (x + attn(ln1(x)), then x + mlp(ln2(x))), causal multi-head self-attention,
a GELU (tanh form) feed-forward layer four times as wide, learned position embeddings, a final
LayerNorm and an untied output matrix. `forward()` is the reference the page's engine
(docs/javascripts/figures/tiny-lm.js) is tested against; `loss_and_grads()` is what
scripts/atlas_tools/train_tinylm.py trains with (the gradients are written out by hand and
checked against finite differences in tests/source/test_tinylm.py).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

LN_EPS = 1e-5
GELU_C = math.sqrt(2 / math.pi)


@dataclass(frozen=True)
class Config:
    vocab: int
    context: int = 32
    d_model: int = 96
    heads: int = 4
    layers: int = 2
    d_ff: int = 384

    def as_dict(self) -> dict:
        return asdict(self)


def shapes(cfg: Config) -> dict[str, tuple[int, ...]]:
    """Every parameter's name and shape, in the order the weight files store them."""
    d, f = cfg.d_model, cfg.d_ff
    out: dict[str, tuple[int, ...]] = {"tok_emb": (cfg.vocab, d), "pos_emb": (cfg.context, d)}
    for i in range(cfg.layers):
        out |= {f"l{i}.ln1_g": (d,), f"l{i}.ln1_b": (d,), f"l{i}.w_qkv": (d, 3 * d), f"l{i}.b_qkv": (3 * d,),
                f"l{i}.w_o": (d, d), f"l{i}.b_o": (d,), f"l{i}.ln2_g": (d,), f"l{i}.ln2_b": (d,),
                f"l{i}.w_fc": (d, f), f"l{i}.b_fc": (f,), f"l{i}.w_proj": (f, d), f"l{i}.b_proj": (d,)}
    out |= {"lnf_g": (d,), "lnf_b": (d,), "w_out": (d, cfg.vocab)}
    return out


def count(cfg: Config) -> int:
    return sum(math.prod(s) for s in shapes(cfg).values())


def init(cfg: Config, seed: int, dtype=np.float32) -> dict[str, np.ndarray]:
    """GPT-2's initialisation: N(0, 0.02), residual projections scaled by 1/sqrt(2 * layers)."""
    rng = np.random.default_rng(seed)
    p = {}
    for name, shape in shapes(cfg).items():
        short = name.split(".")[-1]
        if short.endswith("_g"):
            p[name] = np.ones(shape)
        elif short.startswith("b_") or short.endswith("_b"):
            p[name] = np.zeros(shape)
        else:
            std = 0.02 / math.sqrt(2 * cfg.layers) if short in ("w_o", "w_proj") else 0.02
            p[name] = rng.normal(0, std, shape)
    return {k: v.astype(dtype) for k, v in p.items()}


# --- pieces, each with its backward ----------------------------------------------------------------


def layer_norm(x, g, b):
    mu = x.mean(-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(-1, keepdims=True)
    rstd = 1.0 / np.sqrt(var + LN_EPS)
    xhat = xc * rstd
    return xhat * g + b, (xhat, rstd, g)


def layer_norm_back(dy, cache):
    xhat, rstd, g = cache
    dg = (dy * xhat).reshape(-1, xhat.shape[-1]).sum(0)
    db = dy.reshape(-1, dy.shape[-1]).sum(0)
    dxhat = dy * g
    dx = rstd * (dxhat - dxhat.mean(-1, keepdims=True) - xhat * (dxhat * xhat).mean(-1, keepdims=True))
    return dx, dg, db


def gelu(x):
    t = np.tanh(GELU_C * (x + 0.044715 * x**3))
    return 0.5 * x * (1 + t), t


def gelu_back(dy, x, t):
    dt = GELU_C * (1 + 3 * 0.044715 * x * x)
    return dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * dt)


def softmax(z, axis=-1):
    z = z - z.max(axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis, keepdims=True)


# --- the model ---------------------------------------------------------------------------------------


def forward(p: dict[str, np.ndarray], cfg: Config, ids: np.ndarray, keep: bool = False):
    """ids (B, T) or (T,) of token ids, T <= context. Returns logits (B, T, V) and the attention
    weights [layer] (B, heads, T, T); with keep=True also what backward() needs."""
    single = ids.ndim == 1
    ids = ids[None] if single else ids
    B, T = ids.shape
    H, d = cfg.heads, cfg.d_model
    dh = d // H
    x = p["tok_emb"][ids] + p["pos_emb"][:T]
    mask = np.triu(np.ones((T, T), dtype=bool), 1)
    caches, attns = [], []
    for i in range(cfg.layers):
        c = {}
        h1, c["ln1"] = layer_norm(x, p[f"l{i}.ln1_g"], p[f"l{i}.ln1_b"])
        qkv = h1 @ p[f"l{i}.w_qkv"] + p[f"l{i}.b_qkv"]
        q, k, v = (qkv[..., j * d:(j + 1) * d].reshape(B, T, H, dh).transpose(0, 2, 1, 3) for j in range(3))
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(dh)
        s = np.where(mask, -np.inf, s)
        a = softmax(s)
        o = (a @ v).transpose(0, 2, 1, 3).reshape(B, T, d)
        x = x + o @ p[f"l{i}.w_o"] + p[f"l{i}.b_o"]
        h2, c["ln2"] = layer_norm(x, p[f"l{i}.ln2_g"], p[f"l{i}.ln2_b"])
        u = h2 @ p[f"l{i}.w_fc"] + p[f"l{i}.b_fc"]
        g, t = gelu(u)
        x = x + g @ p[f"l{i}.w_proj"] + p[f"l{i}.b_proj"]
        c.update(h1=h1, q=q, k=k, v=v, a=a, o=o, h2=h2, u=u, g=g, t=t)
        caches.append(c)
        attns.append(a[0] if single else a)
    hf, lnf = layer_norm(x, p["lnf_g"], p["lnf_b"])
    logits = hf @ p["w_out"]
    if single:
        logits = logits[0]
    if keep:
        return logits, attns, (ids, caches, hf, lnf)
    return logits, attns


def loss_and_grads(p: dict[str, np.ndarray], cfg: Config, inputs: np.ndarray, targets: np.ndarray):
    """Mean cross-entropy of `targets` (B, T) given `inputs` (B, T), and its gradient for every parameter."""
    logits, _, (ids, caches, hf, lnf) = forward(p, cfg, inputs, keep=True)
    B, T, V = logits.shape
    H, d = cfg.heads, cfg.d_model
    dh = d // H
    probs = softmax(logits)
    n = B * T
    picked = probs.reshape(n, V)[np.arange(n), targets.reshape(n)]
    loss = float(-np.log(picked).mean())

    grads = {}
    dlogits = probs
    dlogits.reshape(n, V)[np.arange(n), targets.reshape(n)] -= 1
    dlogits /= n
    grads["w_out"] = hf.reshape(n, d).T @ dlogits.reshape(n, V)
    dx, grads["lnf_g"], grads["lnf_b"] = layer_norm_back(dlogits @ p["w_out"].T, lnf)
    for i in reversed(range(cfg.layers)):
        c = caches[i]
        # MLP
        grads[f"l{i}.b_proj"] = dx.reshape(n, d).sum(0)
        grads[f"l{i}.w_proj"] = c["g"].reshape(n, -1).T @ dx.reshape(n, d)
        du = gelu_back(dx @ p[f"l{i}.w_proj"].T, c["u"], c["t"])
        grads[f"l{i}.b_fc"] = du.reshape(n, -1).sum(0)
        grads[f"l{i}.w_fc"] = c["h2"].reshape(n, d).T @ du.reshape(n, -1)
        dh2 = du @ p[f"l{i}.w_fc"].T
        d_ln, grads[f"l{i}.ln2_g"], grads[f"l{i}.ln2_b"] = layer_norm_back(dh2, c["ln2"])
        dx = dx + d_ln
        # attention
        grads[f"l{i}.b_o"] = dx.reshape(n, d).sum(0)
        grads[f"l{i}.w_o"] = c["o"].reshape(n, d).T @ dx.reshape(n, d)
        do = (dx @ p[f"l{i}.w_o"].T).reshape(B, T, H, dh).transpose(0, 2, 1, 3)
        a, q, k, v = c["a"], c["q"], c["k"], c["v"]
        da = do @ v.transpose(0, 1, 3, 2)
        dv = a.transpose(0, 1, 3, 2) @ do
        ds = a * (da - (da * a).sum(-1, keepdims=True)) / math.sqrt(dh)
        dq = ds @ k
        dk = ds.transpose(0, 1, 3, 2) @ q
        dqkv = np.concatenate([t.transpose(0, 2, 1, 3).reshape(B, T, d) for t in (dq, dk, dv)], -1)
        grads[f"l{i}.b_qkv"] = dqkv.reshape(n, -1).sum(0)
        grads[f"l{i}.w_qkv"] = c["h1"].reshape(n, d).T @ dqkv.reshape(n, -1)
        dh1 = dqkv @ p[f"l{i}.w_qkv"].T
        d_ln, grads[f"l{i}.ln1_g"], grads[f"l{i}.ln1_b"] = layer_norm_back(dh1, c["ln1"])
        dx = dx + d_ln
    grads["pos_emb"] = np.zeros_like(p["pos_emb"])
    grads["pos_emb"][:T] = dx.sum(0)
    grads["tok_emb"] = np.zeros_like(p["tok_emb"])
    np.add.at(grads["tok_emb"], ids.reshape(n), dx.reshape(n, d))
    return loss, grads


def next_token_probs(p, cfg: Config, ids: list[int]) -> tuple[np.ndarray, list[np.ndarray]]:
    """The reference the browser is tested against: float64 probabilities after the last token of
    `ids` (cropped to `<bos>` plus the last context-1 tokens) and every layer's attention (heads, T, T)."""
    ids = crop(ids, cfg.context)
    logits, attns = forward(p, cfg, np.asarray(ids))
    return softmax(logits[-1].astype(np.float64)), attns


def crop(ids: list[int], context: int) -> list[int]:
    """Keep `<bos>` (id 0) and the latest tokens: the model sees at most `context` tokens."""
    return list(ids) if len(ids) <= context else [ids[0], *ids[len(ids) - context + 1:]]
