"""What a figure or date is read as, where the engine once read it wrong (audit R6, R8, R10,
R11): the measure a count takes, the place it is counted in, the base of a share, the event a
date is of. Every sentence here is written for these tests."""

from suggestions.analysis import Article, measures_in, suggest_corpus


def _pairs(first: str, second: str) -> list[tuple[str, str]]:
    found = suggest_corpus([Article("A", first, None), Article("B", second, None)])
    return [(pair.verdict.kind, pair.verdict.reason) for pair in found.pairs]


def _read(text: str) -> list[str]:
    return [measure.describe() for measure in measures_in(text) if measure.kind == "quantity"]


def test_a_toll_after_a_troop_figure_counts_deaths_not_troops():
    text = "Officials said 8,000 troops were deployed. The death toll reached 300."

    assert _read(text) == ["8,000 troops", "300 deaths"]


def test_the_number_of_wounded_after_a_casualty_rate_counts_the_wounded():
    text = (
        "Russian casualties reached 1,000 a day, the ministry said. "
        "It put the number of wounded at 700 a day."
    )

    assert _read(text) == ["1,000 Russian casualties a day", "700 Russian wounded a day"]


def test_that_figure_still_counts_what_the_figure_before_it_counted():
    text = (
        "Officials estimate that Russia is suffering around 30,000 casualties each month. "
        "That casualty figure may have reached as high as 40,000 in October."
    )

    assert _read(text) == [
        "about 30,000 Russian casualties a month",
        "up to 40,000 Russian casualties a month",
    ]


def test_a_death_toll_is_not_paired_with_a_troop_count():
    first = "Officials said 8,000 troops were deployed. The death toll reached 300."
    second = "Officials said 5,000 troops were deployed to the region."

    assert [reason for _, reason in _pairs(first, second)] == ["8,000 vs 5,000 troops"]


def test_the_base_of_a_share_counts_the_whole_group_and_the_share_is_a_share():
    assert _read("Officials said 30 percent of the 10,000 troops were wounded.") == [
        "30% wounded",
        "10,000 troops",
    ]
    assert _read("Of the 2,000 troops deployed, one in five was killed.") == ["2,000 troops"]
    assert _read("Officials said 1 in 5 soldiers were wounded.") == []
    assert _read("Officials said 300 of the 10,000 troops were killed.") == [
        "300 deaths",
        "10,000 troops",
    ]


def test_the_base_of_a_share_is_not_paired_with_a_count_of_what_befell_the_share():
    first = "Officials said 30 percent of the 10,000 troops were wounded."

    assert _pairs(first, "Officials said 30 troops were wounded.") == []
    # the base is a stated count of troops, and is compared as one
    assert _pairs(first, "Officials said 8,000 troops were deployed.") == [
        ("contradiction", "10,000 vs 8,000 troops")
    ]


def test_counts_of_two_different_places_are_not_paired():
    assert _pairs("There are 2,000 troops in Kursk.", "There are 8,000 troops in Belgorod.") == []
    assert (
        _pairs(
            "Officials said 2,000 troops were killed near Bakhmut.",
            "Officials said 2,000 troops were killed near Avdiivka.",
        )
        == []
    )


def test_counts_of_one_place_or_of_a_place_and_no_place_are_still_paired():
    kursk = "There are 2,000 troops in Kursk."
    expected = [("contradiction", "2,000 vs 8,000 troops")]

    assert _pairs(kursk, "There are 8,000 troops in the Kursk region.") == expected
    assert _pairs(kursk, "There are 8,000 troops.") == expected
    # where the speaker spoke or works is not where the troops are counted
    assert _pairs(kursk, "Analysts at the Vell Institute noted 8,000 troops there.") == expected
    assert _pairs(kursk, "Speaking in Brussels, the minister said 8,000 troops were there.") == (
        expected
    )


def test_the_dates_of_two_parties_events_are_not_paired():
    assert (
        _pairs("Russia's offensive began in March 2023.", "Ukraine's offensive began in June 2023.")
        == []
    )
    assert (
        _pairs(
            "Georgia's election was held on 26 October 2024.",
            "Moldova's election was held on 20 October 2024.",
        )
        == []
    )


def test_the_dates_of_elections_of_two_bodies_or_of_two_events_are_not_paired():
    assert (
        _pairs(
            "The presidential election was held on 4 March 2024.",
            "The parliamentary election was held on 9 March 2024.",
        )
        == []
    )
    assert _pairs("The election was held on 4 March.", "The agreement was signed on 9 March.") == []


def test_the_dates_of_one_event_are_still_paired_when_one_side_names_no_party():
    assert _pairs(
        "Russia's offensive began in March 2023.", "The offensive began back in May 2023."
    ) == [("contradiction", "offensive start: March 2023 vs May 2023")]
    # the target of the event is not whose event it is
    assert _pairs(
        "Russia invaded on 24 February 2022.", "Ukraine was invaded on 20 February 2022."
    ) == [("contradiction", "invasion start: 24 February 2022 vs 20 February 2022")]


def _windows(text: str) -> list[str]:
    return [m.key.rsplit("|", 1)[-1] for m in measures_in(text) if m.kind == "quantity"]


def test_a_toll_carried_to_a_sentence_naming_another_month_counts_that_month():
    may, june, june_too = _windows(
        "Officials said 30,000 people were killed in May. The toll was 40,000 in June. "
        "In June, 25,000 people were killed, the ministry said."
    )

    assert may != june
    assert june == june_too


def test_a_carried_toll_of_another_month_is_compared_with_that_months_figures():
    first = "Officials said 30,000 people were killed in May. The toll was 40,000 in June."
    second = "Officials said 25,000 people were killed in June."

    assert _pairs(first, second) == [("contradiction", "40,000 vs 25,000 deaths")]


def test_a_running_total_carried_stays_a_running_total_and_a_month_carries_without_another():
    running = _windows(
        "Officials said 30,000 people were killed since the war began. "
        "That figure rose to 40,000 in June."
    )
    month = _windows("Officials said 30,000 people were killed in May. That figure rose to 40,000.")

    assert running == ["", ""]
    assert month[0] == month[1] != ""
