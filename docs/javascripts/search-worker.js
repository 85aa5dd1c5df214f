/* GenAI Atlas: Material's search worker, answering with short excerpts (README, "Search").
   atlas-early.js starts this file instead of Material's worker and passes that worker's address
   as ?worker=...; it loads it unchanged, and rewrites only the answers it posts back:
   - each result's text becomes one excerpt of about 280 characters, starting just before the
     first highlighted word, so the reader sees why the section matched (Material sent every
     matching section whole, often the whole index, and the page then had to render all of it);
   - the page's tags (search synonyms) are dropped, so no result shows tag chips;
   - the pages are put in a new order (rerank below), which weighs how much of the query each
     page answers, not only how strongly it matches one word of it;
   - before that, a query word that begins no word on the site is respelled (search-spelling.js).
   Only a worker from this site is loaded. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic worker script
  "use strict";

  const EXCERPT = 280; // characters of text shown per result
  const BEFORE = 60; // of which at most this many before the first highlighted word

  const WHOLE = 60; // a paragraph this long or longer ends the excerpt where it ends
  const END = "\uE000"; // marks where a paragraph or list item ended (a private-use character)

  /** HTML of a section's indexed text -> one short paragraph around its first <mark>. */
  function excerpt(html) {
    const text = html
      .replace(/<\/(?:p|li|h[1-6]|pre|blockquote)>/g, END)
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
    // Stop at the end of the paragraph that holds the first highlighted word when it reads on its
    // own: a whole sentence, not one running on into a flattened table.
    const stop = text.indexOf(END, Math.max(first, start));
    const whole = stop >= 0 && stop - start >= WHOLE && stop <= end;
    if (whole) end = stop;
    let piece = text.slice(start, end).split(END).join(" ").replace(/\s+/g, " ").trim();
    const open = (piece.match(/<mark>/g) || []).length - (piece.match(/<\/mark>/g) || []).length;
    if (open > 0) piece += "</mark>";
    piece = piece.replace(/<[^>]*$/, ""); // never end inside a tag
    return `<p>${start > 0 ? "… " : ""}${piece}${end < text.length && !whole ? " …" : ""}</p>`;
  }

  // Material ranks by lunr's score, where a title match weighs 1,000 and a tag 500 times a word of
  // text, so a page that matched one common word of the query in a title ("time" in "Backpropagation
  // through time") outranked the section that had all its rare words ("New York Times" under
  // Copyright). Each result is re-scored by the share of the query it covers, each word weighted by
  // its rarity among the results (so "ai" or "prompt" counts for less than "jailbreak"), cubed;
  // a page gains a little for every other section that matches, and twice as much when the words
  // are among its tags (its own subject, or a product its chapter explains). Tuned on the tuned
  // query sets only (README, "Search").
  const COVERAGE_POWER = 3;
  const OTHER_SECTIONS = 0.1;
  const SUBJECT = 1;
  const INSIDE_A_WORD = 0.5; // coverage of a query word matched only as the start of another word
  const INFLECTION = /^(?:|s|es|e|y|ly|ies|ic|ics|al|ally|ive|ity|able|ment|ments|ness|ions?|ors?|u?r(?:s|al|ally)?|[bdglmnpt]?(?:ings?|ed|ers?)|(?:i?[sz])?ations?|[sz](?:ers?|e[ds]?|ing))$/;

  /** Groups (a page and its matching sections, as Material sends them) -> the same, reordered. */
  function rerank(groups) {
    const docs = groups.flat();
    const found = new Map(); // query word -> how many results matched it
    for (const d of docs) for (const [w, hit] of Object.entries(d.terms || {})) if (hit) found.set(w, (found.get(w) || 0) + 1);
    const weight = (w) => Math.log(1 + docs.length / (found.get(w) || 1));
    const share = (words, has) => {
      const all = words.reduce((sum, w) => sum + weight(w), 0);
      return all ? words.reduce((sum, w) => sum + Number(has(w)) * weight(w), 0) / all : 0;
    };
    // Highlighted words (Material marks whole words) -> does one of them only inflect query word w?
    // "tokenization" and "tokens" inflect "token" (a prefix, as search-query.js cuts it); "MusicLM"
    // does not inflect "music", though lunr's trailing wildcard matched it.
    const marked = (...htmls) => htmls.flatMap((h) => Array.from(String(h || "").matchAll(/<mark>([^<]*)<\/mark>/g), (m) => m[1].toLowerCase().split(/[^\p{L}\p{N}]+/u)).flat());
    const inflects = (words) => (w) => words.some((t) => t.startsWith(w) && INFLECTION.test(t.slice(w.length)));
    const tagged = (group) => inflects(marked(...group.flatMap((d) => d.tags || [])));
    // A page's tags say what all of it is about, so a query word among them counts as covered in
    // each of its sections ("citation" of References with "attention is all you need" of one entry);
    // a word matched only inside a longer word counts for less.
    const value = (d, tag) => {
      const own = inflects(marked(d.title, d.text));
      const has = (w) => {
        if (tag(w) || (d.terms[w] && own(w))) return 1;
        return d.terms[w] ? INSIDE_A_WORD : 0;
      };
      return d.score * share(Object.keys(d.terms || {}), has) ** COVERAGE_POWER;
    };
    const subject = (group, tag) => share(Object.keys(group[0].terms || {}), tag);
    const rank = new Map();
    for (const group of groups) {
      const tag = tagged(group);
      const values = group.map((d) => value(d, tag)).sort((a, b) => b - a);
      const others = values.slice(1).reduce((sum, v) => sum + v, 0);
      rank.set(group, (values[0] + OTHER_SECTIONS * others) * (1 + SUBJECT * subject(group, tag)));
    }
    groups.sort((a, b) => rank.get(b) - rank.get(a));
  }

  const post = self.postMessage.bind(self);
  self.postMessage = (message, ...rest) => {
    const items = message?.type === 3 ? message.data?.items : null; // type 3: results
    if (Array.isArray(items)) {
      rerank(items);
      for (const group of items) {
        for (const doc of group) {
          if (typeof doc.text === "string" && doc.text) doc.text = excerpt(doc.text);
          delete doc.tags;
        }
      }
    }
    post(message, ...rest);
  };

  // Queries reach Material's handler through this wrapper: a word the site lacks is respelled
  // (search-spelling.js) from the words of the index the setup message carries.
  importScripts(new URL("search-spelling.js", self.location.href).href);
  let vocab = null;
  const listen = self.addEventListener.bind(self);
  self.addEventListener = (type, handler, ...rest) => {
    if (type !== "message") return listen(type, handler, ...rest);
    return listen(
      type,
      (event) => {
        const message = event.data;
        if (message?.type === 0 && Array.isArray(message.data?.docs)) {
          vocab = self.atlasSpelling.vocabulary(message.data.docs, message.data.config?.separator || "[\\s\\-]+");
        }
        if (message?.type === 2 && typeof message.data === "string") {
          return handler({ data: { ...message, data: self.atlasSpelling.correct(message.data, vocab) } });
        }
        return handler(event);
      },
      ...rest,
    );
  };

  const worker = new URL(new URL(self.location.href).searchParams.get("worker") || "", self.location.href);
  if (worker.origin !== self.location.origin) throw new Error(`search worker from another site: ${worker}`);
  importScripts(worker.href);
})();
