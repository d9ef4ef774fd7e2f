"""What claims tells the apps above it (they connect in their `AppConfig.ready()`)."""

from django.dispatch import Signal

#: Sent with `claims` (a list) once new claims are inserted, inside the writing transaction:
#: they are written in bulk, so no `post_save` is sent for them.
claims_recorded = Signal()

#: Sent with `link` once a new link between two claims is saved, inside the writing transaction.
link_recorded = Signal()
