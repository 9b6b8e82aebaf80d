import re
from pathlib import Path

import pytest
from django.urls import reverse

import vernetzt

TEMPLATE_ROOT = Path(vernetzt.__file__).parent
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+=", re.IGNORECASE)


def all_templates():
    return sorted(TEMPLATE_ROOT.rglob("templates/**/*.html"))


def test_there_are_templates_to_check():
    assert len(all_templates()) > 10


@pytest.mark.parametrize("path", all_templates(), ids=lambda path: str(path.relative_to(TEMPLATE_ROOT)))
def test_templates_have_no_inline_script_or_style(path):
    source = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(source), "inline <script> (the CSP forbids it)"
    assert not INLINE_STYLE.search(source), "inline style (the CSP forbids it)"
    assert not INLINE_HANDLER.search(source), "inline event handler (the CSP forbids it)"


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    response = client.get(reverse("core:home"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_forms_are_protected_against_csrf(client):
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == 403


@pytest.mark.django_db
def test_html_declares_language_and_direction(client):
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="ar")
    assert b'lang="ar" dir="rtl"' in response.content
    response = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="de")
    assert b'lang="de" dir="ltr"' in response.content


@pytest.mark.django_db
def test_health_answers(client):
    assert client.get(reverse("core:health")).json() == {"status": "ok"}
