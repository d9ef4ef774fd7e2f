"""Each reader's time zone: the pages show times in the zone the reader chose, kept for their
next login; what the team counts together (the days lists are filtered on, the dashboard's
weeks, the API) stays in the site's zone."""

import datetime
from unittest import mock

import pytest
from django.urls import reverse

from claims.models import Claim
from project.models import Preferences
from project.time_zones import SESSION_KEY
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
#: 23:30 on Monday 2 March 2026 in UTC (the site's zone in the tests): 08:30 on Tuesday in Tokyo.
LATE_MONDAY = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=UTC)


def _recorded_at(moment: datetime.datetime, **extra) -> Claim:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        return ClaimFactory(**extra)


def _choose(client, name: str):
    return client.post(reverse("time-zone"), {"time_zone": name})


@pytest.fixture
def late_claim(analyst):
    return _recorded_at(LATE_MONDAY, created_by=analyst, article=ArticleFactory())


def test_a_reader_sees_times_in_the_zone_they_chose(client, analyst, late_claim):
    client.force_login(analyst)
    before = client.get(late_claim.get_absolute_url()).content.decode()

    answer = _choose(client, "Asia/Tokyo")
    after = client.get(late_claim.get_absolute_url()).content.decode()

    assert answer.status_code == 302
    assert "2 Mar 2026, 23:30 UTC" in before
    assert "3 Mar 2026, 08:30 JST" in after
    assert "Times in JST" in after


def test_the_choice_is_kept_for_the_next_login_and_is_the_readers_own(
    client, analyst, analyst2, late_claim
):
    client.force_login(analyst)
    _choose(client, "America/New_York")
    client.logout()

    client.force_login(analyst)
    own = client.get(late_claim.get_absolute_url()).content.decode()
    client.force_login(analyst2)
    other = client.get(late_claim.get_absolute_url()).content.decode()

    assert "2 Mar 2026, 18:30 EST" in own
    assert "2 Mar 2026, 23:30 UTC" in other


def test_the_site_zone_can_be_chosen_again(client, analyst, late_claim):
    client.force_login(analyst)
    _choose(client, "Asia/Tokyo")

    _choose(client, "")
    page = client.get(late_claim.get_absolute_url()).content.decode()

    assert "2 Mar 2026, 23:30 UTC" in page
    assert Preferences.objects.get(user=analyst).time_zone == ""


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "../../etc/passwd", "x" * 500, "UTC\x00"])
def test_a_zone_this_site_does_not_know_is_refused_in_words(client, analyst, name):
    client.force_login(analyst)
    _choose(client, "Asia/Tokyo")

    answer = _choose(client, name)

    assert answer.status_code == 200
    assert "is not a time zone this site knows" in answer.content.decode()
    assert Preferences.objects.get(user=analyst).time_zone == "Asia/Tokyo"
    assert client.session[SESSION_KEY] == "Asia/Tokyo"


def test_a_zone_the_machine_no_longer_knows_falls_back_to_the_sites(client, analyst, late_claim):
    Preferences.objects.create(user=analyst, time_zone="Gone/Away")
    client.force_login(analyst)

    page = client.get(late_claim.get_absolute_url())

    assert page.status_code == 200
    assert "2 Mar 2026, 23:30 UTC" in page.content.decode()


def test_the_page_offers_the_browsers_zone_and_shows_the_choice(client, analyst):
    client.force_login(analyst)
    _choose(client, "Europe/Paris")

    page = client.get(reverse("time-zone"))

    assert page.status_code == 200
    assert page.context["form"]["time_zone"].value() == "Europe/Paris"
    assert "data-use-browser-zone" in page.content.decode()


def test_the_api_answers_in_the_sites_zone_whoever_asks(client, analyst, late_claim):
    client.force_login(analyst)
    _choose(client, "Asia/Tokyo")

    row = client.get("/api/claims/", {"article": late_claim.article_id}).json()["results"][0]

    assert datetime.datetime.fromisoformat(row["created_at"]) == LATE_MONDAY
    assert datetime.datetime.fromisoformat(row["created_at"]).utcoffset() == datetime.timedelta(0)


@pytest.mark.parametrize("zone", ["", "Asia/Tokyo", "America/Los_Angeles"])
def test_the_lists_filter_on_the_sites_days_whatever_the_readers_zone(
    client, analyst, late_claim, zone
):
    client.force_login(analyst)
    _choose(client, zone)
    claims = reverse("claims:list")

    def shown(**days) -> list[int]:
        return [c.pk for c in client.get(claims, days).context["object_list"]]

    assert shown(created_after="2026-03-02", created_before="2026-03-02") == [late_claim.pk]
    assert shown(created_after="2026-03-03") == []
    assert shown(created_before="2026-03-01") == []


def test_the_first_and_last_days_there_are_filter_without_error(client, analyst, late_claim):
    client.force_login(analyst)

    page = client.get(
        reverse("claims:list"), {"created_after": "0001-01-01", "created_before": "9999-12-31"}
    )

    assert page.status_code == 200
    assert [c.pk for c in page.context["object_list"]] == [late_claim.pk]


def test_the_dashboards_weeks_are_the_sites_whatever_the_readers_zone(client, analyst):
    # Sunday noon in UTC is already Monday in Kiritimati (UTC+14): a new week there.
    sunday_noon = datetime.datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    article = ArticleFactory()
    for moment in (sunday_noon, sunday_noon - datetime.timedelta(days=3)):
        _recorded_at(moment, created_by=analyst, article=article)
    client.force_login(analyst)

    def activity():
        with mock.patch("django.utils.timezone.now", return_value=sunday_noon):
            chart = client.get(reverse("claims:dashboard")).context["activity_chart"]
        return chart.week_dates, [[c.value for c in row.columns] for row in chart.rows]

    in_utc = activity()
    _choose(client, "Pacific/Kiritimati")
    in_kiritimati = activity()

    assert in_utc[0][-1] == datetime.date(2026, 11, 23)
    assert in_utc[1] == [[0] * 11 + [2]]
    assert in_kiritimati == in_utc


def test_a_zone_costs_a_page_no_query(client, analyst, late_claim, count_queries):
    client.force_login(analyst)
    url = late_claim.get_absolute_url()
    count_queries(client, url)
    in_site_zone = count_queries(client, url)
    _choose(client, "Asia/Tokyo")
    count_queries(client, url)

    in_tokyo = count_queries(client, url)

    assert "JST" in count_queries.response.content.decode()
    assert in_tokyo == in_site_zone
