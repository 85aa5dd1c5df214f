/* GenAI Atlas: how the search box reads a learner's query (README, "Search").
   atlas-early.js loads this file only when the reader starts to search, before the search worker
   starts, so no page pays for it up front; it defines window.atlasSearchQuery(query) -> query.

   Material's lunr search has no working stemmer (its pipeline option drops matches once the
   stemmer is on) and appends "*" to every word, so a word matches every indexed word it begins.
   So the query is rewritten to the shortest prefix that still means the same word:
   - English stop words and question words go ("why do LLMs hallucinate" -> "llm hallucinat"), and
     "AI" beside other words ("AI agents" -> "agent"), since every page is about AI:
     a wildcard skips lunr's own stop-word filter, so "to" in "talk to your documents" matched "token";
   - words are cut to the prefix that both spellings and the usual endings share (tokeniser and
     tokenizer -> tokeni, behaviour -> behavio, modelling -> model, GANs -> gan,
     hallucinate and hallucinations -> hallucinat, training -> train);
   - DALL-E, DALL·E, DALLE and Dall-e 2 all become "dall", which begins every spelling on the site;
     "gpt4" becomes "gpt 4"; "GenAI" becomes "generative ai"; "finetuning" becomes "fine tuning";
     "LLM's" becomes "llm"; "make things up" becomes "hallucinate", the word the pages use;
     a question that asks when ("when did ChatGPT come out") asks the timeline, and one that asks
     what a thing is in some setting asks what the thing is ("what is a token in an LLM" -> "token");
     "tell if" and "spot whether" are "detect"; "see images" is "multimodal image"; chatty fillers ("actually",
     "keep hearing") and "make" (it matched the catalogue's Maker column) go with the stop words;
   - hyphenated words are split (lunr's parser would read "GPT-4" as "GPT but not 4"), and a lone
     letter or number matches only itself ("U-Net" -> "u^1 net", "GPT-4" -> "gpt 4^1").
   Lunr query syntax (+word, -word, "phrase", field:, ~, ^, *) is left alone. */
