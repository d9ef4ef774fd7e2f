"""Roles: what a sentence says a party's troops do, "support" (logistics, guarding,
checkpoints) or "combat" (fighting, front line, assaults, raids): a qualitative measure
(`kind="role"`, `key="role|troops"`) that two articles can disagree on."""

from suggestions.analysis import lexicon
from suggestions.analysis.records import Measure


def roles_in(text: str, start: int, end: int) -> list[Measure]:
    """What role a sentence gives a party's troops: "support" or "combat" (qualitative).

    Only plain statements count: a sentence with a condition or doubt ("if", "not certain",
    "could") says nothing firm about the role, and one naming both roles is left alone.
    """
    if lexicon.ROLE_DOUBT.search(text, start, end):
        return []
    troops = lexicon.ROLE_TROOPS.search(text, start, end)
    if troops:
        party = lexicon.party_of(troops.group("party")) or troops.group("party")
    elif lexicon.ROLE_TROOPS_UNNAMED.search(text, start, end):
        party = ""
    else:
        return []
    found = {}
    for role, pattern in lexicon.ROLES.items():
        for match in pattern.finditer(text, start, end):
            if not lexicon.ROLE_NEGATION.search(
                text, max(start, match.start() - 30), match.start()
            ):
                found[role] = match
                break
    if len(found) != 1:
        return []
    ((role, match),) = found.items()
    return [
        Measure(
            kind="role",
            subject="troops",
            key="role|troops",
            low=None,
            high=None,
            qualifier=role,
            unit="",
            period="",
            currency="",
            start=match.start(),
            end=match.end(),
            text=match.group(),
            party=party,
        )
    ]
