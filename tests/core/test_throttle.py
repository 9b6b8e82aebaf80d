"""The rate-limit helper on Django's cache framework."""

import pytest

from vernetzt.core import throttle


@pytest.fixture
def small_limit(settings):
    settings.THROTTLES = {**settings.THROTTLES, "test": (3, 3600)}


def test_requests_within_the_limit_pass_and_the_next_is_refused(small_limit):
    assert [throttle.allow("test", "198.51.100.7") for _ in range(4)] == [True, True, True, False]


def test_keys_and_scopes_count_separately(small_limit, settings):
    settings.THROTTLES["other"] = (1, 3600)
    for _ in range(3):
        throttle.allow("test", "198.51.100.7")
    assert throttle.allow("test", "203.0.113.1")
    assert throttle.allow("other", "198.51.100.7")


def test_a_new_window_starts_afresh(small_limit, monkeypatch):
    monkeypatch.setattr(throttle.time, "time", lambda: 7200.0)
    for _ in range(4):
        throttle.allow("test", "k")
    monkeypatch.setattr(throttle.time, "time", lambda: 10800.0)
    assert throttle.allow("test", "k")


def test_keys_are_not_stored_in_clear(small_limit):
    key = throttle._cache_key("test", "amira@example.org", 0)
    assert "amira" not in key and key.startswith("throttle:test:")


def test_a_counter_lost_between_add_and_incr_starts_again(small_limit, monkeypatch):
    monkeypatch.setattr(throttle.cache, "add", lambda *args, **kwargs: True)
    assert throttle.allow("test", "evicted")
