/* GenAI Atlas: accessibility fixes to Material's markup that templates cannot reach, after its
   bundle, on every page (document$); each idempotent, each on its own (run()). Names for the search
   dialog and the breadcrumbs (aria-dialog-name, landmark-unique), real buttons for the header's
   <label> icons, tabindex on regions that scroll sideways, names for search results' tag navs, and
   data-atlas-external on links to other sites (for the print stylesheet). */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (Biome takes .js for modules)
  "use strict";

  // atlas-early.js, loaded before Material's bundle, defines the shared runner.
  const run = window.atlasRun;

  function name(el, text) {
    if (el && !el.hasAttribute("aria-label")) el.setAttribute("aria-label", text);
  }

  function nameLandmarks() {
    name(document.querySelector(".md-search[role=dialog]"), "Search");
    const path = document.querySelector("nav.md-path");
    if (path) path.setAttribute("aria-label", "Breadcrumbs");
  }

  // The menu and search icons are <label for=...> a keyboard cannot reach (role="button" is not
  // allowed on a label): a <button> that clicks the checkbox takes each one's place (a11y.css).
  function headerButtons() {
    for (const [id, label] of [
      ["__drawer", "Navigation menu"],
      ["__search", "Search"],
    ]) {
      const icon = document.querySelector(`.md-header label.md-header__button[for=${id}]`);
      const toggle = document.getElementById(id);
      if (!icon || !toggle || icon.style.display === "none") continue;
      const button = document.createElement("button");
      button.type = "button";
      button.className = icon.className;
      button.setAttribute("data-atlas-for", id);
      button.setAttribute("aria-label", label);
      button.setAttribute("aria-expanded", String(toggle.checked));
      button.append(...Array.from(icon.childNodes, (node) => node.cloneNode(true)));
      button.addEventListener("click", () => {
        toggle.click();
        // Opening search: put the caret in the search box (Material does so only for its shortcuts).
        const input = document.querySelector(".md-search__input");
        if (id === "__search" && toggle.checked && input) input.focus();
      });
      toggle.addEventListener("change", () => {
        button.setAttribute("aria-expanded", String(toggle.checked));
        // Closing (Escape, the back arrow): focus returns to the button instead of the page top.
        const active = document.activeElement;
        const lost = !active || active === document.body || !active.offsetParent;
        if (!toggle.checked && lost && button.offsetParent) button.focus();
      });
      icon.style.display = "none";
      icon.parentNode.insertBefore(button, icon.nextSibling);
    }
  }

  const WRAPPERS =
    ".md-content .md-typeset__scrollwrap, .md-content .math-display, .md-content .md-typeset table:not([class])";

  // A table Material did not wrap scrolls itself: it needs only tabindex, keeping its role and name.
  function markScrolling(regions) {
    // Every width is read before any attribute is written, so the page is laid out once at most.
    const measured = regions.map((el) => [
      el,
      el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible",
    ]);
    for (const [el, scrolls] of measured) {
      const table = el.tagName === "TABLE";
      if (scrolls && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        if (!table) {
          el.setAttribute("role", "group");
          el.setAttribute(
            "aria-label",
            el.classList.contains("math-display") ? "Formula, scrolls sideways" : "Table, scrolls sideways",
          );
        }
      } else if (!scrolls && el.getAttribute("tabindex") === "0") {
        for (const a of table ? ["tabindex"] : ["tabindex", "role", "aria-label"]) el.removeAttribute(a);
      }
    }
  }

  // Widths change after fonts and figures load, on rotation, and when a <details> opens. A
  // ResizeObserver on each region and on what it holds answers all of these, and calls back after
  // the browser's own layout, so reading widths there costs nothing: measuring at start-up forced a
  // layout of the whole chapter (55 to 66 ms at 4x CPU slowdown) in the middle of Material's start.
  // A region in a block the browser skips for now (content-visibility: auto, atlas.css) is left
  // until the block is shown: reading its width would force the layout the skipping saves. The
  // observer calls back again once the block is laid out (its size changes), so none is missed.
  const shown = (el) => !el.checkVisibility || el.checkVisibility({ contentVisibilityAuto: true });
  let observer;
  function scrollables() {
    const regions = [...document.querySelectorAll(WRAPPERS)];
    if (observer) observer.disconnect();
    observer = new ResizeObserver((entries) =>
      run("scrollable regions", () => {
        const changed = new Set(); // each region that holds a resized element, nested ones too
        for (const { target } of entries) {
          for (let el = target.closest(WRAPPERS); el; el = el.parentElement?.closest(WRAPPERS)) changed.add(el);
        }
        markScrolling([...changed].filter(shown));
      }),
    );
    for (const el of regions) {
      observer.observe(el);
      if (el.firstElementChild) observer.observe(el.firstElementChild);
    }
  }

  // Tab into a block the browser skipped (content-visibility: auto, atlas.css): it scrolls to
  // the link by the block's guessed height, then lays the block out, and the link can end up off
  // screen. Once laid out (two frames), a focused element off screen is brought back into view.
  function keepFocusInView() {
    if (document.documentElement.dataset.atlasFocusWatch) return;
    document.documentElement.dataset.atlasFocusWatch = "";
    document.addEventListener("focusin", (event) => {
      const el = event.target;
      if (!(el instanceof Element) || !el.closest(".md-content")) return;
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const r = el.getBoundingClientRect();
          if (document.activeElement === el && (r.bottom < 0 || r.top > innerHeight)) el.scrollIntoView({ block: "center" });
        }),
      );
    });
  }

  function markExternal() {
    for (const a of document.querySelectorAll(".md-content a[href]")) {
      if (/^https?:$/.test(a.protocol) && a.hostname !== location.hostname) a.setAttribute("data-atlas-external", "");
    }
  }

  function nameResultTags() {
    for (const article of document.querySelectorAll(".md-search-result__article")) {
      const tags = article.querySelector(".md-tags");
      const title = article.querySelector("h1, h2");
      if (tags && !tags.hasAttribute("aria-label")) {
        tags.setAttribute("aria-label", `Tags: ${title ? title.textContent.trim() : "result"}`);
      }
    }
  }

  function fix() {
    run("landmark names", nameLandmarks);
    run("header buttons", headerButtons);
    run("external links", markExternal);
    run("scrollable regions", scrollables);
    run("focus in view", keepFocusInView);
  }

  run("search result tags", () => {
    const results = document.querySelector(".md-search-result__list");
    if (results && window.MutationObserver) {
      new MutationObserver(() => run("search result tags", nameResultTags)).observe(results, {
        childList: true,
        subtree: true,
      });
    }
  });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(fix);
  else document.addEventListener("DOMContentLoaded", fix);
})();
