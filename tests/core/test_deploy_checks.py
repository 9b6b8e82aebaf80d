import pytest

from vernetzt.core.checks import base_url_is_public


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "https://localhost", "http://vernetzt.example.de", ""]
)
def test_a_base_url_people_cannot_reach_is_reported(settings, url):
    settings.BASE_URL = url
    [warning] = base_url_is_public(None)
    assert warning.id == "vernetzt.W001"


def test_the_public_https_address_passes(settings):
    settings.BASE_URL = "https://vernetzt.example.de/"
    assert base_url_is_public(None) == []
