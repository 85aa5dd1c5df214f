/* The tiny language model, in the reader's browser (concepts/large-language-models/#tiny-model).
   A GPT-style decoder-only transformer trained by this project (make train-tinylm,
   scripts/atlas_tools/train_tinylm.py) on sentences of a small grammar. This file is its whole
   engine: the word tokenizer, the forward pass in Float64 on the dequantized int8 weights (the
   same numbers as the NumPy reference, scripts/atlas_build/tinylm/model.py; a test compares the
   two on 60 prompts), temperature, top-k and top-p, and seeded sampling. The weights (one file
   per checkpoint, about 230 KiB gzip) are fetched from this site when the reader first uses the
   figure, never on page load. Without scripts the page shows the build's precomputed example. */
import { addProducts } from "./_matmul.js";
import { h, listener, liveRegion, newId, readData } from "./_shared.js";

export const BASE = new URL("../../assets/models/tinylm/", import.meta.url);
const LN_EPS = 1e-5;
const GELU_C = Math.sqrt(2 / Math.PI);
let manifestPromise = null;
const checkpoints = new Map();   // step -> Promise of a model

/** model.json: configuration, vocabulary, tensor layout, checkpoints and loss curve. */
export function loadManifest() {
  if (!manifestPromise) {
    manifestPromise = fetch(new URL("model.json", BASE)).then((r) => {
      if (!r.ok) throw new Error(`model.json: HTTP ${r.status}`);
      return r.json();
    });
    manifestPromise.catch(() => { manifestPromise = null; });
  }
  return manifestPromise;
}

/** One checkpoint's weights, dequantized to Float64 (int8 × its row's float32 scale). */
export function loadCheckpoint(step) {
  if (!checkpoints.has(step)) {
    const p = loadManifest().then(async (man) => {
      const ck = man.checkpoints.find((c) => c.step === step);
      if (!ck) throw new Error(`no checkpoint at step ${step}`);
      const r = await fetch(new URL(ck.file, BASE));
      if (!r.ok) throw new Error(`${ck.file}: HTTP ${r.status}`);
      const buf = await r.arrayBuffer();
      const w = {};
      for (const [name, spec] of Object.entries(man.layout)) {
        const [rows, cols] = spec.shape;
        const f32 = new Float32Array(buf, spec.f32, rows);
        if (spec.i8 === null) { w[name] = Float64Array.from(f32); continue; }
        const q = new Int8Array(buf, spec.i8, rows * cols);
        const out = new Float64Array(rows * cols);
        for (let i = 0; i < rows; i++) {
          const s = f32[i];
          for (let j = 0; j < cols; j++) out[i * cols + j] = q[i * cols + j] * s;
        }
        w[name] = out;
      }
      const model = { man, cfg: man.config, w, step };
      // One 8-token pass as part of loading, so V8 has compiled the loops before the reader's first
      // prediction (cold, that prediction took 2 to 3 times as long as a warm one). run() is pure.
      run(model, new Array(8).fill(0));
      return model;
    });
    checkpoints.set(step, p);
    p.catch(() => checkpoints.delete(step));
  }
  return checkpoints.get(step);
}

/** The tokenizer of atlas_build/tinylm/tokenizer.py: lower-case, letters runs and single other
    characters, `<unk>` for what the vocabulary lacks, `<bos>` first. */
export function tokenize(text, man) {
  const index = new Map(man.vocab.map((w, i) => [w, i]));
  const pieces = text.toLowerCase().match(/[a-z]+|[^\sa-z]/g) || [];
  return [{ piece: man.vocab[man.bos], id: man.bos, unk: false }].concat(
    pieces.map((p) => (index.has(p) ? { piece: p, id: index.get(p), unk: false } : { piece: p, id: man.unk, unk: true })));
}

/** `<bos>` and the latest tokens: the model sees at most `context` tokens (model.py crop()). */
export function crop(ids, context) {
  return ids.length <= context ? ids.slice() : [ids[0], ...ids.slice(ids.length - context + 1)];
}

