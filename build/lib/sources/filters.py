"""The source registry's filter, shared by its page and the API."""

import django_filters

from sources.models import Reliability, Source, SourceKind


class SourceFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label="Name")
    kind = django_filters.ChoiceFilter(choices=SourceKind.choices)
    reliability = django_filters.ChoiceFilter(choices=Reliability.choices)

    class Meta:
        model = Source
        fields = ["q", "kind", "reliability"]
