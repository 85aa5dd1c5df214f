/* Tokenizer playground (concepts/tokenization/#try-it).
   Splits the reader's text with a real byte-level BPE tokenizer: the npm package gpt-tokenizer's own
   encoder (BytePairEncodingCore) and merge ranks, served by this site from javascripts/figures/vendor/
   (copied from node_modules by `atlas-tools vendor`, scripts/atlas_tools/vendor.py). The vocabulary is fetched the first time
   the reader focuses or types in the box, never on page load, and nothing comes from another host.
   Without scripts, the page's table of the starting text's tokens stays. */
import { listener, h, liveRegion, newId, readData } from "./_shared.js";

const VENDOR = new URL("./vendor/gpt-tokenizer/", import.meta.url);
const MAX_CHIPS = 2000;
const encoders = new Map();   // encoding name -> Promise of { core, name }
const utf8 = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });

const SPLIT_REGEX = { r50k_base: "R50K_TOKEN_SPLIT_REGEX", cl100k_base: "CL100K_TOKEN_SPLIT_REGEX" };

/** The package's encoder for `name`, loaded on first use. */
export function loadEncoder(name) {
  if (!SPLIT_REGEX[name]) return Promise.reject(new Error(`unknown encoding ${name}`));
  if (!encoders.has(name)) {
    encoders.set(name, Promise.all([
      import(new URL("BytePairEncodingCore.js", VENDOR).href),
      import(new URL("encodingParams/constants.js", VENDOR).href),
      import(new URL(`bpeRanks/${name}.js`, VENDOR).href),
    ]).then(([core, params, ranks]) => ({
      name,
      core: new core.BytePairEncodingCore({
        bytePairRankDecoder: ranks.default,
        specialTokensEncoder: new Map(),   // special tokens such as <|endoftext|> are plain text here
        tokenSplitRegex: params[SPLIT_REGEX[name]],
      }),
    })));
    encoders.get(name).catch(() => encoders.delete(name));
  }
  return encoders.get(name);
}

function tokenBytes(core, id) {
  const v = core.tryDecodeToken(id);
  return typeof v === "string" ? utf8.encode(v) : new Uint8Array(v);
}

/** Tokens of `text`: [{id, bytes}] (bytes as a plain array), exactly as the playground shows them. */
export async function tokenize(text, name = "r50k_base") {
  const { core } = await loadEncoder(name);
  return encodeWith(core, text).map((t) => ({ id: t.id, bytes: Array.from(t.bytes) }));
}

function encodeWith(core, text) {
  const out = [];
  for (const chunk of core.encodeNativeGenerator(text, undefined)) {
    for (const id of chunk) out.push({ id, bytes: tokenBytes(core, id) });
  }
  return out;
}

