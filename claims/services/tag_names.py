"""A claim's tags by name: the names as tags are stored, and the tags themselves, created where
new."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from claims.models import Tag
from claims.services.claim_inserts import tags_named

#: The most tags one claim may carry: enough for any real subject, and a bound on what one
#: request can create.
MAX_TAGS_PER_CLAIM = 20


def tag_slug(name: str) -> str:
    """The tag `name` is stored as ("Troop numbers" → "troop-numbers", any Unicode form of
    "Café" → "café"); "" for a name that gives none. For filters: a name as analysts type it
    finds the tag."""
    return slugify(name, allow_unicode=True)


def tag_slugs(names: Iterable[str]) -> list[str]:
    """The names as tags are stored: slugified (`Troop numbers` → `troop-numbers`), each once,
    in their order. Names that give no usable tag, and more than `MAX_TAGS_PER_CLAIM` different
    tags, are refused. No query."""
    names = list(names)
    if len(set(names)) > MAX_TAGS_PER_CLAIM:
        raise ValidationError(
            {
                "tags": f"A claim may carry at most {MAX_TAGS_PER_CLAIM} tags; "
                f"this one had {len(set(names))}. Keep the ones that matter most."
            },
            code="too_many_tags",
        )
    slugs = []
    for name in names:
        slug = tag_slug(name)
        if not slug:
            raise ValidationError(
                {"tags": f"“{name}” is not a usable tag: use letters, digits or hyphens."},
                code="invalid_tag",
            )
        if len(slug) > Tag._meta.get_field("name").max_length:
            raise ValidationError({"tags": f"“{name}” is too long for a tag."}, code="invalid_tag")
        if slug not in slugs:
            slugs.append(slug)
    return slugs


def tags_from_names(names: Iterable[str]) -> list[Tag]:
    """The tags with these names (see `tag_slugs`), created where new, in one query."""
    slugs = tag_slugs(names)
    named = tags_named(slugs)
    return [named[slug] for slug in slugs]
