"""Dates and numbers in the reader's locale: English as written in Europe, Arabic day first."""

import datetime

import pytest
from django.utils import formats, translation

DAY = datetime.date(2026, 11, 3)
MOMENT = datetime.datetime(2026, 11, 3, 14, 5)


@pytest.mark.parametrize(
    ("language", "short_date"),
    [("de", "03.11.2026"), ("en", "03/11/2026"), ("uk", "03.11.2026"), ("ru", "03.11.2026")],
)
def test_short_dates_put_the_day_first(language, short_date):
    with translation.override(language):
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == short_date


def test_english_is_british_english_on_a_24_hour_clock():
    with translation.override("en"):
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == "03/11/2026 14:05"
        assert formats.date_format(MOMENT, "DATETIME_FORMAT") == "3 Nov 2026, 14:05"
        assert formats.date_format(DAY) == "3 Nov 2026"
        assert formats.number_format(12345.5, 1, force_grouping=True) == "12,345.5"


def test_arabic_date_and_time_keep_the_day_first_too():
    with translation.override("ar"):
        short_date = formats.date_format(DAY, "SHORT_DATE_FORMAT")
        assert short_date.replace("\u200f", "") == "03/11/2026"
        assert formats.date_format(MOMENT, "SHORT_DATETIME_FORMAT") == f"{short_date} 14:05"
        assert "2:05" not in formats.date_format(MOMENT, "DATETIME_FORMAT")


def test_german_numbers_group_with_dots():
    with translation.override("de"):
        assert formats.number_format(12345.5, 1, force_grouping=True) == "12.345,5"
