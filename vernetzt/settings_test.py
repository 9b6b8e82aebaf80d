"""Settings for the test suite: the production settings, minus what needs a deployed server."""

import os

os.environ.setdefault("VERNETZT_SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("VERNETZT_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("VERNETZT_STATIC_MANIFEST", "0")

from vernetzt.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once, inside the call that enqueues them, so tests see their effects.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One process: an in-memory cache, emptied before each test (tests/conftest.py), so parallel
# test runs never share cached pages.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
