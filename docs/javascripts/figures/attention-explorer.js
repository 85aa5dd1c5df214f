/* Attention explorer (concepts/transformers/#attention-explorer).
   The weights were computed at build time by attention() in scripts/atlas_build/examples/transformers_attention.py
   on the page's embeddings (data-atlas-data); this script only draws them. The page's table becomes
   the heatmap, and picking a token (hover, focus or click) draws a line to every token it attends to,
   as thick as the weight. Without scripts, the table of weights stays as it is. */
import { listener, h, liveRegion, newId, readData } from "./_shared.js";

const SVG = "http://www.w3.org/2000/svg";
const fmt = (w) => w.toFixed(3);

/** What one row of weights says, in words. Weights equal as shown (to three decimals) are a tie,
    reported as one: with the causal mask, "the cat" gives "cat" 0.500 and 0.500. */
export function strongest(tokens, row, selected) {
  const top = fmt(Math.max(...row));
  const tied = tokens.filter((_, j) => fmt(row[j]) === top).map((t) => `“${t}”`);
  if (tied.length === 1) return `“${tokens[selected]}” attends most to ${tied[0]} (${top}).`;
  const names = `${tied.slice(0, -1).join(", ")} and ${tied[tied.length - 1]}`;
  return `“${tokens[selected]}” attends equally to ${names} (${top} each).`;
}

export function mount(el) {
  const on = listener(el);
  const data = readData(el);
  const tokens = data.tokens;
  const n = tokens.length;
  const table = el.querySelector("table");
  const say = liveRegion(el);
  let causal = false;
  let selected = 0;

  const weights = () => (causal ? data.causal : data.weights);

  // Controls: the causal mask switch.
  const maskId = newId("atlas-mask");
  const mask = h("input", { type: "checkbox", id: maskId, role: "switch", "data-role": "causal" });
  const controls = h("div", { class: "atlas-row" },
    h("label", { for: maskId }, mask, " Causal mask (a token sees only itself and earlier tokens)"));

  // Query tokens (buttons), the lines, and the key tokens with their weights.
  const queries = h("div", { class: "atlas-attn-row", role: "group", "aria-label": "Pick the token that attends (query)" });
  const buttons = tokens.map((t, i) => {
    const b = h("button", { type: "button", class: "atlas-btn", "aria-pressed": "false", "data-query": String(i) }, t);
    on(b, "mouseenter", () => select(i));
    on(b, "focus", () => select(i));
    on(b, "click", () => select(i));
    on(b, "keydown", (e) => {
      const d = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
      if (d) { e.preventDefault(); buttons[(i + d + n) % n].focus(); }
    });
    queries.append(h("div", {}, b));
    return b;
  });

  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "atlas-attn-lines");
  svg.setAttribute("viewBox", "0 0 100 100");
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("aria-hidden", "true");   // the weights are in the text below and in the table
  const lines = tokens.map(() => {
    const line = document.createElementNS(SVG, "line");
    line.setAttribute("stroke", "currentColor");
    line.setAttribute("stroke-linecap", "round");
    line.setAttribute("vector-effect", "non-scaling-stroke");
    svg.appendChild(line);
    return line;
  });

  const keys = h("div", { class: "atlas-attn-row", "data-role": "keys" });
  const keyCells = tokens.map((t) => {
    const cell = h("div", { class: "atlas-attn-key" }, t, h("b", {}, ""));
    keys.append(cell);
    return cell;
  });
  const keysLabel = h("p", { class: "atlas-note" }, "↑ attends from (query) · attends to (key), with its weight ↓");
  const summary = h("p", { class: "atlas-stats", "data-role": "summary" });

  el.prepend(controls, queries, svg, keys, keysLabel, summary);

  // The table is the heatmap: shade each cell by its weight; a row picks its token too.
  const bodyRows = table ? Array.from(table.tBodies[0].rows) : [];
  if (table) table.setAttribute("data-atlas-heat", "");   // a data attribute: Material styles only class-less tables
  bodyRows.forEach((row, i) => {
    on(row, "mouseenter", () => select(i));
    on(row, "click", () => select(i));
  });

  function x(i) { return ((i + 0.5) / n) * 100; }

  function draw() {
    const w = weights();
    lines.forEach((line, j) => {
      const v = w[selected][j];
      line.setAttribute("x1", x(selected)); line.setAttribute("y1", 2);
      line.setAttribute("x2", x(j)); line.setAttribute("y2", 98);
      line.setAttribute("stroke-width", (1 + 11 * v).toFixed(2));
      line.setAttribute("stroke-opacity", v === 0 ? "0" : (0.25 + 0.75 * v).toFixed(2));
    });
    keyCells.forEach((cell, j) => { cell.querySelector("b").textContent = fmt(w[selected][j]); });
    buttons.forEach((b, i) => { b.setAttribute("aria-pressed", String(i === selected)); });
    bodyRows.forEach((row, i) => {
      row.classList.toggle("atlas-current", i === selected);
      Array.from(row.cells).slice(1).forEach((cell, j) => {
        const v = w[i][j];
        cell.textContent = fmt(v);
        cell.style.background = `color-mix(in srgb, var(--md-accent-fg-color) ${Math.round(v * 60)}%, transparent)`;
      });
    });
    if (table) {
      table.caption.textContent = `Attention weights of one head for “${tokens.join(" ")}”${causal ? ", with the causal mask" : ""}: each row sums to 1`;
    }
    summary.textContent = strongest(tokens, w[selected], selected);
  }

  function describe() {
    const w = weights();
    return `${tokens[selected]} attends: ${tokens.map((t, j) => `${fmt(w[selected][j])} to ${t}`).join(", ")}.`;
  }

  function select(i) {
    if (i === selected) return;
    selected = i;
    draw();
    say(describe(), 150);
  }

  on(mask, "change", () => {
    causal = mask.checked;
    draw();
    say((causal ? "Causal mask on. " : "Causal mask off. ") + describe());
  });

  draw();
}
