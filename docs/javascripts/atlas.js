/* GenAI Atlas: progressive enhancements, run on every page (document$, instant navigation too):
   copy-link buttons on headings and in the instructors' index, catalogue filters, interactive
   figures, the deep-link highlight, moved-section forwarding. Without scripts the page still has
   ¶ permalinks, addresses as text, every catalogue row and each figure's table. Each enhancement
   runs on its own (run()): one that throws is reported, named, and the others still run. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (Biome takes .js for modules)
  "use strict";

  // One enhancement at a time: atlas-early.js (loaded before Material's bundle) defines the runner.
  const run = window.atlasRun;

  /** A hash without "#", percent-decoded; as it stands when it is malformed ("#%", "#%ZZ"). */
  function hashId(hash = location.hash) {
    const raw = hash.slice(1);
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }

  // The site's root, resolved once as Material does (its base is relative to the first page), or
  // from this script's address (javascripts/atlas.js) should #__config be missing or unreadable.
  const SCRIPT = document.currentScript?.src;
  const ROOT = (() => {
    try {
      const config = document.getElementById("__config");
      const base = config && JSON.parse(config.textContent).base;
      if (typeof base === "string") return new URL(base, location.href);
    } catch (error) {
      console.error("atlas: #__config is not valid JSON", error);
    }
    return new URL("../", SCRIPT || location.href);
  })();

  // --- copy links --------------------------------------------------------------------------------

  let live;
  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "atlas-visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    // Cleared first, so a repeated message is announced too.
    setTimeout(() => {
      live.textContent = message;
    }, 50);
  }

  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand("copy");
    } catch {
      // nothing more a page can do
    }
    document.body.removeChild(area);
  }

  function copy(text, button, what) {
    const done = () => {
      button.classList.add("atlas-copied");
      announce(`Link to ${what} copied`);
      setTimeout(() => button.classList.remove("atlas-copied"), 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, () => {
        fallbackCopy(text);
        done();
      });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function copyButton(label, onClick) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "atlas-copy-link";
    b.setAttribute("aria-label", label);
    b.addEventListener("click", () => onClick(b));
    return b;
  }

  function addHeadingButtons(root) {
    for (const h of root.querySelectorAll(".md-content article :is(h2, h3, h4)[id]")) {
      if (h.querySelector(".atlas-copy-link")) continue;
      const title = (h.firstChild?.textContent || h.textContent).replace("¶", "").trim();
      const b = copyButton(`Copy link to section: ${title}`, (button) =>
        copy(`${location.origin}${location.pathname}#${h.id}`, button, `section ${title}`),
      );
      b.title = "Copy link to this section";
      h.appendChild(b);
    }
  }

  function addIndexButtons(root) {
    for (const row of root.querySelectorAll(".atlas-section-index tbody tr")) {
      const link = row.querySelector("a[href]");
      const cell = row.lastElementChild;
      if (!link || !cell || cell.querySelector(".atlas-copy-link")) continue;
      const what = link.textContent.trim();
      cell.appendChild(copyButton(`Copy link to ${what}`, (button) => copy(link.href, button, what)));
    }
  }

  // --- systems catalogue: filter rows by modality and family -------------------------------------

  const values = (cell) =>
    cell.textContent
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);

  function addCatalogueFilters(root) {
    for (const box of root.querySelectorAll(".atlas-catalogue")) {
      const table = box.querySelector("table");
      if (!table || box.querySelector(".atlas-filters")) continue;
      const heads = Array.from(table.querySelectorAll("thead th"), (th) => th.textContent.trim());
      const rows = Array.from(table.querySelectorAll("tbody tr"));
      const form = document.createElement("form");
      form.className = "atlas-filters";
      form.setAttribute("aria-label", "Filter the catalogue");
      const status = document.createElement("p");
      status.setAttribute("role", "status");
      status.className = "atlas-filter-status";
      const filters = [];
      for (const name of ["Modality", "Family"]) {
        const col = heads.indexOf(name);
        if (col === -1) continue; // a catalogue without that column gets no filter for it
        const seen = new Set(rows.flatMap((r) => values(r.cells[col])));
        const label = document.createElement("label");
        label.textContent = `${name} `;
        const select = document.createElement("select");
        select.name = name.toLowerCase();
        select.append(new Option("all", ""), ...Array.from(seen).sort().map((v) => new Option(v, v)));
        label.appendChild(select);
        form.appendChild(label);
        filters.push({ col, select });
      }
      const apply = () => {
        let shown = 0;
        for (const r of rows) {
          const ok = filters.every((f) => !f.select.value || values(r.cells[f.col]).includes(f.select.value));
          r.hidden = !ok;
          if (ok) shown++;
        }
        status.textContent = `Showing ${shown} of ${rows.length} systems`;
      };
      form.addEventListener("change", apply);
      form.addEventListener("submit", (e) => e.preventDefault());
      box.insertBefore(status, box.firstChild);
      box.insertBefore(form, status);
      apply();
    }
  }

  // --- interactive figures: <div data-atlas-figure="NAME"> (scripts/atlas_build/figures.py) ---------
  // javascripts/figures/NAME.js (exports mount(el)) loads within a screen of the reader, with
  // stylesheets/figures.css for the first. On failure (module, mount, or later: _shared.js guard())
  // the figure gets its content as built back, the no-script table, with a note.

  const FIGURE_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const FIGURE_FAILED = "This interactive figure could not start; the table below shows the same numbers.";
  let figureCss = null;

  /** figures.css, added to the page the first time a figure mounts; resolves once it applies. */
  function figureStyles() {
    if (figureCss && document.getElementById("atlas-figures-css")) return figureCss;
    const link = document.createElement("link");
    link.id = "atlas-figures-css";
    link.rel = "stylesheet";
    link.href = new URL("stylesheets/figures.css", ROOT).href;
    figureCss = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", () => {
        console.error("atlas: the figures' stylesheet did not load", link.href);
        resolve(); // the figure still works, unstyled
      });
    });
    document.head.appendChild(link);
    return figureCss;
  }

  /** Put the figure back to its content as built (the no-script table) and say it failed. */
  function figureFailed(el, original, error) {
    console.error(`atlas: figure "${el.getAttribute("data-atlas-figure")}" failed`, error);
    if (el.hasAttribute("data-atlas-figure-failed")) return;
    el.setAttribute("data-atlas-figure-failed", "");
    el.removeAttribute("data-atlas-figure-ready");
    el.replaceChildren(...original);
    const note = document.createElement("p");
    note.className = "atlas-figure-note";
    note.textContent = FIGURE_FAILED;
    el.prepend(note);
  }

  /** What a figure was built with (its table), for the printed handout only (phone.css): a live
      figure moves or rewrites its own table, so print shows a copy of the built one. The copies
      exist only while printing (beforeprint to afterprint), after their figure: kept in the page,
      every script and selector that reads the figure or the page would find them too. Ids and the
      references to them are dropped, so the page's ids stay unique. */
  const builtWith = new WeakMap();
  function printCopy(original) {
    const copy = document.createElement("div");
    copy.className = "atlas-figure atlas-figure-print";
    copy.setAttribute("aria-hidden", "true");
    for (const node of original) copy.append(node.cloneNode(true));
    for (const e of copy.querySelectorAll("[id], [for], [aria-labelledby], [aria-describedby], [aria-controls]"))
      for (const a of ["id", "for", "aria-labelledby", "aria-describedby", "aria-controls"]) e.removeAttribute(a);
    return copy;
  }

  addEventListener("beforeprint", () => {
    for (const el of document.querySelectorAll("[data-atlas-figure-ready]"))
      if (builtWith.has(el) && !el.nextElementSibling?.classList.contains("atlas-figure-print")) el.after(printCopy(builtWith.get(el)));
  });
  addEventListener("afterprint", () => {
    for (const copy of document.querySelectorAll(".atlas-figure-print")) copy.remove();
  });

  function loadFigure(el) {
    const name = el.getAttribute("data-atlas-figure") || "";
    // What the figure was built with (its table): the printed handout shows that, not the controls.
    for (const child of el.children) child.setAttribute("data-atlas-static", "");
    const original = Array.from(el.childNodes, (node) => node.cloneNode(true));
    const fail = (error) => figureFailed(el, original, error);
    el.addEventListener("atlas-figure-error", (event) => fail(event.detail));
    if (!FIGURE_NAME.test(name)) {
      fail(new Error(`not a figure name: "${name}"`));
      return;
    }
    const url = new URL(`javascripts/figures/${name}.js`, ROOT).href;
    // Inside then(): what mount() throws or its promise rejects with reaches catch().
    Promise.all([import(url), figureStyles()])
      .then(([module]) => module.mount(el))
      .then(() => {
        if (el.hasAttribute("data-atlas-figure-failed")) return;
        builtWith.set(el, original);
        el.setAttribute("data-atlas-figure-ready", "");
      })
      .catch(fail);
  }

  const figureObserver =
    "IntersectionObserver" in window
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (!entry.isIntersecting) continue;
              figureObserver.unobserve(entry.target);
              run("figure mounting", loadFigure, entry.target);
            }
          },
          { rootMargin: "100% 0px" },
        )
      : null;

  function mountFigures(root) {
    for (const el of root.querySelectorAll("[data-atlas-figure]")) {
      if (el.hasAttribute("data-atlas-figure-seen")) continue;
      el.setAttribute("data-atlas-figure-seen", "");
      if (figureObserver) figureObserver.observe(el);
      else run("figure mounting", loadFigure, el);
    }
  }

  // --- deep links --------------------------------------------------------------------------------

  function highlightTarget() {
    const id = hashId();
    const el = id && document.getElementById(id);
    if (!el) return;
    el.classList.remove("atlas-target");
    void el.offsetWidth; // restart the animation when the same section is linked twice
    el.classList.add("atlas-target");
    setTimeout(() => el.classList.remove("atlas-target"), 2600);
    // Instant navigation scrolls but leaves focus behind (Tab after the skip link went back to the
    // header): focus the section, as a normal jump would.
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
  }

  // Moved sections (mkdocs.yml extra.moved_sections, in <script id="atlas-moved">), the format the
  // tests and atlas_tools/manifest.py read too: {"old/page/#old-id": "new/page/#new-id"}, without a
  // leading slash ("#id": the home page). Only that form counts, so no target leaves the site.
  const SITE_ADDRESS = /^(?:[A-Za-z0-9_~-][A-Za-z0-9._~-]*\/)*#[^\s#]+$/;

  /** The moved sections in `text` (the data block's JSON), malformed entries left out. */
  function movedSections(text) {
    let map;
    try {
      map = JSON.parse(text);
    } catch (error) {
      console.error("atlas: #atlas-moved is not valid JSON", error);
      return {};
    }
    const out = {};
    if (!map || typeof map !== "object" || Array.isArray(map)) return out;
    for (const [from, to] of Object.entries(map)) {
      if (typeof to === "string" && SITE_ADDRESS.test(from) && SITE_ADDRESS.test(to)) out[from] = to;
      else console.error("atlas: moved section ignored (not page/#id without a leading slash)", from, to);
    }
    return out;
  }

  // Instant navigation: location$ emits the address followed; by document$, navigation.tracking may
  // have rewritten its hash (a moved id has no section to keep it), so remember it.
  let arrival = null;

  /** An address that shipped but whose section moved: forward to its new home, once. */
  function followMovedSection() {
    const here = arrival && arrival.pathname === location.pathname ? arrival : location;
    arrival = null;
    const data = document.getElementById("atlas-moved");
    const id = hashId(here.hash);
    if (!data || !id || document.getElementById(id) || !here.pathname.startsWith(ROOT.pathname)) return false;
    const page = here.pathname.slice(ROOT.pathname.length).replace(/(^|\/)index\.html$/, "$1");
    const target = movedSections(data.textContent)[`${page}#${id}`];
    if (!target) return false;
    const url = new URL(target, ROOT);
    if (url.origin !== ROOT.origin || !url.pathname.startsWith(ROOT.pathname)) return false;
    location.replace(url.href);
    return true;
  }

  // --- frozen editions ---------------------------------------------------------------------------

  /** The section a reader is in: the last heading with an id above the top fifth of the screen, or
   *  "" above the first one. */
  function sectionInView() {
    let current = "";
    for (const h of document.querySelectorAll("article h2[id], article h3[id], article h4[id]")) {
      if (h.getBoundingClientRect().top > innerHeight / 5) break;
      current = h.id;
    }
    return current;
  }

  // In a frozen edition, "Read this in the latest edition" goes to the section last read: the one a
  // syllabus link arrived at, then the last one scrolled into, kept while the reader scrolls back up
  // to the bar (above the first heading no section is in view). Without script: the same page.
  let lastSection = "";
  let editionBound = false;
  function updateEditionLink() {
    const bar = document.querySelector(".atlas-edition[data-atlas-latest]");
    const link = bar?.querySelector("a.atlas-edition__latest");
    if (!link) return;
    const page = location.pathname.startsWith(ROOT.pathname) ? location.pathname.slice(ROOT.pathname.length) : "";
    link.href = new URL(page + (lastSection ? `#${lastSection}` : ""), bar.dataset.atlasLatest).href;
  }
  function editionLink() {
    if (!document.querySelector(".atlas-edition[data-atlas-latest]")) return;
    lastSection = hashId() || sectionInView(); // a new page (instant navigation runs this again)
    updateEditionLink();
    if (editionBound) return; // listen once, for every page
    editionBound = true;
    let queued = false;
    addEventListener(
      "scroll",
      () => {
        if (queued) return;
        queued = true;
        requestAnimationFrame(() => {
          queued = false;
          lastSection = sectionInView() || lastSection;
          updateEditionLink();
        });
      },
      { passive: true },
    );
    addEventListener("hashchange", () => {
      lastSection = hashId() || lastSection;
      updateEditionLink();
    });
  }

  // --- wiring ------------------------------------------------------------------------------------

  const ENHANCEMENTS = [
    ["heading copy-link buttons", addHeadingButtons],
    ["index copy buttons", addIndexButtons],
    ["catalogue filters", addCatalogueFilters],
    ["figure mounting", mountFigures],
    ["deep-link highlight", highlightTarget],
    ["edition link", editionLink],
  ];

  function enhance() {
    if (run("moved-section forwarding", followMovedSection)) return;
    for (const [name, fn] of ENHANCEMENTS) run(name, fn, document);
  }

  /** Material's observable `name` (on with instant navigation), or null. */
  const observable = (name) => (window[name] && typeof window[name].subscribe === "function" ? window[name] : null);

  const location$ = observable("location$");
  if (location$) {
    location$.subscribe((url) => {
      arrival = url instanceof URL ? url : null;
    });
  }
  // document$ emits on every page, including the first. Without it, run once on load.
  const document$ = observable("document$");
  if (document$) document$.subscribe(enhance);
  else document.addEventListener("DOMContentLoaded", enhance);
  // In-page anchors under instant navigation use pushState (no hashchange); target$ sees them all.
  const target$ = observable("target$");
  const onTarget = () => run("deep-link highlight", highlightTarget);
  if (target$) target$.subscribe(onTarget);
  else window.addEventListener("hashchange", onTarget);
})();
