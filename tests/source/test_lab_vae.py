"""The latent explorer's VAE (concepts/vaes/#latent-explorer): the NumPy reference
(atlas_build/lab/vae.py) is right, the committed weights do what the page says, and the browser's
core (docs/javascripts/figures/_vae-core.js, run in node) computes the same numbers.

Parity tolerance: 1e-12 on every decoded pixel probability (a 9 x 9 grid of z over [-4, 4]^2,
each model), on the encoder's mu and log sigma^2, and on z = mu + sigma * eps for the same seed.
Both sides compute in float64 on the same dequantized weights; only the summation order inside
NumPy's matrix products may differ, which moves the last bits.
"""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest

from atlas_build.examples import vaes_lab
from atlas_build.lab import vae
from atlas_build.lab.rng import Rng
from atlas_tools import train_vae
from sitemap import ROOT

CORE = ROOT / "docs" / "javascripts" / "figures" / "_vae-core.js"
TOL = 1e-12


def node(script: str) -> object:
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


@pytest.fixture(scope="session")
def man():
    return vae.manifest()


@pytest.fixture(scope="session")
def digits():
    return vae.digits()


def test_the_hand_written_gradient_matches_finite_differences(digits):
    x = digits[0][:7]
    params = vae.init(3, x.mean(0))
    rng = np.random.default_rng(0)   # perturb away from the initial zeros, so every path carries gradient
    params = {k: v + 0.3 * rng.standard_normal(v.shape) for k, v in params.items()}
    eps = np.array(Rng(4).normals(7 * 2)).reshape(7, 2)
    for beta in (0.1, 1.0, 8.0):
        _, grads = vae.loss_and_grads(params, x, eps, beta)
        for name, g in grads.items():
            flat = [tuple(i) for i in np.ndindex(g.shape)]
            for idx in [flat[k] for k in np.random.default_rng(len(name)).choice(len(flat), min(12, len(flat)), replace=False)]:
                h = 1e-6
                plus = {k: v.copy() for k, v in params.items()}
                minus = {k: v.copy() for k, v in params.items()}
                plus[name][idx] += h
                minus[name][idx] -= h
                numeric = (vae.loss(plus, x, eps, beta) - vae.loss(minus, x, eps, beta)) / (2 * h)
                assert abs(numeric - g[idx]) <= 1e-6 * max(1.0, abs(numeric)), f"beta {beta}: d loss / d {name}{idx}: {g[idx]} by hand, {numeric} numerically"


def test_the_loss_is_the_negative_beta_elbo(digits):
    """Reconstruction by the Bernoulli log-likelihood written out, KL by the chapter's closed form."""
    x = digits[0][:5]
    params = vae.init(9, x.mean(0))
    eps = np.array(Rng(2).normals(10)).reshape(5, 2)
    mu, logvar = vae.encode(params, x)
    z = mu + np.exp(logvar / 2) * eps
    p = vae.decode(params, z)
    rec = -(x * np.log(p) + (1 - x) * np.log(1 - p)).sum(1)
    klt = (0.5 * (mu**2 + np.exp(logvar) - 1 - logvar)).sum(1)
    assert vae.loss(params, x, eps, 2.5) == pytest.approx(float(np.mean(rec + 2.5 * klt)), rel=1e-12)


def test_training_is_seeded_and_lowers_the_loss(digits):
    x = digits[0][:300]
    a, curve_a = train_vae.train(1.0, x, epochs=4, log=None)
    b, curve_b = train_vae.train(1.0, x, epochs=4, log=None)
    assert vae.pack(a) == vae.pack(b) and curve_a == curve_b
    assert curve_a[-1] < curve_a[0]


