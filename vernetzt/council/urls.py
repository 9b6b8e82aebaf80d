"""The council pages; each area keeps its URL list in its own module under ``council/views``."""

app_name = "council"

urlpatterns = []

# Bodies and meetings (``council/views/bodies.py``, ``council/views/meetings.py``).
from vernetzt.council.views import bodies as _bodies  # noqa: E402
from vernetzt.council.views import meetings as _meetings  # noqa: E402

urlpatterns += _bodies.urlpatterns + _meetings.urlpatterns
