"""The filters of the comment list, shared by the API and the discussion page."""

import django_filters

from claims.filters import IntegerFilter
from discussion import selectors
from discussion.models import Comment
from project.filters import YesNoFilter
from project.filtersets import FilterSet

#: `?for=me`: the comments for the reader.
FOR_ME = "me"


class CommentFilter(FilterSet):
    claim = IntegerFilter(field_name="claim_id", label="Claim", help_text="A claim id.")
    author = django_filters.CharFilter(
        field_name="author__username", label="Author", help_text="A username."
    )
    audience = django_filters.ChoiceFilter(
        choices=[(FOR_ME, FOR_ME)],
        method="filter_audience",
        label="For",
        help_text="`me`: comments that mention you, and others' comments on your claims.",
    )
    new = YesNoFilter(
        method="filter_new",
        label="New to you",
        help_text="`true`: the comments for you that you have not seen (on their claim's page, "
        "or in the Discussion page's lists); `false`: every other comment.",
    )

    class Meta:
        model = Comment
        fields = ["claim", "author"]

    def filter_audience(self, queryset, name, value):
        return selectors.addressed_to(queryset, self.request.user)

    def filter_new(self, queryset, name, value):
        return selectors.new_or_not(queryset, self.request.user, new=value)


# The parameter is `for` (`?for=me`), which Python cannot name as an attribute.
CommentFilter.base_filters["for"] = CommentFilter.base_filters.pop("audience")
