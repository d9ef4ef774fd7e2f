"""The upload page, the details form after it, and the original file download."""

import pytest
from django.urls import get_resolver, reverse

from articles.models import Article
from tests.articles.conftest import make_docx, make_pdf, upload
from tests.factories import ArticleFactory, OutletFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("articles:upload")
STORY = b"Convoys cross the river\n\nOfficials said forty convoys crossed at night."


def _post(client, **fields):
    return client.post(UPLOAD, fields, follow=True)


# --- Who may upload ----------------------------------------------------------------------------


def test_articles_page_shows_add_articles_to_analysts(client, analyst):
    client.force_login(analyst)
    body = client.get(reverse("articles:list")).content.decode()
    assert f'href="{UPLOAD}"' in body
    assert "Add articles" in body


def test_articles_page_hides_add_articles_from_users_without_a_role(client, no_role_user):
    client.force_login(no_role_user)
    assert "Add articles" not in client.get(reverse("articles:list")).content.decode()


def test_reviewer_may_open_the_upload_page(client, reviewer):
    client.force_login(reviewer)
    assert client.get(UPLOAD).status_code == 200


def test_user_without_a_role_cannot_upload(client, no_role_user, media, stored_files):
    client.force_login(no_role_user)
    response = client.post(UPLOAD, {"files": [upload("a.txt", STORY)]})
    assert response.status_code == 403
    assert not Article.objects.exists()
    assert stored_files() == []


def test_upload_page_works_without_javascript_as_a_plain_form(client, analyst):
    client.force_login(analyst)
    body = client.get(UPLOAD).content.decode()
    assert 'enctype="multipart/form-data"' in body
    assert 'type="file" name="files"' in body
    assert "multiple" in body
    assert 'name="pasted_text"' in body


# --- One file ----------------------------------------------------------------------------------


def test_one_file_becomes_an_article_and_opens_its_details(client, analyst, media):
    client.force_login(analyst)
    response = _post(client, files=[upload("convoys.txt", STORY)])
    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == reverse("articles:edit", args=[article.pk])
    assert article.text == "Officials said forty convoys crossed at night."  # title line out
    assert (article.title, article.original_filename, article.uploaded_by) == (
        "Convoys cross the river",
        "convoys.txt",
        analyst,
    )
    assert "Added “Convoys cross the river”. Check its details." in response.content.decode()


def test_details_form_is_prefilled_from_the_file(client, analyst, media):
    client.force_login(analyst)
    page = make_pdf(["Forty convoys crossed."], title="Field report", author="Field office")
    response = _post(client, files=[upload("report.pdf", page)])
    form = response.context["form"]
    assert (form["title"].value(), form["author"].value(), form["language"].value()) == (
        "Field report",
        "Field office",
        "en",
    )


def test_html_site_name_picks_an_existing_outlet(client, analyst, media):
    outlet = OutletFactory(name="Synthetic Gazette")
    page = (
        b'<html><head><meta property="og:site_name" content="synthetic gazette"></head>'
        b"<body><p>Forty convoys crossed the river at night, officials said.</p></body></html>"
    )
    client.force_login(analyst)
    _post(client, files=[upload("page.html", page)])
    assert Article.objects.get().outlet == outlet


def test_details_given_on_the_form_win_over_the_file(client, analyst, media):
    outlet = OutletFactory()
    client.force_login(analyst)
    _post(
        client,
        files=[upload("report.docx", make_docx(["Body text."], title="From the file"))],
        title="Given title",
        outlet=outlet.pk,
        url="https://example.org/story",
        published_on="2024-02-29",
    )
    article = Article.objects.get()
    assert (article.title, article.outlet, article.url, str(article.published_on)) == (
        "Given title",
        outlet,
        "https://example.org/story",
        "2024-02-29",
    )


