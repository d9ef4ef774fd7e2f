"""Bad and hostile uploads: each gets a clear message on the page (never a 500), and nothing is
saved: no article, no stored file. The same files through the API are 400 with the message."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.models import Article
from tests.articles.conftest import make_docx_bomb, make_scanned_pdf, upload

pytestmark = pytest.mark.django_db

UPLOAD = reverse("articles:upload")
MB = 1024 * 1024

REFUSED = {
    "over the size limit": (
        "huge.txt",
        lambda: b"a" * (5 * MB + 1),
        "The file is 5.1 MB, over the limit of 5 MB. Split it into smaller files, or paste only "
        "the part you need.",
    ),
    "empty file": ("empty.txt", lambda: b"", "The file is empty."),
    "binary named .txt": (
        "photo.txt",
        lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "The file holds binary data, not text. Check that it is the file you meant, or "
        "convert it to plain text first.",
    ),
    "unknown extension": (
        "tool.exe",
        lambda: b"MZ\x90\x00",
        "Files ending in .exe cannot be imported. Upload .txt, .md, .html, .pdf or .docx files.",
    ),
    "malformed PDF": (
        "broken.pdf",
        lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R",
        "The PDF is damaged and cannot be read. Open it and save it again as PDF, or paste its "
        "text.",
    ),
    "scanned PDF": (
        "scan.pdf",
        make_scanned_pdf,
        "Scanned PDF, no text: this PDF has no text layer, only images of pages. Run it through "
        "text recognition (OCR) first, or paste the text.",
    ),
    "malformed DOCX": (
        "broken.docx",
        lambda: b"PK\x03\x04\x14\x00\x00\x00 truncated archive",
        "The DOCX file is damaged and cannot be read. Open it in Word or LibreOffice, save it "
        "again as .docx, and upload it once more.",
    ),
    "DOCX zip bomb": (
        "bomb.docx",
        lambda: make_docx_bomb(60 * MB),
        "The DOCX file unpacks to more than 50 MB, far more than any article needs, so it was "
        "refused as unsafe. Save the document again without large embedded files.",
    ),
    "invalid UTF-8 sequences": (
        "mixed.txt",
        lambda: "Grüße aus Köln, ".encode() + b"\xff\xfe\xfd broken",
        "The file is not valid UTF-8: the bytes at position 19 are not part of any character. "
        "Save it again as UTF-8 and upload it once more.",
    ),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_upload_says_why_and_saves_nothing(client, analyst, media, stored_files, case):
    name, content, message = REFUSED[case]
    client.force_login(analyst)

    response = client.post(UPLOAD, {"files": [upload(name, content())]})

    assert response.status_code == 200
    body = response.content.decode()
    assert f"<strong>Not added</strong>: {escape(message)}" in body
    assert "0 of 1 added" in body
    assert Article.objects.count() == 0
    assert stored_files() == []


@pytest.mark.parametrize("case", REFUSED)
def test_refused_upload_through_the_api_is_400_with_the_message(
    analyst_client, media, stored_files, case
):
    name, content, message = REFUSED[case]

    response = analyst_client.post(
        "/api/articles/", {"file": upload(name, content())}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json() == {"file": [message]}
    assert Article.objects.count() == 0
    assert stored_files() == []


def test_size_limit_follows_the_setting(client, analyst, media, stored_files, settings):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 2 * MB
    client.force_login(analyst)
    response = client.post(UPLOAD, {"files": [upload("big.txt", b"word " * (MB // 2))]})
    assert "The file is 2.5 MB, over the limit of 2 MB." in response.content.decode()
    assert stored_files() == []


def test_html_full_of_scripts_and_event_handlers_keeps_only_the_text(client, analyst, media):
    page = b"""<html><head><script>alert('head')</script>
    <style>p { color: red }</style></head>
    <body onload="steal()">
    <p onclick="evil()">Forty convoys crossed the river at night, officials said today.</p>
    <script>document.write('injected')</script><noscript>Enable scripts</noscript>
    <img src="x" onerror="alert('img')">
    <p>Residents heard engines <a href="javascript:alert('link')">until dawn</a>.</p>
    <iframe srcdoc="<script>alert('frame')</script>framed"></iframe>
    <svg><script>alert('svg')</script></svg><template><p>hidden template</p></template>
    <object data="x.swf">object text</object>
    </body></html>"""
    client.force_login(analyst)

    client.post(UPLOAD, {"files": [upload("hostile.html", page)]})

    article = Article.objects.get()
    assert article.text == (
        "Forty convoys crossed the river at night, officials said today.\n\n"
        "Residents heard engines until dawn."
    )


def test_a_1_mb_single_line_is_added_with_a_short_title(client, analyst, media):
    line = b"convoy " * 150_000
    client.force_login(analyst)

    response = client.post(UPLOAD, {"files": [upload("one-line.txt", line)]}, follow=True)

    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == reverse("articles:edit", args=[article.pk])
    assert len(article.text) == len(line) - 1
    assert len(article.title) <= 120
    assert article.title.endswith("…")


def test_pasted_text_over_the_limit_is_refused(client, analyst, settings):
    settings.ARTICLE_MAX_UPLOAD_BYTES = 1000
    client.force_login(analyst)
    response = client.post(UPLOAD, {"pasted_text": "word " * 400})
    assert "The text is 2 KB, over the limit of 1 KB." in response.content.decode()
    assert not Article.objects.exists()
