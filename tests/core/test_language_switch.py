"""The language switch works without a CSRF token (so public pages carry none) and still
redirects only within the site."""

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict_client():
    return Client(enforce_csrf_checks=True)


def test_switching_the_language_needs_no_token(strict_client):
    response = strict_client.post("/i18n/setlang/", {"language": "ar", "next": "/verzeichnis/"})
    assert response.status_code == 302
    assert response["Location"] == "/verzeichnis/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = strict_client.get("/verzeichnis/").content.decode()
    assert '<html lang="ar" dir="rtl"' in page


def test_it_never_redirects_to_another_site(strict_client):
    response = strict_client.post(
        "/i18n/setlang/", {"language": "tr", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_an_unknown_language_changes_nothing(strict_client):
    response = strict_client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_it_answers_only_post(strict_client):
    assert strict_client.get("/i18n/setlang/?language=ar").status_code == 405


def test_each_language_marks_itself_in_the_switch_although_it_is_cached(client):
    """The switch's options and the footer are cached per language (``{% cache %}``)."""
    german = client.get("/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    arabic = client.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'value="de" lang="de" selected' in german
    assert 'value="ar" lang="ar" selected' in arabic
    assert 'value="de" lang="de" selected' not in arabic
    assert "Impressum" in german and "Impressum" not in arabic


def test_russian_is_offered_and_pages_render_in_it(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="ru" dir="ltr"' in page
    assert 'value="ru" lang="ru" selected' in page
    assert "Поиск в справочнике" in page  # "Search the directory", from the ru catalogue