def test_pasted_text_becomes_an_article(client, analyst):
    client.force_login(analyst)
    _post(client, pasted_text="Pasted headline  \r\n\r\nPasted body.\r\n")
    article = Article.objects.get()
    assert (article.title, article.text, article.original_filename) == (
        "Pasted headline",
        "Pasted body.",
        "",
    )


def test_nothing_chosen_says_what_to_do(client, analyst):
    client.force_login(analyst)
    response = _post(client, title="Only a title")
    assert "Choose at least one file, or paste the article&#x27;s text." in (
        response.content.decode()
    )
    assert not Article.objects.exists()


# --- Several files -----------------------------------------------------------------------------


def test_several_files_are_added_and_listed(client, analyst, media):
    client.force_login(analyst)
    response = _post(
        client,
        files=[
            upload("one.txt", b"First story.\n\nBody one."),
            upload("two.md", b"# Second story\n\nBody two."),
            upload("three.docx", make_docx(["Third story.", "Body three."])),
        ],
    )
    assert Article.objects.count() == 3
    assert response.context["added"] == 3
    body = response.content.decode()
    assert "3 of 3 added" in body
    for title in ("First story.", "Second story", "Third story."):
        assert title in body


def test_one_bad_file_does_not_stop_the_others(client, analyst, media):
    client.force_login(analyst)
    response = _post(client, files=[upload("good.txt", b"A good story."), upload("empty.txt", b"")])
    assert list(Article.objects.values_list("title", flat=True)) == ["A good story."]
    body = response.content.decode()
    assert "1 of 2 added" in body
    assert "<strong>Not added</strong>: The file is empty." in body


def test_a_title_for_several_files_is_refused(client, analyst, media):
    client.force_login(analyst)
    response = _post(
        client, files=[upload("a.txt", b"One."), upload("b.txt", b"Two.")], title="Same"
    )
    assert response.context["form"].errors["title"] == [
        "A title fits one article. Leave it blank when adding several: each takes its own "
        "from its file."
    ]
    assert not Article.objects.exists()


# --- Duplicates and same URL -------------------------------------------------------------------


def test_same_text_again_is_refused_with_a_link_to_the_first(client, analyst, media, stored_files):
    # Stored with its title line, as articles were before the title left the text: still found.
    first = ArticleFactory(text=STORY.decode(), title="The first copy")
    client.force_login(analyst)
    response = _post(client, files=[upload("again.txt", STORY.replace(b"\n", b"\r\n") + b"  ")])
    body = response.content.decode()
    assert f'this text is stored as <a href="{first.get_absolute_url()}">The first copy</a>' in (
        body
    )
    assert Article.objects.count() == 1
    assert stored_files() == []


def test_same_url_again_is_added_with_a_warning_and_a_link(client, analyst, media):
    first = ArticleFactory(url="https://example.org/story/", title="Earlier story")
    client.force_login(analyst)
    response = _post(
        client, files=[upload("new.txt", b"A different text.")], url="https://example.org/story"
    )
    assert Article.objects.count() == 2
    assert (
        f'Another article has the same URL: <a href="{first.get_absolute_url()}">Earlier story</a>'
        in response.content.decode()
    )


def test_same_url_warning_escapes_the_other_title(client, analyst, media):
    ArticleFactory(url="https://example.org/x", title="<script>alert(1)</script>")
    client.force_login(analyst)
    response = _post(client, files=[upload("new.txt", b"Other text.")], url="https://example.org/x")
    body = response.content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


# --- Details page ------------------------------------------------------------------------------


def test_uploader_saves_corrected_details(client, analyst):
    article = ArticleFactory(uploaded_by=analyst)
    client.force_login(analyst)
    response = client.post(
        reverse("articles:edit", args=[article.pk]),
        {"title": "Corrected title", "author": "A. Writer", "language": "en"},
        follow=True,
    )
    article.refresh_from_db()
    assert (article.title, article.author) == ("Corrected title", "A. Writer")
    assert response.redirect_chain[-1][0] == article.get_absolute_url()
    assert "Details saved." in response.content.decode()


