/* BPE step by step (concepts/tokenization/#bpe-step-by-step).
   Replays the merges that train_bpe (scripts/atlas_build/examples/tokenization_bpe.py) learned at build time:
   the data comes from the page (data-atlas-data), nothing is recomputed here, so the figure and
   the Python reference cannot disagree. Without scripts, the merge table stays as it is. */
import { listener, h, liveRegion, readData } from "./_shared.js";

const show = (s) => s;   // symbols are shown as they are, `</w>` included

export function mount(el) {
  const on = listener(el);
  const data = readData(el);
  const table = el.querySelector("table");
  const rows = table ? Array.from(table.tBodies[0].rows) : [];
  const total = data.steps.length;
  const counts = Object.fromEntries(data.corpus);
  let step = 0;

  const next = h("button", { type: "button", class: "atlas-btn", "data-action": "next" }, "Next merge");
  const reset = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "reset" }, "Reset");
  const progress = h("span", { class: "atlas-stats", "data-role": "progress" });
  const stats = h("p", { class: "atlas-stats", "data-role": "stats" });
  const words = h("dl", { class: "atlas-words", "data-role": "corpus" });
  const candidates = h("ol", { class: "atlas-chips atlas-plain", "data-role": "candidates", "aria-label": "Most frequent adjacent pairs" });
  const say = liveRegion(el);

  const controls = h("div", { class: "atlas-row" }, next, reset, progress);
  const corpusLabel = h("span", { class: "atlas-label" }, "Corpus, segmented (×: how often the word occurs)");
  const candLabel = h("span", { class: "atlas-label" }, "Most frequent adjacent pairs now (the first is merged next)");
  el.prepend(controls, stats, corpusLabel, words, candLabel, candidates);

  function segmented() {
    return step === 0 ? data.start : data.steps[step - 1].segmented;
  }

  function render() {
    const seg = segmented();
    const merged = step === 0 ? null : data.steps[step - 1].pair.join("");
    progress.textContent = `Merge ${step} of ${total}`;
    const length = step === 0 ? data.startLength : data.steps[step - 1].length;
    stats.textContent = `Vocabulary: ${data.alphabet.length} + ${step} = ${data.alphabet.length + step} symbols · corpus length: ${length} symbols`;

    words.replaceChildren();
    for (const [word, pieces] of Object.entries(seg)) {
      const list = h("ol", { class: "atlas-chips", "aria-label": `${word}: ${pieces.length} pieces` });
      for (const p of pieces) {
        const isNew = p === merged;
        list.append(h("li", { class: isNew ? "atlas-new" : null, title: isNew ? "made by the last merge" : null },
          h("span", { class: "atlas-piece" }, show(p))));
      }
      words.append(h("dt", {}, `${word} ×${counts[word]}`), h("dd", {}, list));
    }

    candidates.replaceChildren();
    const pairs = data.candidates[step] || [];
    pairs.forEach(([a, b, n], i) => {
      candidates.append(h("li", { class: i === 0 ? "atlas-new" : null },
        h("span", { class: "atlas-piece" }, `${show(a)} + ${show(b)}`),
        h("span", { class: "atlas-id" }, `${n}×`)));
    });
    if (!pairs.length) candidates.append(h("li", {}, "no pairs left"));

    rows.forEach((r, i) => {
      r.hidden = i >= step;
      r.classList.toggle("atlas-current", i === step - 1);
    });
    if (table) table.caption.textContent = step === 0
      ? "Merge table: empty until the first merge"
      : `Merge table: ${step} of ${total} merges learned so far`;

    next.disabled = step >= total;
    reset.disabled = step === 0;
  }

  function announce() {
    if (step === 0) {
      say(`Back to the start: every word split into characters plus </w>. Corpus length ${data.startLength} symbols.`);
      return;
    }
    const s = data.steps[step - 1];
    let msg = `Merge ${s.step}: ${s.pair[0]} plus ${s.pair[1]} makes ${s.pair.join("")}, found ${s.count} times. Corpus length now ${s.length} symbols.`;
    if (step === total) {
      const after = data.candidates[step]?.[0];
      msg += ` All ${total} merges done.${after ? ` The next would join ${after[0]} and ${after[1]} (${after[2]} times).` : ""}`;
    }
    say(msg);
  }

  on(next, "click", () => {
    if (step >= total) return;
    step += 1;
    render();
    announce();
    if (next.disabled) reset.focus();   // keep keyboard focus inside the figure
  });
  on(reset, "click", () => {
    step = 0;
    render();
    announce();
    next.focus();
  });

  render();
}
