"""The five options in equal detail: the content files and records have identical fields,
and the list, option pages, comparison table and JSON API show every one of them."""

import re
from pathlib import Path

import pytest
import yaml

from conditions.models import OPTION_QUESTIONS, Option
from conditions.views.options import COMPARE_ROWS

OPTIONS_DIR = Path(__file__).resolve().parent.parent / "conditions" / "content" / "options"
SLUGS = {
    "private-cord-blood",
    "private-cord-blood-and-tissue",
    "public-donation",
    "directed-donation",
    "no-collection",
}
TEXT_FIELDS = ["summary", *(name for name, _ in OPTION_QUESTIONS)]
LIST_FIELDS = ["positives", "negatives"]


def option_files() -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(OPTIONS_DIR.glob("*.yaml"))
    }


def test_the_five_options_have_files():
    assert set(option_files()) == SLUGS


def test_every_option_file_has_the_fields_every_other_option_has():
    files = option_files()
    assert files, "no option files"
    every = set().union(*(set(data) for data in files.values()))
    problems = []
    for slug, data in files.items():
        missing = every - set(data)
        if missing:
            problems.append(f"{slug}.yaml lacks {sorted(missing)}")
        empty = [name for name in every & set(data) if data[name] in (None, "", [])]
        if empty:
            problems.append(f"{slug}.yaml leaves {sorted(empty)} empty")
    assert not problems, "\n".join(problems)
    assert set(TEXT_FIELDS) | set(LIST_FIELDS) <= every


def test_every_option_record_answers_every_question(content):
    options = list(Option.objects.ordered())
    assert {o.slug for o in options} == SLUGS
    problems = []
    for option in options:
        problems += [
            f"{option.slug}: {name} is empty"
            for name in TEXT_FIELDS
            if not getattr(option, name).strip()
        ]
        for name in LIST_FIELDS:
            items = getattr(option, name)
            if (
                not isinstance(items, list)
                or not items
                or not all(isinstance(i, str) and i.strip() for i in items)
            ):
                problems.append(f"{option.slug}: {name} must be a list of sentences")
        if not option.sources.exists():
            problems.append(f"{option.slug}: no sources")
    assert not problems, "\n".join(problems)


def test_options_are_given_in_similar_detail(content):
    """Equal detail: no option is described in less than half the words of another."""
    words = {
        o.slug: sum(len(str(getattr(o, n)).split()) for n in TEXT_FIELDS)
        + sum(len(t.split()) for n in LIST_FIELDS for t in getattr(o, n))
        for o in Option.objects.all()
    }
    assert max(words.values()) <= 2 * min(words.values()), words


# --- Pages --------------------------------------------------------------------------


def test_option_list_links_every_option_and_the_comparison(client, content):
    html = client.get("/options/").content.decode()
    for option in Option.objects.all():
        assert f'href="{option.get_absolute_url()}"' in html
    assert 'href="/options/compare/"' in html
    assert "Last reviewed:" in html


def test_each_option_page_answers_every_question_with_sources_and_review_dates(client, content):
    for option in Option.objects.all():
        response = client.get(f"/options/{option.slug}/")
        assert response.status_code == 200
        html = response.content.decode()
        for _, question in OPTION_QUESTIONS:
            assert question.replace("'", "&#x27;") in html, (option.slug, question)
        assert "What might count for it" in html and "What might count against it" in html
        assert f'Last reviewed: <time datetime="{option.last_reviewed:%Y-%m-%d}"' in html
        assert 'id="sources-heading"' in html
        assert "[@" not in html


def test_unknown_option_is_404(client, content):
    assert client.get("/options/no-such-option/").status_code == 404


def test_comparison_is_a_real_table_with_questions_as_rows_and_options_as_columns(client, content):
    html = client.get("/options/compare/").content.decode()
    table = html[html.index('<table class="stack compare">') : html.index("</table>")]
    options = list(Option.objects.ordered())
    header = table[table.index("<thead>") : table.index("</thead>")]
    assert header.count('<th scope="col">') == len(options) + 1
    for option in options:
        assert option.name.replace("'", "&#x27;") in header
    body = table[table.index("<tbody>") :]
    rows = re.findall(r"<tr\b.*?</tr>", body, flags=re.DOTALL)
    assert len(rows) == len(COMPARE_ROWS)
    for row, (_, question) in zip(rows, COMPARE_ROWS, strict=True):
        assert f'<th scope="row">{question}</th>'.replace("'", "&#x27;") in row
        assert row.count("<td ") == len(options)
    assert "<caption>" in table
    assert "Last reviewed:" in html


def test_api_lists_the_options_with_all_their_fields(client, content):
    data = client.get("/api/options/").json()
    assert [q["field"] for q in data["questions"]] == [name for name, _ in OPTION_QUESTIONS]
    assert {o["slug"] for o in data["options"]} == SLUGS
    keys = {frozenset(o) for o in data["options"]}
    assert len(keys) == 1, "every option has the same fields"
    for option in data["options"]:
        for name in TEXT_FIELDS:
            assert option[name] and "[@" not in option[name]
        assert option["positives"] and option["negatives"] and option["sources"]
        assert option["url"].endswith(f"/options/{option['slug']}/")


@pytest.mark.parametrize("path", ["/options/", "/options/compare/"])
def test_option_pages_need_few_queries(client, content, django_assert_max_num_queries, path):
    with django_assert_max_num_queries(8):
        client.get(path)
