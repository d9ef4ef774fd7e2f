"""What the apps above articles hear about it.

`article_added` is sent once the transaction that stored a new article has committed (an
upload, a pasted text, an import, the admin, the demo): the apps above may read it, e.g. to
suggest its claims. A receiver's failure is its own: the article is stored whatever happens.

`article_text_changed` is sent once the transaction that changed a stored article's text has
committed (allowed while no claim points into it): what the apps above read from the old text
(suggestions: passages, figures, pairs) no longer holds, and is read again.

`article_date_changed` is sent once the transaction that changed a stored article's publication
date (and not its text) has committed: what was read against the old date ("yesterday", "on
4 March" without a year) no longer holds either.
"""

from django.dispatch import Signal

#: Sent with `article` (the stored Article).
article_added = Signal()

#: Sent with `article` (the stored Article, its new text saved).
article_text_changed = Signal()

#: Sent with `article` (the stored Article, its new publication date saved).
article_date_changed = Signal()
