"""Quantity normalization (suggestions/analysis/numbers.py, read through measures_in): a table of
real-world phrasings with what each must give, and the phrasings that are not counts."""

import datetime

import pytest

from suggestions.analysis import measures_in
from suggestions.analysis.numbers import figures_in

PUBLISHED = datetime.date(2024, 11, 2)


def quantity(phrase: str):
    found = [m for m in measures_in(phrase, published=PUBLISHED) if m.kind == "quantity"]
    assert len(found) == 1, f"{phrase!r} gave {found}"
    return found[0]


# (phrase, text of the measure, low, high, qualifier, subject, period, currency)
QUANTITIES = [
    (
        "Officials counted 12,000 troops at the border.",
        "12,000",
        12000,
        12000,
        "",
        "troops",
        "",
        "",
    ),
    (
        "Twelve thousand troops were deployed.",
        "Twelve thousand",
        12000,
        12000,
        "",
        "troops",
        "",
        "",
    ),
    ("two hundred and fifty soldiers", "two hundred and fifty", 250, 250, "", "troops", "", ""),
    ("The army sent some 4,500 soldiers.", "some 4,500", 3825, 5175, "about", "troops", "", ""),
    (
        "Russia is losing about 900 soldiers every day.",
        "about 900",
        765,
        1035,
        "about",
        "casualties",
        "day",
        "",
    ),
    ("Up to 70,000 troops could be sent.", "Up to 70,000", 0, 70000, "up to", "troops", "", ""),
    (
        "More than 3,000 civilians have died.",
        "More than 3,000",
        3000,
        None,
        "more than",
        "civilians",
        "",
        "",
    ),
    (
        "Between 15,000 and 18,000 refugees crossed.",
        "Between 15,000 and 18,000",
        15000,
        18000,
        "",
        "refugees",
        "",
        "",
    ),
    (
        "15,000 to 18,000 refugees crossed.",
        "15,000 to 18,000",
        15000,
        18000,
        "",
        "refugees",
        "",
        "",
    ),
    ("15,000-18,000 refugees crossed.", "15,000-18,000", 15000, 18000, "", "refugees", "", ""),
    (
        "At least 8,000 men are recruited every week.",
        "At least 8,000",
        8000,
        None,
        "at least",
        "recruits",
        "week",
        "",
    ),
    (
        "Recruits are paid €1,500 per worker per month.",
        "€1,500",
        1500,
        1500,
        "",
        "pay",
        "month",
        "EUR",
    ),
    (
        "The war has left 250,000 dead or injured.",
        "250,000",
        250000,
        250000,
        "",
        "casualties",
        "",
        "",
    ),
    (
        "Another 10,000 or so soldiers followed.",
        "10,000 or so",
        8500,
        11500,
        "about",
        "troops",
        "",
        "",
    ),
    (
        "Tens of thousands of troops massed.",
        "Tens of thousands",
        10000,
        100000,
        "",
        "troops",
        "",
        "",
    ),
    (
        "Roughly 10,000 North Korean troops arrived.",
        "Roughly 10,000",
        8500,
        11500,
        "about",
        "troops",
        "",
        "",
    ),
    (
        "Approximately 1,500 North Korean special forces landed.",
        "Approximately 1,500",
        1275,
        1725,
        "about",
        "troops",
        "",
        "",
    ),
    ("The Pentagon said 8,000 troops are in Kursk.", "8,000", 8000, 8000, "", "troops", "", ""),
    (
        "As many as 1,000 soldiers were killed.",
        "As many as 1,000",
        0,
        1000,
        "up to",
        "deaths",
        "",
        "",
    ),
    (
        "The toll may have reached as high as 40,000 killed or wounded.",
        "as high as 40,000",
        0,
        40000,
        "up to",
        "casualties",
        "",
        "",
    ),
    ("Nearly 200 wounded were evacuated.", "Nearly 200", 170, 200, "nearly", "wounded", "", ""),
    ("Almost 300 soldiers deserted.", "Almost 300", 255, 300, "nearly", "troops", "", ""),
    (
        "Fewer than 50 prisoners were exchanged.",
        "Fewer than 50",
        0,
        50,
        "less than",
        "prisoners",
        "",
        "",
    ),
    ("Kyiv received £300 million in aid.", "£300 million", 300e6, 300e6, "", "aid", "", "GBP"),
    ("The package brings $2.5bn in military aid.", "$2.5bn", 2.5e9, 2.5e9, "", "aid", "", "USD"),
    (
        "Each conscript earns 2,000 dollars a month.",
        "2,000 dollars",
        2000,
        2000,
        "",
        "pay",
        "month",
        "USD",
    ),
    ("They fired 4-5 missiles.", "4-5", 4, 5, "", "missiles", "", ""),
    ("Ukraine has 250, 000 ground forces.", "250, 000", 250000, 250000, "", "troops", "", ""),
    (
        "They lost over 120,000 men killed or wounded.",
        "over 120,000",
        120000,
        None,
        "more than",
        "casualties",
        "",
        "",
    ),
    (
        "An estimated 40,000 casualties each month.",
        "An estimated 40,000",
        34000,
        46000,
        "about",
        "casualties",
        "month",
        "",
    ),
    (
        "Daily losses of 1,200 troops were reported.",
        "1,200",
        1200,
        1200,
        "",
        "casualties",
        "day",
        "",
    ),
    (
        "No fewer than 600 drones were launched.",
        "No fewer than 600",
        600,
        None,
        "at least",
        "drones",
        "",
        "",
    ),
    ("Two soldiers were captured.", "Two", 2, 2, "", "prisoners", "", ""),
    ("A thousand soldiers deserted.", "A thousand", 1000, 1000, "", "troops", "", ""),
    ("Turkey keeps a 350K-strong army.", "350K", 350000, 350000, "", "troops", "", ""),
    ("a 100k European army", "100k", 100000, 100000, "", "troops", "", ""),
    (
        "More than 40% of the soldiers were killed.",
        "More than 40%",
        40,
        None,
        "more than",
        "deaths",
        "",
        "",
    ),
    ("Turnout was 61 per cent.", "61 per cent", 61, 61, "", "", "", ""),
    ("Unemployment rose to 12.5%.", "12.5%", 12.5, 12.5, "", "", "", ""),
    ("the army grew by 5 percent a year", "5 percent", 5, 5, "", "", "year", ""),
    ("10,000-plus soldiers", "10,000-plus", 10000, None, "more than", "troops", "", ""),
    ("upwards of 2,000 mercenaries", "upwards of 2,000", 2000, None, "more than", "troops", "", ""),
    ("just under 900 recruits", "just under 900", 765, 900, "nearly", "recruits", "", ""),
    (
        "close to 5,000 refugees a week",
        "close to 5,000",
        4250,
        5750,
        "about",
        "refugees",
        "week",
        "",
    ),
]


