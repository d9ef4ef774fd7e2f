"""What the apps above articles hear about it.

`article_added` is sent once the transaction that stored a new article has committed (an
upload, a pasted text, an import, the admin, the demo): the apps above may read it, e.g. to
suggest its claims. A receiver's failure is its own: the article is stored whatever happens.
"""

from django.dispatch import Signal

#: Sent with `article` (the stored Article).
article_added = Signal()
