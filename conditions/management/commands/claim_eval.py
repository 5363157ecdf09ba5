"""Print the claim checker's precision and recall on tests/data/claim_eval.yaml."""

from django.core.management.base import BaseCommand

from conditions.claim_eval import EVAL_FILE, MAX_FALSE_ALARMS, MIN_RECALL, evaluate_all
from conditions.claims import current_matcher


class Command(BaseCommand):
    help = "Report the claim checker's recall and false alarms on the evaluation set."

    def add_arguments(self, parser):
        parser.add_argument("--show", action="store_true", help="list every miss and false alarm")

    def handle(self, *args, show, **options):
        matcher = current_matcher()
        self.stdout.write(f"{len(matcher.claims)} claims; evaluation set {EVAL_FILE.name}")
        self.stdout.write(
            f"Targets: at least {MIN_RECALL:.0%} of claim sentences matched to the right topic; "
            f"at most {MAX_FALSE_ALARMS:.0%} of neutral sentences flagged."
        )
        for result in evaluate_all(matcher):
            self.stdout.write(result.summary())
            if show and result.name != "all":
                for text, want in result.missed:
                    self.stdout.write(f"  missed ({want}): {text}")
                for text, want, got in result.wrong_topic:
                    self.stdout.write(f"  wrong topic ({want}, got {got}): {text}")
                for text, got in result.flagged:
                    self.stdout.write(f"  neutral flagged ({got}): {text}")