def test_the_committed_files_match_their_checksums():
    listed = {}
    for line in (vae.DIR / vae.SUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ")
        listed[name] = digest
    present = {p.name for p in vae.DIR.iterdir() if p.is_file() and p.name != vae.SUMS}
    assert set(listed) == present
    for name, digest in listed.items():
        assert vae.sha256(vae.DIR / name) == digest, f"{name} differs from SHA256SUMS: run `make train-vae` or restore it"


def test_the_committed_models_do_what_the_page_says(man, digits):
    x, _ = digits
    train_idx, held_idx = train_vae.split()
    assert not set(train_idx) & set(held_idx) and len(held_idx) == man["training"]["heldout_images"]
    eps = np.array(Rng(train_vae.EVAL_SEED).normals(len(held_idx) * 2)).reshape(-1, 2)
    plane = man["codes"]["indices"]
    assert set(plane) <= set(train_idx) and set(man["samples"]["indices"]) <= set(train_idx)
    got = {}
    for entry in man["models"]:
        m = vae.measure(vae.load(entry["beta"]), x[held_idx], eps, float(entry["beta"]), x[plane])
        for key, value in m.items():
            assert value == pytest.approx(entry["metrics"][key], abs=1e-3), f"beta {entry['beta']}: {key}"
        got[entry["beta"]] = m
    low, one, high = got["0.1"], got["1"], got["8"]
    # sharper reconstructions with less weight on the KL term ...
    assert low["mse"] < one["mse"] < high["mse"] and low["reconstruction_bce"] < one["reconstruction_bce"]
    # ... but the codes leave more of the prior uncovered
    assert one["fill"] > 0.9 > 0.7 > low["fill"]
    # posterior collapse at beta = 8: KL near 0, sigma near 1, decodings that ignore z (the average digit)
    assert high["kl"] < 0.01 and all(abs(s - 1) < 0.01 for s in high["sigma_mean"])
    assert high["decoder_spread"] < 0.1 * one["decoder_spread"]
    assert abs(high["mse"] - high["mse_mean_image"]) < 0.01 * high["mse_mean_image"]
    # and the healthy models use both latent dimensions
    assert min(low["kl_per_dim"] + one["kl_per_dim"]) > 0.5


def test_the_plane_holds_the_encoded_means_of_the_listed_images(man, digits):
    x, labels = digits
    got_labels, codes = vae.codes()
    plane = man["codes"]["indices"]
    assert list(got_labels) == list(labels[plane]) and len(plane) == 500
    assert sorted(np.bincount(got_labels)) == [50] * 10
    for beta, xy in codes.items():
        mu, _ = vae.encode(vae.load(beta), x[plane])
        assert np.abs(xy - mu).max() <= 0.5 / vae.CODE_SCALE + 1e-12
    assert man["samples"]["pixels"] == [[int(v) for v in np.rint(x[i] * 16)] for i in man["samples"]["indices"]]


def test_browser_core_matches_the_reference(man):
    grid = vae.z_grid(9, 4.0)
    seeds = [1, 2, 17, 123456]
    js = node(
        f"""import {{ unpack, decode, encode, sample, readCodes, benchmark }} from {json.dumps(CORE.as_uri())};
        import {{ readFileSync }} from "node:fs";
        const dir = {json.dumps(str(vae.DIR))} + "/";
        const buf = (n) => {{ const b = readFileSync(dir + n); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }};
        const man = JSON.parse(readFileSync(dir + "model.json", "utf8"));
        const grid = {json.dumps(grid.tolist())};
        const seeds = {json.dumps(seeds)};
        const out = {{ models: {{}}, codes: readCodes(buf(man.codes.file), man) }};
        for (const m of man.models) {{
          const w = unpack(buf(m.file), man.layout);
          const images = man.samples.pixels.map((r) => r.map((v) => v / 16));
          out.models[m.beta] = {{
            decoded: grid.map((z) => Array.from(decode(w, z))),
            encoded: images.map((x) => encode(w, x)),
            sampled: images.slice(0, 6).flatMap((x) => seeds.map((s) => sample(w, x, s))),
          }};
        }}
        const b = benchmark();
        b.run(); b.run();
        out.bench = b.operation;
        out.codes.codes = Object.fromEntries(Object.entries(out.codes.codes).map(([k, v]) => [k, Array.from(v)]));
        console.log(JSON.stringify(out));"""
    )
    images = np.array(man["samples"]["pixels"], dtype=np.float64) / 16
    worst = 0.0
    for entry in man["models"]:
        beta = entry["beta"]
        params = vae.load(beta)
        got = js["models"][beta]
        worst = max(worst, float(np.abs(np.array(got["decoded"]) - vae.decode(params, grid)).max()))
        mu, logvar = vae.encode(params, images)
        assert np.abs(np.array([e["mu"] for e in got["encoded"]]) - mu).max() <= TOL
        assert np.abs(np.array([e["logvar"] for e in got["encoded"]]) - logvar).max() <= TOL
        k = 0
        for i in range(6):
            for s in seeds:
                eps = np.array(Rng(s).normals(2))
                z = vae.reparameterize(mu[i], logvar[i], eps)
                assert np.abs(np.array(got["sampled"][k]["eps"]) - eps).max() <= 1e-15   # Math.sin/cos vs libm: last bit
                assert np.abs(np.array(got["sampled"][k]["z"]) - z).max() <= TOL, f"beta {beta}, image {i}, seed {s}"
                k += 1
    assert worst <= TOL, f"decoded pixels differ by {worst}"
    labels, codes = vae.codes()
    assert js["codes"]["labels"] == labels.tolist()
    for beta, xy in codes.items():
        assert np.abs(np.array(js["codes"]["codes"][beta]).reshape(-1, 2) - xy).max() <= 1e-15
    assert js["bench"].startswith("one sampling step")


def test_the_figure_shows_the_committed_numbers(man):
    html = vaes_lab.render()
    for entry in man["models"]:
        m = entry["metrics"]
        assert f"{m['mse']:.4f}" in html and f"{m['kl']:.3f}" in html and f"{100 * m['fill']:.0f} %" in html
    svg = vaes_lab.pictures()[vaes_lab.PICTURE]
    assert svg.count("<text") > 3 * 500 and 'role="img"' in svg


def test_the_figure_weighs_at_most_80_kib_gzip():
    import gzip

    files = [CORE, CORE.with_name("latent-explorer.js"), *(p for p in vae.DIR.iterdir() if p.name != vae.SUMS)]
    total = sum(len(gzip.compress(p.read_bytes(), 6)) for p in files)
    assert total <= 80 * 1024, f"{total / 1024:.1f} KiB gzip"