@pytest.mark.parametrize(
    ("phrase", "text", "low", "high", "qualifier", "subject", "period", "currency"),
    QUANTITIES,
    ids=[row[0][:40] for row in QUANTITIES],
)
def test_quantity_is_normalized(phrase, text, low, high, qualifier, subject, period, currency):
    measure = quantity(phrase)
    assert measure.text == text
    assert measure.low == pytest.approx(low)
    assert (measure.high is None) == (high is None)
    if high is not None:
        assert measure.high == pytest.approx(high)
    assert (measure.qualifier, measure.subject, measure.period, measure.currency) == (
        qualifier,
        subject,
        period,
        currency,
    )


# Not a count of anything: a duration, a year, an ordinal, an age, a phone number, a unit
# designation, a clock time, a calibre, a page, a distance.
NOT_COUNTS = [
    ("After 400 days of the siege, the city fell.", "day"),
    ("approximately 1,000 days of the conflict", "day"),
    ("for almost six months now", "month"),
    ("He served one year in the army.", "year"),
    ("It lies 7,000 kilometres away.", "km"),
    ("In 2024 the army grew.", None),
    ("The Korean War (1950-53) ended in a truce.", None),
    ("The 11th Airborne Division moved north.", None),
    ("the 575th Marine Battalion", None),
    ("She is 19 years old.", None),
    ("A 19-year-old soldier died.", None),
    ("aged 45, he joined up", None),
    ("Call +44 20 7946 0958 now.", None),
    ("Call 555-123-4567 for details.", None),
    ("The T-90 tanks advanced.", None),
    ("MGM-140 missiles were supplied.", None),
    ("Unit 731 was notorious.", None),
    ("The meeting began at 10:30.", None),
    ("170mm howitzers fired.", None),
    ("page 12 of the report", None),
    ("One of the soldiers spoke.", None),
    ("the two intelligence services", None),
    ("It is M-1978 Koksan artillery.", None),
]


