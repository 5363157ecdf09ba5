from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conditions.loading import CONTENT_DIR, ContentError, load_content


class Command(BaseCommand):
    help = "Load the content files into the database (idempotent; all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", type=Path, default=CONTENT_DIR, help="content folder")

    def handle(self, *args, dir: Path, **options):
        try:
            report = load_content(dir)
        except ContentError as exc:
            raise CommandError(f"Content not loaded, nothing changed: {exc}") from exc
        self.stdout.write(f"Content loaded: {report}")
