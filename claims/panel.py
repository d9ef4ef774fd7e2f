"""The reading view's compact claim cards, rendered in Python.

An article can hold hundreds of claims; as five hundred template includes the cards took longer
than the rest of the page together. A compact card shows what identifies a claim in the panel
(quote, grade, source, status, contradiction) and, for its author, the Submit and Delete buttons
that work without the script; the full card (`claims/_claim_card.html`) replaces it when the
claim is opened.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimStatus

#: Statuses from which the author may submit a claim for review.
SUBMITTABLE = {ClaimStatus.DRAFT, ClaimStatus.REJECTED}


def _url_for_claim(name: str, *args: int):
    """A function giving URL `name` (with `args` before the claim id) for a claim id, from one
    reverse() call rather than one per card."""
    template = reverse(name, args=[*args, 999999999])
    return lambda claim_id: template.replace("999999999", str(claim_id))


def compact_cards(article_id: int, claims: list[Claim]) -> SafeString:
    """`<li>` compact cards for `claims` (from `selectors.claim_summaries`, each with a
    `can_edit` attribute), in the given order."""
    submit_url = _url_for_claim("claims:claim-submit", article_id)
    delete_url = _url_for_claim("claims:claim-delete", article_id)
    detail_url = _url_for_claim("claims:detail")
    labels = dict(ClaimStatus.choices)
    submit, delete, contradicted = _("Submit for review"), _("Delete"), _("contradicted")
    label = _("Claim %(id)s")
    cards = []
    for claim in claims:
        actions = ""
        if claim.can_edit:
            buttons = [
                format_html(
                    '<button class="small" form="claim-actions" formaction="{}" '
                    'data-action="submit" data-claim="{}">{}</button>',
                    submit_url(claim.pk),
                    claim.pk,
                    submit,
                )
                if claim.status in SUBMITTABLE
                else "",
                format_html(
                    '<button class="small danger" form="claim-actions" formaction="{}" '
                    'data-action="delete" data-claim="{}">{}</button>',
                    delete_url(claim.pk),
                    claim.pk,
                    delete,
                ),
            ]
            actions = format_html(
                '<div class="card-actions">{}</div>',
                format_html_join("", "{}", [(button,) for button in buttons]),
            )
        cards.append(
            format_html(
                '<li class="claim-card compact st-{status}{contra_class}" id="claim-{id}" '
                'data-claim="{id}" data-start="{start}" data-end="{end}" tabindex="-1" '
                'aria-label="{label}"><blockquote><a class="quote-link" href="{url}" '
                'data-claim="{id}">{quote}</a></blockquote><p class="claim-meta">'
                '<span class="grade">{grade}</span> {source} · '
                '<span class="status status-{status}">{status_label}</span>{contra}</p>'
                "{actions}</li>",
                id=claim.pk,
                status=claim.status,
                contra_class=" contra" if claim.in_contradiction else "",
                start=claim.start,
                end=claim.end,
                label=label % {"id": claim.pk},
                url=detail_url(claim.pk),
                quote=Truncator(claim.quote).chars(120),
                grade=claim.grade,
                source=claim.source.name,
                status_label=labels.get(claim.status, claim.status),
                contra=format_html(' <span class="contradiction">⚡ {}</span>', contradicted)
                if claim.in_contradiction
                else "",
                actions=actions,
            )
        )
    return format_html_join("\n", "{}", [(card,) for card in cards])
