"""What the tiny model's attention heads do, measured on held-out sentences of its grammar.

A head is named on the pages only if `score()` backs the name on sentences the model never saw:
tests/source/test_tinylm.py checks every relation of every entry of LABELS at THRESHOLD. The
measure is strict: a sentence counts only if *every* instance of the relation in it (every object
noun, every *that*) puts its largest attention weight on the word the relation names. Heads not
in LABELS stay unlabelled: `python -m atlas_build.tinylm.heads` prints every head's scores, and
none of the others reaches the threshold on any relation here (nor on "from each verb to its
subject", which no single head of this model does: its best head manages 43 % of sentences).
"""

from __future__ import annotations

import numpy as np

from atlas_build.tinylm import corpus, model, tokenizer

HELDOUT_SEED, HELDOUT_COUNT = 1002, 300
THRESHOLD = 0.8
DETERMINERS = {w for ds in corpus.DETERMINERS.values() for w in ds}

# (layer, head), counted from 1 as the pages count them -> (label, the relations that back it)
LABELS: dict[tuple[int, int], tuple[str, tuple[str, ...]]] = {
    (1, 2): ("from an object noun to its verb, and from “that” to the start of the noun phrase it describes",
             ("object noun -> its verb", "that -> start of its noun phrase")),
}


def heldout(count: int = HELDOUT_COUNT) -> list[corpus.Sentence]:
    """Sentences from a seed the trainer does not use, minus any that occur in its corpus."""
    train = {tuple(s.words) for s in corpus.sentences(corpus.TRAIN_SEED, corpus.TRAIN_SENTENCES)}
    return [s for s in corpus.sentences(HELDOUT_SEED, count * 2) if tuple(s.words) not in train][:count]


def _start(words: list[str], i: int) -> int:
    return max(j for j in range(i) if words[j] in DETERMINERS)


def relations(s: corpus.Sentence) -> dict[str, list[tuple[int, int]]]:
    """Relation name -> (query word index, key word index) pairs in the sentence."""
    w = s.words
    out: dict[str, list[tuple[int, int]]] = {
        "verb -> its subject": sorted(s.subject_of.items()),
        "that -> start of its noun phrase": [(i, _start(w, i)) for i, x in enumerate(w) if x == "that"],
        "object noun -> its verb": [],
        "noun -> its determiner": [],
    }
    for i, x in enumerate(w):
        if x in corpus.NOUN_WORDS:
            d = _start(w, i)
            out["noun -> its determiner"].append((i, d))
            if d > 0 and w[d - 1] in corpus.VERBS:
                out["object noun -> its verb"].append((i, d - 1))
    return out


def score(params, cfg, sentences: list[corpus.Sentence]) -> dict[str, np.ndarray]:
    """Relation -> (layers, heads) share of the sentences having the relation in which every
    instance's top attention (word k is position k + 1, after `<bos>`) is the named word."""
    hits: dict[str, np.ndarray] = {}
    counts: dict[str, int] = {}
    for s in sentences:
        _, attns = model.forward(params, cfg, np.asarray(tokenizer.encode(" ".join(s.words))))
        top = np.stack([np.argmax(a, -1) for a in attns])   # (layers, heads, T)
        for name, pairs in relations(s).items():
            if not pairs:
                continue
            counts[name] = counts.get(name, 0) + 1
            ok = np.ones(top.shape[:2], dtype=bool)
            for q, k in pairs:
                ok &= top[:, :, q + 1] == k + 1
            hits[name] = hits.get(name, 0) + ok
    return {name: hits[name] / counts[name] for name in hits}


def main_verb(s: corpus.Sentence) -> int:
    """The main clause's verb: the last verb whose subject is the sentence's first noun."""
    first = min(s.subject_of.values())
    return max(v for v, subj in s.subject_of.items() if subj == first)


def agreement(params, cfg, sentences: list[corpus.Sentence]) -> tuple[float, int]:
    """In sentences whose subject carries a relative clause (*the cat that the dogs chase ...*), the
    share in which, just before the main verb, the model gives more probability to verbs that agree
    with the subject than to verbs that do not; and how many such sentences there were."""
    right = total = 0
    for s in sentences:
        v = main_verb(s)
        subject = s.subject_of[v]
        if s.words[subject + 1] != "that":
            continue
        number = corpus.number(s.words[subject])
        probs, _ = model.next_token_probs(params, cfg, tokenizer.encode(" ".join(s.words[:v])))
        verbs = corpus.TRANSITIVE + corpus.INTRANSITIVE
        good = sum(probs[tokenizer.INDEX[p[number]]] for p in verbs)
        bad = sum(probs[tokenizer.INDEX[p[1 - number]]] for p in verbs)
        right += bool(good > bad)
        total += 1
    return right / total, total


if __name__ == "__main__":
    from atlas_build.tinylm import weights

    params, cfg = weights.load()
    sample = heldout()
    for name, table in score(params, cfg, sample).items():
        print(name)
        print(np.round(table, 3))
    print("agreement", agreement(params, cfg, sample))
