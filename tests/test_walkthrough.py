"""The walkthrough: its logic (reading and writing the answers in the link, the line-up,
two parents) without the web layer, then every step through the Django test client."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.http import QueryDict

from conditions import walkthrough as wt
from conditions import walkthrough_forms as forms
from tests.helpers import h1_count, heading_levels, headings_in_order

KNOWN = wt.Known(
    countries={"uk": "United Kingdom", "us": "United States", "uae": "United Arab Emirates"},
    hospitals={"st-georges-hospital": "uk", "university-college-hospital": "uk"},
    hospital_ids={"7": "st-georges-hospital"},
    heard={"eczema": "Eczema", "leukaemia": "Leukaemia", "one-in-217": "1 in 217"},
)
OPTIONS = [
    (wt.PRIVATE, "Private banking of cord blood"),
    (wt.TISSUE, "Private banking of cord blood and cord tissue"),
    (wt.PUBLIC, "Public donation"),
    (wt.DIRECTED, "Directed donation"),
    (wt.NO_COLLECTION, "No collection"),
]
FULL = (
    "country=uk&need=no&hospital=st-georges-hospital&heard=eczema&heard=one-in-217"
    "&m_others=5&m_family=2&m_future=3&m_cost=4&m_used=3&m_evidence=4&m_clamping=5&m_simple=1&m_regret=3"
    "&own=Grandma+was+a+donor&r_sure=yes&r_know=no&r_values=unsure&r_support=yes"
)


def read(query: str) -> wt.Answers:
    return wt.read_answers(QueryDict(query), known=KNOWN)


# --- Reading and writing the link ------------------------------------------------


def test_a_full_link_is_read_completely_and_written_back_the_same():
    answers = read(FULL)
    assert answers.dropped == ()
    assert answers.country == "uk" and answers.need == "no"
    assert answers.hospital == "st-georges-hospital"
    assert answers.heard == ("eczema", "one-in-217")
    assert answers.ratings["others"] == 5 and answers.ratings["simple"] == 1
    assert answers.own == "Grandma was a donor"
    assert answers.ready == {"sure": "yes", "know": "no", "values": "unsure", "support": "yes"}
    assert wt.to_query(answers) == FULL


def test_the_link_is_the_same_whatever_order_the_parts_came_in():
    shuffled = "&".join(reversed(FULL.split("&")))
    assert wt.to_query(read(shuffled)) == wt.to_query(read(FULL)).replace(
        "heard=eczema&heard=one-in-217", "heard=one-in-217&heard=eczema"
    )


def test_an_empty_link_is_empty_and_drops_nothing():
    answers = read("")
    assert answers.is_empty and answers.dropped == ()
    assert wt.to_query(answers) == ""


def test_blank_answers_are_not_answers_and_are_not_dropped():
    answers = read("country=&need=&hospital=&own=&m_cost=&r_sure=")
    assert answers.is_empty and answers.dropped == ()


def test_navigation_parameters_are_never_part_of_the_link():
    answers = read("country=uk&go=1&ret=summary")
    assert answers.dropped == ()
    assert wt.to_query(answers) == "country=uk"


def test_unknown_keys_are_dropped_and_named():
    answers = read("country=uk&utm_source=leaflet&colour=blue")
    assert answers.country == "uk"
    assert any("utm_source" in note for note in answers.dropped)
    assert any("colour" in note for note in answers.dropped)
    assert "utm_source" not in wt.to_query(answers)


def test_out_of_range_and_malformed_ratings_are_dropped():
    answers = read("m_cost=0&m_others=6&m_family=3.0&m_used=-1&m_evidence=%EF%BC%93&m_simple=4")
    assert answers.ratings == {"simple": 4}
    assert sum("must be a number from 1 to 5" in note for note in answers.dropped) == 5


def test_unknown_values_are_dropped_and_named():
    answers = read("country=fr&need=maybe&r_sure=perhaps")
    assert answers.country is None and answers.need is None and answers.ready == {}
    assert any("“fr”" in note and "your country" in note for note in answers.dropped)
    assert any("“maybe”" in note for note in answers.dropped)
    assert any("“perhaps”" in note for note in answers.dropped)


def test_repeated_single_answers_keep_the_first_and_say_so():
    answers = read("country=uk&country=us&m_cost=2&m_cost=5")
    assert answers.country == "uk" and answers.ratings == {"cost": 2}
    assert any("more than one answer for your country" in note for note in answers.dropped)
    assert any("Keeping costs low" in note for note in answers.dropped)


def test_repeated_heard_values_count_once():
    assert read("heard=eczema&heard=eczema").heard == ("eczema",)


def test_very_long_values_are_dropped_not_cut():
    long_own = "a" * (wt.MAX_OWN + 1)
    answers = read(f"own={long_own}&country={'u' * 500}&heard={'x' * 5000}")
    assert answers.own == "" and answers.country is None and answers.heard == ()
    assert any("your own point was too long" in note for note in answers.dropped)
    assert any("your country was too long" in note for note in answers.dropped)
    # An own point of exactly the limit is kept.
    assert read(f"own={'b' * wt.MAX_OWN}").own == "b" * wt.MAX_OWN


def test_a_link_with_thousands_of_parts_is_read_up_to_the_limit():
    query = "&".join(f"heard=eczema&junk{i}=1" for i in range(2000))
    answers = wt.read_answers(wt.parse_query(query), known=KNOWN)
    assert answers.heard == ("eczema",)
    assert any("too many parts" in note for note in answers.dropped)
    assert any("The link was too long" in note for note in answers.dropped)
    assert len(answers.dropped) <= wt.MAX_PARTS + 2


def test_a_raw_query_string_is_parsed_without_a_limit_on_parts_and_with_bad_bytes():
    assert wt.parse_query("country=uk&own=%ff%fe") == [("country", "uk"), ("own", "\ufffd\ufffd")]
    pairs = wt.parse_query("a=1&" * 5000)
    assert pairs[0] == (wt.TRUNCATED, "") and len(pairs) > 1000


def test_unknown_keys_are_shown_shortened_and_printable():
    answers = read("x" * 300 + "%00%07=1")
    (note,) = answers.dropped
    assert "…" in note and "\x00" not in note and len(note) < 200


def test_things_heard_that_no_longer_exist_are_dropped_after_a_content_change():
    answers = read("heard=eczema&heard=removed-condition&heard=leukaemia")
    assert answers.heard == ("eczema", "leukaemia")
    assert any("removed-condition" in note and "no longer" in note for note in answers.dropped)


def test_a_hospital_is_read_by_slug_or_by_id_and_must_be_in_the_country():
    assert read("country=uk&hospital=7").hospital == "st-georges-hospital"
    assert read("country=uk&hospital=other").hospital == "other"
    stale = read("country=uk&hospital=closed-hospital")
    assert stale.hospital is None and any("no longer on our list" in n for n in stale.dropped)
    abroad = read("country=us&hospital=st-georges-hospital")
    assert abroad.hospital is None
    assert any("not in the United States" in note for note in abroad.dropped)


def test_own_words_are_cleaned_of_control_characters_and_extra_spaces():
    assert read("own=%20cost%09%0A%0Aand%00time%20").own == "cost and time"


def test_readiness_score_counts_yes_answers_once_all_four_are_given():
    assert read(FULL).sure_score == 2
    assert read("r_sure=yes").sure_score is None
    assert [item.key for item in read(FULL).not_yet] == ["know", "values"]


def test_answer_pairs_can_leave_out_a_steps_own_fields():
    answers = read(FULL)
    names = {
        name for name, _ in wt.answer_pairs(answers, without=wt.STEP_BY_SLUG["matters"].fields)
    }
    assert "m_cost" not in names and "own" not in names and "country" in names


def test_a_pasted_share_link_gives_its_query_string():
    assert wt.query_of_link("https://example.org/walkthrough/summary/?country=uk&m_cost=3#top") == [
        ("country", "uk"),
        ("m_cost", "3"),
    ]
    assert wt.query_of_link("country=us") == [("country", "us")]
    assert wt.query_of_link("just some words") == []
    assert wt.query_of_link("") == []


# --- The steps, the considerations and the readiness check -------------------------


def test_steps_are_in_order_and_linked_both_ways():
    slugs = [step.slug for step in wt.STEPS]
    assert slugs == [
        "situation",
        "heard",
        "options",
        "costs",
        "matters",
        "lineup",
        "ready",
        "summary",
    ]
    assert wt.next_step("situation").slug == "heard" and wt.next_step("summary") is None
    assert wt.previous_step("heard").slug == "situation" and wt.previous_step("situation") is None


def test_six_to_ten_considerations_each_set_out_for_every_option():
    assert 6 <= len(wt.CONSIDERATIONS) <= 10
    for consideration in wt.CONSIDERATIONS:
        assert set(consideration.fits) == {slug for slug, _ in OPTIONS}, consideration.key
        for fit, reason in consideration.fits.values():
            assert fit in (wt.FOR, wt.NEITHER, wt.AGAINST) and reason.endswith(".")


def test_the_readiness_check_covers_the_four_sure_areas():
    assert [item.area for item in wt.READY_ITEMS] == [
        "Sure of myself",
        "Understand the information",
        "Risk-benefit ratio",
        "Encouragement",
    ]


# --- The line-up ------------------------------------------------------------------


def test_line_up_adds_weighted_points_and_shows_each_one():
    answers = read("need=no&m_cost=5&m_family=3&m_simple=1")
    lines = {line.slug: line for line in wt.line_up(answers=answers, options=OPTIONS)}
    public = lines[wt.PUBLIC]
    # Cost matters most (5 -> 4 points) and public donation is free: +4.
    # Keeping cells for the family is quite important (3 -> 2) and public donation does not: -2.
    # Keeping things simple is not important (1 -> 0 points).
    assert [(c.consideration.key, c.points) for c in public.contributions] == [
        ("family", -2),
        ("cost", 4),
        ("simple", 0),
    ]
    assert (public.towards, public.against, public.total) == (4, 2, 2)
    assert lines[wt.PRIVATE].total == -4 + 2


def test_line_up_keeps_the_options_in_their_given_order():
    answers = read("m_family=5")
    assert [line.slug for line in wt.line_up(answers=answers, options=OPTIONS)] == [
        s for s, _ in OPTIONS
    ]


def test_directed_donation_is_lined_up_only_for_a_family_with_a_need():
    def directed(query):
        lines = wt.line_up(answers=read(query), options=OPTIONS)
        return next(line for line in lines if line.slug == wt.DIRECTED)

    assert not directed("need=no&m_cost=3").is_open
    assert not directed("m_cost=3").is_open
    assert directed("need=yes&m_cost=3").is_open


def test_an_option_added_after_the_considerations_were_written_counts_as_neither():
    lines = wt.line_up(answers=read("m_cost=5"), options=[("new-option", "A new option")])
    (contribution,) = lines[0].contributions
    assert contribution.fit == wt.NEITHER and contribution.points == 0


# --- Two parents ------------------------------------------------------------------


def test_two_parents_ratings_are_compared_consideration_by_consideration():
    first, second = read("m_cost=5&m_family=2&m_others=3"), read("m_cost=5&m_family=4&m_others=4")
    by_key = {pair.consideration.key: pair for pair in wt.compare_ratings(first, second)}
    assert by_key["cost"].agreement == "same"
    assert by_key["others"].agreement == "close"
    assert by_key["family"].agreement == "differ"
    assert by_key["regret"].agreement == "missing"


# --- The steps through the Django test client --------------------------------------

STEP_SLUGS = [step.slug for step in wt.STEPS]
ALL_RATED = "&".join(f"{c.param}=3" for c in wt.CONSIDERATIONS)
JOURNEY = (
    "country=uk&need=no&hospital=st-georges-hospital&heard=eczema&heard=leukaemia&"
    + ALL_RATED
    + "&own=Time+to+think&r_sure=yes&r_know=no&r_values=unsure&r_support=yes"
)
TAMPERED = [
    "utm_source=leaflet&fbclid=abc&country=uk",
    "country=uk&m_cost=9&m_family=0&m_others=-3&m_used=2.5&r_sure=maybe",
    "country=uk&country=us&need=yes&need=no&m_cost=1&m_cost=5",
    "country=uk&own=" + "x" * 5000 + "&heard=" + "y" * 10_000,
    "country=uk&heard=a-condition-we-removed&hospital=a-hospital-that-closed",
    "country=%ff%fe&need=%00&own=%ED%A0%80&heard=%C0%AF",
    "&".join(f"junk{i}=1" for i in range(1500)),
]


def step_url(slug: str, query: str = "") -> str:
    return f"/walkthrough/{slug}/" + (f"?{query}" if query else "")


def html(response) -> str:
    return response.content.decode()


def form_names(page: str) -> list[str]:
    return re.findall(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"', page)


def hidden_pairs(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<input type="hidden"\s+name="([^"]+)"\s+value="([^"]*)"', page)


@pytest.fixture
def journey(content):
    return JOURNEY


def test_the_start_page_says_what_is_asked_and_links_to_the_first_step(client, content):
    response = client.get("/walkthrough/")
    page = html(response)
    assert response.status_code == 200 and h1_count(page) == 1
    assert 'href="/walkthrough/situation/"' in page
    assert "never ask for your name, your contact details or your due date" in page
    assert "Last reviewed" in page


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_every_step_answers_with_one_h1_ordered_headings_and_review_dates(client, journey, slug):
    for query in ("", journey):
        response = client.get(step_url(slug, query))
        page = html(response)
        assert response.status_code == 200, (slug, query)
        assert h1_count(page) == 1
        assert headings_in_order(heading_levels(page)), heading_levels(page)
        assert "Last reviewed" in page and "Next review due" in page
        assert not response.cookies


@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_the_progress_indicator_marks_the_current_step_and_links_the_others(client, journey, slug):
    page = html(client.get(step_url(slug, journey)))
    progress = page[page.index('class="progress-steps"') :]
    progress = progress[: progress.index("</ol>")]
    assert progress.count('aria-current="step"') == 1
    assert re.search(
        rf'aria-current="step"><span>{re.escape(wt.STEP_BY_SLUG[slug].title)}</span>', progress
    )
    links = re.findall(r'href="([^"]+)"', progress)
    assert len(links) == len(STEP_SLUGS) - 1
    for link in links:  # every other step keeps every answer
        assert set(parse_qsl(urlsplit(link.replace("&amp;", "&")).query)) == set(parse_qsl(journey))


def test_an_unknown_step_is_a_404(client, content):
    assert client.get("/walkthrough/no-such-step/").status_code == 404


def test_a_clinicians_link_pre_sets_the_situation(client, content):
    page = html(client.get(step_url("situation", "country=uk&need=yes")))
    assert re.search(r'value="uk"[^>]*checked', page)
    assert re.search(r'name="need" value="yes"[^>]*checked', page)


def test_a_hospital_given_by_its_id_is_read_as_that_hospital(client, content):
    from conditions.models import DonationHospital

    hospital = DonationHospital.objects.get(name="St George's Hospital")
    response = client.get(step_url("summary", f"country=uk&hospital={hospital.pk}"))
    assert "St George&#x27;s Hospital: on our list" in html(response)
    assert "hospital=st-georges-hospital" in html(response)


def test_a_complete_step_goes_on_to_the_next_with_every_answer(client, journey):
    carried = wt.to_query(
        wt.read_answers(QueryDict(journey), known=known_now()),
        without=("country", "need", "hospital"),
    )
    response = client.get(step_url("situation", f"{carried}&go=1&country=us&need=yes&hospital="))
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == "/walkthrough/heard/"
    sent = dict(parse_qsl(target.query))
    assert sent["country"] == "us" and sent["need"] == "yes" and "hospital" not in sent
    assert sent["m_cost"] == "3" and sent["own"] == "Time to think" and "go" not in sent


def known_now() -> wt.Known:
    from conditions.walkthrough_facts import Content

    return Content.load().known


def test_a_step_with_problems_lists_them_at_the_top_and_says_error_in_the_title(client, content):
    response = client.get(step_url("situation", "go=1&hospital=st-georges-hospital&country=us"))
    page = html(response)
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", page)
    summary = page[page.index('class="error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert forms.ERROR_NEED in summary.replace("&#x27;", "'")
    assert (
        "That hospital is in the United Kingdom. Choose a hospital in the United States" in summary
    )
    for target in re.findall(r'href="#([^"]+)"', summary):
        assert f'id="{target}"' in page, target
    assert page.index('class="error-summary"') < page.index("<form")


def test_matters_needs_every_rating_and_keeps_what_was_given(client, content):
    response = client.get(step_url("matters", "country=uk&go=1&m_cost=4&own=Our+own+words"))
    page = html(response)
    assert response.status_code == 400 and "<title>Error: " in page
    missing = [c for c in wt.CONSIDERATIONS if c.key != "cost"]
    for consideration in missing:
        assert forms.ERROR_RATING.format(label=consideration.label) in page.replace("&#x27;", "'")
    assert re.search(r'name="m_cost" value="4"[^>]*checked', page)
    assert "Our own words" in page


def test_an_own_point_over_the_limit_is_an_error_when_sent(client, content):
    query = f"go=1&{ALL_RATED}&own=" + "z" * (wt.MAX_OWN + 1)
    response = client.get(step_url("matters", query))
    assert response.status_code == 400
    assert forms.ERROR_OWN_TOO_LONG in html(response)


def test_ready_needs_all_four_answers_and_then_shows_the_summary(client, content):
    response = client.get(step_url("ready", "country=uk&go=1&r_sure=yes"))
    assert (
        response.status_code == 400 and html(response).count(forms.ERROR_READY.split(".")[0]) >= 3
    )
    response = client.get(
        step_url("ready", "country=uk&go=1&r_sure=yes&r_know=no&r_values=yes&r_support=unsure")
    )
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/walkthrough/summary/"


def test_each_form_carries_every_other_answer_as_hidden_fields(client, journey):
    for slug in ("situation", "heard", "matters", "lineup", "ready"):
        page = html(client.get(step_url(slug, journey)))
        own = set(wt.STEP_BY_SLUG[slug].fields)
        expected = {(k, v) for k, v in parse_qsl(journey) if k not in own}
        carried = {
            (k, v.replace("&#x27;", "'")) for k, v in hidden_pairs(page) if k not in wt.NAVIGATION
        }
        assert carried == expected, slug
        assert ("go", "1") in hidden_pairs(page)


def test_the_heard_step_shows_evidence_cards_for_what_was_picked(client, content):
    response = client.get(step_url("heard", "go=1&heard=eczema&heard=leukaemia&country=uk"))
    assert response.status_code == 302 and response["Location"].endswith("#evidence")
    page = html(client.get(response["Location"]))
    cards = page[page.index('id="evidence"') :]
    assert "Eczema" in cards and "Leukaemia" in cards
    assert "Would your baby's own stored cord blood be used?" in cards
    assert re.search(r'name="heard" value="eczema"[^>]*checked', page)


def test_heard_lists_conditions_and_claims_to_pick_from(client, content):
    from conditions.models import Claim, Condition

    names = form_names(html(client.get(step_url("heard"))))
    assert names.count("heard") == Condition.objects.published().count() + Claim.objects.count()


def test_change_links_on_the_summary_return_to_it(client, journey):
    page = html(client.get(step_url("summary", journey)))
    change = re.search(
        r'href="(/walkthrough/matters/\?[^"]+)">Change what matters to you', page
    ).group(1)
    change = change.replace("&amp;", "&")
    assert ("ret", "summary") in parse_qsl(urlsplit(change).query)
    form_page = html(client.get(change))
    assert ("ret", "summary") in hidden_pairs(form_page)
    response = client.get(change + "&go=1&" + ALL_RATED.replace("=3", "=5"))
    assert urlsplit(response["Location"]).path == "/walkthrough/summary/"
    assert "ret" not in dict(parse_qsl(urlsplit(response["Location"]).query))


def test_need_yes_shows_the_directed_donation_route_on_later_steps(client, content):
    for slug in ("heard", "options", "costs", "matters", "ready"):
        page = html(client.get(step_url(slug, "country=uk&need=yes")))
        assert "directed donation" in page and "medical team" in page, slug
    page = html(client.get(step_url("options", "country=uk&need=no")))
    assert "need-callout" not in page


def test_the_options_step_gives_every_option_the_same_facts_for_the_country(client, content):
    from conditions.models import Option

    page = html(client.get(step_url("options", "country=us&need=no")))
    assert page.count('class="key-facts"') == Option.objects.count()
    assert page.count("<dt>Cost in the United States</dt>") == Option.objects.count()
    assert "$" in page


def test_the_line_up_is_labelled_not_a_recommendation_and_shows_its_working(client, journey):
    page = html(client.get(step_url("lineup", journey)))
    assert "This is not a recommendation." in page
    assert "2 × +1 = +2" in page and "2 × \u22121 = \u22122" in page
    assert "witteman-2016-values-clarification-design" in page
    assert "Time to think" in page  # the parent's own point, shown but not weighed


def test_the_readiness_check_cites_the_sure_test_and_says_the_words_are_our_own(client, content):
    page = html(client.get(step_url("ready", "country=uk&r_sure=no")))
    assert "20705870" in page and "in our own words" in page
    assert "There is no rush to decide today" in page


def test_the_summary_reproduces_the_answers_and_writes_out_its_link(client, journey):
    page = html(client.get(step_url("summary", journey)))
    assert "Time to think" in page and "St George&#x27;s Hospital" in page
    assert "Eczema" in page and "Quite important" in page
    link = re.search(r'<a id="share-url" href="([^"]+)">', page).group(1).replace("&amp;", "&")
    assert urlsplit(link).path == "/walkthrough/summary/"
    assert sorted(parse_qsl(urlsplit(link).query)) == sorted(parse_qsl(journey))
    assert 'class="qr-code"' in page and 'role="img"' in page
    assert "copy-link.js" in page and "<script>" not in page
    assert re.search(r'<button[^>]*data-copy-target="share-url"[^>]*hidden', page)
    assert "This is not a recommendation." in page


def test_the_summary_link_is_the_same_after_the_content_is_loaded_again(client, journey):
    from conditions.loading import load_content

    before = html(client.get(step_url("summary", journey)))
    load_content()
    after = html(client.get(step_url("summary", journey)))
    assert before == after


@pytest.mark.parametrize("query", TAMPERED, ids=range(len(TAMPERED)))
@pytest.mark.parametrize("slug", STEP_SLUGS)
def test_tampered_links_never_fail_and_say_what_was_dropped(client, content, slug, query):
    response = client.get(step_url(slug, query))
    assert response.status_code == 200
    page = html(response)
    assert "Part of your link could not be read" in page
    assert h1_count(page) == 1


def test_a_tampered_form_sent_back_never_fails(client, content):
    for slug in ("situation", "heard", "matters", "lineup", "ready"):
        for query in TAMPERED:
            response = client.get(step_url(slug, query + "&go=1"))
            assert response.status_code in (302, 400), (slug, query[:60])


def test_no_step_of_the_journey_sets_a_cookie(client, journey):
    urls = ["/walkthrough/", "/walkthrough/compare/", *(step_url(s, journey) for s in STEP_SLUGS)]
    urls.append(step_url("situation", "go=1&country=uk&need=no"))
    for url in urls:
        assert not client.get(url).cookies, url
    assert not client.cookies


def test_no_cache_anywhere_keeps_a_walkthrough_page(client, journey):
    urls = ["/walkthrough/", "/walkthrough/compare/?a=?m_cost=1&b=?m_cost=2"]
    for url in urls + [step_url(s, journey) for s in STEP_SLUGS]:
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_busiest_step_needs_few_queries(client, journey, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(step_url("summary", journey))


def test_no_step_asks_for_a_name_contact_details_or_a_due_date(client, journey):
    personal = re.compile(r"name|e-?mail|phone|address|postcode|zip|due|birth ?date|\bdob\b", re.I)
    for slug in STEP_SLUGS:
        page = html(client.get(step_url(slug, journey)))
        for name in form_names(page):
            assert not personal.search(name), (slug, name)
        labels = " ".join(
            re.findall(r"<(?:label|legend)[^>]*>(.*?)</(?:label|legend)>", page, re.S)
        )
        assert not re.search(r"your name|e-?mail|phone|due date|postcode", labels, re.I), slug


# --- Two parents -----------------------------------------------------------------


def test_two_parents_links_are_compared_side_by_side(client, content):
    first = "http://testserver/walkthrough/summary/?country=uk&m_cost=5&m_family=1&m_others=4&r_sure=yes"
    second = "?country=uk&m_cost=5&m_family=5&m_others=3&own=Grandparents+views"
    response = client.get("/walkthrough/compare/", {"a": first, "b": second})
    page = html(response)
    assert response.status_code == 200
    assert (
        page.count('<td data-label="Together">You agree') == 1
        and page.count("<strong>You differ</strong>") == 1
        and page.count('Together">Close') == 1
    )
    assert "Grandparents views" in page
    assert "You agree on 1 point, and are close on 1 more." in page
    assert "You differ on: Keeping cells for our own family." in page


def test_compare_reports_links_without_ratings_as_errors(client, content):
    response = client.get("/walkthrough/compare/", {"a": "just words", "b": ""})
    page = html(response)
    assert response.status_code == 400 and "<title>Error: " in page
    assert "Paste the second parent" in page and "could not find any ratings" in page


def test_compare_with_tampered_links_never_fails(client, content):
    for query in TAMPERED:
        response = client.get(
            "/walkthrough/compare/", {"a": "?" + query, "b": "?m_cost=3&" + query}
        )
        assert response.status_code in (200, 400)
