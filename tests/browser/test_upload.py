"""The upload page in Chromium: files dropped or picked are sent one by one, each with its own
result, and a single added article opens its details; what the server refuses (text already
stored, a bad field) or cannot be reached for is said in the row of the file or pasted text."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from articles.models import Article
from articles.services import article_create
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def upload_page(live_server, login, media):
    UserFactory(username="ada", groups=["analyst"])
    page = login("ada", PASSWORD)
    page.goto(f"{live_server.url}/articles/upload/")
    return page


def test_several_picked_files_each_show_their_result(upload_page):
    page = upload_page
    page.set_input_files(
        "input[name=files]",
        files=[
            {"name": "good.txt", "mimeType": "text/plain", "buffer": b"A good story.\n\nBody."},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
        ],
    )
    assert page.locator("#upload-queue li").count() == 2

    page.get_by_role("button", name="Add articles").click()

    summary = page.locator("#queue-summary")
    summary.wait_for()
    assert summary.inner_text() == "1 of 2 added"
    rows = page.locator("#upload-queue li")
    assert "Added" in rows.nth(0).inner_text()
    assert rows.nth(0).get_by_role("link", name="A good story.").is_visible()
    assert "Not added: The file is empty." in rows.nth(1).inner_text()
    assert list(Article.objects.values_list("title", flat=True)) == ["A good story."]


def test_a_dropped_file_is_added_and_its_details_open(upload_page):
    page = upload_page
    transfer = page.evaluate_handle(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["Dropped story\\n\\nBody <b>text</b>."], "dropped.txt",
                                        {type: "text/plain"}));
            return transfer;
        }"""
    )
    page.dispatch_event("#drop-zone", "drop", {"dataTransfer": transfer})
    assert "dropped.txt" in page.locator("#upload-queue").inner_text()

    page.get_by_role("button", name="Add articles").click()

    page.wait_for_url("**/edit/")
    assert page.get_by_role("heading", name="Check the details").is_visible()
    assert page.get_by_label("Title").input_value() == "Dropped story"
    assert Article.objects.get().text == "Body <b>text</b>."  # the title line became the title


def test_a_title_for_several_files_is_refused_before_sending(upload_page):
    page = upload_page
    page.set_input_files(
        "input[name=files]",
        files=[
            {"name": "a.txt", "mimeType": "text/plain", "buffer": b"One."},
            {"name": "b.txt", "mimeType": "text/plain", "buffer": b"Two."},
        ],
    )
    page.get_by_label("Title").fill("Same title")

    page.get_by_role("button", name="Add articles").click()

    assert page.get_by_role("alert").inner_text().startswith("A title fits one article.")
    assert not Article.objects.exists()


def test_text_already_stored_is_refused_in_its_row_for_a_file_and_for_pasted_text(upload_page):
    page = upload_page
    earlier = article_create(
        title="Known story",
        text="Known story.\n\nBody.",
        uploaded_by=get_user_model().objects.get(username="ada"),
    )
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "again.txt", "mimeType": "text/plain", "buffer": b"Known story.\n\nBody."}],
    )
    page.get_by_label("Or paste").fill("Known story.\n\nBody.")

    page.get_by_role("button", name="Add articles").click()

    summary = page.locator("#queue-summary")
    summary.wait_for()
    assert summary.inner_text() == "0 of 2 added"
    rows = page.locator("#upload-queue li")
    for row in (rows.nth(0), rows.nth(1)):
        assert (
            f"Already here: this text is stored as Known story (article {earlier.pk}). "
            "Nothing was added." in row.inner_text()
        )
        assert row.get_by_role("link", name="Known story").get_attribute("href") == (
            earlier.get_absolute_url()
        )
    assert Article.objects.count() == 1


def test_a_field_the_server_refuses_is_named_in_the_row(upload_page):
    page = upload_page
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "story.txt", "mimeType": "text/plain", "buffer": b"A story.\n\nBody."}],
    )
    page.get_by_label("URL", exact=True).fill("not a web address")

    page.get_by_role("button", name="Add articles").click()

    page.locator("#queue-summary").wait_for()
    row = page.locator("#upload-queue li").nth(0)
    assert "Not added: URL: Enter a valid URL." in row.inner_text()
    assert not Article.objects.exists()


def test_an_unreachable_server_is_said_so_and_the_form_can_be_sent_again(upload_page):
    page = upload_page
    page.route("**/api/articles/", lambda route: route.abort())
    page.get_by_label("Or paste").fill("A pasted story.\n\nBody.")

    page.get_by_role("button", name="Add articles").click()

    page.locator("#queue-summary").wait_for()
    assert page.locator("#queue-summary").inner_text() == "0 of 1 added"
    assert (
        "Not added: The server cannot be reached: check your connection and try again."
        in page.locator("#upload-queue li").nth(0).inner_text()
    )
    assert page.get_by_role("button", name="Add articles").is_enabled()
    assert page.get_by_label("Or paste").input_value() == "A pasted story.\n\nBody."


def test_saving_an_articles_details_keeps_its_publication_date(live_server, login, page):
    analyst = UserFactory(username="ada", groups=["analyst"])
    article = article_create(
        text="Observers counted forty trucks.",
        published_on=datetime.date(2026, 3, 6),
        uploaded_by=analyst,
    )
    login("ada", PASSWORD)
    page.goto(f"{live_server.url}/articles/{article.pk}/edit/")

    assert page.get_by_label("Published on").input_value() == "2026-03-06"
    page.get_by_label("Author").fill("A. Reporter")
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"**/articles/{article.pk}/**")
    article.refresh_from_db()
    assert (article.author, article.published_on) == ("A. Reporter", datetime.date(2026, 3, 6))


def test_a_paste_over_the_limit_is_refused_on_the_page_with_the_text_kept(upload_page):
    page = upload_page
    too_long = "word " * 1_300_000  # 6.5 MB: more than an article may be, or a request hold
    page.locator('[name="pasted_text"]').fill(too_long)

    page.locator("#upload-submit").click()

    expect(page.locator("#upload-form")).to_contain_text("over the limit of 5 MB for one article")
    assert len(page.locator('[name="pasted_text"]').input_value()) == len(too_long)


def test_removing_a_file_keeps_the_focus_in_the_queue(upload_page):
    page = upload_page
    page.set_input_files(
        "input[name=files]",
        files=[
            {"name": name, "mimeType": "text/plain", "buffer": b"Story.\n\nBody."}
            for name in ("one.txt", "two.txt")
        ],
    )

    page.get_by_role("button", name="Remove one.txt").focus()
    page.keyboard.press("Enter")
    # The next file's Remove button takes the place of the one that went.
    expect(page.get_by_role("button", name="Remove two.txt")).to_be_focused()

    page.keyboard.press("Enter")
    # The queue is empty and hidden: the file picker has the focus, not the page.
    expect(page.locator("#upload-queue")).to_be_hidden()
    expect(page.locator("input[name=files]")).to_be_focused()
