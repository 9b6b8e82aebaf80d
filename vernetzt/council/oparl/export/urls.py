from django.urls import path, register_converter

from vernetzt.council.oparl.export import views
from vernetzt.council.oparl.export.objects import KINDS

app_name = "oparl"


class KindConverter:
    """The object types with a list and objects of their own, by their OParl names."""

    regex = "|".join(KINDS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(KindConverter, "oparl_kind")

urlpatterns = [
    path("system/", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/1/", views.body, name="body"),
    path("body/1/<oparl_kind:kind>/", views.object_list, name="list"),
    path("<oparl_kind:kind>/<int:pk>/", views.object_detail, name="object"),
    path(
        "organization/<int:pk>/meeting/", views.organization_meetings, name="organization_meetings"
    ),
]
