"""The claim checker: find, sentence by sentence, the claims a marketing text makes.

Each claim in the library has a neutral summary and example wordings (`phrasings`).
A sentence is compared with all of them at once: TF-IDF vectors of character n-grams
(robust to spelling, plurals and word order) and of word pairs (after merging synonyms),
cosine similarity, plus the topic cues in claim_cues.py. The best claim wins if its score
passes THRESHOLD; a sentence that names no topic must be very close to a wording
(NO_CUE_THRESHOLD), which keeps greetings, opening hours and cookie banners out.

The index is built once per content version and kept in the process. Nothing is
downloaded: scikit-learn ships inside the package."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalise

from .claim_cues import TOPIC_CUES, normalise, topic_cues, words
from .sentences import split_sentences

MAX_CHARACTERS = 20_000

# Tuned on the `dev` half of tests/data/claim_eval.yaml (see manage.py claim_eval).
CHAR_WEIGHT = 0.6  # share of the character n-grams in the combined vector
CUE_WEIGHT = 0.35  # added for a topic's cue (times its strength: 1, 0.75 or 0.5)
THRESHOLD = 0.42  # similarity + cue needed to call a sentence a claim
NO_CUE_THRESHOLD = 0.62  # similarity needed when the sentence names no topic
MIN_WORDS = 3  # "Submit", "Accept all cookies": too short to make a claim


@dataclass(frozen=True)
class ClaimText:
    """What the matcher needs of a claim: its key, its topic and its wordings."""

    key: str
    topic: str
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    key: str
    topic: str
    score: float


class ClaimMatcher:
    def __init__(self, claims: Sequence[ClaimText]):
        self.claims = [c for c in claims if c.texts]
        documents: list[str] = []
        owners: list[int] = []
        for index, claim in enumerate(self.claims):
            for text in claim.texts:
                documents.append(normalise(text))
                owners.append(index)
        # Each claim's wordings are consecutive rows: where each claim's rows start.
        self.starts = np.searchsorted(np.array(owners, dtype=np.int64), np.arange(len(self.claims)))
        self.topics = [claim.topic for claim in self.claims]
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.word = TfidfVectorizer(analyzer=lambda text: _word_features(text), sublinear_tf=True)
        if documents:
            self.matrix = self._vectors(documents, fit=True)
        else:
            self.matrix = None

    def _vectors(self, normalised: list[str], fit: bool = False):
        if fit:
            chars = self.char.fit_transform(normalised)
            word_vectors = self.word.fit_transform(normalised)
        else:
            chars = self.char.transform(normalised)
            word_vectors = self.word.transform(normalised)
        combined = sparse.hstack(
            [chars * np.sqrt(CHAR_WEIGHT), word_vectors * np.sqrt(1 - CHAR_WEIGHT)], format="csr"
        )
        return l2_normalise(combined)

    def similarities(self, sentences: Sequence[str]) -> np.ndarray:
        """(sentences x claims): each claim's best cosine similarity over its wordings."""
        normalised = [normalise(s) for s in sentences]
        if self.matrix is None or not normalised:
            return np.zeros((len(normalised), len(self.claims)))
        by_document = (self._vectors(normalised) @ self.matrix.T).toarray()
        return np.maximum.reduceat(by_document, self.starts, axis=1)

    def match(self, sentences: Sequence[str]) -> list[Match | None]:
        if not sentences:
            return []
        similarity = self.similarities(sentences)
        results: list[Match | None] = []
        for row, sentence in zip(similarity, sentences, strict=True):
            results.append(self._best(row, normalise(sentence)))
        return results

    def _best(self, row: np.ndarray, text: str) -> Match | None:
        if len(words(text)) < MIN_WORDS and len(text.split()) < MIN_WORDS:
            return None
        if not len(row):
            return None
        cues = topic_cues(text)
        # A claim whose topic the sentence does not name competes only when the sentence
        # is very close to one of its wordings.
        bonus = np.array([CUE_WEIGHT * cues[t] if t in cues else -1.0 for t in self.topics])
        scores = np.where(row >= NO_CUE_THRESHOLD, row + np.maximum(bonus, 0), row + bonus)
        best = int(np.argmax(scores))
        if scores[best] < THRESHOLD:
            return None
        claim = self.claims[best]
        return Match(key=claim.key, topic=claim.topic, score=round(float(scores[best]), 3))


def _word_features(text: str) -> list[str]:
    tokens = words(text)
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


def known_topics() -> list[str]:
    return list(TOPIC_CUES)


# --- The index for the current content --------------------------------------------

_lock = threading.Lock()
_cached: tuple[str, ClaimMatcher] | None = None


def claim_texts(claims: Iterable) -> list[ClaimText]:
    """ClaimTexts from Claim records (or anything with key, topic, summary, phrasings)."""
    return [
        ClaimText(key=c.key, topic=c.topic, texts=(c.summary, *(c.phrasings or []))) for c in claims
    ]


def current_matcher() -> ClaimMatcher:
    """The matcher for the content now loaded, built once per content version."""
    global _cached
    from .caching import current_version
    from .models import Claim

    version = current_version()
    cached = _cached
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == version:
            return _cached[1]
        matcher = ClaimMatcher(
            claim_texts(Claim.objects.only("key", "topic", "summary", "phrasings"))
        )
        _cached = (version, matcher)
        return matcher


# --- Checking a text ---------------------------------------------------------------


@dataclass(frozen=True)
class CheckedSentence:
    text: str
    match: Match | None


def check_sentences(text: str, *, matcher: ClaimMatcher) -> list[CheckedSentence]:
    """The text split into sentences, each with the claim it makes, if any."""
    sentences = split_sentences(text)
    return [
        CheckedSentence(text=s, match=m)
        for s, m in zip(sentences, matcher.match(sentences), strict=True)
    ]