function matmul(x, rows, inDim, W, b, outDim) {
  const y = new Float64Array(rows * outDim);
  if (b) for (let t = 0; t < rows; t++) y.set(b, t * outDim);
  return addProducts(y, x, rows, inDim, W, outDim);
}

function layerNorm(x, rows, d, g, b) {
  const y = new Float64Array(rows * d);
  for (let t = 0; t < rows; t++) {
    let mu = 0;
    for (let i = 0; i < d; i++) mu += x[t * d + i];
    mu /= d;
    let v = 0;
    for (let i = 0; i < d; i++) { const c = x[t * d + i] - mu; v += c * c; }
    const r = 1 / Math.sqrt(v / d + LN_EPS);
    for (let i = 0; i < d; i++) y[t * d + i] = (x[t * d + i] - mu) * r * g[i] + b[i];
  }
  return y;
}

/** The forward pass: next-token logits after the last token, and every layer's attention
    weights, attn[layer][head][query][key] (zero above the diagonal: the causal mask). */
export function run(model, inputIds) {
  const { cfg, w } = model;
  const ids = crop(inputIds, cfg.context);
  const T = ids.length;
  const d = cfg.d_model;
  const H = cfg.heads;
  const dh = d / H;
  const F = cfg.d_ff;
  let x = new Float64Array(T * d);
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < d; i++) x[t * d + i] = w.tok_emb[ids[t] * d + i] + w.pos_emb[t * d + i];
  }
  const attn = [];
  for (let l = 0; l < cfg.layers; l++) {
    const p = (n) => w[`l${l}.${n}`];
    const last = l === cfg.layers - 1;   // its output is needed at the last position only
    const h1 = layerNorm(x, T, d, p("ln1_g"), p("ln1_b"));
    const qkv = matmul(h1, T, d, p("w_qkv"), p("b_qkv"), 3 * d);
    const o = new Float64Array(T * d);
    const heads = [];
    const scale = 1 / Math.sqrt(dh);
    for (let hd = 0; hd < H; hd++) {
      const rows = [];
      for (let t = 0; t < T; t++) {
        const row = new Array(T).fill(0);
        let max = -Infinity;
        for (let j = 0; j <= t; j++) {
          let s = 0;
          for (let c = 0; c < dh; c++) s += qkv[t * 3 * d + hd * dh + c] * qkv[j * 3 * d + d + hd * dh + c];
          row[j] = s * scale;
          if (row[j] > max) max = row[j];
        }
        let z = 0;
        for (let j = 0; j <= t; j++) { row[j] = Math.exp(row[j] - max); z += row[j]; }
        for (let j = 0; j <= t; j++) row[j] /= z;
        rows.push(row);
        if (last && t !== T - 1) continue;
        for (let j = 0; j <= t; j++) {
          const a = row[j];
          for (let c = 0; c < dh; c++) o[t * d + hd * dh + c] += a * qkv[j * 3 * d + 2 * d + hd * dh + c];
        }
      }
      heads.push(rows);
    }
    attn.push(heads);
    if (last) {   // keep only the last position from here on
      x = x.slice((T - 1) * d, T * d);
      const oLast = o.slice((T - 1) * d, T * d);
      const a = matmul(oLast, 1, d, p("w_o"), p("b_o"), d);
      for (let i = 0; i < d; i++) x[i] += a[i];
    } else {
      const a = matmul(o, T, d, p("w_o"), p("b_o"), d);
      for (let i = 0; i < T * d; i++) x[i] += a[i];
    }
    const rows = last ? 1 : T;
    const h2 = layerNorm(x, rows, d, p("ln2_g"), p("ln2_b"));
    const u = matmul(h2, rows, d, p("w_fc"), p("b_fc"), F);
    for (let i = 0; i < u.length; i++) {
      const v = u[i];
      u[i] = 0.5 * v * (1 + Math.tanh(GELU_C * (v + 0.044715 * v * v * v)));
    }
    const m = matmul(u, rows, F, p("w_proj"), p("b_proj"), d);
    for (let i = 0; i < x.length; i++) x[i] += m[i];
  }
  const hf = layerNorm(x.slice(x.length - d), 1, d, w.lnf_g, w.lnf_b);
  const logits = matmul(hf, 1, d, w.w_out, null, cfg.vocab);
  return { ids, logits, probs: softmax(logits, 1), attn };
}

