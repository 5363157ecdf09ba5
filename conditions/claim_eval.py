"""Precision and recall of the claim checker on an evaluation set (tests/data/claim_eval.yaml).

Used by tests/test_claims.py, which asserts the targets, and by `manage.py claim_eval`,
which prints the figures the README reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .claims import ClaimMatcher

EVAL_FILE = Path(__file__).resolve().parent.parent / "tests" / "data" / "claim_eval.yaml"

# The targets from the issue: share of claim sentences matched to a claim of the right
# topic, and share of neutral sentences flagged as claims.
MIN_RECALL = 0.90
MAX_FALSE_ALARMS = 0.05


@dataclass
class EvalResult:
    name: str
    claims: int = 0
    right_topic: int = 0
    wrong_topic: list[tuple[str, str, str]] = field(default_factory=list)  # text, want, got
    missed: list[tuple[str, str]] = field(default_factory=list)  # text, want
    neutral: int = 0
    flagged: list[tuple[str, str]] = field(default_factory=list)  # text, got

    @property
    def recall(self) -> float:
        return self.right_topic / self.claims if self.claims else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.flagged) / self.neutral if self.neutral else 0.0

    @property
    def precision(self) -> float:
        """Of the sentences flagged, the share that were claims of the topic flagged."""
        flagged = self.right_topic + len(self.wrong_topic) + len(self.flagged)
        return self.right_topic / flagged if flagged else 0.0

    def summary(self) -> str:
        return (
            f"{self.name}: {self.right_topic} of {self.claims} claim sentences matched to a claim "
            f"of the right topic ({self.recall:.1%}); {len(self.wrong_topic)} to another topic, "
            f"{len(self.missed)} missed. {len(self.flagged)} of {self.neutral} neutral sentences "
            f"flagged ({self.false_alarm_rate:.1%}). Precision {self.precision:.1%}."
        )


def load_eval(path: Path = EVAL_FILE) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def evaluate(matcher: ClaimMatcher, part: dict, name: str) -> EvalResult:
    result = EvalResult(name=name)
    items = []
    for topic, entries in (part.get("claims") or {}).items():
        for entry in entries:
            if isinstance(entry, dict):
                items.append((entry["text"], {topic, *entry.get("also", [])}, topic))
            else:
                items.append((entry, {topic}, topic))
    matches = matcher.match([text for text, _, _ in items])
    for (text, allowed, topic), match in zip(items, matches, strict=True):
        result.claims += 1
        if match is None:
            result.missed.append((text, topic))
        elif match.topic in allowed:
            result.right_topic += 1
        else:
            result.wrong_topic.append((text, topic, match.topic))
    neutral = list(part.get("neutral") or [])
    result.neutral = len(neutral)
    for text, match in zip(neutral, matcher.match(neutral), strict=True):
        if match is not None:
            result.flagged.append((text, match.topic))
    return result


def evaluate_all(matcher: ClaimMatcher, path: Path = EVAL_FILE) -> list[EvalResult]:
    """Results for each part of the set (dev, holdout) and for all of it together."""
    data = load_eval(path)
    results = [evaluate(matcher, part, name) for name, part in data.items()]
    combined = {"claims": {}, "neutral": []}
    for part in data.values():
        for topic, entries in (part.get("claims") or {}).items():
            combined["claims"].setdefault(topic, []).extend(entries)
        combined["neutral"].extend(part.get("neutral") or [])
    results.append(evaluate(matcher, combined, "all"))
    return results
