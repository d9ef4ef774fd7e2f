from django import template
from django.utils.html import escape, linebreaks
from django.utils.safestring import SafeString, mark_safe

from discussion.services import MENTION, name_candidates

register = template.Library()


@register.filter
def comment_body(comment) -> SafeString:
    """The comment's words, escaped, in paragraphs, with each `@name` of a person it mentions
    marked (the mentions are prefetched with the comment)."""
    names = {person.username for person in comment.mentions.all()}

    def mark(match) -> str:
        name = match.group(1)
        for candidate in name_candidates(name):
            if candidate in names:
                rest = name[len(candidate) :]
                return f'<strong class="mention">@{candidate}</strong>{rest}'
        return match.group(0)

    # Escaping first: `MENTION` matches escaped text as it matched the text (a name holds no
    # character that escaping changes).
    return mark_safe(linebreaks(MENTION.sub(mark, escape(comment.body))))
