"""`manage.py import_articles`: files and folders, a summary, duplicates on a second run, a
non-zero exit when any file failed, and a dry run that stores nothing. Two tests import the real
articles of ../shared/corpus (the `corpus_articles` fixture) and are skipped, saying so, without
it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.ingest import extract
from articles.models import Article
from sources.models import Source, SourceKind
from tests.articles.conftest import make_docx, make_scanned_pdf
from tests.factories import OutletFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = io.StringIO()
    call_command("import_articles", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _run_failing(*args) -> tuple[str, CommandError]:
    out = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_articles", *map(str, args), stdout=out, stderr=io.StringIO())
    return out.getvalue(), caught.value


def _summary(output: str) -> dict[str, int]:
    rows = {}
    for line in output.splitlines():
        label, _, count = line.rpartition(" ")
        if label.strip() in {"Imported", "Would import", "Duplicates", "Failed", "Files"}:
            rows[label.strip()] = int(count)
    return rows


@pytest.fixture
def folder(tmp_path) -> Path:
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "one.txt").write_bytes(b"First synthetic story.\n\nBody one.")
    (tmp_path / "nested" / "two.md").write_bytes(b"# Second story\n\nBody two.")
    (tmp_path / "nested" / "deeper" / "three.docx").write_bytes(make_docx(["Third story."]))
    (tmp_path / ".hidden.txt").write_bytes(b"Never imported.")
    return tmp_path


@pytest.fixture
def admin_user(staff_user):
    return staff_user


def test_importing_the_shared_corpus_stores_every_article(admin_user, media, corpus_articles):
    # The articles only: the folder also holds the expert's notes (README.md, gold.json).
    files = corpus_articles

    output = _run(*files)

    assert _summary(output) == {
        "Imported": len(files),
        "Duplicates": 0,
        "Failed": 0,
        "Files": len(files),
    }
    by_name = {article.original_filename: article for article in Article.objects.all()}
    assert sorted(by_name) == [path.name for path in files]
    for path in files:
        article = by_name[path.name]
        extracted = extract(filename=path.name, data=path.read_bytes()).text
        first_line = extracted.split("\n", 1)[0].strip()
        assert article.title == first_line or (
            article.title.endswith("…") and first_line.startswith(article.title[:-1])
        )
        # A heading line became the title and left the text; a first sentence stays in it.
        heading = not first_line.endswith((".", "!", "?"))
        assert article.text == (extracted.split("\n", 1)[1].lstrip("\n") if heading else extracted)
        assert article.language == "en"
        assert article.uploaded_by == admin_user
        assert article.original_file.read() == path.read_bytes()


def test_importing_the_corpus_twice_reports_every_file_as_a_duplicate(
    admin_user, media, corpus_articles
):
    files = corpus_articles
    _run(*files)
    first_ids = {a.original_filename: a.pk for a in Article.objects.all()}

    output = _run(*files)

    assert _summary(output) == {
        "Imported": 0,
        "Duplicates": len(first_ids),
        "Failed": 0,
        "Files": len(first_ids),
    }
    for name, pk in first_ids.items():
        assert f"same text as article {pk} " in output, name
    assert Article.objects.count() == len(first_ids)


def test_folders_are_searched_recursively_skipping_hidden_files(admin_user, media, folder):
    output = _run(folder)
    assert _summary(output)["Imported"] == 3
    assert sorted(Article.objects.values_list("original_filename", flat=True)) == [
        "one.txt",
        "three.docx",
        "two.md",
    ]


def test_files_can_be_named_one_by_one(admin_user, media, folder):
    _run(folder / "one.txt", folder / "nested" / "two.md")
    assert Article.objects.count() == 2


def test_failed_files_are_listed_with_the_reason_and_the_exit_status_is_non_zero(
    admin_user, media, folder
):
    (folder / "scan.pdf").write_bytes(make_scanned_pdf())
    (folder / "empty.txt").write_bytes(b"")

    output, error = _run_failing(folder)

    assert error.returncode == 1
    assert str(error) == "2 of 5 files failed: see above."
    assert _summary(output) == {"Imported": 3, "Duplicates": 0, "Failed": 2, "Files": 5}
    lines = {line.split()[0]: line for line in output.splitlines() if line.startswith(str(folder))}
    assert "failed" in lines[str(folder / "empty.txt")]
    assert lines[str(folder / "empty.txt")].endswith("The file is empty.")
    assert "Scanned PDF, no text" in lines[str(folder / "scan.pdf")]


def test_duplicates_within_one_run_are_reported(admin_user, media, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"Same words.")
    (tmp_path / "b.txt").write_bytes(b"Same words.\r\n")
    output = _run(tmp_path)
    assert _summary(output)["Duplicates"] == 1
    assert Article.objects.count() == 1


def test_dry_run_stores_nothing_and_says_what_would_happen(admin_user, media, folder):
    (folder / "copy.txt").write_bytes(b"First synthetic story.\r\n\r\nBody one.")
    output = _run(folder, "--dry-run", "--outlet", "Brand New Gazette")
    assert _summary(output) == {"Would import": 3, "Duplicates": 1, "Failed": 0, "Files": 4}
    assert "Dry run: nothing was stored." in output
    assert "The outlet “Brand New Gazette” would be created." in output
    assert not Article.objects.exists()
    assert not Source.objects.exists()
    assert not media.exists() or not any(media.rglob("*.*"))


def test_outlet_is_set_on_every_article_and_created_when_new(admin_user, media, folder):
    output = _run(folder, "--outlet", "Synthetic Wire")
    outlet = Source.objects.get(name="Synthetic Wire")
    assert outlet.kind == SourceKind.MEDIA_OUTLET
    assert "Created the media outlet “Synthetic Wire”." in output
    assert set(Article.objects.values_list("outlet", flat=True)) == {outlet.pk}


def test_existing_outlet_is_matched_ignoring_case(admin_user, media, folder):
    outlet = OutletFactory(name="Synthetic Wire")
    _run(folder, "--outlet", "synthetic wire")
    assert Source.objects.count() == 1
    assert set(Article.objects.values_list("outlet", flat=True)) == {outlet.pk}


def test_outlet_that_is_not_a_media_outlet_stops_the_import(admin_user, media, folder):
    SourceFactory(name="Ministry of Examples", kind=SourceKind.GOVERNMENT)
    _, error = _run_failing(folder, "--outlet", "Ministry of Examples")
    assert "is a source of kind government, not a media outlet" in str(error)
    assert not Article.objects.exists()


def test_uploader_can_be_named(analyst, media, folder):
    _run(folder, "--user", analyst.username)
    assert set(Article.objects.values_list("uploaded_by", flat=True)) == {analyst.pk}


def test_an_empty_uploader_name_is_refused_not_taken_for_the_default(admin_user, media, folder):
    _, error = _run_failing(folder, "--user", "")
    assert str(error) == "There is no active user named “”."
    assert not Article.objects.exists()


def test_uploader_without_a_role_is_refused(no_role_user, media, folder):
    _, error = _run_failing(folder, "--user", no_role_user.username)
    assert "may not add articles" in str(error)


def test_without_a_superuser_the_uploader_must_be_named(analyst, media, folder):
    _, error = _run_failing(folder)
    assert str(error) == "Name the uploader with --user: there is no superuser."


def test_missing_path_is_an_error(admin_user, tmp_path):
    _, error = _run_failing(tmp_path / "nowhere")
    assert str(error) == f"There is no file or folder at {tmp_path / 'nowhere'}."


def test_verbosity_2_lists_the_imported_files_too(admin_user, media, folder):
    output = _run(folder, "--verbosity", "2")
    assert sum(" imported " in line for line in output.splitlines()) == 3
