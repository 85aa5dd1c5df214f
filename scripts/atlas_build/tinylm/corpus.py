"""The tiny model's corpus: English-like sentences from a small seeded grammar.

Why a grammar and not real text: every sentence comes with its parse, so a test can check what an
attention head does (which word each verb's subject is), and the grammar's own entropy is known,
so the model card can say how close the model gets to the best possible loss. The grammar has
number agreement (*the cat sees*, *the cats see*) across relative clauses (*the cat that the dogs
chase sees*), which a model can only get right by looking back past the nearest noun.

    S   -> NP[n] VP[n] "."
    NP  -> Det[n] (Adj) N[n] (RC)          relative clauses only on the top-level NPs
    RC  -> "that" V[n] NP                   subject relative: the cat that chases the dogs
         | "that" NP[m] V[m]                object relative:  the cat that the dogs chase
    VP  -> Vt[n] NP (Adv) | Vi[n] (Adv)

`sentence(rng)` returns the words, each verb's subject (word index of its head noun), and the
natural log of the probability the grammar gave the sentence.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

NOUNS = [("cat", "cats"), ("dog", "dogs"), ("bird", "birds"), ("fox", "foxes"), ("child", "children"),
         ("teacher", "teachers"), ("robot", "robots"), ("farmer", "farmers"), ("girl", "girls"),
         ("boy", "boys"), ("mouse", "mice"), ("horse", "horses")]
TRANSITIVE = [("sees", "see"), ("chases", "chase"), ("likes", "like"), ("follows", "follow"),
              ("helps", "help"), ("finds", "find"), ("watches", "watch"), ("feeds", "feed")]
INTRANSITIVE = [("sleeps", "sleep"), ("runs", "run"), ("sings", "sing"), ("waits", "wait"), ("laughs", "laugh")]
ADJECTIVES = ["big", "small", "old", "young", "happy", "hungry", "red"]
DETERMINERS = {0: ["the", "a", "every"], 1: ["the", "some", "two", "many"]}   # 0 singular, 1 plural
ADVERBS = ["today", "again", "quietly"]
END = "."

TRAIN_SEED, TRAIN_SENTENCES = 1, 20_000   # the trainer's corpus (scripts/atlas_tools/train_tinylm.py)

P_PLURAL, P_ADJ, P_RC, P_OBJECT_RC, P_TRANSITIVE, P_ADV = 0.5, 0.3, 0.35, 0.5, 0.65, 0.2

WORDS = sorted({w for pair in NOUNS + TRANSITIVE + INTRANSITIVE for w in pair}
               | set(ADJECTIVES) | set(ADVERBS) | {w for ds in DETERMINERS.values() for w in ds} | {"that", END})
VERBS = {w for pair in TRANSITIVE + INTRANSITIVE for w in pair}
NOUN_WORDS = {w for pair in NOUNS for w in pair}


@dataclass
class Sentence:
    words: list[str] = field(default_factory=list)
    subject_of: dict[int, int] = field(default_factory=dict)   # verb index -> subject noun index
    logp: float = 0.0
    kinds: set[str] = field(default_factory=set)                # "subject-rc", "object-rc"

    def choose(self, rng: random.Random, options: list[str]) -> str:
        self.logp -= math.log(len(options))
        return options[rng.randrange(len(options))]

    def flip(self, rng: random.Random, p: float) -> bool:
        yes = rng.random() < p
        self.logp += math.log(p if yes else 1 - p)
        return yes


def noun_phrase(s: Sentence, rng: random.Random, allow_rc: bool) -> int:
    """Append an NP; return the index of its head noun."""
    n = int(s.flip(rng, P_PLURAL))
    s.words.append(s.choose(rng, DETERMINERS[n]))
    if s.flip(rng, P_ADJ):
        s.words.append(s.choose(rng, ADJECTIVES))
    s.words.append(s.choose(rng, [pair[n] for pair in NOUNS]))
    head = len(s.words) - 1
    if allow_rc and s.flip(rng, P_RC):
        s.words.append("that")
        if s.flip(rng, P_OBJECT_RC):   # the cat that the dogs chase
            s.kinds.add("object-rc")
            inner = noun_phrase(s, rng, allow_rc=False)
            s.words.append(s.choose(rng, [pair[number(s.words[inner])] for pair in TRANSITIVE]))
            s.subject_of[len(s.words) - 1] = inner
        else:                           # the cat that chases the dogs
            s.kinds.add("subject-rc")
            s.words.append(s.choose(rng, [pair[n] for pair in TRANSITIVE]))
            s.subject_of[len(s.words) - 1] = head
            noun_phrase(s, rng, allow_rc=False)
    return head


def number(noun: str) -> int:
    return next(i for pair in NOUNS for i, w in enumerate(pair) if w == noun)


def sentence(rng: random.Random) -> Sentence:
    s = Sentence()
    subject = noun_phrase(s, rng, allow_rc=True)
    n = number(s.words[subject])
    if s.flip(rng, P_TRANSITIVE):
        s.words.append(s.choose(rng, [pair[n] for pair in TRANSITIVE]))
        s.subject_of[len(s.words) - 1] = subject
        noun_phrase(s, rng, allow_rc=True)
    else:
        s.words.append(s.choose(rng, [pair[n] for pair in INTRANSITIVE]))
        s.subject_of[len(s.words) - 1] = subject
    if s.flip(rng, P_ADV):
        s.words.append(s.choose(rng, ADVERBS))
    s.words.append(END)
    return s


def sentences(seed: int, count: int) -> list[Sentence]:
    rng = random.Random(seed)
    return [sentence(rng) for _ in range(count)]


def entropy_per_token(sample: list[Sentence]) -> float:
    """The grammar's own entropy rate in nats per token (each sentence has one derivation), the
    lowest average loss any model can reach on its sentences."""
    return -sum(s.logp for s in sample) / sum(len(s.words) for s in sample)
