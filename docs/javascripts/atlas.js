/* GenAI Atlas: section links for courses. Progressive enhancement: without scripts every heading
   still has its ¶ permalink and the index shows every address as text.
   - a "copy link" button beside each section heading (keyboard reachable, announced when done);
   - copy buttons in the instructors' section index;
   - the section a deep link points to is highlighted briefly, after full loads and after
     Material's instant navigation (which changes the URL without firing :target). */
(function () {
  "use strict";

  var live;
  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "atlas-visually-hidden";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = "";
    // A fresh text node after clearing makes screen readers announce repeated messages too.
    setTimeout(function () { live.textContent = message; }, 50);
  }

  function copy(text, button, what) {
    var done = function () {
      button.classList.add("atlas-copied");
      announce("Link to " + what + " copied");
      setTimeout(function () { button.classList.remove("atlas-copied"); }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else {
      fallbackCopy(text);
      done();
    }
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more we can do */ }
    document.body.removeChild(area);
  }

  function sectionUrl(id) {
    return location.origin + location.pathname + "#" + id;
  }

  function addHeadingButtons(root) {
    root.querySelectorAll(".md-content article :is(h2, h3, h4)[id]").forEach(function (h) {
      if (h.querySelector(".atlas-copy-link")) return;
      var title = (h.firstChild && h.firstChild.textContent || h.textContent).replace("¶", "").trim();
      var b = document.createElement("button");
      b.type = "button";
      b.className = "atlas-copy-link";
      b.setAttribute("aria-label", "Copy link to section: " + title);
      b.title = "Copy link to this section";
      b.addEventListener("click", function () { copy(sectionUrl(h.id), b, "section " + title); });
      h.appendChild(b);
    });
  }

  function addIndexButtons(root) {
    root.querySelectorAll(".atlas-section-index tbody tr").forEach(function (row) {
      var link = row.querySelector("a[href]");
      var cell = row.lastElementChild;
      if (!link || !cell || cell.querySelector(".atlas-copy-link")) return;
      var b = document.createElement("button");
      b.type = "button";
      b.className = "atlas-copy-link";
      b.setAttribute("aria-label", "Copy link to " + link.textContent.trim());
      b.addEventListener("click", function () { copy(link.href, b, link.textContent.trim()); });
      cell.appendChild(b);
    });
  }

  // Systems catalogue: filter rows by modality and family. Without scripts the full table shows.
  function addCatalogueFilters(root) {
    root.querySelectorAll(".atlas-catalogue").forEach(function (box) {
      var table = box.querySelector("table");
      if (!table || box.querySelector(".atlas-filters")) return;
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
      var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
      var form = document.createElement("form");
      form.className = "atlas-filters";
      form.setAttribute("aria-label", "Filter the catalogue");
      var status = document.createElement("p");
      status.setAttribute("role", "status");
      status.className = "atlas-filter-status";
      var filters = ["Modality", "Family"].map(function (name) {
        var col = heads.indexOf(name);
        var values = {};
        rows.forEach(function (r) {
          r.cells[col].textContent.split(",").forEach(function (v) { v = v.trim(); if (v) values[v] = true; });
        });
        var label = document.createElement("label");
        label.textContent = name + " ";
        var select = document.createElement("select");
        select.name = name.toLowerCase();
        select.innerHTML = "<option value=''>all</option>" + Object.keys(values).sort().map(function (v) {
          return "<option>" + v.replace(/[&<>"]/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; }) + "</option>";
        }).join("");
        label.appendChild(select);
        form.appendChild(label);
        return { col: col, select: select };
      });
      function apply() {
        var shown = 0;
        rows.forEach(function (r) {
          var ok = filters.every(function (f) {
            var want = f.select.value;
            return !want || r.cells[f.col].textContent.split(",").map(function (v) { return v.trim(); }).indexOf(want) !== -1;
          });
          r.hidden = !ok;
          if (ok) shown++;
        });
        status.textContent = "Showing " + shown + " of " + rows.length + " systems";
      }
      form.addEventListener("change", apply);
      form.addEventListener("submit", function (e) { e.preventDefault(); });
      box.insertBefore(status, box.firstChild);
      box.insertBefore(form, status);
      apply();
    });
  }

  // Interactive figures: <div data-atlas-app="NAME"> loads javascripts/apps/NAME.js (an ES module
  // exporting mount(element)) only on pages that contain one, after full loads and instant
  // navigation alike. Without scripts the container's own content (a table) stays as it is.
  // Material's base is relative to the page first loaded; instant navigation changes the URL but
  // not that config, so resolve it once, now, as Material itself does.
  var ROOT = (function () {
    var config = document.getElementById("__config");
    return new URL(config ? JSON.parse(config.textContent).base : ".", location.href);
  })();
  function siteRoot() { return ROOT; }

  // Each figure's module loads when its container comes within a screen of the viewport, so a
  // reader who never scrolls to a figure never downloads it (first-visit weight budget).
  var appObserver = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        appObserver.unobserve(entry.target);
        loadApp(entry.target);
      }
    });
  }, { rootMargin: "100% 0px" }) : null;

  function loadApp(el) {
    var url = new URL("javascripts/apps/" + el.getAttribute("data-atlas-app") + ".js", siteRoot());
    import(url.href).then(function (m) { m.mount(el); }, function (e) { console.error("atlas figure", url.href, e); });
  }

  function mountApps(root) {
    root.querySelectorAll("[data-atlas-app]").forEach(function (el) {
      if (el.hasAttribute("data-atlas-mounted")) return;
      el.setAttribute("data-atlas-mounted", "");
      if (appObserver) appObserver.observe(el); else loadApp(el);
    });
  }

  function highlightTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    el.classList.remove("atlas-target");
    void el.offsetWidth; // restart the animation when the same section is linked twice
    el.classList.add("atlas-target");
    setTimeout(function () { el.classList.remove("atlas-target"); }, 2600);
    // Instant navigation scrolls to the target but leaves keyboard focus where it was (after the
    // skip link, Tab went back to the header): move focus to the section, as a normal jump would.
    if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
  }

  // An address that shipped but whose section moved: forward to its new home, once.
  function followMovedSection() {
    var data = document.getElementById("atlas-moved");
    var id = decodeURIComponent(location.hash.slice(1));
    if (!data || !id || document.getElementById(id)) return false;
    var root = siteRoot();
    var here = location.pathname.slice(root.pathname.length) + "#" + id;
    var target = JSON.parse(data.textContent)[here];
    if (!target) return false;
    location.replace(new URL(target, root).href);
    return true;
  }

  function enhance() {
    if (followMovedSection()) return;
    addHeadingButtons(document);
    addIndexButtons(document);
    addCatalogueFilters(document);
    mountApps(document);
    highlightTarget();
  }

  // Material exposes document$ (an observable) when instant navigation is on; it emits on every
  // page, including the first. Without it, run once on load.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhance);
  } else {
    document.addEventListener("DOMContentLoaded", enhance);
  }
  // In-page anchors under instant navigation change the URL with pushState (no hashchange);
  // Material's target$ emits the element a hash points to in every case.
  if (window.target$ && typeof window.target$.subscribe === "function") {
    window.target$.subscribe(function () { highlightTarget(); });
  } else {
    window.addEventListener("hashchange", highlightTarget);
  }
})();
