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

from html import escape  # what Django's `escape` calls, without its lazy-text wrapper per call

from django.urls import reverse
from django.utils.html import format_html
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


def _truncated(text: str, length: int = 120) -> str:
    """`Truncator(text).chars(length)`, without its cost for the many quotes short enough."""
    return text if len(text) <= length else Truncator(text).chars(length)


def compact_cards(
    claims: list[Claim], article_id: int, editable: frozenset[int] = frozenset()
) -> SafeString:
    """`<li>` compact cards for `claims` of article `article_id` (from
    `selectors.claim_summaries`), in order; those whose ids are in `editable` (the reader may
    edit them) with Submit and Delete.

    Written with `str` methods and `escape` on each value from the database rather than
    `format_html` per card: five hundred cards were half the page's server time."""
    # One reverse() for the page rather than one per card.
    detail = reverse("claims:detail", args=[999999999]).replace("999999999", "{pk}")
    submit = reverse("claims:claim-submit", args=[article_id, 999999999])
    delete = reverse("claims:claim-delete", args=[article_id, 999999999])
    # Submit (a draft or rejected claim) and Delete, for a browser without the script.
    actions = (
        '<noscript><div class="card-actions">{submit}<button class="small danger" '
        f'form="claim-actions" formaction="{escape(delete)}">{escape(_("Delete"))}</button>'
        "</div></noscript>"
    ).replace("999999999", "{pk}")
    submit_button = (
        f'<button class="small" form="claim-actions" formaction="{escape(submit)}">'
        f"{escape(_('Submit for review'))}</button>"
    ).replace("999999999", "{pk}")
    statuses = {value: (escape(value), escape(label)) for value, label in ClaimStatus.choices}
    contradicted = str(
        format_html(
            ' <span class="contradiction"><span aria-hidden="true">⚡</span> {}</span>',
            _("contradicted"),
        )
    )
    sources: dict[int, str] = {}  # one escape per source, not per card
    cards = []
    for claim in claims:
        pk = claim.pk
        status, label = statuses.get(claim.status) or (escape(claim.status),) * 2
        source = sources.get(claim.source_id)
        if source is None:
            # Isolated: a name written right to left (or holding a direction mark) must not
            # reorder the status after it ("detcidartnoc" for "contradicted").
            source = sources[claim.source_id] = f"<bdi>{escape(claim.source.name)}</bdi>"
        extra = ""
        if pk in editable:
            waiting = claim.status in (ClaimStatus.DRAFT, ClaimStatus.REJECTED)
            extra = actions.format(submit=submit_button.format(pk=pk) if waiting else "", pk=pk)
        contra = " contra" if claim.in_contradiction else ""
        cards.append(
            f'<li class="claim-card compact st-{status}{contra}"'
            f' id="claim-{pk}" data-claim="{pk}" data-start="{int(claim.start)}"'
            f' data-end="{int(claim.end)}" tabindex="-1"><blockquote><a class="quote-link" '
            f'href="{detail.format(pk=pk)}">{escape(_truncated(claim.quote))}</a></blockquote>'
            f'<p class="claim-meta"><span class="grade">{escape(claim.grade)}</span>'
            f"{_grade_now(claim)} {source} · "
            f'<span class="status status-{status}">{label}</span>'
            f"{contradicted if claim.in_contradiction else ''}</p>{_review_note(claim)}{extra}</li>"
        )
    return SafeString("\n".join(cards))
