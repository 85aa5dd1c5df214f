/* GenAI Atlas: what must be in place BEFORE Material's bundle (overrides/main.html loads it just
   ahead), each part on its own (run(), shared with the later scripts as window.atlasRun).
   1. A local ResizeObserver where the browser has none: without one, the bundle fetches a polyfill
      from unpkg.com, and pages request nothing from another host. Material only observes elements
      and reads each entry's `target`, so calling back on window resize is enough.
   2. Search on demand: no search index nor worker until the reader starts to search; then
      search-query.js (how a query is read), then the worker, through search-worker.js (short
      excerpts, no tag chips). */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (Biome takes .js for modules)
  "use strict";

  /** Run one part; an exception stops that part alone and is reported under its name. The site's
      later scripts (atlas.js, atlas-a11y.js) use this same function, as window.atlasRun. */
  function run(name, fn, ...args) {
    try {
      return fn(...args);
    } catch (error) {
      console.error(`atlas: ${name} failed`, error);
      return undefined;
    }
  }
  window.atlasRun = run;

  run("ResizeObserver fallback", () => {
    if (typeof window.ResizeObserver !== "undefined") return;
    window.ResizeObserver = class ResizeObserver {
      constructor(callback) {
        this.targets = new Set();
        this.notify = (targets) => {
          const entries = Array.from(targets, (target) => ({ target, contentRect: target.getBoundingClientRect() }));
          if (entries.length) callback(entries, this);
        };
        this.onResize = () => this.notify(this.targets);
      }
      observe(target) {
        if (!this.targets.size) window.addEventListener("resize", this.onResize);
        this.targets.add(target);
        setTimeout(() => this.notify([target].filter((t) => this.targets.has(t))), 0); // as the real one: once at the start
      }
      unobserve(target) {
        this.targets.delete(target);
        if (!this.targets.size) window.removeEventListener("resize", this.onResize);
      }
      disconnect() {
        this.targets.clear();
        window.removeEventListener("resize", this.onResize);
      }
    };
  });

  // Until the search box is focused or opened (click, "/", "s", "f", a shared ?q= link), the index
  // request waits and Material gets a stand-in worker that queues messages and listeners.
  run("search on demand", () => {
    let started = /[?&]q=/.test(location.search);
    const pending = [];
    const whenStarted = (fn) => {
      if (started) fn();
      else pending.push(fn);
    };
    const start = () => {
      if (started) return;
      started = true;
      for (const fn of pending.splice(0)) fn();
    };

    const { open, send } = XMLHttpRequest.prototype;
    XMLHttpRequest.prototype.open = function (...args) {
      this.__atlasIndex = /search\/search_index\.json(\?|$)/.test(String(args[1])); // open(method, url, ...)
      return open.apply(this, args);
    };
    XMLHttpRequest.prototype.send = function (...args) {
      if (!this.__atlasIndex) return send.apply(this, args);
      whenStarted(() => send.apply(this, args));
      return undefined;
    };

    // How a learner's query is read (stop words, spellings, endings, DALL·E): search-query.js,
    // fetched beside this file when search starts, before the worker; until it has loaded, or if
    // it fails, queries go to the worker as typed.
    const here = document.currentScript?.src || "";
    const sibling = (name) => here.replace(/atlas-early\.js(\?.*)?$/, name);
    const cleanQuery = (q) => (typeof window.atlasSearchQuery === "function" ? run("search query", window.atlasSearchQuery, q) ?? q : q);
    const queryReader = new Promise((resolve) => {
      whenStarted(() => {
        if (!here) return resolve();
        const script = document.createElement("script");
        script.src = sibling("search-query.js");
        script.onload = script.onerror = () => resolve();
        document.head.appendChild(script);
      });
    });

    const RealWorker = window.Worker;
    function LazyWorker(url, options) {
      let real = null;
      let listeners = [];
      const queue = [];
      const read = (m) => (m && m.type === 2 ? { type: 2, data: cleanQuery(m.data) } : m); // type 2: a search query
      this.postMessage = (m) => {
        if (real) real.postMessage(read(m));
        else queue.push(m);
      };
      this.addEventListener = (t, f, o) => {
        if (real) real.addEventListener(t, f, o);
        else listeners.push([t, f, o]);
      };
      this.removeEventListener = (t, f, o) => {
        if (real) real.removeEventListener(t, f, o);
        else listeners = listeners.filter((l) => l[0] !== t || l[1] !== f);
      };
      this.terminate = () => real?.terminate();
      queryReader.then(() => {
        // search-worker.js runs Material's worker and shortens its answers to excerpts.
        const worker = new URL(String(url), location.href).href;
        real = new RealWorker(here ? `${sibling("search-worker.js")}?worker=${encodeURIComponent(worker)}` : url, options);
        for (const [t, f, o] of listeners) real.addEventListener(t, f, o);
        if (this.onmessage) real.onmessage = this.onmessage;
        for (const m of queue.splice(0)) real.postMessage(read(m));
      });
    }
    // Only Material's worker, which the page's own search box (.md-search__input) talks to: Zensical
    // writes a worker of the same name that speaks another protocol, and gets it untouched.
    const isMaterialSearch = (url) => /workers\/search\./.test(String(url)) && document.querySelector("input.md-search__input");
    window.Worker = function Worker(url, options) {
      return isMaterialSearch(url) ? new LazyWorker(url, options) : new RealWorker(url, options);
    };

    document.addEventListener("focusin", (e) => e.target.matches?.(".md-search__input") && start(), true);
    document.addEventListener("change", (e) => e.target.id === "__search" && e.target.checked && start(), true);
    document.addEventListener("pointerdown", (e) => e.target.closest?.("[for=__search], .md-search") && start(), true);
  });
})();
