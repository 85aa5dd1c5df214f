/* The tokenizer playground's encoder, shared by the page (tokenizer-playground.js) and its worker
   (_tokenize-worker.js): the npm package gpt-tokenizer's own byte pair encoder and merge ranks,
   served by this site from ./vendor/gpt-tokenizer/ (copied by `atlas-tools vendor`).
   Two guards keep a hostile paste from freezing the reader's tab, because the encoder's cost grows
   with the square of the length of one unbroken run (a "word" of a million letters):
   - only the first MAX_CHARS characters are tokenized;
   - a run the pre-tokenizer did not break that is longer than MAX_RUN characters is encoded in
     MAX_RUN-character pieces. GPT-2's own tokenizer does not cut such runs, so tokens at the cuts
     may differ; the figure says so whenever it happens. Ordinary text has no such runs. */

const VENDOR = new URL("./vendor/gpt-tokenizer/", import.meta.url);
export const MAX_CHARS = 100000;
export const MAX_RUN = 100;
const SPLIT_REGEX = { r50k_base: "R50K_TOKEN_SPLIT_REGEX", cl100k_base: "CL100K_TOKEN_SPLIT_REGEX" };
const encoders = new Map(); // encoding name -> Promise of the package's BytePairEncodingCore
const utf8 = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/** The package's encoder for `name`, loaded on first use. */
export function loadEncoder(name) {
  if (!SPLIT_REGEX[name]) return Promise.reject(new Error(`unknown encoding ${name}`));
  if (!encoders.has(name)) {
    encoders.set(name, Promise.all([
      import(new URL("BytePairEncodingCore.js", VENDOR).href),
      import(new URL("encodingParams/constants.js", VENDOR).href),
      import(new URL(`bpeRanks/${name}.js`, VENDOR).href),
    ]).then(([core, params, ranks]) => new core.BytePairEncodingCore({
      bytePairRankDecoder: ranks.default,
      specialTokensEncoder: new Map(), // special tokens such as <|endoftext|> are plain text here
      tokenSplitRegex: params[SPLIT_REGEX[name]],
    })));
    encoders.get(name).catch(() => encoders.delete(name));
  }
  return encoders.get(name);
}

/** The first `max` characters (code points) of `text`, never cutting a surrogate pair. */
export function cap(text, max = MAX_CHARS) {
  if (text.length <= max) return text;
  let i = 0;
  for (let n = 0; n < max && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return text.slice(0, i);
}

/** `piece` cut into runs of at most MAX_RUN code points. */
function runs(piece) {
  const chars = Array.from(piece);
  const out = [];
  for (let i = 0; i < chars.length; i += MAX_RUN) out.push(chars.slice(i, i + MAX_RUN).join(""));
  return out;
}

/** Token ids of `text` (already capped) and whether a long run had to be cut. */
export function encodeIds(core, text) {
  const ids = [];
  let cut = false;
  for (const [piece] of text.matchAll(core.tokenSplitRegex)) {
    const rank = core.getBpeRankFromString(piece);
    if (rank !== undefined) { ids.push(rank); continue; }
    if (piece.length > MAX_RUN && Array.from(piece).length > MAX_RUN) {
      cut = true;
      for (const run of runs(piece)) {
        const r = core.getBpeRankFromString(run);
        if (r !== undefined) ids.push(r);
        else for (const id of core.bytePairEncode(run)) ids.push(id);
      }
    } else {
      for (const id of core.bytePairEncode(piece)) ids.push(id);
    }
  }
  return { ids, cut };
}

/** A token's bytes. */
export function tokenBytes(core, id) {
  const v = core.tryDecodeToken(id);
  return typeof v === "string" ? utf8.encode(v) : new Uint8Array(v);
}

/** Tokens of `text`: [{id, bytes}] (bytes as a plain array), exactly as the playground shows them. */
export async function tokenize(text, name = "r50k_base") {
  const core = await loadEncoder(name);
  return encodeIds(core, cap(text)).ids.map((id) => ({ id, bytes: Array.from(tokenBytes(core, id)) }));
}

/** The pieces of the text each token covers, as whole characters: [start, end, first, count].
   A character split over several tokens (an emoji is four bytes; GPT-2 often takes it in two or
   three tokens) makes one unit of those tokens, so the figure can show "👍 = 2 tokens". Units
   are listed until `limit` tokens are covered (the last unit may run past it). */
export function units(text, lengths, limit = Infinity) {
  const out = [];
  let ci = 0; // UTF-16 index in text
  let cb = 0; // its byte offset
  let tb = 0; // byte offset at the end of the current token
  let start = 0;
  let first = 0;
  for (let t = 0; t < lengths.length && first < limit; t++) {
    tb += lengths[t];
    while (ci < text.length) {
      const cp = text.codePointAt(ci);
      const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4; // a lone surrogate is U+FFFD: 3
      if (cb + len > tb) break;
      cb += len;
      ci += cp > 0xffff ? 2 : 1;
    }
    if (cb === tb) {
      out.push([start, ci, first, t - first + 1]);
      start = ci;
      first = t + 1;
    }
  }
  return out;
}

const WHITESPACE = { " ": "␣", "\n": "↵", "\t": "⇥", "\r": "␍" };
export const showSpace = (s) => s.replace(/[ \n\t\r]/g, (c) => WHITESPACE[c]);
const hex = (b) => b.toString(16).toUpperCase().padStart(2, "0");

/** A token's bytes as [text, isByte] segments: whole characters as text (whitespace visible),
   bytes that are only part of a character as their two hex digits. */
export function segments(bytes) {
  const out = [];
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let text = null;
    if (len && i + len <= bytes.length) {
      try { text = strict.decode(bytes.subarray(i, i + len)); } catch { text = null; }
    }
    if (text === null) { out.push([hex(b), true]); i += 1; } else {
      const last = out[out.length - 1];
      if (last && !last[1]) last[0] += showSpace(text); else out.push([showSpace(text), false]);
      i += len;
    }
  }
  return out;
}

/** A token's text, whitespace visible; bytes that are not a whole character shown as \xHH. */
export function visible(bytes) {
  return segments(bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes)).map(([s, isByte]) => (isByte ? `\\x${s}` : s)).join("");
}

export const words = (text) => text.split(/\s+/).filter(Boolean);

/** Everything the playground shows for `text`: counts, the first `limit` tokens and their units,
   and the first `limit` words or characters of the baseline. Plain data, so a worker can send it. */
export function analyse(core, name, full, limit, baseline) {
  const text = cap(full);
  const { ids, cut } = encodeIds(core, text);
  const bytes = [];
  const lengths = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const b = tokenBytes(core, ids[i]);
    lengths[i] = b.length;
    if (i < limit + 8) bytes.push(b); // a unit may run a few tokens past the limit
  }
  const shown = units(text, lengths, limit);
  const last = shown[shown.length - 1];
  const nShown = last ? last[2] + last[3] : 0;
  const tokens = [];
  for (let i = 0; i < nShown; i++) tokens.push([ids[i], segments(i < bytes.length ? bytes[i] : tokenBytes(core, ids[i]))]);
  const allWords = words(full);
  const chars = Array.from(full).length;
  let base = null;
  if (baseline === "words") base = { parts: allWords.slice(0, limit), total: allWords.length };
  else if (baseline === "characters") base = { parts: Array.from(full.slice(0, 2 * limit)).slice(0, limit), total: chars };
  return {
    name, length: full.length, chars, words: allWords.length, total: ids.length, capped: text.length < full.length, cut,
    text: last ? text.slice(0, last[1]) : "", units: shown, tokens, baseline: base,
  };
}
