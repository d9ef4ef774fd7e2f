"""Forms of the article pages: adding articles and correcting their details."""

from django import forms
from django.conf import settings

from articles import ingest
from articles.languages import LanguageField, LanguageInput
from articles.models import Article
from project.widgets import DatePicker
from sources.models import Source, SourceKind

ACCEPTED_FILES = ",".join(ingest.SUPPORTED_EXTENSIONS)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input. Each file is judged on its own by the ingestion service
    (so one bad file does not stop the others); here they are only collected."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        super().__init__(allow_empty_file=True, **kwargs)

    def clean(self, data, initial=None):
        clean_one = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        return [clean_one(file, initial) for file in files if file]


def outlet_choices():
    return Source.objects.filter(kind=SourceKind.MEDIA_OUTLET).only("id", "name").order_by("name")


class ArticleDetailsFields(forms.Form):
    """The details of an article that people set or correct; the text never changes here."""

    title = forms.CharField(max_length=500, required=False)
    outlet = forms.ModelChoiceField(
        queryset=outlet_choices(), required=False, empty_label="— none —"
    )
    author = forms.CharField(max_length=300, required=False)
    url = forms.URLField(max_length=2000, required=False, label="URL", assume_scheme="https")
    published_on = forms.DateField(required=False, label="Published on", widget=DatePicker)
    language = LanguageField(
        required=False, widget=LanguageInput, help_text="Its name or code: French, fr."
    )


class ArticleUploadForm(ArticleDetailsFields):
    """Files and/or pasted text, with details that apply to every article added; details left
    blank are taken from each file."""

    files = MultipleFileField(
        required=False,
        label="Files",
        help_text=(
            f".txt, .md, .html, .pdf or .docx, up to "
            f"{ingest.file_size(settings.ARTICLE_MAX_UPLOAD_BYTES)} each"
        ),
        widget=MultipleFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
    pasted_text = forms.CharField(
        required=False,
        strip=False,
        label="Or paste the text",
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    field_order = ["files", "pasted_text"]

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        pasted = (cleaned.get("pasted_text") or "").strip()
        if not files and not pasted and "files" not in self.errors:
            raise forms.ValidationError(
                "Choose at least one file, or paste the article's text.", code="nothing"
            )
        if cleaned.get("title") and len(files) + bool(pasted) > 1:
            self.add_error(
                "title",
                forms.ValidationError(
                    "A title fits one article. Leave it blank when adding several: each "
                    "takes its own from its file.",
                    code="title_for_many",
                ),
            )
        return cleaned

    def details(self) -> dict:
        """The details given, blank ones left out so that each file's own apply."""
        return {
            name: self.cleaned_data[name]
            for name in ArticleDetailsFields.base_fields
            if self.cleaned_data.get(name)
        }


class ArticleDetailsForm(forms.ModelForm):
    """Correct the details of a stored article."""

    class Meta:
        model = Article
        fields = ["title", "outlet", "author", "url", "published_on", "language"]
        labels = {"url": "URL", "published_on": "Published on"}
        widgets = {
            "published_on": DatePicker,
            "language": LanguageInput,
        }
        field_classes = {"language": LanguageField}
        help_texts = {"language": "Its name or code: French, fr."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outlet"].queryset = outlet_choices()
        self.fields["outlet"].empty_label = "— none —"