const WHITESPACE = { " ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍" };
const showSpace = (s) => s.replace(/[ \n\t\r]/g, (c) => WHITESPACE[c]);
const hex = (b) => `\\x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** A token's text, whitespace visible; bytes that are not a whole character shown as \xHH. */
export function visible(bytes) {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let text = null;
    if (len && i + len <= bytes.length) {
      try { text = strict.decode(bytes.subarray(i, i + len)); } catch { text = null; }
    }
    if (text === null) { out += hex(b); i += 1; } else { out += showSpace(text); i += len; }
  }
  return out;
}

function spoken(piece) {
  return piece.replace(/␣/g, " space ").replace(/↵/g, " newline ").replace(/⇥/g, " tab ").replace(/␍/g, " return ").trim();
}

const countWords = (text) => text.split(/\s+/).filter(Boolean);

export function mount(el) {
  const on = listener(el);
  const data = readData(el);
  const encodings = data.encodings;                 // [[name, label], ...]
  const staticTable = el.querySelector("table");
  const say = liveRegion(el);
  let name = encodings[0][0];
  let baseline = "none";
  let used = false;

  const boxId = newId("atlas-tok-text");
  const box = h("textarea", { id: boxId, rows: "3", spellcheck: "false", "data-role": "text",
    "aria-describedby": `${boxId}-help` });
  box.value = data.sample;
  const help = h("p", { class: "atlas-note", id: `${boxId}-help` },
    "Type or paste anything. ␣ marks a space, ↵ a new line; \\xF0-style codes are single bytes of a character split across tokens.");

  const vocabId = newId("atlas-tok-vocab");
  const select = h("select", { id: vocabId, "data-role": "encoding" },
    ...encodings.map(([value, label]) => h("option", { value }, label)));
  const radios = h("fieldset", { "data-role": "baseline" }, h("legend", {}, "Compare with"));
  const group = newId("atlas-tok-base");
  for (const [value, label] of [["none", "nothing"], ["words", "words"], ["characters", "characters"]]) {
    const id = `${group}-${value}`;
    const r = h("input", { type: "radio", name: group, id, value, checked: value === "none" });
    on(r, "change", () => {
      if (!r.checked) return undefined;
      baseline = value;
      return update(true);
    });
    radios.append(h("label", { for: id }, r, ` ${label}`));
  }

  const counts = h("p", { class: "atlas-stats", "data-role": "counts" });
  const tokensLabel = h("span", { class: "atlas-label", id: newId("atlas-tok-label") }, "Tokens");
  const chips = h("ol", { class: "atlas-chips", "data-role": "tokens", "aria-labelledby": tokensLabel.id });
  const hint = h("p", { class: "atlas-note", "data-role": "hint" },
    "Click in the box or start typing: the tokenizer's vocabulary then loads from this site (a few hundred kilobytes, once).");
  const baseLabel = h("span", { class: "atlas-label", id: newId("atlas-tok-blabel"), hidden: true });
  const baseChips = h("ol", { class: "atlas-chips atlas-plain", "data-role": "baseline-chips", "aria-labelledby": baseLabel.id, hidden: true });
  const details = h("details", { open: true }, h("summary", {}, "Tokens as a table"));
  if (staticTable) details.append(staticTable);

  el.prepend(
    h("label", { class: "atlas-label", for: boxId }, "Text to tokenize"), box, help,
    h("div", { class: "atlas-row" }, h("label", { for: vocabId }, "Vocabulary "), select, radios),
    counts, tokensLabel, hint, chips, baseLabel, baseChips, details,
  );

  function label() { return encodings.find((e) => e[0] === name)[1]; }

  function renderCounts(text, nTokens) {
    const chars = Array.from(text).length;
    const words = countWords(text).length;
    const tok = nTokens === null ? "tokens: not counted yet" : `${nTokens} token${nTokens === 1 ? "" : "s"}`;
    counts.textContent = `${chars} character${chars === 1 ? "" : "s"} · ${words} word${words === 1 ? "" : "s"} · ${tok}`;
    return { chars, words };
  }

  function renderBaseline(text) {
    const show = baseline !== "none";
    baseLabel.hidden = baseChips.hidden = !show;
    baseChips.replaceChildren();
    if (!show) return 0;
    const parts = baseline === "words" ? countWords(text) : Array.from(text);
    baseLabel.textContent = `${baseline === "words" ? "Words" : "Characters"}, for contrast: ${parts.length}`;
    for (const p of parts.slice(0, MAX_CHIPS)) {
      const shown = showSpace(p);
      baseChips.append(h("li", { title: shown !== p ? spoken(shown) : null }, h("span", { class: "atlas-piece" }, shown)));
    }
    return parts.length;
  }

  function renderTable(tokens) {
    if (!staticTable) return;
    const body = staticTable.tBodies[0];
    body.replaceChildren(...tokens.slice(0, MAX_CHIPS).map((t, i) => h("tr", {},
      h("th", { scope: "row" }, String(i + 1)), h("td", {}, h("code", {}, visible(t.bytes))), h("td", {}, String(t.id)))));
    staticTable.caption.textContent = `${label()} tokens of the text in the box: ${tokens.length}`;
  }

  let pending = 0;
  async function update(announce) {
    const text = box.value;
    const ticket = ++pending;
    renderCounts(text, null);
    const nBase = renderBaseline(text);
    if (!used) return;
    tokensLabel.textContent = `Tokens (${label()})`;
    let enc;
    try {
      if (!encoders.has(name)) { hint.hidden = false; hint.textContent = `Loading the ${label()} vocabulary…`; }
      enc = await loadEncoder(name);
    } catch {
      hint.hidden = false;
      hint.textContent = "The vocabulary could not be loaded. The table below still shows the starting text's tokens.";
      return;
    }
    if (ticket !== pending || enc.name !== name) return;   // a newer update is on its way
    hint.hidden = true;
    const tokens = encodeWith(enc.core, text);
    const { chars, words } = renderCounts(text, tokens.length);
    chips.replaceChildren();
    tokens.slice(0, MAX_CHIPS).forEach((t, i) => {
      const piece = visible(t.bytes);
      chips.append(h("li", { "data-id": String(t.id), title: `token ${i + 1}: ${spoken(piece) || piece}, id ${t.id}` },
        h("span", { class: "atlas-piece" }, piece), h("span", { class: "atlas-id" }, String(t.id))));
    });
    if (tokens.length > MAX_CHIPS) chips.append(h("li", {}, `… ${tokens.length - MAX_CHIPS} more`));
    renderTable(tokens);
    if (announce) {
      let msg = `${tokens.length} tokens with ${label()}, ${chars} characters, ${words} words.`;
      if (baseline !== "none") msg += ` ${nBase} ${baseline} for contrast.`;
      say(msg, 700);
    }
  }

  function start() {
    if (used) return undefined;
    used = true;
    details.open = false;
    return update(true);
  }

  on(box, "focus", start);
  on(box, "input", () => {
    used = true;
    return update(true);
  });
  on(select, "change", () => {
    name = select.value;
    used = true;
    return update(true);
  });

  hint.hidden = false;
  return update(false);   // the loader waits for it, and catches what it may reject with
}
