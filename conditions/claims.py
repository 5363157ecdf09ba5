"""The claim checker: find, sentence by sentence, the claims a marketing text makes.

Each claim in the library has a neutral summary and example wordings (`phrasings`).
A sentence is compared with all of them at once: TF-IDF vectors of character n-grams
(robust to spelling, plurals and word order) and of word pairs (after merging synonyms),
cosine similarity, plus the topic cues in claim_cues.py. The best claim wins if its score
passes THRESHOLD; a sentence that names no topic must be very close to a wording
(NO_CUE_THRESHOLD), which keeps greetings, opening hours and cookie banners out.

The index is built once per content version and kept in the process. Nothing is
downloaded: scikit-learn ships inside the package (imported on first use: it takes a
second to import, which every other page and command is spared)."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .claim_cues import REFERENCE, TOPIC_CUES, normalise, topic_cues, words
from .sentences import split_sentences

MAX_CHARACTERS = 20_000

# Messages for bad input, shared by the page, the API and the tests.
ERROR_EMPTY = "Paste some text to check. The box was empty."
ERROR_TOO_LONG = (
    "The text is {length:,} characters long. The checker takes up to {limit:,} characters "
    "(about 3,000 words) at a time. Please check it in parts."
)
ERROR_BODY_TOO_LARGE = "The request is larger than 1 MB. Send at most 20,000 characters of text."
ERROR_NOT_UTF8 = "The request body is not UTF-8 text."
ERROR_NOT_JSON = 'The request body is not valid JSON. Send {"text": "..."}.'
ERROR_NO_TEXT = 'Send a JSON object with the text to check as a string: {"text": "..."}.'


def too_long_message(length: int) -> str:
    return ERROR_TOO_LONG.format(length=length, limit=MAX_CHARACTERS)


# Tuned on the `dev` half of tests/data/claim_eval.yaml (see manage.py claim_eval).
CHAR_WEIGHT = 0.6  # share of the character n-grams in the combined vector
CUE_WEIGHT = 0.35  # added for a topic's cue, times its strength (claim_cues.topic_cues)
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
        from sklearn.feature_extraction.text import TfidfVectorizer

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
        self.topic_index = {topic: i for i, topic in enumerate(dict.fromkeys(self.topics))}
        self.claim_topic = np.array([self.topic_index[t] for t in self.topics], dtype=np.int64)
        self.char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        self.word = TfidfVectorizer(analyzer=_given, sublinear_tf=True)
        self.matrix = self._vectors(documents, fit=True) if documents else None

    def _vectors(self, normalised: list[str], fit: bool = False):
        features = [_word_features(text) for text in normalised]
        if fit:
            chars = self.char.fit_transform(normalised)
            word_vectors = self.word.fit_transform(features)
        else:
            chars = self.char.transform(normalised)
            word_vectors = self.word.transform(features)
        combined = sparse.hstack(
            [chars * np.sqrt(CHAR_WEIGHT), word_vectors * np.sqrt(1 - CHAR_WEIGHT)], format="csr"
        )
        return _unit_rows(combined)

    def similarities(self, normalised: Sequence[str]) -> np.ndarray:
        """(sentences x claims): each claim's best cosine similarity over its wordings.
        The sentences must be normalised already (claim_cues.normalise)."""
        if self.matrix is None or not normalised:
            return np.zeros((len(normalised), len(self.claims)))
        by_document = (self._vectors(list(normalised)) @ self.matrix.T).toarray()
        return np.maximum.reduceat(by_document, self.starts, axis=1)

    def match(self, sentences: Sequence[str], *, in_sequence: bool = False) -> list[Match | None]:
        """The claim each sentence makes, or None. With in_sequence, the sentences are one
        text in order, and a sentence may take its context from the one before."""
        normalised = [normalise(s) for s in sentences]
        if not normalised or not self.claims:
            return [None] * len(normalised)
        similarity = self.similarities(normalised)
        # Topic cues: a bonus per claim, or -1 for a claim whose topic the sentence does not
        # name; such a claim competes only when the sentence is very close to a wording.
        bonus = np.full((len(normalised), len(self.topic_index)), -1.0)
        for row, text in enumerate(normalised):
            previous = normalised[row - 1] if in_sequence and row else ""
            for topic, strength in topic_cues(text, previous).items():
                if topic in self.topic_index:
                    bonus[row, self.topic_index[topic]] = CUE_WEIGHT * strength
        bonus = bonus[:, self.claim_topic]
        scores = np.where(
            similarity >= NO_CUE_THRESHOLD, similarity + np.maximum(bonus, 0), similarity + bonus
        )
        best = np.argmax(scores, axis=1)
        results: list[Match | None] = []
        for row, text in enumerate(normalised):
            score = float(scores[row, best[row]])
            if score < THRESHOLD or _too_short(text):
                results.append(None)
                continue
            claim = self.claims[best[row]]
            results.append(Match(key=claim.key, topic=claim.topic, score=round(score, 3)))
        return results


def _too_short(text: str) -> bool:
    """ "Submit", "Accept all cookies": too few words to make a claim. A reference list
    entry ("[6] Hansen L, et al. ... https://doi.org/...") quotes a title: no claim either."""
    return len(text.split()) < MIN_WORDS or bool(REFERENCE.search(text))


def _given(features: list[str]) -> list[str]:
    return features


def _unit_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Scale each row to length 1, so that a dot product is the cosine similarity."""
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


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
        for s, m in zip(sentences, matcher.match(sentences, in_sequence=True), strict=True)
    ]
