"""Time the claim checker on 1,000 and 10,000 words, on one core.

The text is built from the evaluation set's sentences (claims and ordinary text mixed, as
on a bank's page). The index is built first and not timed: it is built once per content
version. Target: under 100 ms for 1,000 words."""

import statistics
import time

from django.core.management.base import BaseCommand

from conditions.claim_eval import load_eval
from conditions.claims import check_sentences, current_matcher

TARGET_MS_PER_1000_WORDS = 100


def sample_text(words: int) -> str:
    sentences = []
    for part in load_eval().values():
        for entries in (part.get("claims") or {}).values():
            sentences += [e["text"] if isinstance(e, dict) else e for e in entries]
        sentences += part.get("neutral") or []
    # Interleave claims and ordinary sentences, in paragraphs of five.
    sentences = sentences[::2] + sentences[1::2]
    out, count, index = [], 0, 0
    while count < words:
        sentence = sentences[index % len(sentences)]
        out.append(sentence + ("\n\n" if index % 5 == 4 else " "))
        count += len(sentence.split())
        index += 1
    return "".join(out)


def time_check(text: str, matcher, repeat: int) -> float:
    """The median time in milliseconds to split and check the text."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        check_sentences(text, matcher=matcher)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


class Command(BaseCommand):
    help = "Time the claim checker on 1,000 and 10,000 words (one core)."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=7)

    def handle(self, *args, repeat, **options):
        from threadpoolctl import threadpool_limits

        with threadpool_limits(limits=1):
            start = time.perf_counter()
            matcher = current_matcher()
            build_ms = (time.perf_counter() - start) * 1000
            self.stdout.write(f"index of {len(matcher.claims)} claims built in {build_ms:.0f} ms")
            check_sentences(sample_text(200), matcher=matcher)  # warm up
            for words in (1_000, 10_000):
                text = sample_text(words)
                ms = time_check(text, matcher, repeat)
                self.stdout.write(
                    f"claim check, {words:,} words ({len(text):,} characters): {ms:.1f} ms "
                    f"(median of {repeat})"
                )
                if words == 1_000:
                    verdict = "within" if ms < TARGET_MS_PER_1000_WORDS else "OVER"
                    self.stdout.write(f"  {verdict} the target of {TARGET_MS_PER_1000_WORDS} ms")
