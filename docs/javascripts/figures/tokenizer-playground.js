/* Tokenizer playground (concepts/tokenization/#try-it).
   Splits the reader's text with a real byte-level BPE tokenizer: the npm package gpt-tokenizer's own
   encoder (BytePairEncodingCore) and merge ranks, served by this site from javascripts/figures/vendor/
   (copied from node_modules by `atlas-tools vendor`, scripts/atlas_tools/vendor.py). The vocabulary is
   fetched the first time the reader focuses or types in the box, never on page load, and nothing comes
   from another host. Without scripts, the page's table of the starting text's tokens stays.

   The text is tokenized in a worker (_tokenize-worker.js; _tokenize.js on the page if workers are
   unavailable), so a keystroke in a long text costs the page only the drawing of what changed: the
   first LIMIT tokens are drawn (coloured over the text, and as chips), the rest on "Show all", in
   slices. A character split across tokens (bytes of an emoji) is drawn once, with its tokens grouped
   under it. */
import { guard, h, listener, liveRegion, newId, readData } from "./_shared.js";
import { analyse, loadEncoder, MAX_CHARS, MAX_RUN, showSpace, tokenize, visible, words } from "./_tokenize.js";

export { tokenize, visible };

const LIMIT = 50; // tokens drawn before "Show all"
const SLICE = 400; // units drawn per task after "Show all"
const fmt = (n) => n.toLocaleString("en");
const plural = (n, one, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;
const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (s) => s.replace(/[&<>"]/g, (c) => ESC[c]);

function spoken(piece) {
  return piece.replace(/␣/g, " space ").replace(/↵/g, " newline ").replace(/⇥/g, " tab ").replace(/␍/g, " return ").trim();
}

/** Tokenizes in a worker; on the page itself if the worker cannot start. Only the latest request
   matters: while one runs, a newer one waits and the ones in between are dropped. */
function tokenizer() {
  let worker = null;
  let inline = false;
  let busy = false;
  let queued = null;
  let seq = 0;
  let deliver = null;
  const direct = (msg) => loadEncoder(msg.name)
    .then((core) => ({ seq: msg.seq, result: analyse(core, msg.name, msg.text, msg.limit, msg.baseline) }))
    .catch((error) => ({ seq: msg.seq, error: String(error?.message || error) }));
  function done(reply) {
    busy = false;
    if (queued) {
      const next = queued;
      queued = null;
      send(next);
      return;
    }
    if (reply.seq === seq) deliver(reply);
  }
  function send(msg) {
    busy = true;
    msg.seq = ++seq;
    if (!inline && !worker) {
      try {
        worker = new Worker(new URL("./_tokenize-worker.js", import.meta.url), { type: "module" });
        worker.onmessage = (event) => done(event.data);
        worker.onerror = (event) => {   // the worker could not start: tokenize on the page instead
          event.preventDefault();
          inline = true;
          worker = null;
          direct(msg).then(done);
        };
      } catch {
        inline = true;
      }
    }
    if (inline) setTimeout(() => direct(msg).then(done), 0);
    else worker.postMessage(msg);
  }
  return {
    onReply(fn) { deliver = fn; },
    request(msg) {
      if (busy) queued = msg;
      else send(msg);
    },
  };
}

export function mount(el) {
  const on = listener(el);
  const data = readData(el);
  const encodings = data.encodings; // [[name, label], ...]
  const staticTable = el.querySelector("table");
  const say = liveRegion(el);
  const work = tokenizer();
  let name = encodings[0][0];
  let baseline = "none";
  let used = false;
  let showAll = false;
  let announce = false;
  let last = null; // the latest result drawn
  let drawn = []; // signature of each unit drawn, in order
  let drawnName = null; // and the vocabulary they were drawn with
  let drawing = 0; // ticket of the slice-by-slice drawing in progress
  let hot = [];

  const boxId = newId("atlas-tok-text");
  const box = h("textarea", { id: boxId, rows: "3", spellcheck: "false", maxlength: String(MAX_CHARS), "data-role": "text",
    "aria-describedby": `${boxId}-help` });
  box.value = data.sample;
  const help = h("p", { class: "atlas-note", id: `${boxId}-help` },
    "Type or paste anything (up to 100,000 characters). Each token is coloured over your text and listed as a chip with its id; ␣ marks a space, ↵ a new line. A character whose bytes fall in several tokens is shown once, with its tokens under it. Arrow keys move between the chips.");

  const vocabId = newId("atlas-tok-vocab");
  const select = h("select", { id: vocabId, "data-role": "encoding" },
    ...encodings.map(([value, label]) => h("option", { value }, label)));
  const radios = h("fieldset", { "data-role": "baseline" }, h("legend", {}, "Compare with"));
  const group = newId("atlas-tok-base");
  for (const [value, label] of [["none", "nothing"], ["words", "words"], ["characters", "characters"]]) {
    const id = `${group}-${value}`;
    const r = h("input", { type: "radio", name: group, id, value, checked: value === "none" });
    on(r, "change", () => {
      if (!r.checked) return;
      baseline = value;
      update(true);
    });
    radios.append(h("label", { for: id }, r, ` ${label}`));
  }

  const counts = h("p", { class: "atlas-stats", "data-role": "counts" });
  const limits = h("p", { class: "atlas-note atlas-tok-limits", "data-role": "limits", hidden: true });
  const tokensLabel = h("span", { class: "atlas-label", id: newId("atlas-tok-label") }, "Tokens");
  const hint = h("p", { class: "atlas-note", "data-role": "hint" },
    "Click in the box or start typing: the tokenizer's vocabulary then loads from this site (a few hundred kilobytes, once).");
  const view = h("div", { class: "atlas-tok-view", "data-role": "text-view", role: "region", tabindex: "0",
    "aria-label": "Your text, coloured token by token", hidden: true });
  const rest = h("p", { class: "atlas-note", "data-role": "rest", hidden: true });
  const chips = h("ol", { class: "atlas-chips", "data-role": "tokens", "aria-labelledby": tokensLabel.id });
  const panel = h("div", { class: "atlas-tok-panel" }, chips);
  const more = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "show-all", hidden: true });
  const moreRow = h("p", { class: "atlas-row", "data-role": "more", hidden: true });
  const moreText = h("span", { class: "atlas-note" });
  moreRow.append(moreText, more);
  const baseLabel = h("span", { class: "atlas-label", id: newId("atlas-tok-blabel"), hidden: true });
  const baseChips = h("ol", { class: "atlas-chips atlas-plain", "data-role": "baseline-chips", "aria-labelledby": baseLabel.id, hidden: true });
  const details = h("details", { open: true }, h("summary", {}, "Tokens as a table"));
  if (staticTable) details.append(staticTable);

  el.prepend(
    h("label", { class: "atlas-label", for: boxId }, "Text to tokenize"), box, help,
    h("div", { class: "atlas-row" }, h("label", { for: vocabId }, "Vocabulary "), select, radios),
    counts, limits, tokensLabel, hint, view, rest, panel, moreRow, baseLabel, baseChips, details,
  );

  function label() { return encodings.find((e) => e[0] === name)[1]; }

  function countsText(chars, nWords, nTokens) {
    const tok = nTokens === null ? "tokens: not counted yet" : plural(nTokens, "token");
    return `${plural(chars, "character")} · ${plural(nWords, "word")} · ${tok}`;
  }

  // --- drawing ------------------------------------------------------------------------------------

  function pieceHtml(segs) {
    return segs.map(([s, isByte], i) => (isByte ? `${i && segs[i - 1][1] ? " " : ""}<span class="atlas-byte">${s}</span>` : esc(s))).join("");
  }

  function chipHtml(id, segs, part, c) {
    const piece = segs.map(([s, isByte]) => (isByte ? `byte ${s}` : spoken(s) || s)).join(", ");
    return `<li class="atlas-c${c}" data-id="${id}" tabindex="-1" aria-label="${esc(`${part}${piece}, id ${id}`)}">`
      + `<span class="atlas-piece">${pieceHtml(segs)}</span><span class="atlas-id">${id}</span></li>`;
  }

  /** One unit of result `r` in colour `c` (0-3): [its chip, or group of chips, its span over the text].
     Nothing in either depends on where the unit is, so a unit that only moved is never redrawn. */
  function unitHtml(r, u, c) {
    const [start, end, first, count] = r.units[u];
    const text = esc(r.text.slice(start, end));
    if (count === 1) return [chipHtml(...r.tokens[first], "", c), `<span class="atlas-c${c}">${text}</span>`];
    const shown = showSpace(r.text.slice(start, end));
    const inner = [];
    for (let k = 0; k < count; k++) inner.push(chipHtml(...r.tokens[first + k], `part ${k + 1} of ${count} of ${spoken(shown) || shown}: `, (c + k) % 4));
    const chip = `<li class="atlas-group"><span class="atlas-group-label" aria-hidden="true">${esc(shown)} = ${count} tokens</span>`
      + `<ol>${inner.join("")}</ol></li>`;
    return [chip, `<span class="atlas-c${c} atlas-split">${text}</span>`];
  }

  /** Each unit's colour: from its first token's id, so it stays when the unit moves, and never
     the colour of the unit before it, so neighbours always differ. */
  function colours(r) {
    const out = new Array(r.units.length);
    for (let u = 0; u < out.length; u++) {
      let c = r.tokens[r.units[u][2]][0] % 4;
      if (u > 0 && c === out[u - 1]) c = (c + 1) % 4;
      out[u] = c;
    }
    return out;
  }

  function signature(r, u, c) {
    const [start, end, first, count] = r.units[u];
    let s = `${c}${r.text.slice(start, end)}`;
    for (let k = first; k < first + count; k++) s += `\u0000${r.tokens[k][0]}`;
    return s;
  }

  /** Remove units [from, to) from both lists (each has one child per unit). */
  function cut(from, to) {
    if (from >= to) return;
    for (const list of [chips, view]) {
      const range = document.createRange();
      range.setStartBefore(list.children[from]);
      range.setEndAfter(list.children[to - 1]);
      range.deleteContents();
    }
  }

  /** Insert units [from, to) of `r` before the unit now at `at` (or at the end). */
  function put(r, cols, from, to, at) {
    const c = [];
    const v = [];
    for (let u = from; u < to; u++) {
      const [chip, span] = unitHtml(r, u, cols[u]);
      c.push(chip);
      v.push(span);
    }
    for (const [list, html] of [[chips, c.join("")], [view, v.join("")]]) {
      const ref = list.children[at];
      if (ref) ref.insertAdjacentHTML("beforebegin", html);
      else list.insertAdjacentHTML("beforeend", html);
    }
  }

  /** Draw result `r`, redrawing only the units that changed: an edit changes a few units where it
     is made and moves the rest, so the units drawn before it and after it are kept. */
  function draw(r) {
    const ticket = ++drawing;
    if (r.name !== drawnName) {
      chips.replaceChildren();
      view.replaceChildren();
      drawn = [];
      drawnName = r.name;
    }
    const cols = colours(r);
    const sigs = r.units.map((_, u) => signature(r, u, cols[u]));
    const old = drawn;
    let p = 0;
    while (p < sigs.length && p < old.length && sigs[p] === old[p]) p++;
    // Where the two agree again after the edit: a units of the new, b of the old, fewest first.
    let a = -1;
    let b = -1;
    for (let d = 0; d <= 16 && a < 0; d++) {
      for (let i = Math.max(0, d - 8); i <= Math.min(d, 8); i++) {
        if (p + i < sigs.length && p + d - i < old.length && sigs[p + i] === old[p + d - i]) { a = i; b = d - i; break; }
      }
    }
    let keep = p;
    if (a >= 0) {
      cut(p, p + b);
      put(r, cols, p, p + a, p);
      let q = 0;
      while (p + a + q < sigs.length && p + b + q < old.length && sigs[p + a + q] === old[p + b + q]) q++;
      keep = p + a + q;
    }
    cut(keep, chips.children.length);
    drawn = sigs.slice(0, keep);
    const step = (from) => {
      if (ticket !== drawing) return;
      const to = Math.min(sigs.length, from + SLICE);
      put(r, cols, from, to, from);
      drawn.push(...sigs.slice(from, to));
      if (to < sigs.length) setTimeout(guard(el, () => step(to)), 0);
      else focusable();
    };
    step(keep);
  }

  function focusable() {
    if (chips.querySelector("li[data-id][tabindex='0']")) return;
    const first = chips.querySelector("li[data-id]");
    if (first) first.tabIndex = 0;
  }

  function drawBaseline(r) {
    const b = baseline === "none" ? null : r.baseline;
    baseLabel.hidden = baseChips.hidden = !b;
    if (!b) { baseChips.replaceChildren(); return; }
    baseLabel.textContent = `${baseline === "words" ? "Words" : "Characters"}, for contrast: ${fmt(b.total)}`;
    baseChips.innerHTML = b.parts.map((p) => {
      const shown = showSpace(p);
      return `<li${shown !== p ? ` title="${esc(spoken(shown))}"` : ""}><span class="atlas-piece">${esc(shown)}</span></li>`;
    }).join("") + (b.total > b.parts.length ? `<li>… ${fmt(b.total - b.parts.length)} more</li>` : "");
  }

  function drawTable(r) {
    if (!staticTable || !details.open || !r) return;
    staticTable.tBodies[0].innerHTML = r.tokens.map(([id, segs], i) =>
      `<tr><th scope="row">${i + 1}</th><td><code>${esc(segs.map(([s, isByte]) => (isByte ? `\\x${s}` : s)).join(""))}</code></td><td>${id}</td></tr>`).join("");
    const part = r.tokens.length < r.total ? ` (the first ${fmt(r.tokens.length)} shown)` : "";
    staticTable.caption.textContent = `${label()} tokens of the text in the box: ${fmt(r.total)}${part}`;
  }

  function show(r) {
    last = r;
    hint.hidden = true;
    tokensLabel.textContent = `Tokens (${label()})`;
    counts.textContent = countsText(r.chars, r.words, r.total);
    const notes = [];
    if (r.length >= MAX_CHARS) notes.push(`The box holds at most ${fmt(MAX_CHARS)} characters: a longer paste is cut there.`);
    if (r.capped) notes.push(`Only the first ${fmt(MAX_CHARS)} characters are tokenized.`);
    if (r.cut) {
      notes.push(`A run of more than ${MAX_RUN} characters with no break (one letter or emoji repeated, say) is tokenized `
        + `${MAX_RUN} characters at a time, to keep this page responsive; ${label().split(" ")[0]}'s own tokenizer does not cut it, so tokens at each cut may differ.`);
    }
    limits.textContent = notes.join(" ");
    limits.hidden = !notes.length;
    view.hidden = false;
    draw(r);
    const shownTokens = r.tokens.length;
    const restChars = r.chars - Array.from(r.text).length;
    rest.hidden = restChars <= 0;
    rest.textContent = restChars > 0 ? `… and ${plural(restChars, "more character")}${r.capped ? ", not all of them tokenized" : ""}.` : "";
    moreRow.hidden = !(shownTokens < r.total || showAll);
    moreText.textContent = showAll ? `All ${plural(r.total, "token")} shown.` : `The first ${fmt(shownTokens)} of ${plural(r.total, "token")} shown.`;
    more.textContent = showAll ? `Show the first ${LIMIT} only` : `Show all ${fmt(r.total)}`;
    more.hidden = !showAll && shownTokens >= r.total;
    el.toggleAttribute("data-atlas-busy", false);
    el.setAttribute("data-atlas-length", String(r.length));
    drawBaseline(r);
    drawTable(r);
    if (announce) {
      let msg = `${plural(r.total, "token")} with ${label()}, ${plural(r.chars, "character")}, ${plural(r.words, "word")}.`;
      if (r.baseline && baseline !== "none") msg += ` ${fmt(r.baseline.total)} ${baseline} for contrast.`;
      say(msg, 700);
      announce = false;
    }
  }

  work.onReply(guard(el, (reply) => {
    if (reply.error) {
      hint.hidden = false;
      hint.textContent = "The vocabulary could not be loaded. The table below still shows the starting text's tokens.";
      el.toggleAttribute("data-atlas-busy", false);
      return;
    }
    if (reply.result.name !== name) return;
    show(reply.result);
  }));

  function update(loud) {
    announce = announce || loud;
    if (!used) return;
    el.toggleAttribute("data-atlas-busy", true);
    if (!last || last.name !== name) {
      hint.hidden = false;
      hint.textContent = `Loading the ${label()} vocabulary…`;
    }
    work.request({ name, text: box.value, limit: showAll ? Number.MAX_SAFE_INTEGER : LIMIT, baseline });
  }

  // --- linking text and chips: hover either, or focus a chip ---------------------------------------

  /** The unit (index) an element inside one of the two lists belongs to, or -1. */
  function unitOf(target, list) {
    let n = target;
    while (n && n.parentElement !== list) n = n.parentElement;
    return n ? Array.prototype.indexOf.call(list.children, n) : -1;
  }
  function highlight(u) {
    for (const e of hot) e.classList.remove("atlas-hot");
    hot = u < 0 ? [] : [chips.children[u], view.children[u]].filter(Boolean);
    for (const e of hot) e.classList.add("atlas-hot");
  }
  on(panel, "pointerover", (e) => highlight(unitOf(e.target, chips)));
  on(view, "pointerover", (e) => highlight(unitOf(e.target, view)));
  on(panel, "pointerleave", () => highlight(unitOf(document.activeElement, chips)));
  on(view, "pointerleave", () => highlight(-1));
  on(chips, "focusin", (e) => {
    const u = unitOf(e.target, chips);
    highlight(u);
    const span = view.children[u];   // keep the focused token's text in sight, without scrolling the page
    if (span) {
      const s = span.getBoundingClientRect();
      const v = view.getBoundingClientRect();
      if (s.top < v.top || s.bottom > v.bottom) view.scrollTop += s.top - v.top - v.height / 3;
    }
  });
  on(chips, "focusout", () => highlight(-1));
  on(chips, "keydown", (e) => {
    const all = [...chips.querySelectorAll("li[data-id]")];
    const i = all.indexOf(e.target);
    if (i < 0) return;
    const to = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: all.length - 1 }[e.key];
    if (to === undefined || !all[to]) return;
    e.preventDefault();
    all[i].tabIndex = -1;
    all[to].tabIndex = 0;
    all[to].focus();
  });
  on(chips, "click", (e) => {
    const chip = e.target.closest("li[data-id]");
    if (!chip) return;
    for (const c of chips.querySelectorAll("li[tabindex='0']")) c.tabIndex = -1;
    chip.tabIndex = 0;
    chip.focus();
  });

  on(more, "click", () => {
    showAll = !showAll;
    update(false);
  });
  on(details, "toggle", () => drawTable(last));

  function start() {
    if (used) return;
    used = true;
    details.open = false;
    update(true);
  }

  on(box, "focus", start);
  on(box, "input", () => {
    used = true;
    update(true);
  });
  on(select, "change", () => {
    name = select.value;
    used = true;
    update(true);
  });

  hint.hidden = false;
  counts.textContent = countsText(Array.from(box.value).length, words(box.value).length, null);
}
