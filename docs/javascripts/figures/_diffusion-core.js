/* GenAI Atlas: the diffusion lab's math (concepts/diffusion-models/#diffusion-lab), no DOM.
   The twin of scripts/atlas_build/lab/diffusion.py, operation for operation in float64, from the
   same seeded generator (_lab.js rng), so tests/source/test_lab_diffusion.py can compare every
   sampling step with the NumPy reference:
   - schedule(name): beta_t and alpha_bar_t, linear (Ho et al., 2020) or cosine (Nichol & Dhariwal, 2021);
   - forwardPixels(): the closed form x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps on a picture;
   - epsilon(): the noise-prediction MLP eps_theta(x_t, t, c) on the committed weights;
   - sample(): DDPM (ancestral) or DDIM (eta = 0) on a subsequence of the T steps, with
     classifier-free guidance eps = eps_uncond + w (eps_cond - eps_uncond);
   - measures(): distance to the data, share on the asked class, spread. */
import { rng } from "./_lab.js";
import { addProducts } from "./_matmul.js";

export const T = 1000;
export const SCHEDULES = ["linear", "cosine"];
export const SAMPLERS = ["ddpm", "ddim"];
export const STEP_CHOICES = [2, 5, 10, 20, 50, 100, 250, 1000];
export const NULL = 2;
export const CLIP = 2;
const FREQS = [1, 2, 4, 8, 16, 32];
const IN_DIM = 2 + 2 * FREQS.length + 3;
const COSINE_S = 0.008;
const MAX_BETA = 0.999;
const NOISE = 0.06;
const SCALE = 0.8;

const schedules = new Map();
/** { betas, abars }: Float64Array(T), index t - 1. */
export function schedule(name) {
  if (schedules.has(name)) return schedules.get(name);
  const betas = new Float64Array(T);
  if (name === "linear") {
    const step = (0.02 - 1e-4) / (T - 1);   // numpy.linspace(1e-4, 0.02, T)
    for (let i = 0; i < T; i++) betas[i] = i * step + 1e-4;
    betas[T - 1] = 0.02;
  } else if (name === "cosine") {
    const f = (t) => Math.cos(((t / T + COSINE_S) / (1 + COSINE_S) * Math.PI) / 2) ** 2;
    for (let t = 1; t <= T; t++) betas[t - 1] = Math.min(1 - f(t) / f(t - 1), MAX_BETA);
  } else throw new Error(`unknown schedule ${name}`);
  const abars = new Float64Array(T);
  let prod = 1;
  for (let i = 0; i < T; i++) {
    prod *= 1 - betas[i];
    abars[i] = prod;
  }
  const s = { betas, abars };
  schedules.set(name, s);
  return s;
}

/** The two moons of the reference: n points, classes alternating 0, 1; points as [x0, y0, x1, ...]. */
export function moons(r, n) {
  const points = new Float64Array(2 * n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const theta = Math.PI * r.uniform();
    let x = c === 0 ? Math.cos(theta) : 1 - Math.cos(theta);
    let y = c === 0 ? Math.sin(theta) : 0.5 - Math.sin(theta);
    x += NOISE * r.normal();
    y += NOISE * r.normal();
    points[2 * i] = (x - 0.5) * SCALE;
    points[2 * i + 1] = (y - 0.25) * SCALE;
    labels[i] = c;
  }
  return { points, labels };
}

/** x_t of a picture's values x0 (in [-1, 1]) with the noise eps: the chapter's closed form. */
export function forwardPixels(x0, eps, abar, out = new Float64Array(x0.length)) {
  const a = Math.sqrt(abar);
  const b = Math.sqrt(1 - abar);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + b * eps[i];
  return out;
}

/** The weights as shipped (model.json's layout: float32 per-column scales and biases, int8
    matrices), widened to float64: weight = q * scale[column], as atlas_build.lab.diffusion does. */