(() => {
  // biome-ignore lint/suspicious/noRedundantUseStrict: a classic script (Biome takes .js for modules)
  "use strict";

  const words = (s) => new Set(s.split(" "));
  // lunr's English stop words, and words that only make a question a question.
  const STOP = words(
    "a able about across after all almost also am among an and any are as at be because been but by can " +
      "cannot could dear did do does either else ever every for from get got had has have he her hers him his how however " +
      "i if in into is it its just least let like likely may me might most must my neither no nor not of off often on only " +
      "or other our own rather said say says she should since so some than that the their them then there these they this " +
      "tis to too twas us wants was we were what when where which while who whom why will with would yet you your " +
      "work works explain explained mean means meaning definition define defined stand much many " +
      "difference differences differ between compare compared vs versus " +
      "actually really exactly basically simply keep hear hearing heard know please tell told make makes making",
  );
  // Words in -ise that are not British spellings of -ize, and words in -s that are not plurals.
  const ISE = words(
    "rise arise wise otherwise likewise clockwise noise poise raise praise precise concise promise premise expertise " +
      "exercise advise revise supervise devise compromise surprise enterprise disguise franchise paradise cruise " +
      "televise improvise comprise demise despise incise excise merchandise reprise treatise",
  );
  const NOT_PLURAL = words("news series species lens always perhaps");
  const OUR = words("our ours your yours four hour hours pour tour tours flour devour detour contour");

  /** The shortest prefix that a word's usual forms and both spellings share (the query adds "*"):
      tokeniser, tokenizer, tokenization -> tokeni; behaviour -> behavio; modelling -> model;
      hallucinate, hallucinations -> hallucinat; GANs -> gan; training -> train; encode -> encod. */
  function prefix(w) {
    if (!/^[a-z]{4,}$/.test(w)) return w;
    let m = w.match(/^([a-z]{3,}i)[sz](e|es|ed|ing|er|ers|ation|ations)$/);
    if (m && !ISE.has(`${m[1]}se`.replace(/^(un|re|super)(?=[a-z]{4})/, ""))) return m[1];
    m = w.match(/^([a-z]{3,}o)ur(s|ed|ing|ite|ites|able)?$/);
    if (m && !OUR.has(w)) return m[1];
    m = w.match(/^([a-z]{2,}[aeiou]l)l(ing|ed|er|ers)$/);
    if (m) return m[1];
    m = w.match(/^([a-z]{4,}at)(e|ed|es|ing|ion|ions)$/);
    if (m) return m[1];
    m = w.match(/^([a-z]{4,}?)(ies|ing|ed)$/);
    if (m) return m[1];
    m = w.match(/^([a-z]{3,}(?:s|x|ch|sh))es$/);
    if (m) return m[1];
    if (/[^su]s$/.test(w) && !/(is|as|os)$/.test(w) && !NOT_PLURAL.has(w)) return w.slice(0, -1);
    if (w.length >= 5 && /[^aeiouy]e$/.test(w)) return w.slice(0, -1);
    return w;
  }

  function atlasSearchQuery(query) {
    if (typeof query !== "string" || /(^|\s)[+-]|["~^:*]/.test(query)) return query;
    const q = query
      .replace(/\bdall\s*[-‐‑·・.]?\s*e(?![a-z])/gi, "dall ")
      .replace(/\bgen\s*-?\s*ai\s+atlas\b/gi, "atlas") // the site's own name
      .replace(/\bgen\s*-?\s*ai\b/gi, "generative ai")
      .replace(/\bfine(?=tun)/gi, "fine ")
      .replace(/\b(?:make|makes|making|made)\s+(?:things|stuff|facts|it)\s+up\b/gi, "hallucinate")
      .replace(/^\s*when\s+(?:did|was|were|is|will)\b/i, "timeline")
      .replace(/^(\s*what\s+(?:is|are)\s+(?:an?\s+|the\s+)?[a-z-]+(?:\s+[a-z-]+)?)\s+in\s+(?:an?\s+|the\s+)?[a-z-]+s?\s*\??\s*$/i, "$1")
      .replace(/\b(?:tell|know|spot)\s+(?:if|whether)\b/gi, "detect")
      .replace(/\b(?:see|seeing|understand|understanding|read|reading|look\s+at)\s+(?:images?|pictures?|photos?)\b/gi, "multimodal image")
      .replace(/\b(?:used|uses|using|usage)\b/gi, "use")
      .replace(/\b([a-z]{3,})(\d[\d.]*)\b/gi, "$1 $2");
    const words = q
      .split(/[\s-]+/)
      .map((w) => w.replace(/^[?!.,;'"“”‘’]+|[?!.,;'"“”‘’]+$/g, "").replace(/(?<=[a-z])['’]s$/i, ""))
      .filter((w) => w && !STOP.has(w.toLowerCase()));
    if (!words.length) return query;
    // Every page here is about AI: beside other words, "AI" tells the pages apart no better than
    // "the", and as a tag of several pages it outweighed the word that did ("watermarking").
    // ("Generative AI" is a term of its own: that "AI" stays.)
    // Likewise the verb "generate" ("can diffusion models generate video"): every page generates;
    // the nouns (generator, generation, generative) stay.
    const told = words.filter((w, i) => !/^(?:ai|generat(?:e|es|ed|ing))$/i.test(w) || (/^ai$/i.test(w) && /^generative$/i.test(words[i - 1] || "")));
    const read = (told.length ? told : words).map((w) => {
      if (/^[A-Za-z]+$/.test(w) && w.length > 1) return prefix(w.toLowerCase());
      // A lone letter or a number ("U" of U-Net, "4" of GPT-4) matches only itself: "^1" is a
      // neutral boost that keeps Material from appending "*" ("4*" matched 40, 400, 4o).
      if (/^([A-Za-z]|\d+)$/.test(w)) return `${w.toLowerCase()}^1`;
      return w;
    });
    return [...new Set(read)].join(" ");
  }

  window.atlasSearchQuery = atlasSearchQuery;
})();
