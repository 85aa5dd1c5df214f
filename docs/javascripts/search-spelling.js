/* GenAI Atlas: the search worker's spelling net (README, "Search").
   search-worker.js loads this file into the search worker, so it costs the page nothing.
   A query word that begins no word on the site found nothing at all: "transfomers",
   "halucinations", "copywright". Such a word, and only such a word, is read as the site's word it
   was most likely meant to be:
   - the beginning of a site word within one typo, a swap of two letters counting as one
     ("transfomer" -> "transformer"); on a tie, the beginning as long as the word, then the
     commoner word;
   - else, for words of eight letters or more, within two typos;
   and two neighbouring words the site writes as one become that word ("time line" -> "timeline").
   Splitting a word into two of the site's was tried and dropped: "lawsuit" became "law suit" and
   the Copyright section fell from third to sixth, and it found nothing that camelCase, no longer
   split by the index (mkdocs.yml), did not already find.
   Words the site has, and lunr query syntax, are never touched. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic worker script
  "use strict";

  /** Every word of the indexed pages -> how many times it occurs (split as the index splits). */
  function vocabulary(docs, separator) {
    const split = new RegExp(separator, "g");
    const counts = new Map();
    for (const doc of docs) {
      const text = `${doc.title || ""} ${doc.text || ""} ${(doc.tags || []).join(" ")}`.replace(/<[^>]*>/g, " ");
      for (const raw of text.split(split)) {
        const w = raw.toLowerCase().replace(/^\W+|\W+$/g, "");
        if (/^[a-z]{2,}$/.test(w)) counts.set(w, (counts.get(w) || 0) + 1);
      }
    }
    return { counts, words: [...counts.keys()] };
  }

  const begins = (vocab, start) => vocab.words.some((w) => w.startsWith(start));

  /** Fewest edits turning `word` into some beginning of `target`, with that beginning's length. */
  function prefixDistance(word, target, limit) {
    const n = word.length;
    const m = Math.min(target.length, n + limit);
    let before = null;
    let row = Array.from({ length: m + 1 }, (_, j) => j);
    for (let i = 1; i <= n; i++) {
      const next = [i];
      let low = i;
      for (let j = 1; j <= m; j++) {
        const cost = word[i - 1] === target[j - 1] ? 0 : 1;
        let d = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + cost);
        if (before && i > 1 && j > 1 && word[i - 1] === target[j - 2] && word[i - 2] === target[j - 1]) d = Math.min(d, before[j - 2] + 1);
        next.push(d);
        if (d < low) low = d;
      }
      if (low > limit) return null;
      before = row;
      row = next;
    }
    let best = null;
    // On a tie, the beginning closest in length to the word: "modle" is "model" swapped, not "mode"
    // with a letter left over.
    for (let j = Math.max(1, n - limit); j <= m; j++) {
      if (row[j] > limit) continue;
      if (!best || row[j] < best.d || (row[j] === best.d && Math.abs(j - n) < Math.abs(best.length - n))) best = { d: row[j], length: j };
    }
    return best;
  }

  function respell(word, vocab) {
    return nearest(word, vocab, 1) || (word.length >= 8 && nearest(word, vocab, 2)) || word;
  }

  /** The beginning of a site word within `limit` edits of `word` (the commoner word on a tie). */
  function nearest(word, vocab, limit) {
    let best = null;
    for (const w of vocab.words) {
      if (w.length < word.length - limit || (w[0] !== word[0] && w[1] !== word[1])) continue;
      const hit = prefixDistance(word, w, limit);
      if (!hit) continue;
      const count = vocab.counts.get(w);
      const off = Math.abs(hit.length - word.length); // "bais" is "bias" swapped, not "bas" shortened
      const better = !best || hit.d < best.d || (hit.d === best.d && (off < best.off || (off === best.off && count > best.count)));
      if (better) best = { d: hit.d, off, count, as: w.slice(0, hit.length) };
    }
    return best ? best.as : null;
  }

  /** Two neighbouring words that the site writes as one ("time line", "auto encoder") -> that word. */
  function join(words, vocab) {
    const out = [];
    for (let i = 0; i < words.length; i++) {
      const both = `${words[i]}${words[i + 1] || ""}`;
      if (i + 1 < words.length && /^[a-z]{3,}$/.test(words[i]) && /^[a-z]{3,}$/.test(words[i + 1]) && (vocab.counts.get(both) || 0) > 1) {
        out.push(both);
        i++;
      } else out.push(words[i]);
    }
    return out;
  }

  /** A query as search-query.js wrote it -> the same, with words the site lacks respelled. */
  function correct(query, vocab) {
    if (typeof query !== "string" || !vocab || /(^|\s)[+-]|["~:*]/.test(query)) return query;
    return join(query.split(" "), vocab)
      .map((w) => (/^[a-z]{4,}$/.test(w) && !begins(vocab, w) ? respell(w, vocab) : w))
      .join(" ");
  }

  self.atlasSpelling = { vocabulary, correct };
})();
