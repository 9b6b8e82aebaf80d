"""The council pages; each area keeps its URL list in its own module under ``council/views``."""

app_name = "council"

urlpatterns = []

# Bodies and meetings (``council/views/bodies.py``, ``council/views/meetings.py``).
from vernetzt.council.views import bodies as _bodies  # noqa: E402
from vernetzt.council.views import meetings as _meetings  # noqa: E402

urlpatterns += _bodies.urlpatterns + _meetings.urlpatterns

# Staff tools and the council report (``council/views/staff.py``, ``council/views/reports.py``).
from vernetzt.council.views import reports as _reports  # noqa: E402
from vernetzt.council.views import staff as _staff  # noqa: E402

urlpatterns += _staff.urlpatterns + _reports.urlpatterns

# Papers, measures and the accountability overview (``council/views/papers.py``,
# ``council/views/measures.py``, ``council/views/accountability.py``).
from vernetzt.council.views import accountability as _accountability  # noqa: E402
from vernetzt.council.views import measures as _measures  # noqa: E402
from vernetzt.council.views import papers as _papers  # noqa: E402

urlpatterns += _papers.urlpatterns + _measures.urlpatterns + _accountability.urlpatterns
