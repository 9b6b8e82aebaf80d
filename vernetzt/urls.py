from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from vernetzt.core import views as core_views
from vernetzt.core.api import platform_api

admin.site.site_header = _("vernetzt administration")
admin.site.site_title = _("vernetzt")

urlpatterns = [
    path("", include("vernetzt.core.urls")),
    path("", include("vernetzt.directory.urls")),
    path("konto/", include("vernetzt.accounts.urls")),
    path("netzwerk/", include("vernetzt.network.urls")),
    path("gremien/", include("vernetzt.council.urls")),
    path("veranstaltungen/", include("vernetzt.events.urls")),
    path("api/v1/", platform_api().urls),
    path("oparl/v1/", include("vernetzt.council.oparl.export.urls")),
    path("i18n/setlang/", core_views.set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
]
