/* GenAI Atlas: reading on a phone (issue 15), on every page (document$), each part on its own
   (window.atlasRun, from atlas-early.js). Styles in stylesheets/phone.css. Without scripts, diagrams
   stay in the page, cards stay tables and acronyms keep their title.
   1. Diagrams open full screen in a <dialog>: the button on each, or a tap; zoom buttons, Esc or
      Close shuts it and focus returns to the button. Labels start at 11 px or more.
   2. Head-to-head and catalogue cards: each cell gets its column's header as data-label.
   3. Acronyms: the first of each per page (never in a heading or a link) is underlined and focusable;
      the others keep their title but no underline.
   4. A deep link stays on its section while figures above it grow, where the browser has no
      scroll anchoring (Safari).
   5. The blocks atlas.css leaves unstyled at first paint are laid out after start-up, a few per
      frame, so each frame stays short; then <html data-atlas-laid-out>. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (Biome takes .js for modules)
  "use strict";
  const run = window.atlasRun;
  const READABLE = 11; // CSS px, the smallest label a reader is asked to read

  let dialog;
  let body;
  let title;
  let opener;
  let svg;
  let scale = 1;
  let least = 1;

  function zoom(to) {
    scale = Math.min(4, Math.max(least, to));
    svg.style.width = `${Math.ceil(svg.viewBox.baseVal.width * scale)}px`;
  }

  function button(label, text, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.textContent = text;
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onClick);
    return b;
  }

  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "atlas-zoom";
    dialog.setAttribute("aria-labelledby", "atlas-zoom-title");
    const bar = document.createElement("div");
    bar.className = "atlas-zoom-bar";
    title = document.createElement("p");
    title.id = "atlas-zoom-title";
    const close = button("", "Close", () => dialog.close());
    close.autofocus = true;
    bar.append(title, button("Zoom out", "−", () => zoom(scale / 1.25)), button("Zoom in", "+", () => zoom(scale * 1.25)), close);
    body = document.createElement("div");
    body.className = "atlas-zoom-body";
    dialog.append(bar, body);
    dialog.addEventListener("close", () => opener?.isConnected && opener.focus());
    document.body.appendChild(dialog);
  }

  /** A copy of the diagram with its ids renamed (title, description, markers), so none is doubled. */
  function copyOf(diagram) {
    let markup = diagram.outerHTML;
    for (const el of diagram.querySelectorAll("[id]")) {
      markup = markup.replace(new RegExp(`(["#\\s])${el.id}(?=["\\s)])`, "g"), `$1${el.id}-zoom`);
    }
    const holder = document.createElement("div");
    holder.innerHTML = markup;
    return holder.firstElementChild;
  }

  function open(diagram, from) {
    if (!dialog?.isConnected) makeDialog();
    opener = from;
    title.textContent = diagram.querySelector("title")?.textContent || "Diagram";
    svg = copyOf(diagram);
    body.replaceChildren(svg);
    dialog.showModal();
    const sizes = Array.from(svg.querySelectorAll("text"), (t) => Number.parseFloat(getComputedStyle(t).fontSize) || 14);
    const vb = svg.viewBox.baseVal;
    const fit = Math.min((body.clientWidth - 32) / vb.width, (body.clientHeight - 32) / vb.height);
    least = Math.min(fit, READABLE / Math.min(14, ...sizes));
    zoom(Math.max(fit, READABLE / Math.min(14, ...sizes)));
  }

  const ICON =
    '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M4 4h6v2H7.4l3.3 3.3-1.4 1.4L6 7.4V10H4zm16 0v6h-2V7.4l-3.3 3.3-1.4-1.4L16.6 6H14V4zM4 20v-6h2v2.6l3.3-3.3 1.4 1.4L7.4 18H10v2zm16 0h-6v-2h2.6l-3.3-3.3 1.4-1.4 3.3 3.3V14h2z"/></svg>Enlarge';

  function zoomButtons(root) {
    for (const diagram of root.querySelectorAll(".md-content svg.atlas-diagram")) {
      const box = diagram.parentElement;
      if (box.classList.contains("atlas-zoomable")) continue;
      box.classList.add("atlas-zoomable");
      const name = diagram.querySelector("title")?.textContent || "diagram";
      const b = button(`Enlarge diagram: ${name}`, "", () => open(diagram, b));
      b.className = "atlas-zoom-open";
      b.innerHTML = ICON;
      diagram.addEventListener("click", () => open(diagram, b));
      box.appendChild(b);
    }
  }

  function cardLabels(root) {
    for (const table of root.querySelectorAll(".atlas-cards table")) {
      const heads = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
      for (const row of table.tBodies[0]?.rows || []) {
        for (const [i, cell] of Array.from(row.cells).entries()) if (heads[i]) cell.setAttribute("data-label", heads[i]);
      }
    }
  }

  function acronyms(root) {
    const seen = new Set();
    for (const abbr of root.querySelectorAll(".md-content article abbr[title]")) {
      const name = abbr.textContent;
      const next = abbr.nextSibling;
      if (seen.has(name) || abbr.closest("h1, h2, h3, h4, h5, h6, a, th, .atlas-print-head")) continue;
      if (next?.nodeType === 3 && /^[-‑]\w/.test(next.data)) continue; // "GPT-4" is a name, not the acronym
      seen.add(name);
      abbr.classList.add("atlas-abbr");
      abbr.tabIndex = 0;
    }
  }

  run("deep-link hold", () => {
    if (CSS.supports("overflow-anchor", "none") || !window.ResizeObserver) return; // the browser keeps the place
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {}
    const target = id && document.getElementById(id);
    if (!target) return;
    const hold = new ResizeObserver(() => target.scrollIntoView());
    const stop = () => hold.disconnect();
    for (const type of ["wheel", "touchstart", "keydown", "pointerdown"]) addEventListener(type, stop, { once: true, passive: true });
    setTimeout(stop, 5000);
    for (const figure of document.querySelectorAll("[data-atlas-figure]")) {
      if (figure.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) hold.observe(figure);
    }
  });

  // atlas.css skips blocks far from the screen (content-visibility: auto) so that the first layout
  // is short. Left skipped, a block is laid out only when scrolled near, at a guessed height: a
  // tool that scrolls to an element far down (axe, Lighthouse, find-in-page) measured it while the
  // blocks around it resized, and read colours from the wrong layer. Once the page has started,
  // the skipped blocks are shown for good, about ELEMENTS_PER_FRAME elements a frame (about 20 ms
  // at a phone's speed, 4x slower than this laptop: no frame is a long task).
  const ELEMENTS_PER_FRAME = 120;
  function layOutSkipped() {
    const root = document.documentElement;
    delete root.dataset.atlasLaidOut;
    const article = document.querySelector(".md-content__inner");
    const blocks = article ? [...article.children].filter((el) => getComputedStyle(el).contentVisibility === "auto") : [];
    const step = () => {
      if (!article.isConnected) return; // instant navigation brought another page
      let budget = ELEMENTS_PER_FRAME;
      while (blocks.length && budget > 0) {
        const el = blocks.shift();
        budget -= 1 + el.getElementsByTagName("*").length;
        el.style.contentVisibility = "visible";
      }
      if (blocks.length) requestAnimationFrame(step);
      else root.dataset.atlasLaidOut = "";
    };
    const start = () => requestAnimationFrame(step);
    const afterLoad = () => (window.requestIdleCallback ? requestIdleCallback(start, { timeout: 2000 }) : setTimeout(start, 200));
    if (!blocks.length) root.dataset.atlasLaidOut = "";
    else if (document.readyState === "complete") afterLoad();
    else addEventListener("load", afterLoad, { once: true });
  }

  function enhance() {
    run("lay out skipped blocks", layOutSkipped);
    run("diagram zoom", zoomButtons, document);
    run("card labels", cardLabels, document);
    run("acronyms", acronyms, document);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
})();
