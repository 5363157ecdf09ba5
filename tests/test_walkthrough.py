"""The walkthrough: its logic (reading and writing the answers in the link, the line-up,
two parents) without the web layer, then every step through the Django test client."""

from django.http import QueryDict

from conditions import walkthrough as wt

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
