"""Print the Flesch-Kincaid grade of every summary and every public page's main text
(pages found from the sitemap and the URL configuration, as the tests find them)."""

from django.core.management.base import BaseCommand
from django.test import Client

from conditions.discovery import public_pages
from conditions.models import Condition, Option
from conditions.readability import grade, main_text, word_count

SUMMARY_LIMIT = 8
PAGE_LIMIT = 10


class Command(BaseCommand):
    help = "Report reading levels (summaries: grade 8 or lower; pages: grade 10 or lower)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="pages to grade (default: every public page)")

    def handle(self, *args, paths, **options):
        summaries = [(f"condition {c.slug}", grade(c.summary)) for c in Condition.objects.all()]
        summaries += [(f"option {o.slug}", grade(o.summary)) for o in Option.objects.all()]
        self._report("Summaries", summaries, SUMMARY_LIMIT)
        client = Client(HTTP_HOST="localhost")
        paths = paths or public_pages(client)
        pages = []
        for path in paths:
            text = main_text(client.get(path).content.decode())
            if word_count(text) >= 80:
                pages.append((path, grade(text)))
        self._report("Pages (main text)", pages, PAGE_LIMIT)

    def _report(self, title, rows, limit):
        if not rows:
            self.stdout.write(f"{title}: none")
            return
        grades = [g for _, g in rows]
        self.stdout.write(
            f"{title}: {len(rows)}, grade {min(grades):.1f} to {max(grades):.1f}, "
            f"median {sorted(grades)[len(grades) // 2]:.1f} (limit {limit})"
        )
        for name, value in sorted(rows, key=lambda r: -r[1]):
            flag = "  OVER" if value > limit else ""
            self.stdout.write(f"  {value:5.1f}  {name}{flag}")