/** The page's softmax with temperature: p_i = exp(z_i / T) / Σ_j exp(z_j / T). */
export function softmax(logits, temperature) {
  let max = -Infinity;
  for (const z of logits) if (z / temperature > max) max = z / temperature;
  const p = Array.from(logits, (z) => Math.exp(z / temperature - max));
  const sum = p.reduce((a, b) => a + b, 0);
  return p.map((v) => v / sum);
}

/** Temperature, then top-k, then top-p (on what top-k kept), then renormalize; greedy keeps the
    most probable token only. Returns p (after temperature), kept (bools) and q (renormalized). */
export function reshape(logits, { temperature, topK, topP, greedy }) {
  const p = softmax(logits, temperature);
  const order = p.map((_, i) => i).sort((a, b) => p[b] - p[a] || a - b);
  const kept = new Array(p.length).fill(false);
  if (greedy) kept[order[0]] = true;
  else {
    const k = Math.max(1, Math.min(topK || p.length, p.length));
    const top = order.slice(0, k);
    const mass = top.reduce((a, i) => a + p[i], 0);
    let cum = 0;
    for (const i of top) {
      kept[i] = true;
      cum += p[i] / mass;
      if (cum >= topP - 1e-12) break;
    }
  }
  const z = p.reduce((a, v, i) => a + (kept[i] ? v : 0), 0);
  return { p, kept, q: p.map((v, i) => (kept[i] ? v / z : 0)), order };
}

/** A uniform number in [0, 1) for the n-th token of a text under `seed` (mulberry32). The same
    seed and the same text always give the same next token. */
export function uniform(seed, n) {
  let a = (Math.imul(seed | 0, 0x9e3779b1) + Math.imul(n + 1, 0x85ebca6b)) | 0;
  for (let i = 0; i < 2; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    a = (t ^ (t >>> 14)) >>> 0;
  }
  return a / 4294967296;
}

/** Draw from the renormalized q with the uniform number u (inverse CDF in probability order). */
export function drawToken(q, order, u) {
  let cum = 0;
  let pick = order[0];
  for (const i of order) {
    if (q[i] === 0) continue;
    pick = i;
    cum += q[i];
    if (u < cum) break;
  }
  return pick;
}

// --- the figure --------------------------------------------------------------------------------------

const fmt = (v) => v.toFixed(3);
const PARAMS = ["prompt", "temperature", "top_k", "top_p", "seed", "checkpoint", "greedy", "layer", "head"];

/** The view in the address (?prompt=...&temperature=...#tiny-model), or null if it has none. */
export function viewFromAddress() {
  const q = new URLSearchParams(location.search);
  if (!PARAMS.some((k) => q.has(k))) return null;
  const num = (k, lo, hi) => { const v = Number(q.get(k)); return q.has(k) && Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : undefined; };
  return {
    prompt: q.has("prompt") ? q.get("prompt").slice(0, 400) : undefined,
    temperature: num("temperature", 0.05, 3), topK: num("top_k", 0, 1000), topP: num("top_p", 0.01, 1),
    seed: num("seed", 0, 2 ** 31 - 1), checkpoint: num("checkpoint", 0, 1e9),
    greedy: q.has("greedy") ? q.get("greedy") === "1" : undefined, layer: num("layer", 1, 64), head: num("head", 1, 64),
  };
}

