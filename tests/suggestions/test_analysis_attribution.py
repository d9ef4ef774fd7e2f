"""Who a passage is attributed to (suggestions/analysis/attribution.py, passages.py)."""

import pytest

from suggestions.analysis import find_passages
from suggestions.analysis.attribution import attributions_in


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("According to Mr. Blinken, Russia plans to attack.", "Mr. Blinken"),
        (
            "North Korean troops are in Ukraine, according to Western intelligence services.",
            "Western intelligence services",
        ),
        (
            "The British Ministry of Defence estimates that Russia loses 30,000 a month.",
            "The British Ministry of Defence",
        ),
        ("“It is beneficial,” stated Mykhailo Samus, a defense analyst.", "Mykhailo Samus"),
        ("A reaction is unlikely, Mr. Samus commented.", "Mr. Samus"),
        ("The New York Times reported on Thursday that officials met.", "The New York Times"),
        ("Kremlin officials denied the report.", "Kremlin officials"),
        ("Pentagon officials estimate that 8,000 troops are there.", "Pentagon officials"),
    ],
)
def test_attribution_is_found_as_written(sentence, name):
    assert attributions_in(sentence)[0].name == name


@pytest.mark.parametrize(
    "sentence",
    [
        "If this claim is validated, the war widens.",
        "I believe that Europe must rearm.",
        "The reported number is small.",
    ],
)
def test_no_attribution(sentence):
    assert [a for a in attributions_in(sentence) if a.name] == []


def test_a_hedge_is_an_unnamed_attribution():
    (attribution,) = attributions_in("Most of the troops are believed to be light infantry.")
    assert (attribution.name, attribution.hedged) == ("", True)


def test_she_is_the_last_named_speaker():
    text = (
        "According to Astrid Chevreuil, a visiting fellow, it helps Moscow. "
        "“Russia could project an image of allies,” she added."
    )
    passages = find_passages(text)
    assert [passage.attribution for passage in passages] == ["Astrid Chevreuil"] * 2


def test_a_sentence_with_neither_figure_nor_attribution_is_not_a_passage():
    assert find_passages("The weather was fine. Everyone went home.") == []


def test_a_passage_is_a_clause_of_a_long_sentence_not_the_whole_of_it():
    text = (
        "The region has suffered for years from neglect, poor roads and a shrinking population "
        "that the government has repeatedly promised to address without ever producing a plan; "
        "officials now say that some 4,500 soldiers are stationed there, far more than before, "
        "and that the garrison will grow again next spring once the new barracks are finished."
    )
    passages = find_passages(text)
    assert any(
        passage.quote.startswith("officials now say that some 4,500 soldiers")
        for passage in passages
    )
    assert all(len(passage.quote) < len(text) / 2 for passage in passages)


def test_an_estimated_figure_is_not_a_reporting_verb():
    assert attributions_in("Pyongyang has dispatched an estimated 11,000 soldiers.") == []
