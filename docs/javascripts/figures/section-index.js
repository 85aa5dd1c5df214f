/* The reading-list builder of /for-instructors/ (#reading-paths and #section-index).
   Loaded only on that page, as an interactive figure (atlas.js); the index and the paths are
   built by scripts/atlas_build/instructors.py and work as plain links without this file.
   It adds: a filter box over every section's page, title and summary; a checkbox per section;
   an "add this path" button under each reading path; and the list itself, copied as Markdown,
   HTML or plain links with full addresses, in the order the sections were picked. */
import { h, listener, liveRegion } from "./_shared.js";

const FORMATS = {
  markdown: { label: "Copy as Markdown", name: "Markdown" },
  html: { label: "Copy as HTML", name: "HTML" },
  links: { label: "Copy plain links", name: "plain links" },
};

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const escapeMd = (s) => s.replace(/([\\[\]*_`])/g, "\\$1");

/** The list in one format: each entry {name, url, minutes}. */
export function format(entries, kind) {
  if (kind === "links") return entries.map((e) => e.url).join("\n");
  if (kind === "html") {
    const items = entries.map((e) => `  <li><a href="${escapeHtml(e.url)}">${escapeHtml(e.name)}</a> (${e.minutes} min)</li>`);
    return ["<ul>", ...items, "</ul>"].join("\n");
  }
  return entries.map((e) => `- [${escapeMd(e.name)}](${e.url}) (${e.minutes} min)`).join("\n");
}

function styles() {
  const href = new URL("../../stylesheets/section-index.css", import.meta.url).href;
  if (document.querySelector(`link[href="${href}"]`)) return Promise.resolve();
  return new Promise((resolve) => {
    const link = h("link", { rel: "stylesheet", href });
    link.onload = link.onerror = () => resolve();
    document.head.appendChild(link);
  });
}

async function copyText(text, fallback) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallback.focus();
    fallback.select();
    return document.execCommand?.("copy") ?? false;
  }
}

export async function mount(el) {
  const on = listener(el);
  const index = el.querySelector(".atlas-section-index");
  if (!index) throw new Error("no section index in the figure");
  await styles();
  const site = index.getAttribute("data-atlas-site") || new URL("../", location.href).href;
  const items = Array.from(index.querySelectorAll(".atlas-index-item"));
  const byHref = new Map(); // address of a section on this site -> its index row
  const picked = []; // index rows, in the order they were picked
  let kind = "markdown";

  // One checkbox per section.
  items.forEach((li, n) => {
    const name = li.getAttribute("data-atlas-name");
    const box = h("input", { type: "checkbox", class: "atlas-pick", id: `atlas-pick-${n}`, "aria-label": `Add to your list: ${name}` });
    li.prepend(box);
    li.atlasBox = box;
    const a = li.querySelector("a");
    if (a) byHref.set(new URL(a.getAttribute("href"), location.href).href, li);
    on(box, "change", () => {
      const at = picked.indexOf(li);
      if (box.checked && at < 0) picked.push(li);
      if (!box.checked && at >= 0) picked.splice(at, 1);
      render();
    });
  });

  // The tools: filter, open/close, and the list.
  const filterId = "atlas-index-filter";
  const filter = h("input", { type: "search", id: filterId, class: "atlas-si-filter", placeholder: "attention, GAN, copyright…", autocomplete: "off" });
  const count = h("p", { class: "atlas-si-count", role: "status" });
  const openAll = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "open" }, "Open all pages");
  const closeAll = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "close" }, "Close all pages");
  const tools = h(
    "div",
    { class: "atlas-si-tools" },
    h("label", { for: filterId, class: "atlas-si-label" }, "Filter the sections"),
    filter,
    h("div", { class: "atlas-si-row" }, openAll, closeAll),
    count,
  );

  const summary = h("p", { class: "atlas-si-picked", "data-role": "picked" });
  const buttons = Object.entries(FORMATS).map(([key, f]) =>
    h("button", { type: "button", class: "atlas-btn", "data-format": key }, f.label),
  );
  const clear = h("button", { type: "button", class: "atlas-btn atlas-secondary", "data-action": "clear" }, "Clear the list");
  const previewId = "atlas-list-preview";
  const preview = h("textarea", { id: previewId, class: "atlas-si-preview", readonly: true, rows: 6, spellcheck: "false" });
  const say = liveRegion(el);
  const builder = h(
    "div",
    { class: "atlas-si-builder", role: "region", "aria-label": "Your reading list" },
    h("p", { class: "atlas-si-title" }, h("strong", { text: "Your reading list" })),
    summary,
    h("div", { class: "atlas-si-row" }, ...buttons, clear),
    h("label", { for: previewId, class: "atlas-si-label" }, "The list as it will be copied"),
    preview,
  );
  index.before(tools, builder);

  // "Add this path" under each reading path.
  for (const path of el.querySelectorAll(".atlas-path")) {
    const rows = Array.from(path.querySelectorAll("ol a[href]"), (a) => byHref.get(new URL(a.getAttribute("href"), location.href).href)).filter(Boolean);
    if (!rows.length) continue;
    const title = path.previousElementSibling?.textContent?.replace(/¶$/, "").trim() || "this path";
    const add = h("button", { type: "button", class: "atlas-btn", "data-action": "add-path" }, `Add this path to your list (${rows.length} sections)`);
    path.append(h("p", { class: "atlas-si-row" }, add));
    on(add, "click", () => {
      for (const li of rows) {
        if (!picked.includes(li)) picked.push(li);
        li.atlasBox.checked = true;
      }
      render();
      say(`Added ${rows.length} sections of “${title}”; your list has ${picked.length}.`);
    });
  }

  function entries() {
    return picked.map((li) => ({
      name: li.getAttribute("data-atlas-name"),
      url: site + li.getAttribute("data-atlas-section"),
      minutes: Number(li.getAttribute("data-atlas-minutes")) || 1,
    }));
  }

  function render() {
    const list = entries();
    const minutes = list.reduce((t, e) => t + e.minutes, 0);
    summary.textContent = list.length
      ? `${list.length} section${list.length === 1 ? "" : "s"}, about ${minutes} min of reading.`
      : "Nothing picked yet: tick sections below, or add a reading path.";
    preview.value = format(list, kind);
    for (const b of [...buttons, clear]) b.disabled = !list.length;
  }

  for (const b of buttons) {
    on(b, "click", async () => {
      kind = b.getAttribute("data-format");
      render();
      const ok = await copyText(preview.value, preview);
      say(ok ? `Copied ${picked.length} sections as ${FORMATS[kind].name}.` : "Could not copy: select the list below and copy it.");
      b.focus();
    });
  }
  on(clear, "click", () => {
    for (const li of picked) li.atlasBox.checked = false;
    picked.length = 0;
    render();
    say("Your list is empty.");
  });

  const pages = Array.from(index.querySelectorAll("details.atlas-index-page"));
  on(openAll, "click", () => { for (const d of pages) if (!d.hidden) d.open = true; });
  on(closeAll, "click", () => { for (const d of pages) d.open = false; });

  function applyFilter() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const li of items) {
      const text = `${li.getAttribute("data-atlas-name")} ${li.textContent}`.toLowerCase();
      const match = words.every((w) => text.includes(w));
      li.hidden = !match;
      if (match) shown += 1;
    }
    for (const d of pages) {
      const any = d.querySelector(".atlas-index-item:not([hidden])");
      d.hidden = !any;
      if (words.length && any) d.open = true;
    }
    count.textContent = words.length ? `${shown} of ${items.length} sections match.` : `${items.length} sections on ${pages.length} pages.`;
  }
  on(filter, "input", applyFilter);

  // Arriving at #index-<page> (or a section inside it) opens that page's group.
  const openTarget = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    const group = target?.closest?.("details.atlas-index-page");
    if (group) group.open = true;
  };
  on(window, "hashchange", openTarget);
  openTarget();
  applyFilter();
  render();
}
