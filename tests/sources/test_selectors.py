"""Similar source names (`sources.selectors.similar_sources`): pg_trgm on PostgreSQL,
rapidfuzz on SQLite, the same answers for the names analysts mistype."""

import pytest

from sources.selectors import similar_sources
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        name: SourceFactory(name=name)
        for name in (
            "Western intelligence services",
            "Ministry of Defence",
            "Reuters",
            "UN Office for the Coordination of Humanitarian Affairs",
        )
    }


def test_a_shortened_name_finds_the_full_one(registry):
    assert similar_sources("Western intel services") == [registry["Western intelligence services"]]


def test_a_spelling_variant_finds_the_other_spelling_whatever_the_case(registry):
    assert similar_sources("ministry of DEFENSE") == [registry["Ministry of Defence"]]


def test_an_unrelated_name_finds_nothing(registry):
    assert similar_sources("Halvern city council") == []


def test_the_same_name_is_not_similar_but_the_same(registry):
    assert similar_sources("  reuters ") == []


def test_an_empty_name_finds_nothing(registry):
    assert similar_sources("   ") == []


def test_at_most_five_closest_first(db):
    for suffix in "ABCDEFG":
        SourceFactory(name=f"Northern brigade {suffix}")
    SourceFactory(name="Northern brigade HQ staff")

    found = similar_sources("Northern brigade H")

    assert len(found) == 5
    assert all(name.startswith("Northern brigade") for name in (s.name for s in found))
