"""Locale formats where Django's default for a language code is not the one vernetzt means.

Django looks here first (``FORMAT_MODULE_PATH``), then in its own locales.
"""