@pytest.mark.parametrize(("phrase", "unit"), NOT_COUNTS, ids=[row[0][:40] for row in NOT_COUNTS])
def test_not_a_count_of_people(phrase, unit):
    quantities = [m for m in measures_in(phrase, published=PUBLISHED) if m.kind == "quantity"]
    if unit is None:
        assert quantities == []
    else:
        (measure,) = quantities
        assert measure.unit == unit
        assert measure.subject in ("duration", "distance")
        assert measure.key == ""  # never paired with anything


def test_the_table_has_at_least_sixty_phrasings():
    assert len(QUANTITIES) + len(NOT_COUNTS) >= 60


def test_vague_quantities_are_ranges_that_are_not_paired():
    (measure,) = measures_in("Several thousand troops crossed.")
    assert (measure.low, measure.high, measure.key) == (3000, 9000, "")


def test_a_plural_nationality_counts_troops_in_a_military_context():
    measure = quantity("Troops are on the move: some 10,000 North Koreans are in Kursk.")
    assert (measure.subject, measure.party) == ("troops", "North Korea")


def test_a_plural_nationality_counts_people_outside_a_military_context():
    measure = quantity("About 2,000 Ukrainians live in the town.")
    assert (measure.subject, measure.party) == ("people", "Ukraine")


def test_an_anaphoric_figure_takes_subject_and_period_of_the_one_before():
    text = (
        "Russia is suffering around 30,000 casualties each month. "
        "That casualty figure may have reached as high as 40,000 in October."
    )
    first, second = [m for m in measures_in(text) if m.kind == "quantity"]
    assert second.key == first.key
    assert (second.subject, second.period, second.party) == ("casualties", "month", "Russia")


def test_a_total_over_a_stated_stretch_of_time_is_not_paired_with_a_plain_total():
    text = "Russia lost 120,000 men during that timeframe. Russia lost 700,000 men in all."
    windowed, plain = [m for m in measures_in(text) if m.kind == "quantity"]
    assert windowed.subject == plain.subject == "casualties"
    assert windowed.key != plain.key


def test_a_troop_strength_is_paired_whatever_the_time_words_around_it():
    text = "Some 6,000 soldiers arrived over the past fortnight. There are 6,000 soldiers there."
    first, second = [m for m in measures_in(text) if m.kind == "quantity"]
    assert first.key == second.key


def test_the_party_of_a_figure_is_the_nearest_named_before_it_not_the_source():
    measure = quantity(
        "The British Ministry of Defence estimates that Russia is losing 30,000 soldiers a month."
    )
    assert measure.party == "Russia"


def test_figures_in_gives_offsets_into_the_text_given():
    text = "Up to 70,000 troops"
    (figure,) = figures_in(text)
    assert text[figure.start : figure.end] == "Up to 70,000"


def test_describe_reads_like_an_analyst():
    assert quantity("up to 60,000 North Korean troops").describe() == (
        "up to 60,000 North Korean troops"
    )
    assert quantity("about 900 soldiers lost every day").describe() == (
        "about 900 casualties a day"
    )


@pytest.mark.parametrize(
    ("phrase", "subject"),
    [
        ("North Korean casualties reached 4,000 by December.", "casualties"),
        ("The death toll rose to 300.", "deaths"),
        ("Losses of 1,200 were reported.", "casualties"),
        ("The number of refugees is 40,000.", "refugees"),
    ],
)
def test_the_counted_noun_can_come_before_the_figure(phrase, subject):
    assert quantity(phrase).subject == subject


def test_a_role_reads_as_a_role():
    (role,) = measures_in("North Korean troops took part in the fighting in Kursk.")
    assert role.describe() == "combat role of North Korean troops"


def test_people_who_left_are_refugees_and_people_stay_people_near_fighting():
    assert quantity("40,000 people had left the valley since the fighting began.").subject == (
        "refugees"
    )
    assert quantity("The fighting went on; 3,000 people live in the town.").subject == "people"


def test_since_the_war_began_is_a_plain_total():
    since = quantity("40,000 people have fled since the fighting began.")
    plain = quantity("About 18,000 people have fled.")
    assert since.key == plain.key


def test_a_proper_adjective_the_lists_do_not_know_is_a_party():
    assert quantity("140 Kardenian soldiers were killed.").party == "Kardenian"


def test_an_estimated_range_keeps_its_range_and_its_party():
    measure = quantity("Pyongyang has dispatched an estimated 11,000-12,000 soldiers to Russia.")
    assert measure.party == "North Korea"
    assert measure.describe() == "about 11,000–12,000 North Korean troops"
