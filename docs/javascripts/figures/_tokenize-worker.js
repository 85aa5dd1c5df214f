/* The tokenizer playground's worker: tokenizes off the page's main thread, so typing in a long text
   never waits for the encoder. Started by tokenizer-playground.js the first time the reader uses
   the box; loads the vocabulary from this site (_tokenize.js). One message in, one message out:
   {seq, name, text, limit, baseline} -> {seq, result} or {seq, error}. */
import { analyse, loadEncoder } from "./_tokenize.js";

self.onmessage = async (event) => {
  const { seq, name, text, limit, baseline } = event.data;
  try {
    const core = await loadEncoder(name);
    self.postMessage({ seq, result: analyse(core, name, text, limit, baseline) });
  } catch (error) {
    self.postMessage({ seq, error: String(error?.message || error) });
  }
};
