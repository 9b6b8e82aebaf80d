from django.urls import path

from vernetzt.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("datenschutz/", views.privacy, name="privacy"),
    path("datenschutz/anfrage/", views.privacy_request, name="privacy_request"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("impressum/", views.imprint, name="imprint"),
]
