"""What the apps above sources hear about it.

`source_kind_changing` is sent before an edit that sets a source's kind is saved: an app whose
rows need another kind refuses it by raising `ValidationError` (articles: a source that publishes
articles stays a media outlet), and nothing is saved.

`source_merging` is sent inside the merge's transaction, before the duplicates are deleted:
each app that points at sources moves its rows from the duplicates to the target, keeping its
own history. Sources knows nothing of them; a row left behind makes the merge fail whole
(the foreign keys protect their sources), so no receiver can be forgotten silently.
"""

from django.dispatch import Signal

#: Sent with `target` (the kept Source), `duplicate_ids` (a set of ids) and `user`.
source_merging = Signal()

#: Sent with `source` (holding the `kind` the edit gives it, not yet saved) by an edit that sets
#: the kind.
source_kind_changing = Signal()