export function addressFor(view, id) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(view)) if (v !== undefined && v !== null) q.set(k, String(v));
  return `${location.origin}${location.pathname}?${q.toString()}#${id}`;
}

/** Copy `text`; when the clipboard is not available, show it in `box` to copy by hand. */
export async function copyText(text, box) {
  box.value = text;
  box.hidden = false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    box.select();
    return false;
  }
}

export function chips(tokens) {
  return tokens.map((t, i) => h("li", { class: t.unk ? "atlas-unk" : null, "data-id": String(t.id),
    title: t.unk ? `“${t.piece}” is not in the vocabulary: the model reads <unk>` : `token ${i}, id ${t.id}` },
  h("span", { class: "atlas-piece" }, t.unk ? `${t.piece}→<unk>` : t.piece), h("span", { class: "atlas-id" }, String(t.id))));
}

function range(label, attrs, on, onInput) {
  const id = newId("atlas-lm");
  const input = h("input", { type: "range", id, ...attrs });
  const out = h("output", { for: id });
  const wrap = h("label", { for: id, class: "atlas-lm-control" }, h("span", {}, label), input, out);
  on(input, "input", () => onInput(input));
  return { input, out, wrap };
}

export function mount(el) {
  const on = listener(el);
  const data = readData(el);          // the build's reference output for the starting prompt
  const say = liveRegion(el);
  const fallback = el.querySelector("table");
  const steps = data.checkpoints.map((c) => c.step);
  const fromLink = viewFromAddress();
  const v = {
    prompt: data.prompt, temperature: 1, topK: 0, topP: 1, seed: 17, checkpoint: steps[steps.length - 1],
    greedy: false, layer: data.layers, head: 1,
  };
  if (fromLink) for (const [k, x] of Object.entries(fromLink)) if (x !== undefined) v[k] = x;
  if (!steps.includes(v.checkpoint)) v.checkpoint = steps[steps.length - 1];
  v.layer = Math.min(v.layer, data.layers);
  v.head = Math.min(v.head, data.heads);

  let model = null;      // the checkpoint loaded
  let result = null;     // run() on the prompt
  let generated = [];

  // --- controls ---
  const boxId = newId("atlas-lm-prompt");
  const box = h("textarea", { id: boxId, rows: "2", spellcheck: "false", "data-role": "prompt", "aria-describedby": `${boxId}-help` });
  box.value = v.prompt;
  const help = h("p", { class: "atlas-note", id: `${boxId}-help` },
    `The model knows ${data.vocab_size} words (the grammar's: nouns such as cat, dogs, teacher; verbs such as sees, chase, sleeps; the, a, some, two, that, big…). Any other word becomes <unk>.`);
  const tokensLabel = h("span", { class: "atlas-label", id: newId("atlas-lm-tokens") }, "Tokens the model reads");
  const tokenList = h("ol", { class: "atlas-chips", "data-role": "tokens", "aria-labelledby": tokensLabel.id });

  const temp = range("Temperature T", { min: "0.1", max: "2", step: "0.05", value: String(v.temperature), "data-role": "temperature" }, on,
    (i) => { v.temperature = Number(i.value); return update(); });
  const topk = range("Top-k", { min: "1", max: String(data.vocab_size), step: "1", value: String(v.topK || data.vocab_size), "data-role": "top-k" }, on,
    (i) => { v.topK = Number(i.value) >= data.vocab_size ? 0 : Number(i.value); return update(); });
  const topp = range("Top-p", { min: "0.05", max: "1", step: "0.05", value: String(v.topP), "data-role": "top-p" }, on,
    (i) => { v.topP = Number(i.value); return update(); });
  const greedyId = newId("atlas-lm-greedy");
  const greedy = h("input", { type: "checkbox", role: "switch", id: greedyId, "data-role": "greedy", checked: v.greedy });
  on(greedy, "change", () => { v.greedy = greedy.checked; return update(); });
  const seedId = newId("atlas-lm-seed");
  const seed = h("input", { type: "number", id: seedId, min: "0", step: "1", value: String(v.seed), "data-role": "seed", inputmode: "numeric" });
  on(seed, "input", () => { v.seed = Math.max(0, Math.floor(Number(seed.value) || 0)); return update(); });

  const next = h("button", { type: "button", class: "atlas-btn", "data-action": "next" }, "Next token");
  const gen = h("button", { type: "button", class: "atlas-btn", "data-action": "generate" }, "Generate 20");
  const copy = h("button", { type: "button", class: "atlas-btn", "data-action": "copy-link" }, "Copy link to this view");
  const linkBox = h("input", { type: "text", readonly: true, hidden: true, "aria-label": "Link to this view", "data-role": "link" });

  const ckIndex = Math.max(0, steps.indexOf(v.checkpoint));
  const ck = range("Checkpoint", { min: "0", max: String(steps.length - 1), step: "1", value: String(ckIndex), "data-role": "checkpoint" }, on,
    (i) => { v.checkpoint = steps[Number(i.value)]; return update(); });
  const layerSel = h("select", { id: newId("atlas-lm-layer"), "data-role": "layer" },
    ...Array.from({ length: data.layers }, (_, i) => h("option", { value: String(i + 1), selected: i + 1 === v.layer }, `layer ${i + 1}`)));
  const headSel = h("select", { id: newId("atlas-lm-head"), "data-role": "head" },
    ...Array.from({ length: data.heads }, (_, i) => h("option", { value: String(i + 1), selected: i + 1 === v.head }, `head ${i + 1}`)));
  on(layerSel, "change", () => { v.layer = Number(layerSel.value); return update(); });
  on(headSel, "change", () => { v.head = Number(headSel.value); return update(); });

  const status = h("p", { class: "atlas-note", "data-role": "status" });
  const bars = h("ol", { class: "atlas-lm-bars", "data-role": "bars", "aria-hidden": "true" });
  const barsCaption = h("p", { class: "atlas-stats", "data-role": "summary" });
  const output = h("p", { class: "atlas-lm-generated", "data-role": "generated" });
  const attnRow = h("ol", { class: "atlas-chips", "data-role": "attention", "aria-label": "What the last token attends to" });
  const attnNote = h("p", { class: "atlas-note", "data-role": "attention-note" });
  const curve = lossCurve(data);
  const details = h("details", {}, h("summary", {}, "The distribution as a table"));
  if (fallback) details.append(fallback);

  el.prepend(
    h("label", { class: "atlas-label", for: boxId }, "Prompt"), box, help, tokensLabel, tokenList,
    h("div", { class: "atlas-lm-controls" }, temp.wrap, topk.wrap, topp.wrap,
      h("label", { for: greedyId, class: "atlas-lm-control" }, greedy, " Greedy (always the most probable)"),
      h("label", { for: seedId, class: "atlas-lm-control" }, h("span", {}, "Seed"), seed)),
    h("div", { class: "atlas-row" }, next, gen, copy), linkBox, status,
    barsCaption, bars, details, output,
    h("div", { class: "atlas-lm-training" }, ck.wrap, curve.svg),
    h("div", { class: "atlas-row" }, h("label", { for: layerSel.id }, "Attention of "), layerSel,
      h("label", { for: headSel.id, class: "atlas-sr-only" }, "Head"), headSel),
    attnNote, attnRow,
  );

  function setOutputs() {
    temp.out.textContent = v.temperature.toFixed(2);
    topk.out.textContent = v.topK ? String(v.topK) : "off (all)";
    topp.out.textContent = v.topP.toFixed(2);
    const c = data.checkpoints[steps.indexOf(v.checkpoint)];
    ck.out.textContent = `step ${c.step} (held-out loss ${c.heldout_loss.toFixed(2)})`;
    ck.input.setAttribute("aria-valuetext", ck.out.textContent);
    for (const c2 of [temp, topk, topp]) c2.input.disabled = v.greedy;
    curve.mark(v.checkpoint);
  }

  function view() {
    return { prompt: box.value, temperature: v.temperature, top_k: v.topK, top_p: v.topP, seed: v.seed,
      checkpoint: v.checkpoint, greedy: v.greedy ? 1 : 0, layer: v.layer, head: v.head };
  }

  function draw(tokens, logits, attnHead) {
    const r = reshape(logits, v);
    const top = r.order.slice(0, 10);
    bars.replaceChildren(...top.map((i) => {
      const word = data.vocab[i];
      return h("li", { class: r.kept[i] ? null : "atlas-cut", "data-token": word, "data-p": String(r.p[i]), "data-q": String(r.q[i]) },
        h("span", { class: "atlas-lm-word" }, word),
        h("span", { class: "atlas-lm-bar" }, h("span", { style: `width:${(100 * r.q[i]).toFixed(1)}%` }),
          h("span", { class: "atlas-lm-ghost", style: `width:${(100 * r.p[i]).toFixed(1)}%` })),
        h("span", { class: "atlas-lm-num" }, r.kept[i] ? fmt(r.q[i]) : "cut"));
    }));
    const nKept = r.kept.filter(Boolean).length;
    barsCaption.textContent = `After “${tokens[tokens.length - 1].piece}”: the ten most probable next tokens. ${nKept} of ${data.vocab_size} tokens kept; bars show the renormalized probability, the pale bar p before cutting.`;
    if (fallback) {
      fallback.caption.textContent = `Next-token distribution after “${box.value.trim()}” (step ${v.checkpoint}, T = ${v.temperature.toFixed(2)}): top ten`;
      fallback.tBodies[0].replaceChildren(...top.map((i) => h("tr", { class: r.kept[i] ? null : "atlas-cut" },
        h("th", { scope: "row" }, data.vocab[i]), h("td", {}, logits[i].toFixed(2)), h("td", {}, fmt(r.p[i])),
        h("td", {}, r.kept[i] ? fmt(r.q[i]) : "cut (0)"))));
    }
    if (attnHead) {
      const row = attnHead[attnHead.length - 1];
      const shown = tokens.slice(tokens.length - row.length);
      attnRow.replaceChildren(...shown.map((t, j) => h("li", { style: `--atlas-w:${Math.round(row[j] * 100)}%`, "data-weight": String(row[j]) },
        h("span", { class: "atlas-piece" }, t.piece), h("span", { class: "atlas-id" }, fmt(row[j])))));
      const label = data.labels[`${v.layer}.${v.head}`];
      attnNote.textContent = `Head ${v.layer}.${v.head}: how much the last token, “${tokens[tokens.length - 1].piece}”, attends to each token.${label ? ` Tested on held-out sentences, it attends ${label}.` : ""}`;
    }
    return r;
  }

  async function ensureModel() {
    if (model && model.step === v.checkpoint) return model;
    status.textContent = `Loading the weights of step ${v.checkpoint} from this site (about 230 KiB, once)…`;
    const m = await loadCheckpoint(v.checkpoint);
    status.textContent = "";
    model = m;
    return m;
  }

  let used = false;
  let ticket = 0;
  async function update() {
    setOutputs();
    if (!used) {   // the build's numbers for the starting prompt, until the reader uses the figure
      tokenList.replaceChildren(...chips(data.tokens));
      draw(data.tokens, data.logits, null);
      attnNote.textContent = "Use the figure to load the model and see its attention.";
      return;
    }
    const mine = ++ticket;
    const m = await ensureModel();
    if (mine !== ticket) return;
    const tokens = tokenize(box.value, m.man);
    tokenList.replaceChildren(...chips(tokens));
    result = run(m, tokens.map((t) => t.id));
    const seen = tokens.length > m.cfg.context ? crop(tokens, m.cfg.context) : tokens;
    draw(seen, result.logits, result.attn[v.layer - 1][v.head - 1]);
  }

  function start() {
    if (used) return undefined;
    used = true;
    return update();
  }

  async function step(announce) {
    used = true;
    await update();
    const r = reshape(result.logits, v);
    const u = uniform(v.seed, result.ids.length);
    const pick = v.greedy ? r.order[0] : drawToken(r.q, r.order, u);
    const word = model.man.vocab[pick];
    box.value = `${box.value.replace(/\s+$/, "")} ${word}`;
    generated.push(word);
    output.textContent = `Sampled: ${generated.join(" ")}`;
    await update();
    if (announce) say(`Sampled “${word}”, probability ${fmt(r.q[pick])}${v.greedy ? " (greedy)" : ""}.`);
    return word;
  }

  on(el, "focusin", start);
  on(el, "pointerdown", start);
  on(box, "input", () => { used = true; generated = []; output.textContent = ""; return update(); });
  on(next, "click", () => step(true));
  on(gen, "click", async () => {
    const words = [];
    for (let i = 0; i < 20; i++) words.push(await step(false));
    say(`Generated 20 tokens: ${words.join(" ")}.`);
  });
  on(copy, "click", async () => {
    const link = addressFor(view(), el.closest("[id]")?.id || "tiny-model");
    history.replaceState(history.state, "", link);
    const ok = await copyText(link, linkBox);
    say(ok ? "Link to this view copied." : "The link is in the box below the buttons: copy it from there.");
  });

  if (fromLink) used = true;   // a link to a view: show that view at once
  return update();
}