def test_invalid_details_are_shown_and_nothing_changes(client, analyst):
    article = ArticleFactory(uploaded_by=analyst, title="Kept")
    client.force_login(analyst)
    response = client.post(
        reverse("articles:edit", args=[article.pk]), {"title": "", "url": "not a url at all"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "url"}
    article.refresh_from_db()
    assert article.title == "Kept"


def test_another_analyst_cannot_change_the_details(client, analyst, analyst2):
    article = ArticleFactory(uploaded_by=analyst)
    client.force_login(analyst2)
    assert client.get(reverse("articles:edit", args=[article.pk])).status_code == 403
    response = client.post(reverse("articles:edit", args=[article.pk]), {"title": "Mine"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title != "Mine"


def test_details_page_has_a_fixed_query_budget(client, analyst, django_assert_max_num_queries):
    article = ArticleFactory(uploaded_by=analyst, url="https://example.org/a")
    for _ in range(50):
        OutletFactory()
        ArticleFactory(url="https://example.org/a")
    client.force_login(analyst)
    # 8: with the navigation's two counts (claims waiting, comments new to the analyst).
    with django_assert_max_num_queries(8):
        response = client.get(reverse("articles:edit", args=[article.pk]))
    assert len(response.context["same_url"]) == 50


def test_upload_page_has_a_fixed_query_budget(client, analyst, django_assert_max_num_queries):
    for _ in range(50):
        OutletFactory()
    client.force_login(analyst)
    # 6: the page's 4, and the navigation's two counts: the analyst's claims waiting for them,
    # the comments new to them.
    with django_assert_max_num_queries(6):
        response = client.get(UPLOAD)
    assert response.status_code == 200


# --- The original file -------------------------------------------------------------------------


def test_original_file_downloads_for_a_logged_in_user(client, analyst, reviewer, media):
    data = make_docx(["Original body."])
    client.force_login(analyst)
    _post(client, files=[upload("Brief (final).docx", data)])
    article = Article.objects.get()
    client.force_login(reviewer)
    response = client.get(reverse("articles:original", args=[article.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == data
    assert response["Content-Disposition"] == 'attachment; filename="Brief (final).docx"'


def test_original_file_is_stored_under_a_safe_name(client, analyst, media, stored_files):
    client.force_login(analyst)
    _post(client, files=[upload("../../etc/<evil> name.txt", b"Some text.")])
    (stored,) = stored_files()
    assert stored.startswith("originals/")
    assert stored.endswith("/evil-name.txt")
    assert Article.objects.get().original_filename == "<evil> name.txt"


def test_original_file_is_not_served_to_anonymous_visitors(client, analyst, media):
    client.force_login(analyst)
    _post(client, files=[upload("a.txt", b"Secret text.")])
    article = Article.objects.get()
    client.logout()
    response = client.get(reverse("articles:original", args=[article.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_no_url_serves_media_files_directly(settings):
    routes = [str(pattern.pattern) for pattern in get_resolver().url_patterns]
    assert not any(route.startswith(settings.MEDIA_URL.strip("/")) for route in routes)


def test_article_without_an_original_file_is_404(client, analyst):
    article = ArticleFactory()
    client.force_login(analyst)
    assert client.get(reverse("articles:original", args=[article.pk])).status_code == 404


def test_title_comes_from_the_first_line_with_visible_text(client, analyst):
    client.force_login(analyst)
    _post(client, pasted_text="\u00a0\nReal headline\n\nBody.")
    assert Article.objects.get().title == "Real headline"


def test_a_refused_edit_page_is_the_site_page_saying_why(client, analyst, reviewer):
    article = ArticleFactory(uploaded_by=analyst)
    client.force_login(reviewer)

    response = client.get(reverse("articles:edit", args=[article.pk]))

    body = response.content.decode()
    assert response.status_code == 403
    assert '<main id="main"' in body
    assert "Only the uploader or an admin can change an article" in body
    assert "Back to the dashboard" in body
