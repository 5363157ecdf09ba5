import logging
import re

# "GET /walkthrough/summary/?country=uk&... HTTP/1.1" -> "GET /walkthrough/summary/ HTTP/1.1"
QUERY_STRING = re.compile(r"\?[^\s\"]*")


class StripQueryStringFilter(logging.Filter):
    """Drop query strings from every log line: a parent's answers live in the URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "?" in message:
            record.msg = QUERY_STRING.sub("", message)
            record.args = ()
        return True
