"""Arabic: Django's short date is day/month/year, but its short date-time puts the month first
(11/03/2026 for 3 November) and its long one is the US default; both day first here,
with a 24-hour clock."""

from django.conf.locale.ar.formats import *  # noqa: F403
from django.conf.locale.ar.formats import DATE_FORMAT, SHORT_DATE_FORMAT

TIME_FORMAT = "H:i"
DATETIME_FORMAT = f"{DATE_FORMAT} H:i"
SHORT_DATETIME_FORMAT = f"{SHORT_DATE_FORMAT} H:i"
