from pathlib import Path

from django.core.management.base import BaseCommand

from conditions.loading import export_content


class Command(BaseCommand):
    help = "Write the database's content to files in the loader's format, for review."

    def add_arguments(self, parser):
        parser.add_argument("target", type=Path, help="folder to write (created if missing)")

    def handle(self, *args, target: Path, **options):
        written = export_content(target)
        self.stdout.write(f"Wrote {len(written)} files to {target}")
