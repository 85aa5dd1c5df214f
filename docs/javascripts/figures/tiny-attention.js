/* The tiny model's real attention, on the reader's own text (concepts/transformers/#attention-explorer).
   Beside the hand-computed three-token example (attention-explorer.js), this figure runs the tiny
   language model of concepts/large-language-models/#tiny-model (its engine is tiny-lm.js, tested
   against the NumPy reference) and draws one head's weights: lines from the chosen query token to
   every key, as thick as the weight, and the head's whole causal heatmap as a table. A head is
   named only where a test over held-out sentences backs the name (atlas_build/tinylm/heads.py).
   The weights are fetched on first use; without scripts, the build's table for the starting text stays. */
import { h, listener, liveRegion, newId, readData } from "./_shared.js";
import { addressFor, chips, copyText, crop, loadCheckpoint, run, tokenize, viewFromAddress } from "./tiny-lm.js";

const SVG = "http://www.w3.org/2000/svg";
const fmt = (w) => w.toFixed(3);

export function mount(el) {
  const on = listener(el);
  const data = readData(el);
  const say = liveRegion(el);
  const table = el.querySelector("table");
  const fromLink = viewFromAddress();
  const v = { prompt: data.prompt, layer: data.layer, head: data.head, checkpoint: data.checkpoint };
  if (fromLink) for (const k of Object.keys(v)) if (fromLink[k] !== undefined) v[k] = fromLink[k];
  v.layer = Math.min(Math.max(1, v.layer), data.layers);
  v.head = Math.min(Math.max(1, v.head), data.heads);
  if (!data.checkpoints.includes(v.checkpoint)) v.checkpoint = data.checkpoint;
  let tokens = data.tokens;
  let weights = data.weights;   // [query][key] for the chosen head
  let all = null;               // run().attn once the model is loaded
  let selected = tokens.length - 1;
  let used = false;

  const boxId = newId("atlas-att-text");
  const box = h("input", { type: "text", id: boxId, value: v.prompt, spellcheck: "false", "data-role": "prompt" });
  const layerSel = h("select", { id: newId("atlas-att-layer"), "data-role": "layer" },
    ...Array.from({ length: data.layers }, (_, i) => h("option", { value: String(i + 1), selected: i + 1 === v.layer }, `layer ${i + 1}`)));
  const headSel = h("select", { id: newId("atlas-att-head"), "data-role": "head" },
    ...Array.from({ length: data.heads }, (_, i) => h("option", { value: String(i + 1), selected: i + 1 === v.head }, `head ${i + 1}`)));
  const copy = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "copy-link" }, "Copy link to this view");
  const linkBox = h("input", { type: "text", readonly: true, hidden: true, "aria-label": "Link to this view", "data-role": "link" });
  const status = h("p", { class: "atlas-note", "data-role": "status" },
    "Type in the box or pick a head: the tiny model's weights then load from this site (about 230 KiB, once).");
  const label = h("p", { class: "atlas-stats", "data-role": "label" });
  const tokenList = h("ol", { class: "atlas-chips", "data-role": "tokens", "aria-label": "Tokens the model reads" });
  const queries = h("div", { class: "atlas-attn-row", role: "group", "aria-label": "Pick the token that attends (query)" });
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "atlas-attn-lines");
  svg.setAttribute("viewBox", "0 0 100 100");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");
  const keys = h("div", { class: "atlas-attn-row", "data-role": "keys" });
  const summary = h("p", { class: "atlas-stats", "data-role": "summary" });
  const scroller = h("div", { class: "atlas-lm-heat" }, h("div", { class: "atlas-lm-lines" }, queries, svg, keys));

  el.prepend(
    h("label", { class: "atlas-label", for: boxId }, "Your text (the tiny model's words; others become <unk>)"), box,
    h("div", { class: "atlas-row" }, h("label", { for: layerSel.id }, "Attention of "), layerSel,
      h("label", { for: headSel.id, class: "atlas-sr-only" }, "Head"), headSel, copy),
    linkBox, status, tokenList, label, scroller, summary,
  );
  if (table) table.setAttribute("data-atlas-heat", "");

  function draw() {
    const n = tokens.length;
    if (selected >= n) selected = n - 1;
    const x = (i) => ((i + 0.5) / n) * 100;
    scroller.firstChild.style.minWidth = `${n * 3}rem`;
    queries.replaceChildren(...tokens.map((t, i) => {
      const b = h("button", { type: "button", class: "atlas-btn", "aria-pressed": String(i === selected), "data-query": String(i) }, t.piece);
      on(b, "click", () => select(i));
      on(b, "focus", () => select(i));
      on(b, "keydown", (e) => {
        const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
        if (d) { e.preventDefault(); queries.children[(i + d + n) % n].firstChild.focus(); }
      });
      return h("div", {}, b);
    }));
    svg.replaceChildren(...tokens.map((_, j) => {
      const w = weights[selected][j];
      const line = document.createElementNS(SVG, "line");
      for (const [k, val] of Object.entries({ x1: x(selected), y1: 2, x2: x(j), y2: 98, stroke: "currentColor", "stroke-linecap": "round",
        "vector-effect": "non-scaling-stroke", "stroke-width": (1 + 11 * w).toFixed(2), "stroke-opacity": w === 0 ? "0" : (0.25 + 0.75 * w).toFixed(2) })) {
        line.setAttribute(k, val);
      }
      return line;
    }));
    keys.replaceChildren(...tokens.map((t, j) => h("div", { class: "atlas-attn-key" }, t.piece, h("b", {}, fmt(weights[selected][j])))));
    const top = weights[selected].indexOf(Math.max(...weights[selected]));
    summary.textContent = `“${tokens[selected].piece}” attends most to “${tokens[top].piece}” (${fmt(weights[selected][top])}).`;
    const name = data.labels[`${v.layer}.${v.head}`];
    label.textContent = name ? `Head ${v.layer}.${v.head} attends ${name} (tested on held-out sentences).` : `Head ${v.layer}.${v.head}: no tested label.`;
    if (table) {
      table.caption.textContent = `Attention weights of head ${v.layer}.${v.head} (step ${v.checkpoint}): one row per query, each row sums to 1`;
      table.tHead.rows[0].replaceChildren(h("th", { scope: "col" }, "Query"), ...tokens.map((t) => h("th", { scope: "col" }, t.piece)));
      table.tBodies[0].replaceChildren(...weights.map((row, i) => {
        const tr = h("tr", { class: i === selected ? "atlas-current" : null }, h("th", { scope: "row" }, tokens[i].piece),
          ...row.map((w) => h("td", { style: `background:color-mix(in srgb, var(--md-accent-fg-color) ${Math.round(w * 60)}%, transparent)` }, fmt(w))));
        on(tr, "click", () => select(i));
        return tr;
      }));
    }
  }

  function select(i) {
    if (i === selected) return;
    selected = i;
    const focused = document.activeElement?.dataset?.query;
    draw();
    if (focused !== undefined) queries.children[selected]?.firstChild.focus();
    say(`${tokens[i].piece} attends: ${tokens.map((t, j) => `${fmt(weights[i][j])} to ${t.piece}`).join(", ")}.`, 150);
  }

  let ticket = 0;
  async function update(announce) {
    used = true;
    const mine = ++ticket;
    status.hidden = false;
    status.textContent = "Loading the tiny model…";
    const model = await loadCheckpoint(v.checkpoint);
    if (mine !== ticket) return;
    status.hidden = true;
    const all_tokens = tokenize(box.value, model.man);
    tokens = all_tokens.length > model.cfg.context ? crop(all_tokens, model.cfg.context) : all_tokens;
    all = run(model, tokens.map((t) => t.id)).attn;
    weights = all[v.layer - 1][v.head - 1];
    tokenList.replaceChildren(...chips(all_tokens));
    selected = tokens.length - 1;
    draw();
    if (announce) say(`Head ${v.layer}.${v.head}. ${summary.textContent}`, 300);
  }

  function start() { return used ? undefined : update(false); }
  on(el, "focusin", start);
  on(el, "pointerdown", start);
  on(box, "input", () => update(false));
  on(layerSel, "change", () => { v.layer = Number(layerSel.value); return update(true); });
  on(headSel, "change", () => { v.head = Number(headSel.value); return update(true); });
  on(copy, "click", async () => {
    const link = addressFor({ prompt: box.value, layer: v.layer, head: v.head, checkpoint: v.checkpoint }, "attention-explorer");
    history.replaceState(history.state, "", link);
    const ok = await copyText(link, linkBox);
    say(ok ? "Link to this view copied." : "The link is in the box below: copy it from there.");
  });

  tokenList.replaceChildren(...chips(tokens));
  draw();
  if (fromLink) return update(false);
  return undefined;
}
