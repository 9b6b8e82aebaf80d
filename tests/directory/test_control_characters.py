"""Control characters in addresses never reach the database: PostgreSQL refuses NUL in text,
which once made a filter value with %00 a server error (found by the API's property test)."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations/a%00b/",
        "/api/v1/organisations/?q=a%00b&district=x%00",
        "/verzeichnis/?q=a%00&district=x%00&field=%1E",
        "/verzeichnis/?page=%00",
        "/oparl/v1/paper/?modified_since=%00",
    ],
)
def test_a_nul_or_control_character_is_no_server_error(client, url):
    assert client.get(url).status_code < 500
