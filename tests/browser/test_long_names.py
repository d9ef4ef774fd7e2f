"""What analysts type, at its longest and in any script: a title, an outlet or a source name
of hundreds of characters without a space wraps instead of widening the page (on a desktop and
on a phone), and right-to-left text reads right to left."""

import pytest

from articles.services import article_create
from claims import services
from sources.models import Source
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
ARABIC = (
    "قالت وزارة الدفاع إن 4000 جندي عبروا النهر قبل منتصف الليل.\n\n"
    "وقالت منظمة الصحة العالمية WHO إن العدد ارتفع إلى 12000 في اليوم الثاني."
)


@pytest.fixture
def ada():
    return UserFactory(username="ada", groups=["analyst", "reviewer"])


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_long_names_without_spaces_wrap_on_every_page(live_server, page, login, ada, viewport):
    outlet = Source.objects.create(name="O" * 200, kind="media_outlet", reliability="B")
    source = Source.objects.create(name="S" * 200, kind="government", reliability="C")
    article = article_create(
        title="T" * 500,
        text="Observers counted twelve thousand soldiers near the river at dawn.",
        outlet=outlet,
        author="A" * 300,
        uploaded_by=ada,
    )
    services.claim_create(
        article=article, start=0, end=17, quote=article.text[:17], source=source, created_by=ada
    )
    page.set_viewport_size(viewport)
    login("ada", PASSWORD)

    for path in (
        "/articles/",
        f"/articles/{article.pk}/",
        f"/articles/{article.pk}/edit/",
        "/claims/",
        "/claims/mine/",
        "/sources/",
        f"/sources/{source.pk}/",
        "/contradictions/",
        "/",
    ):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (path, width)


def test_a_right_to_left_article_reads_right_to_left(live_server, page, login, ada):
    article = article_create(title="تقرير ميداني", text=ARABIC, language="ar", uploaded_by=ada)
    login("ada", PASSWORD)

    page.goto(f"{live_server.url}/articles/{article.pk}/")

    directions = page.evaluate(
        """() => [document.getElementById("article-title"),
                  ...document.querySelectorAll("#article-text p")]
                 .map((element) => getComputedStyle(element).direction)"""
    )
    assert directions == ["rtl", "rtl", "rtl"]
    # In the list, the title is set apart from the date beside it.
    page.goto(f"{live_server.url}/articles/")
    link = page.get_by_role("link", name="تقرير ميداني")
    assert link.evaluate("(element) => getComputedStyle(element).unicodeBidi") == "isolate"
