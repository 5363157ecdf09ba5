"""SQL queries per page, with the content as loaded and with ten times as much (generated,
then rolled back). Used by `make bench` (bench/run.py); prints JSON.

Each page is counted twice: rendered from scratch (the page cache emptied first) and
served from the page cache. The first number is the one that must not grow with content."""

import json

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conditions.models import Condition
from conditions.synthetic import grow_content


class Rollback(Exception):
    pass


def default_urls() -> dict[str, str]:
    condition = Condition.objects.published().order_by("order", "name").first()
    return {
        "condition": condition.get_absolute_url() if condition else "/conditions/",
    }


def count(client: Client, url: str) -> dict:
    cache.clear()
    with CaptureQueriesContext(connection) as fresh:
        response = client.get(url)
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    return {"status": response.status_code, "queries": len(fresh), "cached": len(cached)}


class Command(BaseCommand):
    help = "Count SQL queries per page with the loaded content and with 10x as much (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("urls", nargs="*", help="name=/path/?query pairs")
        parser.add_argument("--factor", type=int, default=10)

    def handle(self, *args, urls, factor, **options):
        pages = dict(item.split("=", 1) for item in urls) if urls else {}
        pages = {**default_urls(), **pages}
        client = Client(SERVER_NAME="localhost")
        result = {"urls": pages, "shipped": {}, "grown": {}, "added": {}}
        for name, url in pages.items():
            result["shipped"][name] = count(client, url)
        try:
            with transaction.atomic():
                result["added"] = grow_content(factor=factor)
                for name, url in pages.items():
                    result["grown"][name] = count(client, url)
                raise Rollback
        except Rollback:
            pass
        cache.clear()
        self.stdout.write(json.dumps(result))
