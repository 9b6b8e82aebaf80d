"""The council pages; each area keeps its URL list in its own module under ``council/views``."""

app_name = "council"

urlpatterns = []