/** The training loss curve as an SVG, with a mark at the chosen checkpoint. */
function lossCurve(data) {
  const SVG = "http://www.w3.org/2000/svg";
  const pts = data.loss_curve;
  const W = 320;
  const H = 120;
  const maxStep = pts[pts.length - 1][0] || 1;
  const hi = Math.max(...pts.map((p) => p[1]));
  const lo = Math.min(data.entropy, ...pts.map((p) => p[1]));
  const x = (s) => 30 + ((W - 40) * s) / maxStep;
  const y = (l) => 10 + ((H - 30) * (hi - l)) / (hi - lo);
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("class", "atlas-lm-curve");
  svg.setAttribute("role", "img");
  const last = pts[pts.length - 1];
  svg.setAttribute("aria-label", `Training loss from ${pts[0][1].toFixed(2)} at step 0 to ${last[1].toFixed(2)} at step ${last[0]}; the grammar's own entropy, the best possible, is ${data.entropy.toFixed(2)} nats per token.`);
  const el = (tag, attrs) => { const e = document.createElementNS(SVG, tag); for (const [k, val] of Object.entries(attrs)) e.setAttribute(k, val); svg.append(e); return e; };
  el("line", { x1: 30, x2: W - 10, y1: y(data.entropy), y2: y(data.entropy), class: "atlas-lm-floor" });
  el("polyline", { points: pts.map((p) => `${x(p[0]).toFixed(1)},${y(p[1]).toFixed(1)}`).join(" "), fill: "none", stroke: "currentColor" });
  const t1 = el("text", { x: 32, y: y(data.entropy) - 4, class: "atlas-lm-axis" });
  t1.textContent = `best possible ${data.entropy.toFixed(2)}`;
  const t2 = el("text", { x: 30, y: H - 4, class: "atlas-lm-axis" });
  t2.textContent = `training step → ${maxStep}; loss (nats/token) ↑`;
  const mark = el("circle", { r: 4, class: "atlas-lm-mark" });
  const lossAt = (s) => pts.reduce((best, p) => (Math.abs(p[0] - s) < Math.abs(best[0] - s) ? p : best))[1];
  return { svg, mark: (s) => { mark.setAttribute("cx", x(s)); mark.setAttribute("cy", y(lossAt(s))); } };
}
