"""The shared FilterSet copies its filters per instance without django-filter's deep copy: each
instance still has filters of its own, method filters calling their own filterset."""

import pytest
from django.http import QueryDict

from claims.filters import ClaimFilter
from claims.models import Claim

pytestmark = pytest.mark.django_db


def test_two_filtersets_do_not_share_their_filters():
    first, second = ClaimFilter(QueryDict("q=a")), ClaimFilter(QueryDict("q=b"))

    for name in first.filters:
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].extra is not second.filters[name].extra
        assert first.filters[name].parent is first
        assert second.filters[name].parent is second


def test_a_method_filter_calls_its_own_filterset(monkeypatch):
    own = ClaimFilter(QueryDict("q=river"), queryset=Claim.objects.all())
    called = []
    monkeypatch.setattr(own, "filter_text", lambda queryset, name, value: called.append(value))

    own.filters["q"].filter(Claim.objects.all(), "river")

    assert called == ["river"]
    assert ClaimFilter.base_filters["q"].filter.f is ClaimFilter.base_filters["q"]