export function parseNet(buffer, layout) {
  const net = {};
  let end = 0;
  for (const { name, shape, f32, i8 } of layout) {
    const cols = shape[shape.length - 1];
    const values = new Float32Array(buffer, f32, cols);
    if (i8 === null) {
      net[name] = Float64Array.from(values);
      continue;
    }
    const rows = shape[0];
    const q = new Int8Array(buffer, i8, rows * cols);
    const w = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) w[i * cols + j] = q[i * cols + j] * values[j];
    net[name] = w;
    end = Math.max(end, i8 + rows * cols);
  }
  if (end !== buffer.byteLength) throw new Error(`weights: ${buffer.byteLength} bytes, the layout needs ${end}`);
  net.hidden = net.b1.length;
  return net;
}

function dense(x, n, inDim, W, b, outDim, act) {
  const y = addProducts(new Float64Array(n * outDim), x, n, inDim, W, outDim);
  for (let m = 0; m < n * outDim; m++) {
    const z = y[m] + b[m % outDim];
    y[m] = act ? z / (1 + Math.exp(-z)) : z;
  }
  return y;
}

/** eps_theta(x_t, t, c) for n points at one timestep t and one label (NULL: the empty condition). */
export function epsilon(net, x, n, t, label) {
  const f = new Float64Array(n * IN_DIM);
  const u = t / T;
  for (let k = 0; k < n; k++) {
    const o = k * IN_DIM;
    f[o] = x[2 * k];
    f[o + 1] = x[2 * k + 1];
    for (let j = 0; j < FREQS.length; j++) {
      const ang = Math.PI * u * FREQS[j];
      f[o + 2 + j] = Math.sin(ang);
      f[o + 2 + FREQS.length + j] = Math.cos(ang);
    }
    f[o + 2 + 2 * FREQS.length + label] = 1;
  }
  const H = net.hidden;
  const h1 = dense(f, n, IN_DIM, net.w1, net.b1, H, true);
  const h2 = dense(h1, n, H, net.w2, net.b2, H, true);
  return dense(h2, n, H, net.w3, net.b3, 2, false);
}

/** The chapter's #guidance: eps_uncond + w (eps_cond - eps_uncond); one pass when it can be. */
export function guidedEps(net, x, n, t, label, w) {
  if (label === NULL || w === 0) return epsilon(net, x, n, t, NULL);
  const cond = epsilon(net, x, n, t, label);
  if (w === 1) return cond;
  const unc = epsilon(net, x, n, t, NULL);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) out[i] = unc[i] + w * (cond[i] - unc[i]);
  return out;
}

/** The timesteps a sampler with `steps` steps visits: T, T - T/steps, ..., T/steps. */
export function timesteps(steps) {
  if (!STEP_CHOICES.includes(steps)) throw new Error(`steps must be one of ${STEP_CHOICES}`);
  const stride = T / steps;
  return Array.from({ length: steps }, (_, i) => T - i * stride);
}

/** A sampling run one step at a time: start() gives x_T (from rng(seed)); each next() does one step
    and returns { i, t, x, x0 } (x after the step, x0 the predicted clean points), or null at the end. */
