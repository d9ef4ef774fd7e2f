"""Matching an attribution to the source registry by name or alias (analysis/sources.py)."""

from suggestions.analysis import match_source

REGISTRY = [
    (1, "Antony Blinken"),
    (2, "UK Ministry of Defence"),
    (2, "British Ministry of Defence"),
    (3, "Mykhailo Samus"),
    (4, "Institute for the Study of War"),
]


def test_a_title_and_surname_match_the_full_name():
    assert match_source("Mr. Blinken", REGISTRY) == (1, 0.95)


def test_an_alias_matches_its_source():
    assert match_source("The British Ministry of Defence", REGISTRY) == (2, 1.0)


def test_a_small_misspelling_still_matches():
    source_id, score = match_source("Mykhaylo Samus", REGISTRY)
    assert source_id == 3 and 0.8 <= score < 1


def test_an_unknown_name_matches_nothing():
    assert match_source("Estonia's military intelligence agency", REGISTRY) is None
    assert match_source("", REGISTRY) is None
    assert match_source("Mr.", REGISTRY) is None


def test_no_candidates_match_nothing():
    assert match_source("Antony Blinken", []) is None
