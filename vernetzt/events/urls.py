from django.urls import path

from vernetzt.events.views import office, public, registrations

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="event_list"),
    path("neu/", office.event_create, name="event_create"),
    path("meine/", registrations.my_registrations, name="my_registrations"),
    path("anmeldung/<str:token>/", registrations.registration, name="registration"),
    path("anmeldung/<str:token>/bestaetigen/", registrations.confirm, name="registration_confirm"),
    path("anmeldung/<str:token>/zusagen/", registrations.accept, name="registration_accept"),
    path("anmeldung/<str:token>/absagen/", registrations.cancel, name="registration_cancel"),
    path("anmeldung/<str:token>/kalender.ics", registrations.ical_file, name="registration_ical"),
    path("<slug:slug>/", public.event_detail, name="event_detail"),
    path("<slug:slug>/kalender.ics", public.event_ical, name="event_ical"),
    path("<slug:slug>/anmelden/", registrations.register, name="register"),
    path("<slug:slug>/anmelden/gesendet/", registrations.sent, name="registration_sent"),
    path("<slug:slug>/bearbeiten/", office.event_edit, name="event_edit"),
    path("<slug:slug>/programm/", office.programme, name="programme"),
    path("<slug:slug>/raeume/<int:pk>/", office.room_edit, name="room_edit"),
    path("<slug:slug>/raeume/<int:pk>/loeschen/", office.room_delete, name="room_delete"),
    path("<slug:slug>/zeiten/<int:pk>/", office.slot_edit, name="slot_edit"),
    path("<slug:slug>/zeiten/<int:pk>/loeschen/", office.slot_delete, name="slot_delete"),
    path("<slug:slug>/teilnehmende/", office.participants, name="participants"),
    path(
        "<slug:slug>/teilnehmende.<str:fmt>",
        office.participants_export,
        name="participants_export",
    ),
    path("<slug:slug>/einlass/", office.checkin, name="checkin"),
    path("<slug:slug>/einlass/<int:pk>/", office.checkin_person, name="checkin_person"),
]