export function sampler(net, { schedule: sched, sampler: kind, steps, n, seed, label = NULL, w = 1 }) {
  if (!SAMPLERS.includes(kind)) throw new Error(`unknown sampler ${kind}`);
  const { abars } = schedule(sched);
  const r = rng(seed);
  const ts = timesteps(steps);
  let x = Float64Array.from(r.normals(2 * n));
  let i = 0;
  return {
    ts,
    x0: x,
    next() {
      if (i >= ts.length) return null;
      const t = ts[i];
      const tPrev = i + 1 < ts.length ? ts[i + 1] : 0;
      const ab = abars[t - 1];
      const abPrev = tPrev > 0 ? abars[tPrev - 1] : 1;
      const eps = guidedEps(net, x, n, t, label, w);
      const sa = Math.sqrt(ab);
      const sb = Math.sqrt(1 - ab);
      const x0 = new Float64Array(2 * n);
      for (let k = 0; k < 2 * n; k++) x0[k] = Math.min(Math.max((x[k] - sb * eps[k]) / sa, -CLIP), CLIP);
      const next = new Float64Array(2 * n);
      if (kind === "ddim") {
        const a = Math.sqrt(abPrev);
        const b = Math.sqrt(1 - abPrev);
        for (let k = 0; k < 2 * n; k++) next[k] = a * x0[k] + b * ((x[k] - sa * x0[k]) / sb);
      } else {
        const alpha = ab / abPrev;
        const beta = 1 - alpha;
        const c0 = (Math.sqrt(abPrev) * beta) / (1 - ab);
        const ct = (Math.sqrt(alpha) * (1 - abPrev)) / (1 - ab);
        for (let k = 0; k < 2 * n; k++) next[k] = c0 * x0[k] + ct * x[k];
        if (tPrev > 0) {
          const sigma = Math.sqrt((beta * (1 - abPrev)) / (1 - ab));
          const z = r.normals(2 * n);
          for (let k = 0; k < 2 * n; k++) next[k] = next[k] + sigma * z[k];
        }
      }
      x = next;
      i += 1;
      return { i, t, x, x0 };
    },
  };
}

/** The whole run: { ts, xs: [x_T, after step 1, ...], x0s: [x0_hat at step 1, ...] }. */
export function sample(net, opts) {
  const s = sampler(net, opts);
  const xs = [s.x0];
  const x0s = [];
  for (let r = s.next(); r; r = s.next()) {
    xs.push(r.x);
    x0s.push(r.x0);
  }
  return { ts: s.ts, xs, x0s };
}

function nearestDistances(pts, data, labels, keep) {
  const n = pts.length / 2;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let best = Infinity;
    for (let j = 0; j < labels.length; j++) {
      if (!keep(labels[j])) continue;
      const dx = pts[2 * k] - data[2 * j];
      const dy = pts[2 * k + 1] - data[2 * j + 1];
      const d2 = dx * dx + dy * dy;
      if (d2 < best) best = d2;
    }
    out[k] = Math.sqrt(best);
  }
  return out;
}

/** distance: mean distance to the nearest data point (of the class asked for, or of all); spread:
    root mean square distance to the points' centre; onClass: share nearer to the class asked for. */
export function measures(pts, data, labels, label) {
  const n = pts.length / 2;
  const mine = nearestDistances(pts, data, labels, (c) => label === NULL || c === label);
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += pts[2 * k];
    my += pts[2 * k + 1];
  }
  mx /= n;
  my /= n;
  let ss = 0;
  let dist = 0;
  for (let k = 0; k < n; k++) {
    ss += (pts[2 * k] - mx) ** 2 + (pts[2 * k + 1] - my) ** 2;
    dist += mine[k];
  }
  const out = { distance: dist / n, spread: Math.sqrt(ss / n) };
  if (label !== NULL) {
    const other = nearestDistances(pts, data, labels, (c) => c !== label);
    let on = 0;
    for (let k = 0; k < n; k++) if (mine[k] < other[k]) on += 1;
    out.onClass = on / n;
  }
  return out;
}

/** For make bench: one guided sampling step (two network passes) on 200 points, on weights of the
    shipped shape (96 hidden units) drawn from the lab's generator. */
export function benchmark() {
  const r = rng(1);
  const H = 96;
  const net = { hidden: H };
  for (const [name, size] of [["w1", IN_DIM * H], ["b1", H], ["w2", H * H], ["b2", H], ["w3", H * 2], ["b3", 2]]) {
    net[name] = Float64Array.from(r.normals(size), (v) => v * 0.2);
  }
  const start = () => sampler(net, { schedule: "linear", sampler: "ddpm", steps: 1000, n: 200, seed: 2, label: 0, w: 3 });
  let s = start();
  return {
    operation: "one sampling step",
    run: () => {
      if (!s.next()) s = start();
    },
  };
}
