/* GenAI Atlas: what must be in place BEFORE Material's bundle (overrides/main.html loads it just
   ahead), each part on its own (run(), shared with the later scripts as window.atlasRun).
   1. A local ResizeObserver where the browser has none: without one, the bundle fetches a polyfill
      from unpkg.com, and pages request nothing from another host. Material only observes elements
      and reads each entry's `target`, so calling back on window resize is enough.
   2. Search on demand: no search index nor worker until the reader starts to search. */
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

    // Material appends "*" to every query word, and a wildcard skips lunr's stop-word filter ("to*"
    // matches "token"): drop lunr's English stop words from queries, unless nothing else is left.
    const STOP = new Set(
      (
        "a able about across after all almost also am among an and any are as at be because been but by can " +
        "cannot could dear did do does either else ever every for from get got had has have he her hers him his how however " +
        "i if in into is it its just least let like likely may me might most must my neither no nor not of off often on only " +
        "or other our own rather said say says she should since so some than that the their them then there these they this " +
        "tis to too twas us wants was we were what when where which while who whom why will with would yet you your"
      ).split(" "),
    );
    const cleanQuery = (q) => {
      if (typeof q !== "string" || /(^|\s)[+-]|["~^:*]/.test(q)) return q; // leave lunr query syntax alone
      const words = q.split(/\s+/).filter((w) => w && !STOP.has(w.toLowerCase()));
      return words.length ? words.join(" ") : q;
    };

    const RealWorker = window.Worker;
    function LazyWorker(url, options) {
      let real = null;
      let listeners = [];
      const queue = [];
      this.postMessage = (m) => {
        const message = m && m.type === 2 ? { type: 2, data: cleanQuery(m.data) } : m; // type 2: a search query
        if (real) real.postMessage(message);
        else queue.push(message);
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
      whenStarted(() => {
        real = new RealWorker(url, options);
        for (const [t, f, o] of listeners) real.addEventListener(t, f, o);
        if (this.onmessage) real.onmessage = this.onmessage;
        for (const m of queue.splice(0)) real.postMessage(m);
      });
    }
    window.Worker = function Worker(url, options) {
      return /workers\/search\./.test(String(url)) ? new LazyWorker(url, options) : new RealWorker(url, options);
    };

    document.addEventListener("focusin", (e) => e.target.matches?.(".md-search__input") && start(), true);
    document.addEventListener("change", (e) => e.target.id === "__search" && e.target.checked && start(), true);
    document.addEventListener("pointerdown", (e) => e.target.closest?.("[for=__search], .md-search") && start(), true);
  });
})();
