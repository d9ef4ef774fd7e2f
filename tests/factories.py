"""factory_boy factories for every model the tests touch. All text here is synthetic."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from articles.models import Article
from claims.models import CONTEXT_LENGTH, Claim, ClaimLink, LinkKind, LinkStatus, Tag
from sources.models import Reliability, Source, SourceKind

PASSWORD = "correct-horse-battery"

_PLACES = ["the northern valley", "the coastal port", "the capital", "the border crossing"]
_ACTORS = ["the ministry", "a regional governor", "the defence office", "a local council"]


def synthetic_text(n: int) -> str:
    """A few paragraphs of made-up reporting, different for every `n`."""
    place = _PLACES[n % len(_PLACES)]
    actor = _ACTORS[n % len(_ACTORS)]
    return (
        f"Dispatch number {n} from {place}.\n"
        "\n"
        f"Officials from {actor} said on Tuesday that {n * 3 + 7} convoys had crossed the river "
        f"during the night, a figure that witnesses in {place} disputed.\n"
        "\n"
        f"A spokesperson added that {n + 12} observers would arrive before the end of the month, "
        "although no date was given and the plan was later described as provisional.\n"
        "\n"
        f"Residents reported hearing engines until dawn on day {n % 28 + 1}."
    )


class UserFactory(factory.django.DjangoModelFactory):
    """A user; `UserFactory(groups=["analyst"])` puts them in those role groups."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for name in extracted:
            group, _ = Group.objects.get_or_create(name=name)
            self.groups.add(group)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Synthetic Source {n}")
    kind = SourceKind.GOVERNMENT
    reliability = Reliability.B
    description = ""


class OutletFactory(SourceFactory):
    name = factory.Sequence(lambda n: f"Synthetic Gazette {n}")
    kind = SourceKind.MEDIA_OUTLET


class ArticleFactory(factory.django.DjangoModelFactory):
    """An article with unique normalized text; `save()` fills in `content_sha256`."""

    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Synthetic dispatch {n}")
    text = factory.Sequence(synthetic_text)
    uploaded_by = factory.SubFactory(UserFactory, groups=["analyst"])


def _default_start(claim, n: int) -> int:
    text = claim.article.text
    return (n * 11) % max(1, len(text) - 40)


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim on a real span of its article: quote, prefix and suffix all agree with the text.

    Pass `start` and `end` to choose the span; the rest follows.
    """

    class Meta:
        model = Claim
        skip_postgeneration_save = True

    article = factory.SubFactory(ArticleFactory)
    start = factory.LazyAttributeSequence(_default_start)
    end = factory.LazyAttribute(lambda claim: min(len(claim.article.text), claim.start + 25))
    quote = factory.LazyAttribute(lambda claim: claim.article.text[claim.start : claim.end])
    prefix = factory.LazyAttribute(
        lambda claim: claim.article.text[max(0, claim.start - CONTEXT_LENGTH) : claim.start]
    )
    suffix = factory.LazyAttribute(
        lambda claim: claim.article.text[claim.end : claim.end + CONTEXT_LENGTH]
    )
    statement = factory.Sequence(lambda n: f"Paraphrase number {n}")
    source = factory.SubFactory(SourceFactory)
    credibility = 2
    created_by = factory.SubFactory(UserFactory, groups=["analyst"])
    # A reviewed claim records the reliability it was judged with, as the review service does.
    evaluated_reliability = factory.LazyAttribute(
        lambda claim: (
            claim.source.reliability
            if getattr(claim, "status", "draft") in ("approved", "rejected")
            else ""
        )
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        """`tags=["a", tag_object]`: names are created as tags where new."""
        if not create or not extracted:
            return
        self.tags.set(
            [
                tag if isinstance(tag, Tag) else Tag.objects.get_or_create(name=tag)[0]
                for tag in extracted
            ]
        )


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag-{n}")


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    """A link stored in canonical order (lower claim id first), whatever order it was given."""

    class Meta:
        model = ClaimLink

    kind = LinkKind.CONTRADICTS
    claim_a = factory.SubFactory(ClaimFactory)
    claim_b = factory.SubFactory(ClaimFactory)
    note = "They cannot both be right."
    created_by = factory.SubFactory(UserFactory, groups=["analyst"])

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs["claim_a"].pk > kwargs["claim_b"].pk:
            kwargs["claim_a"], kwargs["claim_b"] = kwargs["claim_b"], kwargs["claim_a"]
        # A confirmed or dismissed link names who decided it (a database constraint).
        if kwargs.get("status", LinkStatus.PROPOSED) != LinkStatus.PROPOSED:
            if kwargs.get("decided_by") is None:
                kwargs["decided_by"] = UserFactory(groups=["reviewer"])
            kwargs.setdefault("decided_at", timezone.now())
        return super()._create(model_class, *args, **kwargs)
