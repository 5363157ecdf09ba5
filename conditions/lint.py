"""A content lint: wording this site never uses, and numbers it never prints bare.

Runs over every content file and every template (tests/test_content_lint.py). It fails on
loss framing and urgency, on relative risk stated without absolute numbers, and on a
percentage without its source. Marketing wording quoted in the claims library (the
`phrasings` lists, and words inside quotation marks) is exempt: it is shown as a quote."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

# Loss framing and urgency. Each is a regular expression, matched case-insensitively.
BANNED = {
    "loss framing": [
        r"\bdon'?t (?:just )?throw (?:it )?away",
        r"\bdo not (?:just )?throw (?:it )?away",
        r"\bthrown away\b",
        r"\bwasted\b",
        r"\bmiss (?:out|your chance)\b",
        r"\bregret (?:it|not)\b",
    ],
    "urgency": [
        r"\b(?:only|just) (?:\w+ ){0,2}one (?:chance|opportunity)\b",
        r"\bone[- ]time (?:chance|opportunity)\b",
        r"\bonce[- ]in[- ]a[- ]lifetime\b",
        r"\bact now\b",
        r"\bdon'?t wait\b",
        r"\bbefore it'?s too late\b",
        r"\blimited time\b",
        r"\bhurry\b",
    ],
    "sales language": [
        r"\bbest investment\b",
        r"\bpeace of mind\b",
        r"\bpriceless\b",
        r"\bmiracle\b",
    ],
}

RELATIVE_RISK = re.compile(
    r"\b(?:\d+(?:\.\d+)?|two|three|four|five|ten)\s*(?:times|fold)\s+(?:more|less|higher|lower|as)\b"
    r"|\b(?:doubles?|triples?|halves|halved|doubled|tripled)\s+(?:the|your|their)\s+(?:risk|chance|odds)\b"
    r"|\b\d+(?:\.\d+)?\s*%\s+(?:more|less|higher|lower)\s+(?:likely|risk|chance)\b"
    r"|\brelative risk\b",
    re.IGNORECASE,
)
ABSOLUTE = re.compile(
    r"\bout of [\d,]+|\b\d[\d,]*\s+(?:in|of)\s+[\d,]+\b|\b\d+\s+(?:people|children|babies|patients)\b",
    re.I,
)
PERCENT = re.compile(r"\d(?:[\d.,]*)\s?(?:%|per ?cent\b)", re.IGNORECASE)
CITATION = re.compile(r"\[@[a-z0-9][a-z0-9_-]*\]")
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
TEMPLATE_TAGS = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}", re.DOTALL)

# Fields that quote marketing as such, and fields that are not prose.
QUOTE_FIELDS = {"phrasings"}
RECORD_SOURCE_FIELDS = {"source"}


@dataclass(frozen=True)
class Problem:
    where: str
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.text!r}"


def unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def check_text(text: str, *, where: str, has_record_source: bool = False) -> list[Problem]:
    """Problems in one piece of prose. A percentage is sourced when the same paragraph
    cites a source, or the record it belongs to has its own source."""
    problems = []
    plain = unquoted(text)
    for rule, patterns in BANNED.items():
        for pattern in patterns:
            for match in re.finditer(pattern, plain, re.IGNORECASE):
                problems.append(Problem(where, rule, match.group(0)))
    for paragraph in re.split(r"\n\s*\n", plain):
        for sentence in re.split(r"(?<=[.!?])\s+", paragraph):
            relative = RELATIVE_RISK.search(sentence)
            if relative and not ABSOLUTE.search(sentence):
                problems.append(
                    Problem(where, "relative risk without absolute numbers", sentence.strip())
                )
        if PERCENT.search(paragraph) and not (CITATION.search(paragraph) or has_record_source):
            problems.append(
                Problem(where, "percentage without a source", PERCENT.search(paragraph).group(0))
            )
    return problems


def _walk(value, path: str, has_source: bool) -> Iterator[tuple[str, str, bool]]:
    if isinstance(value, str):
        yield path, value, has_source
    elif isinstance(value, list):
        for index, item in enumerate(value, start=1):
            yield from _walk(item, f"{path}[{index}]", has_source)
    elif isinstance(value, dict):
        record_source = has_source or any(value.get(f) for f in RECORD_SOURCE_FIELDS)
        for key, item in value.items():
            if key in QUOTE_FIELDS:
                continue
            yield from _walk(item, f"{path}.{key}" if path else str(key), record_source)


def check_content_file(path: Path, *, root: Path) -> list[Problem]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    where_file = _name(path, root)
    problems = []
    for field_path, text, has_source in _walk(data, "", False):
        if field_path.endswith(
            (".key", ".url", ".doi", ".pmid", ".title", ".publication", ".authors", ".note")
        ):
            continue  # bibliographic data, not prose
        problems += check_text(
            text, where=f"{where_file}: {field_path}", has_record_source=has_source
        )
    return problems


CITE_LINK = re.compile(
    r"<a\b[^>]*href=\"[^\"]*#source-[^\"]*\"[^>]*>.*?</a>|{%\s*cite\b.*?%}", re.DOTALL
)
BLOCK_END = re.compile(r"</(?:p|li|td|th|dd|dt|h[1-6]|div|section|caption|figcaption)>", re.I)


def check_template(path: Path, *, root: Path) -> list[Problem]:
    text = path.read_text(encoding="utf-8")
    # A template cites with a link to the page's source list (or a {% cite %} tag).
    text = CITE_LINK.sub(" [@cited] ", text)
    text = TEMPLATE_TAGS.sub(" ", text)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL | re.IGNORECASE)
    text = BLOCK_END.sub("\n\n", text)
    text = re.sub(r"<[^>]+>", " ", text)
    return check_text(text, where=_name(path, root), has_record_source=False)


# Files that describe the format for editors; they are never shown on the site.
NOT_CONTENT = {"README.md"}
CONTENT_TYPES = {".yaml", ".yml"}


def content_files(content_dir: Path) -> list[Path]:
    """Every file under the content folder but its README: a file of a type the lint
    cannot read is reported by lint(), never skipped in silence."""
    return sorted(p for p in content_dir.rglob("*") if p.is_file() and p.name not in NOT_CONTENT)


def template_files(template_dir: Path) -> list[Path]:
    """Every template, whatever its type (.html, .txt, .xml)."""
    return sorted(p for p in template_dir.rglob("*") if p.is_file())


def _name(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def lint(*, content_dir: Path, template_dir: Path) -> list[Problem]:
    """Every problem in every content file and template. Each names its file (and, in a
    content file, the record and field) and the rule it breaks."""
    root = content_dir.parent.parent
    problems = []
    for path in content_files(content_dir):
        if path.suffix in CONTENT_TYPES:
            problems += check_content_file(path, root=root)
        else:
            problems.append(
                Problem(_name(path, root), "content file the lint cannot read", path.suffix)
            )
    for path in template_files(template_dir):
        problems += check_template(path, root=root)
    return problems
