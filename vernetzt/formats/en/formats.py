"""English as written in Europe (en-GB): 29/11/2026, 29 Nov 2026, 14:30, not US formats.

Why: vernetzt's English readers are in Germany; "11/12/2026" must mean 11 December.
"""

from django.conf.locale.en_GB.formats import *  # noqa: F403

# Times on the 24-hour clock, as everywhere else in a German town's service.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
