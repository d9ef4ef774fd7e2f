"""Getting into the API: tokens, refusals without credentials, and the OpenAPI schema (the API
glue of project/urls.py and project/api.py, shared by every app's endpoints), and what a
script gets when the server fails."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, ClaimFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"

LIST_ENDPOINTS = ["/api/articles/", "/api/sources/", "/api/claims/", "/api/links/", "/api/tags/"]


def test_token_endpoint_returns_a_token(analyst):
    response = APIClient().post(
        TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=analyst).key}


def test_token_authenticates_requests(analyst):
    token = (
        APIClient()
        .post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")
        .json()["token"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = client.get("/api/claims/")
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_token_is_the_same_on_a_second_request(analyst):
    def fetch() -> str:
        return (
            APIClient()
            .post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")
            .json()["token"]
        )

    assert fetch() == fetch()


def test_wrong_password_is_a_400_with_a_message(analyst):
    response = APIClient().post(
        TOKEN_URL, {"username": "alice", "password": "not-the-password"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert not Token.objects.exists()


def test_missing_password_is_a_400_naming_the_field(analyst):
    response = APIClient().post(TOKEN_URL, {"username": "alice"}, format="json")
    assert response.status_code == 400
    assert response.json()["password"]


@pytest.mark.parametrize("url", LIST_ENDPOINTS)
def test_no_credentials_is_a_401_json(url):
    response = APIClient().get(url)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


def test_no_credentials_cannot_create(article):
    response = APIClient().post("/api/sources/", {"name": "Anonymous attempt"}, format="json")
    assert response.status_code == 401


def test_unknown_token_is_a_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0123456789abcdef0123456789abcdef01234567")
    response = client.get("/api/claims/")
    assert response.status_code == 401
    assert response.json()["detail"]


def _log_in_through_the_page(client: APIClient) -> None:
    """As the browser does (the throttled login checks passwords only with a request)."""
    response = client.post("/accounts/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302


def test_session_login_works_for_the_browser(analyst):
    client = APIClient()
    _log_in_through_the_page(client)
    assert client.get("/api/articles/").status_code == 200


def test_session_post_without_csrf_token_is_refused(analyst):
    client = APIClient()
    _log_in_through_the_page(client)
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/sources/", {"name": "No CSRF"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"]


# --- Schema ------------------------------------------------------------------------------------


def test_schema_requires_login_and_says_so_in_json():
    response = APIClient().get("/api/schema/")

    # Its YAML renderer wrote the refusal as "detail:\n  string: ...\n  code: ...".
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_schema_is_an_openapi_3_document(analyst_client):
    response = analyst_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


@pytest.mark.parametrize(
    "path",
    [
        "/api/auth/token/",
        "/api/articles/",
        "/api/articles/{id}/",
        "/api/sources/",
        "/api/sources/{id}/merge/",
        "/api/claims/",
        "/api/claims/{id}/",
        "/api/claims/{id}/submit/",
        "/api/claims/{id}/approve/",
        "/api/claims/{id}/reject/",
        "/api/links/",
        "/api/links/{id}/",
        "/api/tags/",
    ],
)
def test_schema_lists_endpoint(analyst_client, path):
    paths = analyst_client.get("/api/schema/", {"format": "json"}).json()["paths"]
    assert path in paths


def test_schema_documents_claim_filters(analyst_client):
    paths = analyst_client.get("/api/schema/", {"format": "json"}).json()["paths"]
    names = {parameter["name"] for parameter in paths["/api/claims/"]["get"]["parameters"]}
    expected = {"article", "source", "status", "credibility", "reliability", "tag", "created_by"}
    assert expected | {"q", "page", "page_size"} <= names


def test_an_unexpected_failure_on_the_api_is_json_not_a_page(analyst, monkeypatch):
    def broken(*args):
        raise RuntimeError("a bug")

    monkeypatch.setattr("claims.selectors.claim_list", broken)  # the page's list
    monkeypatch.setattr("claims.api.views.claim_rows", broken)  # the API's
    client = Client(raise_request_exception=False)
    client.force_login(analyst)

    api = client.get("/api/claims/")
    page = client.get("/claims/")

    assert api.status_code == 500
    assert api["Content-Type"] == "application/json"
    assert "tell an admin" in api.json()["detail"]
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")


def test_a_body_over_the_size_limit_gets_a_sentence_not_a_bare_page(
    analyst, analyst_client, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
    body = {"title": "Huge", "text": "word " * 600_000}

    api = analyst_client.post("/api/articles/", body, format="json")
    client = Client(raise_request_exception=False)
    client.force_login(analyst)
    page = client.post("/articles/upload/", {"pasted_text": "word " * 600_000})

    assert api.status_code == 400
    assert "larger than the 2 MB this server reads at once" in api.json()["detail"]
    assert page.status_code == 400
    assert "larger than the 2 MB this server reads at once" in page.content.decode()
    assert "Back to the dashboard" in page.content.decode()
    # What an article is told, not how to import a claim set.
    for answer in (api.json()["detail"], page.content.decode()):
        assert "split it into parts" in answer and "import_claims" not in answer


# --- Pagination: the count is read only when the first page is full (issue 17) ---------------


@pytest.fixture
def three_sources(db):
    from tests.factories import SourceFactory

    return SourceFactory.create_batch(3)


def test_a_first_page_that_is_not_full_is_counted_without_a_count_query(
    analyst_client, three_sources, count_queries
):
    queries = count_queries(analyst_client, "/api/sources/", {"page_size": 50})

    body = count_queries.response.json()
    assert (body["count"], len(body["results"]), body["next"]) == (3, 3, None)
    full = count_queries(analyst_client, "/api/sources/", {"page_size": 2})
    assert full == queries + 1  # COUNT
    body = count_queries.response.json()
    assert (body["count"], len(body["results"])) == (3, 2)
    assert "page=2" in body["next"]


def test_later_pages_are_counted_as_before(analyst_client, three_sources):
    body = analyst_client.get("/api/sources/", {"page_size": 2, "page": 2}).json()

    assert (body["count"], len(body["results"]), body["next"]) == (3, 1, None)
    assert body["previous"] is not None
    last = analyst_client.get("/api/sources/", {"page_size": 2, "page": "last"}).json()
    assert last["results"] == body["results"]
    assert analyst_client.get("/api/sources/", {"page_size": 2, "page": 3}).status_code == 404


def test_an_empty_list_is_one_empty_page(analyst_client, db):
    body = analyst_client.get("/api/sources/").json()

    assert (body["count"], body["results"], body["next"]) == (0, [], None)


# --- A lone surrogate in a JSON body ------------------------------------------------------------
# JSON may spell a UTF-16 surrogate on its own ("\ud800"); Python holds it, UTF-8 cannot. Refusals
# that quoted it back ("… is not a valid choice") could not be written: a server error.

LONE_SURROGATE = '"\\ud800"'


@pytest.mark.parametrize(
    "url, field",
    [
        ("/api/claims/", "credibility"),
        ("/api/sources/", "reliability"),
        ("/api/links/", "kind"),
        ("/api/export/job/", "status"),
    ],
)
def test_a_lone_surrogate_in_a_choice_is_refused_with_400_naming_the_field(
    analyst_client, url, field
):
    response = analyst_client.post(
        url, f'{{"{field}": {LONE_SURROGATE}}}', content_type="application/json"
    )

    assert response.status_code == 400
    assert "\ufffd" in " ".join(map(str, response.json()[field]))


@pytest.mark.parametrize("username", [LONE_SURROGATE, '"ada\\u0000"'])
def test_the_token_endpoint_refuses_a_username_no_account_can_hold_with_400(db, username):
    response = APIClient().post(
        TOKEN_URL,
        f'{{"username": {username}, "password": "x"}}',
        content_type="application/json",
    )

    assert response.status_code == 400
    assert "username" in response.json()


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("patch", "/api/claims/1/", {"statement": "x"}),  # no version: a 400 for a writer
        ("post", "/api/sources/", {"name": "Valley Watch", "kind": "nonsense"}),
        ("post", "/api/sources/1/merge/", {}),
    ],
)
def test_a_person_without_a_role_is_refused_before_the_body_is_read(api_client, method, url, body):
    observer = UserFactory(username="observer")

    response = getattr(api_client(observer), method)(url, body, format="json")

    assert response.status_code == 403
    assert "needs the analyst or reviewer role" in response.json()["detail"]


def test_an_analyst_is_refused_a_merge_before_the_body_is_read(api_client, analyst):
    response = api_client(analyst).post("/api/sources/1/merge/", {}, format="json")

    assert response.status_code == 403


def test_a_write_to_an_address_without_its_final_slash_is_sent_on_not_dropped(analyst, article):
    source = SourceFactory()
    # Django's 301 was followed with a GET by every client: "200 OK", the list, nothing saved.
    client = APIClient()
    client.force_authenticate(user=analyst)
    body = {
        "article": article.pk,
        "start": 0,
        "end": 10,
        "quote": article.text[:10],
        "source": source.pk,
    }

    moved = client.post("/api/claims", body, format="json")
    followed = client.post("/api/claims", body, format="json", follow=True)

    assert moved.status_code == 308
    assert moved["Location"] == "/api/claims/"
    assert moved.json() == {"detail": "This address ends with a slash: /api/claims/"}
    assert followed.status_code == 201
    assert followed.json()["quote"] == article.text[:10]


@pytest.mark.parametrize("sent", ["0000deadbeef", "expired"])
def test_a_new_token_is_handed_out_whatever_old_token_the_script_still_sends(analyst, sent):
    # The 401 of an expired token says "POST your username and password to /api/auth/token/";
    # a script that did so still sending the old header got the same 401 again, for ever.
    old = Token.objects.create(user=analyst).key if sent == "expired" else sent
    Token.objects.filter(key=old).update(created="2000-01-01T00:00:00Z")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")

    response = client.post(TOKEN_URL, {"username": "alice", "password": PASSWORD}, format="json")

    assert response.status_code == 200
    assert response.json()["token"] != old


def test_the_schema_says_what_the_server_refuses(analyst_client):
    # Generated clients could not know that a decision on a claim changed since is a 409, that a
    # rejection needs a note, that a link's decision needs its status and version, nor that
    # the token endpoint takes no token.
    schema = analyst_client.get("/api/schema/", {"format": "json"}).json()
    paths, components = schema["paths"], schema["components"]["schemas"]

    for path in ("/api/claims/{id}/approve/", "/api/claims/{id}/reject/", "/api/articles/{id}/"):
        operation = paths[path]["post" if "claims" in path else "patch"]
        assert "409" in operation["responses"], path
    assert "409" in paths["/api/sources/"]["post"]["responses"]
    assert "409" in paths["/api/sources/{id}/merge/"]["post"]["responses"]
    assert "note" in components["ClaimRejectRequest"]["required"]
    assert {"status", "version"} <= set(components["PatchedLinkStatusRequest"]["required"])
    assert not schema.get("security")  # no requirement for the whole API…
    assert paths["/api/auth/token/"]["post"].get("security", [{}]) in ([], [{}])  # …nor here


def test_a_rejection_without_a_note_says_why_it_needs_one(reviewer_client, article):
    claim = ClaimFactory(article=article, status="submitted")

    response = reviewer_client.post(f"/api/claims/{claim.pk}/reject/", {}, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "note": ["Say why the claim is rejected, so its author can rework it."]
    }


def test_the_schema_types_the_parameters_as_the_server_reads_them(analyst_client):
    paths = analyst_client.get("/api/schema/", {"format": "json"}).json()["paths"]

    def parameter(path: str, name: str) -> dict:
        return next(p for p in paths[path]["get"]["parameters"] if p["name"] == name)

    assert parameter("/api/tags/", "q")["schema"]["type"] == "string"
    assert parameter("/api/links/", "claim")["schema"]["type"] == "integer"  # "1.5" is refused
    assert parameter("/api/suggestions/", "article")["schema"]["type"] == "integer"
    assert parameter("/api/claims/", "page_size")["schema"]["maximum"] == 500


def test_a_tag_in_any_alphabet_fits_the_schema_of_tags(analyst_client):
    schema = analyst_client.get("/api/schema/", {"format": "json"}).json()
    name = schema["components"]["schemas"]["Tag"]["properties"]["name"]
    assert "pattern" not in name  # `^[-\w]+$` is ASCII to a JSON Schema: "übersicht" broke it


def test_the_exports_filters_are_typed_as_the_claim_lists(analyst_client):
    # They were all plain strings: the same filters as /api/claims/, typed there.
    paths = analyst_client.get("/api/schema/", {"format": "json"}).json()["paths"]
    types = {p["name"]: p["schema"] for p in paths["/api/export/"]["get"]["parameters"]}

    assert types["article"]["type"] == types["source"]["type"] == "integer"
    assert types["created_after"] == {"type": "string", "format": "date"}
    assert types["in_contradiction"]["type"] == "boolean"
    assert types["reliability"]["enum"] == ["A", "B", "C", "D", "E", "F"]


def test_a_signed_in_browser_cannot_be_made_to_post_passwords_from_another_site(analyst):
    # Without its CSRF check, any page a signed-in person opened could post wrong passwords
    # in their name, each counting towards a lockout of their address.
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(analyst)

    response = browser.post(TOKEN_URL, {"username": "alice", "password": "wrong"}, format="json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
