from django import forms

from discussion.models import BODY_MAX_LENGTH


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Name a teammate as @username: it shows under their Discussion › For you, marked new. "
            "Ctrl+Enter posts."
        ),
    )
