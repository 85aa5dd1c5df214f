/* GenAI Atlas: Material's search worker, answering with short excerpts (README, "Search").
   atlas-early.js starts this file instead of Material's worker and passes that worker's address
   as ?worker=...; it loads it unchanged, and rewrites only the answers it posts back:
   - each result's text becomes one excerpt of about 280 characters, starting just before the
     first highlighted word, so the reader sees why the section matched (Material sent every
     matching section whole, often the whole index, and the page then had to render all of it);
   - the page's tags (search synonyms) are dropped, so no result shows tag chips.
   Only a worker from this site is loaded. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic worker script
  "use strict";

  const EXCERPT = 280; // characters of text shown per result
  const BEFORE = 60; // of which at most this many before the first highlighted word

  /** HTML of a section's indexed text -> one short paragraph around its first <mark>. */
  function excerpt(html) {
    const text = html
      .replace(/<(?!\/?mark>)[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    const first = text.indexOf("<mark>");
    let start = first > BEFORE ? text.indexOf(" ", first - BEFORE) + 1 : 0;
    if (start <= 0 || start > first) start = first > BEFORE ? first : 0;
    let end = start + EXCERPT;
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      end = space > start ? space : end;
    } else end = text.length;
    let piece = text.slice(start, end);
    const open = (piece.match(/<mark>/g) || []).length - (piece.match(/<\/mark>/g) || []).length;
    if (open > 0) piece += "</mark>";
    piece = piece.replace(/<[^>]*$/, ""); // never end inside a tag
    return `<p>${start > 0 ? "… " : ""}${piece}${end < text.length ? " …" : ""}</p>`;
  }

  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    const items = message?.type === 3 ? message.data?.items : null; // type 3: results
    if (Array.isArray(items)) {
      for (const group of items) {
        for (const doc of group) {
          if (typeof doc.text === "string" && doc.text) doc.text = excerpt(doc.text);
          delete doc.tags;
        }
      }
    }
    post(message, ...rest);
  };

  const worker = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (worker.origin !== self.location.origin) throw new Error(`search worker from another site: ${worker}`);
  importScripts(worker.href);
})();
