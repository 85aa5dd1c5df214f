/* GenAI Atlas: helpers shared by the interactive figures (ES module, loaded only by them).
   The figures' styles live here and are injected once, so pages without a figure carry none.
   Colours come from Material's variables and the site's diagram palette (atlas.css), so every
   figure follows light and dark mode. */

const CSS = `
.md-typeset .atlas-app { margin: 1.2em 0 1.6em; padding: .7rem .8rem; border: 1px solid var(--md-default-fg-color--lightest); border-radius: .2rem; }
.md-typeset .atlas-app[data-atlas-ready] .atlas-app-fallback { display: none; }
.md-typeset .atlas-app table:not([class]) { margin: .6em 0 0; font-size: .7rem; }
.md-typeset .atlas-app table:not([class]) :is(th, td) { padding: .5em .6em; min-width: 0; }
.md-typeset .atlas-app details table:not([class]) { display: table; width: 100%; }
.md-typeset .atlas-app details table code { white-space: pre-wrap; word-break: break-all; }
.md-typeset .atlas-app caption { caption-side: top; text-align: left; padding: .2em 0 .4em; color: var(--md-default-fg-color--light); font-size: .7rem; }
.md-typeset .atlas-row { display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center; margin: .4em 0; }
.md-typeset .atlas-btn { font: inherit; font-size: .75rem; font-weight: 700; padding: .35em .9em; border-radius: .2rem; cursor: pointer;
  border: 1px solid var(--md-primary-fg-color); background: var(--md-primary-fg-color); color: var(--md-primary-bg-color); }
.md-typeset .atlas-btn.atlas-secondary { background: transparent; color: var(--md-default-fg-color); border-color: var(--md-default-fg-color--light); }
.md-typeset .atlas-btn[disabled] { opacity: .45; cursor: default; }
.md-typeset .atlas-app :is(button, select, textarea, input):focus-visible { outline: 2px solid var(--md-accent-fg-color); outline-offset: 2px; }
.md-typeset .atlas-app select, .md-typeset .atlas-app textarea { font: inherit; font-size: .75rem; color: var(--md-default-fg-color);
  background: var(--md-default-bg-color); border: 1px solid var(--md-default-fg-color--light); border-radius: .2rem; padding: .3em .4em; }
.md-typeset .atlas-app textarea { display: block; width: 100%; box-sizing: border-box; min-height: 4.5em; resize: vertical;
  font-family: var(--md-code-font-family); font-size: .8rem; }
.md-typeset .atlas-app fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: center; font-size: .75rem; }
.md-typeset .atlas-app legend { float: left; margin-right: .6rem; padding: 0; }
.md-typeset .atlas-app label { font-size: .75rem; }
.md-typeset .atlas-app .atlas-label { display: block; font-weight: 700; font-size: .75rem; margin: .2em 0; }
.md-typeset .atlas-note { font-size: .7rem; color: var(--md-default-fg-color--light); margin: .3em 0; }
.md-typeset .atlas-stats { font-size: .75rem; margin: .4em 0; font-variant-numeric: tabular-nums; }
.md-typeset ol.atlas-chips { list-style: none; margin: .3em 0 .6em; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem; }
.md-typeset ol.atlas-chips > li { margin: 0; padding: .1em .35em .15em; display: inline-flex; flex-direction: column; align-items: center;
  border-radius: .2rem; border: 1px solid var(--dg-blue); background: var(--dg-blue-fill); line-height: 1.3; min-width: 1.2em; }
.md-typeset ol.atlas-chips > li:nth-child(4n+2) { border-color: var(--dg-orange); background: var(--dg-orange-fill); }
.md-typeset ol.atlas-chips > li:nth-child(4n+3) { border-color: var(--dg-green); background: var(--dg-green-fill); }
.md-typeset ol.atlas-chips > li:nth-child(4n+4) { border-color: var(--dg-purple); background: var(--dg-purple-fill); }
.md-typeset ol.atlas-chips.atlas-plain > li { border-color: var(--md-default-fg-color--lighter); background: transparent; }
.md-typeset .atlas-piece { font-family: var(--md-code-font-family); font-size: .75rem; white-space: pre; }
.md-typeset .atlas-id { font-size: .6rem; color: var(--md-default-fg-color--light); font-variant-numeric: tabular-nums; }
.md-typeset .atlas-new { outline: 2px solid var(--md-accent-fg-color); outline-offset: 1px; font-weight: 700; }
.md-typeset .atlas-app tr.atlas-current > * { background: color-mix(in srgb, var(--md-accent-fg-color) 14%, transparent); }
.md-typeset .atlas-words { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; align-items: center; margin: .4em 0; }
.md-typeset .atlas-words > dt { font-size: .75rem; font-weight: 700; margin: 0; }
.md-typeset .atlas-words > dd { margin: 0; }
.md-typeset .atlas-words ol.atlas-chips { margin: .15em 0; }
.md-typeset .atlas-attn-row { display: flex; margin: 0; }
.md-typeset .atlas-attn-row > * { flex: 1 1 0; text-align: center; min-width: 0; }
.md-typeset .atlas-attn-row .atlas-btn { font-family: var(--md-code-font-family); }
.md-typeset .atlas-attn-row .atlas-btn[aria-pressed="false"] { background: transparent; color: var(--md-default-fg-color); border-color: var(--md-default-fg-color--light); }
.md-typeset .atlas-attn-lines { display: block; width: 100%; height: 6.5rem; color: var(--md-accent-fg-color); }
.md-typeset .atlas-attn-key { font-family: var(--md-code-font-family); font-size: .75rem; }
.md-typeset .atlas-attn-key b { display: block; font-family: var(--md-text-font-family, sans-serif); font-variant-numeric: tabular-nums; }
.md-typeset table[data-atlas-heat] td { font-variant-numeric: tabular-nums; text-align: center; }
.md-typeset table[data-atlas-heat] tbody tr { cursor: pointer; }
.atlas-sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

export function ensureStyles() {
  if (document.getElementById("atlas-figures-css")) return;
  const style = document.createElement("style");
  style.id = "atlas-figures-css";
  style.textContent = CSS;
  document.head.appendChild(style);
}

/** The figure's data, written at build time into data-atlas-data as JSON. */
export function readData(el) {
  return JSON.parse(el.getAttribute("data-atlas-data") || "{}");
}

/** Create an element: h("button", {type: "button", class: "x"}, "text", child...). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined) el.append(c);
  return el;
}

/** A polite live region inside the figure; say() makes repeated messages heard too. */
export function liveRegion(parent) {
  const region = h("div", { class: "atlas-sr-only", role: "status", "aria-live": "polite", "data-role": "live" });
  parent.appendChild(region);
  let timer;
  return function say(message, delay = 0) {
    clearTimeout(timer);
    timer = setTimeout(() => {
      region.textContent = "";
      setTimeout(() => { region.textContent = message; }, 30);
    }, delay);
  };
}

let uid = 0;
export function newId(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}
