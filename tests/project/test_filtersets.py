"""The shared FilterSet copies its filters per instance without django-filter's deep copy: each
instance still has filters of its own, method filters calling their own filterset."""

import importlib

import pytest
from django.http import QueryDict

from claims.filters import ClaimFilter
from claims.models import Claim

pytestmark = pytest.mark.django_db

APPS = {"articles", "claims", "exports", "sources", "suggestions"}


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


def _filtersets() -> list[type]:
    """Every FilterSet of the project's apps."""
    import django_filters

    for module in ("articles.filters", "claims.filters", "sources.filters", "suggestions.filters"):
        importlib.import_module(module)
    found, pending = [], [django_filters.FilterSet]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in APPS:
                found.append(subclass)
    return found


def test_every_filter_has_a_label_a_person_can_read():
    """The chips above a list name each filter in use by its label: a filter that reads no model
    field of its own (`method=`) gets "[invalid name]" from django-filter unless it has one."""
    filtersets = _filtersets()
    assert {"ArticleFilter", "ClaimFilter", "SourceFilter", "SuggestionFilter"} <= {
        filterset.__name__ for filterset in filtersets
    }

    unreadable = {
        f"{filterset.__name__}.{name}": str(each.label)
        for filterset in filtersets
        for name, each in filterset().filters.items()
        if not each.label or "invalid" in str(each.label)
    }
    assert unreadable == {}
