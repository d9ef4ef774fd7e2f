"""Verdicts on two measures and pairing through the key index (suggestions/analysis/compare.py)."""

import importlib

import pytest

from suggestions.analysis import compare, measures_in, pair_up

# the package re-exports the function compare(), which hides its module of the same name
compare_module = importlib.import_module("suggestions.analysis.compare")


def one(text: str, published=None):
    found = [m for m in measures_in(text, published=published) if m.key]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("first", "second", "kind", "reason"),
    [
        (
            "Officials say 8,000 troops are there.",
            "Up to 60,000 troops may be sent.",
            "contradiction",
            "8,000 vs up to 60,000 troops",
        ),
        (
            "Russia suffers around 30,000 casualties each month.",
            "Russia suffers as high as 40,000 casualties a month.",
            "contradiction",
            "about 30,000 vs up to 40,000 Russian casualties a month",
        ),
        (
            "approximately 10,000 North Koreans joined the war",
            "another 10,000 or so North Korean troops",
            "corroboration",
            "about 10,000 and about 10,000 North Korean troops agree",
        ),
        (
            "approximately 10,000 North Korean troops",
            "approximately 1,500 North Korean special forces",
            "contradiction",
            "about 10,000 vs about 1,500 North Korean troops",
        ),
        (
            "Up to 60,000 troops may be sent.",
            "Some 57,000 troops were sent.",
            "corroboration",
            "up to 60,000 and about 57,000 troops agree",
        ),
        (
            "15,000 to 18,000 refugees crossed.",
            "About 17,000 refugees crossed.",
            "corroboration",
            "15,000–18,000 and about 17,000 refugees agree",
        ),
        (
            "12,000 troops were seen.",
            "12,400 troops were seen.",
            "corroboration",
            "12,000 and 12,400 troops agree",
        ),
    ],
)
def test_quantity_verdicts(first, second, kind, reason):
    verdict = compare(one(first), one(second))
    assert (verdict.kind, verdict.reason) == (kind, reason)
    assert 0 <= verdict.score <= 1


def test_a_contradiction_far_apart_scores_higher_than_one_close_together():
    far = compare(one("8,000 troops arrived."), one("Up to 60,000 troops arrived."))
    near = compare(one("8,000 troops arrived."), one("10,000 troops arrived."))
    assert far.kind == near.kind == "contradiction"
    assert far.score > near.score


def test_different_dates_for_one_event_contradict():
    verdict = compare(
        one("its advance into the area back in July"),
        one("Ukrainian forces crossed the border into Kursk in August 2024"),
    )
    assert (verdict.kind, verdict.reason) == (
        "contradiction",
        "incursion start: July vs August 2024",
    )


def test_a_date_inside_another_for_one_event_corroborates():
    verdict = compare(
        one("the deployment of troops began in mid-October"),
        one("troops have been deployed there since October 2024"),
    )
    assert verdict.kind == "corroboration"


def test_different_parties_are_not_compared():
    russian = one("Russia loses 30,000 soldiers a month.")
    korean = one("North Korea loses 3,000 soldiers a month.")
    assert russian.key == korean.key
    assert compare(russian, korean) is None


def test_different_keys_are_not_compared():
    assert compare(one("8,000 troops arrived."), one("8,000 refugees arrived.")) is None


def test_different_rate_periods_are_different_keys():
    assert one("900 casualties a day").key != one("900 casualties a month").key


def _rates(text: str) -> list:
    return [m for m in measures_in(text) if m.key and m.period == "day"]


def test_a_rate_worked_out_from_a_total_is_not_compared_with_a_reported_rate():
    """An audit's false alarm in the corpus: the writer's own war-long average (700,000 since
    2022, "an average of about 715 a day") against the rate now (1,300 a day)."""
    text = (
        "Currently, the Russian military averages approximately 1,300 casualties every day. "
        "Overall, the Russian forces have lost around 700,000 men killed or wounded since the "
        "invasion began in February 2022. That is an average of about 715 men killed or "
        "wounded every day."
    )

    now, worked_out = _rates(text)

    assert compare(now, worked_out) is None
    # Two rates both reported are compared as before.
    reported = [
        _rates(f"Russia loses about {n} men killed or wounded every day.")[0]
        for n in ("1,300", "715")
    ]
    assert compare(*reported) is not None


def test_different_currencies_are_different_keys():
    assert one("€1,500 per month in pay").key != one("$1,500 per month in pay").key


def test_role_disagreement_is_a_contradiction_and_agreement_is_not_noted():
    (support,) = measures_in("North Korean troops are providing logistical support.")
    (combat,) = measures_in("North Korean troops are fighting alongside Russians.")
    (also_combat,) = measures_in("North Korean troops were spotted fighting in Kursk.")
    verdict = compare(support, combat)
    assert verdict.kind == "contradiction"
    assert "logistical support" in verdict.reason
    assert compare(combat, also_combat) is None


def test_a_role_in_a_conditional_sentence_is_not_read():
    assert measures_in("If North Korean troops are fighting alongside Russians, NATO reacts.") == []


def test_pair_up_pairs_only_equal_keys_through_the_index(monkeypatch):
    calls = []
    real = compare_module.compare

    def counting(a, b):
        calls.append((a.key, b.key))
        return real(a, b)

    monkeypatch.setattr(compare_module, "compare", counting)
    troops = [(f"t{n}", one(f"{1000 * (n + 1)} troops arrived.")) for n in range(3)]
    others = [(f"r{n}", one(f"{n + 5} missiles were fired.")) for n in range(3)]
    refugees = [(f"f{n}", one(f"{n + 7} refugees crossed each week.")) for n in range(200)]
    unpaired = [(f"u{n}", m) for n, m in enumerate(measures_in("400 days of the siege"))]
    pairs = pair_up(troops + others + refugees[:1] + unpaired)
    # 3 troops → 3 comparisons, 3 missile counts → 3, one refugee count and the unpaired
    # duration → none: never the 28 of all pairs
    assert len(calls) == 6
    assert all(a == b for a, b in calls)
    assert {(a, b) for a, _, b, _, _ in pairs} >= {("t0", "t1"), ("t0", "t2"), ("t1", "t2")}


def test_pair_up_never_pairs_two_measures_of_one_owner():
    first, second = [m for m in measures_in("8,000 troops, or maybe 60,000 troops.") if m.key]
    assert pair_up([("same", first), ("same", second)]) == []
    assert len(pair_up([("a", first), ("b", second)])) == 1


def test_a_denied_role_is_no_role():
    (role,) = measures_in("The marines are manning checkpoints and have not been in action.")
    assert role.qualifier == "support"


def test_troops_without_a_named_party_can_have_a_role():
    (role,) = measures_in("The marines are manning checkpoints around the harbour.")
    assert (role.qualifier, role.party) == ("support", "")


def test_a_pronoun_is_not_a_party():
    (role,) = measures_in("He said Vanrian marines had been leading night raids.")
    assert (role.qualifier, role.party) == ("combat", "Vanrian")


def test_sailors_are_counted_as_troops_and_a_blockade_is_a_dated_event():
    assert one("Vanria sent 900 sailors.").subject == "troops"
    assert one("The blockade was imposed in April.").key == "date|blockade start"


def test_big_money_reads_in_millions():
    verdict = compare(
        one("It costs about $12m a week in spending."), one("$40 million a week in spending")
    )
    assert verdict.reason == "about USD 12 million vs USD 40 million spending a week"
