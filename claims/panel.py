"""The reading view's compact claim cards, rendered in Python.

An article can hold hundreds of claims; as five hundred template includes the cards took longer
than the rest of the page together, and their buttons most of the browser's parsing. A compact
card shows what identifies a claim in the panel (quote, grade, source, status, contradiction)
and links to the claim's page; the full card (`claims/_claim_card.html`, with statement, tags,
links and the Edit, Submit and Delete buttons) replaces it when the claim is opened.

Without the script no full card comes: the compact cards of the claims the reader may change
carry Submit and Delete themselves, buttons of the panel's one hidden form (`#claim-actions`)
as on the full card. They sit in `<noscript>`, which a browser running scripts reads as plain
text: a thousand buttons would cost the scripted page's parsing for nothing.
"""

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from claims.models import Claim, ClaimStatus


def _review_note(claim: Claim) -> SafeString | str:
    """The reviewer's reason for a rejection, so its author sees why without opening the card
    (as `claims/_review_note.html` says it on the full card)."""
    if not claim.review_note or claim.status != ClaimStatus.REJECTED:
        return ""  # an approval's note waits on the full card: compact cards stay compact
    decided = _("Rejected")
    if claim.reviewed_by is not None:
        decided = _("%(decision)s by %(reviewer)s") % {
            "decision": decided,
            "reviewer": claim.reviewed_by.get_username(),
        }
    return format_html(
        '<p class="review-note-inline note-{}"><span class="muted">{}:</span> {}</p>',
        claim.status,
        decided,
        Truncator(claim.review_note).chars(240),
    )


def _grade_now(claim: Claim) -> SafeString | str:
    """The source's current rating beside a grade it no longer matches (as
    `partials/_grade_now.html` shows it)."""
    if not claim.source_rerated:
        return ""
    return format_html(
        ' <span class="grade-now" title="{}">{}</span>',
        _(
            "The source has been rated otherwise since this claim was reviewed; the grade stays "
            "as evaluated."
        ),
        _("· source now rated %(now)s") % {"now": claim.source.reliability},
    )


def _actions(claim: Claim, urls: tuple[str, str], labels: tuple[str, str]) -> SafeString | str:
    """Submit (a draft or rejected claim) and Delete, for a browser without the script."""
    submit_url, delete_url = (url.replace("999999999", str(claim.pk)) for url in urls)
    submit = ""
    if claim.status in (ClaimStatus.DRAFT, ClaimStatus.REJECTED):
        submit = format_html(
            '<button class="small" form="claim-actions" formaction="{}">{}</button>',
            submit_url,
            labels[0],
        )
    return format_html(
        '<noscript><div class="card-actions">{}<button class="small danger" form="claim-actions" '
        'formaction="{}">{}</button></div></noscript>',
        submit,
        delete_url,
        labels[1],
    )


def compact_cards(
    claims: list[Claim], article_id: int, editable: frozenset[int] = frozenset()
) -> SafeString:
    """`<li>` compact cards for `claims` of article `article_id` (from
    `selectors.claim_summaries`), in order; those whose ids are in `editable` (the reader may
    edit them) with Submit and Delete."""
    # One reverse() for the page rather than one per card.
    detail = reverse("claims:detail", args=[999999999])
    urls = (
        reverse("claims:claim-submit", args=[article_id, 999999999]),
        reverse("claims:claim-delete", args=[article_id, 999999999]),
    )
    action_labels = (_("Submit for review"), _("Delete"))
    labels = dict(ClaimStatus.choices)
    contradicted = format_html(' <span class="contradiction">⚡ {}</span>', _("contradicted"))
    return format_html_join(
        "\n",
        '<li class="claim-card compact st-{0}{1}" id="claim-{2}" data-claim="{2}" '
        'data-start="{3}" data-end="{4}" tabindex="-1"><blockquote><a class="quote-link" '
        'href="{5}">{6}</a></blockquote><p class="claim-meta"><span class="grade">{7}</span>{12} '
        '{8} · <span class="status status-{0}">{9}</span>{10}</p>{11}{13}</li>',
        (
            (
                claim.status,
                " contra" if claim.in_contradiction else "",
                claim.pk,
                claim.start,
                claim.end,
                detail.replace("999999999", str(claim.pk)),
                Truncator(claim.quote).chars(120),
                claim.grade,
                claim.source.name,
                labels.get(claim.status, claim.status),
                contradicted if claim.in_contradiction else "",
                _review_note(claim),
                _grade_now(claim),
                _actions(claim, urls, action_labels) if claim.pk in editable else "",
            )
            for claim in claims
        ),
    )
